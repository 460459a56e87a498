//! Reading and writing drafts: atomic writes readable by the owner only, schema checks and
//! migration, and setting damaged files aside so they are never overwritten.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::i18n::Locale;
use crate::model::draft::{CURRENT_SCHEMA_VERSION, Draft};
use crate::store::sealed::Library;

/// A draft file larger than this is not a draft (drafts are a few kilobytes; attachments
/// live beside them).
pub const MAX_DRAFT_BYTES: u64 = 8 * 1024 * 1024;

/// What went wrong reading or writing a draft.
#[derive(Debug, thiserror::Error)]
pub enum DraftIoError {
    /// The file could not be read (missing, no permission, a folder...).
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The file is too large to be a draft.
    #[error("{path} is {byte_len} bytes, too large to be a draft")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        byte_len: u64,
    },
    /// The file is not a readable draft (damaged, truncated, not RON, not UTF-8).
    #[error("{path} is not a readable draft: {detail}")]
    Malformed {
        /// The file.
        path: PathBuf,
        /// Where and why parsing failed.
        detail: String,
    },
    /// The draft was written by a newer beian with a layout this one does not know.
    #[error(
        "{path} was written by a newer beian (draft layout {found}, this version reads up to {supported})"
    )]
    TooNew {
        /// The file.
        path: PathBuf,
        /// The file's layout version.
        found: u32,
        /// The newest layout this version reads.
        supported: u32,
    },
    /// The draft could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The draft could not be turned into text (should not happen).
    #[error("cannot serialise the draft: {0}")]
    Serialize(String),
    /// The draft is encrypted and its library is locked (the staff passphrase opens it).
    #[error("{path} is encrypted and the library is locked")]
    Locked {
        /// The file.
        path: PathBuf,
    },
}

impl DraftIoError {
    /// The i18n key of the message shown to the user.
    pub fn message_key(&self) -> &'static str {
        match self {
            DraftIoError::Read { .. } => "error.draft.read",
            DraftIoError::TooLarge { .. } => "error.draft.too_large",
            DraftIoError::Malformed { .. } => "error.draft.malformed",
            DraftIoError::TooNew { .. } => "error.draft.too_new",
            DraftIoError::Write { .. } => "error.draft.write",
            DraftIoError::Serialize(_) => "error.draft.serialize",
            DraftIoError::Locked { .. } => "error.draft.locked",
        }
    }

    /// The message in `locale`, naming the file and the detail.
    pub fn user_message(&self, locale: Locale) -> String {
        let (path, detail) = match self {
            DraftIoError::Read { path, source } | DraftIoError::Write { path, source } => {
                (path.display().to_string(), source.to_string())
            }
            DraftIoError::TooLarge { path, byte_len } => {
                (path.display().to_string(), byte_len.to_string())
            }
            DraftIoError::Malformed { path, detail } => {
                (path.display().to_string(), detail.clone())
            }
            DraftIoError::TooNew { path, found, .. } => {
                (path.display().to_string(), found.to_string())
            }
            DraftIoError::Serialize(detail) => (String::new(), detail.clone()),
            DraftIoError::Locked { path } => (path.display().to_string(), String::new()),
        };
        crate::i18n::tf(
            locale,
            self.message_key(),
            &[("path", &path), ("detail", &detail)],
        )
    }

    /// Whether the file exists but cannot be used as a draft (so it must be set aside,
    /// never overwritten).
    pub fn is_damaged_file(&self) -> bool {
        matches!(
            self,
            DraftIoError::Malformed { .. } | DraftIoError::TooLarge { .. }
        )
    }
}

#[derive(Deserialize)]
struct VersionProbe {
    #[serde(default)]
    schema_version: u32,
}

/// Parses a draft from text, checking its layout version and migrating older layouts.
pub fn parse_draft(text: &str, path: &Path) -> Result<Draft, DraftIoError> {
    let malformed = |err: ron::error::SpannedError| DraftIoError::Malformed {
        path: path.to_owned(),
        detail: err.to_string(),
    };
    let probe: VersionProbe = ron::from_str(text).map_err(malformed)?;
    if probe.schema_version > CURRENT_SCHEMA_VERSION {
        return Err(DraftIoError::TooNew {
            path: path.to_owned(),
            found: probe.schema_version,
            supported: CURRENT_SCHEMA_VERSION,
        });
    }
    let mut draft: Draft = ron::from_str(text).map_err(malformed)?;
    migrate(&mut draft, probe.schema_version);
    Ok(draft)
}

/// Brings a draft read with layout `from` up to the current layout.
///
/// Layout 0 is a draft without `schema_version` (written before the field existed); its
/// fields are those of layout 1, filled with defaults where absent. Layouts before 2 had
/// no kind of filing: they were all 首次备案. Layouts before 3 had one face photo, which
/// becomes the first website responsible person's (the applicant's for a 个人 filing), and
/// one cloud service, which every website keeps using (a website without its own cloud
/// service uses the filing's).
fn migrate(draft: &mut Draft, from: u32) {
    if from < 2 {
        draft.filing.procedure = crate::model::Procedure::First;
    }
    if let Some(mut photo) = draft.materials.legacy_face_photo.take() {
        if let Some(first) = draft.face_persons().first() {
            photo.person = first.key.clone();
        }
        draft.materials.set_face_photo(photo);
    }
    if from < 1
        && draft.websites.iter().all(|w| !w.is_primary)
        && let Some(first) = draft.websites.first_mut()
    {
        first.is_primary = first.domain.is_empty() || first.domain == draft.filing.domain;
    }
    draft.schema_version = CURRENT_SCHEMA_VERSION;
}

/// Reads a draft file of `library` (decrypting it with the library's key when it is
/// sealed).
pub fn load_draft(library: &Library, path: &Path) -> Result<Draft, DraftIoError> {
    let read_err = |source| DraftIoError::Read {
        path: path.to_owned(),
        source,
    };
    let meta = fs::metadata(path).map_err(read_err)?;
    if meta.len() > MAX_DRAFT_BYTES {
        return Err(DraftIoError::TooLarge {
            path: path.to_owned(),
            byte_len: meta.len(),
        });
    }
    let bytes = fs::read(path).map_err(read_err)?;
    let bytes = match library.open_bytes(bytes) {
        Ok(bytes) => bytes,
        Err(crate::store::sealed::SealError::Locked) => {
            return Err(DraftIoError::Locked {
                path: path.to_owned(),
            });
        }
        Err(err) => return Err(read_err(err.into_io())),
    };
    let text = String::from_utf8(bytes).map_err(|e| DraftIoError::Malformed {
        path: path.to_owned(),
        detail: e.to_string(),
    })?;
    parse_draft(&text, path)
}

/// The text a draft is saved as.
pub fn draft_to_text(draft: &Draft) -> Result<String, DraftIoError> {
    let config = ron::ser::PrettyConfig::default().struct_names(false);
    ron::ser::to_string_pretty(draft, config).map_err(|e| DraftIoError::Serialize(e.to_string()))
}

/// Writes a draft of `library` atomically to `path` (encrypted when the library is
/// sealed).
pub fn save_draft(library: &Library, draft: &Draft, path: &Path) -> Result<(), DraftIoError> {
    let text = draft_to_text(draft)?;
    library
        .write(path, text.as_bytes())
        .map_err(|source| DraftIoError::Write {
            path: path.to_owned(),
            source,
        })
}

pub use crate::store::private_files::{create_private_dir, write_atomic};

/// Moves a damaged draft aside (`NAME.ron` → `NAME.ron.damaged-YYYYMMDD-HHMMSS`) so that
/// it is never overwritten and the user can start fresh. Returns the new path.
pub fn set_aside(path: &Path, now: DateTime<Utc>) -> std::io::Result<PathBuf> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "draft".to_owned());
    let mut target = path.with_file_name(format!("{name}.damaged-{}", now.format("%Y%m%d-%H%M%S")));
    let mut n = 1;
    while target.exists() {
        target = path.with_file_name(format!(
            "{name}.damaged-{}-{n}",
            now.format("%Y%m%d-%H%M%S")
        ));
        n += 1;
    }
    fs::rename(path, &target)?;
    Ok(target)
}

/// The attachment store of a draft: a folder beside the draft file, named after it.
pub fn attachment_dir(draft_path: &Path) -> PathBuf {
    let stem = draft_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "draft".to_owned());
    draft_path.with_file_name(format!("{stem}.files"))
}
