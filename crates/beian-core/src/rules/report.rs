//! The result of checking a draft: issues, per-step status and overall progress.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::arg::Args;
use crate::i18n::Locale;
use crate::model::{Draft, FieldKey, IssueCode, Step};

pub use super::finding::Severity;

/// One problem found in the draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// The field it belongs to.
    pub field: FieldKey,
    /// What was found.
    pub code: IssueCode,
    /// How serious it is.
    pub severity: Severity,
    /// Values for the message's placeholders (never shown in logs).
    pub args: Args,
}

impl Issue {
    /// The message in `locale`, with the field's name and the arguments filled in.
    pub fn message(&self, locale: Locale) -> String {
        super::arg::message(locale, self.code, &self.field.label(locale), &self.args)
    }

    /// Whether the issue only says that something required is missing.
    pub fn is_missing(&self) -> bool {
        self.code.is_missing()
    }

    /// The acknowledgement that lets this warning through.
    pub fn acknowledgement(&self) -> crate::model::Acknowledgement {
        crate::model::Acknowledgement {
            code: self.code,
            field: self.field,
        }
    }
}

/// Where a step stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    /// Nothing entered yet.
    NotStarted,
    /// Some of it entered, required fields still empty.
    InProgress,
    /// Something entered is wrong (errors or warnings other than empty fields).
    HasProblems,
    /// Everything required is there and nothing is wrong.
    Complete,
}

impl StepStatus {
    /// The i18n key of the status's name.
    pub fn label_key(self) -> &'static str {
        match self {
            StepStatus::NotStarted => "status.not_started",
            StepStatus::InProgress => "status.in_progress",
            StepStatus::HasProblems => "status.has_problems",
            StepStatus::Complete => "status.complete",
        }
    }
}

/// The result of [`crate::rules::validate`].
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// Every issue, in field order.
    pub issues: Vec<Issue>,
    /// How many required fields there are, per step.
    pub required: BTreeMap<Step, usize>,
    /// How many of them are filled, per step.
    pub filled: BTreeMap<Step, usize>,
    /// The status of each step.
    pub status: BTreeMap<Step, StepStatus>,
    /// The fields that must be filled for this draft.
    #[serde(skip)]
    pub required_fields: BTreeSet<FieldKey>,
}

impl Report {
    /// Records a required field and whether it is filled; an empty one becomes an issue.
    pub(crate) fn require(&mut self, field: FieldKey, is_filled: bool) {
        self.require_as(field, is_filled, IssueCode::Required);
    }

    /// Like [`Report::require`], with the code of the issue an empty field gives.
    pub(crate) fn require_as(&mut self, field: FieldKey, is_filled: bool, code: IssueCode) {
        let step = field.step();
        self.required_fields.insert(field);
        *self.required.entry(step).or_default() += 1;
        if is_filled {
            *self.filled.entry(step).or_default() += 1;
        } else {
            self.push(field, code, Severity::Error, Vec::new());
        }
    }

    /// Stops requiring the recorded fields for which `waived` is true: their count and
    /// their "required" issue go (a kind of filing that asks for less, e.g. 注销).
    pub(crate) fn waive(&mut self, waived: impl Fn(FieldKey) -> bool) {
        let fields: Vec<FieldKey> = self
            .required_fields
            .iter()
            .copied()
            .filter(|f| waived(*f))
            .collect();
        for field in fields {
            self.required_fields.remove(&field);
            let step = field.step();
            let before = self.issues.len();
            self.issues
                .retain(|i| !(i.field == field && i.code.is_missing()));
            let was_missing = self.issues.len() < before;
            if let Some(n) = self.required.get_mut(&step) {
                *n = n.saturating_sub(1);
            }
            if !was_missing && let Some(n) = self.filled.get_mut(&step) {
                *n = n.saturating_sub(1);
            }
        }
    }

    /// Adds an issue.
    pub(crate) fn push(
        &mut self,
        field: FieldKey,
        code: IssueCode,
        severity: Severity,
        args: Args,
    ) {
        self.issues.push(Issue {
            field,
            code,
            severity,
            args,
        });
    }

    /// Ties the findings of a check to a field.
    pub(crate) fn add_findings(&mut self, field: FieldKey, findings: super::finding::Findings) {
        for f in findings.into_vec() {
            self.push(field, f.code, f.severity, f.args);
        }
    }

    /// Sorts the issues and works out each step's status.
    /// Drops what the draft's kind of filing does not ask for ([`Draft::asks`]): those
    /// fields are hidden, so nothing may be demanded of them or reported about them.
    pub(crate) fn forget_unasked(&mut self, draft: &Draft) {
        let hidden: Vec<FieldKey> = self
            .required_fields
            .iter()
            .copied()
            .filter(|f| !draft.asks(*f))
            .collect();
        for field in hidden {
            let step = field.step();
            let missing = self
                .issues
                .iter()
                .any(|i| i.field == field && i.is_missing());
            if let Some(n) = self.required.get_mut(&step) {
                *n = n.saturating_sub(1);
            }
            if !missing && let Some(n) = self.filled.get_mut(&step) {
                *n = n.saturating_sub(1);
            }
            self.required_fields.remove(&field);
        }
        self.issues.retain(|i| draft.asks(i.field));
    }

    pub(crate) fn finish(&mut self, draft: &Draft) {
        self.issues.sort_by_key(|i| (i.field, i.severity, i.code));
        for step in Step::ALL {
            let status = self.compute_status(step, draft);
            self.status.insert(step, status);
        }
    }

    fn compute_status(&self, step: Step, draft: &Draft) -> StepStatus {
        let problems = self
            .issues
            .iter()
            .any(|i| i.field.step() == step && !i.is_missing() && i.severity != Severity::Notice);
        let required = self.required.get(&step).copied().unwrap_or(0);
        let filled = self.filled.get(&step).copied().unwrap_or(0);
        match step {
            Step::Review => {
                // Complete only when export is possible: no errors, every warning
                // acknowledged, every declaration made.
                let unacknowledged = super::finalize::unacknowledged_warnings(draft, self) > 0;
                if self.has_errors() {
                    StepStatus::NotStarted
                } else if unacknowledged
                    || !crate::model::declarations::outstanding(draft).is_empty()
                {
                    StepStatus::InProgress
                } else {
                    StepStatus::Complete
                }
            }
            Step::Tracking => match draft.submission.current() {
                None => StepStatus::NotStarted,
                Some(crate::model::SubmissionState::Approved) => StepStatus::Complete,
                Some(s) if s.is_rejection() => StepStatus::HasProblems,
                Some(_) => StepStatus::InProgress,
            },
            _ if problems => StepStatus::HasProblems,
            _ if required == 0 => StepStatus::NotStarted,
            _ if filled == required => StepStatus::Complete,
            _ if filled == 0 => StepStatus::NotStarted,
            _ => StepStatus::InProgress,
        }
    }

    /// The status of a step.
    pub fn step_status(&self, step: Step) -> StepStatus {
        self.status
            .get(&step)
            .copied()
            .unwrap_or(StepStatus::NotStarted)
    }

    /// Whether anything blocks export.
    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(|i| i.severity == Severity::Error)
    }

    /// Whether a field must be filled.
    pub fn is_required(&self, field: FieldKey) -> bool {
        self.required_fields.contains(&field)
    }

    /// The issues of one field.
    pub fn for_field(&self, field: FieldKey) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(move |i| i.field == field)
    }

    /// The issues shown on one step.
    pub fn for_step(&self, step: Step) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(move |i| i.field.step() == step)
    }

    /// The share of required fields filled, from 0 to 1.
    pub fn progress(&self) -> f32 {
        let required: usize = self.required.values().sum();
        let filled: usize = self.filled.values().sum();
        if required == 0 {
            0.0
        } else {
            filled as f32 / required as f32
        }
    }
}
