//! `beian list [QUERY] [--state S] [--kind K] [--json]`: the start screen's list of
//! filings, from the same library index, for scripts and the desk's daily overview.
//! Certificate numbers appear only as their last four characters.

use std::io::Write as _;
use std::process::ExitCode;

use serde::Serialize;

use crate::i18n::Locale;
use crate::i18n::{t, tf};
use crate::model::index::{IndexEntry, LibraryState, ListView, Query, WaitsOn};
use crate::model::{FilingKind, Procedure};
use crate::store::sealed::Library;

/// The JSON document printed by `beian list --json` (format `beian.list/1`).
#[derive(Debug, Serialize)]
pub struct ListOutput {
    /// Always `beian.list/1`.
    pub format: &'static str,
    /// The library folder.
    pub library: String,
    /// The filings shown, newest change first.
    pub filings: Vec<FilingOutput>,
    /// Draft files that could not be read.
    pub unreadable: Vec<String>,
}

/// One filing of [`ListOutput`].
#[derive(Debug, Serialize)]
pub struct FilingOutput {
    /// The draft file.
    pub file: String,
    /// The draft's identifier.
    pub id: String,
    /// Applicant or unit name.
    pub name: String,
    /// Every website's domain.
    pub domains: Vec<String>,
    /// `personal` or `unit`.
    pub kind: FilingKind,
    /// The kind of filing, e.g. `first`.
    pub filing_type: Procedure,
    /// Where it stands, e.g. `at_bureau`.
    pub state: LibraryState,
    /// Whose move it is.
    pub waits_on: WaitsOn,
    /// Last change (RFC 3339), if known.
    pub updated_at: Option<String>,
    /// Share of required fields filled, 0 to 1.
    pub progress: f32,
    /// The last four characters of each certificate number.
    pub cert_tails: Vec<String>,
    /// Whether it has waited longer than usual in its stage after submission (today).
    pub overdue: bool,
}

/// What to list.
#[derive(Debug, Default)]
pub struct Options {
    /// Search words.
    pub query: Option<String>,
    /// Only this state (its key, e.g. `approved`).
    pub state: Option<String>,
    /// Only this kind: `personal`, `unit`, or a kind of filing (`first`, `change`, …).
    pub kind: Option<String>,
    /// JSON output.
    pub json: bool,
    /// Also write the daily overview (open filings, next step, no certificate numbers) as
    /// printable HTML to this file.
    pub html: Option<std::path::PathBuf>,
    /// The language of that page (the one the command speaks, `--lang`).
    pub locale: crate::i18n::Locale,
}

/// Lists the filings of `library`. Exit 0 (even when none matches), 2 on bad
/// usage.
pub fn run(locale: Locale, library: &Library, options: &Options) -> ExitCode {
    let mut view = ListView {
        query: Query::new(options.query.as_deref().unwrap_or_default()),
        ..ListView::default()
    };
    if let Some(state) = &options.state {
        let Some(state) = LibraryState::from_key(state) else {
            let keys: Vec<&str> = LibraryState::ALL.iter().map(|s| s.key()).collect();
            eprintln!(
                "{}",
                tf(
                    locale,
                    "cli.list.bad_state",
                    &[("value", state), ("keys", &keys.join(", "))]
                )
            );
            return ExitCode::from(2);
        };
        view.state = Some(state);
    }
    if let Some(kind) = &options.kind {
        if let Some(k) = FilingKind::from_key(kind) {
            view.kind = Some(k);
        } else if let Some(p) = Procedure::from_key(kind) {
            view.procedure = Some(p);
        } else {
            let keys: Vec<&str> = FilingKind::ALL
                .iter()
                .map(|k| k.key())
                .chain(Procedure::ALL.iter().map(|p| p.key()))
                .collect();
            eprintln!(
                "{}",
                tf(
                    locale,
                    "cli.list.bad_kind",
                    &[("value", kind), ("keys", &keys.join(", "))]
                )
            );
            return ExitCode::from(2);
        }
    }
    let listing = crate::library::index::refresh(library);
    let shown: Vec<&IndexEntry> = view
        .select(&listing.entries)
        .into_iter()
        .filter_map(|i| listing.entries.get(i))
        .collect();
    let unreadable: Vec<String> = listing
        .unreadable
        .iter()
        .map(|u| u.path.display().to_string())
        .collect();
    let now = chrono::Local::now().naive_local();
    let overdue = crate::html::overview::overdue(&shown, now);
    if let Some(file) = &options.html {
        let page = crate::html::overview::page(&shown, &overdue, now, options.locale);
        if let Err(err) = crate::store::draft_io::write_atomic(file, page.as_bytes()) {
            eprintln!(
                "{}",
                tf(
                    locale,
                    "cli.list.html_failed",
                    &[("detail", &err.to_string())]
                )
            );
            return ExitCode::from(2);
        }
    }
    let mut out = std::io::stdout().lock();
    let written = if options.json {
        let output = ListOutput {
            format: "beian.list/1",
            library: library.dir().display().to_string(),
            filings: shown
                .iter()
                .zip(&overdue)
                .map(|(e, late)| filing_output(e, *late))
                .collect(),
            unreadable,
        };
        serde_json::to_string_pretty(&output)
            .map_err(std::io::Error::other)
            .and_then(|text| writeln!(out, "{text}"))
    } else {
        text_output(locale, &mut out, &shown, &overdue, &unreadable)
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`beian list | head`) is not a failure of the listing.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(2),
    }
}

fn filing_output(entry: &IndexEntry, overdue: bool) -> FilingOutput {
    FilingOutput {
        file: entry.file.clone(),
        id: entry.id.clone(),
        name: entry.name.clone(),
        domains: entry.domains.clone(),
        kind: entry.kind,
        filing_type: entry.procedure,
        state: entry.state,
        waits_on: entry.state.waits_on(),
        updated_at: entry.updated_at.map(|d| d.to_rfc3339()),
        progress: entry.progress,
        cert_tails: entry.cert_tails.clone(),
        overdue,
    }
}

fn text_output(
    locale: Locale,
    out: &mut impl std::io::Write,
    shown: &[&IndexEntry],
    overdue: &[bool],
    unreadable: &[String],
) -> std::io::Result<()> {
    if shown.is_empty() {
        writeln!(out, "{}", t(locale, "cli.list.none"))?;
    }
    for (entry, late) in shown.iter().zip(overdue) {
        let name = if entry.name.is_empty() {
            t(locale, "start.unnamed").into_owned()
        } else {
            entry.name.clone()
        };
        let updated = entry
            .updated_at
            .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default();
        let percent = (entry.progress * 100.0).round();
        writeln!(
            out,
            "{}\t{}\t{}\t{} · {}\t{} · {}\t{}\t{percent}%\t{}\t{}",
            entry.file,
            name,
            entry.domains.join(","),
            entry.kind.label(locale),
            entry.procedure.label(locale),
            if *late {
                tf(
                    locale,
                    "start.overdue",
                    &[("state", &entry.state.label(locale))],
                )
            } else {
                entry.state.label(locale)
            },
            entry.state.waits_on().label(locale),
            updated,
            tf(
                locale,
                "cli.list.cert_tails",
                &[("tails", &entry.cert_tails.join(","))]
            ),
            entry.id,
        )?;
    }
    for path in unreadable {
        writeln!(
            out,
            "{}",
            tf(locale, "cli.list.unreadable", &[("file", path)])
        )?;
    }
    writeln!(
        out,
        "{}",
        tf(
            locale,
            "cli.list.count",
            &[("count", &shown.len().to_string())]
        )
    )
}
