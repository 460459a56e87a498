//! Which certificate types each host nature allows, from
//! `assets/data/certificate_types.ron` (data, because bureaus change these lists).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use super::enums::{CertType, FilingKind, HostNature};

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
}
