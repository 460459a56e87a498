//! The filing as label–value sections: drawn read-only by the bundle viewer (in the user's
//! language) and written to `data/summary.html`, a printable page in Chinese.

use crate::html::escape;
use crate::i18n::{Locale, t, tf};
use crate::model::{Draft, readback};

use super::application::Application;

/// A titled group of rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The heading.
    pub title: String,
    /// Label and value; empty values are left out.
    pub rows: Vec<(String, String)>,
}

/// The filing's sections in `locale`: the read-back of the review step
/// ([`crate::model::readback`]) without its empty values.
pub fn sections(locale: Locale, draft: &Draft) -> Vec<Section> {
    readback::sections(locale, draft)
        .into_iter()
        .map(|section| Section {
            title: section.title,
            rows: section
                .rows
                .into_iter()
                .filter(|r| !r.value.is_empty())
                .map(|r| (r.label, r.value))
                .collect(),
        })
        .collect()
}

/// The declarations made before export, as label–value rows: what was declared, by whom
/// and when (UTC), marked when they are sample data.
pub fn declaration_rows(locale: Locale, draft: &Draft) -> Vec<(String, String)> {
    draft
        .review
        .declarations
        .iter()
        .filter_map(|d| {
            let kind = d.kind?;
            let when =
                d.at.map(|at| {
                    tf(
                        locale,
                        "summary.declared_when",
                        &[
                            ("beijing", &crate::i18n::beijing_time(locale, &at)),
                            ("utc", &at.format("%Y-%m-%d %H:%M:%S UTC").to_string()),
                        ],
                    )
                })
                .unwrap_or_default();
            let mut value = tf(
                locale,
                "summary.declared",
                &[("by", d.by.trim()), ("at", &when)],
            );
            if d.sample {
                value.push_str(&t(locale, "summary.declared_sample"));
            }
            Some((crate::model::declarations::text(locale, draft, kind), value))
        })
        .collect()
}

pub use crate::model::readback::website_cloud;

/// `data/summary.html`: the filing, its files and the warnings the applicant accepted,
/// in Chinese, printable, with no scripts and no outside resources.
pub fn html(
    app: &Application,
    key_code: &str,
    holder: &super::keys::KeyHolder,
    warnings: &[String],
) -> String {
    let locale = Locale::ZhCn;
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str(&format!(
        "<title>{}</title>\n",
        escape(&tf(locale, "summary.title", &[("bag", &app.bag_id)]))
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
        escape(&t(locale, "summary.heading")),
        escape(&tf(
            locale,
            "summary.meta",
            &[
                ("bag", &app.bag_id),
                ("date", &app.checked_on),
                ("key", key_code),
                ("version", &app.app_version),
            ],
        ))
    ));
    let signed_by = match holder {
        super::keys::KeyHolder::Applicant => t(locale, "summary.signed_by.applicant").into_owned(),
        super::keys::KeyHolder::Desk(desk) => {
            tf(locale, "summary.signed_by.desk", &[("desk", desk)])
        }
    };
    h.push_str(&format!(
        "<p>{}</p>\n",
        escape(&tf(
            locale,
            "summary.signed_by",
            &[("who", &signed_by), ("key", key_code)]
        ))
    ));
    for section in sections(locale, &app.filing) {
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
        escape(&t(locale, "summary.files"))
    ));
    for file in &app.files {
        let what = match file.item {
            Some(item) => item.label(locale),
            None => t(locale, "summary.face_photo").into_owned(),
        };
        h.push_str(&format!(
            "<tr><th>{}</th><td>{}<br><small>{} · {} · SHA-256 {}</small></td></tr>\n",
            escape(&what),
            escape(&file.path),
            escape(&file.original_name),
            escape(&tf(
                locale,
                "summary.bytes",
                &[("n", &file.byte_len.to_string())]
            )),
            escape(&file.sha256)
        ));
    }
    h.push_str("</table>\n");
    if !app.photos.is_empty() {
        h.push_str(&format!(
            "<h2>{}</h2>\n<table>\n",
            escape(&t(locale, "summary.face_photos"))
        ));
        for photo in &app.photos {
            let whose = if photo.person.trim().is_empty() {
                photo.role.clone()
            } else {
                tf(
                    locale,
                    "owner.titled",
                    &[("title", photo.person.trim()), ("owner", &photo.role)],
                )
            };
            let outcome = if photo.passed {
                t(locale, "summary.face_passed").into_owned()
            } else {
                tf(
                    locale,
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
    let declarations = declaration_rows(locale, &app.filing);
    if !declarations.is_empty() {
        h.push_str(&format!(
            "<h2>{}</h2>\n<table>\n",
            escape(&t(locale, "summary.declarations"))
        ));
        for (label, value) in declarations {
            h.push_str(&format!(
                "<tr><th>{}</th><td>{}</td></tr>\n",
                escape(&label),
                escape(&value)
            ));
        }
        h.push_str("</table>\n");
    }
    if !warnings.is_empty() {
        h.push_str(&format!(
            "<h2>{}</h2>\n<ul>\n",
            escape(&t(locale, "summary.warnings"))
        ));
        for w in warnings {
            h.push_str(&format!("<li>{}</li>\n", escape(w)));
        }
        h.push_str("</ul>\n");
    }
    h.push_str(&format!(
        "<p><small>{}</small></p>\n</body>\n</html>\n",
        escape(&t(locale, "summary.how_to_verify"))
    ));
    h
}

/// The acknowledged warnings of a filing's report, as messages in Chinese.
pub fn warning_messages(report: &crate::rules::Report) -> Vec<String> {
    report
        .issues
        .iter()
        .filter(|i| i.severity == crate::rules::Severity::Warning)
        .map(|i| i.message(Locale::ZhCn))
        .collect()
}
