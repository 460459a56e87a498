//! What a document file may be and how reading one fails: the limits on reading a file
//! (`assets/data/document_limits.ron`) and `InspectError`, shared by the inspection of
//! pictures (`inspect`, `stats`) and of PDFs (`pdf`).

use serde::Deserialize;

use crate::data::{self, Shipped, TableError};
use crate::i18n::Locale;
use crate::model::measures::FileFormat;

/// The limits on reading a file (`assets/data/document_limits.ron`).
#[derive(Clone, Debug, Deserialize)]
pub struct ReadLimits {
    /// Data edition.
    pub edition: String,
    /// Why these values.
    pub source: String,
    /// Files larger than this are refused without being decoded.
    pub max_file_bytes: u64,
    /// The most memory one decode may use.
    pub max_decode_bytes: u64,
    /// The most pixels an image may declare.
    pub max_pixels: u64,
    /// The longest side an image may declare, in pixels.
    pub max_side: u32,
    /// PDFs with more pages than this are refused.
    pub max_pdf_pages: usize,
}

static READ_LIMITS: Shipped<ReadLimits> = Shipped::new(data::DOCUMENT_LIMITS);

impl ReadLimits {
    /// The shipped limits; without them no file can be read safely.
    pub fn get() -> Result<&'static ReadLimits, InspectError> {
        READ_LIMITS
            .get()
            .map_err(|e| InspectError::Table(e.clone()))
    }
}

/// Why a file cannot be used at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InspectError {
    /// The file is empty.
    #[error("the file is empty")]
    Empty,
    /// The file is too large to be a document scan.
    #[error("the file is {byte_len} bytes, more than any scan needs")]
    TooLarge {
        /// Its size.
        byte_len: u64,
    },
    /// The bytes are not an image or PDF (whatever the name says).
    #[error("not an image or PDF")]
    NotADocument,
    /// An image format beian does not take.
    #[error("{0:?} files are not accepted")]
    Unsupported(FileFormat),
    /// The image declares more pixels than any document photo has (a decompression bomb).
    #[error("the image declares {width}×{height} pixels")]
    TooManyPixels {
        /// Declared width.
        width: u32,
        /// Declared height.
        height: u32,
    },
    /// The file is damaged: truncated, bad checksums, invalid data.
    #[error("the file is damaged: {0}")]
    Damaged(String),
    /// A table beian needs to read or judge documents could not be read, so no file is
    /// taken rather than one taken unchecked.
    #[error(transparent)]
    Table(TableError),
}

impl InspectError {
    /// The i18n key of the message shown to the user.
    pub fn message_key(&self) -> &'static str {
        match self {
            InspectError::Empty => "document.error.empty",
            InspectError::TooLarge { .. } => "document.error.too_large",
            InspectError::NotADocument => "document.error.not_a_document",
            InspectError::Unsupported(FileFormat::Heic) => "document.error.heic",
            InspectError::Unsupported(_) => "document.error.unsupported",
            InspectError::TooManyPixels { .. } => "document.error.too_many_pixels",
            InspectError::Damaged(_) => "document.error.damaged",
            InspectError::Table(_) => "document.error.table",
        }
    }

    /// The message in `locale`.
    pub fn user_message(&self, locale: Locale) -> String {
        let detail = match self {
            InspectError::TooLarge { byte_len } => format!("{:.1} MB", *byte_len as f64 / 1e6),
            InspectError::Unsupported(f) => f.display_name().to_owned(),
            InspectError::TooManyPixels { width, height } => format!("{width}×{height}"),
            InspectError::Damaged(d) => d.clone(),
            InspectError::Table(e) => e.table().to_owned(),
            _ => String::new(),
        };
        crate::i18n::tf(locale, self.message_key(), &[("detail", &detail)])
    }
}
