//! The checks a filing bureau would make, as pure functions over a [`Draft`].
//!
//! [`validate`] returns a [`Report`]: every issue with the field it belongs to, a stable
//! code, a severity and the arguments of its message. The UI shows issues beside their
//! fields and on the review step; the CLI prints them. Nothing here knows about egui.

mod report;
mod required;

pub use report::{Issue, Report, Severity, StepStatus};

use crate::model::Draft;

/// Checks the whole draft.
pub fn validate(draft: &Draft) -> Report {
    let mut report = Report::default();
    required::check(draft, &mut report);
    report.finish(draft);
    report
}
