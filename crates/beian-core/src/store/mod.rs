//! Files on disk: the data folder and preferences, drafts read and written atomically,
//! encryption at rest of a library, the owner-only file helpers, leftovers of
//! interrupted writes, and the folder listing the own file picker shows.

pub mod draft_io;
pub mod file_choice;
pub mod leftovers;
pub mod private_files;
pub mod samples;
pub mod sealed;
pub mod storage;
