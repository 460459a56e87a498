//! The kind of filing (备案类型) and the record numbers it needs.
//!
//! A 主体备案号 looks like 京ICP备12345678号 and a 网站备案号 is that number plus `-N`
//! (N from 1). Which kinds need which numbers follows filing-kinds.md §8: a first filing
//! has none, 新增网站 has the subject's, 新增接入, 变更, 注销网站 and 取消接入 have both,
//! 注销主体 the subject's. The format and the province abbreviation of each number are
//! checked with the other fields (`filing`, through [`super::names::check_icp_number`]);
//! this file checks the numbers against the kind and against each other.

use std::collections::HashMap;

use super::arg::Arg;
use super::names::parse_icp_number;
use super::report::{Report, Severity};
use crate::model::{Draft, Field, FieldKey, IssueCode, Scope};

/// Adds the issues of the kind of filing: missing or unexpected numbers, website numbers
/// that do not belong to the subject's, and a missing cancellation reason.
pub(super) fn check(draft: &Draft, report: &mut Report) {
    let procedure = draft.procedure();
    let subject_key = FieldKey::new(Scope::Subject, Field::IcpNumber);
    let subject_raw = draft.subject.icp_number.trim();
    // After approval the numbers the bureau issued are in the draft, whatever the kind.
    let issued = draft.submission.current() == Some(crate::model::SubmissionState::Approved);
    if procedure.needs_subject_number() {
        report.require(subject_key, !subject_raw.is_empty());
    } else if !subject_raw.is_empty() && !issued {
        report.push(
            subject_key,
            IssueCode::ProcedureSubjectNumberUnexpected,
            Severity::Error,
            Vec::new(),
        );
    }
    if procedure.is_cancellation() {
        report.require(
            FieldKey::new(Scope::Filing, Field::CancelReason),
            !draft.filing.cancel_reason.trim().is_empty(),
        );
        // A cancellation is a confirmation: the record is identified by the filing's
        // certificate and numbers, and no new subject or website data is entered.
        report.waive(|field| !identifies_the_record(field));
    }
    let subject = parse_icp_number(subject_raw).filter(|n| n.website.is_none());
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, website) in draft.websites.iter().enumerate() {
        let key = FieldKey::new(Scope::Website(i), Field::IcpNumber);
        let raw = website.icp_number.trim();
        if procedure.needs_website_numbers() {
            report.require(key, !raw.is_empty());
        }
        if raw.is_empty() {
            continue;
        }
        if procedure.forbids_website_numbers() && !issued {
            report.push(
                key,
                IssueCode::ProcedureWebsiteNumberUnexpected,
                Severity::Error,
                vec![("procedure", Arg::Procedure(procedure))],
            );
            continue;
        }
        if subject_raw.is_empty() {
            report.push(
                key,
                IssueCode::ProcedureWebsiteNumberWithoutSubject,
                Severity::Error,
                Vec::new(),
            );
            continue;
        }
        // A number that does not parse already has its format issue.
        let Some(number) = parse_icp_number(raw) else {
            continue;
        };
        // A serial of 0 is refused by `check_icp_number` (`icp_number.website_zero`).
        if let Some(s) = &subject
            && (s.abbreviation != number.abbreviation || s.serial != number.serial)
        {
            report.push(
                key,
                IssueCode::ProcedureWebsiteNumberMismatch,
                Severity::Error,
                vec![(
                    "expected",
                    format!("{}ICP备{}号", s.abbreviation, s.serial).into(),
                )],
            );
        }
        let normalized = format!(
            "{}{}{}",
            number.abbreviation,
            number.serial,
            number.website.as_deref().unwrap_or_default()
        );
        match seen.get(&normalized) {
            Some(first) => report.push(
                key,
                IssueCode::ProcedureWebsiteNumberDuplicate,
                Severity::Error,
                vec![("n", Arg::Count(*first as u64 + 1))],
            ),
            None => {
                seen.insert(normalized, i);
            }
        }
    }
}

/// Whether a field identifies the record a cancellation acts on (and so stays required):
/// the region, the subject's certificate and name, the domain and the record numbers.
fn identifies_the_record(field: FieldKey) -> bool {
    match field.scope {
        Scope::Filing => !matches!(field.field, Field::ServerIp | Field::AuthCode),
        Scope::Subject => matches!(field.field, Field::Name | Field::IcpNumber),
        Scope::Website(_) => field.field == Field::IcpNumber,
        _ => false,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::model::{FilingKind, Procedure, Website};

    /// The unit sample (filed in 福建, 闽) as the given kind, with the given numbers.
    fn draft(procedure: Procedure, subject: &str, websites: &[&str]) -> Draft {
        let mut d = crate::store::samples::sample(FilingKind::Unit).unwrap();
        d.filing.procedure = procedure;
        d.subject.icp_number = subject.into();
        d.websites.truncate(1);
        while d.websites.len() < websites.len() {
            d.websites.push(Website::default());
        }
        for (w, number) in d.websites.iter_mut().zip(websites) {
            w.icp_number = (*number).into();
        }
        d
    }

    /// The procedure issues on record numbers and the reason, as `field code` lines.
    fn issues(d: &Draft) -> Vec<String> {
        let mut report = Report::default();
        check(d, &mut report);
        report
            .issues
            .iter()
            .map(|i| format!("{} {}", i.field, i.code))
            .collect()
    }

    #[test]
    fn a_first_filing_has_no_numbers() {
        assert!(issues(&draft(Procedure::First, "", &[""])).is_empty());
        assert_eq!(
            issues(&draft(Procedure::First, "闽ICP备12345678号", &[""])),
            ["subject.icp_number procedure.subject_number_unexpected"]
        );
        assert_eq!(
            issues(&draft(Procedure::First, "", &["闽ICP备12345678号-1"])),
            ["websites[0].icp_number procedure.website_number_unexpected"]
        );
    }

    #[test]
    fn a_new_website_needs_the_subject_number_only() {
        for p in [
            Procedure::NewWebsiteWithSubject,
            Procedure::NewWebsiteWithoutSubject,
        ] {
            assert_eq!(
                issues(&draft(p, "", &[""])),
                ["subject.icp_number required"]
            );
            assert!(issues(&draft(p, "闽ICP备12345678号", &[""])).is_empty());
            assert_eq!(
                issues(&draft(p, "闽ICP备12345678号", &["闽ICP备12345678号-1"])),
                ["websites[0].icp_number procedure.website_number_unexpected"]
            );
        }
    }

    #[test]
    fn access_change_and_cancellations_need_both_numbers() {
        for p in [
            Procedure::NewAccessWithSubject,
            Procedure::NewAccessWithoutSubject,
            Procedure::Change,
            Procedure::CancelWebsite,
            Procedure::CancelAccess,
        ] {
            let found = issues(&draft(p, "", &["", ""]));
            assert!(
                found.contains(&"subject.icp_number required".into()),
                "{p:?}"
            );
            assert!(
                found.contains(&"websites[1].icp_number required".into()),
                "{p:?}"
            );
            let mut d = draft(
                p,
                "闽ICP备12345678号",
                &["闽ICP备12345678号-1", "闽ICP备12345678号-2"],
            );
            d.filing.cancel_reason = "网站停止运营".into();
            assert!(issues(&d).is_empty(), "{p:?}: {:?}", issues(&d));
        }
        // 注销主体 removes every website: only the subject's number is needed.
        let mut d = draft(Procedure::CancelSubject, "闽ICP备12345678号", &[""]);
        d.filing.cancel_reason = "公司注销".into();
        assert!(issues(&d).is_empty());
    }

    #[test]
    fn cancellations_need_a_reason() {
        for p in Procedure::ALL.iter().copied() {
            let d = draft(p, "闽ICP备12345678号", &["闽ICP备12345678号-1"]);
            let asks = issues(&d).contains(&"filing.cancel_reason required".to_owned());
            assert_eq!(asks, p.is_cancellation(), "{p:?}");
        }
    }

    #[test]
    fn a_website_number_is_the_subject_number_plus_a_serial_from_one() {
        let p = Procedure::NewAccessWithoutSubject;
        assert_eq!(
            issues(&draft(p, "", &["闽ICP备12345678号-1"])),
            [
                "subject.icp_number required",
                "websites[0].icp_number procedure.website_number_without_subject"
            ]
        );
        assert_eq!(
            issues(&draft(p, "闽ICP备12345678号", &["闽ICP备87654321号-1"])),
            ["websites[0].icp_number procedure.website_number_mismatch"]
        );
        assert_eq!(
            issues(&draft(p, "闽ICP备12345678号", &["京ICP备12345678号-1"])),
            ["websites[0].icp_number procedure.website_number_mismatch"]
        );
        // Full-width hyphens and spaces around the number are the same number.
        assert!(issues(&draft(p, " 闽ICP备12345678号", &["闽ICP备12345678号－10 "])).is_empty());
    }

    #[test]
    fn the_mismatch_message_names_the_subject_number() {
        let d = draft(
            Procedure::Change,
            "闽ICP备12345678号",
            &["闽ICP备123456789号-1"],
        );
        let mut report = Report::default();
        check(&d, &mut report);
        let issue = &report.issues[0];
        assert_eq!(issue.code, IssueCode::ProcedureWebsiteNumberMismatch);
        assert_eq!(
            issue.args,
            vec![("expected", Arg::Text("闽ICP备12345678号".into()))]
        );
    }

    #[test]
    fn a_cancellation_asks_only_what_identifies_the_record() {
        let mut d = draft(Procedure::CancelWebsite, "闽ICP备12345678号", &[""]);
        d.subject.mailing_address.clear();
        d.subject.responsible.mobile.clear();
        d.websites[0].homepage.clear();
        d.filing.cloud.server_ip.clear();
        d.filing.cert_number.clear();
        let report = crate::rules::validate(&d);
        let missing: Vec<String> = report
            .issues
            .iter()
            .filter(|i| i.is_missing())
            .map(|i| i.field.to_string())
            .collect();
        assert_eq!(
            missing,
            [
                "filing.cancel_reason",
                "filing.cert_number",
                "websites[0].icp_number"
            ]
        );
        assert!(!report.is_required(FieldKey::new(Scope::Subject, Field::MailingAddress)));
        assert!(report.is_required(FieldKey::new(Scope::Subject, Field::IcpNumber)));
        // The same gaps in a change of filing are all required.
        d.filing.procedure = Procedure::Change;
        let report = crate::rules::validate(&d);
        for field in [
            "subject.mailing_address",
            "subject.responsible.mobile",
            "websites[0].homepage",
            "filing.server_ip",
        ] {
            assert!(
                report
                    .issues
                    .iter()
                    .any(|i| i.is_missing() && i.field.to_string() == field),
                "{field}"
            );
        }
    }

    #[test]
    fn two_websites_cannot_share_a_number() {
        assert_eq!(
            issues(&draft(
                Procedure::Change,
                "闽ICP备12345678号",
                &["闽ICP备12345678号-1", "闽ICP备12345678号－1"]
            )),
            ["websites[1].icp_number procedure.website_number_duplicate"]
        );
    }
}
