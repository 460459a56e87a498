//! The gate to export: only [`finalize`] makes a [`ValidatedFiling`], and only from a draft
//! with no errors and every warning acknowledged. The bundle writer takes nothing else, so
//! an unvalidated bundle cannot be made ("parse, don't validate").

use chrono::NaiveDate;

use super::{Report, Severity};
use crate::model::Draft;

/// A draft that passed every rule on a given day, with its report.
#[derive(Clone, Debug)]
pub struct ValidatedFiling {
    draft: Draft,
    report: Report,
    checked_on: NaiveDate,
}

impl ValidatedFiling {
    /// The filing.
    pub fn draft(&self) -> &Draft {
        &self.draft
    }

    /// The report it passed (warnings, all acknowledged, and notices).
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The day the rules were applied.
    pub fn checked_on(&self) -> NaiveDate {
        self.checked_on
    }
}

/// Why a draft cannot be exported yet.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{errors} errors and {unacknowledged} unacknowledged warnings block export")]
pub struct NotReady {
    /// Issues of severity error.
    pub errors: usize,
    /// Warnings the user has not acknowledged.
    pub unacknowledged: usize,
}

/// Checks `draft` as of `today` and, when nothing blocks export, seals it.
pub fn finalize_on(draft: &Draft, today: NaiveDate) -> Result<ValidatedFiling, NotReady> {
    let report = super::validate_on(draft, today);
    readiness(draft, &report)?;
    Ok(ValidatedFiling {
        draft: draft.clone(),
        report,
        checked_on: today,
    })
}

/// Checks `draft` as of today (local time) and seals it when nothing blocks export.
pub fn finalize(draft: &Draft) -> Result<ValidatedFiling, NotReady> {
    finalize_on(draft, chrono::Local::now().date_naive())
}

/// The export gate, in one place: whether `report` (of `draft`) lets the draft be sealed,
/// or what stops it. The review step asks this; [`finalize_on`] enforces it.
pub fn readiness(draft: &Draft, report: &Report) -> Result<(), NotReady> {
    let errors = report
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .count();
    let unacknowledged = unacknowledged_warnings(draft, report);
    if errors > 0 || unacknowledged > 0 {
        return Err(NotReady {
            errors,
            unacknowledged,
        });
    }
    Ok(())
}

/// How many warnings of `report` the draft has not acknowledged.
pub fn unacknowledged_warnings(draft: &Draft, report: &Report) -> usize {
    report
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Warning)
        // A warning that needs an answer (where a failing credit code was checked) is
        // not acknowledged by a tick; the answer turns it into a notice.
        .filter(|i| {
            i.code.needs_answer()
                || !draft
                    .review
                    .acknowledged_warnings
                    .contains(&i.acknowledgement())
        })
        .count()
}
