//! Which draft fields a document's text fills, and what it proposes for each: the
//! business licence (营业执照 or another subject certificate) fills the credit code, the
//! unit's name, its address, the legal representative and the validity; the photo side of
//! a resident ID fills the ID number and the name (and, for the applicant of a personal
//! filing, the address); its emblem side fills the validity. A field filled from a
//! document that the user has not confirmed is a warning, so that nothing read by a
//! machine leaves unchecked.

use chrono::NaiveDate;

use super::reading::{NumberKind, Reading, Substitution, TextField};
use super::{IssueCode, Report, Severity};
use crate::model::draft::Validity;
use crate::model::read_fill::{self, ReadValue};
use crate::model::{CertType, DocKind, Draft, Field, FieldKey, Scope};

/// Where a proposal comes from in a [`Reading`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A certificate number.
    Number(NumberKind),
    /// A labelled text field.
    Text(TextField),
}

/// A value read from a document for one field of the draft.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldProposal {
    /// The field.
    pub field: FieldKey,
    /// The value.
    pub value: ReadValue,
    /// The lines of the page it was read from (to highlight).
    pub lines: Vec<usize>,
    /// The one character changed to make a number valid, if any.
    pub substitution: Option<Substitution>,
    /// What the field holds now (empty when nothing).
    pub current: String,
}

/// How a proposal relates to the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProposalState {
    /// The field is empty: the value can be filled in directly.
    Empty,
    /// The field holds this value already.
    Same,
    /// The field holds something else: the user chooses.
    Different,
}

impl FieldProposal {
    /// How the proposal relates to the field now.
    pub fn state(&self) -> ProposalState {
        if self.current.is_empty() {
            ProposalState::Empty
        } else if self.current == self.value.shown() {
            ProposalState::Same
        } else {
            ProposalState::Different
        }
    }
}

fn is_resident_id(cert: Option<CertType>) -> bool {
    matches!(cert, Some(CertType::ResidentId) | None)
}

/// The fields a document attached to `item` can fill, in the order they are shown.
pub fn targets(draft: &Draft, item: FieldKey) -> Vec<(Source, FieldKey)> {
    use Source::{Number, Text};
    let Field::Document(kind) = item.field else {
        return Vec::new();
    };
    let at = FieldKey::new;
    let validity = |scope| (Text(TextField::Validity), at(scope, Field::ValidityStart));
    let unit = draft.is_unit();
    match (item.scope, kind) {
        (Scope::Subject, DocKind::SubjectCertificate)
            if unit && !draft.filing.cert_type.is_some_and(CertType::is_personal) =>
        {
            vec![
                (
                    Number(NumberKind::CreditCode),
                    at(Scope::Filing, Field::CertNumber),
                ),
                (Text(TextField::Name), at(Scope::Subject, Field::Name)),
                (
                    Text(TextField::Address),
                    at(Scope::Subject, Field::CertAddress),
                ),
                (
                    Text(TextField::LegalRepresentative),
                    at(Scope::LegalRep, Field::Name),
                ),
                validity(Scope::Subject),
            ]
        }
        (Scope::Subject, DocKind::IdFront) if !unit && is_resident_id(draft.filing.cert_type) => {
            vec![
                (
                    Number(NumberKind::ResidentId),
                    at(Scope::Filing, Field::CertNumber),
                ),
                (Text(TextField::Name), at(Scope::Subject, Field::Name)),
                (
                    Text(TextField::Address),
                    at(Scope::Subject, Field::CertAddress),
                ),
            ]
        }
        (Scope::Subject, DocKind::IdBack) if !unit && is_resident_id(draft.filing.cert_type) => {
            vec![validity(Scope::Subject)]
        }
        (scope @ (Scope::SubjectResponsible | Scope::WebsiteResponsible(_)), side) => {
            let cert = match scope {
                Scope::WebsiteResponsible(i) => {
                    draft.websites.get(i).map(|w| w.responsible.cert_type)
                }
                _ => Some(draft.subject.responsible.cert_type),
            };
            match (cert, side) {
                (Some(cert), DocKind::IdFront) if is_resident_id(cert) => vec![
                    (Number(NumberKind::ResidentId), at(scope, Field::CertNumber)),
                    (Text(TextField::Name), at(scope, Field::Name)),
                ],
                (Some(cert), DocKind::IdBack) if is_resident_id(cert) => vec![validity(scope)],
                _ => Vec::new(),
            }
        }
        _ => Vec::new(),
    }
}

/// Someone else's document: its certificate number is valid but differs from the one the
/// filing holds for the person (or subject) the document would fill.
#[derive(Clone, Debug, PartialEq)]
pub struct OtherPerson {
    /// The number read from the document.
    pub read: String,
    /// The name read from it, if any.
    pub name: Option<String>,
    /// The number the filing holds.
    pub entered: String,
}

/// Whether `found` (the proposals of one document) belong to another person than the
/// filing's: then none of them is filled in until the user says whose document it is.
pub fn other_person(found: &[FieldProposal]) -> Option<OtherPerson> {
    let number = found
        .iter()
        .find(|p| p.field.field == Field::CertNumber && p.state() == ProposalState::Different)?;
    let name = found
        .iter()
        .find(|p| p.field.field == Field::Name)
        .map(|p| p.value.shown());
    Some(OtherPerson {
        read: number.value.shown(),
        name,
        entered: number.current.clone(),
    })
}

/// The document item whose text fills the subject's certificate number on the
/// filing-type step: the licence of a 单位, the photo side of a 个人's resident ID (none
/// for a cancellation, which takes no documents).
pub fn certificate_item(draft: &Draft) -> Option<FieldKey> {
    // Cancellations take no documents.
    if !draft.procedure().needs_materials() {
        return None;
    }
    let kind = if draft.is_unit() {
        DocKind::SubjectCertificate
    } else {
        DocKind::IdFront
    };
    let item = FieldKey::new(Scope::Subject, Field::Document(kind));
    (!targets(draft, item).is_empty()).then_some(item)
}

/// What `reading` proposes for the fields of `item`, compared with the draft.
pub fn proposals(draft: &Draft, item: FieldKey, reading: &Reading) -> Vec<FieldProposal> {
    targets(draft, item)
        .into_iter()
        .filter_map(|(source, field)| {
            let (value, lines, substitution) = match source {
                Source::Number(kind) => {
                    let n = reading.number(kind)?;
                    (
                        ReadValue::Text(n.value.clone()),
                        vec![n.line],
                        n.substitution,
                    )
                }
                Source::Text(TextField::Validity) => {
                    let t = reading
                        .texts
                        .iter()
                        .find(|t| t.field == TextField::Validity)?;
                    (
                        ReadValue::Validity(parse_validity(&t.value)?),
                        t.lines.clone(),
                        None,
                    )
                }
                Source::Text(which) => {
                    let t = reading.texts.iter().find(|t| t.field == which)?;
                    let value = t.value.trim();
                    if value.is_empty() {
                        return None;
                    }
                    (ReadValue::Text(value.to_owned()), t.lines.clone(), None)
                }
            };
            Some(FieldProposal {
                field,
                current: read_fill::current(draft, field)?,
                value,
                lines,
                substitution,
            })
        })
        .collect()
}

/// A validity period as printed (`2016.03.01-2036.03.01`, `2019年08月01日至长期`,
/// `2020-01-01 至 长期`): the first date is the start, the second the end, or 长期.
/// `None` without a start date or with an impossible date.
pub fn parse_validity(text: &str) -> Option<Validity> {
    let dates = dates_in(text);
    let start = *dates.first()?;
    let long_term = text.contains("长期");
    let end = match dates.get(1) {
        Some(end) if !long_term && *end > start => Some(*end),
        Some(_) if !long_term => return None,
        _ => None,
    };
    if end.is_none() && !long_term {
        return None;
    }
    let format = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    Some(Validity {
        start: format(start),
        end: end.map(format).unwrap_or_default(),
        long_term,
    })
}

/// The dates written year, month, day with any separators between (`.`, `-`, `/`, 年月日).
fn dates_in(text: &str) -> Vec<NaiveDate> {
    let mut numbers: Vec<(u32, usize)> = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, numbers: &mut Vec<(u32, usize)>| {
        if !current.is_empty() {
            if let Ok(n) = current.parse() {
                numbers.push((n, current.chars().count()));
            }
            current.clear();
        }
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            current.push(c);
        } else {
            flush(&mut current, &mut numbers);
        }
    }
    flush(&mut current, &mut numbers);
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&(year, len)) = numbers.get(i) {
        if len == 4
            && let (Some(&(m, _)), Some(&(d, _))) = (numbers.get(i + 1), numbers.get(i + 2))
            && let Some(date) = NaiveDate::from_ymd_opt(year as i32, m, d)
        {
            out.push(date);
            i += 3;
        } else if len == 8
            && let Some(date) = NaiveDate::parse_from_str(&year.to_string(), "%Y%m%d").ok()
        {
            out.push(date);
            i += 1;
        } else {
            i += 1;
        }
    }
    out
}

/// A field filled from a document and not confirmed since is a warning (confirming it,
/// or acknowledging the warning on the review step, clears it).
pub(super) fn check(draft: &Draft, report: &mut Report) {
    for mark in read_fill::unconfirmed(draft) {
        report.push(
            mark.field,
            IssueCode::ReadFromDocument,
            Severity::Warning,
            Vec::new(),
        );
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::model::FilingKind;
    use crate::rules::reading::{NumberProposal, TextProposal};

    fn date(y: i32, m: u32, d: u32) -> String {
        NaiveDate::from_ymd_opt(y, m, d)
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    }

    #[test]
    fn validity_periods_are_read_in_the_printed_forms() {
        let v = parse_validity("2016.03.01-2036.03.01").unwrap_or_default();
        assert_eq!(
            (v.start, v.end, v.long_term),
            (date(2016, 3, 1), date(2036, 3, 1), false)
        );
        let v = parse_validity("2019年08月01日至长期").unwrap_or_default();
        assert_eq!((v.start.as_str(), v.long_term), ("2019-08-01", true));
        assert!(v.end.is_empty());
        let v = parse_validity("20200101-20400101").unwrap_or_default();
        assert_eq!(v.end, date(2040, 1, 1));
        assert_eq!(parse_validity("长期"), None, "no start date");
        assert_eq!(parse_validity("2016.02.30-2036.02.30"), None, "no such day");
        assert_eq!(
            parse_validity("2036.03.01-2016.03.01"),
            None,
            "ends before it starts"
        );
        assert_eq!(parse_validity("2016.03.01"), None, "no end");
    }

    fn reading() -> Reading {
        Reading {
            numbers: vec![NumberProposal {
                kind: NumberKind::CreditCode,
                value: "91350100M000100Y43".to_owned(),
                substitution: None,
                line: 2,
                labelled: true,
            }],
            texts: vec![
                TextProposal {
                    field: TextField::Name,
                    value: "福州示例科技有限公司".to_owned(),
                    lines: vec![3],
                },
                TextProposal {
                    field: TextField::Validity,
                    value: "2015年03月12日至长期".to_owned(),
                    lines: vec![6],
                },
            ],
            rejected: Vec::new(),
        }
    }

    #[test]
    fn a_licence_proposes_the_unit_fields_against_what_is_there() {
        let mut draft = Draft::new(FilingKind::Unit, chrono::Utc::now());
        draft.subject.name = "别的公司".to_owned();
        let item = FieldKey::new(Scope::Subject, Field::Document(DocKind::SubjectCertificate));
        assert_eq!(certificate_item(&draft), Some(item));
        let found = proposals(&draft, item, &reading());
        assert_eq!(found.len(), 3);
        assert_eq!(
            found[0].field,
            FieldKey::new(Scope::Filing, Field::CertNumber)
        );
        assert_eq!(found[0].state(), ProposalState::Empty);
        assert_eq!(found[0].lines, vec![2]);
        assert_eq!(found[1].state(), ProposalState::Different);
        assert_eq!(found[2].value.shown(), "2015-03-12 ~ 长期");
    }

    #[test]
    fn a_personal_filing_reads_the_id_and_not_a_licence() {
        let draft = Draft::new(FilingKind::Personal, chrono::Utc::now());
        let licence = FieldKey::new(Scope::Subject, Field::Document(DocKind::SubjectCertificate));
        assert!(targets(&draft, licence).is_empty());
        let front = FieldKey::new(Scope::Subject, Field::Document(DocKind::IdFront));
        assert_eq!(certificate_item(&draft), Some(front));
        // No ID number in the reading: only the name is proposed.
        let found = proposals(&draft, front, &reading());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, FieldKey::new(Scope::Subject, Field::Name));
    }

    #[test]
    fn an_unconfirmed_fill_is_a_warning_until_confirmed() {
        let mut draft = Draft::new(FilingKind::Unit, chrono::Utc::now());
        let field = FieldKey::new(Scope::Subject, Field::Name);
        read_fill::fill(&mut draft, field, &ReadValue::Text("福州示例".to_owned()));
        let report = crate::rules::validate(&draft);
        assert!(
            report
                .for_field(field)
                .any(|i| i.code == IssueCode::ReadFromDocument)
        );
        read_fill::confirm(&mut draft, field);
        let report = crate::rules::validate(&draft);
        assert!(
            !report
                .for_field(field)
                .any(|i| i.code == IssueCode::ReadFromDocument)
        );
    }
}
