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
