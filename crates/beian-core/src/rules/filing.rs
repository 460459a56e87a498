//! The draft-level checks: each field's value through the single-value checks, and the
//! rules that relate fields (region and certificates, persons and provinces, websites
//! and domains).

use super::arg::Arg;
use crate::model::IssueCode;

use super::addresses::{Region, address, cross_province_id_region};
use super::contacts::phone_key;
use super::domains::{Domain, check_auth_code, check_domain, check_server_ip};
use super::finding::{Findings, one};
use super::ids::{check_uscc, normalize_code, uscc_check_char};
use super::names::{NameContext, check_icp_number, check_remark};
use super::people::{Ctx, check_age, check_cert_number, check_person, check_validity, same_person};
use super::report::Report;
use crate::model::catalog::Catalog;
use crate::model::divisions::Divisions;
use crate::model::{CertType, CloudMode, Draft, Field, FieldKey, HostNature, Person, Scope};

fn filing_key(field: Field) -> FieldKey {
    FieldKey::new(Scope::Filing, field)
}

/// Runs every check. Fields listed in `skip` had unusable text and are not checked further.
pub(super) fn check(draft: &Draft, report: &mut Report, ctx: &Ctx<'_>, skip: &[FieldKey]) {
    let primary = filing(draft, report, ctx, skip);
    subject(draft, report, ctx, skip);
    super::filing_websites::check(draft, report, ctx, skip, primary.as_ref());
    if draft.is_unit() {
        responsible_persons(draft, report);
    }
}

/// Rules across the responsible persons of a 单位 filing (rules.md §3.4): an emergency
/// number is not another responsible person's mobile (Volcengine: 应急电话不可与互联网信息
/// 服务负责人的手机号码相同 [V]); and a person who appears twice (the same certificate
/// number) has the same name, mobile and e-mail each time (HW-kb doc_0080 [K]: the same
/// person keeps the same contact data).
fn responsible_persons(draft: &Draft, report: &mut Report) {
    let mut persons = vec![(Scope::SubjectResponsible, &draft.subject.responsible)];
    persons.extend(
        draft
            .websites
            .iter()
            .enumerate()
            .map(|(i, w)| (Scope::WebsiteResponsible(i), &w.responsible)),
    );
    persons.extend(
        draft
            .apps
            .iter()
            .enumerate()
            .map(|(i, a)| (Scope::AppResponsible(i), &a.responsible)),
    );
    persons.extend(
        draft
            .mini_programs
            .iter()
            .enumerate()
            .map(|(i, m)| (Scope::MiniResponsible(i), &m.responsible)),
    );
    for (n, (scope, person)) in persons.iter().enumerate() {
        let emergency = phone_key(&person.emergency_phone);
        if !emergency.is_empty()
            && let Some((_, other)) = persons.iter().find(|(_, other)| {
                !same_person(person, other) && phone_key(&other.mobile) == emergency
            })
        {
            let mut f = Findings::default();
            f.error(
                IssueCode::EmergencyOthersMobile,
                vec![("name", other.name.trim().to_owned().into())],
            );
            report.add_findings(FieldKey::new(*scope, Field::EmergencyPhone), f);
        }
        let (number, _) = normalize_code(&person.cert_number);
        let Some((_, first)) = persons.iter().take(n).find(|(_, earlier)| {
            !number.is_empty() && normalize_code(&earlier.cert_number).0 == number
        }) else {
            continue;
        };
        // Each detail as compared (formatting ignored) and as shown.
        let name = |p: &Person| p.name.trim().to_owned();
        let mobile = |p: &Person| phone_key(&p.mobile);
        let email = |p: &Person| p.email.trim().to_lowercase();
        let details = [
            (Field::Name, name(person), name(first), first.name.trim()),
            (
                Field::Mobile,
                mobile(person),
                mobile(first),
                first.mobile.trim(),
            ),
            (
                Field::Email,
                email(person),
                email(first),
                first.email.trim(),
            ),
        ];
        for (field, mine, theirs, shown) in details {
            if !mine.is_empty() && !theirs.is_empty() && mine != theirs {
                let mut f = Findings::default();
                f.error(
                    IssueCode::PersonSamePersonDiffers,
                    vec![("value", shown.to_owned().into())],
                );
                report.add_findings(FieldKey::new(*scope, field), f);
            }
        }
    }
}

fn filing(draft: &Draft, report: &mut Report, ctx: &Ctx<'_>, skip: &[FieldKey]) -> Option<Domain> {
    let f = &draft.filing;
    let divisions = Divisions::get();
    if !f.province.is_empty() && divisions.province(&f.province).is_none() {
        report.add_findings(
            filing_key(Field::Province),
            one(
                IssueCode::RegionUnknown,
                vec![("code", f.province.clone().into())],
            ),
        );
    } else if !f.city.is_empty() && divisions.city(&f.province, &f.city).is_none() {
        report.add_findings(
            filing_key(Field::City),
            one(
                IssueCode::RegionUnknown,
                vec![("code", f.city.clone().into())],
            ),
        );
    } else if !f.district.is_empty()
        && divisions
            .district(&f.province, &f.city, &f.district)
            .is_none()
    {
        report.add_findings(
            filing_key(Field::District),
            one(
                IssueCode::RegionUnknown,
                vec![("code", f.district.clone().into())],
            ),
        );
    }
    if let Some(cert) = f.cert_type {
        let allowed = Catalog::get().subject_cert_types(f.kind, f.host_nature);
        if (draft.is_unit() && f.host_nature.is_some() || !draft.is_unit())
            && !allowed.contains(&cert)
        {
            let nature = f.host_nature.map_or(Arg::Kind(f.kind), Arg::Nature);
            report.add_findings(
                filing_key(Field::CertType),
                one(
                    IssueCode::CertTypeNotAllowed,
                    vec![("cert", Arg::Cert(cert)), ("nature", nature)],
                ),
            );
        }
    }
    let cert_key = filing_key(Field::CertNumber);
    if !skip.contains(&cert_key) {
        let id = check_cert_number(report, cert_key, f.cert_type, &f.cert_number, ctx);
        if !draft.is_unit() {
            check_age(report, cert_key, id.as_ref(), true, ctx);
            if let Some(id) = &id {
                personal_region(report, cert_key, &id.region, ctx);
            }
        } else if matches!(
            f.cert_type,
            Some(CertType::BusinessLicense | CertType::UsccCertificate)
        ) {
            let (code, _) = normalize_code(&f.cert_number);
            if code.len() == 18
                && let Some(region) = code.get(2..4)
                && !ctx.province.is_empty()
                && region.bytes().all(|b| b.is_ascii_digit())
                && ctx.tables.province(region).is_some()
                && region != ctx.province
            {
                report.add_findings(
                    cert_key,
                    one(
                        IssueCode::UsccOtherProvince,
                        vec![("province", Arg::Province(region.to_owned()))],
                    ),
                );
            }
        }
    }
    if draft.is_unit()
        && !skip.contains(&cert_key)
        && let Some(nature) = f.host_nature
    {
        report.add_findings(
            cert_key,
            uscc_nature(nature, f.cert_type, &f.cert_number, ctx),
        );
    }
    let mut primary = None;
    let domain_key = filing_key(Field::Domain);
    if !f.domain.trim().is_empty() && !skip.contains(&domain_key) {
        let (domain, findings) = check_domain(&f.domain, ctx.tables);
        report.add_findings(domain_key, findings);
        if let Some(d) = &domain {
            tld_constraints(report, domain_key, draft, d, ctx);
        }
        primary = domain;
    }
    match f.cloud.mode {
        CloudMode::ServerIp if !f.cloud.server_ip.trim().is_empty() => {
            report.add_findings(
                filing_key(Field::ServerIp),
                check_server_ip(&f.cloud.server_ip),
            );
        }
        CloudMode::AuthCode if !f.cloud.auth_code.trim().is_empty() => {
            report.add_findings(
                filing_key(Field::AuthCode),
                check_auth_code(&f.cloud.auth_code),
            );
        }
        _ => {}
    }
    primary
}

/// The first two characters of a credit code say who registered the organisation and as
/// what (GB 32100-2015 附录 A, `uscc.ron`): they must fit the chosen certificate type (its
/// issuer is the registrar: a 事业单位法人证书 carries a 12… code, never a 91… one) and the
/// host nature. The licence, the credit-code certificate and the certificate types of
/// `uscc.ron` carry a credit code; other certificates are checked when their number is
/// one with a valid check character.
fn uscc_nature(
    nature: HostNature,
    cert: Option<CertType>,
    number: &str,
    ctx: &Ctx<'_>,
) -> Findings {
    let mut f = Findings::default();
    let (code, _) = normalize_code(number);
    let (parsed, _) = check_uscc(&code, ctx.tables);
    let cert_rule = cert.and_then(|c| Some((c, ctx.tables.uscc.cert_types.get(c.key())?)));
    let carries_code = cert_rule.is_some()
        || matches!(
            cert,
            Some(CertType::BusinessLicense | CertType::UsccCertificate | CertType::OrgCode)
        );
    let checks_out = code
        .get(..17)
        .and_then(uscc_check_char)
        .is_some_and(|c| code.ends_with(c));
    if parsed.is_none() || !(carries_code || checks_out) {
        return f;
    }
    let Some(kind) = code.get(..2) else {
        return f;
    };
    let fits = |kinds: &[String]| kinds.iter().any(|k| kind.starts_with(k.as_str()));
    let meaning = ctx
        .tables
        .uscc
        .kinds
        .get(kind)
        .map_or(Arg::Phrase("uscc.kind_unknown"), |m| Arg::Text(m.clone()));
    if let Some((cert, rule)) = cert_rule
        && !fits(&rule.kinds)
    {
        f.error_if(
            rule.confirmed,
            IssueCode::UsccCertTypeMismatch,
            vec![
                ("kind", kind.to_owned().into()),
                ("meaning", meaning),
                ("cert", Arg::Cert(cert)),
            ],
        );
        return f;
    }
    let Some(rule) = ctx.tables.uscc.host_natures.get(nature.key()) else {
        return f;
    };
    if fits(&rule.kinds) {
        return f;
    }
    f.error_if(
        rule.confirmed,
        IssueCode::UsccNatureMismatch,
        vec![
            ("kind", kind.to_owned().into()),
            ("meaning", meaning),
            ("nature", Arg::Nature(nature)),
        ],
    );
    f
}

/// A personal filing in another province than the ID's: allowed only where the bureau
/// accepts it, usually with a residence permit.
fn personal_region(report: &mut Report, key: FieldKey, id_region: &str, ctx: &Ctx<'_>) {
    let Some(id_province) = id_region.get(..2) else {
        return;
    };
    if ctx.province.is_empty() || id_province == ctx.province {
        return;
    }
    let Some(rule) = ctx
        .tables
        .province(ctx.province)
        .and_then(|p| p.personal_cross_province.as_ref())
    else {
        return;
    };
    let mut f = Findings::default();
    if !rule.allowed {
        f.error_if(
            rule.confirmed,
            IssueCode::PersonCrossProvinceRefused,
            Vec::new(),
        );
    } else {
        let permits = if rule.accepted_permits.is_empty() {
            Arg::Phrase("permit.residence_proof")
        } else {
            Arg::List(
                rule.accepted_permits
                    .iter()
                    .map(|p| Arg::Text(p.clone()))
                    .collect(),
            )
        };
        f.warning(
            IssueCode::PersonCrossProvincePermit,
            vec![("permits", permits)],
        );
    }
    report.add_findings(key, f);
}

fn tld_constraints(
    report: &mut Report,
    key: FieldKey,
    draft: &Draft,
    domain: &Domain,
    ctx: &Ctx<'_>,
) {
    let Some(rule) = ctx.tables.province(ctx.province) else {
        return;
    };
    let nature = if draft.is_unit() {
        draft
            .filing
            .host_nature
            .map(HostNature::key)
            .unwrap_or_default()
    } else {
        "personal"
    };
    for c in rule
        .tld_constraints
        .iter()
        .filter(|c| c.host_nature == nature)
    {
        let ends = |s: &String| {
            let s = s.trim_start_matches('.');
            domain.unicode.ends_with(&format!(".{s}")) || domain.ascii.ends_with(&format!(".{s}"))
        };
        let bad = (!c.allowed_suffixes.is_empty() && !c.allowed_suffixes.iter().any(ends))
            || c.forbidden_suffixes.iter().any(ends);
        if bad {
            let mut f = Findings::default();
            let allowed = if c.allowed_suffixes.is_empty() {
                c.forbidden_suffixes
                    .iter()
                    .map(|s| format!("≠{s}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                c.allowed_suffixes.join(" ")
            };
            f.error_if(
                c.confirmed,
                IssueCode::DomainSuffixForNature,
                vec![("allowed", allowed.into())],
            );
            report.add_findings(key, f);
        }
    }
}

fn subject(draft: &Draft, report: &mut Report, ctx: &Ctx<'_>, skip: &[FieldKey]) {
    let s = &draft.subject;
    let key = |field| FieldKey::new(Scope::Subject, field);
    if !s.icp_number.trim().is_empty() && !skip.contains(&key(Field::IcpNumber)) {
        report.add_findings(
            key(Field::IcpNumber),
            check_icp_number(&s.icp_number, Some(ctx.province), false, ctx.tables),
        );
    }
    if !s.remark.trim().is_empty() && !skip.contains(&key(Field::Remark)) {
        let name_ctx = NameContext {
            personal: !draft.is_unit(),
            province: Some(ctx.province),
            pre_approvals: &[],
        };
        report.add_findings(
            key(Field::Remark),
            check_remark(&s.remark, name_ctx, ctx.tables),
        );
    }
    check_validity(report, Scope::Subject, &s.cert_validity, ctx.today);
    let filing_region = Region {
        province: ctx.province.to_owned(),
        city: Some(ctx.city.to_owned()),
    };
    report.add_findings(
        key(Field::MailingAddress),
        address(&s.mailing_address, &filing_region, ctx),
    );
    let cert_address = match cross_province_id_region(draft, ctx) {
        Some(home) => {
            let at_home = address(&s.cert_address, &home, ctx);
            // An ID keeps its number when the household registration moves, so an ID
            // card may also show an address in the filing region.
            let here = address(&s.cert_address, &filing_region, ctx);
            if at_home.is_empty() || !here.is_empty() {
                at_home
            } else {
                here
            }
        }
        None => address(&s.cert_address, &filing_region, ctx),
    };
    report.add_findings(key(Field::CertAddress), cert_address);
    if draft.is_unit() {
        let rep_key = FieldKey::new(Scope::LegalRep, Field::CertNumber);
        if !skip.contains(&rep_key) {
            check_cert_number(
                report,
                rep_key,
                s.legal_rep.cert_type,
                &s.legal_rep.cert_number,
                ctx,
            );
        }
        check_validity(
            report,
            Scope::LegalRep,
            &s.legal_rep.cert_validity,
            ctx.today,
        );
        legal_rep_rule(draft, report, ctx);
    }
    check_person(
        report,
        Scope::SubjectResponsible,
        &s.responsible,
        draft.is_unit(),
        ctx,
    );
}

/// Where a province requires the subject's responsible person to be the legal
/// representative (or an authorization letter), say so.
fn legal_rep_rule(draft: &Draft, report: &mut Report, ctx: &Ctx<'_>) {
    let Some(rule) = ctx
        .tables
        .province(ctx.province)
        .and_then(|p| p.legal_rep_rule.as_ref())
    else {
        return;
    };
    let s = &draft.subject;
    let rep = crate::model::draft::Person {
        name: s.legal_rep.name.clone(),
        cert_number: s.legal_rep.cert_number.clone(),
        ..Default::default()
    };
    let filled = !s.responsible.name.trim().is_empty() && !rep.name.trim().is_empty();
    if rule.subject_responsible_must_be_legal_rep && filled && !same_person(&s.responsible, &rep) {
        let mut f = Findings::default();
        if rule.authorization_letter_allowed {
            f.warning(IssueCode::LegalRepAuthorizationNeeded, Vec::new());
        } else {
            f.error_if(
                rule.confirmed,
                IssueCode::LegalRepMustBeResponsible,
                Vec::new(),
            );
        }
        report.add_findings(FieldKey::new(Scope::SubjectResponsible, Field::Name), f);
    }
    if rule.website_responsible_must_equal_subject_responsible {
        for (i, w) in draft.websites.iter().enumerate() {
            if !w.responsible.name.trim().is_empty() && !same_person(&s.responsible, &w.responsible)
            {
                let mut f = Findings::default();
                f.error_if(
                    rule.confirmed,
                    IssueCode::PersonWebsiteMustEqualSubject,
                    Vec::new(),
                );
                report.add_findings(FieldKey::new(Scope::WebsiteResponsible(i), Field::Name), f);
            }
        }
    }
}
