//! The help desk's daily overview: a printable HTML page of every open filing (not
//! approved or withdrawn) with its state, whose move it is and whether it is overdue,
//! overdue ones first. Written by `beian list --html` and by the start screen's "print
//! today's overview"; no certificate numbers, phones or e-mail addresses, no scripts.

use chrono::NaiveDateTime;

use super::escape;
use crate::i18n::{self, Locale};
use crate::model::index::{IndexEntry, WaitsOn};

/// Whether each entry has waited longer than usual in its stage after submission, at
/// `now` (all false when the table of usual times cannot be read).
pub fn overdue(entries: &[&IndexEntry], now: NaiveDateTime) -> Vec<bool> {
    let times = crate::model::tracking::ReviewTimes::get().ok();
    entries
        .iter()
        .map(|e| times.is_some_and(|t| e.is_overdue(t, now)))
        .collect()
}

/// The overview page of `shown` (with their `overdue` marks, same positions), dated `now`,
/// in `locale` (its markup says which).
pub fn page(shown: &[&IndexEntry], overdue: &[bool], now: NaiveDateTime, locale: Locale) -> String {
    let t = |key: &str| i18n::t(locale, key);
    let tf = |key: &str, args: &[(&str, &str)]| i18n::tf(locale, key, args);
    let mut rows: Vec<(&IndexEntry, bool)> = shown
        .iter()
        .zip(overdue)
        .filter(|(e, _)| e.state.waits_on() != WaitsOn::Nobody)
        .map(|(e, late)| (*e, *late))
        .collect();
    rows.sort_by_key(|(_, late)| !*late);
    let mut html = String::new();
    html.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">",
        locale.tag()
    ));
    html.push_str("<style>body{font-family:sans-serif}table{border-collapse:collapse}");
    html.push_str("td,th{border:1px solid #999;padding:4px 8px}.late{color:#b00}</style>");
    let title = tf(
        "cli.list.overview_title",
        &[("date", &now.format("%Y-%m-%d").to_string())],
    );
    html.push_str(&format!(
        "<title>{0}</title></head><body><h1>{0}</h1>",
        escape(&title)
    ));
    html.push_str("<table><tr>");
    for key in [
        "sort_key.name",
        "sort_key.domain",
        "sort_key.procedure",
        "sort_key.state",
    ] {
        html.push_str(&format!("<th>{}</th>", escape(&t(key))));
    }
    html.push_str(&format!(
        "<th>{}</th></tr>",
        escape(&t("cli.list.next_step"))
    ));
    for (entry, late) in &rows {
        let class = if *late { " class=\"late\"" } else { "" };
        let state = if *late {
            tf("start.overdue", &[("state", &entry.state.label(locale))])
        } else {
            entry.state.label(locale)
        };
        html.push_str(&format!(
            "<tr{class}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&entry.name),
            escape(&entry.domains.join(", ")),
            escape(&entry.procedure.label(locale)),
            escape(&state),
            escape(&entry.state.waits_on().label(locale)),
        ));
    }
    html.push_str(&format!(
        "</table><p>{}</p></body></html>\n",
        escape(&tf("cli.list.count", &[("count", &rows.len().to_string())]))
    ));
    html
}

/// The overview of the filings of a library listing as the start screen and `beian list`
/// show them by default (archived ones left out), dated `now`, in `locale`.
pub fn page_of_library(entries: &[IndexEntry], now: NaiveDateTime, locale: Locale) -> String {
    let shown: Vec<&IndexEntry> = crate::model::index::ListView::default()
        .select(entries)
        .into_iter()
        .filter_map(|i| entries.get(i))
        .collect();
    page(&shown, &overdue(&shown, now), now, locale)
}
