//! `beian read FILE... [--json]`: text recognition on document photos (营业执照, resident
//! ID card front or back) and what it proposes: certificate numbers that pass every
//! check (with the one character changed, if any), names, addresses, legal
//! representatives and validity periods from their label rows. For help desks and
//! tests. Exit 0 when a number was proposed for every file, 1 when one had none, 2 when
//! a file cannot be read or the models cannot start.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use serde::Serialize;

use crate::i18n::Locale;
use crate::i18n::{t, tf};
use crate::model::ocr_text::PageText;
use crate::rules::data::Tables;
use crate::rules::reading::{NumberKind, Reading, TextField, read_fields};
use crate::vision::ocr::{OCR_VERSION, Ocr, Scope};

#[derive(Serialize)]
struct FileOutput {
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    millis: Option<u128>,
    #[serde(skip_serializing_if = "Option::is_none")]
    turn_deg: Option<u16>,
    lines: Vec<LineOutput>,
    #[serde(skip_serializing_if = "Option::is_none")]
    proposed: Option<Reading>,
}

#[derive(Serialize)]
struct LineOutput {
    text: String,
    min_confidence: f32,
    quad: [[f32; 2]; 4],
}

fn lines(page: &PageText) -> Vec<LineOutput> {
    page.lines
        .iter()
        .map(|l| LineOutput {
            text: l.text.clone(),
            min_confidence: l.min_confidence(),
            quad: l.quad,
        })
        .collect()
}

/// Reads each file.
pub fn run(locale: Locale, files: &[PathBuf], json: bool) -> ExitCode {
    let ocr = match Ocr::load() {
        Ok(o) => o,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::from(2);
        }
    };
    let today = chrono::Local::now().date_naive();
    let mut worst = 0u8;
    let mut outputs = Vec::new();
    for file in files {
        let name = file.display().to_string();
        let decoded = std::fs::read(file)
            .map_err(|e| tf(locale, "document.error.read", &[("detail", &e.to_string())]))
            .and_then(|bytes| crate::documents::decode(&bytes).map_err(|e| e.user_message(locale)));
        let started = Instant::now();
        let page = decoded.and_then(|d| {
            ocr.read(
                &d.image.to_rgb8(),
                Scope::Fields(crate::rules::reading::label_kind),
            )
            .map_err(|e| e.to_string())
        });
        let out = match page {
            Err(error) => {
                worst = 2;
                FileOutput {
                    file: name,
                    error: Some(error),
                    millis: None,
                    turn_deg: None,
                    lines: Vec::new(),
                    proposed: None,
                }
            }
            Ok(page) => {
                let reading = read_fields(&page, today, Tables::get());
                if reading.numbers.is_empty() {
                    worst = worst.max(1);
                }
                FileOutput {
                    file: name,
                    error: None,
                    millis: Some(started.elapsed().as_millis()),
                    turn_deg: Some(page.turn_deg),
                    lines: lines(&page),
                    proposed: Some(reading),
                }
            }
        };
        outputs.push(out);
    }
    let text = if json {
        serde_json::to_string_pretty(&serde_json::json!({
            "format": "beian.read/1",
            "recogniser": OCR_VERSION,
            "files": outputs,
        }))
        .unwrap_or_default()
            + "\n"
    } else {
        outputs.iter().map(|o| as_text(locale, o)).collect()
    };
    if let Err(err) = std::io::stdout().lock().write_all(text.as_bytes())
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("{err}");
        return ExitCode::from(2);
    }
    ExitCode::from(worst)
}

fn as_text(locale: Locale, o: &FileOutput) -> String {
    let mut s = format!("{}\n", o.file);
    if let Some(e) = &o.error {
        s.push_str(&format!("  {e}\n"));
        return s;
    }
    s.push_str(&format!(
        "  {}\n",
        tf(
            locale,
            "cli.read.summary",
            &[
                ("lines", &o.lines.len().to_string()),
                ("turn", &o.turn_deg.unwrap_or(0).to_string()),
                ("millis", &o.millis.unwrap_or(0).to_string()),
            ]
        )
    ));
    for l in &o.lines {
        s.push_str(&format!("    | {} ({:.2})\n", l.text, l.min_confidence));
    }
    let Some(r) = &o.proposed else { return s };
    if r.numbers.is_empty() {
        s.push_str(&format!("  {}\n", t(locale, "cli.read.no_number")));
    }
    for n in &r.numbers {
        let kind = match n.kind {
            NumberKind::ResidentId => t(locale, "cli.read.resident_id"),
            NumberKind::CreditCode => t(locale, "cli.read.credit_code"),
        };
        s.push_str(&format!("  {kind}: {}\n", n.value));
        if let Some(sub) = n.substitution {
            s.push_str(&format!(
                "    {}\n",
                tf(
                    locale,
                    "cli.read.changed",
                    &[
                        ("position", &sub.position.to_string()),
                        ("read", &sub.read.to_string()),
                        ("proposed", &sub.proposed.to_string()),
                    ]
                )
            ));
        }
    }
    for x in &r.texts {
        let label = match x.field {
            TextField::Name => t(locale, "cli.read.name"),
            TextField::Address => t(locale, "cli.read.address"),
            TextField::LegalRepresentative => t(locale, "cli.read.legal_representative"),
            TextField::Validity => t(locale, "cli.read.validity"),
        };
        s.push_str(&format!("  {label}: {}\n", x.value));
    }
    for x in &r.rejected {
        s.push_str(&format!(
            "  {}\n",
            tf(locale, "cli.read.rejected", &[("read", &x.read)])
        ));
    }
    s
}
