//! Helpers shared by the UI tests: a headless app over a temporary data folder with a fake
//! file dialog, and small steps (type into a field, pick from a drop-down).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::Duration;

use beian::app::{BeianApp, Services};
use beian::model::storage::DataDir;
use beian::services::FakeFileDialog;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

/// A headless beian over `data`, answering file dialogs from `dialog`.
pub fn harness(data: &Path, dialog: &FakeFileDialog) -> Harness<'static, BeianApp> {
    let app = BeianApp::new(
        &egui::Context::default(),
        Services {
            dialog: Box::new(dialog.clone()),
            data: DataDir::at(data),
        },
    );
    let mut harness = Harness::builder()
        .with_size([1100.0, 1800.0])
        .with_context_setup(|ctx| {
            beian::fonts::install(ctx);
            beian::theme::install(ctx);
        })
        .build_ui_state(|ui, app: &mut BeianApp| app.ui(ui), app);
    settle(&mut harness);
    harness
}

/// Lets background work finish and draws until the UI is still.
pub fn settle(harness: &mut Harness<'static, BeianApp>) {
    harness.run_steps(2);
    harness.state_mut().settle(Duration::from_secs(10));
    harness.run_steps(3);
}

/// Types `text` into the input labelled `label` (the `nth` one with that label).
pub fn type_into(harness: &mut Harness<'static, BeianApp>, label: &str, nth: usize, text: &str) {
    let node = harness.get_all_by_label(label).nth(nth);
    let node = node.unwrap_or_else(|| panic!("no input labelled {label:?} #{nth}"));
    node.focus();
    harness.run_steps(1);
    let node = harness.get_all_by_label(label).nth(nth).unwrap();
    node.type_text(text);
    harness.run_steps(2);
}

/// Opens the drop-down labelled `label` (the `nth` one) and picks `option`.
pub fn choose(harness: &mut Harness<'static, BeianApp>, label: &str, nth: usize, option: &str) {
    let node = harness.get_all_by_label(label).nth(nth);
    node.unwrap_or_else(|| panic!("no drop-down labelled {label:?} #{nth}"))
        .click();
    harness.run_steps(2);
    let count = harness.get_all_by_label(option).count();
    assert!(count > 0, "no option {option:?} in {label:?}");
    harness
        .get_all_by_label(option)
        .nth(count - 1)
        .unwrap()
        .click();
    harness.run_steps(2);
}

/// Opens the region drop-down labelled `label`, narrows it by typing `option` into its
/// filter, and picks `option`.
pub fn choose_region(harness: &mut Harness<'static, BeianApp>, label: &str, option: &str) {
    harness.get_by_label(label).click();
    harness.run_steps(2);
    let filter = ["筛选", "Filter"]
        .into_iter()
        .find(|f| harness.query_by_label(f).is_some())
        .unwrap_or_else(|| panic!("no filter in {label:?}"));
    harness.get_by_label(filter).type_text(option);
    harness.run_steps(2);
    let count = harness.get_all_by_label(option).count();
    assert!(count > 0, "no option {option:?} in {label:?}");
    harness
        .get_all_by_label(option)
        .nth(count - 1)
        .unwrap()
        .click();
    harness.run_steps(2);
}

/// Clicks the widget labelled `label`.
pub fn click(harness: &mut Harness<'static, BeianApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run_steps(2);
}
