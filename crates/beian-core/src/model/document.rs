//! The kinds of documents a filing may need. Which ones a given draft needs is decided by
//! the rules (`rules::materials`), from data.

use super::enums::PreApprovalKind;

/// One kind of document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocKind {
    /// The subject's certificate (营业执照, 事业单位法人证书, ...).
    SubjectCertificate,
    /// A person's certificate, photo side (人像面) — the only side for passports.
    IdFront,
    /// A person's resident ID, emblem side (国徽面).
    IdBack,
    /// The authorization letter (授权书) when a responsible person is not the legal
    /// representative.
    AuthorizationLetter,
    /// The domain certificate of a website's domain.
    DomainCertificate,
    /// An APP's icon (APP图标): square, at most 100 KB.
    AppIcon,
    /// The approval document of a pre-approval.
    PreApproval(PreApprovalKind),
    /// A document the filing province asks for (its commitment letter, 告知书 …), by its
    /// position in the province's list.
    ProvinceDocument(u8),
    /// A "不涉及…" commitment letter: the filing's names touch an area that needs this
    /// pre-approval, and none is declared.
    NotInvolved(PreApprovalKind),
    /// A residence permit for a cross-province personal filing.
    ResidencePermit,
    /// Other material, numbered from 0 (at most ten).
    Other(u8),
}

/// How many "other" materials may be attached.
pub const MAX_OTHER: u8 = 10;

impl DocKind {
    /// The stable key, e.g. `id_front`, `pre_approval.news`, `other.3`.
    pub fn key(self) -> String {
        match self {
            DocKind::PreApproval(k) => format!("pre_approval.{}", k.key()),
            DocKind::Other(n) => format!("other.{n}"),
            DocKind::ProvinceDocument(n) => format!("province.{n}"),
            DocKind::NotInvolved(k) => format!("not_involved.{}", k.key()),
            other => other.base_key().to_owned(),
        }
    }

    /// The key without its argument: `pre_approval`, `other`, ...
    pub fn base_key(self) -> &'static str {
        match self {
            DocKind::SubjectCertificate => "certificate",
            DocKind::IdFront => "id_front",
            DocKind::IdBack => "id_back",
            DocKind::AuthorizationLetter => "authorization",
            DocKind::DomainCertificate => "domain_certificate",
            DocKind::AppIcon => "app_icon",
            DocKind::PreApproval(_) => "pre_approval",
            DocKind::ProvinceDocument(_) => "province",
            DocKind::NotInvolved(_) => "not_involved",
            DocKind::ResidencePermit => "residence_permit",
            DocKind::Other(_) => "other",
        }
    }

    /// The kind for a key made by [`DocKind::key`].
    pub fn from_key(key: &str) -> Option<DocKind> {
        if let Some(k) = key.strip_prefix("pre_approval.") {
            return PreApprovalKind::from_key(k).map(DocKind::PreApproval);
        }
        if let Some(k) = key.strip_prefix("not_involved.") {
            return PreApprovalKind::from_key(k).map(DocKind::NotInvolved);
        }
        if let Some(n) = key.strip_prefix("other.") {
            return n
                .parse()
                .ok()
                .filter(|n| *n < MAX_OTHER)
                .map(DocKind::Other);
        }
        if let Some(n) = key.strip_prefix("province.") {
            return n.parse().ok().map(DocKind::ProvinceDocument);
        }
        Some(match key {
            "certificate" => DocKind::SubjectCertificate,
            "id_front" => DocKind::IdFront,
            "id_back" => DocKind::IdBack,
            "authorization" => DocKind::AuthorizationLetter,
            "domain_certificate" => DocKind::DomainCertificate,
            "app_icon" => DocKind::AppIcon,
            "residence_permit" => DocKind::ResidencePermit,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for kind in [
            DocKind::SubjectCertificate,
            DocKind::IdFront,
            DocKind::IdBack,
            DocKind::AuthorizationLetter,
            DocKind::DomainCertificate,
            DocKind::AppIcon,
            DocKind::PreApproval(PreApprovalKind::Culture),
            DocKind::ProvinceDocument(2),
            DocKind::NotInvolved(PreApprovalKind::News),
            DocKind::ResidencePermit,
            DocKind::Other(9),
        ] {
            assert_eq!(DocKind::from_key(&kind.key()), Some(kind));
        }
        assert_eq!(DocKind::from_key("other.10"), None);
        assert_eq!(DocKind::from_key("pre_approval.x"), None);
    }
}
