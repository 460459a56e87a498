//! `beian export`, `beian verify`, `beian countersign` and `beian keygen`: the signed
//! bundle from the command line, for scripted help desks. Passwords come from
//! `BEIAN_KEY_PASSWORD` or a prompt without echo; never from an argument.

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use serde::Serialize;

use super::error::CliError;
use crate::bundle::verify::Outcome;
use crate::bundle::{self, KeyError, KeyFiles, Signer, TrustedKeys, Verification};
use crate::documents::Store;
use crate::i18n::Locale;
use crate::i18n::{t, tf};
use crate::store::draft_io;
use crate::store::sealed::Library;
use crate::store::storage::DataDir;

/// The environment variable a script sets to give the key password.
pub const PASSWORD_ENV: &str = "BEIAN_KEY_PASSWORD";

fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(err) = out.write_all(text.as_bytes())
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("{err}");
    }
}

/// The password from the environment, or asked for (twice for a new key).
fn password(locale: Locale, new_key: bool) -> Result<String, CliError> {
    if let Ok(p) = std::env::var(PASSWORD_ENV) {
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        return Err(CliError::NoTerminal {
            key: "cli.password_needed",
            env: PASSWORD_ENV,
        });
    }
    let first = rpassword::prompt_password(t(
        locale,
        if new_key {
            "cli.password_new"
        } else {
            "cli.password"
        },
    ))
    .map_err(CliError::Terminal)?;
    if new_key {
        let again = rpassword::prompt_password(t(locale, "cli.password_again"))
            .map_err(CliError::Terminal)?;
        if again != first {
            return Err(CliError::PasswordMismatch);
        }
    }
    Ok(first)
}

/// Opens the key at `files`, making it first when it does not exist yet.
fn open_or_create(locale: Locale, files: &KeyFiles) -> Result<Signer, CliError> {
    if files.exists() {
        let pw = password(locale, false)?;
        Ok(files.unlock(&pw)?)
    } else {
        eprintln!(
            "{}",
            tf(
                locale,
                "cli.key_creating",
                &[("path", &files.secret.display().to_string())]
            )
        );
        let pw = password(locale, true)?;
        Ok(files.generate(&pw)?)
    }
}

/// `beian export DRAFT.ron -o FILE.zip [--key KEY]`: 0 written, 1 the draft is not ready,
/// 2 anything else (unreadable draft, key, disk).
pub fn export(
    locale: Locale,
    data: &DataDir,
    library: &Library,
    draft_path: &Path,
    out: &Path,
    key: Option<&Path>,
) -> ExitCode {
    let draft = match draft_io::load_draft(library, draft_path) {
        Ok(d) => d,
        Err(err) => {
            eprintln!("{}", err.user_message(locale));
            return ExitCode::from(2);
        }
    };
    let filing = match crate::rules::finalize(&draft) {
        Ok(f) => f,
        Err(not_ready) => {
            eprintln!(
                "{}",
                tf(
                    locale,
                    "cli.export_not_ready",
                    &[
                        ("errors", &not_ready.errors.to_string()),
                        ("warnings", &not_ready.unacknowledged.to_string()),
                        ("declarations", &not_ready.declarations.len().to_string(),),
                        ("draft", &draft_path.display().to_string()),
                    ],
                )
            );
            return ExitCode::from(1);
        }
    };
    let files = key.map_or_else(|| KeyFiles::applicant(data.root()), KeyFiles::at);
    let signer = match open_or_create(locale, &files) {
        Ok(s) => s,
        Err(err) => {
            eprintln!("{}", err.user_message(locale));
            return ExitCode::from(2);
        }
    };
    let store = Store::for_draft(library, draft_path);
    let today = chrono::Local::now().date_naive();
    match bundle::export(
        &filing,
        &store,
        &signer,
        today,
        out,
        &mut |_| {},
        &AtomicBool::new(false),
    ) {
        Ok(done) => {
            print(&format!(
                "{}\n",
                tf(
                    locale,
                    "cli.exported",
                    &[
                        ("path", &done.path.display().to_string()),
                        ("sha256", &done.sha256),
                        ("key", &done.key_id.short_code()),
                        ("bag", &done.bag_id),
                    ],
                )
            ));
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{}", err.user_message(locale));
            ExitCode::from(2)
        }
    }
}

/// The JSON document printed by `beian verify --json` (format `beian.verify/1`).
#[derive(Debug, Serialize)]
pub struct VerifyOutput {
    /// Always `beian.verify/1`.
    pub format: &'static str,
    /// The bundle as given.
    pub bundle: String,
    /// True when every check holds (and, with `--trusted-keys`, a trusted key signed).
    pub ok: bool,
    /// SHA-256 of the whole file.
    pub sha256: String,
    /// The bag id, when readable.
    pub bag_id: Option<String>,
    /// Each check.
    pub checks: Vec<CheckOutput>,
    /// Valid signatures: the applicant's first, then countersignatures.
    pub signatures: Vec<SignatureOutput>,
}

/// One check in [`VerifyOutput`].
#[derive(Debug, Serialize)]
pub struct CheckOutput {
    /// `archive`, `files`, `signature` or `countersignature`.
    pub check: &'static str,
    /// `passed`, `failed`, `skipped` or `absent`.
    pub outcome: &'static str,
    /// What is wrong.
    pub problems: Vec<ProblemOutput>,
}

/// One problem in [`CheckOutput`].
#[derive(Debug, Serialize)]
pub struct ProblemOutput {
    /// Stable code, e.g. `changed`.
    pub code: &'static str,
    /// The file or detail concerned.
    pub detail: String,
    /// The message in the output language.
    pub message: String,
}

/// One valid signature in [`VerifyOutput`].
#[derive(Debug, Serialize)]
pub struct SignatureOutput {
    /// `applicant` or `staff`.
    pub role: &'static str,
    /// The key id as 16 hex digits.
    pub key_id: String,
    /// The short code read over the phone.
    pub key_code: String,
    /// The signed date.
    pub date: String,
    /// The holder's name when the key is trusted.
    pub trusted_as: Option<String>,
}

fn outcome_key(o: &Outcome) -> &'static str {
    match o {
        Outcome::Passed => "passed",
        Outcome::Failed(_) => "failed",
        Outcome::Skipped => "skipped",
        Outcome::Absent => "absent",
    }
}

/// Builds the JSON document of a verification.
pub fn verify_output(locale: Locale, path: &Path, v: &Verification, ok: bool) -> VerifyOutput {
    VerifyOutput {
        format: "beian.verify/1",
        bundle: path.display().to_string(),
        ok,
        sha256: v.file_sha256.clone(),
        bag_id: v.bag_id.clone(),
        checks: v
            .checks
            .iter()
            .map(|c| CheckOutput {
                check: c.kind.key(),
                outcome: outcome_key(&c.outcome),
                problems: match &c.outcome {
                    Outcome::Failed(p) => p
                        .iter()
                        .map(|p| ProblemOutput {
                            code: p.code(),
                            detail: p.detail(),
                            message: p.user_message(locale),
                        })
                        .collect(),
                    _ => Vec::new(),
                },
            })
            .collect(),
        signatures: v
            .signer
            .iter()
            .chain(&v.countersigners)
            .map(|s| SignatureOutput {
                role: s.role.key(),
                key_id: s.key_id.hex(),
                key_code: s.key_id.short_code(),
                date: s.date.clone(),
                trusted_as: s.trusted_as.clone(),
            })
            .collect(),
    }
}

/// The verification as text, one line per check.
pub fn verify_text(locale: Locale, v: &Verification) -> String {
    let mut out = tf(
        locale,
        "cli.verify_header",
        &[
            ("bag", v.bag_id.as_deref().unwrap_or("?")),
            ("sha256", &v.file_sha256),
            ("bytes", &v.byte_len.to_string()),
        ],
    );
    out.push('\n');
    for check in &v.checks {
        let mark = match check.outcome {
            Outcome::Passed => "√",
            Outcome::Failed(_) => "×",
            Outcome::Skipped | Outcome::Absent => "○",
        };
        out.push_str(&tf(
            locale,
            "verify.check_line",
            &[
                ("mark", mark),
                (
                    "check",
                    &t(locale, &format!("verify.check.{}", check.kind.key())),
                ),
                (
                    "outcome",
                    &t(
                        locale,
                        &format!("verify.outcome.{}", outcome_key(&check.outcome)),
                    ),
                ),
            ],
        ));
        out.push('\n');
        if let Outcome::Failed(problems) = &check.outcome {
            for p in problems {
                out.push_str(&format!("    - {}\n", p.user_message(locale)));
            }
        }
    }
    for s in v.signer.iter().chain(&v.countersigners) {
        let who = match &s.trusted_as {
            Some(name) => tf(locale, "verify.trusted_as", &[("name", name)]),
            None => t(locale, "verify.untrusted").into_owned(),
        };
        out.push_str(&format!(
            "{}\n",
            tf(
                locale,
                "cli.verify_signer",
                &[
                    ("role", &t(locale, &format!("verify.role.{}", s.role.key()))),
                    ("key", &s.key_id.short_code()),
                    ("date", &s.date),
                    ("who", &who),
                ],
            )
        ));
    }
    out
}

/// `beian verify FILE.zip [--trusted-keys FILE] [--json]`: 0 when everything holds, 1 when
/// something does not, 2 when the trusted-keys file cannot be read.
pub fn verify(
    locale: Locale,
    data: &DataDir,
    path: &Path,
    trusted_keys: Option<&Path>,
    json: bool,
) -> ExitCode {
    let list_path =
        trusted_keys.map_or_else(|| TrustedKeys::default_path(data.root()), Path::to_path_buf);
    if let Some(p) = trusted_keys
        && !p.is_file()
    {
        eprintln!("{}", KeyError::Missing(p.to_owned()).user_message(locale));
        return ExitCode::from(2);
    }
    let trusted = match TrustedKeys::load(&list_path) {
        Ok(t) => t,
        Err(err) => {
            eprintln!("{} ({})", err.user_message(locale), list_path.display());
            return ExitCode::from(2);
        }
    };
    let v = bundle::verify(path, &trusted);
    let ok = v.is_ok() && (trusted_keys.is_none() || v.is_trusted());
    if json {
        match serde_json::to_string_pretty(&verify_output(locale, path, &v, ok)) {
            Ok(s) => print(&(s + "\n")),
            Err(err) => {
                eprintln!("{err}");
                return ExitCode::from(2);
            }
        }
    } else {
        let mut text = verify_text(locale, &v);
        if v.is_ok() && !ok {
            text.push_str(&t(locale, "cli.verify_not_trusted"));
            text.push('\n');
        }
        print(&text);
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// `beian countersign FILE.zip --key STAFF.key [-o OUT.zip]`: verifies, then adds the
/// staff signature over the tag manifest that verified (the file is verified again as it
/// is signed, and refused if it changed in between). 0 done, 1 the bundle does not verify
/// or changed after it was verified, 2 anything else.
pub fn countersign(
    locale: Locale,
    data: &DataDir,
    path: &Path,
    key: &Path,
    out: Option<&Path>,
) -> ExitCode {
    let trusted = TrustedKeys::load(&TrustedKeys::default_path(data.root())).unwrap_or_default();
    let v = bundle::verify(path, &trusted);
    if !v.is_ok() {
        print(&verify_text(locale, &v));
        eprintln!("{}", t(locale, "export.error.not_verified"));
        return ExitCode::from(1);
    }
    let files = KeyFiles::at(key);
    let signer =
        match password(locale, false).and_then(|pw| files.unlock(&pw).map_err(CliError::from)) {
            Ok(s) => s,
            Err(err) => {
                eprintln!("{}", err.user_message(locale));
                return ExitCode::from(2);
            }
        };
    let out = out.map_or_else(|| path.to_path_buf(), Path::to_path_buf);
    match bundle::countersign(path, &v, &signer, chrono::Local::now().date_naive(), &out) {
        Ok(done) => {
            print(&format!(
                "{}\n",
                tf(
                    locale,
                    "cli.countersigned",
                    &[
                        ("path", &done.path.display().to_string()),
                        ("sha256", &done.sha256),
                        ("key", &done.key_id.short_code()),
                    ],
                )
            ));
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{}", err.user_message(locale));
            let changed = matches!(err, bundle::ExportError::ChangedSinceVerified);
            ExitCode::from(if changed { 1 } else { 2 })
        }
    }
}

/// `beian keygen KEY.key [--name NAME]`: a new password-protected key pair (for help-desk
/// staff), and the entry to add to the trusted-keys file.
pub fn keygen(locale: Locale, secret: &Path, name: Option<&str>) -> ExitCode {
    let files = KeyFiles::at(secret);
    if files.exists() {
        eprintln!(
            "{}",
            tf(
                locale,
                "cli.key_exists",
                &[("path", &secret.display().to_string())]
            )
        );
        return ExitCode::from(2);
    }
    let signer =
        match password(locale, true).and_then(|pw| files.generate(&pw).map_err(CliError::from)) {
            Ok(s) => s,
            Err(err) => {
                eprintln!("{}", err.user_message(locale));
                return ExitCode::from(2);
            }
        };
    let entry = bundle::TrustedKey {
        name: name.unwrap_or("").to_owned(),
        role: bundle::Role::Staff,
        public_key: signer.public_key_base64(),
    };
    let snippet =
        ron::ser::to_string_pretty(&entry, ron::ser::PrettyConfig::default()).unwrap_or_default();
    print(&format!(
        "{}\n{snippet}\n",
        tf(
            locale,
            "cli.key_created",
            &[
                ("path", &files.secret.display().to_string()),
                ("public", &files.public.display().to_string()),
                ("key", &signer.id().short_code()),
            ],
        )
    ));
    ExitCode::SUCCESS
}

/// Where `beian export` writes when `-o` is not given: `icp-<draft id>.zip` here.
pub fn default_output(draft: &Path) -> PathBuf {
    let stem = draft
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "filing".to_owned());
    PathBuf::from(format!("icp-{}.zip", bundle::safety::ascii_name(&stem)))
}
