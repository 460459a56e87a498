//! What can go wrong in a job that runs off the window's thread (or in the command line),
//! kept typed until it is drawn.
//!
//! A message frozen into a `String` would not follow a language switch, so jobs return a
//! [`JobError`] that wraps the typed error of the module that failed, and whatever shows
//! it calls [`JobError::user_message`] with the reader's language. Errors of the app's own
//! devices and stores (the camera, the system's credential store), which the core does
//! not know, come in as [`AppError`]s.

use std::sync::Arc;

use super::documents::ImportError;
use crate::bundle::{ExportError, KeyError, Problem};
use crate::documents::InspectError;
use crate::i18n::Locale;
use crate::i18n::{t, tf};
use crate::rules::NotReady;
use crate::store::draft_io::DraftIoError;
use crate::vision::DetectorError;

/// An error of the app's own (a device, a system store) that a job can fail with: it says
/// what happened in the reader's language, and names its kind for logs.
pub trait AppError: std::error::Error + std::fmt::Debug + Send + Sync + 'static {
    /// The message in `locale`.
    fn user_message(&self, locale: Locale) -> String;
    /// What failed, for logs: never a path or a value the user typed.
    fn kind(&self) -> &'static str;
}

/// Why a background job failed. Cheap to clone: errors that own I/O errors are shared.
#[derive(Clone, Debug)]
pub enum JobError {
    /// A document could not be read, checked or stored.
    Import(Arc<ImportError>),
    /// A file is not a usable picture or document.
    Inspect(InspectError),
    /// A draft file could not be read or written.
    Draft(Arc<DraftIoError>),
    /// Writing or countersigning a bundle failed.
    Export(Arc<ExportError>),
    /// A signing key could not be made, read or unlocked.
    Key(Arc<KeyError>),
    /// A device or store of the app failed (the camera, the system's credential store).
    App(Arc<dyn AppError>),
    /// A received bundle did not hold what it claims.
    Bundle(Problem),
    /// The face detector could not run.
    Detector(Arc<DetectorError>),
    /// The draft has errors or unacknowledged warnings, so it cannot be sealed.
    NotReady(NotReady),
    /// No password was typed and the credential store holds none.
    NoPassword,
    /// The remembered password no longer opens the key (it was forgotten).
    StalePassword,
    /// A file could not be written while making a bundle or a draft from one.
    Write(Arc<std::io::Error>),
    /// A chosen file could not be read.
    Read(Arc<std::io::Error>),
    /// The face photo could not be encoded (with the encoder's error).
    Encode(crate::cause::Cause),
    /// A draft transfer file could not be written, read or verified.
    Transfer(Arc<crate::bundle::transfer::TransferError>),
    /// Text recognition could not run on a document.
    Ocr(Arc<crate::vision::ocr::OcrError>),
    /// A background job stopped on an internal error (a defect, caught).
    Internal,
}

impl JobError {
    /// The message in `locale`.
    pub fn user_message(&self, locale: Locale) -> String {
        let detail = |d: &dyn std::fmt::Display| d.to_string();
        match self {
            JobError::Import(e) => e.user_message(locale),
            JobError::Inspect(e) => e.user_message(locale),
            JobError::Draft(e) => e.user_message(locale),
            JobError::Export(e) => e.user_message(locale),
            JobError::Key(e) => e.user_message(locale),
            JobError::App(e) => e.user_message(locale),
            JobError::Bundle(p) => p.user_message(locale),
            JobError::Detector(e) => tf(locale, "face.error.detector", &[("detail", &detail(e))]),
            JobError::NotReady(n) => tf(
                locale,
                "export.not_ready",
                &[
                    ("errors", &n.errors.to_string()),
                    ("warnings", &n.unacknowledged.to_string()),
                    ("declarations", &n.declarations.len().to_string()),
                ],
            ),
            JobError::NoPassword => t(locale, "export.no_password").into_owned(),
            JobError::StalePassword => t(locale, "export.stale_password").into_owned(),
            JobError::Write(e) => tf(locale, "export.error.io", &[("detail", &detail(e))]),
            JobError::Read(e) => tf(locale, "document.error.read", &[("detail", &detail(e))]),
            JobError::Encode(d) => tf(locale, "face.error.encode", &[("detail", &detail(d))]),
            JobError::Transfer(e) => e.user_message(locale),
            JobError::Ocr(e) => tf(locale, "reading.error", &[("detail", &detail(e))]),
            JobError::Internal => t(locale, "job.error.internal").into_owned(),
        }
    }
}

/// For logs: the kind of failure only, never a path or a value the user typed.
impl std::fmt::Display for JobError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self {
            JobError::Import(_) => "import",
            JobError::Inspect(_) => "inspect",
            JobError::Draft(_) => "draft file",
            JobError::Export(_) => "export",
            JobError::Key(_) => "signing key",
            JobError::App(e) => e.kind(),
            JobError::Bundle(_) => "bundle",
            JobError::Detector(_) => "face detector",
            JobError::NotReady(_) => "not ready",
            JobError::NoPassword => "no password",
            JobError::StalePassword => "stale password",
            JobError::Write(e) | JobError::Read(e) => return write!(f, "i/o: {}", e.kind()),
            JobError::Encode(_) => "encode",
            JobError::Transfer(_) => "transfer file",
            JobError::Ocr(_) => "text recognition",
            JobError::Internal => "internal error",
        };
        f.write_str(kind)
    }
}

macro_rules! from_shared {
    ($($error:ty => $variant:ident),+ $(,)?) => {
        $(impl From<$error> for JobError {
            fn from(e: $error) -> JobError {
                JobError::$variant(Arc::new(e))
            }
        })+
    };
}

from_shared! {
    ImportError => Import,
    DraftIoError => Draft,
    ExportError => Export,
    KeyError => Key,
    DetectorError => Detector,
    crate::bundle::transfer::TransferError => Transfer,
    crate::vision::ocr::OcrError => Ocr,
}

macro_rules! from_plain {
    ($($error:ty => $variant:ident),+ $(,)?) => {
        $(impl From<$error> for JobError {
            fn from(e: $error) -> JobError {
                JobError::$variant(e)
            }
        })+
    };
}

from_plain! {
    InspectError => Inspect,
    Problem => Bundle,
    NotReady => NotReady,
}
