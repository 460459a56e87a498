//! The command line: `beian` opens the window; subcommands work without one.

mod check;
mod precheck;
pub mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::i18n::Locale;
use crate::model::storage::DataDir;

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
        /// A personal website (for website-name).
        #[arg(long)]
        personal: bool,
        /// Filing province: name, abbreviation (粤) or code (for website-name, icp-number).
        #[arg(long)]
        province: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
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

/// Runs a subcommand and returns the process's exit code.
pub fn run(cli: &Cli, command: &Command) -> ExitCode {
    crate::i18n::set_locale(cli.output_locale());
    match command {
        Command::Check { draft, json } => check::run(draft, *json),
        Command::Precheck { images, json } => precheck::run(images, *json),
        Command::Validate {
            kind,
            value,
            city,
            division,
            domain,
            personal,
            province,
            json,
        } => validate::run(
            *kind,
            value,
            &validate::Options {
                city: city.clone(),
                division: division.clone(),
                domain: domain.clone(),
                personal: *personal,
                province: province.clone(),
                json: *json,
            },
        ),
    }
}
