//! `beian attach DRAFT.ron ITEM FILE [--normalize] [--turn left|right|half]`: attaches a
//! file to a checklist item of a draft, as the materials step does on import: the file is
//! read safely, measured and stored in the draft's attachment store, replacing what the
//! item had; `--normalize` and `--turn` then do what the step's Fix and Rotate buttons do.
//! A face-photo item (`subject.face_photo`, `websites[N].responsible.face_photo`) takes a
//! photo through the same pre-checks, crop and storage as "use an existing photo".
//!
//! As in the GUI, a file that can be read is attached even when a check finds an error
//! (the step shows it beside the item; a face photo that fails is kept for the help desk
//! to accept with a reason). Exit 0 when attached with no error, 1 when attached but a
//! check rejects it, 2 when nothing was attached: the draft or the file cannot be read,
//! the item is not on the draft's checklist, or the draft is open at a desk.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use chrono::Utc;

use super::error::CliError;
use crate::documents::{Store, Turn};
use crate::i18n::Locale;
use crate::i18n::{t, tf};
use crate::jobs::{documents, face};
use crate::library::locks;
use crate::model::{Draft, Field, FieldKey};
use crate::rules::{self, Severity, materials};
use crate::store::draft_io;

/// What `beian attach` was asked for.
#[derive(Debug)]
pub struct Options<'a> {
    /// The draft file.
    pub draft: &'a Path,
    /// The checklist item key, as `beian check` lists it.
    pub item: &'a str,
    /// The file to attach.
    pub file: &'a Path,
    /// Normalise the file after attaching it (the materials step's Fix).
    pub normalize: bool,
    /// Turn it while normalising (the step's Rotate buttons).
    pub turn: Turn,
}

/// The keys of everything the draft's materials step takes a file for: each checklist
/// document, then each face photo, in the order of the step.
pub fn item_keys(draft: &Draft) -> Vec<FieldKey> {
    let mut keys: Vec<FieldKey> = materials::checklist(draft)
        .into_iter()
        .map(|i| i.key)
        .collect();
    if materials::needs_face(draft) {
        keys.extend(draft.face_persons().iter().map(|p| p.field()));
    }
    keys
}

fn say(text: &str) {
    if let Err(err) = writeln!(std::io::stdout().lock(), "{text}")
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("{err}");
    }
}

fn refuse(message: &str) -> ExitCode {
    eprintln!("{message}");
    ExitCode::from(2)
}

/// The draft's issues at `item` after the change, printed as `beian check` prints them;
/// whether one is an error.
fn report_item(locale: Locale, draft: &Draft, item: FieldKey) -> bool {
    let report = rules::validate(draft);
    let mut failed = false;
    for issue in report.issues.iter().filter(|i| i.field == item) {
        let mark = match issue.severity {
            Severity::Error => {
                failed = true;
                t(locale, "cli.error")
            }
            Severity::Warning => t(locale, "cli.warning"),
            Severity::Notice => t(locale, "cli.notice"),
        };
        say(&format!("  [{mark}] {}", issue.message(locale)));
    }
    failed
}

/// Attaches the file and returns the exit code.
pub fn run(locale: Locale, options: &Options<'_>) -> ExitCode {
    let path = options.draft;
    let library = crate::store::sealed::Library::of_file(path);
    let mut draft = match draft_io::load_draft(&library, path) {
        Ok(d) => d,
        Err(err) => return refuse(&err.user_message(locale)),
    };
    let now = Utc::now();
    // A desk that has the draft open would save over the change.
    if let Some(lock) = locks::read(path)
        && !lock.is_stale(now)
    {
        return refuse(&tf(
            locale,
            "cli.attach.locked",
            &[
                ("desk", &lock.desk),
                (
                    "time",
                    &lock
                        .since
                        .with_timezone(&chrono::Local)
                        .format("%Y-%m-%d %H:%M")
                        .to_string(),
                ),
            ],
        ));
    }
    let keys = item_keys(&draft);
    let item = match options.item.trim().parse::<FieldKey>() {
        Ok(key) if keys.contains(&key) => key,
        _ => {
            let listed: Vec<String> = keys.iter().map(ToString::to_string).collect();
            return refuse(&tf(
                locale,
                "cli.attach.bad_item",
                &[("value", options.item), ("keys", &listed.join(", "))],
            ));
        }
    };
    let store = Store::for_draft(&library, path);
    let attached = match item.field {
        Field::FacePhoto => attach_face(locale, &mut draft, &store, item, options.file),
        _ => attach_document(locale, &mut draft, &store, item, options),
    };
    if let Err(err) = attached {
        return refuse(&err.user_message(locale));
    }
    draft.updated_at = Some(now);
    if let Err(err) = draft_io::save_draft(&library, &draft, path) {
        return refuse(&err.user_message(locale));
    }
    if report_item(locale, &draft, item) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn attach_document(
    locale: Locale,
    draft: &mut Draft,
    store: &Store,
    item: FieldKey,
    options: &Options<'_>,
) -> Result<(), CliError> {
    let imported = documents::import_file_for(store, item, options.file, Some(draft))?;
    let mut attachment = imported.attachment;
    if options.normalize || options.turn != Turn::None {
        // Fix only where it improves something, as the step offers it; a turn always.
        if options.turn != Turn::None || materials::can_improve(&attachment) {
            let (copy, _) = documents::normalize_attachment(store, &attachment, options.turn)?;
            attachment.normalized = Some(copy);
        }
    }
    say(&tf(
        locale,
        "cli.attach.attached",
        &[
            ("file", &options.file.display().to_string()),
            ("item", &item.label(locale)),
            ("key", &item.to_string()),
        ],
    ));
    say(&format!(
        "  {}",
        super::inspect::measures_line(locale, &attachment.measures)
    ));
    if let Some(copy) = &attachment.normalized {
        say(&format!(
            "  {}",
            tf(
                locale,
                "cli.attach.normalized",
                &[(
                    "measures",
                    &super::inspect::measures_line(locale, &copy.measures)
                )]
            )
        ));
    }
    draft.materials.attachments.retain(|a| a.item != item);
    draft.materials.attachments.push(attachment);
    Ok(())
}

fn attach_face(
    locale: Locale,
    draft: &mut Draft,
    store: &Store,
    item: FieldKey,
    file: &Path,
) -> Result<(), CliError> {
    let person = draft
        .face_persons()
        .into_iter()
        .find(|p| p.field() == item)
        .ok_or(CliError::NoPerson(item))?;
    let (mut photo, _) = face::photo_from_file(store, file)?;
    photo.person = person.key.clone();
    say(&tf(
        locale,
        "cli.attach.face",
        &[
            ("file", &file.display().to_string()),
            ("person", &person.label(locale)),
            ("key", &item.to_string()),
        ],
    ));
    for check in photo
        .report
        .iter()
        .flat_map(|r| r.checks.iter())
        .filter(|c| !c.passed)
    {
        say(&format!(
            "  {}: {}",
            t(locale, &check.id.name_key()),
            t(locale, &check.guidance_key)
        ));
    }
    draft.materials.set_face_photo(photo);
    Ok(())
}
