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

fn harness(
    data: &std::path::Path,
    locale: Locale,
    dialog: &FakeFileDialog,
) -> Harness<'static, BeianApp> {
    let mut app = BeianApp::new(
        &egui::Context::default(),
        Services {
            dialog: Box::new(dialog.clone()),
            data: DataDir::at(data),
            credentials: std::sync::Arc::new(
                beian::services::credentials::MemoryCredentials::default(),
            ),
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
        let dialog = FakeFileDialog::default();
        let mut h = harness(data.path(), locale, &dialog);
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

        // Exported: the key and the signature are new each run, so the shown hash and
        // key code are pinned for the picture.
        h.state_mut().draft.subject.responsible.mobile = "13800138000".into();
        h.state_mut().draft.websites[0].name = "示例科技官网".into();
        h.state_mut().ui.export.password = "snapshot password".into();
        h.state_mut().ui.export.password_again = "snapshot password".into();
        let bundle = data.path().join("icp-snapshot.zip");
        dialog.answer(Some(bundle.clone()));
        h.state_mut().apply(
            Action::Bundle(beian::action::BundleAction::Export),
            &egui::Context::default(),
        );
        still(&mut h);
        let pinned_key = beian::bundle::KeyId([0xd1, 0xe8, 0x44, 0x0b, 0xc2, 0x91, 0x3a, 0x7f]);
        if let Some(Ok(done)) = h.state_mut().ui.export.result.as_mut() {
            done.sha256 = "0".repeat(64);
            done.key_id = pinned_key;
            done.path = "/home/user/icp-snapshot.zip".into();
        } else {
            panic!("export failed: {:?}", h.state().ui.export.result);
        }
        still(&mut h);
        h.snapshot(format!("{}_05_review_exported", locale.tag()));

        // The help desk's view of the received bundle (its size, date, hash and key
        // change from run to run and are pinned for the picture).
        h.state_mut().apply(
            Action::Bundle(beian::action::BundleAction::Open(bundle)),
            &egui::Context::default(),
        );
        still(&mut h);
        if let Some(received) = h.state_mut().ui.received.as_mut() {
            received.verification.file_sha256 = "0".repeat(64);
            received.verification.byte_len = 3_000_000;
            if let Some(signer) = received.verification.signer.as_mut() {
                signer.key_id = pinned_key;
                signer.date = "2026-11-28".into();
            }
        }
        still(&mut h);
        h.snapshot(format!("{}_07_received_bundle", locale.tag()));
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
