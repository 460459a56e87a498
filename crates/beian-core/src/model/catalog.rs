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
