//! Closed choices that bureaus change, as data: which certificate types each host nature
//! allows (`assets/data/certificate_types.ron`) and which pre-approval types are offered
//! (`assets/data/pre_approval_types.ron`).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use super::enums::{CertType, FilingKind, HostNature, PreApprovalKind};

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

/// The shipped pre-approval list's text.
pub const PRE_APPROVAL_SOURCE: &str = include_str!("../../assets/data/pre_approval_types.ron");

static PRE_APPROVALS: LazyLock<Vec<PreApprovalKind>> =
    LazyLock::new(
        || match ron::from_str::<PreApprovalTypes>(PRE_APPROVAL_SOURCE) {
            Ok(t) => t.types.into_iter().map(|t| t.key).collect(),
            Err(err) => {
                log::error!("pre-approval types are malformed: {err}");
                PreApprovalKind::ALL.to_vec()
            }
        },
    );

/// The pre-approval types offered, in display order.
pub fn pre_approval_kinds() -> &'static [PreApprovalKind] {
    &PRE_APPROVALS
}

/// The shipped catalogue's text.
pub const CATALOG_SOURCE: &str = include_str!("../../assets/data/certificate_types.ron");

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| match Catalog::parse(CATALOG_SOURCE) {
    Ok(c) => c,
    Err(err) => {
        log::error!("certificate catalogue is malformed: {err}");
        Catalog::default()
    }
});

impl Catalog {
    /// Parses a catalogue.
    pub fn parse(source: &str) -> Result<Catalog, ron::error::SpannedError> {
        ron::from_str(source)
    }

    /// The shipped catalogue.
    pub fn get() -> &'static Catalog {
        &CATALOG
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
        let catalog = Catalog::parse(CATALOG_SOURCE).unwrap();
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
        let types: PreApprovalTypes = ron::from_str(PRE_APPROVAL_SOURCE).unwrap();
        assert_eq!(types.types.len(), 11);
        assert_eq!(pre_approval_kinds().len(), 11);
        assert_eq!(types.types.iter().filter(|t| t.special).count(), 1);
    }
}
