//! The documents a filing needs (the checklist), derived from the draft and data, and the
//! judgement of each attached file against its kind's requirements. Files are measured
//! once when attached (`documents::inspect`); the measures are stored in the draft, so
//! these rules stay pure.

use super::arg::Arg;
use crate::model::IssueCode;

use super::finding::Findings;
use super::report::Report;
use crate::documents::{FileFormat, Measures};
use crate::model::{DocKind, Draft, Field};
use chrono::NaiveDate;

use super::document_specs::thresholds;
pub use super::document_specs::{DocSpec, DocSpecs, DocThresholds, spec, specs};

pub use super::checklist::{ChecklistItem, checklist, checklist_on, condition_holds};

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
    if spec.square && m.width != m.height {
        f.error(
            IssueCode::DocumentNotSquare,
            vec![("size", Arg::Text(format!("{}×{}", m.width, m.height)))],
        );
    }
    if spec.not_plain && m.luma_spread < limits.min_luma_spread {
        f.error(IssueCode::DocumentPlain, Vec::new());
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
    // The papers beian prints, made once, when a paper's photo was read.
    let papers = if draft
        .materials
        .attachments
        .iter()
        .any(|a| a.paper.is_some())
    {
        super::papers::papers_for(draft, &items)
    } else {
        Vec::new()
    };
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
        if let Some(reading) = &a.paper {
            report.add_findings(a.item, paper_findings(draft, &papers, a.item, reading));
        }
    }
}

/// What the photo of a printed paper says against the draft as it is now: another
/// filing's or item's paper, or one printed before a value changed, is sent back by the
/// provider (its values differ from the filing's); blank signature places are warned
/// about; a paper without beian's code (another template) is only mentioned.
fn paper_findings(
    draft: &Draft,
    papers: &[crate::forms::Paper],
    item: crate::model::FieldKey,
    reading: &crate::model::draft::PaperReading,
) -> Findings {
    use crate::forms::scan::Verdict;
    let mut f = Findings::default();
    match crate::forms::scan::verdict(draft, papers, item, reading) {
        Verdict::NoCode => f.notice(IssueCode::PaperNoCode, Vec::new()),
        Verdict::OtherFiling => f.error(IssueCode::PaperOtherFiling, Vec::new()),
        Verdict::OtherPaper { item } => {
            let other = item
                .parse::<crate::model::FieldKey>()
                .map_or(Arg::Text(String::new()), Arg::Item);
            f.error(IssueCode::PaperOtherItem, vec![("item", other)]);
        }
        Verdict::Outdated => f.error(IssueCode::PaperOutdated, Vec::new()),
        Verdict::Matches { unsigned } if !unsigned.is_empty() => {
            let roles = unsigned.into_iter().map(Arg::Text).collect();
            f.warning(IssueCode::PaperUnsigned, vec![("roles", Arg::List(roles))]);
        }
        Verdict::Matches { .. } => {}
    }
    f
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
    use super::super::document_specs::DocCondition;
    use super::*;
    use crate::model::FilingKind;

    fn keys(d: &Draft) -> Vec<String> {
        checklist(d).iter().map(|i| i.key.to_string()).collect()
    }

    #[test]
    fn cancellations_need_no_documents_and_no_face_photo() {
        use crate::model::Procedure;
        for kind in FilingKind::ALL {
            let mut d = crate::store::samples::sample(*kind).unwrap();
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
        let mut d = crate::store::samples::sample(FilingKind::Unit).unwrap();
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
        let d = crate::store::samples::sample(FilingKind::Personal).unwrap();
        let k = keys(&d);
        assert!(k.contains(&"subject.document.id_front".to_owned()), "{k:?}");
        assert!(k.contains(&"subject.document.id_back".to_owned()));
        assert!(k.contains(&"websites[0].document.domain_certificate".to_owned()));
        assert!(!k.iter().any(|x| x.contains("certificate") && x.starts_with("subject.document.certificate")));
        assert!(!k.iter().any(|x| x.contains("authorization")));
    }

    #[test]
    fn a_unit_filing_needs_the_licence_and_each_distinct_person() {
        let mut d = crate::store::samples::sample(FilingKind::Unit).unwrap();
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
        let mut d = crate::store::samples::sample(FilingKind::Unit).unwrap();
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
