//! The checks a filing bureau would make, as pure functions over a [`Draft`].
//!
//! [`validate`] returns a [`Report`]: every issue with the field it belongs to, a stable
//! code, a severity and the arguments of its message. The UI shows issues beside their
//! fields and on the review step; the CLI prints them. Nothing here knows about egui.
//! The single-value checks (`ids`, `contacts`, `domains`, `names`) also serve
//! `beian validate`. Rules that change are data in `assets/data/` ([`data`]).

#![warn(clippy::string_slice, clippy::indexing_slicing)]

pub mod arg;
pub mod contacts;
pub mod data;
pub mod domains;
mod filing;
mod finalize;
pub mod finding;
pub mod ids;
pub mod materials;
pub mod names;
pub mod people;
mod report;
mod required;
pub mod text;

use chrono::NaiveDate;

pub use crate::model::IssueCode;
pub use arg::{Arg, Args};
pub use finalize::{
    NotReady, ValidatedFiling, finalize, finalize_on, readiness, unacknowledged_warnings,
};
pub use finding::{Finding, Findings};
pub use report::{Issue, Report, Severity, StepStatus};

use crate::model::Draft;

/// Checks the whole draft as of today (local time).
pub fn validate(draft: &Draft) -> Report {
    validate_on(draft, chrono::Local::now().date_naive())
}

/// Checks the whole draft as of `today` (validity periods and ages depend on it).
pub fn validate_on(draft: &Draft, today: NaiveDate) -> Report {
    let tables = data::Tables::get();
    let mut report = Report::default();
    required::check(draft, &mut report);
    let skip = text::check(draft, &mut report);
    let province = draft.filing.province.get(..2).unwrap_or_default();
    let ctx = people::Ctx {
        today,
        tables,
        province,
        city: &draft.filing.city,
    };
    filing::check(draft, &mut report, &ctx, &skip);
    materials::check(draft, &mut report);
    report.finish(draft);
    report
}
