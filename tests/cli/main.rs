//! The command line, bundles, document intake and the privacy of what beian writes: tests that run the `beian` binary or the services it uses, without a window.

#[path = "../common/mod.rs"]
mod common;

mod app_info;
mod bundle;
mod bundle_people;
mod cli;
mod cli_headless;
mod forms;
mod log_privacy;
mod materials;
mod ocr;
mod privacy_at_rest;
mod rule_data;
