//! The checks a filing bureau would make, as pure functions over a [`Draft`].
//!
//! [`validate`] returns a [`Report`]: every issue with the field it belongs to, a stable
//! code, a severity and the arguments of its message. The UI shows issues beside their
//! fields and on the review step; the CLI prints them. Nothing here knows about egui.
//! The single-value checks (`ids`, `contacts`, `domains`, `names`) also serve
//! `beian validate`. Rules that change are data in `assets/data/` ([`data`]).

#![warn(clippy::string_slice, clippy::indexing_slicing)]

mod addresses;
pub mod app_details;
pub mod apps;
pub mod arg;
pub mod checklist;
mod clouds;
pub mod contacts;
pub mod credit_check;
mod credit_codes;
pub mod data;
pub mod document_specs;
pub mod domains;
mod filing;
mod filing_websites;
mod finalize;
pub mod finding;
pub mod ids;
pub mod local_mobile;
pub mod materials;
pub mod mobile_provinces;
pub mod names;
pub mod not_involved;
pub mod papers;
pub mod people;
mod procedure;
pub mod province_notes;
pub mod reading;
pub mod reading_fill;
mod reading_labels;
pub mod rejection;
mod report;
mod required;
pub mod text;
pub mod tracking;
pub mod website_facts;

use chrono::NaiveDate;

pub use crate::model::IssueCode;
pub use addresses::region_of_certificate;
pub use arg::{Arg, Args};
pub use finalize::{
    NotReady, ValidatedFiling, finalize, finalize_on, readiness, unacknowledged_warnings,
    undeclared,
};
pub use finding::{Finding, Findings};
pub use report::{Issue, Report, Severity, StepStatus};

use crate::data::TableError;
use crate::model::{Draft, Field, FieldKey, Scope};

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
    apps::check(draft, &mut report, &ctx);
    apps::check_minis(draft, &mut report, &ctx);
    website_facts::check(draft, &mut report, today, tables);
    credit_check::apply(draft, &mut report);
    procedure::check(draft, &mut report);
    clouds::check(draft, &mut report);
    materials::check(draft, &mut report, today);
    reading_fill::check(draft, &mut report);
    tracking::returned(draft, &mut report);
    unavailable_tables(&mut report, missing_tables());
    report.forget_unasked(draft);
    report.finish(draft);
    report
}

/// Every table the rules use that could not be read (empty for a sound build).
pub fn missing_tables() -> Vec<&'static crate::data::TableError> {
    let mut out = data::unavailable_tables();
    out.extend(rejection::causes().err());
    out
}

/// A table that could not be read turns its checks off, so it is an error that blocks
/// export, shown at the first field of the wizard (and on the review step).
fn unavailable_tables<'a>(report: &mut Report, tables: impl IntoIterator<Item = &'a TableError>) {
    for err in tables {
        report.push(
            FieldKey::new(Scope::Filing, Field::Kind),
            IssueCode::DataTableUnavailable,
            Severity::Error,
            vec![("table", err.table().into())],
        );
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn an_unreadable_table_blocks_export() {
        let draft = crate::store::samples::sample(crate::model::FilingKind::Personal).unwrap();
        let mut report = validate(&draft);
        let unavailable = |r: &Report| {
            r.issues
                .iter()
                .filter(|i| i.code == "data.table_unavailable")
                .cloned()
                .collect::<Vec<_>>()
        };
        assert!(unavailable(&report).is_empty());
        let err = TableError::MissingEntry {
            table: "provinces.ron",
            key: "44",
        };
        unavailable_tables(&mut report, [&err]);
        report.finish(&draft);
        let issues = unavailable(&report);
        assert_eq!(issues.len(), 1);
        let issue = &issues[0];
        assert_eq!(issue.severity, Severity::Error);
        assert_eq!(issue.field.step(), crate::model::Step::FilingType);
        assert!(
            issue
                .message(crate::i18n::Locale::ZhCn)
                .contains("provinces.ron"),
            "{}",
            issue.message(crate::i18n::Locale::ZhCn)
        );
    }
}
