//! The filing draft and its parts, with no user interface: usable from the GUI, the CLI
//! and tests alike.

#![warn(clippy::string_slice, clippy::indexing_slicing)]

pub mod approval;
pub mod apps;
pub mod catalog;
pub mod declarations;
pub mod divisions;
pub mod document;
pub mod draft;
pub mod edit;
pub mod enums;
pub mod face;
pub mod facts;
pub mod field;
pub mod index;
pub mod issue_code;
pub mod kind_fields;
pub mod measures;
pub mod ocr_text;
pub mod person;
pub mod precheck;
pub mod read_fill;
pub mod readback;
pub mod review_times;
pub mod step;
pub mod timeline;
pub mod tracking;

pub use document::DocKind;
pub use draft::{Draft, Person, Website};
pub use enums::{
    CertType, CloudMode, FilingKind, HostNature, PreApprovalKind, Procedure, ProcedureAnswers,
    SubmissionState,
};
pub use facts::{CreditCodeCheck, DomainFacts};
pub use field::{Field, FieldKey, Scope};
pub use issue_code::{Acknowledgement, IssueCode};
pub use step::Step;
