//! The draft fields that text read from a document can fill (certificate numbers,
//! names, addresses, validity periods), their values as one comparable string, and
//! filling them with the "read from the document" mark ([`ReadMark`]).

use super::draft::{ReadMark, Validity};
use super::{Draft, Field, FieldKey, Scope};

/// A value to fill in: text, or a validity period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadValue {
    /// A text field's value.
    Text(String),
    /// A certificate's validity period.
    Validity(Validity),
}

impl ReadValue {
    /// The value as shown and compared: the text, or `start ~ end` / `start ~ 长期`.
    pub fn shown(&self) -> String {
        match self {
            ReadValue::Text(text) => text.clone(),
            ReadValue::Validity(v) => validity_shown(v),
        }
    }
}

fn validity_shown(v: &Validity) -> String {
    let end = if v.long_term { "长期" } else { v.end.trim() };
    format!("{} ~ {end}", v.start.trim())
}

/// A fillable field, borrowed from the draft.
enum Slot<'a> {
    Text(&'a mut String),
    Validity(&'a mut Validity),
}

fn person_of(draft: &mut Draft, scope: Scope) -> Option<&mut super::Person> {
    match scope {
        Scope::SubjectResponsible => Some(&mut draft.subject.responsible),
        Scope::WebsiteResponsible(i) => draft.websites.get_mut(i).map(|w| &mut w.responsible),
        Scope::AppResponsible(i) => draft.apps.get_mut(i).map(|a| &mut a.responsible),
        Scope::MiniResponsible(i) => draft.mini_programs.get_mut(i).map(|m| &mut m.responsible),
        _ => None,
    }
}

fn slot(draft: &mut Draft, key: FieldKey) -> Option<Slot<'_>> {
    Some(match (key.scope, key.field) {
        (Scope::Filing, Field::CertNumber) => Slot::Text(&mut draft.filing.cert_number),
        (Scope::Subject, Field::Name) => Slot::Text(&mut draft.subject.name),
        (Scope::Subject, Field::CertAddress) => Slot::Text(&mut draft.subject.cert_address),
        (Scope::Subject, Field::ValidityStart) => Slot::Validity(&mut draft.subject.cert_validity),
        (Scope::LegalRep, Field::Name) => Slot::Text(&mut draft.subject.legal_rep.name),
        (Scope::LegalRep, Field::CertNumber) => {
            Slot::Text(&mut draft.subject.legal_rep.cert_number)
        }
        (Scope::LegalRep, Field::ValidityStart) => {
            Slot::Validity(&mut draft.subject.legal_rep.cert_validity)
        }
        (scope, field) => {
            let person = person_of(draft, scope)?;
            match field {
                Field::Name => Slot::Text(&mut person.name),
                Field::CertNumber => Slot::Text(&mut person.cert_number),
                Field::ValidityStart => Slot::Validity(&mut person.cert_validity),
                _ => return None,
            }
        }
    })
}

/// The field's current value as [`ReadValue::shown`] writes it (`None` for a field text
/// cannot fill). An empty field gives an empty string.
pub fn current(draft: &Draft, key: FieldKey) -> Option<String> {
    // `slot` needs a mutable draft; reading through a copy keeps this `&Draft`.
    let mut copy = Draft {
        filing: draft.filing.clone(),
        subject: draft.subject.clone(),
        websites: draft.websites.clone(),
        ..Draft::default()
    };
    Some(match slot(&mut copy, key)? {
        Slot::Text(text) => text.trim().to_owned(),
        Slot::Validity(v) if v.start.trim().is_empty() && v.end.trim().is_empty() => String::new(),
        Slot::Validity(v) => validity_shown(v),
    })
}

/// Writes `value` into the field and marks it "read from the document" (the mark of an
/// earlier fill of the same field is replaced). Returns whether the field exists.
pub fn fill(draft: &mut Draft, key: FieldKey, value: &ReadValue) -> bool {
    let written = match (slot(draft, key), value) {
        (Some(Slot::Text(text)), ReadValue::Text(new)) => {
            new.clone_into(text);
            true
        }
        (Some(Slot::Validity(v)), ReadValue::Validity(new)) => {
            *v = new.clone();
            true
        }
        _ => false,
    };
    if written {
        let marks = &mut draft.materials.read_marks;
        marks.retain(|m| m.field != key);
        marks.push(ReadMark {
            field: key,
            value: value.shown(),
        });
    }
    written
}

/// Writes `value` into the field as the user's own choice (no mark). Returns whether the
/// field exists.
pub fn accept(draft: &mut Draft, key: FieldKey, value: &ReadValue) -> bool {
    let written = fill(draft, key, value);
    confirm(draft, key);
    written
}

/// Ends the field's mark: the user compared it with the document.
pub fn confirm(draft: &mut Draft, key: FieldKey) {
    draft.materials.read_marks.retain(|m| m.field != key);
}

/// The fields still marked: filled from a document, not confirmed, and not typed over
/// since.
pub fn unconfirmed(draft: &Draft) -> impl Iterator<Item = &ReadMark> {
    draft
        .materials
        .read_marks
        .iter()
        .filter(|m| current(draft, m.field).is_some_and(|now| now == m.value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FilingKind;

    fn key(scope: Scope, field: Field) -> FieldKey {
        FieldKey::new(scope, field)
    }

    #[test]
    fn filling_marks_the_field_until_confirmed_or_typed_over() {
        let mut draft = Draft::new(FilingKind::Unit, chrono::Utc::now());
        let number = key(Scope::Filing, Field::CertNumber);
        let code = ReadValue::Text("91350100M000100Y43".to_owned());
        assert!(fill(&mut draft, number, &code));
        assert_eq!(draft.filing.cert_number, "91350100M000100Y43");
        assert_eq!(unconfirmed(&draft).count(), 1);
        confirm(&mut draft, number);
        assert_eq!(unconfirmed(&draft).count(), 0);

        assert!(fill(&mut draft, number, &code));
        draft.filing.cert_number.push('1');
        assert_eq!(unconfirmed(&draft).count(), 0, "typed over: the user's own");
    }

    #[test]
    fn accepting_leaves_no_mark_and_validity_compares_as_shown() {
        let mut draft = Draft::new(FilingKind::Personal, chrono::Utc::now());
        let start = key(Scope::Subject, Field::ValidityStart);
        let period = ReadValue::Validity(Validity {
            start: "2016-03-01".to_owned(),
            end: String::new(),
            long_term: true,
        });
        assert!(fill(&mut draft, start, &period));
        assert_eq!(current(&draft, start).as_deref(), Some("2016-03-01 ~ 长期"));
        assert_eq!(unconfirmed(&draft).count(), 1);
        assert!(accept(&mut draft, start, &period));
        assert_eq!(unconfirmed(&draft).count(), 0);
    }

    #[test]
    fn only_fillable_fields_take_a_value() {
        let mut draft = Draft::new(FilingKind::Unit, chrono::Utc::now());
        let domain = key(Scope::Filing, Field::Domain);
        assert!(!fill(&mut draft, domain, &ReadValue::Text("x".to_owned())));
        assert_eq!(current(&draft, domain), None);
        assert!(draft.materials.read_marks.is_empty());
        let missing = key(Scope::WebsiteResponsible(7), Field::Name);
        assert!(!fill(&mut draft, missing, &ReadValue::Text("x".to_owned())));
        let wrong = key(Scope::Filing, Field::CertNumber);
        let period = ReadValue::Validity(Validity::default());
        assert!(!fill(&mut draft, wrong, &period));
    }
}
