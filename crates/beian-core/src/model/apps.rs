//! The services of a filing besides websites (`../shared/domain/app-filing.md`): APPs,
//! filed with their 特征信息 per platform — 包名, 公钥 and 签名MD5值 for each package,
//! read from the package itself where the applicant drops it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::enums::keyed_enum;

keyed_enum! {
    /// A platform an APP is published on; each package block names one.
    #[derive(Default)]
    pub enum Platform : "platform" {
        /// Android: 包名, 公钥, 签名MD5值 (the certificate's MD5).
        #[default]
        Android => "android",
        /// iOS: Bundle ID, 公钥, and the certificate's SHA-1 in the 签名MD5值 field.
        Ios => "ios",
        /// HarmonyOS: bundleName, 公钥, the certificate's SHA-1.
        Harmony => "harmony",
        /// Another platform.
        Other => "other",
    }
}

impl Platform {
    /// How many hex digits the fingerprint field takes on this platform: 32 (MD5) for
    /// Android and others, 40 (SHA-1) for iOS and HarmonyOS.
    pub fn fingerprint_len(self) -> usize {
        match self {
            Platform::Android | Platform::Other => 32,
            Platform::Ios | Platform::Harmony => 40,
        }
    }
}

/// What was read from a file dropped on a package block: shown beside the values, kept as
/// evidence (the certificate goes into the bundle with the filing).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PackageSource {
    /// The file's name (not its folder).
    pub file_name: String,
    /// The package name the file says, when it says one.
    pub package_name: Option<String>,
    /// Where the certificate was found (`packages::Scheme::key`).
    pub scheme: String,
    /// The certificate's subject.
    pub subject: String,
    /// The certificate's end of validity.
    pub not_after: Option<DateTime<Utc>>,
    /// The certificate, DER in base64 (the evidence).
    pub certificate: String,
    /// The warnings found (`packages::PackageWarning::key`), with their messages'
    /// arguments kept in `warning_args`.
    pub warnings: Vec<String>,
    /// For a key rotation: the older certificate's MD5 (the newer one is filled in).
    pub older_md5: String,
}

/// One package of an APP on one platform.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppPackage {
    /// The platform.
    pub platform: Platform,
    /// 包名 / Bundle ID / bundleName.
    pub package_name: String,
    /// 公钥.
    pub public_key: String,
    /// 签名MD5值 (an MD5 for Android, a SHA-1 for iOS and HarmonyOS).
    pub fingerprint: String,
    /// What was read from a dropped file; `None` when typed.
    pub read: Option<PackageSource>,
}

/// One APP of the filing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct App {
    /// APP名称, the same on every platform.
    pub name: String,
    /// 服务内容.
    pub service_content: String,
    /// 语言.
    pub language: String,
    /// One block per package (several per platform allowed).
    pub packages: Vec<AppPackage>,
    /// 前置或专项审批 (单位 filings, as for websites).
    pub pre_approvals: Vec<super::person::PreApproval>,
    /// 以上都不涉及: no pre-approval applies.
    pub no_pre_approval: bool,
    /// 不使用第三方SDK: the APP uses no third-party SDK (an answer is required either way).
    pub no_sdk: bool,
    /// The third-party SDKs the APP uses: vendor and type.
    pub sdks: Vec<Sdk>,
    /// The domains the APP calls, one per line.
    pub domains: String,
    /// The public IPs the APP's servers answer on, one per line; empty: the filing's
    /// server IP.
    pub server_ips: String,
    /// APP负责人 (单位 filings; a 个人 filing's applicant is responsible for everything).
    pub responsible: super::person::Person,
    /// 备注.
    pub remark: String,
    /// The APP's 备案号 (`…号-nA`), once issued.
    pub icp_number: String,
}

/// A third-party SDK an APP uses.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Sdk {
    /// 服务厂商, e.g. "北京小米移动软件有限公司".
    pub vendor: String,
    /// 功能类型: a key of the shipped SDK types (`model::catalog::AppCatalog`).
    pub kind: String,
}

/// The 语言 choices of an APP: BCP 47 tags and the language's own name ("other" is named
/// in the UI language).
pub const LANGUAGES: &[(&str, &str)] = &[
    ("zh-CN", "中文（简体）"),
    ("zh-TW", "中文（繁體）"),
    ("en", "English"),
    ("other", ""),
];

/// The name of language `tag` as shown: its own name, or "其他语言" / "Other language".
pub fn language_name(tag: &str, locale: crate::i18n::Locale) -> String {
    match LANGUAGES.iter().find(|(t, _)| *t == tag) {
        Some((_, name)) if !name.is_empty() => (*name).to_owned(),
        Some(_) => crate::i18n::t(locale, "apps.language.other").into_owned(),
        None => tag.to_owned(),
    }
}

/// Splits a one-per-line list, trimmed, empty lines dropped.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

impl Default for App {
    fn default() -> Self {
        App {
            name: String::new(),
            service_content: String::new(),
            language: "zh-CN".into(),
            packages: vec![AppPackage::default()],
            pre_approvals: Vec::new(),
            no_pre_approval: false,
            no_sdk: false,
            sdks: Vec::new(),
            domains: String::new(),
            server_ips: String::new(),
            responsible: super::person::Person::default(),
            remark: String::new(),
            icp_number: String::new(),
        }
    }
}

keyed_enum! {
    /// Where a mini-program or quick app is filed: on its own platform, not through a
    /// cloud provider.
    #[derive(Default)]
    pub enum MiniPlatform : "mini_platform" {
        /// 微信小程序 (微信公众平台).
        #[default]
        WeChat => "wechat",
        /// 支付宝小程序.
        Alipay => "alipay",
        /// 抖音小程序.
        Douyin => "douyin",
        /// 百度智能小程序.
        Baidu => "baidu",
        /// 快应用 (华为快应用核准, or the three telecom operators).
        QuickApp => "quick_app",
    }
}

/// The most 服务内容 types a mini-program may name.
pub const MAX_MINI_SERVICE_TYPES: usize = 5;

/// One mini-program or quick app of the filing. It is filed on its platform, so beian's
/// output for it is the values and papers that platform's form asks for; no domain, IP,
/// package or key is asked.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MiniProgram {
    /// The platform it is published on.
    pub platform: MiniPlatform,
    /// AppID (微信: `wx` and 16 hex digits).
    pub app_id: String,
    /// Its name.
    pub name: String,
    /// 服务内容: up to five types, one per line.
    pub service_types: String,
    /// 以上都不涉及: no pre-approval applies (an answer is required either way).
    pub no_pre_approval: bool,
    /// 前置审批: the approvals held, type and number, one per line.
    pub pre_approvals: String,
    /// 备注: what it actually does, 20–200 characters.
    pub description: String,
    /// 小程序负责人 (单位 filings).
    pub responsible: super::person::Person,
    /// Its 备案号 (`…号-nX`, a quick app's `…号-nK`), once issued.
    pub icp_number: String,
}

impl MiniPlatform {
    /// The letter its record numbers end in: `K` for a quick app, `X` for a mini-program.
    pub fn number_letter(self) -> char {
        match self {
            MiniPlatform::QuickApp => 'K',
            _ => 'X',
        }
    }
}

impl MiniProgram {
    /// The 服务内容 types, one per non-empty line.
    pub fn service_type_list(&self) -> Vec<&str> {
        lines(&self.service_types).collect()
    }
}

impl super::Draft {
    /// Whether the filing holds services besides websites (APPs, mini-programs, quick
    /// apps): the services step is then called 网站与APP信息.
    pub fn has_app_services(&self) -> bool {
        !self.apps.is_empty() || !self.mini_programs.is_empty()
    }

    /// Which kinds of service the filing holds (what the services step is called).
    pub fn services_held(&self) -> super::step::ServicesHeld {
        use super::step::ServicesHeld;
        if self.filing.no_website {
            ServicesHeld::AppsOnly
        } else if self.has_app_services() {
            ServicesHeld::WebsitesAndApps
        } else {
            ServicesHeld::Websites
        }
    }
}
