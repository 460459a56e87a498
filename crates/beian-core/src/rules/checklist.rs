//! The documents a filing needs (the checklist): derived from the draft, the province's
//! document list and its structured conditions, with each responsible person asked once.

use super::document_specs::DocCondition;
use super::ids::{check_resident_id, normalize_code};
use super::people::same_person;
use crate::model::draft::Person;
use crate::model::{CertType, DocKind, Draft, Field, FieldKey, Procedure, Scope};
use chrono::NaiveDate;

pub use super::document_specs::{DocSpec, DocSpecs, spec, specs};

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
        let services = draft
            .apps
            .iter()
            .enumerate()
            .map(|(i, a)| (Scope::AppResponsible(i), &a.responsible))
            .chain(
                draft
                    .mini_programs
                    .iter()
                    .enumerate()
                    .map(|(i, m)| (Scope::MiniResponsible(i), &m.responsible)),
            );
        for (scope, p) in services {
            if seen.iter().any(|q| same_person(p, q)) {
                continue;
            }
            id_items(&mut out, scope, p, p.cert_type, "doc.reason.responsible_id");
            if !p.name.trim().is_empty() && !is_legal_rep(draft, p) {
                out.push(item(
                    scope,
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
    for (i, app) in draft.apps.iter().enumerate() {
        out.push(item(
            Scope::App(i),
            DocKind::AppIcon,
            true,
            "doc.reason.app_icon",
            app.name.trim().to_owned(),
        ));
        if draft.is_unit() && !app.no_pre_approval {
            for p in &app.pre_approvals {
                out.push(item(
                    Scope::App(i),
                    DocKind::PreApproval(p.kind),
                    true,
                    "doc.reason.pre_approval",
                    p.number.trim().to_owned(),
                ));
            }
        }
    }
    // A word of an area that needs a pre-approval, none declared: a "不涉及…" letter.
    for touched in super::not_involved::touched(draft) {
        let detail = touched
            .found
            .iter()
            .map(|(word, name)| format!("“{word}”（{name}）"))
            .collect::<Vec<_>>()
            .join("、");
        out.push(item(
            Scope::Filing,
            DocKind::NotInvolved(touched.area),
            touched.confirmed,
            "doc.reason.not_involved",
            detail,
        ));
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
                // Signed by each responsible person: the first signs the filing's own
                // item, every other person their own.
                if doc.per_person && draft.is_unit() {
                    for (scope, person) in other_signers(draft) {
                        let mut it = item(
                            scope,
                            DocKind::ProvinceDocument(n),
                            doc.confirmed,
                            "doc.reason.province",
                            format!("{}（{}）", doc.name, person.name.trim()),
                        );
                        it.signing = doc.signing.clone();
                        out.push(it);
                    }
                }
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

/// Who signs a province paper a responsible person signs: the first website's responsible
/// person for a 单位 (the first APP's, the first mini-program's when there is no website),
/// the applicant for a 个人 filing.
pub fn province_signer(draft: &Draft) -> Scope {
    service_signers(draft)
        .first()
        .filter(|_| draft.is_unit())
        .map_or(
            if draft.is_unit() {
                Scope::SubjectResponsible
            } else {
                Scope::Subject
            },
            |(scope, _)| *scope,
        )
}

/// The responsible person of each service, in the order of the services.
fn service_signers(draft: &Draft) -> Vec<(Scope, &Person)> {
    let websites = draft
        .websites
        .iter()
        .enumerate()
        .map(|(i, w)| (Scope::WebsiteResponsible(i), &w.responsible));
    let apps = draft
        .apps
        .iter()
        .enumerate()
        .map(|(i, a)| (Scope::AppResponsible(i), &a.responsible));
    let minis = draft
        .mini_programs
        .iter()
        .enumerate()
        .map(|(i, m)| (Scope::MiniResponsible(i), &m.responsible));
    websites.chain(apps).chain(minis).collect()
}

/// The responsible persons of the services other than [`province_signer`] (the first
/// service's), each once.
fn other_signers(draft: &Draft) -> Vec<(Scope, &Person)> {
    let all = service_signers(draft);
    let Some((_, first)) = all.first() else {
        return Vec::new();
    };
    let mut seen: Vec<&Person> = vec![first];
    let mut out = Vec::new();
    for (scope, person) in all.iter().skip(1) {
        if person.name.trim().is_empty() || seen.iter().any(|p| same_person(p, person)) {
            continue;
        }
        seen.push(person);
        out.push((*scope, *person));
    }
    out
}
