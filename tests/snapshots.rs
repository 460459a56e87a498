//! Renders every screen to PNG and compares with `tests/snapshots/`, so that changes to
//! the look can be reviewed. Behind the `snapshot` feature (needs a Vulkan or GL driver;
//! Mesa's lavapipe works headless): `cargo xtask snapshots [--update]`.
#![cfg(feature = "snapshot")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers outside #[test] fns.

use std::time::Duration;

use beian::action::Action;
use beian::app::{BeianApp, SaveStatus, Services};
use beian::i18n::Locale;
use beian::model::storage::DataDir;
use beian::model::{FilingKind, Step};
use beian::services::FakeFileDialog;
use egui_kittest::Harness;

fn harness(data: &std::path::Path, locale: Locale) -> Harness<'static, BeianApp> {
    let mut app = BeianApp::new(
        &egui::Context::default(),
        Services {
            dialog: Box::new(FakeFileDialog::default()),
            data: DataDir::at(data),
        },
    );
    app.apply(Action::SetLocale(locale), &egui::Context::default());
    let mut harness = Harness::builder()
        .with_size([1100.0, 800.0])
        .wgpu()
        .with_theme(egui::Theme::Light)
        .with_context_setup(|ctx| {
            beian::fonts::install(ctx);
            beian::theme::install(ctx);
        })
        .build_ui_state(|ui, app: &mut BeianApp| app.ui(ui), app);
    harness.run_steps(2);
    harness.state_mut().settle(Duration::from_secs(10));
    harness.run_steps(2);
    harness
}

fn still(harness: &mut Harness<'static, BeianApp>) {
    // Drawing may start work (thumbnails); let it finish and draw again, until still.
    for _ in 0..3 {
        harness.run_steps(2);
        harness.state_mut().settle(Duration::from_secs(10));
    }
    // The save time changes from run to run.
    harness.state_mut().ui.save_status = SaveStatus::Idle;
    harness.run_steps(3);
}

fn every_screen(locale: Locale) {
    {
        let data = tempfile::tempdir().unwrap();
        let mut h = harness(data.path(), locale);
        still(&mut h);
        h.snapshot(format!("{}_00_start", locale.tag()));
        h.state_mut().apply(
            Action::OpenSample(FilingKind::Unit),
            &egui::Context::default(),
        );
        h.state_mut().settle(Duration::from_secs(20));
        for step in Step::ALL {
            h.state_mut()
                .apply(Action::GoToStep(step), &egui::Context::default());
            still(&mut h);
            h.snapshot(format!(
                "{}_{:02}_{}",
                locale.tag(),
                step.index() + 1,
                step.key()
            ));
        }
        // The same form with its problems showing.
        h.state_mut().draft.subject.responsible.mobile.clear();
        h.state_mut().draft.websites[0].name.clear();
        h.state_mut()
            .apply(Action::GoToStep(Step::Review), &egui::Context::default());
        still(&mut h);
        h.snapshot(format!("{}_05_review_with_problems", locale.tag()));
    }
}

#[test]
fn every_screen_in_chinese() {
    every_screen(Locale::ZhCn);
}

#[test]
fn every_screen_in_english() {
    every_screen(Locale::En);
}
