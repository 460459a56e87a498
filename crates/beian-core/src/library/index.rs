//! Keeping the library index (`model::index`) true to the drafts on disk.
//!
//! The index is `.index` in the library folder (JSON: it parses several times faster
//! than RON, and the first list at start-up is mostly parsing), written atomically (beside, then
//! renamed) under an exclusive lock on `.index.lock`, so that two desks saving into one
//! shared folder never lose each other's entries: each reads the newest index, changes
//! its own entry and writes it back while holding the lock.
//!
//! It stays correct when drafts change outside beian because every entry carries the
//! size and modification time of its file: [`refresh`] lists the folder (one directory
//! read and one `stat` per file, no draft is opened), keeps the entries whose file is
//! unchanged, re-reads only the drafts that are new or changed, drops the entries of
//! files that are gone, and writes the index back when anything differed. A missing or
//! unreadable index, or one of another layout, is rebuilt from the drafts.

use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use crate::model::Draft;
use crate::model::index::{FileStamp, INDEX_FORMAT, IndexEntry, IndexFile};
use crate::store::draft_io::{self, DraftIoError};
use crate::store::sealed::Library;

/// The index file's name in the library folder.
pub const INDEX_FILE: &str = ".index";
/// The lock file's name in the library folder.
pub const LOCK_FILE: &str = ".index.lock";

/// A draft file that could not be read (listed with its error, never indexed).
#[derive(Debug)]
pub struct Unreadable {
    /// The file.
    pub path: PathBuf,
    /// Why.
    pub error: DraftIoError,
}

/// What [`refresh`] found.
#[derive(Debug, Default)]
pub struct Listing {
    /// One entry per readable draft, in file-name order.
    pub entries: Vec<IndexEntry>,
    /// Draft files that could not be read.
    pub unreadable: Vec<Unreadable>,
    /// How many drafts had to be read (new, changed, or every one when rebuilt).
    pub drafts_read: usize,
    /// The draft files that have a lock file beside them (open at some desk).
    pub locked: Vec<String>,
}

/// The size and modification time of `path`.
pub fn stamp(path: &Path) -> io::Result<FileStamp> {
    let meta = fs::metadata(path)?;
    let modified_ns = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    Ok(FileStamp {
        len: meta.len(),
        modified_ns,
    })
}

/// The entry of `draft` stored at `path` with `stamp` (validates it: call on a worker).
pub fn summarise(path: &Path, stamp: FileStamp, draft: &Draft) -> IndexEntry {
    let report = crate::rules::validate(draft);
    let is_ready = crate::rules::readiness(draft, &report).is_ok();
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    IndexEntry::new(file, stamp, draft, report.progress(), is_ready)
}

/// Reads the index of `library` as it is on disk (empty when missing, damaged or of
/// another layout).
pub fn read(library: &Library) -> IndexFile {
    let Ok(bytes) = library.read(&library.dir().join(INDEX_FILE)) else {
        return IndexFile::default();
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return IndexFile::default();
    };
    match serde_json::from_str::<IndexFile>(&text) {
        Ok(index) if index.format == INDEX_FORMAT => index,
        Ok(_) => IndexFile::default(),
        Err(err) => {
            log::warn!(
                "library index unreadable, rebuilding it: {:?}",
                err.classify()
            );
            IndexFile::default()
        }
    }
}

fn write(library: &Library, index: &IndexFile) -> io::Result<()> {
    let text = serde_json::to_string(index).map_err(io::Error::other)?;
    library.write(&library.dir().join(INDEX_FILE), text.as_bytes())
}

/// Holds the index lock of a library folder until dropped.
struct IndexLock(File);

impl IndexLock {
    fn take(library: &Path) -> io::Result<IndexLock> {
        let mut options = OpenOptions::new();
        options.create(true).truncate(false).write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            // Like every file of the library: readable by its owner only.
            options.mode(0o600);
        }
        let file = options.open(library.join(LOCK_FILE))?;
        file.lock()?;
        Ok(IndexLock(file))
    }
}

impl Drop for IndexLock {
    fn drop(&mut self) {
        if let Err(err) = self.0.unlock() {
            log::warn!("releasing the library index lock failed: {err}");
        }
    }
}

/// The draft files of `library` with their stamps, in file-name order, and the names of
/// the drafts that have a lock file (found in the same directory read).
fn draft_files(library: &Path) -> (Vec<(String, PathBuf, FileStamp)>, Vec<String>) {
    let Ok(dir) = fs::read_dir(library) else {
        return (Vec::new(), Vec::new());
    };
    let mut locked = Vec::new();
    let mut files: Vec<(String, PathBuf, FileStamp)> = dir
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if let Some(stem) = name.strip_suffix(".lock")
                && !name.starts_with('.')
            {
                locked.push(format!("{stem}.ron"));
                return None;
            }
            let is_draft = name.ends_with(".ron") && !name.starts_with('.');
            let meta = e.metadata().ok().filter(|m| m.is_file() && is_draft)?;
            let modified_ns = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            let stamp = FileStamp {
                len: meta.len(),
                modified_ns,
            };
            Some((name, e.path(), stamp))
        })
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    (files, locked)
}

/// Brings the index of `library` up to date with its drafts and returns the entries
/// (see the module documentation). Runs on a worker thread.
pub fn refresh(library: &Library) -> Listing {
    crate::store::leftovers::remove_leftover_temp_files(library.dir());
    if library.needs_unlock() {
        // Nothing can be read (and nothing must be rebuilt) until the staff unlocks.
        return Listing::default();
    }
    let mut known: HashMap<String, IndexEntry> = read(library)
        .entries
        .into_iter()
        .map(|e| (e.file.clone(), e))
        .collect();
    let (files, locked) = draft_files(library.dir());
    let mut listing = Listing {
        locked,
        ..Listing::default()
    };
    let mut fresh = Vec::new();
    for (name, path, stamp) in files {
        match known.remove(&name) {
            Some(entry) if entry.stamp == stamp => listing.entries.push(entry),
            _ => {
                listing.drafts_read += 1;
                match draft_io::load_draft(library, &path) {
                    Ok(draft) => {
                        let entry = summarise(&path, stamp, &draft);
                        fresh.push(entry.clone());
                        listing.entries.push(entry);
                    }
                    Err(error) => listing.unreadable.push(Unreadable { path, error }),
                }
            }
        }
    }
    // What is left of the old index are the files that are gone.
    let gone: Vec<String> = known.into_keys().collect();
    if (!fresh.is_empty() || !gone.is_empty()) && library.dir().is_dir() {
        // Another desk may have written the index meanwhile: under the lock, start from
        // the index on disk and change only what this refresh found.
        let result = IndexLock::take(library.dir()).and_then(|_lock| {
            let mut index = read(library);
            index.format = INDEX_FORMAT;
            let replaced: std::collections::HashSet<&str> = gone
                .iter()
                .map(String::as_str)
                .chain(fresh.iter().map(|f| f.file.as_str()))
                .collect();
            index
                .entries
                .retain(|e| !replaced.contains(e.file.as_str()));
            index.entries.extend(fresh);
            write(library, &index)
        });
        if let Err(err) = result {
            log::warn!("writing the library index failed: {err}");
        }
    }
    listing
}

/// Records in the index of `library` that `draft` was just saved at `path` (the saver
/// thread calls this after each save into the library). Other entries are kept as the
/// index on disk has them, under the lock, so concurrent saves from other processes are
/// not lost.
pub fn note_saved(library: &Library, path: &Path, draft: &Draft) -> io::Result<()> {
    if library.needs_unlock() {
        // The index cannot be read while the library is locked; the next listing after
        // unlocking notices the changed draft by its file stamp.
        return Ok(());
    }
    let stamp = stamp(path)?;
    let entry = summarise(path, stamp, draft);
    let _lock = IndexLock::take(library.dir())?;
    let mut index = read(library);
    index.format = INDEX_FORMAT;
    index.entries.retain(|e| e.file != entry.file);
    index.entries.push(entry);
    write(library, &index)
}

/// Removes the entry of the draft file `path` from the index of `library`.
pub fn note_removed(library: &Library, path: &Path) -> io::Result<()> {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Ok(());
    };
    if library.needs_unlock() {
        return Ok(());
    }
    let _lock = IndexLock::take(library.dir())?;
    let mut index = read(library);
    let before = index.entries.len();
    index.entries.retain(|e| e.file != name);
    if index.entries.len() == before {
        return Ok(());
    }
    write(library, &index)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::model::FilingKind;
    use crate::store::draft_io::save_draft;

    fn sample(kind: FilingKind, name: &str) -> Draft {
        let mut draft = crate::store::samples::sample(kind).unwrap();
        draft.subject.name = name.into();
        draft
    }

    #[test]
    fn a_missing_index_is_rebuilt_and_then_reused_without_reading_drafts() {
        let dir = tempfile::tempdir().unwrap();
        save_draft(
            &crate::store::sealed::Library::of_file(&dir.path().join("a.ron")),
            &sample(FilingKind::Unit, "甲公司"),
            &dir.path().join("a.ron"),
        )
        .unwrap();
        save_draft(
            &crate::store::sealed::Library::of_file(&dir.path().join("b.ron")),
            &sample(FilingKind::Personal, "乙"),
            &dir.path().join("b.ron"),
        )
        .unwrap();
        fs::write(dir.path().join("c.ron"), "(not a draft").unwrap();
        let first = refresh(&crate::store::sealed::Library::open(dir.path()));
        assert_eq!(first.entries.len(), 2);
        assert_eq!(first.unreadable.len(), 1);
        assert_eq!(first.drafts_read, 3);
        assert!(dir.path().join(INDEX_FILE).exists());
        let second = refresh(&crate::store::sealed::Library::open(dir.path()));
        assert_eq!(second.entries, first.entries);
        // Only the damaged file is read again (it has no entry).
        assert_eq!(second.drafts_read, 1);
    }

    #[test]
    fn a_draft_changed_or_removed_outside_beian_is_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.ron");
        save_draft(
            &crate::store::sealed::Library::of_file(&a),
            &sample(FilingKind::Unit, "甲公司"),
            &a,
        )
        .unwrap();
        save_draft(
            &crate::store::sealed::Library::of_file(&dir.path().join("b.ron")),
            &sample(FilingKind::Unit, "丙公司"),
            &dir.path().join("b.ron"),
        )
        .unwrap();
        refresh(&crate::store::sealed::Library::open(dir.path()));
        // Another program rewrites a.ron with a longer name (size and time change).
        save_draft(
            &crate::store::sealed::Library::of_file(&a),
            &sample(FilingKind::Unit, "甲乙丙丁有限公司"),
            &a,
        )
        .unwrap();
        let listing = refresh(&crate::store::sealed::Library::open(dir.path()));
        assert_eq!(listing.drafts_read, 1);
        assert!(listing.entries.iter().any(|e| e.name == "甲乙丙丁有限公司"));
        fs::remove_file(&a).unwrap();
        let listing = refresh(&crate::store::sealed::Library::open(dir.path()));
        assert_eq!(listing.entries.len(), 1);
        assert_eq!(
            read(&crate::store::sealed::Library::open(dir.path()))
                .entries
                .len(),
            1
        );
    }

    #[test]
    fn a_damaged_index_is_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        save_draft(
            &crate::store::sealed::Library::of_file(&dir.path().join("a.ron")),
            &sample(FilingKind::Unit, "甲公司"),
            &dir.path().join("a.ron"),
        )
        .unwrap();
        fs::write(dir.path().join(INDEX_FILE), "garbage(").unwrap();
        let listing = refresh(&crate::store::sealed::Library::open(dir.path()));
        assert_eq!(listing.entries.len(), 1);
        assert_eq!(
            read(&crate::store::sealed::Library::open(dir.path()))
                .entries
                .len(),
            1
        );
    }

    #[test]
    fn saving_updates_only_its_own_entry() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.ron");
        let b = dir.path().join("b.ron");
        let draft_a = sample(FilingKind::Unit, "甲公司");
        save_draft(&crate::store::sealed::Library::of_file(&a), &draft_a, &a).unwrap();
        note_saved(
            &crate::store::sealed::Library::open(dir.path()),
            &a,
            &draft_a,
        )
        .unwrap();
        let draft_b = sample(FilingKind::Personal, "乙");
        save_draft(&crate::store::sealed::Library::of_file(&b), &draft_b, &b).unwrap();
        note_saved(
            &crate::store::sealed::Library::open(dir.path()),
            &b,
            &draft_b,
        )
        .unwrap();
        let index = read(&crate::store::sealed::Library::open(dir.path()));
        assert_eq!(index.entries.len(), 2);
        // The index is fresh: a refresh reads no draft.
        assert_eq!(
            refresh(&crate::store::sealed::Library::open(dir.path())).drafts_read,
            0
        );
        note_removed(&crate::store::sealed::Library::open(dir.path()), &a).unwrap();
        assert_eq!(
            read(&crate::store::sealed::Library::open(dir.path()))
                .entries
                .len(),
            1
        );
    }
}
