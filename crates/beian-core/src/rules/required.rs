//! Which fields must be filled, by filing kind: the completeness part of the report.
//! A field the reference procedure marks 无需填写 for a kind is not required for it.

use crate::model::IssueCode;
use crate::model::divisions::Divisions;
use crate::model::draft::{Person, Validity};
use crate::model::{CloudMode, Draft, Field, FieldKey, Scope};

use super::report::{Report, Severity};

fn filled(text: &str) -> bool {
    !text.trim().is_empty()
}

/// Adds a `required` issue for every empty required field.
pub(super) fn check(draft: &Draft, report: &mut Report) {
    filing(draft, report);
    subject(draft, report);
    websites(draft, report);
}

fn filing(draft: &Draft, report: &mut Report) {
    let key = |field| FieldKey::new(Scope::Filing, field);
    let f = &draft.filing;
    report.require(key(Field::Province), filled(&f.province));
    report.require(key(Field::City), filled(&f.city));
    let has_districts = Divisions::get()
        .city(&f.province, &f.city)
        .is_some_and(|c| !c.children.is_empty());
    if has_districts || filled(&f.district) {
        report.require(key(Field::District), filled(&f.district));
    }
    if draft.is_unit() {
        report.require(key(Field::HostNature), f.host_nature.is_some());
    }
    report.require(key(Field::CertType), f.cert_type.is_some());
    report.require(key(Field::CertNumber), filled(&f.cert_number));
    if !f.no_website {
        report.require(key(Field::Domain), filled(&f.domain));
    }
    match f.cloud.mode {
        CloudMode::ServerIp => report.require(key(Field::ServerIp), filled(&f.cloud.server_ip)),
        CloudMode::AuthCode => report.require(key(Field::AuthCode), filled(&f.cloud.auth_code)),
    }
}

fn validity(report: &mut Report, scope: Scope, v: &Validity) {
    report.require(FieldKey::new(scope, Field::ValidityStart), filled(&v.start));
    report.require(
        FieldKey::new(scope, Field::ValidityEnd),
        v.long_term || filled(&v.end),
    );
}

pub(super) fn person(
    report: &mut Report,
    scope: Scope,
    p: &Person,
    with_identity: bool,
    with_phone2: bool,
) {
    let key = |field| FieldKey::new(scope, field);
    if with_identity {
        report.require(key(Field::Name), filled(&p.name));
        report.require(key(Field::CertType), p.cert_type.is_some());
        report.require(key(Field::CertNumber), filled(&p.cert_number));
        validity(report, scope, &p.cert_validity);
    }
    report.require(key(Field::Mobile), filled(&p.mobile));
    if with_phone2 {
        report.require(key(Field::Phone2), filled(&p.phone2));
    }
    report.require(key(Field::Email), filled(&p.email));
}

fn subject(draft: &Draft, report: &mut Report) {
    let key = |field| FieldKey::new(Scope::Subject, field);
    let s = &draft.subject;
    let unit = draft.is_unit();
    report.require(key(Field::Name), filled(&s.name));
    report.require(key(Field::CertAddress), filled(&s.cert_address));
    validity(report, Scope::Subject, &s.cert_validity);
    if unit {
        let rep = |field| FieldKey::new(Scope::LegalRep, field);
        report.require(rep(Field::Name), filled(&s.legal_rep.name));
        report.require(rep(Field::CertType), s.legal_rep.cert_type.is_some());
        report.require(rep(Field::CertNumber), filled(&s.legal_rep.cert_number));
        report.require(key(Field::Investor), filled(&s.investor));
    }
    report.require(key(Field::MailingAddress), filled(&s.mailing_address));
    person(
        report,
        Scope::SubjectResponsible,
        &s.responsible,
        unit,
        unit,
    );
}

fn websites(draft: &Draft, report: &mut Report) {
    if draft.filing.no_website {
        if !draft.has_app_services() {
            report.push(
                FieldKey::new(Scope::Filing, Field::Domain),
                IssueCode::ServicesNone,
                Severity::Error,
                Vec::new(),
            );
        }
        return;
    }
    if draft.websites.is_empty() {
        report.push(
            FieldKey::new(Scope::Website(0), Field::Name),
            IssueCode::WebsitesNone,
            Severity::Error,
            Vec::new(),
        );
        return;
    }
    let unit = draft.is_unit();
    for (i, w) in draft.websites.iter().enumerate() {
        let key = |field| FieldKey::new(Scope::Website(i), field);
        report.require(key(Field::Name), filled(&w.name));
        if !w.is_primary {
            report.require(key(Field::Domain), filled(&w.domain));
        }
        report.require(key(Field::Homepage), filled(&w.homepage));
        if unit {
            let chosen = w.no_pre_approval || !w.pre_approvals.is_empty();
            let numbered = w.no_pre_approval || w.pre_approvals.iter().all(|p| filled(&p.number));
            report.require(key(Field::PreApproval), chosen && numbered);
            person(
                report,
                Scope::WebsiteResponsible(i),
                &w.responsible,
                true,
                true,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FilingKind, Step};
    use crate::rules::{StepStatus, validate};
    use chrono::Utc;

    fn missing(draft: &Draft) -> Vec<String> {
        validate(draft)
            .issues
            .iter()
            .filter(|i| i.code == "required")
            .map(|i| i.field.to_string())
            .collect()
    }

    #[test]
    fn a_new_personal_draft_asks_for_no_unit_fields() {
        let draft = Draft::new(FilingKind::Personal, Utc::now());
        let missing = missing(&draft);
        assert!(missing.contains(&"filing.cert_number".to_owned()));
        assert!(missing.contains(&"subject.responsible.mobile".to_owned()));
        for unit_only in [
            "subject.legal_rep.name",
            "subject.investor",
            "subject.responsible.name",
            "filing.host_nature",
            "websites[0].responsible.name",
            "websites[0].pre_approval",
        ] {
            assert!(!missing.contains(&unit_only.to_owned()), "{unit_only}");
        }
    }

    #[test]
    fn a_unit_draft_asks_for_legal_representative_and_website_responsible() {
        let draft = Draft::new(FilingKind::Unit, Utc::now());
        let missing = missing(&draft);
        for unit_only in [
            "subject.legal_rep.name",
            "subject.investor",
            "subject.responsible.name",
            "subject.responsible.phone2",
            "filing.host_nature",
            "websites[0].responsible.mobile",
        ] {
            assert!(missing.contains(&unit_only.to_owned()), "{unit_only}");
        }
        // "以上都不涉及" is not ticked for the applicant: the question must be answered.
        assert!(missing.contains(&"websites[0].pre_approval".to_owned()));
        let mut answered = draft.clone();
        for w in &mut answered.websites {
            w.no_pre_approval = true;
        }
        assert!(!self::missing(&answered).contains(&"websites[0].pre_approval".to_owned()));
    }

    #[test]
    fn step_status_follows_what_is_filled() {
        let mut draft = Draft::new(FilingKind::Personal, Utc::now());
        let report = validate(&draft);
        assert_eq!(report.step_status(Step::Subject), StepStatus::NotStarted);
        draft.subject.name = "张三".into();
        let report = validate(&draft);
        assert_eq!(report.step_status(Step::Subject), StepStatus::InProgress);
        assert!(report.progress() > 0.0 && report.progress() < 1.0);
    }

    #[test]
    fn a_city_without_districts_needs_no_district() {
        let mut draft = Draft::new(FilingKind::Personal, Utc::now());
        draft.filing.province = "440000".into();
        draft.filing.city = "441900".into(); // 东莞市 has no districts.
        assert!(!missing(&draft).contains(&"filing.district".to_owned()));
        draft.filing.city = "440300".into(); // 深圳市 has.
        assert!(missing(&draft).contains(&"filing.district".to_owned()));
    }
}
