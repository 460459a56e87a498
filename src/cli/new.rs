//! `beian new [--kind personal|unit] [--sample [website|app]] [-o DRAFT.ron]`: a new draft,
//! empty or a shipped sample with its documents and face photo (as the start screen makes them), in
//! the library of the data folder or at the path given. An existing file is never
//! replaced. Exit 0 when made, 2 when it cannot be.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use chrono::Utc;

use crate::i18n::Locale;
use crate::i18n::tf;
use crate::jobs::samples::Sample;
use crate::model::{Draft, FilingKind};
use crate::store::draft_io;
use crate::store::storage::DataDir;

/// What `beian new` was asked for.
#[derive(Debug)]
pub struct Options<'a> {
    /// 个人 or 单位 (`None`: personal, or unit for the APP sample).
    pub kind: Option<FilingKind>,
    /// A sample filing instead of an empty one.
    pub sample: Option<super::SampleArg>,
    /// Where to write it (default: the library of the data folder).
    pub output: Option<&'a Path>,
}

/// Makes the draft and returns the exit code.
pub fn run(locale: Locale, data: &DataDir, options: &Options<'_>) -> ExitCode {
    let now = Utc::now();
    let sample = match (options.sample, options.kind) {
        (None, _) => None,
        (Some(super::SampleArg::Website), kind) => Some(kind.unwrap_or_default().into()),
        (Some(super::SampleArg::App), None | Some(FilingKind::Unit)) => Some(Sample::App),
        (Some(super::SampleArg::App), Some(FilingKind::Personal)) => {
            eprintln!("{}", crate::i18n::t(locale, "cli.new.app_sample_is_unit"));
            return ExitCode::from(2);
        }
    };
    let kind = match sample {
        Some(Sample::App | Sample::Unit) => FilingKind::Unit,
        _ => options.kind.unwrap_or_default(),
    };
    let empty = sample.is_none().then(|| Draft::new(kind, now));
    let path = match (options.output, &empty) {
        (Some(p), _) => p.to_owned(),
        (None, Some(d)) => data.draft_path(&d.id),
        (None, None) => data.draft_path(&crate::model::draft::new_id(now)),
    };
    if path.exists() {
        eprintln!(
            "{}",
            tf(
                locale,
                "cli.new.exists",
                &[("path", &path.display().to_string())]
            )
        );
        return ExitCode::from(2);
    }
    let library = crate::store::sealed::Library::of_file(&path);
    let draft = match empty {
        Some(d) => d,
        None => {
            let sample = sample.unwrap_or(Sample::Personal);
            match crate::jobs::samples::create_at(sample, &library, &path, chrono::Utc::now()) {
                Ok(mut d) => {
                    // A draft in the library is named by its id.
                    if options.output.is_none()
                        && let Some(stem) = path.file_stem()
                    {
                        d.id = stem.to_string_lossy().into_owned();
                    }
                    d
                }
                Err(err) => {
                    eprintln!("{}", err.user_message(locale));
                    return ExitCode::from(2);
                }
            }
        }
    };
    if let Err(err) = draft_io::save_draft(&library, &draft, &path) {
        eprintln!("{}", err.user_message(locale));
        return ExitCode::from(2);
    }
    let line = tf(
        locale,
        match sample {
            Some(Sample::App) => "cli.new.app_sample_made",
            Some(_) => "cli.new.sample_made",
            None => "cli.new.made",
        },
        &[
            ("path", &path.display().to_string()),
            ("kind", &kind.label(locale)),
        ],
    );
    if let Err(err) = writeln!(std::io::stdout().lock(), "{line}")
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("{err}");
    }
    ExitCode::SUCCESS
}
