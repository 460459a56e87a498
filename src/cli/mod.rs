//! The command line: `beian` opens the window; subcommands work without one.

pub mod app_info;
pub mod attach;
mod bundle;
mod check;
pub mod error;
mod forms;
pub mod inspect;
mod list;
mod new;
mod precheck;
mod read;
pub mod transfer;
pub mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::i18n::Locale;
use crate::store::sealed::Library;
use crate::store::storage::DataDir;
use error::CliError;

/// ICP 备案助手 – prepare an ICP filing offline.
#[derive(Debug, Parser)]
#[command(name = "beian", version, about, long_about = None)]
pub struct Cli {
    /// Interface language: zh-CN (default) or en.
    #[arg(long, global = true, value_parser = parse_locale)]
    pub lang: Option<Locale>,
    /// Folder for drafts and preferences (default: the platform's data folder, or
    /// BEIAN_DATA_DIR).
    #[arg(long, global = true)]
    pub data_dir: Option<PathBuf>,
    /// Use these images (a file or a folder) as the camera for the face photo, e.g. to
    /// demonstrate the step without a webcam.
    #[arg(long, value_name = "PATH")]
    pub camera_file: Option<PathBuf>,
    /// What to do; without one, the window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a draft: list empty required fields and problems per step. Exit 0 when
    /// nothing blocks export, 1 when something does, 2 when the draft cannot be read.
    Check {
        /// The draft file (.ron).
        draft: PathBuf,
        /// Print JSON (format documented in the README) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Run the face-photo pre-checks on image files. Exit 0 when every image passes, 1
    /// when one fails, 2 when one cannot be read.
    Precheck {
        /// Image files (JPEG, PNG, WebP).
        #[arg(required = true)]
        images: Vec<PathBuf>,
        /// Print JSON (format `beian.precheck/1`) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Export a draft as a signed bundle. The draft must have no errors and every warning
    /// acknowledged. The signing key (made on first use) is protected by a password taken
    /// from BEIAN_KEY_PASSWORD or asked for. Exit 0 when written, 1 when the draft is not
    /// ready, 2 on any other failure.
    Export {
        /// The draft file (.ron); its documents are in the folder beside it.
        draft: PathBuf,
        /// Where to write the bundle (default: icp-<draft>.zip here).
        #[arg(short, long, value_name = "FILE.zip")]
        output: Option<PathBuf>,
        /// The secret key to sign with (default: the applicant key of the data folder).
        #[arg(long, value_name = "KEY")]
        key: Option<PathBuf>,
    },
    /// Verify a received bundle: archive, every file's hash, the signature, any
    /// countersignature. Exit 0 only when everything holds (with --trusted-keys, a key of
    /// that list must also have signed), 1 when something does not, 2 on bad usage.
    Verify {
        /// The bundle (.zip).
        bundle: PathBuf,
        /// The trusted public keys (RON, see README; default: trusted-keys.ron in the data
        /// folder, if any).
        #[arg(long, value_name = "FILE")]
        trusted_keys: Option<PathBuf>,
        /// Print JSON (format `beian.verify/1`) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Countersign a bundle that verifies, with a help-desk key (password from
    /// BEIAN_KEY_PASSWORD or asked for). Exit 0 when done, 1 when the bundle does not
    /// verify, 2 on any other failure.
    Countersign {
        /// The bundle (.zip).
        bundle: PathBuf,
        /// The staff secret key (made by `beian keygen` or `minisign -G`).
        #[arg(long, value_name = "KEY")]
        key: PathBuf,
        /// Where to write the countersigned bundle (default: in place).
        #[arg(short, long, value_name = "FILE.zip")]
        output: Option<PathBuf>,
    },
    /// Make a password-protected key pair for a help-desk member, and print the entry to
    /// add to the trusted-keys file.
    Keygen {
        /// The secret key file to create (the public key goes beside it, .pub).
        key: PathBuf,
        /// The holder's name for the trusted-keys entry.
        #[arg(long)]
        name: Option<String>,
    },
    /// List the filings of the library (from its index): name, domains, kind, state and
    /// whose move it is; certificate numbers only by their last four characters. Exit 0,
    /// 2 on bad usage.
    List {
        /// Search words (name, domain, phone, last characters of a certificate number).
        query: Option<String>,
        /// Only this state: draft, ready, submitted, at_bureau, approved, returned,
        /// withdrawn.
        #[arg(long, value_name = "S")]
        state: Option<String>,
        /// Only this kind: personal, unit, or a kind of filing (first, change, …).
        #[arg(long, value_name = "K")]
        kind: Option<String>,
        /// Print JSON (format `beian.list/1`) instead of text.
        #[arg(long)]
        json: bool,
        /// Also write the daily overview (open filings with their next step, overdue
        /// first, no certificate numbers) as printable HTML to FILE.
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
    },
    /// Check one value with the same rules as a draft. Exit 0 when acceptable, 1 when not
    /// (with the reasons), 2 on bad usage.
    Validate {
        /// What the value is.
        #[arg(value_enum)]
        kind: validate::Kind,
        /// The value.
        value: String,
        /// City (name or code) whose area code a landline must carry.
        #[arg(long)]
        city: Option<String>,
        /// GB/T 2260 code of the city or a district (for landlines).
        #[arg(long)]
        division: Option<String>,
        /// The website's domain (for url).
        #[arg(long)]
        domain: Option<String>,
        /// A personal website (for website-name); the same as `--kind personal`.
        #[arg(long)]
        personal: bool,
        /// The kind of filing, where a rule depends on it: website-name (personal names
        /// are stricter), mobile (a province's local-mobile rule may cover personal
        /// filings only), resident-id (a province's minimum age may apply to one kind).
        #[arg(long = "kind", value_enum)]
        filing_kind: Option<validate::FilingKindArg>,
        /// Filing province: name, abbreviation (粤) or code (for website-name, icp-number,
        /// mobile, resident-id).
        #[arg(long)]
        province: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Read certificate numbers, names and addresses from document photos (营业执照,
    /// resident ID card). Exit 0 when a number was proposed for every file, 1 when one had
    /// none, 2 when a file cannot be read.
    Read {
        /// Image files (JPEG, PNG, WebP).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print JSON (format `beian.read/1`) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Move a whole filing between computers: export a draft with its attachments as one
    /// transfer file (.beiandraft), or import one into the library.
    Transfer {
        /// Export or import.
        #[command(subcommand)]
        command: transfer::TransferCommand,
    },
    /// Run the materials step's document checks on files (real format, size and pixel
    /// limits, resolution, colour, glare, orientation…) with the step's verdicts and
    /// messages. Exit 0 when every file is acceptable, 1 when one is not, 2 when one cannot
    /// be read as a document.
    Inspect {
        /// Document files (JPEG, PNG, PDF; anything else is told by its bytes).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Judge them as this checklist item: licence, id-front, id-back, letter,
        /// domain-certificate, residence-permit, pre-approval, province, other, or an item
        /// key as `beian check` lists it (default: the generic photo/scan checks).
        #[arg(long = "as", value_name = "ITEM")]
        as_item: Option<String>,
        /// The draft a returned paper was printed from: with `--as` an item key
        /// (`beian check` lists them), its QR code is compared with what beian would print
        /// now, and its signature places are looked at.
        #[arg(long, value_name = "DRAFT.ron")]
        draft: Option<PathBuf>,
        /// Print JSON (format `beian.inspect/1`) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Read an APP filing's 特征信息 from app packages (.apk, .ipa, .hap/.app),
    /// provisioning profiles or certificate files (.cer, .crt, .der, .pem): platform,
    /// package name, the fingerprint for the filing (MD5 for Android, SHA-1 for iOS and
    /// HarmonyOS), every rendering of the public key, the certificate and the warnings.
    /// Exit 0 when every file was read, 1 when one has a warning that blocks a filing (a
    /// debug or expired certificate), 2 when one cannot be read.
    AppInfo {
        /// Packages, profiles or certificate files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print JSON (format `beian.app-info/1`) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Print the papers this draft needs (授权书, the province's letters) filled in, as A4
    /// PDFs into a folder. Exit 0 when all were written, 1 when the draft lacks values a
    /// paper prints (listed), 2 on other failures.
    Forms {
        /// The draft file (.ron).
        draft: PathBuf,
        /// The folder to write the PDFs to (made if missing).
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
        /// Only papers of this template (`authorization`, `gd_commitment`, `js_notice`,
        /// `js_commitment`).
        #[arg(long)]
        kind: Option<String>,
    },
    /// Make a new draft: empty, or the sample filing with its documents and face photo.
    /// An existing file is never replaced. Exit 0 when made, 2 when not.
    New {
        /// 个人 (personal, the default) or 单位 (unit).
        #[arg(long, value_enum)]
        kind: Option<NewKind>,
        /// A shipped sample filing instead of an empty draft: `--sample` (or `--sample
        /// website`) the website sample of --kind; `--sample app` the unit filing of one APP
        /// and no website, its package read from a shipped APK.
        #[arg(long, value_enum, num_args = 0..=1, default_missing_value = "website")]
        sample: Option<SampleArg>,
        /// Where to write the draft (default: the library of the data folder).
        #[arg(short, long, value_name = "DRAFT.ron")]
        output: Option<PathBuf>,
    },
    /// Attach a file to a checklist item of a draft (item keys: `beian check DRAFT`),
    /// with the materials step's checks; a face-photo item takes the face photo. Exit 0
    /// when attached, 1 when attached but a check rejects it, 2 when nothing was attached.
    Attach {
        /// The draft file (.ron); the file is stored in the folder beside it.
        draft: PathBuf,
        /// The checklist item key, e.g. `subject.document.id_front`,
        /// `websites[0].document.domain_certificate`, `subject.face_photo`.
        item: String,
        /// The file to attach.
        file: PathBuf,
        /// Normalise it where that improves it (upright, within the size limit, no
        /// metadata), as the step's Fix button.
        #[arg(long)]
        normalize: bool,
        /// Turn it upright while normalising, as the step's Rotate buttons.
        #[arg(long, value_enum, value_name = "DIRECTION")]
        turn: Option<TurnArg>,
    },
}

/// The kinds `beian new --kind` takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum NewKind {
    /// 个人.
    Personal,
    /// 单位.
    Unit,
}

/// The samples `beian new --sample` makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SampleArg {
    /// The website sample of --kind.
    Website,
    /// The unit filing of one APP.
    App,
}

/// The turns `beian attach --turn` takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TurnArg {
    /// 90° anticlockwise.
    Left,
    /// 90° clockwise.
    Right,
    /// 180°.
    Half,
}

fn parse_locale(s: &str) -> Result<Locale, String> {
    Locale::from_tag(s).ok_or_else(|| format!("unknown language {s:?}; use zh-CN or en"))
}

impl Cli {
    /// The data folder chosen on the command line or by the environment.
    pub fn data_dir(&self) -> DataDir {
        self.data_dir
            .clone()
            .map_or_else(DataDir::from_env, DataDir::at)
    }

    /// The language for command-line output: `--lang`, then `BEIAN_LANG`, then Chinese.
    pub fn output_locale(&self) -> Locale {
        self.lang
            .or_else(|| {
                std::env::var("BEIAN_LANG")
                    .ok()
                    .and_then(|l| Locale::from_tag(&l))
            })
            .unwrap_or_default()
    }
}

/// The library a command reads files from, if it does (to unlock it first).
fn library_read_by(cli: &Cli, command: &Command) -> Option<Library> {
    match command {
        Command::Check { draft, .. }
        | Command::Export { draft, .. }
        | Command::Forms { draft, .. } => Some(Library::of_file(draft)),
        Command::Inspect {
            draft: Some(draft), ..
        } => Some(Library::of_file(draft)),
        Command::List { .. } => Some(Library::open(cli.data_dir().drafts_dir())),
        _ => None,
    }
}

/// The environment variable a script gives the staff passphrase of an encrypted library
/// in (otherwise it is asked for on the terminal).
pub const STAFF_PASSPHRASE_ENV: &str = "BEIAN_STAFF_PASSPHRASE";

/// Unlocks an encrypted library before a command reads it: the staff passphrase from
/// `BEIAN_STAFF_PASSPHRASE` or asked for without echo.
fn unlock_library(locale: Locale, library: &Library) -> Result<(), CliError> {
    use std::io::IsTerminal as _;
    if !library.needs_unlock() {
        return Ok(());
    }
    let passphrase = match std::env::var(STAFF_PASSPHRASE_ENV) {
        Ok(p) => p,
        Err(_) if std::io::stdin().is_terminal() => {
            rpassword::prompt_password(crate::i18n::t(locale, "cli.staff_passphrase"))
                .map_err(CliError::Terminal)?
        }
        Err(_) => {
            return Err(CliError::NoTerminal {
                key: "cli.staff_passphrase_needed",
                env: STAFF_PASSPHRASE_ENV,
            });
        }
    };
    Ok(library.unlock(&passphrase)?)
}

/// Runs a subcommand and returns the process's exit code.
pub fn run(cli: &Cli, command: &Command) -> ExitCode {
    let locale = cli.output_locale();
    let library = library_read_by(cli, command);
    if let Some(library) = &library
        && let Err(err) = unlock_library(locale, library)
    {
        eprintln!("{}", err.user_message(locale));
        return ExitCode::from(2);
    }
    let library = library.unwrap_or_else(|| Library::open(cli.data_dir().drafts_dir()));
    match command {
        Command::Check { draft, json } => check::run(locale, &library, draft, *json),
        Command::Forms {
            draft,
            output,
            kind,
        } => forms::run(locale, &library, draft, output, kind.as_deref()),
        Command::Precheck { images, json } => precheck::run(locale, images, *json),
        Command::Export { draft, output, key } => {
            let output = output
                .clone()
                .unwrap_or_else(|| bundle::default_output(draft));
            bundle::export(
                locale,
                &cli.data_dir(),
                &library,
                draft,
                &output,
                key.as_deref(),
            )
        }
        Command::Verify {
            bundle: path,
            trusted_keys,
            json,
        } => bundle::verify(
            locale,
            &cli.data_dir(),
            path,
            trusted_keys.as_deref(),
            *json,
        ),
        Command::Countersign {
            bundle: path,
            key,
            output,
        } => bundle::countersign(locale, &cli.data_dir(), path, key, output.as_deref()),
        Command::Keygen { key, name } => bundle::keygen(locale, key, name.as_deref()),
        Command::List {
            query,
            state,
            kind,
            json,
            html,
        } => list::run(
            locale,
            &library,
            &list::Options {
                query: query.clone(),
                state: state.clone(),
                kind: kind.clone(),
                json: *json,
                html: html.clone(),
                locale: cli.output_locale(),
            },
        ),
        Command::Validate {
            kind,
            value,
            city,
            division,
            domain,
            personal,
            filing_kind,
            province,
            json,
        } => validate::run(
            locale,
            *kind,
            value,
            &validate::Options {
                city: city.clone(),
                division: division.clone(),
                domain: domain.clone(),
                personal: *personal || *filing_kind == Some(validate::FilingKindArg::Personal),
                kind: *filing_kind,
                province: province.clone(),
                json: *json,
            },
        ),
        Command::Transfer { command } => transfer::run(locale, &cli.data_dir(), command),
        Command::Inspect {
            files,
            as_item,
            draft,
            json,
        } => inspect::run(
            locale,
            files,
            as_item.as_deref(),
            draft.as_deref().map(|d| (&library, d)),
            *json,
        ),
        Command::AppInfo { files, json } => app_info::run(locale, files, *json, chrono::Utc::now()),
        Command::New {
            kind,
            sample,
            output,
        } => new::run(
            locale,
            &cli.data_dir(),
            &new::Options {
                kind: kind.map(|k| match k {
                    NewKind::Personal => crate::model::FilingKind::Personal,
                    NewKind::Unit => crate::model::FilingKind::Unit,
                }),
                sample: *sample,
                output: output.as_deref(),
            },
        ),
        Command::Attach {
            draft,
            item,
            file,
            normalize,
            turn,
        } => attach::run(
            locale,
            &attach::Options {
                draft,
                item,
                file,
                normalize: *normalize,
                turn: match turn {
                    None => crate::documents::Turn::None,
                    Some(TurnArg::Left) => crate::documents::Turn::Left,
                    Some(TurnArg::Right) => crate::documents::Turn::Right,
                    Some(TurnArg::Half) => crate::documents::Turn::Half,
                },
            },
        ),
        Command::Read { files, json } => read::run(locale, files, *json),
    }
}
