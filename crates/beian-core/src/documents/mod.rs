//! Document files: telling their real format, reading them safely under memory limits,
//! measuring what reviewers care about, normalising them, and keeping them in a draft's
//! attachment store. No user interface here.

#![warn(clippy::string_slice, clippy::indexing_slicing)]

mod exif;
pub mod inspect;
pub mod limits;
pub mod normalize;
pub mod pdf;
pub mod sniff;
mod stats;
pub mod store;

pub use inspect::{InspectError, Measures, decode, inspect};
pub use normalize::{Normalized, Target, Turn, normalize};
pub use sniff::{FileFormat, sniff};
pub use store::Store;
