//! The declarations the applicant makes on the review step before export: that the
//! information is true (备案信息真实性承诺), that every other person whose data the filing
//! contains agreed to it, and that the provider's terms were read (阅读并同意《相关条款》).
//!
//! Each records who made it (the name typed, or the responsible person chosen) and when
//! (UTC), and a fingerprint of the filing's content at that moment: when the content
//! changes afterwards the declaration is no longer current and the review step asks for
//! it again ("已变更，请重新确认"); it is never cleared behind the user's back. The shipped
//! sample filings carry declarations marked as sample data, which are exempt from the
//! fingerprint (their documents are attached when the sample is created).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::draft::Draft;
use super::enums::keyed_enum;
use super::field::FieldKey;
use crate::i18n::Locale;

keyed_enum! {
    /// One of the declarations made before export.
    pub enum DeclarationKind : "declaration" {
        /// 备案信息真实性承诺: the information entered is true and complete.
        Truthful => "truthful",
        /// Every other person whose data the filing contains agreed to it.
        Consent => "consent",
        /// 阅读并同意《相关条款》: the provider's terms were read and accepted.
        Terms => "terms",
    }
}

/// A declaration as made.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Declaration {
    /// Which declaration.
    pub kind: Option<DeclarationKind>,
    /// The name of who made it, as typed or taken from the person chosen.
    pub by: String,
    /// The person chosen, by the key of their name field (e.g. `subject.responsible.name`);
    /// `None` when the name was typed.
    pub person: Option<FieldKey>,
    /// When it was made (UTC).
    pub at: Option<DateTime<Utc>>,
    /// SHA-256 of the filing's content when it was made ([`content_fingerprint`]).
    pub content_sha256: String,
    /// Whether this is the sample data of a shipped sample filing.
    pub sample: bool,
}

/// Who declares: a person of the filing chosen, or a name typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Declarant {
    /// The name as typed (ignored while a person is chosen: their name is read from the
    /// filing, so that it follows a correction).
    pub name: String,
    /// The person chosen, by the key of their name field; `None` when typed.
    pub person: Option<FieldKey>,
}

/// Who declares on this filing now: the declarant chosen or typed on it; else the one who
/// made its last declaration; else its first person. Only this filing's data is read, so
/// one applicant's name never shows on another's filing. A chosen person who is no longer
/// in the filing (the name was changed or removed) falls back to the name last seen.
pub fn declarant(draft: &Draft) -> Declarant {
    let people = people(draft);
    let chosen = draft.review.declarant.clone().or_else(|| {
        draft.review.declarations.first().map(|made| Declarant {
            name: made.by.clone(),
            person: made.person,
        })
    });
    match chosen {
        Some(Declarant {
            person: Some(field),
            name,
        }) => match people.iter().find(|p| p.field == field) {
            Some(p) => Declarant {
                name: p.name.clone(),
                person: Some(field),
            },
            None => Declarant { name, person: None },
        },
        Some(typed) => typed,
        None => people
            .first()
            .map(|p| Declarant {
                name: p.name.clone(),
                person: Some(p.field),
            })
            .unwrap_or_default(),
    }
}

/// Whether a declaration holds for the filing as it is now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeclarationStatus {
    /// Not made yet.
    Missing,
    /// Made for the current content.
    Current,
    /// Made, but the filing changed since: it must be made again.
    Changed,
}

/// A person whose data the filing contains and who can make or be named in a declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedPerson {
    /// The key of the person's name field.
    pub field: FieldKey,
    /// The name as entered (trimmed).
    pub name: String,
}

/// The declarations the filing needs: the consent of others only for 单位 filings, whose
/// legal representative and responsible persons are other people than the subject.
pub fn required(draft: &Draft) -> Vec<DeclarationKind> {
    DeclarationKind::ALL
        .iter()
        .copied()
        .filter(|k| *k != DeclarationKind::Consent || draft.is_unit())
        .collect()
}

/// The people named in the filing (legal representative, subject and website responsible
/// persons), each name once, in the order of the form.
pub fn people(draft: &Draft) -> Vec<NamedPerson> {
    use super::field::{Field, Scope};
    let mut out: Vec<NamedPerson> = Vec::new();
    let mut add = |scope: Scope, name: &str| {
        let name = name.trim();
        if !name.is_empty() && !out.iter().any(|p| p.name == name) {
            out.push(NamedPerson {
                field: FieldKey::new(scope, Field::Name),
                name: name.to_owned(),
            });
        }
    };
    if draft.is_unit() {
        add(Scope::LegalRep, &draft.subject.legal_rep.name);
        add(Scope::SubjectResponsible, &draft.subject.responsible.name);
        for (i, w) in draft.websites.iter().enumerate() {
            add(Scope::WebsiteResponsible(i), &w.responsible.name);
        }
        for (i, a) in draft.apps.iter().enumerate() {
            add(Scope::AppResponsible(i), &a.responsible.name);
        }
        for (i, m) in draft.mini_programs.iter().enumerate() {
            add(Scope::MiniResponsible(i), &m.responsible.name);
        }
    } else {
        add(Scope::Subject, &draft.subject.name);
    }
    out
}

/// What a declaration says, as ticked on the review step and read back in the bundle: the
/// consent names the other people of this filing.
pub fn text(locale: Locale, draft: &Draft, kind: DeclarationKind) -> String {
    match kind {
        DeclarationKind::Consent => {
            let names: Vec<String> = people(draft).into_iter().map(|p| p.name).collect();
            crate::i18n::tf(
                locale,
                "declaration.consent",
                &[("names", &crate::i18n::list(locale, &names))],
            )
        }
        other => crate::i18n::t(locale, &format!("declaration.{}", other.key())).into_owned(),
    }
}

/// SHA-256 (lower-case hex) of what the filing says: everything but its identity, times,
/// step, review and tracking, and the legacy password.
pub fn content_fingerprint(draft: &Draft) -> String {
    use sha2::{Digest, Sha256};
    let mut content = draft.without_secrets();
    content.id.clear();
    content.created_at = None;
    content.updated_at = None;
    content.last_step = super::step::Step::FilingType;
    content.review = super::draft::Review::default();
    content.submission = super::draft::Submission::default();
    // Serialising a plain struct cannot fail; an empty text would only make every
    // declaration ask again.
    let text = serde_json::to_vec(&content).unwrap_or_default();
    Sha256::digest(&text)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The declaration of `kind` made on `draft`, if any.
pub fn made(draft: &Draft, kind: DeclarationKind) -> Option<&Declaration> {
    draft
        .review
        .declarations
        .iter()
        .find(|d| d.kind == Some(kind))
}

/// Whether the declaration of `kind` holds for the filing as it is now.
pub fn status(draft: &Draft, kind: DeclarationKind) -> DeclarationStatus {
    status_for(draft, kind, &content_fingerprint(draft))
}

/// [`status`], given the content's fingerprint (to compute it once per frame).
pub fn status_for(draft: &Draft, kind: DeclarationKind, fingerprint: &str) -> DeclarationStatus {
    match made(draft, kind) {
        None => DeclarationStatus::Missing,
        Some(d) if d.sample || d.content_sha256 == fingerprint => DeclarationStatus::Current,
        Some(_) => DeclarationStatus::Changed,
    }
}

/// The required declarations that do not hold now (missing or made for other content).
pub fn outstanding(draft: &Draft) -> Vec<(DeclarationKind, DeclarationStatus)> {
    let fingerprint = content_fingerprint(draft);
    required(draft)
        .into_iter()
        .map(|kind| (kind, status_for(draft, kind, &fingerprint)))
        .filter(|(_, s)| *s != DeclarationStatus::Current)
        .collect()
}

/// Records a declaration for the current content, replacing an earlier one of its kind.
pub fn declare(
    draft: &mut Draft,
    kind: DeclarationKind,
    by: &str,
    person: Option<FieldKey>,
    at: DateTime<Utc>,
) {
    let content_sha256 = content_fingerprint(draft);
    draft.review.declarations.retain(|d| d.kind != Some(kind));
    draft.review.declarations.push(Declaration {
        kind: Some(kind),
        by: by.trim().to_owned(),
        person,
        at: Some(at),
        content_sha256,
        sample: false,
    });
    draft.review.declarations.sort_by_key(|d| d.kind);
}

/// Withdraws the declaration of `kind`.
pub fn withdraw(draft: &mut Draft, kind: DeclarationKind) {
    draft.review.declarations.retain(|d| d.kind != Some(kind));
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::model::FilingKind;

    fn unit() -> Draft {
        let mut d = crate::store::samples::sample(FilingKind::Unit).unwrap();
        d.review.declarations.clear();
        d
    }

    #[test]
    fn a_unit_filing_needs_all_three_and_a_personal_one_no_consent() {
        assert_eq!(required(&unit()), DeclarationKind::ALL.to_vec());
        let personal = crate::store::samples::sample(FilingKind::Personal).unwrap();
        assert_eq!(
            required(&personal),
            vec![DeclarationKind::Truthful, DeclarationKind::Terms]
        );
    }

    #[test]
    fn declarations_are_recorded_with_who_and_when_and_ask_again_after_a_change() {
        let mut d = unit();
        assert_eq!(outstanding(&d).len(), 3);
        let at = Utc::now();
        let who = Some(FieldKey::new(
            crate::model::Scope::SubjectResponsible,
            crate::model::Field::Name,
        ));
        for kind in DeclarationKind::ALL {
            declare(&mut d, *kind, " 李四 ", who, at);
        }
        assert!(outstanding(&d).is_empty());
        let truthful = made(&d, DeclarationKind::Truthful).unwrap();
        assert_eq!(truthful.by, "李四");
        assert_eq!(truthful.at, Some(at));
        assert_eq!(truthful.person, who);
        // Declaring again replaces, never duplicates.
        declare(&mut d, DeclarationKind::Terms, "李四", None, at);
        assert_eq!(d.review.declarations.len(), 3);
        // Tracking, acknowledgements and saving do not change the content…
        d.last_step = crate::model::Step::Tracking;
        d.updated_at = Some(Utc::now());
        assert!(outstanding(&d).is_empty());
        // …a changed website name does, and every declaration is asked again.
        d.websites[0].name.push('新');
        assert_eq!(
            status(&d, DeclarationKind::Truthful),
            DeclarationStatus::Changed
        );
        assert_eq!(outstanding(&d).len(), 3);
        withdraw(&mut d, DeclarationKind::Terms);
        assert_eq!(
            status(&d, DeclarationKind::Terms),
            DeclarationStatus::Missing
        );
    }

    #[test]
    fn the_declarant_is_read_from_the_filing_alone() {
        let mut d = unit();
        // Nothing chosen: the first person of this filing.
        let first = declarant(&d);
        assert_eq!(first.name, "李四");
        assert!(first.person.is_some());
        // A chosen person follows a correction of their name.
        d.review.declarant = first.person.map(|field| Declarant {
            name: String::new(),
            person: Some(field),
        });
        d.subject.legal_rep.name = "李四四".into();
        assert_eq!(declarant(&d).name, "李四四");
        // A typed name is kept as typed, even empty.
        d.review.declarant = Some(Declarant::default());
        assert_eq!(declarant(&d), Declarant::default());
        // The maker of the last declaration, when nothing was chosen.
        d.review.declarant = None;
        declare(&mut d, DeclarationKind::Terms, "代理人", None, Utc::now());
        assert_eq!(declarant(&d).name, "代理人");
    }

    #[test]
    fn the_people_named_are_each_listed_once() {
        let d = unit();
        let names: Vec<String> = people(&d).into_iter().map(|p| p.name).collect();
        assert_eq!(names, vec!["李四", "王五"]);
    }

    #[test]
    fn sample_declarations_hold_whatever_the_content() {
        let mut d = crate::store::samples::sample(FilingKind::Unit).unwrap();
        assert!(outstanding(&d).is_empty(), "the sample is declared");
        d.websites[0].name.push('新');
        assert!(outstanding(&d).is_empty());
        assert!(d.review.declarations.iter().all(|x| x.sample));
    }
}
