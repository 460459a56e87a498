//! The shipped sample filings (one personal, one unit), as data: complete drafts that
//! pass every rule, for demonstrations and tests. Their documents and face photo are
//! attached by `services::samples`.

use crate::model::{Draft, FilingKind};
use crate::store::draft_io::{self, DraftIoError};

/// The shipped sample filing of a kind.
pub fn sample(kind: FilingKind) -> Result<Draft, DraftIoError> {
    let (text, name) = match kind {
        FilingKind::Personal => (
            include_str!("../../../../assets/samples/sample-personal.ron"),
            "sample-personal.ron",
        ),
        FilingKind::Unit => (
            include_str!("../../../../assets/samples/sample-unit.ron"),
            "sample-unit.ron",
        ),
    };
    draft_io::parse_draft(text, std::path::Path::new(name))
}
