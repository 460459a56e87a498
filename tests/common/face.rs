//! The face photo's section of the materials step, opened on the personal sample.

use beian::action::Action;
use beian::model::Step;
use beian::services::FakeFileDialog;

use super::{click, harness, settle};

pub fn open_materials(
    dialog: &FakeFileDialog,
    data: &std::path::Path,
) -> egui_kittest::Harness<'static, beian::app::BeianApp> {
    let mut h = harness(data, dialog);
    click(&mut h, "打开个人备案示例");
    settle(&mut h);
    // The sample has its face photo; delete it to take a new one.
    assert!(photo(&h).is_some());
    h.state_mut()
        .apply(Action::GoToStep(Step::Materials), &egui::Context::default());
    h.run_steps(2);
    click(&mut h, "删除照片：张三（申请人）");
    assert!(photo(&h).is_none());
    h
}

/// The applicant's photo (the one person of the personal sample).
pub fn photo(
    h: &egui_kittest::Harness<'static, beian::app::BeianApp>,
) -> Option<beian::model::draft::FacePhoto> {
    let draft = &h.state().draft;
    let people = draft.face_persons();
    assert_eq!(people.len(), 1);
    draft.materials.face_photo(&people[0].key).cloned()
}

pub fn applicant(h: &egui_kittest::Harness<'static, beian::app::BeianApp>) -> String {
    h.state().draft.face_persons()[0].key.clone()
}
