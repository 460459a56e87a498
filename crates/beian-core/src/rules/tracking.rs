//! Rules of the tracking step: the numbers recorded on approval (each in the ICP-number
//! format, with the filing province's abbreviation; one per website, each the subject's
//! number plus `-N`, no two alike), and the fields a return named, which are marked in
//! the wizard until the user confirms them.

use std::collections::HashSet;

use super::finding::Findings;
use super::names::{check_icp_number, parse_icp_number};
use super::report::{Report, Severity};
use crate::model::{Draft, IssueCode};

/// What is wrong with the numbers typed for an approval.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApprovalFindings {
    /// About the 主体备案号.
    pub subject: Findings,
    /// About each website's 网站备案号, in the order of the websites.
    pub websites: Vec<Findings>,
}

impl ApprovalFindings {
    /// Whether any number has an error (warnings do not stop recording the approval).
    pub fn has_errors(&self) -> bool {
        std::iter::once(&self.subject)
            .chain(&self.websites)
            .any(Findings::has_errors)
    }
}

/// Checks the numbers of an approval of `draft`: `websites` holds one number per website.
pub fn check_approval(draft: &Draft, subject: &str, websites: &[String]) -> ApprovalFindings {
    let tables = super::data::Tables::get();
    let province = draft.filing.province.get(..2);
    let mut out = ApprovalFindings::default();
    let subject = subject.trim();
    if subject.is_empty() {
        out.subject.error(IssueCode::Required, Vec::new());
    } else {
        out.subject = check_icp_number(subject, province, false, tables);
        if parse_icp_number(subject).is_some_and(|n| n.website.is_some()) {
            out.subject.error(IssueCode::IcpNumberFormat, Vec::new());
        }
    }
    let parsed_subject = parse_icp_number(subject).filter(|n| n.website.is_none());
    let mut seen = HashSet::new();
    for i in 0..draft.websites.len() {
        let raw = websites.get(i).map_or("", |s| s.trim());
        let mut f = Findings::default();
        if raw.is_empty() {
            f.error(IssueCode::Required, Vec::new());
            out.websites.push(f);
            continue;
        }
        f = check_icp_number(raw, province, true, tables);
        if let (Some(s), Some(n)) = (&parsed_subject, parse_icp_number(raw)) {
            if n.website.is_none() || s.abbreviation != n.abbreviation || s.serial != n.serial {
                f.error(
                    IssueCode::ProcedureWebsiteNumberMismatch,
                    vec![(
                        "expected",
                        format!("{}ICP备{}号", s.abbreviation, s.serial).into(),
                    )],
                );
            }
            if !seen.insert(n.website.clone()) {
                f.error(
                    IssueCode::ProcedureWebsiteNumberDuplicate,
                    vec![("n", super::arg::Arg::Count(i as u64))],
                );
            }
        }
        out.websites.push(f);
    }
    out
}

/// Marks the fields the newest return named, with its reason, until the user confirms
/// each (the warning's acknowledgement) or the filing is submitted again.
pub(super) fn returned(draft: &Draft, report: &mut Report) {
    let Some(last) = draft.submission.last() else {
        return;
    };
    if !last.state.is_rejection() {
        return;
    }
    for field in &last.fields {
        report.push(
            *field,
            IssueCode::ReturnedField,
            Severity::Warning,
            vec![("reason", last.note.trim().to_owned().into())],
        );
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::model::FilingKind;
    use crate::model::draft::SubmissionEvent;
    use crate::model::{Field, FieldKey, Scope, SubmissionState};

    fn codes(f: &Findings) -> Vec<String> {
        f.iter().map(|x| x.code.key().to_owned()).collect()
    }

    #[test]
    fn approval_numbers_are_checked_against_the_province_and_each_other() {
        let d = crate::store::samples::sample(FilingKind::Unit).unwrap();
        let good = check_approval(
            &d,
            "闽ICP备12345678号",
            &["闽ICP备12345678号-1".into(), "闽ICP备12345678号-2".into()],
        );
        assert!(!good.has_errors(), "{good:?}");
        let bad = check_approval(
            &d,
            "京ICP备12345678号",
            &["闽ICP备87654321号-1".into(), String::new()],
        );
        assert!(bad.has_errors());
        assert!(codes(&bad.subject).contains(&"icp_number.province".to_owned()));
        assert!(codes(&bad.websites[0]).contains(&"procedure.website_number_mismatch".to_owned()));
        assert_eq!(codes(&bad.websites[1]), vec!["required"]);
        let same = check_approval(
            &d,
            "闽ICP备12345678号",
            &["闽ICP备12345678号-1".into(), "闽ICP备12345678号-1".into()],
        );
        assert!(
            codes(&same.websites[1]).contains(&"procedure.website_number_duplicate".to_owned())
        );
        let site_as_subject = check_approval(&d, "闽ICP备12345678号-1", &[]);
        assert!(site_as_subject.has_errors());
    }

    #[test]
    fn a_return_marks_the_fields_it_named_until_resubmitted() {
        let mut d = crate::store::samples::sample(FilingKind::Unit).unwrap();
        let name = FieldKey::new(Scope::Website(1), Field::Name);
        d.submission.events.push(SubmissionEvent {
            state: SubmissionState::BureauRejected,
            note: "网站名称与内容不符".into(),
            fields: vec![name],
            ..SubmissionEvent::default()
        });
        let report = crate::rules::validate(&d);
        let marked: Vec<_> = report
            .for_field(name)
            .filter(|i| i.code == IssueCode::ReturnedField)
            .collect();
        assert_eq!(marked.len(), 1);
        assert!(
            marked[0]
                .message(crate::i18n::Locale::ZhCn)
                .contains("网站名称与内容不符")
                || !marked[0].message(crate::i18n::Locale::ZhCn).is_empty()
        );
        d.submission.events.push(SubmissionEvent::default());
        let report = crate::rules::validate(&d);
        assert_eq!(
            report
                .for_field(name)
                .filter(|i| i.code == IssueCode::ReturnedField)
                .count(),
            0
        );
    }
}
