//! `beian transfer export DRAFT.ron -o FILE` and `beian transfer import FILE
//! [--as-copy|--replace]`: moving a whole filing between computers with a draft transfer
//! file, into and out of the library of the data folder.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;

use crate::i18n::Locale;
use crate::i18n::tf;
use crate::jobs::transfer::{ImportOutcome, OnConflict};
use crate::store::sealed::Library;
use crate::store::storage::DataDir;

/// The `transfer` subcommands.
#[derive(Debug, Subcommand)]
pub enum TransferCommand {
    /// Write a draft with every attachment it references as one transfer file
    /// (.beiandraft). Exit 0 when written, 2 when it cannot be.
    Export {
        /// The draft file (.ron); its attachments are in the folder beside it.
        draft: PathBuf,
        /// Where to write the transfer file (default: <draft>.beiandraft here).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Import a transfer file into the library. A different draft with the same identifier
    /// is never overwritten silently: without --as-copy or --replace that is exit 1. Exit
    /// 0 when imported (or already there), 2 when the file is unreadable or damaged.
    Import {
        /// The transfer file (.beiandraft).
        file: PathBuf,
        /// On a conflict, keep both: import as a copy with a new identifier.
        #[arg(long, conflicts_with = "replace")]
        as_copy: bool,
        /// On a conflict, replace the library's draft (kept first as drafts/.replaced-<id>-<time>.ron).
        #[arg(long)]
        replace: bool,
    },
}

/// Runs a `transfer` subcommand.
pub fn run(locale: Locale, data: &DataDir, command: &TransferCommand) -> ExitCode {
    match command {
        TransferCommand::Export { draft, output } => {
            let output = output.clone().unwrap_or_else(|| default_output(draft));
            export(locale, draft, &output)
        }
        TransferCommand::Import {
            file,
            as_copy,
            replace,
        } => {
            let choice = if *as_copy {
                OnConflict::KeepBoth
            } else if *replace {
                OnConflict::Replace
            } else {
                OnConflict::Ask
            };
            import(locale, &data.drafts_dir(), file, choice)
        }
    }
}

fn default_output(draft: &Path) -> PathBuf {
    let stem = draft
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "draft".to_owned());
    PathBuf::from(format!(
        "{}.{}",
        crate::bundle::safety::ascii_name(&stem),
        crate::bundle::transfer::EXTENSION
    ))
}

fn export(locale: Locale, draft: &Path, output: &Path) -> ExitCode {
    match crate::jobs::transfer::export(&Library::of_file(draft), draft, output) {
        Ok(written) => {
            println!(
                "{}",
                tf(
                    locale,
                    "transfer.exported",
                    &[
                        ("path", &written.path.display().to_string()),
                        ("count", &written.attachments.to_string()),
                    ]
                )
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{}", err.user_message(locale));
            ExitCode::from(2)
        }
    }
}

fn import(locale: Locale, library: &Path, file: &Path, choice: OnConflict) -> ExitCode {
    let library = Library::open(library);
    let outcome = match crate::jobs::transfer::import(&library, file, choice) {
        Ok(outcome) => outcome,
        // An unreadable, damaged or changed file, or a library that cannot be written.
        Err(err) => {
            eprintln!("{}", err.user_message(locale));
            return ExitCode::from(2);
        }
    };
    let shown = |p: &Path| p.display().to_string();
    let line = match &outcome {
        ImportOutcome::Imported { path, .. } => {
            tf(locale, "cli.transfer.imported", &[("path", &shown(path))])
        }
        ImportOutcome::AlreadyThere { path, .. } => tf(
            locale,
            "cli.transfer.already_there",
            &[("path", &shown(path))],
        ),
        ImportOutcome::Copied { path, .. } => {
            tf(locale, "cli.transfer.copied", &[("path", &shown(path))])
        }
        ImportOutcome::Replaced { path, backup, .. } => tf(
            locale,
            "cli.transfer.replaced",
            &[("path", &shown(path)), ("backup", &shown(backup))],
        ),
        ImportOutcome::Conflict {
            existing,
            existing_name,
            incoming_name,
        } => {
            eprintln!(
                "{}",
                tf(
                    locale,
                    "cli.transfer.conflict",
                    &[
                        ("path", &shown(existing)),
                        ("existing", existing_name),
                        ("incoming", incoming_name),
                    ]
                )
            );
            return ExitCode::from(1);
        }
    };
    println!("{line}");
    ExitCode::SUCCESS
}
