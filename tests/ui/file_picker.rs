//! beian's own file picker, through the real UI, with the system file dialog made
//! unavailable: opening a draft, saving as a typed name (and not replacing a file without
//! a confirmation), attaching a document, the keyboard, the "no system dialog" notice
//! shown once, a folder of 10,000 files; and the About box.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers outside #[test] fns.

use crate::common;

use std::path::Path;
use std::time::{Duration, Instant};

use beian::action::Action;
use beian::app::{BeianApp, Screen};
use beian::model::{DocKind, Step};
use common::picker::{click, go_to, harness, is_open, wait_for};
use common::settle;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

const NOTICE: &str = "这台电脑没有可用的系统文件对话框，ICP 备案助手改用自带的文件选择器。";

fn sample_draft(path: &Path, name: &str) {
    let mut draft =
        beian::model::Draft::new(beian::model::FilingKind::Personal, chrono::Utc::now());
    draft.subject.name = name.to_owned();
    beian::store::draft_io::save_draft(&beian::store::sealed::Library::of_file(path), &draft, path)
        .unwrap();
}

/// A new personal filing at its materials step.
fn at_materials(data: &Path) -> Harness<'static, BeianApp> {
    let mut h = harness(data);
    click(&mut h, "新建个人备案");
    settle(&mut h);
    h.state_mut()
        .apply(Action::GoToStep(Step::Materials), &egui::Context::default());
    h.run_steps(2);
    h
}

/// Brings the widget labelled `label` into view and clicks it.
fn click_in_view(h: &mut Harness<'static, BeianApp>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run_steps(2);
    click(h, label);
}

#[test]
fn open_goes_through_the_own_picker_into_a_folder_and_opens_the_draft() {
    let data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    std::fs::create_dir(folder.path().join("客户")).unwrap();
    let draft = folder.path().join("客户").join("李四.ron");
    sample_draft(&draft, "李四");
    std::fs::write(folder.path().join("客户").join("说明.txt"), "x").unwrap();
    let mut h = harness(data.path());

    click(&mut h, "打开…");
    assert!(is_open(&h), "打开… opens the own picker");
    assert!(
        h.query_by_label("打开备案草稿").is_some(),
        "the dialog's title"
    );
    assert!(h.query_by_label(NOTICE).is_some());
    go_to(&mut h, folder.path());
    wait_for(&mut h, "客户/");
    click(&mut h, "客户/");
    click(&mut h, "打开");
    wait_for(&mut h, "李四.ron");
    assert!(
        h.query_by_label("说明.txt").is_none(),
        "only drafts are listed"
    );
    click(&mut h, "李四.ron");
    click(&mut h, "打开");
    settle(&mut h);
    assert!(!is_open(&h));
    assert_eq!(h.state().ui.screen, Screen::Wizard);
    assert_eq!(h.state().draft.subject.name, "李四");
    assert_eq!(h.state().draft_path.as_deref(), Some(draft.as_path()));
}

#[test]
fn save_as_writes_the_typed_name_and_asks_before_replacing_and_the_notice_shows_once() {
    let data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let mut h = harness(data.path());
    click(&mut h, "打开个人备案示例");
    settle(&mut h);

    click(&mut h, "另存为…");
    assert!(h.query_by_label("另存备案草稿").is_some());
    assert!(h.query_by_label(NOTICE).is_some(), "said the first time");
    go_to(&mut h, folder.path());
    wait_for(&mut h, "此文件夹中没有可选的文件。");
    h.get_by_label("文件名")
        .set_text_value_accesskit("客户-张三");
    h.run_steps(1);
    click(&mut h, "保存");
    settle(&mut h);
    let saved = folder.path().join("客户-张三.ron");
    assert!(!is_open(&h));
    assert!(saved.exists(), "saved with the default extension added");
    assert_eq!(h.state().draft_path.as_deref(), Some(saved.as_path()));

    // The next picker starts in the same folder and says nothing more about the system.
    click(&mut h, "另存为…");
    assert!(is_open(&h));
    assert!(h.query_by_label(NOTICE).is_none(), "said only once");
    wait_for(&mut h, "客户-张三.ron");
    h.get_by_label("文件名")
        .set_text_value_accesskit("客户-张三.ron");
    h.run_steps(1);
    click(&mut h, "保存");
    assert!(
        is_open(&h),
        "an existing file is not replaced without asking"
    );
    assert!(
        h.query_by_label("“客户-张三.ron”已存在。要替换它吗？")
            .is_some()
    );
    click(&mut h, "不替换");
    assert!(is_open(&h));
    click(&mut h, "保存");
    click(&mut h, "替换");
    settle(&mut h);
    assert!(!is_open(&h));
    assert_eq!(h.state().draft_path.as_deref(), Some(saved.as_path()));

    // Cancel answers "nothing": the draft stays where it is.
    click(&mut h, "另存为…");
    click(&mut h, "取消");
    settle(&mut h);
    assert!(!is_open(&h));
    assert_eq!(h.state().draft_path.as_deref(), Some(saved.as_path()));
}

#[test]
fn a_document_attached_through_the_own_picker_is_attached() {
    let data = tempfile::tempdir().unwrap();
    let mut h = at_materials(data.path());
    let button = "选择文件：证件人像面";
    click_in_view(&mut h, button);
    assert!(h.query_by_label("选择证件材料").is_some());
    let file = common::test_document(DocKind::IdFront);
    go_to(&mut h, file.parent().unwrap());
    let name = file.file_name().unwrap().to_str().unwrap().to_owned();
    wait_for(&mut h, &name);
    click(&mut h, &name);
    click(&mut h, "打开");
    settle(&mut h);
    assert!(!is_open(&h));
    let attachments = &h.state().draft.materials.attachments;
    assert_eq!(attachments.len(), 1, "{attachments:?}");

    // Several files at once (Ctrl+click): the first is attached, the others wait to be
    // assigned. The picker starts in the folder used last.
    let button = "选择文件：身份证国徽面";
    click_in_view(&mut h, button);
    wait_for(&mut h, &name);
    assert!(
        h.query_by_label("CASES.md").is_none(),
        "only pictures and PDFs"
    );
    let folder = tempfile::tempdir().unwrap();
    for name in ["id-back.jpg", "with-gps.jpg", "notes.txt"] {
        let from = file.parent().unwrap().join(name);
        let bytes = std::fs::read(&from).unwrap_or_default();
        std::fs::write(folder.path().join(name), bytes).unwrap();
    }
    go_to(&mut h, folder.path());
    wait_for(&mut h, "with-gps.jpg");
    assert!(h.query_by_label("notes.txt").is_none());
    click(&mut h, "id-back.jpg");
    h.get_by_label("with-gps.jpg")
        .click_modifiers(egui::Modifiers::COMMAND);
    h.run_steps(2);
    click(&mut h, "打开");
    settle(&mut h);
    assert!(!is_open(&h));
    assert_eq!(h.state().draft.materials.attachments.len(), 2);
    assert_eq!(
        h.state().ui.materials.unassigned,
        vec![folder.path().join("with-gps.jpg")]
    );
}

#[test]
fn the_keyboard_moves_opens_goes_up_and_cancels() {
    let data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    std::fs::create_dir(folder.path().join("a")).unwrap();
    let draft = folder.path().join("b.ron");
    sample_draft(&draft, "王五");
    let mut h = harness(data.path());

    click(&mut h, "打开…");
    go_to(&mut h, folder.path());
    wait_for(&mut h, "a/");
    // The first row has the cursor: Enter opens the folder, Backspace comes back.
    h.key_press(egui::Key::Enter);
    h.run_steps(2);
    wait_for(&mut h, "此文件夹中没有可选的文件。");
    assert_eq!(
        h.state().ui.picker.as_ref().unwrap().picker.dir(),
        folder.path().join("a")
    );
    h.key_press(egui::Key::Backspace);
    h.run_steps(2);
    wait_for(&mut h, "b.ron");
    h.key_press(egui::Key::ArrowDown);
    h.run_steps(1);
    h.key_press(egui::Key::Enter);
    h.run_steps(2);
    settle(&mut h);
    assert!(!is_open(&h));
    assert_eq!(h.state().draft.subject.name, "王五");

    // Esc cancels.
    click(&mut h, "打开…");
    assert!(is_open(&h));
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(!is_open(&h));
}

#[test]
fn an_unreadable_folder_is_an_error_line_not_a_crash() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(data.path());
    click(&mut h, "打开…");
    go_to(&mut h, &data.path().join("does-not-exist"));
    wait_for(&mut h, "此文件夹不存在。");
    assert!(is_open(&h));
}

#[test]
fn the_about_box_shows_the_version_and_the_notices() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(data.path());
    // From the top bar (the start screen does not repeat it).
    assert!(h.query_by_label("关于 ICP 备案助手").is_none());
    click(&mut h, "关于");
    let version = format!("版本 {}", env!("CARGO_PKG_VERSION"));
    assert!(h.query_by_label(&version).is_some());
    assert!(h.query_by_label("许可证：MIT OR Apache-2.0").is_some());
    assert!(h.query_all_by_label_contains("PaddleOCR").count() > 0);
    click(&mut h, "复制");
    click(&mut h, "关闭");
    assert!(h.query_by_label(&version).is_none());
    click(&mut h, "关于");
    assert!(h.query_by_label(&version).is_some());
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(h.query_by_label(&version).is_none());
}

#[test]
fn a_picture_is_previewed_and_each_kind_of_question_starts_in_its_own_folder() {
    let data = tempfile::tempdir().unwrap();
    let photos = tempfile::tempdir().unwrap();
    let photo = photos.path().join("人像面.jpg");
    std::fs::copy(common::test_document(DocKind::IdFront), &photo).unwrap();
    let mut h = at_materials(data.path());
    let button = "选择文件：证件人像面";
    click_in_view(&mut h, button);
    go_to(&mut h, photos.path());
    wait_for(&mut h, "人像面.jpg");
    assert!(
        h.query_by_label("选中一张图片或一个 PDF，这里显示它的样子。")
            .is_some()
    );
    click(&mut h, "人像面.jpg");
    let deadline = Instant::now() + Duration::from_secs(20);
    while h
        .state()
        .ui
        .picker
        .as_ref()
        .is_some_and(|s| s.picker.preview.is_none())
    {
        assert!(Instant::now() < deadline, "no preview");
        std::thread::sleep(Duration::from_millis(10));
        h.run_steps(1);
    }
    let size = h
        .state()
        .ui
        .picker
        .as_ref()
        .unwrap()
        .picker
        .preview
        .as_ref()
        .unwrap()
        .size();
    assert!(
        size[0] > 1 && size[1] > 1,
        "a picture of the file: {size:?}"
    );
    click(&mut h, "取消");
    assert!(!is_open(&h));

    // A draft is asked for elsewhere than the documents were.
    click(&mut h, "另存为…");
    let dir = h
        .state()
        .ui
        .picker
        .as_ref()
        .unwrap()
        .picker
        .dir()
        .to_path_buf();
    assert_ne!(
        dir,
        photos.path(),
        "drafts do not start in the photos' folder"
    );
    click(&mut h, "取消");

    // The next document starts where the last one was looked for.
    click_in_view(&mut h, button);
    let dir = h
        .state()
        .ui
        .picker
        .as_ref()
        .unwrap()
        .picker
        .dir()
        .to_path_buf();
    assert_eq!(dir, photos.path());
}
