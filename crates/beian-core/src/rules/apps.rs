//! The APPs of a filing (`../shared/domain/app-filing.md` §1, §2, §4): a name checked with
//! the website-name word lists (Latin names allowed; no emoji), and for each package the
//! 包名 format of its platform, the fingerprint's length (32 hex for Android, 40 for iOS
//! and HarmonyOS), a public key in hex, and what reading the package found: a debug or
//! development certificate, an expired one or one that expires during the review, a
//! package name typed differently from the one read.

use chrono::NaiveDate;

use super::arg::Arg;
use super::data::Tables;
use super::names::{NameContext, check_website_name};
use super::report::{Report, Severity};
use crate::model::apps::{
    App, AppPackage, MAX_MINI_SERVICE_TYPES, MiniPlatform, MiniProgram, Platform,
};
use crate::model::{Draft, Field, FieldKey, IssueCode, Scope};

/// Days from export to approval a certificate must still be valid for: the provider's
/// review, the MIIT SMS and up to 20 working days at the bureau.
pub const REVIEW_DAYS: i64 = 30;

/// Whether `name` is a package name of `platform`: Android and HarmonyOS take Java-style
/// names (`com.example.app`: two or more parts of letters, digits and `_`, each starting
/// with a letter); iOS Bundle IDs also allow `-` and parts starting with a digit.
pub fn package_name_ok(name: &str, platform: Platform) -> bool {
    let parts: Vec<&str> = name.split('.').collect();
    if parts.len() < 2 || name.chars().count() > 155 {
        return false;
    }
    parts.iter().all(|p| {
        let mut chars = p.chars();
        match (platform, chars.next()) {
            (_, None) => false,
            (Platform::Ios, Some(c)) => {
                (c.is_ascii_alphanumeric() || c == '-')
                    && chars.all(|c| c.is_ascii_alphanumeric() || c == '-')
            }
            (_, Some(c)) => {
                c.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
            }
        }
    })
}

fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0xFE0F)
}

fn check_name(app: &App, key: FieldKey, draft: &Draft, tables: &Tables, report: &mut Report) {
    report.require(key, !app.name.trim().is_empty());
    if app.name.trim().is_empty() {
        return;
    }
    let kinds: Vec<_> = if app.no_pre_approval {
        Vec::new()
    } else {
        app.pre_approvals.iter().map(|p| p.kind).collect()
    };
    let ctx = NameContext {
        personal: !draft.is_unit(),
        province: draft.filing.province.get(..2),
        pre_approvals: &kinds,
    };
    // An APP may have a Latin name, and a personal APP's name is not held to ten characters.
    for f in check_website_name(&app.name, ctx, tables).into_vec() {
        if !matches!(
            f.code,
            IssueCode::WebsiteNameLatinOnly | IssueCode::WebsiteNameLongPersonal
        ) {
            report.push(key, f.code, f.severity, f.args);
        }
    }
    if app.name.chars().any(is_emoji) {
        report.push(key, IssueCode::AppNameEmoji, Severity::Error, Vec::new());
    }
}

fn check_package(p: &AppPackage, scope: Scope, today: NaiveDate, report: &mut Report) {
    let key = |field| FieldKey::new(scope, field);
    let name = p.package_name.trim();
    report.require(key(Field::PackageName), !name.is_empty());
    if !name.is_empty() && !package_name_ok(name, p.platform) {
        report.push(
            key(Field::PackageName),
            IssueCode::AppPackageNameFormat,
            Severity::Error,
            vec![("platform", Arg::Text(p.platform.key().into()))],
        );
    }
    report.require(key(Field::PublicKey), !p.public_key.trim().is_empty());
    if !p.public_key.trim().is_empty()
        && crate::packages::cert::normalize_hex(&p.public_key).is_none()
        && !looks_like_base64(&p.public_key)
    {
        report.push(
            key(Field::PublicKey),
            IssueCode::AppPublicKeyFormat,
            Severity::Error,
            Vec::new(),
        );
    }
    report.require(key(Field::Fingerprint), !p.fingerprint.trim().is_empty());
    if !p.fingerprint.trim().is_empty() {
        let len = p.platform.fingerprint_len();
        let ok =
            crate::packages::cert::normalize_hex(&p.fingerprint).is_some_and(|h| h.len() == len);
        if !ok {
            report.push(
                key(Field::Fingerprint),
                IssueCode::AppFingerprintFormat,
                Severity::Error,
                vec![("length", Arg::Count(len as u64))],
            );
        }
    }
    if let Some(read) = &p.read {
        check_read(p, read, key, today, report);
    }
}

fn looks_like_base64(text: &str) -> bool {
    let t = text.trim();
    t.len() >= 64
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='))
}

fn check_read(
    p: &AppPackage,
    read: &crate::model::apps::PackageSource,
    key: impl Fn(Field) -> FieldKey,
    today: NaiveDate,
    report: &mut Report,
) {
    for warning in &read.warnings {
        let (code, severity) = match warning.as_str() {
            "debug_certificate" => (IssueCode::AppDebugCertificate, Severity::Error),
            "development_certificate" => (IssueCode::AppDevelopmentCertificate, Severity::Error),
            "store_signed" => (IssueCode::AppStoreSigned, Severity::Error),
            "key_rotation" => (IssueCode::AppKeyRotation, Severity::Notice),
            "several_signers" => (IssueCode::AppSeveralSigners, Severity::Warning),
            _ => continue,
        };
        report.push(
            key(Field::Fingerprint),
            code,
            severity,
            vec![("older", Arg::Text(read.older_md5.clone()))],
        );
    }
    if let Some(end) = read.not_after.map(|t| t.date_naive()) {
        let date = vec![("date", Arg::Text(end.format("%Y-%m-%d").to_string()))];
        if end <= today {
            report.push(
                key(Field::Fingerprint),
                IssueCode::AppCertificateExpired,
                Severity::Error,
                date,
            );
        } else if end <= today + chrono::Duration::days(REVIEW_DAYS) {
            report.push(
                key(Field::Fingerprint),
                IssueCode::AppCertificateExpiresSoon,
                Severity::Warning,
                date,
            );
        }
    }
    if let Some(read_name) = &read.package_name
        && !p.package_name.trim().is_empty()
        && p.package_name.trim() != read_name
    {
        report.push(
            key(Field::PackageName),
            IssueCode::AppPackageNameDiffers,
            Severity::Warning,
            vec![("read", Arg::Text(read_name.clone()))],
        );
    }
}

/// Adds the issues of every APP.
pub(super) fn check(draft: &Draft, report: &mut Report, ctx: &super::people::Ctx<'_>) {
    let (today, tables) = (ctx.today, ctx.tables);
    for (i, app) in draft.apps.iter().enumerate() {
        if draft.is_unit() {
            let scope = Scope::AppResponsible(i);
            super::required::person(report, scope, &app.responsible, true, true);
            super::people::check_person(report, scope, &app.responsible, true, ctx);
            super::people::check_distinct_contacts(
                report,
                &draft.subject.responsible,
                &app.responsible,
                scope,
            );
        }
        check_name(
            app,
            FieldKey::new(Scope::App(i), Field::Name),
            draft,
            tables,
            report,
        );
        super::app_details::check(draft, i, app, tables, report);
        report.require(
            FieldKey::new(Scope::App(i), Field::Packages),
            !app.packages.is_empty(),
        );
        for (j, p) in app.packages.iter().enumerate() {
            check_package(p, Scope::AppPackage(i, j), today, report);
        }
        // The same APP on two platforms usually keeps one package name; a different one is
        // allowed but worth a second look.
        let names: Vec<&str> = app
            .packages
            .iter()
            .map(|p| p.package_name.trim())
            .filter(|n| !n.is_empty())
            .collect();
        if let Some(first) = names.first()
            && names.iter().any(|n| n != first)
        {
            report.push(
                FieldKey::new(Scope::App(i), Field::Packages),
                IssueCode::AppPackageNamesDiffer,
                Severity::Notice,
                vec![(
                    "names",
                    Arg::List(names.iter().map(|n| Arg::Text((*n).to_owned())).collect()),
                )],
            );
        }
    }
}

/// Whether `id` has the AppID format of `platform`: 微信 `wx` and 16 hex digits, 抖音 `tt`
/// and 16 hex digits, 支付宝 16 digits, 百度 letters and digits, a quick app a package name.
pub fn mini_app_id_ok(id: &str, platform: MiniPlatform) -> bool {
    let hex16 = |rest: &str| rest.len() == 16 && rest.chars().all(|c| c.is_ascii_hexdigit());
    match platform {
        MiniPlatform::WeChat => id.strip_prefix("wx").is_some_and(hex16),
        MiniPlatform::Douyin => id.strip_prefix("tt").is_some_and(hex16),
        MiniPlatform::Alipay => id.len() == 16 && id.chars().all(|c| c.is_ascii_digit()),
        MiniPlatform::Baidu => {
            (1..=64).contains(&id.len()) && id.chars().all(|c| c.is_ascii_alphanumeric())
        }
        MiniPlatform::QuickApp => package_name_ok(id, Platform::Android),
    }
}

fn check_mini(
    m: &MiniProgram,
    i: usize,
    draft: &Draft,
    report: &mut Report,
    ctx: &super::people::Ctx<'_>,
) {
    let key = |field| FieldKey::new(Scope::Mini(i), field);
    let id = m.app_id.trim();
    report.require(key(Field::AppId), !id.is_empty());
    if !id.is_empty() && !mini_app_id_ok(id, m.platform) {
        report.push(
            key(Field::AppId),
            IssueCode::MiniAppIdFormat,
            Severity::Error,
            vec![("platform", Arg::Text(m.platform.key().into()))],
        );
    }
    let as_app = App {
        name: m.name.clone(),
        ..App::default()
    };
    check_name(&as_app, key(Field::Name), draft, ctx.tables, report);
    let types = m.service_type_list();
    report.require(key(Field::ServiceContent), !types.is_empty());
    if types.len() > MAX_MINI_SERVICE_TYPES {
        report.push(
            key(Field::ServiceContent),
            IssueCode::MiniServiceTypesTooMany,
            Severity::Error,
            vec![("count", Arg::Count(types.len() as u64))],
        );
    }
    report.require(
        key(Field::PreApproval),
        m.no_pre_approval || !m.pre_approvals.trim().is_empty(),
    );
    let chars = m.description.trim().chars().count();
    report.require(key(Field::Remark), chars > 0);
    if chars > 0 && !(20..=200).contains(&chars) {
        report.push(
            key(Field::Remark),
            IssueCode::MiniDescriptionLength,
            Severity::Error,
            vec![("count", Arg::Count(chars as u64))],
        );
    }
    if chars > 0 {
        let name_ctx = NameContext {
            personal: !draft.is_unit(),
            province: draft.filing.province.get(..2),
            pre_approvals: &[],
        };
        report.add_findings(
            key(Field::Remark),
            super::names::check_remark(&m.description, name_ctx, ctx.tables),
        );
    }
    if draft.is_unit() {
        let scope = Scope::MiniResponsible(i);
        super::required::person(report, scope, &m.responsible, true, true);
        super::people::check_person(report, scope, &m.responsible, true, ctx);
        super::people::check_distinct_contacts(
            report,
            &draft.subject.responsible,
            &m.responsible,
            scope,
        );
    }
}

/// Adds the issues of every mini-program and quick app.
pub(super) fn check_minis(draft: &Draft, report: &mut Report, ctx: &super::people::Ctx<'_>) {
    for (i, m) in draft.mini_programs.iter().enumerate() {
        check_mini(m, i, draft, report, ctx);
    }
}
