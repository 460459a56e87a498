//! The filing as label–value sections: drawn read-only by the bundle viewer (in the user's
//! language) and written to `data/summary.html`, a printable page in Chinese.

use crate::i18n::{self, Locale, t, tf};
use crate::model::divisions::Divisions;
use crate::model::{CloudMode, Draft, Field, FieldKey, Scope};

use super::application::Application;

/// A titled group of rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The heading.
    pub title: String,
    /// Label and value; empty values are left out.
    pub rows: Vec<(String, String)>,
}

fn label(scope: Scope, field: Field) -> String {
    FieldKey::new(scope, field).label()
}

fn validity(v: &crate::model::draft::Validity) -> String {
    if v.long_term {
        format!("{} – {}", v.start.trim(), t("summary.long_term"))
    } else if v.start.trim().is_empty() && v.end.trim().is_empty() {
        String::new()
    } else {
        format!("{} – {}", v.start.trim(), v.end.trim())
    }
}

fn person_rows(rows: &mut Vec<(String, String)>, scope: Scope, p: &crate::model::draft::Person) {
    rows.push((label(scope, Field::Name), p.name.clone()));
    rows.push((
        label(scope, Field::CertType),
        p.cert_type.map(|c| c.label()).unwrap_or_default(),
    ));
    rows.push((label(scope, Field::CertNumber), p.cert_number.clone()));
    rows.push((
        t("summary.validity").into_owned(),
        validity(&p.cert_validity),
    ));
    rows.push((label(scope, Field::Mobile), p.mobile.clone()));
    rows.push((label(scope, Field::Phone2), p.phone2.clone()));
    rows.push((
        label(scope, Field::EmergencyPhone),
        p.emergency_phone.clone(),
    ));
    rows.push((label(scope, Field::Email), p.email.clone()));
}

/// The filing's sections in the current locale.
pub fn sections(draft: &Draft) -> Vec<Section> {
    let mut out = Vec::new();
    let f = &draft.filing;
    let mut rows = vec![
        (label(Scope::Filing, Field::Procedure), f.procedure.label()),
        (label(Scope::Filing, Field::Kind), f.kind.label()),
        (
            label(Scope::Filing, Field::Province),
            Divisions::get().region_name(&f.province, &f.city, &f.district),
        ),
    ];
    if draft.is_unit() {
        rows.push((
            label(Scope::Filing, Field::HostNature),
            f.host_nature.map(|n| n.label()).unwrap_or_default(),
        ));
    }
    rows.push((
        label(Scope::Filing, Field::CertType),
        f.cert_type.map(|c| c.label()).unwrap_or_default(),
    ));
    rows.push((
        label(Scope::Filing, Field::CertNumber),
        f.cert_number.clone(),
    ));
    if f.procedure.is_cancellation() {
        rows.push((
            label(Scope::Filing, Field::CancelReason),
            f.cancel_reason.clone(),
        ));
    }
    rows.push((label(Scope::Filing, Field::Domain), f.domain.clone()));
    match f.cloud.mode {
        CloudMode::ServerIp => rows.push((
            label(Scope::Filing, Field::ServerIp),
            f.cloud.server_ip.clone(),
        )),
        CloudMode::AuthCode => rows.push((
            label(Scope::Filing, Field::AuthCode),
            f.cloud.auth_code.clone(),
        )),
    }
    out.push(Section {
        title: t("step.filing_type").into_owned(),
        rows,
    });

    let s = &draft.subject;
    let mut rows = vec![
        (label(Scope::Subject, Field::Name), s.name.clone()),
        (
            label(Scope::Subject, Field::IcpNumber),
            s.icp_number.clone(),
        ),
        (
            label(Scope::Subject, Field::CertAddress),
            s.cert_address.clone(),
        ),
        (
            t("summary.validity").into_owned(),
            validity(&s.cert_validity),
        ),
    ];
    if draft.is_unit() {
        rows.push((
            label(Scope::LegalRep, Field::Name),
            s.legal_rep.name.clone(),
        ));
        rows.push((
            label(Scope::LegalRep, Field::CertNumber),
            s.legal_rep.cert_number.clone(),
        ));
        rows.push((label(Scope::Subject, Field::Investor), s.investor.clone()));
    }
    rows.push((
        label(Scope::Subject, Field::MailingAddress),
        s.mailing_address.clone(),
    ));
    rows.push((label(Scope::Subject, Field::Remark), s.remark.clone()));
    out.push(Section {
        title: t("step.subject").into_owned(),
        rows,
    });
    let mut rows = Vec::new();
    person_rows(&mut rows, Scope::SubjectResponsible, &s.responsible);
    out.push(Section {
        title: t("owner.subject_responsible").into_owned(),
        rows,
    });

    for (i, w) in draft.websites.iter().enumerate() {
        let scope = Scope::Website(i);
        let approvals: Vec<String> = w
            .pre_approvals
            .iter()
            .map(|p| format!("{} {}", p.kind.label(), p.number.trim()))
            .collect();
        let mut rows = vec![
            (label(scope, Field::Name), w.name.clone()),
            (
                label(scope, Field::Domain),
                draft.website_domain(i).to_owned(),
            ),
            (label(scope, Field::Homepage), w.homepage.clone()),
            (
                label(scope, Field::DomainRegistrar),
                w.domain_facts.registrar.clone(),
            ),
            (
                label(scope, Field::DomainHolder),
                w.domain_facts.holder.clone(),
            ),
            (
                label(scope, Field::DomainExpiry),
                w.domain_facts.expiry.clone(),
            ),
            (
                label(scope, Field::DomainRealName),
                match w.domain_facts.real_name_verified {
                    Some(true) => t("domain_facts.real_name.done").into_owned(),
                    Some(false) => t("domain_facts.real_name.not_done").into_owned(),
                    None => String::new(),
                },
            ),
            (label(scope, Field::IcpNumber), w.icp_number.clone()),
            (
                t("field.website.cloud").into_owned(),
                website_cloud(draft, i),
            ),
        ];
        if draft.is_unit() {
            // Approvals hidden by 以上都不涉及 are not declared.
            let value = if approvals.is_empty() || w.no_pre_approval {
                t("summary.no_pre_approval").into_owned()
            } else {
                approvals.join("; ")
            };
            rows.push((label(scope, Field::PreApproval), value));
            person_rows(&mut rows, Scope::WebsiteResponsible(i), &w.responsible);
        }
        rows.push((label(scope, Field::Remark), w.remark.clone()));
        out.push(Section {
            title: tf("owner.website", &[("n", &(i + 1).to_string())]),
            rows,
        });
    }
    for section in &mut out {
        section.rows.retain(|(_, v)| !v.trim().is_empty());
    }
    out
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A website's cloud service in words: the server IP or authorization code, and whether it
/// is the filing's.
pub fn website_cloud(draft: &Draft, index: usize) -> String {
    let cloud = draft.website_cloud(index);
    let (field, value) = match cloud.mode {
        CloudMode::ServerIp => (Field::ServerIp, cloud.server_ip.trim()),
        CloudMode::AuthCode => (Field::AuthCode, cloud.auth_code.trim()),
    };
    let text = format!("{}：{value}", label(Scope::Filing, field));
    match draft.websites.get(index).and_then(|w| w.cloud.as_ref()) {
        Some(_) => text,
        None => tf("website.cloud_same_value", &[("cloud", &text)]),
    }
}

/// Restores the thread's locale when dropped.
struct LocaleGuard(Locale);

impl Drop for LocaleGuard {
    fn drop(&mut self) {
        i18n::set_locale(self.0);
    }
}

/// Runs `f` with the interface in Chinese (the language of the bundle), then restores the
/// locale.
pub(crate) fn in_chinese<T>(f: impl FnOnce() -> T) -> T {
    let _restore = LocaleGuard(i18n::locale());
    i18n::set_locale(Locale::ZhCn);
    f()
}

/// `data/summary.html`: the filing, its files and the warnings the applicant accepted,
/// in Chinese, printable, with no scripts and no outside resources.
pub fn html(app: &Application, key_code: &str, warnings: &[String]) -> String {
    let _restore = LocaleGuard(i18n::locale());
    i18n::set_locale(Locale::ZhCn);
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str(&format!(
        "<title>{}</title>\n",
        escape(&tf("summary.title", &[("bag", &app.bag_id)]))
    ));
    h.push_str(
        "<style>body{font-family:sans-serif;max-width:52em;margin:2em auto;color:#111}\
         table{border-collapse:collapse;width:100%;margin-bottom:1.5em}\
         th,td{border:1px solid #999;padding:.3em .6em;text-align:left;vertical-align:top}\
         th{width:14em;background:#eee;font-weight:normal}\
         h2{font-size:1.1em;border-bottom:2px solid #333}</style>\n</head>\n<body>\n",
    );
    h.push_str(&format!(
        "<h1>{}</h1>\n<p>{}</p>\n",
        escape(&t("summary.heading")),
        escape(&tf(
            "summary.meta",
            &[
                ("bag", &app.bag_id),
                ("date", &app.checked_on),
                ("key", key_code),
                ("version", &app.app_version),
            ],
        ))
    ));
    for section in sections(&app.filing) {
        h.push_str(&format!("<h2>{}</h2>\n<table>\n", escape(&section.title)));
        for (label, value) in section.rows {
            h.push_str(&format!(
                "<tr><th>{}</th><td>{}</td></tr>\n",
                escape(&label),
                escape(&value)
            ));
        }
        h.push_str("</table>\n");
    }
    h.push_str(&format!(
        "<h2>{}</h2>\n<table>\n",
        escape(&t("summary.files"))
    ));
    for file in &app.files {
        let what = match file.item {
            Some(item) => item.label(),
            None => t("summary.face_photo").into_owned(),
        };
        h.push_str(&format!(
            "<tr><th>{}</th><td>{}<br><small>{} · {} · SHA-256 {}</small></td></tr>\n",
            escape(&what),
            escape(&file.path),
            escape(&file.original_name),
            escape(&tf("summary.bytes", &[("n", &file.byte_len.to_string())])),
            escape(&file.sha256)
        ));
    }
    h.push_str("</table>\n");
    if !app.photos.is_empty() {
        h.push_str(&format!(
            "<h2>{}</h2>\n<table>\n",
            escape(&t("summary.face_photos"))
        ));
        for photo in &app.photos {
            let whose = if photo.person.trim().is_empty() {
                photo.role.clone()
            } else {
                tf(
                    "owner.titled",
                    &[("title", photo.person.trim()), ("owner", &photo.role)],
                )
            };
            let outcome = if photo.passed {
                t("summary.face_passed").into_owned()
            } else {
                tf(
                    "summary.face_override",
                    &[("reason", photo.override_reason.trim())],
                )
            };
            h.push_str(&format!(
                "<tr><th>{}</th><td>{}<br><small>{}</small></td></tr>\n",
                escape(&whose),
                escape(&photo.path),
                escape(&outcome)
            ));
        }
        h.push_str("</table>\n");
    }
    if !warnings.is_empty() {
        h.push_str(&format!(
            "<h2>{}</h2>\n<ul>\n",
            escape(&t("summary.warnings"))
        ));
        for w in warnings {
            h.push_str(&format!("<li>{}</li>\n", escape(w)));
        }
        h.push_str("</ul>\n");
    }
    h.push_str(&format!(
        "<p><small>{}</small></p>\n</body>\n</html>\n",
        escape(&t("summary.how_to_verify"))
    ));
    h
}

/// The acknowledged warnings of a filing's report, as messages in Chinese.
pub fn warning_messages(report: &crate::rules::Report) -> Vec<String> {
    let _restore = LocaleGuard(i18n::locale());
    i18n::set_locale(Locale::ZhCn);
    report
        .issues
        .iter()
        .filter(|i| i.severity == crate::rules::Severity::Warning)
        .map(|i| i.message())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<b>\"x\" & 'y'</b>"),
            "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;"
        );
    }
}
