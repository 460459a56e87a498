//! Work that leaves the UI thread: the system file dialog (behind a trait, with a fake for
//! tests and demos) and the named worker threads that save, open and list drafts.

pub mod bundle;
pub mod clock;
pub mod credentials;
pub mod dialog;
pub mod dialog_probe;
pub mod in_app_dialog;
pub mod library;
pub mod picker;
pub mod workers;

// The jobs the command line runs too are the core's; the app runs them on its workers.
pub use beian_core::jobs::{
    JobError, documents, error, face, overview, reading, samples, staff, transfer,
};
pub use dialog::{FakeFileDialog, FileDialog, RfdFileDialog};
pub use in_app_dialog::AutoFileDialog;
pub use workers::{DraftSaver, Worker, WorkerEvent};
