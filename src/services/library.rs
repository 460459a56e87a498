//! The start screen's list of saved drafts, from the library index (`library::index`),
//! brought up to date on a worker thread: only new or changed drafts are read and
//! validated, so that a library of thousands of drafts lists at once and never makes the
//! window stutter.

use std::path::{Path, PathBuf};

use super::error::JobError;
use crate::library::index;
use crate::model::Draft;
use crate::model::index::IndexEntry;
use crate::store::{draft_io, sealed};

/// The drafts the start screen lists.
#[derive(Clone, Debug, Default)]
pub struct ListedDrafts {
    /// One entry per readable draft (library folder first, then outside files).
    pub entries: Vec<IndexEntry>,
    /// The file of each entry (same positions as `entries`).
    pub paths: Vec<PathBuf>,
    /// Files that could not be read, with why.
    pub damaged: Vec<(PathBuf, JobError)>,
    /// Who has a draft open, by its file (from the lock files beside the drafts).
    pub locks: std::collections::HashMap<PathBuf, crate::library::locks::DraftLock>,
}

impl ListedDrafts {
    /// The file of the entry at `position`.
    pub fn path(&self, position: usize) -> Option<&Path> {
        self.paths.get(position).map(PathBuf::as_path)
    }
}

/// Reads the library folder through its index and the outside files in `recent`
/// (summarised each time; there are at most a few). Runs on the library thread.
pub fn load(library: &sealed::Library, recent: &[PathBuf]) -> ListedDrafts {
    let listing = index::refresh(library);
    let mut out = ListedDrafts::default();
    for file in &listing.locked {
        let path = library.dir().join(file);
        if let Some(lock) = crate::library::locks::read(&path) {
            out.locks.insert(path, lock);
        }
    }
    for entry in listing.entries {
        out.paths.push(library.dir().join(&entry.file));
        out.entries.push(entry);
    }
    for damaged in listing.unreadable {
        out.damaged.push((damaged.path, damaged.error.into()));
    }
    for path in recent {
        if out.paths.contains(path) || !path.exists() {
            continue;
        }
        let result = index::stamp(path)
            .map_err(|err| JobError::Read(std::sync::Arc::new(err)))
            .and_then(|stamp| {
                draft_io::load_draft(&library.for_file(path), path)
                    .map(|draft| index::summarise(path, stamp, &draft))
                    .map_err(JobError::from)
            });
        match result {
            Ok(entry) => {
                out.paths.push(path.clone());
                out.entries.push(entry);
            }
            Err(err) => out.damaged.push((path.clone(), err)),
        }
    }
    out
}

/// Starts a 新增网站 draft for the subject of the filing at `path` (subject, people and
/// the issued subject number copied; no websites, documents or history), saves it into
/// `library` and returns it with its file. Runs on a worker.
pub fn new_website_for(
    library: &sealed::Library,
    path: &Path,
) -> Result<(Draft, PathBuf), JobError> {
    let draft = draft_io::load_draft(&library.for_file(path), path)?;
    let next = draft.new_website_for_subject(chrono::Utc::now());
    let next_path = library.dir().join(format!("{}.ron", next.id));
    save_into(library, &next_path, &next)?;
    Ok((next, next_path))
}

/// Archives (or un-archives) the filing at `path`. Runs on a worker.
pub fn set_archived(
    library: &sealed::Library,
    path: &Path,
    archived: bool,
) -> Result<(), JobError> {
    let mut draft = draft_io::load_draft(&library.for_file(path), path)?;
    draft.archived = archived;
    save_into(library, path, &draft)
}

/// Deletes the filing at `path` and its attachment folder (each draft has its own, so
/// nothing another draft uses goes with it), and drops it from the index.
pub fn delete(library: &sealed::Library, path: &Path) -> Result<(), JobError> {
    let read_error = |err: std::io::Error| JobError::Read(std::sync::Arc::new(err));
    let attachments = draft_io::attachment_dir(path);
    if attachments.is_dir() {
        std::fs::remove_dir_all(&attachments).map_err(read_error)?;
    }
    match std::fs::remove_file(path) {
        Ok(()) => {}
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        Err(err) => return Err(read_error(err)),
    }
    if path.parent() == Some(library.dir())
        && let Err(err) = index::note_removed(library, path)
    {
        log::warn!("updating the library index failed: {}", err.kind());
    }
    Ok(())
}

fn save_into(library: &sealed::Library, path: &Path, draft: &Draft) -> Result<(), JobError> {
    draft_io::save_draft(&library.for_file(path), draft, path)?;
    if path.parent() == Some(library.dir())
        && let Err(err) = index::note_saved(library, path, draft)
    {
        log::warn!("updating the library index failed: {}", err.kind());
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::model::FilingKind;

    #[test]
    fn drafts_are_listed_with_progress_and_damaged_ones_with_their_error() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let sample = crate::store::samples::sample(FilingKind::Unit).unwrap();
        draft_io::save_draft(
            &crate::store::sealed::Library::of_file(&dir.path().join("a.ron")),
            &sample,
            &dir.path().join("a.ron"),
        )
        .unwrap();
        std::fs::write(dir.path().join("b.ron"), "(not a draft").unwrap();
        let elsewhere = outside.path().join("elsewhere.ron");
        draft_io::save_draft(
            &crate::store::sealed::Library::of_file(&elsewhere),
            &sample,
            &elsewhere,
        )
        .unwrap();
        let list = load(
            &crate::store::sealed::Library::open(dir.path()),
            std::slice::from_ref(&elsewhere),
        );
        assert_eq!(list.entries.len(), 2);
        let good = &list.entries[0];
        assert_eq!(good.kind, FilingKind::Unit);
        assert!(good.progress > 0.5, "{}", good.progress);
        assert_eq!(good.name, sample.display_name());
        assert_eq!(list.path(0), Some(dir.path().join("a.ron").as_path()));
        assert_eq!(list.path(1), Some(elsewhere.as_path()));
        assert_eq!(list.damaged.len(), 1);
        assert!(list.damaged[0].0.ends_with("b.ron"));
    }

    #[test]
    fn delete_removes_the_draft_and_its_attachments_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let sample = crate::store::samples::sample(FilingKind::Unit).unwrap();
        let a = dir.path().join("a.ron");
        let b = dir.path().join("b.ron");
        for path in [&a, &b] {
            save_into(
                &crate::store::sealed::Library::open(dir.path()),
                path,
                &sample,
            )
            .unwrap();
            let store = crate::documents::store::Store::for_draft(
                &crate::store::sealed::Library::of_file(path),
                path,
            );
            std::fs::create_dir_all(store.dir()).unwrap();
            store.put(b"the same licence").unwrap();
        }
        delete(&crate::store::sealed::Library::open(dir.path()), &a).unwrap();
        assert!(!a.exists());
        assert!(!draft_io::attachment_dir(&a).exists());
        assert!(b.exists());
        let store_b = crate::documents::store::Store::for_draft(
            &crate::store::sealed::Library::of_file(&b),
            &b,
        );
        assert!(store_b.contains(&crate::documents::store::sha256_hex(b"the same licence")));
        let list = load(&crate::store::sealed::Library::open(dir.path()), &[]);
        assert_eq!(list.entries.len(), 1);
        assert_eq!(
            index::read(&crate::store::sealed::Library::open(dir.path()))
                .entries
                .len(),
            1
        );
    }

    #[test]
    fn a_new_website_draft_copies_the_subject_and_archiving_hides_the_original() {
        let dir = tempfile::tempdir().unwrap();
        let mut sample = crate::store::samples::sample(FilingKind::Unit).unwrap();
        sample.submission.issued_icp_number = "闽ICP备12345678号-1".into();
        let a = dir.path().join("a.ron");
        save_into(
            &crate::store::sealed::Library::open(dir.path()),
            &a,
            &sample,
        )
        .unwrap();
        let (next, next_path) =
            new_website_for(&crate::store::sealed::Library::open(dir.path()), &a).unwrap();
        assert_eq!(next.subject.name, sample.subject.name);
        assert_eq!(next.subject.icp_number, "闽ICP备12345678号");
        assert!(next_path.exists());
        set_archived(&crate::store::sealed::Library::open(dir.path()), &a, true).unwrap();
        let list = load(&crate::store::sealed::Library::open(dir.path()), &[]);
        assert_eq!(list.entries.len(), 2);
        let archived: Vec<bool> = list.entries.iter().map(|e| e.archived).collect();
        assert_eq!(archived.iter().filter(|a| **a).count(), 1);
        assert!(
            draft_io::load_draft(&crate::store::sealed::Library::of_file(&a), &a)
                .unwrap()
                .archived
        );
    }
}
