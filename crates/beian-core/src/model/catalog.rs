//! Closed choices that bureaus change, as data: which certificate types each host nature
//! allows (`assets/data/certificate_types.ron`) and which pre-approval types are offered
//! (`assets/data/pre_approval_types.ron`).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use super::enums::{CertType, FilingKind, HostNature, PreApprovalKind};
use crate::data::{self, Shipped, TableError};

/// The certificate catalogue as shipped.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Catalog {
    /// The edition of the data.
    pub edition: String,
    /// Where the data comes from.
    pub source: String,
    /// Certificate types a person may use, in display order.
    pub personal: Vec<CertType>,
    /// Certificate types each 单位 host nature may use, in display order.
    pub host_natures: BTreeMap<HostNature, Vec<CertType>>,
}

/// One pre-approval type as offered.
#[derive(Clone, Debug, Deserialize)]
pub struct PreApprovalType {
    /// The kind.
    pub key: PreApprovalKind,
    /// Its id in the WeChat ICP API.
    pub wechat_id: u32,
    /// Whether it is a 专项审批 (rather than a 前置审批).
    pub special: bool,
    /// The shapes its approval numbers have, where the issuing authority publishes one
    /// (a number matching any of them passes).
    #[serde(default)]
    pub number_formats: Vec<NumberFormat>,
}

/// One shape of approval number: literal text with `{province}` (a province's 简称),
/// `{year}` (four digits), `{digits}` (one or more digits) and `#` (one digit); brackets
/// match in their full-width and half-width forms.
#[derive(Clone, Debug, Deserialize)]
pub struct NumberFormat {
    /// The shape, e.g. `({province})-非经营性-{year}-{digits}`.
    pub pattern: String,
    /// A number of this shape, shown in the message.
    pub example: String,
    /// Confirmed by the authority's own text (an error), or only seen (a warning).
    pub confirmed: bool,
    /// Where it comes from.
    pub source: String,
}

/// The pre-approval types as shipped.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct PreApprovalTypes {
    /// The edition of the data.
    pub edition: String,
    /// Where the data comes from.
    pub source: String,
    /// The types, in display order.
    pub types: Vec<PreApprovalType>,
}

static PRE_APPROVALS: Shipped<PreApprovalTypes> = Shipped::new(data::PRE_APPROVAL_TYPES);

/// The shipped pre-approval types, or why they cannot be read.
pub fn pre_approval_types() -> Result<&'static PreApprovalTypes, &'static TableError> {
    PRE_APPROVALS.get()
}

/// The pre-approval kinds offered, in display order. If the table cannot be read, every
/// kind beian knows is offered (a choice list, not a rule; the rules report the table as
/// unavailable).
pub fn pre_approval_kinds() -> &'static [PreApprovalKind] {
    &PRE_APPROVAL_KINDS
}

static PRE_APPROVAL_KINDS: LazyLock<Vec<PreApprovalKind>> =
    LazyLock::new(|| match pre_approval_types() {
        Ok(t) => t.types.iter().map(|t| t.key).collect(),
        Err(_) => PreApprovalKind::ALL.to_vec(),
    });

/// One choice of a pick list, named in both languages.
#[derive(Clone, Debug, Deserialize)]
pub struct Choice {
    /// The key kept in drafts.
    pub key: String,
    /// The Chinese name.
    pub zh: String,
    /// The English name.
    pub en: String,
}

impl Choice {
    /// The name in `locale`.
    pub fn name(&self, locale: crate::i18n::Locale) -> &str {
        match locale {
            crate::i18n::Locale::ZhCn => &self.zh,
            crate::i18n::Locale::En => &self.en,
        }
    }
}

/// The pick lists of an APP filing (`assets/data/app_catalog.ron`).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct AppCatalog {
    /// The edition of the data.
    pub edition: String,
    /// Where the data comes from.
    pub source: String,
    /// 服务内容 categories, in display order.
    pub service_contents: Vec<Choice>,
    /// 功能类型 of third-party SDKs, in display order.
    pub sdk_kinds: Vec<Choice>,
}

static APP_CATALOG: Shipped<AppCatalog> = Shipped::new(data::APP_CATALOG);

impl AppCatalog {
    /// The shipped lists, or why they cannot be read.
    pub fn shipped() -> Result<&'static AppCatalog, &'static TableError> {
        APP_CATALOG.get()
    }

    /// The shipped lists; empty if they cannot be read (the rules then report the table).
    pub fn get() -> &'static AppCatalog {
        static EMPTY: AppCatalog = AppCatalog {
            edition: String::new(),
            source: String::new(),
            service_contents: Vec::new(),
            sdk_kinds: Vec::new(),
        };
        AppCatalog::shipped().unwrap_or(&EMPTY)
    }

    /// The name of service content `key` in `locale`; the key itself (an older draft's
    /// typed text) when it is not on the list.
    pub fn service_content_name<'a>(
        &'a self,
        key: &'a str,
        locale: crate::i18n::Locale,
    ) -> &'a str {
        self.service_contents
            .iter()
            .find(|c| c.key == key)
            .map_or(key, |c| c.name(locale))
    }

    /// The name of SDK type `key` in `locale`, or the key.
    pub fn sdk_kind_name<'a>(&'a self, key: &'a str, locale: crate::i18n::Locale) -> &'a str {
        self.sdk_kinds
            .iter()
            .find(|c| c.key == key)
            .map_or(key, |c| c.name(locale))
    }
}

static CATALOG: Shipped<Catalog> = Shipped::new(data::CERTIFICATE_TYPES);

/// What is offered when the catalogue cannot be read: no certificate type (the rules
/// report the table as unavailable, which blocks export).
static NONE: Catalog = Catalog {
    edition: String::new(),
    source: String::new(),
    personal: Vec::new(),
    host_natures: BTreeMap::new(),
};

impl Catalog {
    /// The shipped catalogue, or why it cannot be read.
    pub fn shipped() -> Result<&'static Catalog, &'static TableError> {
        CATALOG.get()
    }

    /// The shipped catalogue; empty if it cannot be read (see [`Catalog::shipped`]).
    pub fn get() -> &'static Catalog {
        Catalog::shipped().unwrap_or(&NONE)
    }

    /// The certificate types the subject of a filing may use.
    pub fn subject_cert_types(&self, kind: FilingKind, nature: Option<HostNature>) -> &[CertType] {
        match kind {
            FilingKind::Personal => &self.personal,
            FilingKind::Unit => nature
                .and_then(|n| self.host_natures.get(&n))
                .map_or(&[], Vec::as_slice),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_lists_parse_with_unique_keys_and_names_in_both_languages() {
        let catalog = AppCatalog::shipped().unwrap();
        for list in [&catalog.service_contents, &catalog.sdk_kinds] {
            assert!(list.len() > 5);
            let keys: std::collections::HashSet<_> = list.iter().map(|c| &c.key).collect();
            assert_eq!(keys.len(), list.len());
            assert!(list.iter().all(|c| !c.zh.is_empty() && !c.en.is_empty()));
            assert_eq!(list.last().map(|c| c.key.as_str()), Some("other"));
        }
        assert_eq!(
            catalog.service_content_name("news", crate::i18n::Locale::ZhCn),
            "新闻资讯"
        );
        assert_eq!(
            catalog.service_content_name("手写", crate::i18n::Locale::En),
            "手写"
        );
    }

    #[test]
    fn the_shipped_catalogue_parses_and_covers_every_host_nature() {
        let catalog = Catalog::shipped().unwrap();
        for nature in HostNature::ALL {
            let types = catalog.subject_cert_types(FilingKind::Unit, Some(*nature));
            assert!(!types.is_empty(), "{nature:?} has no certificate types");
            assert!(types.iter().all(|c| !c.is_personal()), "{nature:?}");
        }
        assert!(catalog.personal.iter().all(|c| c.is_personal()));
        assert_eq!(catalog.personal.len(), 7);
    }

    #[test]
    fn the_shipped_pre_approval_types_parse() {
        let types = pre_approval_types().unwrap();
        assert_eq!(types.types.len(), 11);
        assert_eq!(pre_approval_kinds().len(), 11);
        assert_eq!(types.types.iter().filter(|t| t.special).count(), 1);
    }
}
