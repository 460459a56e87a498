//! Which fields each kind of filing asks for (filing-kinds.md §1–7). The subject and
//! websites steps show only these, and the rules demand nothing else: the cancellations
//! (注销主体, 注销网站, 取消接入) take the numbers and a reason on the type step and, for
//! 注销网站 and 取消接入, which websites (their domains and 网站备案号); no subject or
//! website details and no documents. Every other kind asks for the whole record (a 变更
//! filing shows it all and changes what differs; its fixed fields are read-only).

use super::{Draft, Field, FieldKey, Procedure, Scope};

impl Procedure {
    /// Whether the subject step asks for the subject and its people.
    pub fn asks_subject_details(self) -> bool {
        !self.is_cancellation()
    }

    /// Whether the filing lists websites at all (注销主体 cancels them all with the
    /// subject, so it lists none).
    pub fn lists_websites(self) -> bool {
        self != Procedure::CancelSubject
    }

    /// Whether each website's details (name, homepage, cloud service, pre-approvals,
    /// responsible person, remark) are asked, beyond its domain and number.
    pub fn asks_website_details(self) -> bool {
        !self.is_cancellation()
    }

    /// Whether province, certificate number and domains are fixed for this kind (变更备案:
    /// changing them needs another kind of filing).
    pub fn fixes_identity(self) -> bool {
        self == Procedure::Change
    }
}

impl Draft {
    /// Whether this draft's kind of filing asks for the field: the steps hide the rest and
    /// the rules demand nothing of them.
    pub fn asks(&self, key: FieldKey) -> bool {
        let p = self.procedure();
        match key.scope {
            Scope::Filing | Scope::Review => true,
            // The subject's number and password are asked on the type step.
            Scope::Subject if matches!(key.field, Field::IcpNumber | Field::IcpPassword) => true,
            Scope::Subject | Scope::LegalRep | Scope::SubjectResponsible => {
                p.asks_subject_details()
            }
            Scope::Website(_) if !p.lists_websites() => false,
            Scope::Website(_) if matches!(key.field, Field::Domain | Field::IcpNumber) => true,
            Scope::Website(_) | Scope::WebsiteResponsible(_) => p.asks_website_details(),
            Scope::Materials => p.needs_materials(),
            // APPs are filed with the details of a new service, as websites are.
            Scope::App(_) | Scope::AppPackage(..) => p.asks_website_details(),
            Scope::AppResponsible(_) | Scope::MiniResponsible(_) => {
                p.asks_website_details() && self.is_unit()
            }
            Scope::Mini(_) => p.asks_website_details(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FilingKind;

    #[test]
    fn cancellations_ask_only_for_numbers_and_which_websites() {
        let mut d = Draft::new(FilingKind::Unit, chrono::Utc::now());
        let key = FieldKey::new;
        for p in Procedure::ALL.iter().copied() {
            d.filing.procedure = p;
            let full = !p.is_cancellation();
            assert!(d.asks(key(Scope::Filing, Field::CertNumber)), "{p:?}");
            assert!(d.asks(key(Scope::Subject, Field::IcpNumber)), "{p:?}");
            assert_eq!(d.asks(key(Scope::Subject, Field::Name)), full, "{p:?}");
            assert_eq!(d.asks(key(Scope::LegalRep, Field::Name)), full, "{p:?}");
            assert_eq!(
                d.asks(key(Scope::WebsiteResponsible(0), Field::Mobile)),
                full,
                "{p:?}"
            );
            assert_eq!(
                d.asks(key(Scope::Website(1), Field::Homepage)),
                full,
                "{p:?}"
            );
            assert_eq!(
                d.asks(key(Scope::Website(0), Field::ServerIp)),
                full,
                "{p:?}"
            );
            assert_eq!(
                d.asks(key(Scope::Website(1), Field::IcpNumber)),
                p != Procedure::CancelSubject,
                "{p:?}"
            );
            assert_eq!(
                d.asks(key(Scope::Materials, Field::Documents)),
                full,
                "{p:?}"
            );
        }
    }
}
