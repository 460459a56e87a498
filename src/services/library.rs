//! The start screen's list of saved drafts, from the library index (`services::index`),
//! brought up to date on a worker thread: only new or changed drafts are read and
//! validated, so that a library of thousands of drafts lists at once and never makes the
//! window stutter.

use std::path::{Path, PathBuf};

use super::error::JobError;
use super::index;
use crate::model::draft_io;
use crate::model::index::IndexEntry;

/// The drafts the start screen lists.
#[derive(Clone, Debug, Default)]
pub struct Library {
    /// One entry per readable draft (library folder first, then outside files).
    pub entries: Vec<IndexEntry>,
    /// The file of each entry (same positions as `entries`).
    pub paths: Vec<PathBuf>,
    /// Files that could not be read, with why.
    pub damaged: Vec<(PathBuf, JobError)>,
}

impl Library {
    /// The file of the entry at `position`.
    pub fn path(&self, position: usize) -> Option<&Path> {
        self.paths.get(position).map(PathBuf::as_path)
    }
}

/// Reads the library folder through its index and the outside files in `recent`
/// (summarised each time; there are at most a few). Runs on the library thread.
pub fn load(library: &Path, recent: &[PathBuf]) -> Library {
    let listing = index::refresh(library);
    let mut out = Library::default();
    for entry in listing.entries {
        out.paths.push(library.join(&entry.file));
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
                draft_io::load_draft(path)
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::model::FilingKind;

    #[test]
    fn drafts_are_listed_with_progress_and_damaged_ones_with_their_error() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let sample = crate::model::samples::sample(FilingKind::Unit).unwrap();
        draft_io::save_draft(&sample, &dir.path().join("a.ron")).unwrap();
        std::fs::write(dir.path().join("b.ron"), "(not a draft").unwrap();
        let elsewhere = outside.path().join("elsewhere.ron");
        draft_io::save_draft(&sample, &elsewhere).unwrap();
        let list = load(dir.path(), std::slice::from_ref(&elsewhere));
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
}
