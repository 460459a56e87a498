//! `beian check DRAFT.ron [--json]`: the draft's report as text or JSON.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use crate::i18n::Locale;
use crate::i18n::{t, tf};
use crate::model::{Draft, Step};
use crate::rules::{self, Report, Severity, StepStatus};
use crate::store::draft_io;
use crate::store::sealed::Library;

/// The JSON document printed by `beian check --json` (format `beian.check/1`).
#[derive(Debug, Serialize)]
pub struct CheckOutput {
    /// Always `beian.check/1`.
    pub format: &'static str,
    /// The draft file as given.
    pub draft: String,
    /// The kind of filing (备案类型), by its stable key, e.g. `first`.
    pub filing_type: crate::model::Procedure,
    /// True when nothing blocks export.
    pub ok: bool,
    /// Share of required fields filled, 0 to 1.
    pub progress: f32,
    /// Each step's status and counts.
    pub steps: Vec<StepOutput>,
    /// Every issue.
    pub issues: Vec<IssueOutput>,
    /// What the materials step takes a file for, by the key `beian attach` takes.
    pub items: Vec<ItemOutput>,
}

/// One checklist item (a document or a face photo) in [`CheckOutput`].
#[derive(Debug, Serialize)]
pub struct ItemOutput {
    /// The item key, e.g. `subject.document.id_front`, `subject.face_photo`.
    pub key: String,
    /// Its name in the output language, saying whose it is.
    pub label: String,
    /// Whether the filing cannot go without it.
    pub required: bool,
    /// Whether a file is attached.
    pub attached: bool,
}

/// The draft's checklist items, documents then face photos.
fn items(locale: Locale, draft: &Draft) -> Vec<ItemOutput> {
    let required: Vec<_> = crate::rules::materials::checklist(draft)
        .into_iter()
        .filter(|i| i.required)
        .map(|i| i.key)
        .collect();
    super::attach::item_keys(draft)
        .into_iter()
        .map(|key| ItemOutput {
            key: key.to_string(),
            label: key.label(locale),
            required: key.field == crate::model::Field::FacePhoto || required.contains(&key),
            attached: draft.materials.attachments.iter().any(|a| a.item == key)
                || draft
                    .face_photos()
                    .iter()
                    .any(|(p, photo)| p.field() == key && photo.is_some()),
        })
        .collect()
}

/// One step in [`CheckOutput`].
#[derive(Debug, Serialize)]
pub struct StepOutput {
    /// Step key, e.g. `filing_type`.
    pub step: &'static str,
    /// `not_started`, `in_progress`, `has_problems` or `complete`.
    pub status: StepStatus,
    /// Required fields in the step.
    pub required: usize,
    /// Of which filled.
    pub filled: usize,
}

/// One issue in [`CheckOutput`].
#[derive(Debug, Serialize)]
pub struct IssueOutput {
    /// Field path, e.g. `websites[1].responsible.mobile`.
    pub field: String,
    /// Step key.
    pub step: &'static str,
    /// Stable code, e.g. `required`.
    pub code: crate::model::IssueCode,
    /// `error`, `warning` or `notice`.
    pub severity: Severity,
    /// The message in the output language.
    pub message: String,
}

/// Builds the JSON document for a draft's report.
pub fn output(locale: Locale, draft_path: &Path, draft: &Draft, report: &Report) -> CheckOutput {
    CheckOutput {
        format: "beian.check/1",
        draft: draft_path.display().to_string(),
        filing_type: draft.procedure(),
        ok: !report.has_errors(),
        progress: report.progress(),
        steps: Step::ALL
            .into_iter()
            .map(|step| StepOutput {
                step: step.key(),
                status: report.step_status(step),
                required: report.required.get(&step).copied().unwrap_or(0),
                filled: report.filled.get(&step).copied().unwrap_or(0),
            })
            .collect(),
        issues: report
            .issues
            .iter()
            .map(|i| IssueOutput {
                field: i.field.to_string(),
                step: i.field.step().key(),
                code: i.code,
                severity: i.severity,
                message: i.message(locale),
            })
            .collect(),
        items: items(locale, draft),
    }
}

fn text(locale: Locale, draft: &Draft, report: &Report) -> String {
    let mut out = tf(
        locale,
        "cli.check_procedure",
        &[("procedure", &draft.procedure().label(locale))],
    );
    out.push('\n');
    for step in Step::ALL {
        let status = report.step_status(step);
        out.push_str(&format!(
            "{} — {}\n",
            t(locale, &step.title_key_for(draft.services_held())),
            t(locale, status.label_key())
        ));
        for issue in report.for_step(step) {
            let mark = match issue.severity {
                Severity::Error => t(locale, "cli.error"),
                Severity::Warning => t(locale, "cli.warning"),
                Severity::Notice => t(locale, "cli.notice"),
            };
            out.push_str(&format!(
                "  [{mark}] {}: {}\n",
                issue.field,
                issue.message(locale)
            ));
        }
    }
    let items = items(locale, draft);
    if !items.is_empty() {
        out.push_str(&t(locale, "cli.check_items"));
        out.push('\n');
        for item in &items {
            let mark = if item.attached {
                t(locale, "cli.check_item_attached")
            } else if item.required {
                t(locale, "cli.check_item_missing")
            } else {
                t(locale, "cli.check_item_optional")
            };
            out.push_str(&format!("  {} — {} [{mark}]\n", item.key, item.label));
        }
    }
    let errors = report
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .count();
    let percent = (report.progress() * 100.0).round().to_string();
    out.push_str(&tf(
        locale,
        "cli.check_summary",
        &[("errors", &errors.to_string()), ("percent", &percent)],
    ));
    out.push('\n');
    out
}

/// Runs the check and returns the exit code: 0 no errors, 1 errors, 2 unreadable.
pub fn run(locale: Locale, library: &Library, path: &Path, json: bool) -> ExitCode {
    let draft = match draft_io::load_draft(library, path) {
        Ok(d) => d,
        Err(err) => {
            eprintln!("{}", err.user_message(locale));
            return ExitCode::from(2);
        }
    };
    let report = rules::validate(&draft);
    let printed = if json {
        match serde_json::to_string_pretty(&output(locale, path, &draft, &report)) {
            Ok(s) => s + "\n",
            Err(err) => {
                eprintln!("{err}");
                return ExitCode::from(2);
            }
        }
    } else {
        text(locale, &draft, &report)
    };
    let mut stdout = std::io::stdout().lock();
    if let Err(err) = stdout.write_all(printed.as_bytes())
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("{err}");
        return ExitCode::from(2);
    }
    if report.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
