//! The core crate's own tests: the rules, data tables, draft files, the vendored engine's kernels, face recognition and the fuzzers' findings, all without a window.

mod apps;
mod data_tables;
mod draft_roundtrip;
mod engine_kernels;
mod forms;
mod fuzz_regressions;
mod package_mutations;
mod packages;
mod papers;
mod rule_fixes;
mod rules;
mod vision;

/// The day the tests' rules are checked on (the samples' documents are valid then).
fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default()
}
