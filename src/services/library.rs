//! The start screen's list of saved drafts, read and summarised on a worker thread: each
//! draft is loaded and validated there, so that a library of hundreds of drafts never
//! makes the window stutter.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::error::JobError;
use crate::model::FilingKind;
use crate::model::storage::{LibraryEntry, list_drafts};

/// What the start screen shows of a saved draft.
#[derive(Clone, Debug)]
pub struct LibrarySummary {
    /// The file.
    pub path: PathBuf,
    /// Applicant name (may be empty).
    pub name: String,
    /// The primary domain (may be empty).
    pub domain: String,
    /// 个人 or 单位.
    pub kind: Option<FilingKind>,
    /// Last change.
    pub updated_at: Option<DateTime<Utc>>,
    /// Share of required fields filled.
    pub progress: f32,
    /// Why the file cannot be opened.
    pub error: Option<JobError>,
}

impl LibrarySummary {
    /// Summarises a library entry (validation is pure, but it is not free: call it on
    /// the library thread, never while drawing).
    pub fn from_entry(entry: LibraryEntry) -> LibrarySummary {
        match entry.draft {
            Ok(draft) => LibrarySummary {
                name: draft.display_name().to_owned(),
                domain: draft.filing.domain.trim().to_owned(),
                kind: Some(draft.filing.kind),
                updated_at: draft.updated_at,
                progress: crate::rules::validate(&draft).progress(),
                error: None,
                path: entry.path,
            },
            Err(err) => LibrarySummary {
                name: String::new(),
                domain: String::new(),
                kind: None,
                updated_at: None,
                progress: 0.0,
                error: Some(err.into()),
                path: entry.path,
            },
        }
    }
}

/// Reads every draft of the library folder and the outside files in `recent`, and
/// summarises each, newest change first (runs on the library thread).
pub fn summaries(library: &Path, recent: &[PathBuf]) -> Vec<LibrarySummary> {
    list_drafts(library, recent)
        .into_iter()
        .map(LibrarySummary::from_entry)
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn drafts_are_summarised_with_progress_and_damaged_ones_with_their_error() {
        let dir = tempfile::tempdir().unwrap();
        let sample = crate::model::samples::sample(FilingKind::Unit).unwrap();
        crate::model::draft_io::save_draft(&sample, &dir.path().join("a.ron")).unwrap();
        std::fs::write(dir.path().join("b.ron"), "(not a draft").unwrap();
        let list = summaries(dir.path(), &[]);
        assert_eq!(list.len(), 2);
        let good = list.iter().find(|s| s.error.is_none()).unwrap();
        assert_eq!(good.kind, Some(FilingKind::Unit));
        assert!(good.progress > 0.5, "{}", good.progress);
        assert_eq!(good.name, sample.display_name());
        let damaged = list.iter().find(|s| s.error.is_some()).unwrap();
        assert!(damaged.path.ends_with("b.ron"));
    }
}
