//! The reader's language reaches everything shown, including what worker threads report
//! and the arguments inside issue messages: English users see English, and a language
//! switch re-renders every message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::path::PathBuf;

use beian::action::Action;
use beian::camera::CameraChoice;
use beian::i18n::{self, Locale};
use beian::model::{CertType, Step};
use beian::rules::Arg;
use beian::services::FakeFileDialog;
use common::{click, harness, settle, type_into};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

type App = Harness<'static, beian::app::BeianApp>;

fn apply(h: &mut App, action: Action) {
    h.state_mut().apply(action, &egui::Context::default());
    h.run_steps(2);
}

/// A harness in English with the personal sample open on `step`.
fn english_sample(data: &std::path::Path, dialog: &FakeFileDialog, step: Step) -> App {
    let mut h = harness(data, dialog);
    apply(&mut h, Action::SetLocale(Locale::En));
    click(&mut h, "Open the personal sample");
    settle(&mut h);
    apply(&mut h, Action::GoToStep(step));
    h
}

fn acknowledge_all(h: &mut App) {
    let ack = "I understand and proceed";
    let n = h.query_all_by_label(ack).count();
    for i in 0..n {
        h.get_all_by_label(ack).nth(i).unwrap().click();
        h.run_steps(2);
    }
}

/// Asserts that some widget shows `text`.
fn assert_shown(h: &App, text: &str) {
    assert!(
        h.query_by_label_contains(text).is_some(),
        "{text:?} is not shown"
    );
}

#[test]
fn a_refused_document_is_explained_in_english() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = english_sample(data.path(), &dialog, Step::Materials);
    let item = beian::rules::materials::checklist(&h.state().draft)
        .into_iter()
        .find(|i| i.required)
        .unwrap();
    let button = i18n::tf(
        Locale::En,
        "materials.replace",
        &[("item", &item.key.label(Locale::En))],
    );
    let text_file: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests/data/documents/text-named.jpg",
    ]
    .iter()
    .collect();
    common::pick_document(&mut h, &dialog, &button, text_file);
    settle(&mut h);
    assert!(h.state().ui.materials.refusals.contains_key(&item.key));
    assert_shown(&h, "This is not an image or PDF");
}

#[test]
fn a_wrong_export_password_is_told_in_english() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    beian::bundle::KeyFiles::applicant(data.path())
        .generate("the right password")
        .unwrap();
    let mut h = english_sample(data.path(), &dialog, Step::Review);
    acknowledge_all(&mut h);
    type_into(&mut h, "Signing key password", 0, "a wrong password");
    let out = data.path().join("out.zip");
    dialog.answer(Some(out.clone()));
    click(&mut h, "Export signed bundle…");
    settle(&mut h);
    assert_shown(&h, "Wrong password: the signing key did not open.");
    assert!(!out.exists());
}

#[test]
fn a_camera_that_fails_to_open_says_so_in_english() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = english_sample(data.path(), &dialog, Step::Materials);
    let people = h.state().draft.face_persons();
    let person = people[0].key.clone();
    click(&mut h, &format!("Retake: {}", people[0].label(Locale::En)));
    let missing = data.path().join("no-such-folder");
    apply(
        &mut h,
        Action::Face(beian::action::FaceAction::StartCamera {
            person,
            choice: CameraChoice::File(missing),
        }),
    );
    let start = std::time::Instant::now();
    while h.state().ui.face.error.is_none() {
        assert!(start.elapsed() < std::time::Duration::from_secs(10));
        h.run_steps(1);
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.run_steps(2);
    assert_shown(&h, "No readable images in");
}

#[test]
fn a_bundle_damaged_after_verification_fails_to_import_in_english() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let bundle = data.path().join("bundle.zip");
    {
        let mut h = english_sample(data.path(), &dialog, Step::Review);
        acknowledge_all(&mut h);
        type_into(&mut h, "New key password", 0, "applicant password");
        type_into(&mut h, "Password again", 0, "applicant password");
        dialog.answer(Some(bundle.clone()));
        click(&mut h, "Export signed bundle…");
        settle(&mut h);
        assert!(bundle.is_file(), "{:?}", h.state().ui.export.result);
    }
    let mut h = harness(data.path(), &dialog);
    apply(&mut h, Action::SetLocale(Locale::En));
    apply(
        &mut h,
        Action::Bundle(beian::action::BundleAction::Open(bundle.clone())),
    );
    settle(&mut h);
    // The file is cut short between verification and import.
    let bytes = std::fs::read(&bundle).unwrap();
    std::fs::write(&bundle, &bytes[..bytes.len() / 2]).unwrap();
    click(&mut h, "Import as draft");
    settle(&mut h);
    let banner = h.state().ui.banner.clone().expect("the failure is shown");
    let text = banner.text(Locale::En);
    assert!(
        !text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{text}"
    );
    assert_shown(&h, "The file is not a complete zip bundle");
}

#[test]
fn messages_follow_a_language_switch_arguments_included() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    click(&mut h, "打开个人备案示例");
    settle(&mut h);
    // A passport number that is not one: the message names the certificate type.
    h.state_mut().draft.filing.cert_type = Some(CertType::Passport);
    h.state_mut().draft.filing.cert_number = "12".into();
    apply(&mut h, Action::GoToStep(Step::Review));
    let issue = h
        .state()
        .report
        .issues
        .iter()
        .find(|i| i.args.iter().any(|(_, a)| matches!(a, Arg::Cert(_))))
        .cloned()
        .expect("an issue names a certificate type");
    let chinese = issue.message(Locale::ZhCn);
    assert!(chinese.contains("护照"), "{chinese}");
    assert_shown(&h, &chinese);

    apply(&mut h, Action::SetLocale(Locale::En));
    let english = h
        .state()
        .report
        .issues
        .iter()
        .find(|i| *i == &issue)
        .unwrap()
        .message(Locale::En);
    assert!(english.contains("Passport"), "{english}");
    assert!(!english.contains("护照"), "{english}");
    assert_shown(&h, &english);
    assert!(h.query_by_label_contains(&chinese).is_none());
    // Every issue message on the review step is free of Chinese once in English (the
    // sample's own values are ASCII where messages quote them).
    for issue in &h.state().report.issues {
        let text = issue.message(Locale::En);
        let han: String = text
            .chars()
            .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
            .collect();
        let quoted_value = issue
            .args
            .iter()
            .any(|(_, a)| matches!(a, Arg::Text(t) if !t.is_ascii()));
        assert!(han.is_empty() || quoted_value, "{}: {text}", issue.code);
    }
}
