//! The signed bundle: one deterministic zip holding one BagIt bag (RFC 8493) whose tag
//! manifest is signed with minisign. The tag manifest pins `bagit.txt`, `bag-info.txt`,
//! `manifest-sha256.txt` (which pins every payload file) and `applicant.pub`, so one
//! signature covers the whole bundle, and it survives unzip and re-zip. A receiver checks
//! it with standard tools alone: `unzip`, `minisign -V` and `bagit.py --validate`.
//!
//! ```text
//! icp-<id>.zip
//! └── icp-<id>/
//!     applicant.pub  bag-info.txt  bagit.txt
//!     countersignatures/<KEY ID>.minisig, <KEY ID>.pub   (help desk, added later)
//!     data/application.ron  data/application.json  data/summary.html
//!     data/photo/<n>-face.jpg  data/photo/<n>-checks.ron (one per person)  data/documents/...
//!     manifest-sha256.txt  tagmanifest-sha256.txt  tagmanifest-sha256.txt.minisig
//! ```
//!
//! Nothing here draws: [`write::export`] and [`verify::verify`] are used by the
//! application, the command line and the tests alike.

#![warn(clippy::string_slice, clippy::indexing_slicing)]

pub mod application;
pub mod bag;
mod entries;
pub mod keys;
pub mod limits;
mod problem;
pub mod safety;
pub mod summary;
pub mod transfer;
mod transfer_error;
pub mod verification;
pub mod verify;
pub mod write;

pub use application::{Application, BundledFile};
pub use keys::{KeyError, KeyFiles, KeyId, Role, Signer, TrustedKey, TrustedKeys};
pub use verify::{Check, CheckKind, Problem, Verification, verify};
pub use write::{ExportError, Exported, Progress, countersign, export};

/// The first word of every trusted comment beian writes: format and version.
pub const SIGNATURE_CONTEXT: &str = "icp-bundle/1";
