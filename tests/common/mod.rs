//! Helpers shared by the UI tests: a headless app over a temporary data folder with a fake
//! file dialog, and small steps (type into a field, pick from a drop-down).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod face;
pub mod layout;
pub mod picker;

use std::path::Path;
use std::time::Duration;

use beian::app::{BeianApp, Services};
use beian::services::FakeFileDialog;
use beian::store::storage::DataDir;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

/// The scrypt work factor of staff keys made by tests (2^10: milliseconds to unlock).
pub const CHEAP_KEYS: beian::store::sealed::WorkFactor = beian::store::sealed::WorkFactor::CHEAPEST;

/// A headless beian over `data`, answering file dialogs from `dialog`.
pub fn harness(data: &Path, dialog: &FakeFileDialog) -> Harness<'static, BeianApp> {
    harness_with(
        data,
        dialog,
        std::sync::Arc::new(beian::services::credentials::MemoryCredentials::default()),
    )
}

/// Like [`harness`], with the given credential store.
pub fn harness_with(
    data: &Path,
    dialog: &FakeFileDialog,
    credentials: std::sync::Arc<dyn beian::services::credentials::CredentialStore>,
) -> Harness<'static, BeianApp> {
    build(data, dialog, credentials, false)
}

/// Like [`harness`], drawing characters no shipped font has as boxes, as the real window
/// does (the other harnesses fail on them, to catch missing glyphs in beian's own text).
pub fn harness_allowing_missing_glyphs(
    data: &Path,
    dialog: &FakeFileDialog,
) -> Harness<'static, BeianApp> {
    build(
        data,
        dialog,
        std::sync::Arc::new(beian::services::credentials::MemoryCredentials::default()),
        true,
    )
}

/// Like [`harness`], in a window of `size` (e.g. the smallest supported, 1024×700), for
/// checks of what lies inside the window.
pub fn harness_sized(
    data: &Path,
    dialog: &FakeFileDialog,
    size: [f32; 2],
) -> Harness<'static, BeianApp> {
    build_sized(
        data,
        dialog,
        std::sync::Arc::new(beian::services::credentials::MemoryCredentials::default()),
        false,
        size,
    )
}

fn build(
    data: &Path,
    dialog: &FakeFileDialog,
    credentials: std::sync::Arc<dyn beian::services::credentials::CredentialStore>,
    allow_missing_glyphs: bool,
) -> Harness<'static, BeianApp> {
    build_sized(
        data,
        dialog,
        credentials,
        allow_missing_glyphs,
        [1100.0, 3200.0],
    )
}

fn build_sized(
    data: &Path,
    dialog: &FakeFileDialog,
    credentials: std::sync::Arc<dyn beian::services::credentials::CredentialStore>,
    allow_missing_glyphs: bool,
    size: [f32; 2],
) -> Harness<'static, BeianApp> {
    let mut app = BeianApp::new(
        &egui::Context::default(),
        Services {
            dialog: Box::new(dialog.clone()),
            data: DataDir::at(data),
            credentials,
        },
    );
    // Staff keys set through the window unlock in milliseconds here.
    app.set_key_work_factor(CHEAP_KEYS);
    let mut builder = Harness::builder();
    if allow_missing_glyphs {
        builder = builder.allow_missing_glyphs();
    }
    let mut harness = builder
        .with_size(size)
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

/// Applies `action` as the window would, then lets the work it started finish.
pub fn apply(harness: &mut Harness<'static, BeianApp>, action: beian::action::Action) {
    harness.state_mut().apply(action, &egui::Context::default());
    settle(harness);
}

/// Waits until the filing being opened shows (a sample's documents are imported by a
/// worker, slow on a busy machine).
pub fn wait_for_wizard(harness: &mut Harness<'static, BeianApp>) {
    for _ in 0..10 {
        settle(harness);
        if harness.state().ui.screen == beian::app::Screen::Wizard {
            return;
        }
    }
    panic!("the filing did not open");
}

/// Opens the shipped sample of `kind` and waits until it shows.
pub fn open_sample(harness: &mut Harness<'static, BeianApp>, kind: beian::model::FilingKind) {
    apply(harness, beian::action::Action::OpenSample(kind.into()));
    wait_for_wizard(harness);
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

/// Leaves the field being typed into (Escape), as the user does by moving on: its issues
/// show once it loses the focus.
/// Focuses the `nth` field labelled `label`, selects what it holds and types `text` over
/// it, key by key, as a user replacing a value does.
pub fn clear_and_type(
    harness: &mut Harness<'static, BeianApp>,
    label: &str,
    nth: usize,
    text: &str,
) {
    let node = harness.get_all_by_label(label).nth(nth).unwrap();
    node.focus();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run_steps(1);
    type_into(harness, label, nth, text);
}

/// The day the tests' rules are checked on (the samples' documents are valid then).
pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

pub fn leave_field(harness: &mut Harness<'static, BeianApp>) {
    harness.key_press(egui::Key::Escape);
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

/// The test file for a document kind, from `tests/data/documents/`.
pub fn test_document(kind: beian::model::DocKind) -> std::path::PathBuf {
    use beian::model::DocKind;
    let name = match kind {
        DocKind::IdFront | DocKind::ResidencePermit => "id-front.jpg",
        DocKind::IdBack => "id-back.jpg",
        DocKind::DomainCertificate => "with-gps.jpg",
        _ => "licence-colour.png",
    };
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/documents")
        .join(name)
}

/// Attaches a good test file to every required document of the draft saved at
/// `draft_path`, through the same import as the application.
pub fn attach_test_documents(draft: &mut beian::model::Draft, draft_path: &Path) {
    let store = beian::documents::Store::for_draft(
        &beian::store::sealed::Library::of_file(draft_path),
        draft_path,
    );
    for item in beian::rules::materials::checklist(draft) {
        let beian::model::Field::Document(kind) = item.key.field else {
            continue;
        };
        if !item.required {
            continue;
        }
        let imported =
            beian::services::documents::import_file(&store, item.key, &test_document(kind))
                .unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        draft.materials.attachments.retain(|a| a.item != item.key);
        draft.materials.attachments.push(imported.attachment);
    }
    let face = face_frame("good.jpg");
    let (photo, _) = beian::services::face::make_photo(&store, &face, "file").unwrap();
    for person in draft.face_persons() {
        draft
            .materials
            .set_face_photo(beian::model::draft::FacePhoto {
                person: person.key,
                ..photo.clone()
            });
    }
}

/// A sample camera frame from `assets/samples/faces`.
pub fn face_frame(name: &str) -> image::RgbImage {
    image::open(face_path(name)).unwrap().to_rgb8()
}

/// The path of a sample camera frame.
pub fn face_path(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/samples/faces")
        .join(name)
}

/// A file dropped on the window, as the windowing layer hands it over.
#[derive(Debug)]
pub struct DroppedPath(pub std::path::PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Drops `path` with the pointer on the widget labelled `label`.
pub fn drop_file_on(
    harness: &mut Harness<'static, BeianApp>,
    label: &str,
    path: std::path::PathBuf,
) {
    let at = harness.get_by_label(label).rect().center();
    harness.hover_at(at);
    harness.run_steps(1);
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(path)));
    harness.run_steps(2);
    settle(harness);
}

/// Attaches `path` to the item whose "choose file" button is labelled `button`, through
/// the fake file dialog.
pub fn pick_document(
    harness: &mut Harness<'static, BeianApp>,
    dialog: &FakeFileDialog,
    button: &str,
    path: std::path::PathBuf,
) {
    let asked = dialog.asked().len();
    dialog.answer_documents(vec![path]);
    // The accessibility action, as a screen reader clicks: a pointer click can miss a
    // button still scrolling into view on a busy machine.
    harness.get_by_label(button).scroll_to_me();
    harness.run_steps(2);
    harness.get_by_label(button).click_accesskit();
    harness.run_steps(2);
    assert_eq!(
        dialog.asked().len(),
        asked + 1,
        "{button} did not open the dialog"
    );
    settle(harness);
}
