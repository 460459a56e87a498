//! Rules of the tracking step: the numbers recorded on approval (each in the ICP-number
//! format, with the filing province's abbreviation; one per website, each the subject's
//! number plus `-N`, no two alike), and the fields a return named, which are marked in
//! the wizard until the user confirms them.

use std::collections::HashSet;

use super::finding::Findings;
use super::names::{IcpNumber, check_icp_number, parse_icp_number};
use super::report::{Report, Severity};
use crate::model::approval::ApprovalNumbers;
use crate::model::{Draft, IssueCode};

/// What is wrong with the numbers typed for an approval.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApprovalFindings {
    /// About the 主体备案号.
    pub subject: Findings,
    /// About each website's 网站备案号, in the order of the websites.
    pub websites: Vec<Findings>,
    /// About each APP's number.
    pub apps: Vec<Findings>,
    /// About each mini-program's or quick app's number.
    pub minis: Vec<Findings>,
}

impl ApprovalFindings {
    /// Whether any number has an error (warnings do not stop recording the approval).
    pub fn has_errors(&self) -> bool {
        std::iter::once(&self.subject)
            .chain(&self.websites)
            .chain(&self.apps)
            .chain(&self.minis)
            .any(Findings::has_errors)
    }
}

/// Checks the numbers of an approval of `draft`: one per website, APP and mini-program,
/// each the subject's number plus `-n` and the service's letter (none for a website, `A`
/// for an APP, `X` for a mini-program, `K` for a quick app), no two alike.
pub fn check_approval(draft: &Draft, numbers: &ApprovalNumbers) -> ApprovalFindings {
    let tables = super::data::Tables::get();
    let province = draft.filing.province.get(..2);
    let mut out = ApprovalFindings::default();
    let subject = numbers.subject.trim();
    if subject.is_empty() {
        out.subject.error(IssueCode::Required, Vec::new());
    } else {
        out.subject = check_icp_number(subject, province, false, tables);
        if parse_icp_number(subject).is_some_and(|n| n.website.is_some()) {
            out.subject.error(IssueCode::IcpNumberFormat, Vec::new());
        }
    }
    let mut check = Checker {
        subject: parse_icp_number(subject).filter(|n| n.website.is_none()),
        province,
        tables,
        seen: HashSet::new(),
        position: 0,
    };
    let get = |list: &[String], i: usize| list.get(i).map_or("", |s| s.trim()).to_owned();
    for i in 0..draft.websites.len() {
        out.websites
            .push(check.service(&get(&numbers.websites, i), None));
    }
    for i in 0..draft.apps.len() {
        out.apps
            .push(check.service(&get(&numbers.apps, i), Some('A')));
    }
    for (i, m) in draft.mini_programs.iter().enumerate() {
        let letter = m.platform.number_letter();
        out.minis
            .push(check.service(&get(&numbers.minis, i), Some(letter)));
    }
    out
}

/// Checks the service numbers of one approval in turn, remembering those seen.
struct Checker<'a> {
    subject: Option<IcpNumber>,
    province: Option<&'a str>,
    tables: &'a super::data::Tables,
    seen: HashSet<Option<String>>,
    position: u64,
}

impl Checker<'_> {
    fn service(&mut self, raw: &str, letter: Option<char>) -> Findings {
        self.position += 1;
        let mut f = Findings::default();
        if raw.is_empty() {
            f.error(IssueCode::Required, Vec::new());
            return f;
        }
        f = check_icp_number(raw, self.province, true, self.tables);
        let Some(n) = parse_icp_number(raw) else {
            return f;
        };
        if let Some(suffix) = &n.website {
            let found = suffix.chars().last().filter(char::is_ascii_uppercase);
            let text = |c: Option<char>| c.map_or_else(String::new, String::from);
            match (letter, found) {
                (None, Some(found)) => f.error(
                    IssueCode::IcpNumberWebsiteLetter,
                    vec![("found", text(Some(found)).into())],
                ),
                (Some(expected), found) if found != Some(expected) => f.error(
                    IssueCode::IcpNumberServiceLetter,
                    vec![("expected", text(Some(expected)).into())],
                ),
                _ => {}
            }
        }
        if let Some(s) = &self.subject {
            if n.website.is_none() || s.abbreviation != n.abbreviation || s.serial != n.serial {
                f.error(
                    IssueCode::ProcedureWebsiteNumberMismatch,
                    vec![(
                        "expected",
                        format!("{}ICP备{}号", s.abbreviation, s.serial).into(),
                    )],
                );
            }
            // The serial after the dash is shared by websites, APPs and mini-programs.
            let serial = n
                .website
                .as_ref()
                .map(|w| w.trim_end_matches(['A', 'X', 'K']).to_owned());
            if !self.seen.insert(serial) {
                f.error(
                    IssueCode::ProcedureWebsiteNumberDuplicate,
                    vec![("n", super::arg::Arg::Count(self.position - 1))],
                );
            }
        }
        f
    }
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

    fn numbers(subject: &str, websites: &[&str]) -> ApprovalNumbers {
        ApprovalNumbers {
            subject: subject.into(),
            websites: websites.iter().map(|w| (*w).to_owned()).collect(),
            ..ApprovalNumbers::default()
        }
    }

    #[test]
    fn apps_and_mini_programs_take_their_letter_on_the_shared_serial() {
        use crate::model::apps::{App, MiniPlatform, MiniProgram};
        let mut d = crate::store::samples::sample(FilingKind::Unit).unwrap();
        d.apps.push(App::default());
        d.mini_programs.push(MiniProgram::default());
        d.mini_programs.push(MiniProgram {
            platform: MiniPlatform::QuickApp,
            ..MiniProgram::default()
        });
        let mut n = numbers(
            "闽ICP备12345678号",
            &["闽ICP备12345678号-1", "闽ICP备12345678号-2"],
        );
        n.apps = vec!["闽ICP备12345678号-3A".into()];
        n.minis = vec!["闽ICP备12345678号-4X".into(), "闽ICP备12345678号-5K".into()];
        let good = check_approval(&d, &n);
        assert!(!good.has_errors(), "{good:?}");
        // An APP number without its A, a mini-program's with an A, a serial used twice.
        n.apps = vec!["闽ICP备12345678号-3".into()];
        n.minis = vec!["闽ICP备12345678号-4A".into(), "闽ICP备12345678号-2K".into()];
        let bad = check_approval(&d, &n);
        assert_eq!(codes(&bad.apps[0]), vec!["icp_number.service_letter"]);
        assert_eq!(codes(&bad.minis[0]), vec!["icp_number.service_letter"]);
        assert_eq!(
            codes(&bad.minis[1]),
            vec!["procedure.website_number_duplicate"]
        );
        let text = bad.apps[0]
            .iter()
            .next()
            .unwrap()
            .message(crate::i18n::Locale::ZhCn, "APP 1");
        assert!(text.contains("A"), "{text}");
    }

    fn codes(f: &Findings) -> Vec<String> {
        f.iter().map(|x| x.code.key().to_owned()).collect()
    }

    #[test]
    fn approval_numbers_are_checked_against_the_province_and_each_other() {
        let d = crate::store::samples::sample(FilingKind::Unit).unwrap();
        let good = check_approval(
            &d,
            &numbers(
                "闽ICP备12345678号",
                &["闽ICP备12345678号-1", "闽ICP备12345678号-2"],
            ),
        );
        assert!(!good.has_errors(), "{good:?}");
        let bad = check_approval(
            &d,
            &numbers("京ICP备12345678号", &["闽ICP备87654321号-1", ""]),
        );
        assert!(bad.has_errors());
        assert!(codes(&bad.subject).contains(&"icp_number.province".to_owned()));
        assert!(codes(&bad.websites[0]).contains(&"procedure.website_number_mismatch".to_owned()));
        assert_eq!(codes(&bad.websites[1]), vec!["required"]);
        let same = check_approval(
            &d,
            &numbers(
                "闽ICP备12345678号",
                &["闽ICP备12345678号-1", "闽ICP备12345678号-1"],
            ),
        );
        assert!(
            codes(&same.websites[1]).contains(&"procedure.website_number_duplicate".to_owned())
        );
        let site_as_subject = check_approval(&d, &numbers("闽ICP备12345678号-1", &[]));
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
