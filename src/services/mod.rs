//! Work that leaves the UI thread: the system file dialog (behind a trait, with a fake for
//! tests and demos) and the named worker threads that save, open and list drafts.

pub mod bundle;
pub mod clock;
pub mod credentials;
pub mod dialog;
pub mod dialog_probe;
pub mod documents;
pub mod error;
pub mod face;
pub mod in_app_dialog;
pub mod library;
pub mod overview;
pub mod picker;
pub mod reading;
pub mod samples;
pub mod staff;
pub mod transfer;
pub mod workers;

pub use dialog::{FakeFileDialog, FileDialog, RfdFileDialog};
pub use error::JobError;
pub use in_app_dialog::AutoFileDialog;
pub use workers::{DraftSaver, Worker, WorkerEvent};
