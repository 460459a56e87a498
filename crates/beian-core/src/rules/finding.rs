//! What a single check finds wrong with one value, before it is tied to a field.

use serde::Serialize;

use super::arg::Args;
use crate::i18n::Locale;
use crate::model::IssueCode;

/// How serious an issue is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks export: the bureau would send the filing back.
    Error,
    /// Likely rejection; the user may proceed after acknowledging it.
    Warning,
    /// Worth knowing; never blocks.
    Notice,
}

/// One problem with a value: a stable code, a severity and the message's arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// What was found.
    pub code: IssueCode,
    /// How serious it is.
    pub severity: Severity,
    /// Values for the message's placeholders.
    pub args: Args,
}

impl Finding {
    /// The message in `locale`; `{field}` becomes `field_label`.
    pub fn message(&self, locale: Locale, field_label: &str) -> String {
        super::arg::message(locale, self.code, field_label, &self.args)
    }
}

/// The problems found with one value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Findings(Vec<Finding>);

impl Findings {
    fn add(&mut self, code: IssueCode, severity: Severity, args: Args) {
        self.0.push(Finding {
            code,
            severity,
            args,
        });
    }

    /// Adds an error (blocks export).
    pub fn error(&mut self, code: IssueCode, args: Args) {
        self.add(code, Severity::Error, args);
    }

    /// Adds a warning (needs an acknowledgement).
    pub fn warning(&mut self, code: IssueCode, args: Args) {
        self.add(code, Severity::Warning, args);
    }

    /// Adds a notice.
    pub fn notice(&mut self, code: IssueCode, args: Args) {
        self.add(code, Severity::Notice, args);
    }

    /// Adds an error, or a warning when the rule behind it is not confirmed.
    pub fn error_if(&mut self, confirmed: bool, code: IssueCode, args: Args) {
        let severity = if confirmed {
            Severity::Error
        } else {
            Severity::Warning
        };
        self.add(code, severity, args);
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|f| f.severity == Severity::Error)
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The findings.
    pub fn iter(&self) -> impl Iterator<Item = &Finding> {
        self.0.iter()
    }

    /// Adds the findings of another check.
    pub fn extend(&mut self, other: Findings) {
        self.0.extend(other.0);
    }

    /// The findings as a list.
    pub fn into_vec(self) -> Vec<Finding> {
        self.0
    }
}

/// Findings of a single error.
pub(super) fn one(code: crate::model::IssueCode, args: super::Args) -> Findings {
    let mut f = Findings::default();
    f.error(code, args);
    f
}
