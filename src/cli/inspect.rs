//! `beian inspect FILE... [--as ITEM] [--draft DRAFT] [--json]`: the materials step's
//! checks on document files. Each file is read as the GUI reads an attached file (its real
//! format from the bytes, the size and pixel limits that stop decompression bombs, a safe
//! decode), measured, and judged against the requirements of a checklist item kind
//! (resolution, colour, glare, orientation, …) by `rules::materials::assess`, so the
//! verdicts and messages are the GUI's. Exit 0 when every file is acceptable (warnings
//! and notices are printed but do not fail it), 1 when one has an error, 2 when one cannot
//! be read as a document (the GUI refuses to attach it) or on bad usage. With `--draft` and
//! an item key of a paper beian prints, the photo's QR code is compared with what would
//! print now (another filing's or item's paper, or one printed before a change, and a
//! blank signature place, exit 1; no code found is reported but does not fail).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use crate::documents::{self, InspectError, Measures};
use crate::i18n::Locale;
use crate::i18n::{t, tf};
use crate::jobs::documents::{ImportError, read_limited};
use crate::model::draft::Attachment;
use crate::model::{DocKind, Field, FieldKey, IssueCode, PreApprovalKind, Scope};
use crate::rules::arg::format_bytes;
use crate::rules::materials;
use crate::rules::{Findings, Severity};

/// The kinds `--as` takes, as they are listed to the user.
pub const ITEM_NAMES: &str = "licence, id-front, id-back, letter, domain-certificate, \
     residence-permit, pre-approval, province, other";

/// The checklist item kind named on the command line: a common name (`licence`,
/// `letter`), a kind key with `-` or `_` (`id-front`, `domain_certificate`,
/// `pre_approval.news`, `province.2`), or a whole checklist item key as `beian check`
/// lists it (`websites[0].document.domain_certificate`).
pub fn parse_kind(text: &str) -> Option<DocKind> {
    let text = text.trim();
    if let Ok(key) = text.parse::<FieldKey>() {
        return match key.field {
            Field::Document(kind) => Some(kind),
            _ => None,
        };
    }
    let key = text.to_lowercase().replace('-', "_");
    let named = match key.as_str() {
        "licence" | "license" | "business_licence" | "business_license" | "subject_certificate" => {
            Some(DocKind::SubjectCertificate)
        }
        "letter" | "authorization_letter" | "authorisation" | "authorisation_letter" => {
            Some(DocKind::AuthorizationLetter)
        }
        // Every pre-approval, province document and other material has one requirement.
        "pre_approval" => PreApprovalKind::ALL
            .first()
            .copied()
            .map(DocKind::PreApproval),
        "province" | "province_document" => Some(DocKind::ProvinceDocument(0)),
        "other" => Some(DocKind::Other(0)),
        _ => None,
    };
    named.or_else(|| DocKind::from_key(&key))
}

/// One judged finding.
#[derive(Debug, Serialize)]
pub struct FindingOutput {
    /// Stable code, e.g. `document.resolution`.
    pub code: IssueCode,
    /// `error`, `warning` or `notice`.
    pub severity: Severity,
    /// The message in the output language, as the materials step shows it.
    pub message: String,
}

/// Why a file could not be read as a document.
#[derive(Debug, Serialize)]
pub struct RefusalOutput {
    /// The message key, e.g. `document.error.heic`.
    pub code: &'static str,
    /// The message in the output language.
    pub message: String,
}

/// One file in [`InspectOutput`].
#[derive(Debug, Serialize)]
pub struct FileOutput {
    /// The file as given.
    pub file: String,
    /// `acceptable`, `not_acceptable` or `unreadable`.
    pub verdict: &'static str,
    /// Why it cannot be read (with `unreadable`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refused: Option<RefusalOutput>,
    /// What was measured (format, size, pixels, colour, glare, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measures: Option<Measures>,
    /// The judgement for the item kind.
    pub findings: Vec<FindingOutput>,
    /// Whether normalising (the materials step's Fix, `beian attach --normalize`) would
    /// improve it: too big, rotated by EXIF, with metadata, sideways, or another format.
    pub can_improve: bool,
    /// With `--draft`, for a paper beian prints: what its QR code says of it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paper: Option<PaperOutput>,
}

/// What the QR code of a returned paper says, against the draft (`--draft`).
#[derive(Debug, Serialize)]
pub struct PaperOutput {
    /// `matches`, `unsigned`, `outdated`, `other_paper`, `other_filing` or `no_code`.
    pub verdict: &'static str,
    /// The signature places that look blank.
    pub unsigned: Vec<String>,
    /// The verdict in words.
    pub message: String,
}

/// The paper verdict of the file at `path` attached to `item` of `draft`.
fn paper_output(
    locale: Locale,
    path: &Path,
    draft: &crate::model::Draft,
    item: FieldKey,
) -> Option<PaperOutput> {
    use crate::forms::scan::Verdict;
    let bytes = read_limited(path).ok()?;
    let image = documents::decode(&bytes).ok()?;
    let gray = image.image.to_luma8();
    let papers = crate::rules::papers::papers(draft);
    let verdict = crate::forms::scan::check(draft, &papers, item, &gray);
    let key = verdict.message_key();
    let name = verdict.key();
    let unsigned = match &verdict {
        Verdict::Matches { unsigned } => unsigned.clone(),
        _ => Vec::new(),
    };
    let other = match &verdict {
        Verdict::OtherPaper { item } => item
            .parse::<FieldKey>()
            .map_or_else(|_| item.clone(), |k| k.label(locale)),
        _ => String::new(),
    };
    let message = tf(
        locale,
        key,
        &[("roles", &unsigned.join("、")), ("item", &other)],
    );
    Some(PaperOutput {
        verdict: name,
        unsigned,
        message,
    })
}

/// The JSON document printed by `beian inspect --json` (format `beian.inspect/1`).
#[derive(Debug, Serialize)]
pub struct InspectOutput {
    /// Always `beian.inspect/1`.
    pub format: &'static str,
    /// The item kind judged against, by its key (`other` without `--as`).
    pub item: String,
    /// True when every file is acceptable.
    pub ok: bool,
    /// Each file, in the order given.
    pub files: Vec<FileOutput>,
}

/// The findings of `findings` with their messages for `item`'s label.
pub fn finding_outputs(locale: Locale, findings: &Findings, item: FieldKey) -> Vec<FindingOutput> {
    let label = item.label(locale);
    findings
        .iter()
        .map(|f| FindingOutput {
            code: f.code,
            severity: f.severity,
            message: f.message(locale, &label),
        })
        .collect()
}

fn refusal(locale: Locale, err: &ImportError) -> RefusalOutput {
    let code = match err {
        ImportError::Read(_) => "document.error.read",
        ImportError::Inspect(e) => e.message_key(),
        ImportError::Store(_) => "document.error.store",
    };
    RefusalOutput {
        code,
        message: err.user_message(locale),
    }
}

/// Reads, measures and judges one file as an attachment of `item`.
pub fn inspect_file(locale: Locale, path: &Path, item: FieldKey, kind: DocKind) -> FileOutput {
    let file = path.display().to_string();
    let measured = read_limited(path).and_then(|bytes| {
        documents::inspect(&bytes).map_err(|e: InspectError| ImportError::Inspect(e))
    });
    match measured {
        Err(err) => FileOutput {
            file,
            verdict: "unreadable",
            refused: Some(refusal(locale, &err)),
            measures: None,
            findings: Vec::new(),
            can_improve: false,
            paper: None,
        },
        Ok(measures) => {
            let findings = materials::assess(kind, &measures);
            let attachment = Attachment {
                item,
                sha256: String::new(),
                original_name: String::new(),
                measures: measures.clone(),
                normalized: None,
                added_at: None,
                paper: None,
            };
            FileOutput {
                file,
                verdict: if findings.has_errors() {
                    "not_acceptable"
                } else {
                    "acceptable"
                },
                refused: None,
                can_improve: materials::can_improve(&attachment),
                findings: finding_outputs(locale, &findings, item),
                measures: Some(measures),
                paper: None,
            }
        }
    }
}

/// What was measured, in one line: `JPEG, 1200×800, 310 KB`.
pub fn measures_line(locale: Locale, m: &Measures) -> String {
    let format = m.format.map_or("?", |f| f.display_name());
    match m.pages {
        Some(pages) => tf(
            locale,
            "cli.inspect.measures_pdf",
            &[
                ("format", format),
                ("pages", &pages.to_string()),
                ("size", &format_bytes(m.byte_len)),
            ],
        ),
        None => tf(
            locale,
            "cli.inspect.measures",
            &[
                ("format", format),
                ("width", &m.width.to_string()),
                ("height", &m.height.to_string()),
                ("size", &format_bytes(m.byte_len)),
            ],
        ),
    }
}

/// The text lines of findings, as `beian check` marks them.
pub fn findings_text(locale: Locale, findings: &[FindingOutput]) -> String {
    let mut out = String::new();
    for f in findings {
        let mark = match f.severity {
            Severity::Error => t(locale, "cli.error"),
            Severity::Warning => t(locale, "cli.warning"),
            Severity::Notice => t(locale, "cli.notice"),
        };
        out.push_str(&format!("  [{mark}] {}\n", f.message));
    }
    out
}

fn text(locale: Locale, files: &[FileOutput]) -> String {
    let mut out = String::new();
    for f in files {
        let verdict_key = match f.verdict {
            "acceptable" => "cli.inspect.acceptable",
            "not_acceptable" => "cli.inspect.not_acceptable",
            _ => "cli.inspect.unreadable",
        };
        out.push_str(&tf(locale, verdict_key, &[("file", &f.file)]));
        out.push('\n');
        if let Some(r) = &f.refused {
            out.push_str(&format!("  {}\n", r.message));
        }
        if let Some(m) = &f.measures {
            out.push_str(&format!("  {}\n", measures_line(locale, m)));
        }
        out.push_str(&findings_text(locale, &f.findings));
        if f.can_improve {
            out.push_str(&format!("  {}\n", t(locale, "cli.inspect.can_improve")));
        }
    }
    out
}

/// Runs the checks on each file and returns the exit code (0, 1 or 2, the worst file's).
pub fn run(
    locale: Locale,
    files: &[PathBuf],
    as_item: Option<&str>,
    draft: Option<(&crate::store::sealed::Library, &Path)>,
    json: bool,
) -> ExitCode {
    let draft = match draft {
        None => None,
        Some((library, path)) => match crate::store::draft_io::load_draft(library, path) {
            Ok(d) => Some(d),
            Err(err) => {
                eprintln!("{}", err.user_message(locale));
                return ExitCode::from(2);
            }
        },
    };
    let kind = match as_item {
        None => DocKind::Other(0),
        Some(name) => match parse_kind(name) {
            Some(kind) => kind,
            None => {
                eprintln!(
                    "{}",
                    tf(
                        locale,
                        "cli.inspect.bad_item",
                        &[("value", name), ("keys", ITEM_NAMES)]
                    )
                );
                return ExitCode::from(2);
            }
        },
    };
    // Judged as the item is judged wherever it sits; the label names the kind alone.
    let item = FieldKey::new(Scope::Filing, Field::Document(kind));
    // With a draft, a full item key names the paper whose QR code is compared.
    let paper_item = as_item
        .and_then(|name| name.parse::<FieldKey>().ok())
        .filter(|key| {
            draft
                .as_ref()
                .is_some_and(|d| crate::rules::papers::paper_of(d, *key).is_some())
        });
    let outputs: Vec<FileOutput> = files
        .iter()
        .map(|f| {
            let mut out = inspect_file(locale, f, item, kind);
            if let (Some(d), Some(key), None) = (&draft, paper_item, &out.refused) {
                out.paper = paper_output(locale, f, d, key);
            }
            out
        })
        .collect();
    let worst = outputs
        .iter()
        .map(|o| match (o.verdict, o.paper.as_ref().map(|p| p.verdict)) {
            ("acceptable", None | Some("matches" | "no_code")) => 0u8,
            ("acceptable" | "not_acceptable", _) => 1,
            _ => 2,
        })
        .max()
        .unwrap_or(0);
    let printed = if json {
        let doc = InspectOutput {
            format: "beian.inspect/1",
            item: kind.key(),
            ok: worst == 0,
            files: outputs,
        };
        match serde_json::to_string_pretty(&doc) {
            Ok(s) => s + "\n",
            Err(err) => {
                eprintln!("{err}");
                return ExitCode::from(2);
            }
        }
    } else {
        text(locale, &outputs)
    };
    if let Err(err) = std::io::stdout().lock().write_all(printed.as_bytes())
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("{err}");
        return ExitCode::from(2);
    }
    ExitCode::from(worst)
}
