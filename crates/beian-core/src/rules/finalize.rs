//! The gate to export: only [`finalize`] makes a [`ValidatedFiling`], and only from a draft
//! with no errors and every warning acknowledged. The bundle writer takes nothing else, so
//! an unvalidated bundle cannot be made ("parse, don't validate").

use chrono::NaiveDate;

use super::{Report, Severity};
use crate::model::declarations::{self, DeclarationKind, DeclarationStatus};
use crate::model::{Draft, IssueCode};

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
#[error(
    "{errors} errors, {unacknowledged} unacknowledged warnings and {} declarations not made block export",
    declarations.len()
)]
pub struct NotReady {
    /// Issues of severity error.
    pub errors: usize,
    /// Warnings the user has not acknowledged.
    pub unacknowledged: usize,
    /// The declarations not made for the filing as it is
    /// ([`IssueCode::DeclarationMissing`], or [`IssueCode::DeclarationChanged`] when the
    /// filing changed after one was made).
    pub declarations: Vec<(DeclarationKind, IssueCode)>,
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
/// or what stops it (errors, unacknowledged warnings, declarations not made). The review step asks this; [`finalize_on`] enforces it.
pub fn readiness(draft: &Draft, report: &Report) -> Result<(), NotReady> {
    let errors = report
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .count();
    let unacknowledged = unacknowledged_warnings(draft, report);
    let declarations = undeclared(draft);
    if errors > 0 || unacknowledged > 0 || !declarations.is_empty() {
        return Err(NotReady {
            errors,
            unacknowledged,
            declarations,
        });
    }
    Ok(())
}

/// The declarations that stop export: each required one not made, or made before the
/// filing last changed, with the code that says which.
pub fn undeclared(draft: &Draft) -> Vec<(DeclarationKind, IssueCode)> {
    declarations::outstanding(draft)
        .into_iter()
        .map(|(kind, status)| {
            let code = match status {
                DeclarationStatus::Changed => IssueCode::DeclarationChanged,
                DeclarationStatus::Missing | DeclarationStatus::Current => {
                    IssueCode::DeclarationMissing
                }
            };
            (kind, code)
        })
        .collect()
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::FilingKind;
    use crate::model::declarations::declare;

    /// The unit sample without its sample declarations; its documents are attached only
    /// by `services::samples`, so the gate is asked with a report of no issues.
    fn undeclared_sample() -> Draft {
        let mut d = crate::store::samples::sample(FilingKind::Unit).unwrap();
        d.review.declarations.clear();
        d
    }

    #[test]
    fn export_waits_for_every_declaration() {
        let clean = Report::default();
        let mut d = undeclared_sample();
        let err = readiness(&d, &clean).unwrap_err();
        assert_eq!((err.errors, err.unacknowledged), (0, 0));
        assert_eq!(err.declarations.len(), 3);
        assert!(
            err.declarations
                .iter()
                .all(|(_, c)| *c == IssueCode::DeclarationMissing)
        );
        let now = chrono::Utc::now();
        declare(&mut d, DeclarationKind::Truthful, "李四", None, now);
        declare(&mut d, DeclarationKind::Terms, "李四", None, now);
        let err = readiness(&d, &clean).unwrap_err();
        assert_eq!(
            err.declarations,
            vec![(DeclarationKind::Consent, IssueCode::DeclarationMissing)]
        );
        declare(&mut d, DeclarationKind::Consent, "李四", None, now);
        assert!(readiness(&d, &clean).is_ok());
    }

    #[test]
    fn a_change_after_declaring_asks_again() {
        let clean = Report::default();
        let mut d = undeclared_sample();
        let now = chrono::Utc::now();
        for k in DeclarationKind::ALL {
            declare(&mut d, *k, "李四", None, now);
        }
        assert!(readiness(&d, &clean).is_ok());
        d.subject.remark = "已变更".into();
        let err = readiness(&d, &clean).unwrap_err();
        assert_eq!(err.declarations.len(), 3);
        assert!(
            err.declarations
                .iter()
                .all(|(_, c)| *c == IssueCode::DeclarationChanged)
        );
        // A personal filing has no one else to ask.
        let mut p = crate::store::samples::sample(FilingKind::Personal).unwrap();
        p.review.declarations.clear();
        declare(&mut p, DeclarationKind::Truthful, "张三", None, now);
        declare(&mut p, DeclarationKind::Terms, "张三", None, now);
        assert!(readiness(&p, &clean).is_ok());
    }
}
