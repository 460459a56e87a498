//! What can go wrong writing or reading a draft transfer file (see `transfer`), with
//! the message for users.

use std::path::PathBuf;

use crate::i18n::Locale;
use crate::store::draft_io::DraftIoError;

/// What went wrong writing or reading a transfer file.
#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    /// The file could not be opened or read at all.
    #[error("cannot read {path}: {source}")]
    Open {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The file is not a draft transfer file (not a zip, no manifest, another format).
    #[error("not a draft transfer file: {0}")]
    NotATransfer(String),
    /// The file was written by a newer beian.
    #[error(
        "written by a newer beian (transfer version {found}, this one reads up to {supported})"
    )]
    TooNew {
        /// Its version.
        found: u32,
        /// The newest version this beian reads.
        supported: u32,
    },
    /// More entries or more bytes than a transfer file may hold.
    #[error("too many or too large entries")]
    TooLarge,
    /// An entry's name could escape a folder or means different things on different systems.
    #[error("unsafe entry name {0:?}")]
    UnsafeName(String),
    /// An entry that the manifest does not list, or that has no place in a transfer file.
    #[error("unexpected entry {0}")]
    Unlisted(String),
    /// An entry the manifest lists, or an attachment the draft references, is absent.
    #[error("missing entry {0}")]
    Missing(String),
    /// An entry's content differs from what the manifest says (changed or truncated).
    #[error("{0} does not match the manifest")]
    Changed(String),
    /// An entry cannot be unpacked (the file is damaged or truncated).
    #[error("{0} cannot be unpacked")]
    Damaged(String),
    /// The draft inside is not a readable draft.
    #[error("the draft inside is unreadable: {0}")]
    BadDraft(DraftIoError),
    /// The draft's identifier cannot be a file name in the library.
    #[error("the draft identifier {0:?} is not usable")]
    UnsafeId(String),
    /// Exporting: an attachment the draft references is not in its store.
    #[error("attachment {sha256} cannot be read: {source}")]
    MissingAttachment {
        /// Its content hash.
        sha256: String,
        /// Why.
        source: std::io::Error,
    },
    /// Importing to replace: the library's draft is open at another desk, which would
    /// save over the imported one.
    #[error("the draft is open at {0}")]
    InUse(String),
    /// Exporting: the draft could not be read.
    #[error("cannot read the draft: {0}")]
    Source(DraftIoError),
    /// Exporting: the transfer file could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
}

impl TransferError {
    /// The i18n key of the message shown to the user.
    pub fn message_key(&self) -> &'static str {
        match self {
            TransferError::Open { .. } => "transfer.error.open",
            TransferError::NotATransfer(_) => "transfer.error.not_a_transfer",
            TransferError::TooNew { .. } => "transfer.error.too_new",
            TransferError::TooLarge => "transfer.error.too_large",
            TransferError::UnsafeName(_) => "transfer.error.unsafe_name",
            TransferError::Unlisted(_) => "transfer.error.unlisted",
            TransferError::Missing(_) => "transfer.error.missing",
            TransferError::Changed(_) => "transfer.error.changed",
            TransferError::Damaged(_) => "transfer.error.damaged",
            TransferError::BadDraft(_) => "transfer.error.bad_draft",
            TransferError::UnsafeId(_) => "transfer.error.unsafe_id",
            TransferError::MissingAttachment { .. } => "transfer.error.missing_attachment",
            TransferError::InUse(_) => "transfer.error.in_use",
            TransferError::Source(_) => "transfer.error.source",
            TransferError::Write { .. } => "transfer.error.write",
        }
    }

    /// Whether the file itself is unreadable, damaged or changed (as opposed to a failure
    /// on this computer while exporting).
    pub fn is_bad_file(&self) -> bool {
        !matches!(
            self,
            TransferError::MissingAttachment { .. }
                | TransferError::InUse(_)
                | TransferError::Source(_)
                | TransferError::Write { .. }
        )
    }

    /// The message in `locale`, naming the file or entry and the detail.
    pub fn user_message(&self, locale: Locale) -> String {
        let (path, detail) = match self {
            TransferError::Open { path, source } | TransferError::Write { path, source } => {
                (path.display().to_string(), source.to_string())
            }
            TransferError::NotATransfer(detail) => (String::new(), detail.clone()),
            TransferError::TooNew { found, .. } => (String::new(), found.to_string()),
            TransferError::TooLarge => (String::new(), String::new()),
            TransferError::UnsafeName(name)
            | TransferError::Unlisted(name)
            | TransferError::Missing(name)
            | TransferError::Changed(name)
            | TransferError::Damaged(name)
            | TransferError::UnsafeId(name)
            | TransferError::InUse(name) => (name.clone(), String::new()),
            TransferError::BadDraft(err) | TransferError::Source(err) => {
                (String::new(), err.user_message(locale))
            }
            TransferError::MissingAttachment { sha256, source } => {
                (sha256.clone(), source.to_string())
            }
        };
        crate::i18n::tf(
            locale,
            self.message_key(),
            &[("path", &path), ("detail", &detail)],
        )
    }
}
