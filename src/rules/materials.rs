//! The documents a filing needs (the checklist), derived from the draft and data, and the
//! judgement of each attached file against its kind's requirements. Files are measured
//! once when attached (`documents::inspect`); the measures are stored in the draft, so
//! these rules stay pure.

use super::arg::Arg;
use crate::model::IssueCode;

use super::document_specs::DocCondition;
use super::finding::Findings;
use super::ids::{check_resident_id, normalize_code};
use super::people::same_person;
use super::report::Report;
use crate::documents::{FileFormat, Measures};
use crate::model::draft::Person;
use crate::model::{CertType, DocKind, Draft, Field, FieldKey, Procedure, Scope};
use chrono::NaiveDate;

use super::document_specs::thresholds;
pub use super::document_specs::{DocSpec, DocSpecs, DocThresholds, spec, specs};

/// One entry of the checklist.
#[derive(Clone, Debug, PartialEq)]
pub struct ChecklistItem {
    /// The document's field key (its kind and whose it is).
    pub key: FieldKey,
    /// Whether the filing cannot go without it.
    pub required: bool,
    /// The i18n key of why it is needed.
    pub reason_key: &'static str,
    /// Extra text for the reason (the province document's name, the person's name…).
    pub detail: String,
    /// How the document must be signed (a province's instruction, in its own words).
    pub signing: Option<String>,
}

fn item(
    scope: Scope,
    kind: DocKind,
    required: bool,
    reason_key: &'static str,
    detail: String,
) -> ChecklistItem {
    ChecklistItem {
        key: FieldKey::new(scope, Field::Document(kind)),
        required,
        reason_key,
        detail,
        signing: None,
    }
}

/// The ID sides a person's certificate needs: both sides of a resident ID or residence
/// permit; the photo page of anything else.
fn id_items(
    out: &mut Vec<ChecklistItem>,
    scope: Scope,
    person: &Person,
    cert: Option<CertType>,
    reason: &'static str,
) {
    let name = person.name.trim().to_owned();
    out.push(item(scope, DocKind::IdFront, true, reason, name.clone()));
    if matches!(
        cert,
        Some(CertType::ResidentId | CertType::HkMacaoResidence | CertType::TaiwanResidence) | None
    ) {
        out.push(item(scope, DocKind::IdBack, true, reason, name));
    }
}

fn is_legal_rep(draft: &Draft, p: &Person) -> bool {
    let s = &draft.subject;
    let rep = Person {
        name: s.legal_rep.name.clone(),
        cert_number: s.legal_rep.cert_number.clone(),
        ..Person::default()
    };
    !rep.name.trim().is_empty() && same_person(p, &rep)
}

/// How many websites the subject has: this filing's, plus the one already on record when
/// a website is added to a filed subject (a subject on record keeps at least one website;
/// one without is a shell subject that the bureau clears).
fn subject_websites(draft: &Draft) -> usize {
    let on_record = matches!(
        draft.procedure(),
        Procedure::NewWebsiteWithSubject | Procedure::NewWebsiteWithoutSubject
    );
    draft.websites.len() + usize::from(on_record)
}

/// The applicant's age on `today`, from a personal filing's resident ID.
fn applicant_age(draft: &Draft, today: NaiveDate) -> Option<u32> {
    if draft.is_unit() || draft.filing.cert_type != Some(CertType::ResidentId) {
        return None;
    }
    let (id, _) = check_resident_id(&draft.filing.cert_number, today, super::data::Tables::get());
    id.map(|id| id.age_on(today))
}

/// Whether a province document's condition holds for `draft` on `today`. A condition on
/// something not entered yet (no ID number, no responsible person) does not hold.
pub fn condition_holds(condition: &DocCondition, draft: &Draft, today: NaiveDate) -> bool {
    let not_rep = |p: &Person| !p.name.trim().is_empty() && !is_legal_rep(draft, p);
    match condition {
        DocCondition::WebsitesAtLeast(n) => subject_websites(draft) >= *n,
        DocCondition::ApplicantAgeAtLeast(years) => {
            applicant_age(draft, today).is_some_and(|age| age >= *years)
        }
        DocCondition::ApplicantAgeBelow(years) => {
            applicant_age(draft, today).is_some_and(|age| age < *years)
        }
        DocCondition::SubjectResponsibleNotLegalRep => {
            draft.is_unit() && not_rep(&draft.subject.responsible)
        }
        DocCondition::WebsiteResponsibleNotLegalRep => {
            draft.is_unit() && draft.websites.iter().any(|w| not_rep(&w.responsible))
        }
        DocCondition::Procedure(kinds) => kinds.contains(&draft.procedure()),
        DocCondition::HostNature(natures) => draft
            .filing
            .host_nature
            .is_some_and(|n| draft.is_unit() && natures.contains(&n)),
        DocCondition::All(all) => all.iter().all(|c| condition_holds(c, draft, today)),
        DocCondition::Any(any) => any.iter().any(|c| condition_holds(c, draft, today)),
    }
}

/// The documents this draft needs today (local time), in the order the user sees them.
/// Cancellations (注销主体, 注销网站, 取消接入) need none.
pub fn checklist(draft: &Draft) -> Vec<ChecklistItem> {
    checklist_on(draft, chrono::Local::now().date_naive())
}

/// The documents this draft needs on `today` (a province document may depend on the
/// applicant's age), in the order the user sees them.
pub fn checklist_on(draft: &Draft, today: NaiveDate) -> Vec<ChecklistItem> {
    let mut out = Vec::new();
    if !draft.procedure().needs_materials() {
        return out;
    }
    let tables = super::data::Tables::get();
    if draft.is_unit() {
        out.push(item(
            Scope::Subject,
            DocKind::SubjectCertificate,
            true,
            "doc.reason.subject_certificate",
            String::new(),
        ));
        let responsible = &draft.subject.responsible;
        id_items(
            &mut out,
            Scope::SubjectResponsible,
            responsible,
            responsible.cert_type,
            "doc.reason.responsible_id",
        );
        if !responsible.name.trim().is_empty() && !is_legal_rep(draft, responsible) {
            out.push(item(
                Scope::SubjectResponsible,
                DocKind::AuthorizationLetter,
                true,
                "doc.reason.authorization",
                String::new(),
            ));
        }
        let mut seen: Vec<&Person> = vec![responsible];
        for (i, w) in draft.websites.iter().enumerate() {
            let p = &w.responsible;
            if seen.iter().any(|q| same_person(p, q)) {
                continue;
            }
            id_items(
                &mut out,
                Scope::WebsiteResponsible(i),
                p,
                p.cert_type,
                "doc.reason.responsible_id",
            );
            if !p.name.trim().is_empty() && !is_legal_rep(draft, p) {
                out.push(item(
                    Scope::WebsiteResponsible(i),
                    DocKind::AuthorizationLetter,
                    true,
                    "doc.reason.authorization",
                    String::new(),
                ));
            }
            seen.push(p);
        }
    } else {
        let applicant = Person {
            name: draft.subject.name.clone(),
            cert_number: draft.filing.cert_number.clone(),
            ..Person::default()
        };
        id_items(
            &mut out,
            Scope::Subject,
            &applicant,
            draft.filing.cert_type,
            "doc.reason.personal_id",
        );
        // A resident ID from another province: the residence permit the province asks for.
        let (id, _) = normalize_code(&draft.filing.cert_number);
        let province = draft.filing.province.get(..2).unwrap_or_default();
        let cross = draft.filing.cert_type == Some(CertType::ResidentId)
            && id.len() == 18
            && !province.is_empty()
            && id.get(..2) != Some(province);
        if cross
            && tables
                .province(province)
                .and_then(|p| p.personal_cross_province.as_ref())
                .is_some_and(|c| c.allowed)
        {
            out.push(item(
                Scope::Subject,
                DocKind::ResidencePermit,
                true,
                "doc.reason.residence_permit",
                String::new(),
            ));
        }
    }
    for (i, w) in draft.websites.iter().enumerate() {
        out.push(item(
            Scope::Website(i),
            DocKind::DomainCertificate,
            true,
            "doc.reason.domain_certificate",
            draft.website_domain(i).trim().to_owned(),
        ));
        if draft.is_unit() && !w.no_pre_approval {
            for p in &w.pre_approvals {
                out.push(item(
                    Scope::Website(i),
                    DocKind::PreApproval(p.kind),
                    true,
                    "doc.reason.pre_approval",
                    p.number.trim().to_owned(),
                ));
            }
        }
    }
    if let Some(rule) = tables.province(draft.filing.province.get(..2).unwrap_or_default()) {
        for (n, doc) in rule.extra_documents.iter().enumerate() {
            let applies = match doc.applies_to.as_str() {
                "personal" => !draft.is_unit(),
                "unit" => draft.is_unit(),
                _ => true,
            };
            let Ok(n) = u8::try_from(n) else { break };
            // A document the generic checklist already asks for (the domain certificate,
            // the authorization letter) is not listed twice; one whose condition does not
            // hold is not listed at all.
            let needed = doc
                .condition
                .as_ref()
                .is_none_or(|c| condition_holds(c, draft, today));
            if applies && needed && doc.covered_by.is_none() {
                let mut it = item(
                    Scope::Filing,
                    DocKind::ProvinceDocument(n),
                    doc.confirmed,
                    "doc.reason.province",
                    doc.name.clone(),
                );
                it.signing = doc.signing.clone();
                out.push(it);
            }
        }
    }
    // Other materials: every one attached, plus one free slot (at most ten).
    let others = draft
        .materials
        .attachments
        .iter()
        .filter_map(|a| match a.item.field {
            Field::Document(DocKind::Other(n)) => Some(n),
            _ => None,
        })
        .max()
        .map_or(0, |n| n + 1);
    for n in 0..(others + 1).min(crate::model::document::MAX_OTHER) {
        out.push(item(
            Scope::Filing,
            DocKind::Other(n),
            false,
            "doc.reason.other",
            String::new(),
        ));
    }
    out
}

/// Judges one file's measures against its kind.
pub fn assess(kind: DocKind, m: &Measures) -> Findings {
    let mut f = Findings::default();
    let (spec, limits) = match spec(kind).and_then(|s| Ok((s, thresholds()?))) {
        Ok(found) => found,
        Err(err) => {
            f.error(
                IssueCode::DataTableUnavailable,
                vec![("table", err.table().into())],
            );
            return f;
        }
    };
    let Some(format) = m.format else {
        f.error(IssueCode::DocumentUnreadable, Vec::new());
        return f;
    };
    if format == FileFormat::Pdf {
        if !spec.pdf_allowed {
            f.error(IssueCode::DocumentFormat, vec![("format", "PDF".into())]);
        } else {
            f.warning(
                IssueCode::DocumentPdf,
                vec![("pages", Arg::Count(m.pages.unwrap_or(0) as u64))],
            );
        }
    } else if !spec.formats.contains(&format) {
        f.error(
            IssueCode::DocumentFormat,
            vec![("format", format.display_name().into())],
        );
    }
    if m.byte_len > spec.max_bytes {
        f.error(
            IssueCode::DocumentTooBig,
            vec![
                ("size", Arg::Bytes(m.byte_len)),
                ("max", Arg::Bytes(spec.max_bytes)),
            ],
        );
    }
    if spec.min_bytes > 0 && m.byte_len < spec.min_bytes {
        f.warning(
            IssueCode::DocumentTooSmallFile,
            vec![
                ("size", Arg::Bytes(m.byte_len)),
                ("min", Arg::Bytes(spec.min_bytes)),
            ],
        );
    }
    if format == FileFormat::Pdf {
        return f;
    }
    if m.short_side() < spec.min_short_side {
        f.error(
            IssueCode::DocumentResolution,
            vec![
                ("size", Arg::Text(format!("{}×{}", m.width, m.height))),
                ("min", Arg::Count(spec.min_short_side as u64)),
            ],
        );
    }
    if spec.colour {
        if m.stored_greyscale {
            f.error(IssueCode::DocumentGreyscale, Vec::new());
        } else if m.colour_fraction < limits.min_colour_fraction {
            f.warning(IssueCode::DocumentLooksGreyscale, Vec::new());
        }
    }
    if m.glare_fraction > limits.max_glare_fraction {
        f.warning(
            IssueCode::DocumentGlare,
            vec![(
                "percent",
                Arg::Percent((m.glare_fraction * 100.0).round().clamp(0.0, 100.0) as u8),
            )],
        );
    }
    let landscape = m.width >= m.height;
    if spec.card && !landscape {
        f.warning(IssueCode::DocumentSideways, Vec::new());
    }
    if kind == DocKind::IdFront && m.top_left_red > limits.max_front_top_left_red {
        f.warning(IssueCode::DocumentLooksLikeBack, Vec::new());
    }
    if m.has_location {
        f.notice(IssueCode::DocumentLocation, Vec::new());
    }
    f
}

/// Adds the materials issues: missing required documents, and each attached file's
/// problems (judged on its normalised copy when there is one).
pub(super) fn check(draft: &Draft, report: &mut Report, today: NaiveDate) {
    let items = checklist_on(draft, today);
    for it in &items {
        let attached = draft.materials.attachments.iter().any(|a| a.item == it.key);
        if it.required {
            report.require_as(it.key, attached, IssueCode::DocumentMissing);
        }
    }
    if needs_face(draft) {
        face_issues(draft, report);
    }
    for a in &draft.materials.attachments {
        let Field::Document(kind) = a.item.field else {
            continue;
        };
        if !items.iter().any(|i| i.key == a.item) {
            let mut f = Findings::default();
            f.notice(IssueCode::DocumentNotNeeded, Vec::new());
            report.add_findings(a.item, f);
            continue;
        }
        report.add_findings(a.item, assess(kind, a.effective_measures()));
    }
}

/// The face photos, one per person who must verify ([`Draft::face_persons`]): missing,
/// or failing a check (accepted or not by the help desk). Each issue sits at the person's
/// own face-photo field, which says whose it is.
fn face_issues(draft: &Draft, report: &mut Report) {
    for (person, photo) in draft.face_photos() {
        let face = person.field();
        report.require_as(face, photo.is_some(), IssueCode::FaceMissing);
        if let Some(photo) = photo
            && !photo.passed
        {
            let mut f = Findings::default();
            if photo.override_reason.trim().is_empty() {
                f.error(IssueCode::FaceNotPassed, Vec::new());
            } else {
                f.notice(
                    IssueCode::FaceOverridden,
                    vec![("reason", photo.override_reason.trim().to_owned().into())],
                );
            }
            report.add_findings(face, f);
        }
    }
}

/// Whether the filing needs the face verification photo: every kind but the
/// cancellations (注销主体, 注销网站, 取消接入), which verify by SMS only.
pub fn needs_face(draft: &Draft) -> bool {
    draft.procedure().needs_materials()
}

/// Whether normalising would fix something for this attachment: too big, sideways,
/// rotated by EXIF, carrying a location, or not a JPEG/PNG.
pub fn can_improve(attachment: &crate::model::draft::Attachment) -> bool {
    let m = &attachment.measures;
    let Field::Document(kind) = attachment.item.field else {
        return false;
    };
    let Ok(spec) = spec(kind) else {
        return false;
    };
    let format_ok = m.format.is_some_and(|f| spec.formats.contains(&f));
    m.format != Some(FileFormat::Pdf)
        && attachment.normalized.is_none()
        && (m.byte_len > spec.max_bytes
            || m.has_exif
            || m.exif_orientation > 1
            || !format_ok
            || (spec.card && m.width < m.height))
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::model::FilingKind;

    fn keys(d: &Draft) -> Vec<String> {
        checklist(d).iter().map(|i| i.key.to_string()).collect()
    }

    #[test]
    fn cancellations_need_no_documents_and_no_face_photo() {
        use crate::model::Procedure;
        for kind in FilingKind::ALL {
            let mut d = crate::model::samples::sample(*kind).unwrap();
            let first = checklist(&d).len();
            assert!(first > 0);
            for p in Procedure::ALL.iter().copied() {
                d.filing.procedure = p;
                let mut report = Report::default();
                check(&d, &mut report, chrono::Local::now().date_naive());
                let face_asked = report
                    .required_fields
                    .iter()
                    .any(|f| f.field == Field::FacePhoto);
                if p.is_cancellation() {
                    assert!(checklist(&d).is_empty(), "{p:?}");
                    assert!(!face_asked, "{p:?}");
                } else {
                    assert_eq!(checklist(&d).len(), first, "{p:?}");
                    assert!(face_asked, "{p:?}");
                }
            }
        }
    }

    #[test]
    fn each_person_who_must_verify_needs_a_passing_or_accepted_photo() {
        use crate::model::draft::{FacePhoto, Person};
        use crate::model::{IssueCode, Website};
        let mut d = crate::model::samples::sample(FilingKind::Unit).unwrap();
        d.materials.face_photos.clear();
        let face_codes = |d: &Draft| {
            let mut report = Report::default();
            check(d, &mut report, chrono::Local::now().date_naive());
            report
                .issues
                .iter()
                .filter(|i| i.field.field == Field::FacePhoto)
                .map(|i| (i.field.to_string(), i.code))
                .collect::<Vec<_>>()
        };
        // 王五 runs both websites of the sample: one photo.
        assert_eq!(
            face_codes(&d),
            vec![(
                "websites[0].responsible.face_photo".to_owned(),
                IssueCode::FaceMissing
            )]
        );
        // A third website run by someone else needs their photo too.
        d.websites.push(Website {
            responsible: Person {
                name: "赵六".into(),
                cert_number: "350102199202023456".into(),
                ..Person::default()
            },
            ..Website::default()
        });
        let people = d.face_persons();
        assert_eq!(people.len(), 2);
        assert_eq!(face_codes(&d).len(), 2);
        let photo = |person: &str, passed: bool| FacePhoto {
            person: person.to_owned(),
            sha256: "ab".repeat(32),
            passed,
            ..FacePhoto::default()
        };
        d.materials.set_face_photo(photo(&people[0].key, true));
        assert_eq!(
            face_codes(&d),
            vec![(
                "websites[2].responsible.face_photo".to_owned(),
                IssueCode::FaceMissing
            )]
        );
        d.materials.set_face_photo(photo(&people[1].key, false));
        assert_eq!(
            face_codes(&d),
            vec![(
                "websites[2].responsible.face_photo".to_owned(),
                IssueCode::FaceNotPassed
            )]
        );
        d.materials
            .face_photo_mut(&people[1].key)
            .unwrap()
            .override_reason = "现场核对本人".into();
        assert_eq!(
            face_codes(&d),
            vec![(
                "websites[2].responsible.face_photo".to_owned(),
                IssueCode::FaceOverridden
            )]
        );
        // A photo of someone no longer in the filing counts for nobody.
        d.websites.pop();
        d.materials.remove_face_photo(&people[0].key);
        assert_eq!(face_codes(&d).len(), 1);
    }

    #[test]
    fn a_personal_filing_needs_both_id_sides_and_the_domain_certificate() {
        let d = crate::model::samples::sample(FilingKind::Personal).unwrap();
        let k = keys(&d);
        assert!(k.contains(&"subject.document.id_front".to_owned()), "{k:?}");
        assert!(k.contains(&"subject.document.id_back".to_owned()));
        assert!(k.contains(&"websites[0].document.domain_certificate".to_owned()));
        assert!(!k.iter().any(|x| x.contains("certificate") && x.starts_with("subject.document.certificate")));
        assert!(!k.iter().any(|x| x.contains("authorization")));
    }

    #[test]
    fn a_unit_filing_needs_the_licence_and_each_distinct_person() {
        let mut d = crate::model::samples::sample(FilingKind::Unit).unwrap();
        let k = keys(&d);
        assert!(k.contains(&"subject.document.certificate".to_owned()));
        assert!(k.contains(&"subject.responsible.document.id_front".to_owned()));
        // 王五 is responsible for both websites: one set of ID images, and an
        // authorization letter since he is not the legal representative.
        assert!(k.contains(&"websites[0].responsible.document.id_front".to_owned()));
        assert!(!k.contains(&"websites[1].responsible.document.id_front".to_owned()));
        assert!(k.contains(&"websites[0].responsible.document.authorization".to_owned()));
        assert!(
            !k.contains(&"subject.responsible.document.authorization".to_owned()),
            "李四 is the legal rep"
        );
        // A pre-approval adds its document.
        d.websites[1].no_pre_approval = false;
        d.websites[1]
            .pre_approvals
            .push(crate::model::draft::PreApproval {
                kind: crate::model::PreApprovalKind::Culture,
                number: "闽-1号".into(),
            });
        assert!(keys(&d).contains(&"websites[1].document.pre_approval.culture".to_owned()));
    }

    #[test]
    fn conditions_on_the_kind_of_filing_and_host_nature_are_evaluated() {
        use crate::model::{HostNature, Procedure};
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let mut d = crate::model::samples::sample(FilingKind::Unit).unwrap();
        let change = DocCondition::Procedure(vec![Procedure::Change]);
        let institution = DocCondition::HostNature(vec![HostNature::PublicInstitution]);
        assert!(!condition_holds(&change, &d, today));
        assert!(!condition_holds(&institution, &d, today));
        let either = DocCondition::Any(vec![change.clone(), institution.clone()]);
        let both = DocCondition::All(vec![change.clone(), institution.clone()]);
        d.filing.procedure = Procedure::Change;
        assert!(condition_holds(&either, &d, today));
        assert!(!condition_holds(&both, &d, today));
        d.filing.host_nature = Some(HostNature::PublicInstitution);
        assert!(condition_holds(&both, &d, today));
        // 李四 is the legal representative; 王五, website responsible, is not.
        assert!(!condition_holds(
            &DocCondition::SubjectResponsibleNotLegalRep,
            &d,
            today
        ));
        assert!(condition_holds(
            &DocCondition::WebsiteResponsibleNotLegalRep,
            &d,
            today
        ));
    }

    #[test]
    fn files_are_judged_against_their_kind() {
        let good = Measures {
            format: Some(FileFormat::Jpeg),
            byte_len: 800_000,
            width: 1600,
            height: 1010,
            colourfulness: 25.0,
            colour_fraction: 0.05,
            median_luma: 180,
            ..Measures::default()
        };
        assert!(assess(DocKind::IdFront, &good).is_empty());
        let codes = |m: &Measures, k| assess(k, m).iter().map(|f| f.code).collect::<Vec<_>>();
        assert_eq!(
            codes(
                &Measures {
                    stored_greyscale: true,
                    ..good.clone()
                },
                DocKind::IdFront
            ),
            vec!["document.greyscale"]
        );
        assert_eq!(
            codes(
                &Measures {
                    width: 160,
                    height: 100,
                    ..good.clone()
                },
                DocKind::IdFront
            ),
            vec!["document.resolution"]
        );
        assert_eq!(
            codes(
                &Measures {
                    byte_len: 5_000_000,
                    ..good.clone()
                },
                DocKind::IdFront
            ),
            vec!["document.too_big"]
        );
        assert_eq!(
            codes(
                &Measures {
                    width: 1010,
                    height: 1600,
                    ..good.clone()
                },
                DocKind::IdFront
            ),
            vec!["document.sideways"]
        );
        assert_eq!(
            codes(
                &Measures {
                    format: Some(FileFormat::Pdf),
                    width: 0,
                    height: 0,
                    pages: Some(2),
                    ..good.clone()
                },
                DocKind::IdFront
            ),
            vec!["document.format"]
        );
        assert_eq!(
            codes(
                &Measures {
                    glare_fraction: 0.15,
                    ..good.clone()
                },
                DocKind::IdBack
            ),
            vec!["document.glare"]
        );
        assert_eq!(
            codes(
                &Measures {
                    top_left_red: 0.2,
                    ..good.clone()
                },
                DocKind::IdFront
            ),
            vec!["document.looks_like_back"]
        );
        assert_eq!(
            codes(
                &Measures {
                    byte_len: 100_000,
                    ..good
                },
                DocKind::DomainCertificate
            ),
            vec!["document.too_small_file"]
        );
    }
}
