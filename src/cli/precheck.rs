//! `beian precheck IMAGE... [--json]`: the face-photo pre-checks on image files, with every
//! measured value. Exit 0 when every image passes, 1 when one fails, 2 when one cannot be
//! read or the detector cannot start.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use crate::i18n::Locale;
use crate::i18n::{t, tf};
use crate::vision::{Detectors, PreCheck, precheck};

#[derive(Serialize)]
struct ImageOutput {
    file: String,
    passed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    report: Option<PreCheck>,
}

/// Runs the pre-checks on each file.
pub fn run(locale: Locale, files: &[PathBuf], json: bool) -> ExitCode {
    let detectors = match Detectors::load() {
        Ok(d) => d,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::from(2);
        }
    };
    let mut outputs = Vec::new();
    let mut worst = 0u8;
    for file in files {
        let name = file.display().to_string();
        let decoded = std::fs::read(file)
            .map_err(|e| tf(locale, "document.error.read", &[("detail", &e.to_string())]))
            .and_then(|bytes| crate::documents::decode(&bytes).map_err(|e| e.user_message(locale)));
        let out = match decoded {
            Err(error) => {
                worst = 2;
                ImageOutput {
                    file: name,
                    passed: false,
                    error: Some(error),
                    report: None,
                }
            }
            Ok(d) => match precheck(&d.image.to_rgb8(), &detectors, true) {
                Err(err) => {
                    worst = 2;
                    ImageOutput {
                        file: name,
                        passed: false,
                        error: Some(err.to_string()),
                        report: None,
                    }
                }
                Ok(report) => {
                    let passed = report.passed();
                    if !passed {
                        worst = worst.max(1);
                    }
                    ImageOutput {
                        file: name,
                        passed,
                        error: None,
                        report: Some(report),
                    }
                }
            },
        };
        outputs.push(out);
    }
    let text = if json {
        serde_json::to_string_pretty(
            &serde_json::json!({ "format": "beian.precheck/1", "images": outputs }),
        )
        .unwrap_or_default()
            + "\n"
    } else {
        let mut s = String::new();
        for o in &outputs {
            let verdict = if o.passed {
                t(locale, "precheck.pass")
            } else {
                t(locale, "precheck.fail")
            };
            s.push_str(&format!("{}: {verdict}\n", o.file));
            if let Some(e) = &o.error {
                s.push_str(&format!("  {e}\n"));
            }
            for c in o.report.iter().flat_map(|r| r.checks.iter()) {
                let mark = if c.passed { "ok " } else { "NG " };
                let value = c
                    .value
                    .map_or_else(|| "-".to_owned(), |v| format!("{v:.3}"));
                s.push_str(&format!(
                    "  {mark} {} = {value} ({}) {}\n",
                    t(locale, &c.id.name_key()),
                    c.limit,
                    if c.passed {
                        String::new()
                    } else {
                        t(locale, &c.guidance_key).into_owned()
                    }
                ));
            }
        }
        s
    };
    if let Err(err) = std::io::stdout().lock().write_all(text.as_bytes())
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("{err}");
        return ExitCode::from(2);
    }
    ExitCode::from(worst)
}
