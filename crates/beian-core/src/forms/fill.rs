//! The values a paper repeats, taken from the draft: the subject, the person the paper is
//! for, the services they answer for; and the fingerprint of what was printed, which the
//! paper's QR code carries so that a returned scan can be matched to the values it shows.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use super::templates::{Template, placeholders};
use crate::i18n::Locale;
use crate::model::draft::Person;
use crate::model::{Draft, Scope};

/// Every placeholder a template may use.
pub const PLACEHOLDERS: &[&str] = &[
    "subject_name",
    "subject_kind",
    "subject_cert_type",
    "subject_cert_number",
    "legal_rep_name",
    "person_name",
    "person_cert_type",
    "person_cert_number",
    "person_mobile",
    "person_role",
    "services",
    "all_services",
    "province",
    "responsible_name",
    "responsible_mobile",
    "access",
];

/// A headed part as printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilledSection {
    /// The heading.
    pub heading: String,
    /// The paragraphs.
    pub text: Vec<String>,
    /// The boxes, each with whether beian ticked it.
    pub choices: Vec<(String, bool)>,
    /// What the applicant writes on the lines, and how many lines.
    pub write: Option<(String, u8)>,
}

/// A template filled in: the texts as printed, and the values they took.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filled {
    /// The title.
    pub title: String,
    /// The paragraphs above the table.
    pub paragraphs: Vec<String>,
    /// The table: label and value.
    pub table: Vec<(String, String)>,
    /// The headed parts after the table.
    pub sections: Vec<FilledSection>,
    /// The paragraphs below the table.
    pub closing: Vec<String>,
    /// The placeholders used, with their values (what the fingerprint covers).
    pub values: BTreeMap<String, String>,
}

impl Filled {
    /// The fingerprint of the values printed: 12 hex digits of a SHA-256 over the
    /// template's key and edition and every value, so that a paper printed before a value
    /// changed no longer matches.
    pub fn fingerprint(&self, template: &Template) -> String {
        let mut hash = Sha256::new();
        hash.update(template.key.as_bytes());
        hash.update([0]);
        hash.update(template.edition.as_bytes());
        for (name, value) in &self.values {
            hash.update([0]);
            hash.update(name.as_bytes());
            hash.update([0]);
            hash.update(value.as_bytes());
        }
        hash.finalize()
            .iter()
            .take(6)
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// The person a paper is for, when it names one.
fn person_of(draft: &Draft, scope: Scope) -> Option<Person> {
    match scope {
        Scope::SubjectResponsible => Some(draft.subject.responsible.clone()),
        Scope::WebsiteResponsible(i) => draft.websites.get(i).map(|w| w.responsible.clone()),
        Scope::AppResponsible(i) => draft.apps.get(i).map(|a| a.responsible.clone()),
        Scope::MiniResponsible(i) => draft.mini_programs.get(i).map(|m| m.responsible.clone()),
        // A personal filing's applicant.
        Scope::Subject => Some(Person {
            name: draft.subject.name.clone(),
            cert_type: draft.filing.cert_type,
            cert_number: draft.filing.cert_number.clone(),
            ..draft.subject.responsible.clone()
        }),
        _ => None,
    }
}

fn role_of(scope: Scope) -> &'static str {
    match scope {
        Scope::SubjectResponsible => "主体负责人",
        Scope::WebsiteResponsible(_) => "网站负责人",
        Scope::AppResponsible(_) => "APP负责人",
        Scope::MiniResponsible(_) => "小程序负责人",
        _ => "负责人",
    }
}

fn same(a: &Person, b: &Person) -> bool {
    a.name.trim() == b.name.trim()
        && a.cert_number.trim().to_uppercase() == b.cert_number.trim().to_uppercase()
}

/// Each service of the filing as printed, with its responsible person.
fn services(draft: &Draft) -> Vec<(String, Person)> {
    let mut out = Vec::new();
    for (i, w) in draft.websites.iter().enumerate() {
        let line = format!("{}（{}）", w.name.trim(), draft.website_domain(i).trim());
        out.push((line, w.responsible.clone()));
    }
    for a in &draft.apps {
        let packages: Vec<&str> = a
            .packages
            .iter()
            .map(|p| p.package_name.trim())
            .filter(|p| !p.is_empty())
            .collect();
        let line = format!("{}（{}）", a.name.trim(), packages.join("、"));
        out.push((line, a.responsible.clone()));
    }
    for m in &draft.mini_programs {
        out.push((
            format!("{}（{}）", m.name.trim(), m.app_id.trim()),
            m.responsible.clone(),
        ));
    }
    out
}

/// The values of every placeholder for a paper for `person` (`None`: the subject's paper).
pub fn values(draft: &Draft, person: Option<Scope>) -> BTreeMap<&'static str, String> {
    let unit = draft.is_unit();
    let cert_type =
        |c: Option<crate::model::CertType>| c.map(|c| c.label(Locale::ZhCn)).unwrap_or_default();
    let all: Vec<(String, Person)> = services(draft);
    let mut v = BTreeMap::new();
    v.insert("subject_name", draft.subject.name.trim().to_owned());
    v.insert("subject_kind", if unit { "单位" } else { "人" }.to_owned());
    v.insert("subject_cert_type", cert_type(draft.filing.cert_type));
    v.insert(
        "subject_cert_number",
        draft.filing.cert_number.trim().to_owned(),
    );
    let legal_rep = if unit {
        draft.subject.legal_rep.name.trim()
    } else {
        draft.subject.name.trim()
    };
    v.insert("legal_rep_name", legal_rep.to_owned());
    let join = |lines: Vec<&String>| {
        lines
            .into_iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join("\n")
    };
    v.insert("all_services", join(all.iter().map(|(l, _)| l).collect()));
    let province = crate::model::divisions::Divisions::get()
        .province(&draft.filing.province)
        .map(|p| p.name.clone())
        .unwrap_or_default();
    v.insert("province", province);
    let responsible = &draft.subject.responsible;
    v.insert("responsible_name", responsible.name.trim().to_owned());
    v.insert("responsible_mobile", responsible.mobile.trim().to_owned());
    let cloud = &draft.filing.cloud;
    let access = match cloud.mode {
        crate::model::CloudMode::ServerIp => format!("服务器公网IP {}", cloud.server_ip.trim()),
        crate::model::CloudMode::AuthCode => "云服务（以备案授权码接入）".to_owned(),
    };
    let filled_in = match cloud.mode {
        crate::model::CloudMode::ServerIp => !cloud.server_ip.trim().is_empty(),
        crate::model::CloudMode::AuthCode => !cloud.auth_code.trim().is_empty(),
    };
    v.insert("access", if filled_in { access } else { String::new() });
    if let Some(scope) = person
        && let Some(p) = person_of(draft, scope)
    {
        v.insert("person_name", p.name.trim().to_owned());
        v.insert("person_cert_type", cert_type(p.cert_type));
        v.insert("person_cert_number", p.cert_number.trim().to_owned());
        v.insert("person_mobile", p.mobile.trim().to_owned());
        v.insert("person_role", role_of(scope).to_owned());
        // The subject's responsible person (or a personal applicant) answers for all.
        let theirs: Vec<&String> = match scope {
            Scope::SubjectResponsible | Scope::Subject => all.iter().map(|(l, _)| l).collect(),
            _ => all
                .iter()
                .filter(|(_, r)| same(r, &p))
                .map(|(l, _)| l)
                .collect(),
        };
        v.insert("services", join(theirs));
    }
    v
}

/// Fills `template` with `values`; the placeholders left without a value are returned
/// instead.
pub fn fill(
    template: &Template,
    values: &BTreeMap<&'static str, String>,
) -> Result<Filled, Vec<String>> {
    let mut used = BTreeMap::new();
    let mut missing = Vec::new();
    let mut fill_text = |text: &str| -> String {
        let mut out = text.to_owned();
        for name in placeholders(text) {
            match values.get(name).filter(|v| !v.trim().is_empty()) {
                Some(value) => {
                    out = out.replace(&format!("{{{name}}}"), value);
                    used.insert(name.to_owned(), value.clone());
                }
                None => {
                    if !missing.iter().any(|m| m == name) {
                        missing.push(name.to_owned());
                    }
                }
            }
        }
        out
    };
    let paragraphs: Vec<String> = template.paragraphs.iter().map(|p| fill_text(p)).collect();
    let table: Vec<(String, String)> = template
        .table
        .iter()
        .map(|(label, value)| (fill_text(label), fill_text(value)))
        .collect();
    let unit = values.get("subject_kind").is_some_and(|k| k == "单位");
    let sections: Vec<FilledSection> = template
        .sections
        .iter()
        .map(|s| FilledSection {
            heading: fill_text(&s.heading),
            text: s.text.iter().map(|p| fill_text(p)).collect(),
            choices: s
                .choices
                .iter()
                .map(|(label, when)| {
                    let ticked = match when.as_str() {
                        "unit" => unit,
                        "personal" => !unit,
                        _ => false,
                    };
                    (fill_text(label), ticked)
                })
                .collect(),
            write: s.write.as_ref().map(|w| (fill_text(w), s.lines)),
        })
        .collect();
    let closing: Vec<String> = template.closing.iter().map(|p| fill_text(p)).collect();
    // What is ticked is printed too: the fingerprint covers it.
    for s in &sections {
        for (label, ticked) in &s.choices {
            if *ticked {
                used.insert(format!("ticked:{label}"), "1".to_owned());
            }
        }
    }
    if !missing.is_empty() {
        return Err(missing);
    }
    Ok(Filled {
        title: template.title.clone(),
        paragraphs,
        table,
        sections,
        closing,
        values: used,
    })
}
