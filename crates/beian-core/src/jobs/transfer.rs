//! Moving a whole filing between computers with a draft transfer file
//! (`bundle::transfer`): exporting a library draft with its attachments, and importing one
//! into the library without ever overwriting a draft silently.
//!
//! An import writes the attachments first (through `Store::put`), then the draft
//! (`save_draft`), then the library index, so an import cut short leaves at most unused
//! attachments, never a draft that references a missing one. When a draft with the same
//! identifier is already in the library, identical content is reported as already there;
//! different content is a [`ImportOutcome::Conflict`] unless the caller chose to keep both
//! (a copy with a new identifier) or to replace (the existing draft is kept first, with
//! copies of its attachments, as `.replaced-<id>-<time>.ron` in the library folder: hidden
//! from the list, and in the library folder itself so that a library encrypted at rest
//! keeps the backup encrypted and can open it).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::error::JobError;
use crate::bundle::transfer::{self, Transfer, Written};
use crate::documents::Store;
use crate::library::index;
use crate::model::Draft;
use crate::model::draft::new_id;
use crate::store::draft_io;
use crate::store::sealed::Library;

/// How the file name of a replaced draft kept in the library starts (a leading dot hides
/// it from the list).
pub const REPLACED_PREFIX: &str = ".replaced-";

/// What to do when the library already holds a different draft with the same identifier.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OnConflict {
    /// Import nothing and report the conflict, so the user can be asked.
    #[default]
    Ask,
    /// Keep both: import as a copy with a new identifier.
    KeepBoth,
    /// Replace the existing draft, after keeping it as a backup.
    Replace,
}

/// What an import did.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportOutcome {
    /// The draft was new to this library and is now in it.
    Imported {
        /// The draft.
        draft: Box<Draft>,
        /// Its file.
        path: PathBuf,
    },
    /// The library already holds this very draft with all its attachments; nothing was
    /// written.
    AlreadyThere {
        /// The draft.
        draft: Box<Draft>,
        /// Its file.
        path: PathBuf,
    },
    /// Imported as a copy with a new identifier, beside the existing draft.
    Copied {
        /// The copy.
        draft: Box<Draft>,
        /// Its file.
        path: PathBuf,
    },
    /// The existing draft was kept at `backup` and replaced by the imported one.
    Replaced {
        /// The imported draft.
        draft: Box<Draft>,
        /// Its file (the existing draft's).
        path: PathBuf,
        /// Where the replaced draft is kept.
        backup: PathBuf,
    },
    /// A different draft with the same identifier is in the library; nothing was written.
    Conflict {
        /// The existing draft's file.
        existing: PathBuf,
        /// The existing draft's name (may be empty).
        existing_name: String,
        /// The imported draft's name (may be empty).
        incoming_name: String,
    },
}

/// Writes the transfer file of the draft at `draft_path` to `out`. Runs on a worker.
pub fn export(library: &Library, draft_path: &Path, out: &Path) -> Result<Written, JobError> {
    let library = library.for_file(draft_path);
    let draft = draft_io::load_draft(&library, draft_path)?;
    let store = Store::for_draft(&library, draft_path);
    Ok(transfer::write(&draft, &store, out, Utc::now())?)
}

/// Imports the transfer file at `file` into `library` (see the module documentation).
/// Runs on a worker.
pub fn import(
    library: &Library,
    file: &Path,
    on_conflict: OnConflict,
) -> Result<ImportOutcome, JobError> {
    let incoming = transfer::read(file)?;
    import_verified(library, incoming, on_conflict, Utc::now())
}

/// Where the draft with identifier `id` is in `library`, if it is: `<id>.ron`, or another
/// file the index knows it under.
fn existing_file(library: &Library, id: &str) -> Option<PathBuf> {
    let usual = library.dir().join(format!("{id}.ron"));
    if usual.exists() {
        return Some(usual);
    }
    index::read(library)
        .entries
        .into_iter()
        .find(|e| e.id == id)
        .map(|e| library.dir().join(e.file))
        .filter(|p| p.exists())
}

fn import_verified(
    library: &Library,
    incoming: Transfer,
    on_conflict: OnConflict,
    now: DateTime<Utc>,
) -> Result<ImportOutcome, JobError> {
    let Transfer {
        mut draft, files, ..
    } = incoming;
    let Some(existing_path) = existing_file(library, &draft.id) else {
        let path = library.dir().join(format!("{}.ron", draft.id));
        install(library, &path, &files, &draft)?;
        return Ok(ImportOutcome::Imported {
            draft: Box::new(draft),
            path,
        });
    };
    let existing = draft_io::load_draft(library, &existing_path).ok();
    if let Some(existing) = &existing {
        let store = Store::for_draft(library, &existing_path);
        let is_identical = existing.without_secrets() == draft
            && transfer::referenced_hashes(&draft)
                .iter()
                .all(|sha| store.contains(sha));
        if is_identical {
            return Ok(ImportOutcome::AlreadyThere {
                draft: Box::new(existing.clone()),
                path: existing_path,
            });
        }
    }
    match on_conflict {
        OnConflict::Ask => Ok(ImportOutcome::Conflict {
            existing_name: existing
                .as_ref()
                .map(|d| d.display_name().to_owned())
                .unwrap_or_default(),
            incoming_name: draft.display_name().to_owned(),
            existing: existing_path,
        }),
        OnConflict::KeepBoth => {
            draft.id = new_id(now);
            let path = library.dir().join(format!("{}.ron", draft.id));
            install(library, &path, &files, &draft)?;
            Ok(ImportOutcome::Copied {
                draft: Box::new(draft),
                path,
            })
        }
        OnConflict::Replace => {
            // Another desk with the draft open would save over the imported one.
            if let Some(lock) = crate::library::locks::read(&existing_path)
                && !lock.is_stale(now)
            {
                return Err(transfer::TransferError::InUse(lock.desk).into());
            }
            let backup = keep_aside(library, &existing_path, existing.as_ref(), now)?;
            // The legacy 备案密码 never travels; keep the one this computer had.
            if let Some(existing) = &existing
                && draft.subject.icp_password.is_empty()
            {
                draft
                    .subject
                    .icp_password
                    .clone_from(&existing.subject.icp_password);
            }
            install(library, &existing_path, &files, &draft)?;
            Ok(ImportOutcome::Replaced {
                draft: Box::new(draft),
                path: existing_path,
                backup,
            })
        }
    }
}

/// Keeps the draft at `path` as `.replaced-<stem>-<time>.ron` in `library` with copies of its
/// attachments (copied first, then the draft moved, so the backup is whole once the
/// draft has left the library). Returns where it went.
fn keep_aside(
    library: &Library,
    path: &Path,
    draft: Option<&Draft>,
    now: DateTime<Utc>,
) -> Result<PathBuf, JobError> {
    let io_error = |err: std::io::Error| JobError::Write(Arc::new(err));
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "draft".to_owned());
    let stamp = now.format("%Y%m%d-%H%M%S");
    let mut backup = library
        .dir()
        .join(format!("{REPLACED_PREFIX}{stem}-{stamp}.ron"));
    let mut n = 1;
    while backup.exists() {
        backup = library
            .dir()
            .join(format!("{REPLACED_PREFIX}{stem}-{stamp}-{n}.ron"));
        n += 1;
    }
    if let Some(draft) = draft {
        let from = Store::for_draft(library, path);
        let to = Store::for_draft(library, &backup);
        for sha in transfer::referenced_hashes(draft) {
            // An attachment already missing stays missing; the rest are kept.
            if let Ok(bytes) = from.get(&sha) {
                to.put(&bytes).map_err(io_error)?;
            }
        }
    }
    std::fs::rename(path, &backup).map_err(io_error)?;
    Ok(backup)
}

/// Writes the attachments, then the draft, then the index entry.
fn install(
    library: &Library,
    path: &Path,
    files: &std::collections::BTreeMap<String, Vec<u8>>,
    draft: &Draft,
) -> Result<(), JobError> {
    let store = Store::for_draft(library, path);
    for (sha, bytes) in files {
        let stored = store
            .put(bytes)
            .map_err(|err| JobError::Write(Arc::new(err)))?;
        if &stored != sha {
            return Err(
                transfer::TransferError::Changed(format!("{}{sha}", transfer::FILES)).into(),
            );
        }
    }
    draft_io::save_draft(library, draft, path)?;
    if let Err(err) = index::note_saved(library, path, draft) {
        log::warn!("updating the library index failed: {}", err.kind());
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::model::FilingKind;

    /// A library with one sample draft (and its documents), exported to a transfer file.
    fn exported() -> (tempfile::TempDir, PathBuf, Draft, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::open(dir.path().join("data/drafts"));
        let (draft, path) =
            super::super::samples::create(FilingKind::Unit, &library, Utc::now()).unwrap();
        draft_io::save_draft(&library, &draft, &path).unwrap();
        let out = dir.path().join("moved.beiandraft");
        export(&library, &path, &out).unwrap();
        (dir, out, draft, path)
    }

    #[test]
    fn into_an_empty_library_the_draft_and_every_attachment_arrive() {
        let (dir, out, draft, _) = exported();
        let library = dir.path().join("other");
        let outcome = import(
            &crate::store::sealed::Library::open(&library),
            &out,
            OnConflict::Ask,
        )
        .unwrap();
        let ImportOutcome::Imported { draft: got, path } = outcome else {
            panic!("{outcome:?}");
        };
        assert_eq!(*got, draft);
        assert_eq!(
            draft_io::load_draft(&crate::store::sealed::Library::of_file(&path), &path).unwrap(),
            draft
        );
        let store = Store::for_draft(&crate::store::sealed::Library::of_file(&path), &path);
        let hashes = transfer::referenced_hashes(&draft);
        assert!(!hashes.is_empty());
        for sha in &hashes {
            assert_eq!(
                &crate::documents::store::sha256_hex(&store.get(sha).unwrap()),
                sha
            );
        }
        assert_eq!(
            index::read(&crate::store::sealed::Library::open(&library))
                .entries
                .len(),
            1
        );
    }

    #[test]
    fn the_same_draft_again_is_already_there() {
        let (dir, out, draft, path) = exported();
        let library = path.parent().unwrap();
        let outcome = import(
            &crate::store::sealed::Library::open(library),
            &out,
            OnConflict::Ask,
        )
        .unwrap();
        assert!(
            matches!(&outcome, ImportOutcome::AlreadyThere { path: p, .. } if *p == path),
            "{outcome:?}"
        );
        assert_eq!(
            draft_io::load_draft(&crate::store::sealed::Library::of_file(&path), &path).unwrap(),
            draft
        );
        drop(dir);
    }

    /// The library's draft changed after the export: importing is a conflict.
    fn changed_at_home() -> (tempfile::TempDir, PathBuf, Draft, PathBuf) {
        let (dir, out, draft, path) = exported();
        let mut changed = draft.clone();
        changed.subject.name = "本机改过的名称有限公司".into();
        draft_io::save_draft(
            &crate::store::sealed::Library::of_file(&path),
            &changed,
            &path,
        )
        .unwrap();
        (dir, out, draft, path)
    }

    #[test]
    fn a_different_draft_with_the_same_id_is_never_overwritten_without_asking() {
        let (_dir, out, _, path) = changed_at_home();
        let library = path.parent().unwrap();
        let before = std::fs::read(&path).unwrap();
        let outcome = import(
            &crate::store::sealed::Library::open(library),
            &out,
            OnConflict::Ask,
        )
        .unwrap();
        let ImportOutcome::Conflict {
            existing,
            existing_name,
            ..
        } = outcome
        else {
            panic!("{outcome:?}");
        };
        assert_eq!(existing, path);
        assert_eq!(existing_name, "本机改过的名称有限公司");
        assert_eq!(std::fs::read(&path).unwrap(), before);
        assert_eq!(
            std::fs::read_dir(library)
                .unwrap()
                .filter(|e| {
                    e.as_ref()
                        .unwrap()
                        .path()
                        .extension()
                        .is_some_and(|x| x == "ron")
                })
                .count(),
            1
        );
    }

    #[test]
    fn keeping_both_imports_a_copy_with_a_new_id() {
        let (_dir, out, draft, path) = changed_at_home();
        let library = path.parent().unwrap();
        let outcome = import(
            &crate::store::sealed::Library::open(library),
            &out,
            OnConflict::KeepBoth,
        )
        .unwrap();
        let ImportOutcome::Copied {
            draft: copy,
            path: copy_path,
        } = outcome
        else {
            panic!("{outcome:?}");
        };
        assert_ne!(copy.id, draft.id);
        assert_ne!(copy_path, path);
        assert_eq!(copy.subject.name, draft.subject.name);
        assert_eq!(
            draft_io::load_draft(&crate::store::sealed::Library::of_file(&path), &path)
                .unwrap()
                .subject
                .name,
            "本机改过的名称有限公司"
        );
        let store = Store::for_draft(
            &crate::store::sealed::Library::of_file(&copy_path),
            &copy_path,
        );
        assert!(
            transfer::referenced_hashes(&copy)
                .iter()
                .all(|s| store.contains(s))
        );
        let ids: Vec<String> = index::read(&crate::store::sealed::Library::open(library))
            .entries
            .into_iter()
            .map(|e| e.id)
            .collect();
        assert!(ids.contains(&copy.id), "{ids:?}");
    }

    #[test]
    fn replacing_keeps_the_existing_draft_as_a_whole_backup() {
        let (_dir, out, draft, path) = changed_at_home();
        let library = path.parent().unwrap();
        let outcome = import(
            &crate::store::sealed::Library::open(library),
            &out,
            OnConflict::Replace,
        )
        .unwrap();
        let ImportOutcome::Replaced {
            draft: got,
            path: got_path,
            backup,
        } = outcome
        else {
            panic!("{outcome:?}");
        };
        assert_eq!(got_path, path);
        assert_eq!(*got, draft);
        assert_eq!(
            draft_io::load_draft(&crate::store::sealed::Library::of_file(&path), &path).unwrap(),
            draft
        );
        assert_eq!(backup.parent(), Some(library));
        let kept = draft_io::load_draft(&crate::store::sealed::Library::of_file(&backup), &backup)
            .unwrap();
        assert_eq!(kept.subject.name, "本机改过的名称有限公司");
        let store = Store::for_draft(&crate::store::sealed::Library::of_file(&backup), &backup);
        assert!(
            transfer::referenced_hashes(&kept)
                .iter()
                .all(|s| store.get(s).is_ok())
        );
        // The backup is not listed as a filing.
        let listing = index::refresh(&crate::store::sealed::Library::open(library));
        assert_eq!(listing.entries.len(), 1);
        assert_eq!(listing.entries[0].name, draft.display_name());
    }

    #[test]
    fn a_draft_open_at_another_desk_is_not_replaced() {
        let (_dir, out, _, path) = changed_at_home();
        let library = path.parent().unwrap();
        let desk = crate::library::locks::DraftLock::new("2号服务台", "other", Utc::now());
        crate::library::locks::acquire(&path, &desk).unwrap();
        let err = import(
            &crate::store::sealed::Library::open(library),
            &out,
            OnConflict::Replace,
        )
        .unwrap_err();
        assert!(
            err.user_message(crate::i18n::Locale::ZhCn)
                .contains("2号服务台"),
            "{err:?}"
        );
        assert_eq!(
            draft_io::load_draft(&crate::store::sealed::Library::of_file(&path), &path)
                .unwrap()
                .subject
                .name,
            "本机改过的名称有限公司"
        );
        let kept = std::fs::read_dir(library)
            .unwrap()
            .filter(|e| {
                let name = e.as_ref().unwrap().file_name();
                name.to_string_lossy().starts_with(REPLACED_PREFIX)
            })
            .count();
        assert_eq!(kept, 0);
    }

    #[test]
    fn a_tampered_file_imports_nothing() {
        let (dir, out, _, _) = exported();
        let mut bytes = std::fs::read(&out).unwrap();
        // Flip a byte in the middle of the stored attachments.
        let middle = bytes.len() / 3;
        bytes[middle] ^= 0x55;
        std::fs::write(&out, &bytes).unwrap();
        let library = dir.path().join("other");
        let err = import(
            &crate::store::sealed::Library::open(&library),
            &out,
            OnConflict::Ask,
        )
        .unwrap_err();
        assert!(matches!(err, JobError::Transfer(_)), "{err:?}");
        assert!(!library.exists() || std::fs::read_dir(&library).unwrap().next().is_none());
    }
}
