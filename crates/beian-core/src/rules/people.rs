//! People and dates: certificates of persons, their validity (more than three months
//! left), ages against the province's minimum, contacts, and whether two responsible
//! persons are the same person.

use super::arg::Arg;
use crate::model::IssueCode;
use chrono::{Months, NaiveDate};

use super::contacts::{check_email, check_mobile, check_phone2, phone_key};
use super::data::Tables;
use super::finding::Findings;
use super::ids::{ResidentId, check_cert, normalize_code};
use super::local_mobile::{Holder, check_local_mobile};
use super::report::Report;
use crate::model::draft::{Person, Validity};
use crate::model::{CertType, Field, FieldKey, Scope};

/// Everything the draft-level checks share.
pub struct Ctx<'a> {
    /// The day the check runs (validity and ages are relative to it).
    pub today: NaiveDate,
    /// The rule tables.
    pub tables: &'a Tables,
    /// The filing province's two-digit code (may be empty).
    pub province: &'a str,
    /// The city of the filing region, whose area code landlines must carry.
    pub city: &'a str,
}

/// Parses a date written 2020-01-31, 2020/1/31, 2020.01.31, 20200131 or 2020年1月31日.
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let t = raw.trim();
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(t, "%Y%m%d").ok();
    }
    let parts: Vec<&str> = t
        .trim_end_matches('日')
        .split(['-', '/', '.', '年', '月'])
        .collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || p.len() > 4) {
        return None;
    }
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let y = y.parse().ok()?;
    let m = m.parse().ok()?;
    let d = d.parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The least validity a certificate must have left when filing.
pub const MIN_VALIDITY_MONTHS: u32 = 3;

/// Checks a certificate's validity: real dates, start not in the future, end after start
/// and more than three months away (or 长期).
pub fn check_validity(report: &mut Report, scope: Scope, v: &Validity, today: NaiveDate) {
    let start_key = FieldKey::new(scope, Field::ValidityStart);
    let end_key = FieldKey::new(scope, Field::ValidityEnd);
    let mut start_f = Findings::default();
    let start = if v.start.trim().is_empty() {
        None
    } else {
        match parse_date(&v.start) {
            Some(d) if d > today => {
                start_f.error(
                    IssueCode::ValidityStartFuture,
                    vec![("date", d.to_string().into())],
                );
                Some(d)
            }
            Some(d) => Some(d),
            None => {
                start_f.error(IssueCode::ValidityFormat, Vec::new());
                None
            }
        }
    };
    report.add_findings(start_key, start_f);
    if v.long_term || v.end.trim().is_empty() {
        return;
    }
    let mut end_f = Findings::default();
    match parse_date(&v.end) {
        None => end_f.error(IssueCode::ValidityFormat, Vec::new()),
        Some(end) if start.is_some_and(|s| end <= s) => {
            end_f.error(IssueCode::ValidityOrder, Vec::new())
        }
        Some(end) if end < today => end_f.error(
            IssueCode::ValidityExpired,
            vec![("date", end.to_string().into())],
        ),
        Some(end) => {
            let limit = today
                .checked_add_months(Months::new(MIN_VALIDITY_MONTHS))
                .unwrap_or(today);
            if end <= limit {
                end_f.error(
                    IssueCode::ValidityExpiring,
                    vec![("date", end.to_string().into())],
                );
            }
        }
    }
    report.add_findings(end_key, end_f);
}

/// Checks a certificate number of a person or subject and returns the parsed resident ID.
pub fn check_cert_number(
    report: &mut Report,
    key: FieldKey,
    cert: Option<CertType>,
    number: &str,
    ctx: &Ctx<'_>,
) -> Option<ResidentId> {
    let (cert, number) = (cert?, number.trim());
    if number.is_empty() {
        return None;
    }
    let (id, findings) = check_cert(cert, number, ctx.today, ctx.tables);
    report.add_findings(key, findings);
    id
}

/// Checks a person's age against the province's minimum. `personal_filer` says whether
/// the person files a personal website (rules may apply to them only) or is a responsible
/// person of a 单位 filing.
pub fn check_age(
    report: &mut Report,
    key: FieldKey,
    id: Option<&ResidentId>,
    personal_filer: bool,
    ctx: &Ctx<'_>,
) {
    let (Some(id), Some(rule)) = (
        id,
        ctx.tables
            .province(ctx.province)
            .and_then(|p| p.min_age.as_ref()),
    ) else {
        return;
    };
    let applies = match rule.applies_to.as_str() {
        "personal" => personal_filer,
        "enterprise" => !personal_filer,
        _ => true,
    };
    if !applies {
        return;
    }
    let age = id.age_on(ctx.today);
    if age < rule.years {
        let mut f = Findings::default();
        f.error_if(
            rule.confirmed,
            IssueCode::PersonTooYoung,
            vec![
                ("age", Arg::Count(age as u64)),
                ("min", Arg::Count(rule.years as u64)),
            ],
        );
        report.add_findings(key, f);
    }
}

/// Checks a responsible person. `full` adds identity, the second phone and the emergency
/// contact (单位 filings; the reference procedure marks the emergency contact 个人无需填写,
/// so a personal filing is neither asked for it nor checked on it). Returns the person's
/// resident ID when it parses.
pub fn check_person(
    report: &mut Report,
    scope: Scope,
    p: &Person,
    full: bool,
    ctx: &Ctx<'_>,
) -> Option<ResidentId> {
    let key = |field| FieldKey::new(scope, field);
    let mut id = None;
    if full {
        if let Some(cert) = p.cert_type
            && !cert.is_personal()
        {
            let mut f = Findings::default();
            f.error(
                IssueCode::CertTypeNotPersonal,
                vec![("cert", Arg::Cert(cert))],
            );
            report.add_findings(key(Field::CertType), f);
        }
        id = check_cert_number(
            report,
            key(Field::CertNumber),
            p.cert_type,
            &p.cert_number,
            ctx,
        );
        check_age(report, key(Field::CertNumber), id.as_ref(), false, ctx);
        check_validity(report, scope, &p.cert_validity, ctx.today);
    }
    if !p.mobile.trim().is_empty() {
        let (mobile, mut f) = check_mobile(&p.mobile, ctx.tables);
        if let Some(mobile) = mobile {
            let holder = Holder {
                personal_filing: !full,
                website_responsible: matches!(
                    scope,
                    Scope::WebsiteResponsible(_)
                        | Scope::AppResponsible(_)
                        | Scope::MiniResponsible(_)
                ),
            };
            f.extend(check_local_mobile(
                &mobile,
                holder,
                ctx.province,
                ctx.tables,
            ));
        }
        report.add_findings(key(Field::Mobile), f);
    }
    if full && !p.phone2.trim().is_empty() {
        report.add_findings(
            key(Field::Phone2),
            check_phone2(&p.phone2, Some(ctx.city), ctx.tables),
        );
    }
    if !full {
        // Not asked of a personal filing.
    } else if !p.emergency_phone.trim().is_empty() {
        let mut f = Findings::default();
        let digits = phone_key(&p.emergency_phone);
        if digits.starts_with('1') {
            f.extend(check_mobile(&p.emergency_phone, ctx.tables).1);
        } else {
            f.extend(check_phone2(&p.emergency_phone, None, ctx.tables));
        }
        if !p.mobile.trim().is_empty() && digits == phone_key(&p.mobile) {
            f.error(IssueCode::EmergencySameAsMobile, Vec::new());
        }
        report.add_findings(key(Field::EmergencyPhone), f);
    } else if let Some(rule) = ctx
        .tables
        .province(ctx.province)
        .and_then(|r| r.emergency_contact_required.as_ref())
        && rule.required
    {
        let mut f = Findings::default();
        f.error_if(
            rule.confirmed,
            IssueCode::EmergencyRequiredByProvince,
            Vec::new(),
        );
        report.add_findings(key(Field::EmergencyPhone), f);
    }
    if !p.email.trim().is_empty() {
        report.add_findings(key(Field::Email), check_email(&p.email));
    }
    id
}

/// Whether two persons are the same person: the same certificate number, or the same name
/// when neither has a number yet.
pub fn same_person(a: &Person, b: &Person) -> bool {
    let (na, _) = normalize_code(&a.cert_number);
    let (nb, _) = normalize_code(&b.cert_number);
    if !na.is_empty() && !nb.is_empty() {
        return na == nb;
    }
    !a.name.trim().is_empty() && a.name.trim() == b.name.trim()
}

/// When the subject's and a website's (or an APP's) responsible persons differ, their
/// mobiles and e-mails must differ too.
pub fn check_distinct_contacts(
    report: &mut Report,
    subject: &Person,
    website: &Person,
    scope: Scope,
) {
    if same_person(subject, website) {
        return;
    }
    if !website.mobile.trim().is_empty() && phone_key(&website.mobile) == phone_key(&subject.mobile)
    {
        let mut f = Findings::default();
        f.error(IssueCode::PersonSharedMobile, Vec::new());
        report.add_findings(FieldKey::new(scope, Field::Mobile), f);
    }
    if !website.email.trim().is_empty()
        && website
            .email
            .trim()
            .eq_ignore_ascii_case(subject.email.trim())
    {
        let mut f = Findings::default();
        f.error(IssueCode::PersonSharedEmail, Vec::new());
        report.add_findings(FieldKey::new(scope, Field::Email), f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_common_forms() {
        let d = NaiveDate::from_ymd_opt(2020, 1, 31);
        for s in [
            "2020-01-31",
            "2020/1/31",
            "2020.01.31",
            "20200131",
            "2020年1月31日",
            " 2020-1-31 ",
        ] {
            assert_eq!(parse_date(s), d, "{s}");
        }
        for s in ["2020-02-30", "31/01/2020", "2020-01", "abc", ""] {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }

    #[test]
    fn a_personal_filing_is_not_asked_for_an_emergency_contact() {
        let mut tables = Tables::default();
        tables.provinces.provinces.insert(
            "44".into(),
            crate::rules::data::ProvinceRule {
                emergency_contact_required: Some(crate::rules::data::Requirement {
                    required: true,
                    confirmed: true,
                    sources: Vec::new(),
                }),
                ..Default::default()
            },
        );
        let ctx = Ctx {
            today: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
            tables: &tables,
            province: "44",
            city: "",
        };
        let codes = |p: &Person, full: bool| {
            let mut r = Report::default();
            check_person(&mut r, Scope::SubjectResponsible, p, full, &ctx);
            r.issues
                .iter()
                .filter(|i| i.field.field == Field::EmergencyPhone)
                .map(|i| i.code.key())
                .collect::<Vec<_>>()
        };
        let empty = Person::default();
        assert_eq!(codes(&empty, true), vec!["emergency.required_by_province"]);
        assert!(codes(&empty, false).is_empty());
        let same = Person {
            mobile: "13800138000".into(),
            emergency_phone: "13800138000".into(),
            ..Person::default()
        };
        assert_eq!(codes(&same, true), vec!["emergency.same_as_mobile"]);
        assert!(codes(&same, false).is_empty());
    }

    #[test]
    fn validity_needs_three_months() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let codes = |start: &str, end: &str, long_term: bool| {
            let mut r = Report::default();
            let v = Validity {
                start: start.into(),
                end: end.into(),
                long_term,
            };
            check_validity(&mut r, Scope::Subject, &v, today);
            r.issues.iter().map(|i| i.code).collect::<Vec<_>>()
        };
        assert!(codes("2020-01-01", "2040-01-01", false).is_empty());
        assert!(codes("2020-01-01", "", true).is_empty());
        assert_eq!(
            codes("2020-01-01", "2027-01-15", false),
            vec!["validity.expiring"]
        );
        assert_eq!(
            codes("2020-01-01", "2026-01-01", false),
            vec!["validity.expired"]
        );
        assert_eq!(
            codes("2030-01-01", "2040-01-01", false),
            vec!["validity.start_future"]
        );
        assert_eq!(
            codes("2020-01-01", "2019-01-01", false),
            vec!["validity.order"]
        );
        assert_eq!(
            codes("2020-13-01", "x", false),
            vec!["validity.format", "validity.format"]
        );
    }
}
