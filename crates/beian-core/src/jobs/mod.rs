//! Work the window and the command line both do, off the window's thread: importing and
//! normalising documents, face photos from files, the shipped samples, moving drafts
//! between computers, the daily overview, the staff key's jobs, reading documents' text;
//! and [`JobError`], how they fail. No window here: the app runs these on its named
//! worker threads and shows their errors in the user's language.

pub mod documents;
pub mod error;
pub mod face;
pub mod overview;
pub mod reading;
pub mod samples;
pub mod staff;
pub mod transfer;

pub use error::{AppError, JobError};
