//! Field keys: which field of the draft an issue belongs to, so the UI can show the issue
//! beside the field and jump to it. A key prints as a path such as
//! `websites[1].responsible.mobile`, which is also its form in the CLI's JSON.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::document::DocKind;
use super::step::Step;
use crate::i18n::Locale;

/// The part of the draft a field belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// 备案类型.
    Filing,
    /// 主体信息.
    Subject,
    /// 法定代表人.
    LegalRep,
    /// 主体负责人.
    SubjectResponsible,
    /// Website `n` (from 0).
    Website(usize),
    /// The responsible person of website `n`.
    WebsiteResponsible(usize),
    /// APP `n` (from 0).
    App(usize),
    /// Package block `m` of APP `n`.
    AppPackage(usize, usize),
    /// The responsible person of APP `n`.
    AppResponsible(usize),
    /// Mini-program or quick app `n` (from 0).
    Mini(usize),
    /// The responsible person of mini-program `n`.
    MiniResponsible(usize),
    /// 材料与核验.
    Materials,
    /// 核对与导出.
    Review,
}

/// A field within its scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// 个人 / 单位.
    Kind,
    /// 备案类型: the kind of filing.
    Procedure,
    /// Why a subject or website is cancelled or its access removed.
    CancelReason,
    /// Province of the filing region.
    Province,
    /// City of the filing region.
    City,
    /// District of the filing region.
    District,
    /// 主办者性质.
    HostNature,
    /// 证件类型.
    CertType,
    /// 证件号码.
    CertNumber,
    /// 证件有效期起.
    ValidityStart,
    /// 证件有效期止.
    ValidityEnd,
    /// 域名.
    Domain,
    /// Server IP or authorization code.
    CloudMode,
    /// 服务器 IP.
    ServerIp,
    /// 备案授权码.
    AuthCode,
    /// 单位名称/姓名, 负责人姓名, 网站名称.
    Name,
    /// 主体/网站备案号.
    IcpNumber,
    /// 备案密码.
    IcpPassword,
    /// 证件地址.
    CertAddress,
    /// 投资人或主管单位.
    Investor,
    /// 通信地址.
    MailingAddress,
    /// 备注.
    Remark,
    /// 联系方式1.
    Mobile,
    /// 联系方式2.
    Phone2,
    /// 应急联系方式.
    EmergencyPhone,
    /// 邮箱.
    Email,
    /// 首页 URL.
    Homepage,
    /// 域名注册商.
    DomainRegistrar,
    /// 域名持有者.
    DomainHolder,
    /// 域名到期日.
    DomainExpiry,
    /// 域名实名认证.
    DomainRealName,
    /// 前置或专项审批.
    PreApproval,
    /// The face verification photo.
    FacePhoto,
    /// The documents.
    Documents,
    /// The acknowledgement of warnings.
    Acknowledgement,
    /// 服务内容 of an APP.
    ServiceContent,
    /// 语言 of an APP.
    Language,
    /// The package blocks of an APP.
    Packages,
    /// The platform of an APP package.
    Platform,
    /// 包名 / Bundle ID.
    PackageName,
    /// 公钥.
    PublicKey,
    /// 签名MD5值 (the certificate's fingerprint).
    Fingerprint,
    /// A mini-program's AppID.
    AppId,
    /// The third-party SDKs of an APP.
    Sdk,
    /// A document of the given kind belonging to the scope's person, website or subject.
    Document(DocKind),
}

impl Field {
    /// The field's key within its scope.
    pub fn key(self) -> &'static str {
        match self {
            Field::Kind => "kind",
            Field::Procedure => "procedure",
            Field::CancelReason => "cancel_reason",
            Field::Province => "province",
            Field::City => "city",
            Field::District => "district",
            Field::HostNature => "host_nature",
            Field::CertType => "cert_type",
            Field::CertNumber => "cert_number",
            Field::ValidityStart => "validity_start",
            Field::ValidityEnd => "validity_end",
            Field::Domain => "domain",
            Field::CloudMode => "cloud_mode",
            Field::ServerIp => "server_ip",
            Field::AuthCode => "auth_code",
            Field::Name => "name",
            Field::IcpNumber => "icp_number",
            Field::IcpPassword => "icp_password",
            Field::CertAddress => "cert_address",
            Field::Investor => "investor",
            Field::MailingAddress => "mailing_address",
            Field::Remark => "remark",
            Field::Mobile => "mobile",
            Field::Phone2 => "phone2",
            Field::EmergencyPhone => "emergency_phone",
            Field::Email => "email",
            Field::Homepage => "homepage",
            Field::DomainRegistrar => "domain_registrar",
            Field::DomainHolder => "domain_holder",
            Field::DomainExpiry => "domain_expiry",
            Field::DomainRealName => "domain_real_name",
            Field::PreApproval => "pre_approval",
            Field::FacePhoto => "face_photo",
            Field::Documents => "documents",
            Field::Acknowledgement => "acknowledgement",
            Field::ServiceContent => "service_content",
            Field::Language => "language",
            Field::Packages => "packages",
            Field::Platform => "platform",
            Field::PackageName => "package_name",
            Field::PublicKey => "public_key",
            Field::Fingerprint => "fingerprint",
            Field::AppId => "app_id",
            Field::Sdk => "sdk",
            Field::Document(_) => "document",
        }
    }

    /// Every field.
    pub const ALL: [Field; 44] = [
        Field::Kind,
        Field::Procedure,
        Field::CancelReason,
        Field::Province,
        Field::City,
        Field::District,
        Field::HostNature,
        Field::CertType,
        Field::CertNumber,
        Field::ValidityStart,
        Field::ValidityEnd,
        Field::Domain,
        Field::CloudMode,
        Field::ServerIp,
        Field::AuthCode,
        Field::Name,
        Field::IcpNumber,
        Field::IcpPassword,
        Field::CertAddress,
        Field::Investor,
        Field::MailingAddress,
        Field::Remark,
        Field::Mobile,
        Field::Phone2,
        Field::EmergencyPhone,
        Field::Email,
        Field::Homepage,
        Field::DomainRegistrar,
        Field::DomainHolder,
        Field::DomainExpiry,
        Field::DomainRealName,
        Field::PreApproval,
        Field::FacePhoto,
        Field::Documents,
        Field::Acknowledgement,
        Field::ServiceContent,
        Field::Language,
        Field::Packages,
        Field::Platform,
        Field::PackageName,
        Field::PublicKey,
        Field::Fingerprint,
        Field::AppId,
        Field::Sdk,
    ];

    fn from_key(key: &str) -> Option<Field> {
        Field::ALL.iter().copied().find(|f| f.key() == key)
    }
}

/// Which field of the draft: a scope and a field within it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldKey {
    /// The part of the draft.
    pub scope: Scope,
    /// The field in it.
    pub field: Field,
}

impl FieldKey {
    /// A field key.
    pub const fn new(scope: Scope, field: Field) -> FieldKey {
        FieldKey { scope, field }
    }

    /// The step that shows this field.
    pub fn step(self) -> Step {
        if matches!(self.field, Field::Document(_) | Field::FacePhoto) {
            return Step::Materials;
        }
        // The subject's record number and password are asked on the type step, which
        // decides the kind of filing from them.
        if self.scope == Scope::Subject
            && matches!(self.field, Field::IcpNumber | Field::IcpPassword)
        {
            return Step::FilingType;
        }
        match self.scope {
            Scope::Filing => Step::FilingType,
            Scope::Subject | Scope::LegalRep | Scope::SubjectResponsible => Step::Subject,
            Scope::Website(_)
            | Scope::WebsiteResponsible(_)
            | Scope::App(_)
            | Scope::AppPackage(..)
            | Scope::AppResponsible(_)
            | Scope::Mini(_)
            | Scope::MiniResponsible(_) => Step::Websites,
            Scope::Materials => Step::Materials,
            Scope::Review => Step::Review,
        }
    }

    /// The website this field belongs to, if any.
    pub fn website(self) -> Option<usize> {
        match self.scope {
            Scope::Website(i) | Scope::WebsiteResponsible(i) => Some(i),
            _ => None,
        }
    }

    /// The field's name in `locale`; a document's name says whose it is
    /// (e.g. "身份证人像面（网站 2 负责人）").
    pub fn label(self, locale: Locale) -> String {
        let kind = match self.field {
            Field::Document(kind) => kind,
            // A person's face photo says whose it is, as a document does.
            Field::FacePhoto if self.scope != Scope::Materials => {
                let title = crate::i18n::t(locale, "field.materials.face_photo");
                return match self.scope {
                    Scope::AppResponsible(i) => crate::i18n::tf(
                        locale,
                        "owner.titled",
                        &[
                            ("title", &title),
                            (
                                "owner",
                                &crate::i18n::tf(
                                    locale,
                                    "owner.app_responsible",
                                    &[("n", &(i + 1).to_string())],
                                ),
                            ),
                        ],
                    ),
                    Scope::WebsiteResponsible(i) => crate::i18n::tf(
                        locale,
                        "owner.titled",
                        &[
                            ("title", &title),
                            (
                                "owner",
                                &crate::i18n::tf(
                                    locale,
                                    "owner.website_responsible",
                                    &[("n", &(i + 1).to_string())],
                                ),
                            ),
                        ],
                    ),
                    _ => title.into_owned(),
                };
            }
            _ => return crate::i18n::t(locale, &self.label_key()).into_owned(),
        };
        let mut title =
            crate::i18n::t(locale, &format!("doc.{}.title", kind.base_key())).into_owned();
        match kind {
            DocKind::PreApproval(k) | DocKind::NotInvolved(k) => {
                title = crate::i18n::fill(&title, &[("kind", &k.label(locale))])
            }
            DocKind::Other(n) => title = crate::i18n::fill(&title, &[("n", &(n + 1).to_string())]),
            DocKind::ProvinceDocument(n) => {
                title = crate::i18n::fill(&title, &[("n", &(n + 1).to_string())])
            }
            _ => {}
        }
        let owner = match self.scope {
            Scope::SubjectResponsible => {
                Some(crate::i18n::t(locale, "owner.subject_responsible").into_owned())
            }
            Scope::LegalRep => Some(crate::i18n::t(locale, "owner.legal_rep").into_owned()),
            Scope::WebsiteResponsible(i) => Some(crate::i18n::tf(
                locale,
                "owner.website_responsible",
                &[("n", &(i + 1).to_string())],
            )),
            Scope::Website(i) => Some(crate::i18n::tf(
                locale,
                "owner.website",
                &[("n", &(i + 1).to_string())],
            )),
            Scope::AppResponsible(i) => Some(crate::i18n::tf(
                locale,
                "owner.app_responsible",
                &[("n", &(i + 1).to_string())],
            )),
            Scope::App(i) => Some(crate::i18n::tf(
                locale,
                "owner.app",
                &[("n", &(i + 1).to_string())],
            )),
            Scope::MiniResponsible(i) => Some(crate::i18n::tf(
                locale,
                "owner.mini_responsible",
                &[("n", &(i + 1).to_string())],
            )),
            _ => None,
        };
        match owner {
            Some(owner) => crate::i18n::tf(
                locale,
                "owner.titled",
                &[("title", &title), ("owner", &owner)],
            ),
            None => title,
        }
    }

    /// The i18n key of the field's label, e.g. `field.person.mobile`.
    pub fn label_key(self) -> String {
        let group = match self.scope {
            Scope::Filing => "filing",
            Scope::Subject => "subject",
            Scope::LegalRep => "legal_rep",
            Scope::SubjectResponsible
            | Scope::WebsiteResponsible(_)
            | Scope::AppResponsible(_)
            | Scope::MiniResponsible(_) => "person",
            Scope::Mini(_) => "mini",
            Scope::Website(_) => "website",
            Scope::App(_) => "app",
            Scope::AppPackage(..) => "app_package",
            Scope::Materials => "materials",
            Scope::Review => "review",
        };
        format!("field.{group}.{}", self.field.key())
    }

    /// The egui id salt of the field's input widget, stable across frames.
    pub fn widget_salt(self) -> String {
        format!("field:{self}")
    }
}

impl fmt::Display for FieldKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let doc;
        let field = match self.field {
            Field::Document(kind) => {
                doc = format!("document.{}", kind.key());
                doc.as_str()
            }
            other => other.key(),
        };
        match self.scope {
            Scope::Filing => write!(f, "filing.{field}"),
            Scope::Subject => write!(f, "subject.{field}"),
            Scope::LegalRep => write!(f, "subject.legal_rep.{field}"),
            Scope::SubjectResponsible => write!(f, "subject.responsible.{field}"),
            Scope::Website(i) => write!(f, "websites[{i}].{field}"),
            Scope::WebsiteResponsible(i) => write!(f, "websites[{i}].responsible.{field}"),
            Scope::App(i) => write!(f, "apps[{i}].{field}"),
            Scope::AppPackage(i, j) => write!(f, "apps[{i}].packages[{j}].{field}"),
            Scope::AppResponsible(i) => write!(f, "apps[{i}].responsible.{field}"),
            Scope::Mini(i) => write!(f, "mini_programs[{i}].{field}"),
            Scope::MiniResponsible(i) => write!(f, "mini_programs[{i}].responsible.{field}"),
            Scope::Materials => write!(f, "materials.{field}"),
            Scope::Review => write!(f, "review.{field}"),
        }
    }
}

/// A string that is not a field key.
#[derive(Debug, thiserror::Error)]
#[error("not a field key: {0}")]
pub struct ParseFieldKeyError(String);

impl FromStr for FieldKey {
    type Err = ParseFieldKeyError;

    fn from_str(s: &str) -> Result<FieldKey, ParseFieldKeyError> {
        let err = || ParseFieldKeyError(s.to_owned());
        let (prefix, field) = match s
            .split_once(".document.")
            .or_else(|| s.strip_prefix("document.").map(|k| ("", k)))
        {
            Some((prefix, kind)) => (
                prefix,
                Field::Document(DocKind::from_key(kind).ok_or_else(err)?),
            ),
            None => {
                let (prefix, field) = s.rsplit_once('.').ok_or_else(err)?;
                (prefix, Field::from_key(field).ok_or_else(err)?)
            }
        };
        let scope = match prefix {
            "filing" => Scope::Filing,
            "subject" => Scope::Subject,
            "subject.legal_rep" => Scope::LegalRep,
            "subject.responsible" => Scope::SubjectResponsible,
            "materials" => Scope::Materials,
            "review" => Scope::Review,
            other if other.starts_with("mini_programs[") => {
                let rest = other.strip_prefix("mini_programs[").ok_or_else(err)?;
                let (index, tail) = rest.split_once(']').ok_or_else(err)?;
                let index: usize = index.parse().map_err(|_| err())?;
                match tail {
                    "" => Scope::Mini(index),
                    ".responsible" => Scope::MiniResponsible(index),
                    _ => return Err(err()),
                }
            }
            other if other.starts_with("apps[") => {
                let rest = other.strip_prefix("apps[").ok_or_else(err)?;
                let (index, tail) = rest.split_once(']').ok_or_else(err)?;
                let index: usize = index.parse().map_err(|_| err())?;
                match tail.strip_prefix(".packages[") {
                    None if tail.is_empty() => Scope::App(index),
                    None if tail == ".responsible" => Scope::AppResponsible(index),
                    Some(rest) => {
                        let package = rest.strip_suffix(']').ok_or_else(err)?;
                        Scope::AppPackage(index, package.parse().map_err(|_| err())?)
                    }
                    None => return Err(err()),
                }
            }
            other => {
                let rest = other.strip_prefix("websites[").ok_or_else(err)?;
                let (index, tail) = rest.split_once(']').ok_or_else(err)?;
                let index: usize = index.parse().map_err(|_| err())?;
                match tail {
                    "" => Scope::Website(index),
                    ".responsible" => Scope::WebsiteResponsible(index),
                    _ => return Err(err()),
                }
            }
        };
        Ok(FieldKey { scope, field })
    }
}

impl Serialize for FieldKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FieldKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<FieldKey, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_through_text() {
        let keys = [
            FieldKey::new(Scope::Filing, Field::CertNumber),
            FieldKey::new(Scope::LegalRep, Field::Name),
            FieldKey::new(Scope::App(2), Field::ServiceContent),
            FieldKey::new(Scope::AppPackage(1, 3), Field::Fingerprint),
            FieldKey::new(Scope::AppResponsible(4), Field::Mobile),
            FieldKey::new(Scope::Mini(1), Field::AppId),
            FieldKey::new(Scope::MiniResponsible(0), Field::Name),
            FieldKey::new(Scope::AppResponsible(0), Field::Document(DocKind::IdFront)),
            FieldKey::new(Scope::SubjectResponsible, Field::Mobile),
            FieldKey::new(Scope::Website(3), Field::Homepage),
            FieldKey::new(Scope::WebsiteResponsible(12), Field::Email),
            FieldKey::new(
                Scope::WebsiteResponsible(1),
                Field::Document(DocKind::IdBack),
            ),
            FieldKey::new(Scope::Subject, Field::Document(DocKind::Other(3))),
            FieldKey::new(
                Scope::Website(0),
                Field::Document(DocKind::PreApproval(crate::model::PreApprovalKind::News)),
            ),
        ];
        for key in keys {
            let text = key.to_string();
            assert_eq!(text.parse::<FieldKey>().unwrap(), key, "{text}");
        }
        assert_eq!(
            FieldKey::new(Scope::WebsiteResponsible(1), Field::Mobile).to_string(),
            "websites[1].responsible.mobile"
        );
    }

    #[test]
    fn malformed_keys_are_refused() {
        for bad in [
            "",
            "filing",
            "filing.nope",
            "websites[x].name",
            "websites[1]x.name",
        ] {
            assert!(bad.parse::<FieldKey>().is_err(), "{bad}");
        }
    }
}
