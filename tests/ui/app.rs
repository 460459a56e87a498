//! The application around the form: the start screen, language, opening and saving
//! through the (fake) file dialog, damaged drafts, jumping from the review step.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers outside #[test] fns.

use crate::common;

use beian::app::Screen;
use beian::i18n::Locale;
use beian::model::{Field, FieldKey, FilingKind, Scope, Step};
use beian::services::FakeFileDialog;
use common::{click, harness, settle, type_into};
use egui_kittest::kittest::Queryable as _;

#[test]
fn the_language_switch_takes_effect_at_once_and_is_remembered() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    assert!(h.query_by_label("新建个人备案").is_some());
    click(&mut h, "English");
    assert!(h.query_by_label("New personal filing").is_some());
    assert!(h.query_by_label("新建个人备案").is_none());
    settle(&mut h);
    drop(h);
    let h = harness(data.path(), &dialog);
    assert_eq!(h.state().settings.locale, Locale::En);
    assert!(h.query_by_label("New personal filing").is_some());
}

#[test]
fn the_start_screen_lists_saved_drafts_with_their_progress() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    click(&mut h, "打开单位备案示例");
    settle(&mut h);
    assert_eq!(h.state().ui.screen, Screen::Wizard);
    settle(&mut h);
    click(&mut h, "首页");
    settle(&mut h);
    assert_eq!(h.state().ui.screen, Screen::Start);
    let library = h.state().ui.library.clone().unwrap().entries;
    assert_eq!(library.len(), 1);
    assert_eq!(library[0].name, "福州示例科技有限公司");
    assert_eq!(library[0].domains[0], "example.com.cn");
    // The sample is complete, documents included.
    assert!(
        (library[0].progress - 1.0).abs() < 1e-6,
        "{}",
        library[0].progress
    );
    assert!(h.query_by_label("100%").is_some());
    click(&mut h, "继续填写：福州示例科技有限公司");
    settle(&mut h);
    assert_eq!(h.state().ui.screen, Screen::Wizard);
    assert_eq!(h.state().draft.filing.kind, FilingKind::Unit);
}

#[test]
fn save_as_and_open_go_through_the_file_dialog() {
    let data = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("客户-张三");
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    click(&mut h, "打开个人备案示例");
    settle(&mut h);
    dialog.answer(Some(target.clone()));
    click(&mut h, "另存为…");
    settle(&mut h);
    let saved = target.with_extension("ron");
    assert!(saved.exists(), "saved as {saved:?}");
    assert_eq!(dialog.asked(), vec!["save:beian-张三.ron".to_owned()]);
    assert_eq!(h.state().draft_path.as_deref(), Some(saved.as_path()));

    // Edits now go to the new file.
    click(&mut h, "下一步");
    settle(&mut h);
    let on_disk =
        beian::store::draft_io::load_draft(&beian::store::sealed::Library::of_file(&saved), &saved)
            .unwrap();
    assert_eq!(on_disk.last_step, Step::Subject);

    // Open it again from another data folder through the dialog.
    let data2 = tempfile::tempdir().unwrap();
    let mut h2 = harness(data2.path(), &dialog);
    dialog.answer(Some(saved.clone()));
    click(&mut h2, "打开…");
    settle(&mut h2);
    assert_eq!(h2.state().ui.screen, Screen::Wizard);
    assert_eq!(h2.state().ui.step, Step::Subject);
    assert_eq!(h2.state().draft.subject.name, "张三");
    assert_eq!(h2.state().settings.recent, vec![saved]);

    // Cancelling the dialog changes nothing.
    click(&mut h2, "打开…");
    settle(&mut h2);
    assert_eq!(h2.state().draft.subject.name, "张三");
}

#[test]
fn a_damaged_last_draft_is_set_aside_and_the_user_can_start_fresh() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    click(&mut h, "新建个人备案");
    settle(&mut h);
    let path = h.state().draft_path.clone().unwrap();
    drop(h);
    std::fs::write(&path, b"(schema_version: 1, subject: (name: \"trunc").unwrap();

    let mut h = harness(data.path(), &dialog);
    assert_eq!(h.state().ui.screen, Screen::Start);
    let banner = h.state().ui.banner.clone().expect("an error is shown");
    assert!(
        banner.text(beian::i18n::Locale::ZhCn).contains("已损坏"),
        "{}",
        banner.text(beian::i18n::Locale::ZhCn)
    );
    assert!(!path.exists(), "the damaged file was moved aside");
    let aside: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".damaged-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        std::fs::read(&aside[0]).unwrap(),
        b"(schema_version: 1, subject: (name: \"trunc"
    );
    assert!(
        banner
            .text(beian::i18n::Locale::ZhCn)
            .contains(&aside[0].display().to_string())
    );

    click(&mut h, "知道了");
    assert!(h.state().ui.banner.is_none());
    click(&mut h, "新建个人备案");
    assert_eq!(h.state().ui.screen, Screen::Wizard);
    settle(&mut h);
    // The set-aside file is untouched by the new draft.
    assert_eq!(
        std::fs::read(&aside[0]).unwrap(),
        b"(schema_version: 1, subject: (name: \"trunc"
    );
}

#[test]
fn the_review_step_jumps_to_a_field_and_focuses_it() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    click(&mut h, "打开个人备案示例");
    settle(&mut h);
    h.state_mut().draft.subject.responsible.mobile.clear();
    h.run_steps(2);
    h.state_mut().apply(
        beian::action::Action::GoToStep(Step::Review),
        &egui::Context::default(),
    );
    h.run_steps(2);
    assert!(h.query_by_label("请填写手机号码。").is_some());
    click(&mut h, "转到：手机号码");
    assert_eq!(h.state().ui.step, Step::Subject);
    h.run_steps(2);
    assert!(
        h.get_by_label("手机号码").is_focused(),
        "the field has the keyboard focus"
    );
    // The missing field is flagged beside it now.
    assert!(h.query_by_label("■ 请填写手机号码。").is_some());
    type_into(&mut h, "手机号码", 0, "13800138000");
    let left: Vec<_> = h
        .state()
        .report
        .issues
        .iter()
        .filter(|i| i.field.step() != Step::Materials)
        .collect();
    assert!(left.is_empty(), "{left:?}");
    let _ = FieldKey::new(Scope::SubjectResponsible, Field::Mobile);
}

#[test]
fn next_works_from_the_keyboard() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    click(&mut h, "新建个人备案");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Enter);
    h.run_steps(2);
    assert_eq!(h.state().ui.step, Step::Subject);
    // Enter on the focused Next button.
    h.get_by_label("下一步").focus();
    h.run_steps(1);
    h.key_press(egui::Key::Enter);
    h.run_steps(2);
    assert_eq!(h.state().ui.step, Step::Websites);
}

/// A certificate number pasted in Arabic-Indic digits (multi-byte characters where the
/// check expects ASCII digits).
const ARABIC_INDIC_ID: &str = "١١٠١٠٥١٩٤٩١٢٣١٠٠٢X";

#[test]
fn a_number_in_arabic_indic_digits_is_refused_with_a_message_not_a_crash() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = common::harness_allowing_missing_glyphs(data.path(), &dialog);
    click(&mut h, "新建个人备案");
    type_into(&mut h, "证件号码", 0, ARABIC_INDIC_ID);
    settle(&mut h);
    let key = FieldKey::new(Scope::Filing, Field::CertNumber);
    assert_eq!(h.state().draft.filing.cert_number, ARABIC_INDIC_ID);
    assert!(
        h.state()
            .report
            .for_field(key)
            .any(|i| i.severity == beian::rules::Severity::Error),
        "{:?}",
        h.state().report.for_field(key).collect::<Vec<_>>()
    );
}

#[test]
fn after_a_crash_the_open_draft_is_offered_not_reopened() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    // beian dies (a panic unwinds through the app) with a draft open that holds a value
    // which once crashed the rules.
    let (root, d) = (data.path().to_owned(), dialog.clone());
    let died = std::thread::Builder::new()
        .name("crashing-app".into())
        .spawn(move || {
            let mut h = common::harness_allowing_missing_glyphs(&root, &d);
            click(&mut h, "新建个人备案");
            settle(&mut h);
            // The value was saved before the crash (or the draft came from a file).
            let mut draft = h.state().draft.clone();
            draft.filing.cert_number = ARABIC_INDIC_ID.into();
            let path = h.state().draft_path.clone().unwrap();
            beian::store::draft_io::save_draft(
                &beian::store::sealed::Library::of_file(&path),
                &draft,
                &path,
            )
            .unwrap();
            panic!("simulated crash with the draft open");
        })
        .unwrap()
        .join();
    assert!(died.is_err());

    let mut h = common::harness_allowing_missing_glyphs(data.path(), &dialog);
    assert_eq!(h.state().ui.screen, Screen::Start, "not reopened blindly");
    assert!(
        h.query_by_label("上次 ICP 备案助手没有正常关闭。")
            .is_some()
    );
    click(&mut h, "重新打开这份草稿");
    settle(&mut h);
    assert_eq!(h.state().ui.screen, Screen::Wizard);
    assert_eq!(h.state().draft.filing.cert_number, ARABIC_INDIC_ID);
    assert!(
        h.query_by_label("上次 ICP 备案助手没有正常关闭。")
            .is_none()
    );
    drop(h);

    // A normal close leaves no marker: the next start reopens the draft as usual.
    let h = common::harness_allowing_missing_glyphs(data.path(), &dialog);
    assert_eq!(h.state().ui.screen, Screen::Wizard);
    assert!(
        h.query_by_label("上次 ICP 备案助手没有正常关闭。")
            .is_none()
    );
}
