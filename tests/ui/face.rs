//! The face photo through the real UI: the demonstration camera (the same pipeline as a
//! webcam), capture once the checks are stable, a failing existing photo with a help-desk
//! override, and a camera that cannot start.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers outside #[test] fns.

use crate::common;

use std::time::{Duration, Instant};

use beian::action::Action;
use beian::camera::CameraChoice;
use beian::model::{Field, FieldKey, Scope, Step};
use beian::services::FakeFileDialog;
use common::face::{applicant, open_materials, photo};
use common::{click, pick_document, settle};
use egui_kittest::kittest::Queryable as _;

/// Where the applicant's photo issues are shown.
fn face_field() -> FieldKey {
    FieldKey::new(Scope::Subject, Field::FacePhoto)
}

#[test]
fn the_demonstration_camera_leads_to_a_passing_photo() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = open_materials(&dialog, data.path());
    let person = applicant(&h);
    h.state_mut().apply(
        Action::Face(beian::action::FaceAction::StartCamera {
            person,
            choice: CameraChoice::Demo,
        }),
        &egui::Context::default(),
    );
    let needed = beian::steps::face::stable_needed();
    let start = Instant::now();
    while h.state().ui.face.stable < needed {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "checks never became stable"
        );
        h.run_steps(1);
        std::thread::sleep(Duration::from_millis(50));
    }
    // The guidance said what to fix while the person moved into place.
    assert!(h.query_by_label("很好，保持不动。").is_some());
    click(&mut h, "拍照");
    settle(&mut h);
    let photo = photo(&h).expect("a photo");
    assert!(photo.passed);
    assert_eq!(photo.source, "camera");
    let report = photo.report.unwrap();
    assert!(report.checks.len() >= 15 && report.detector.contains("BlazeFace"));
    assert!(
        h.state().ui.face.worker.is_none(),
        "the camera stops after capture"
    );
    let face = face_field();
    assert_eq!(h.state().report.for_field(face).count(), 0);
}

#[test]
fn a_failing_photo_needs_a_help_desk_reason() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = open_materials(&dialog, data.path());
    pick_document(
        &mut h,
        &dialog,
        "使用已有照片：张三（申请人）",
        common::face_path("too-dark.jpg"),
    );
    let photo = photo(&h).unwrap();
    assert!(!photo.passed);
    let face = face_field();
    let codes: Vec<_> = h.state().report.for_field(face).map(|i| i.code).collect();
    assert_eq!(codes, vec!["face.not_passed"]);
    common::type_into(&mut h, "放行理由", 0, "现场核对本人，光线为摄像头故障");
    click(&mut h, "服务人员确认放行：张三（申请人）");
    let codes: Vec<_> = h
        .state()
        .report
        .for_field(face)
        .map(|i| (i.code.key(), i.severity))
        .collect();
    assert_eq!(
        codes,
        vec![("face.overridden", beian::rules::Severity::Notice)]
    );
    assert!(!h.state().report.has_errors());
}

#[test]
fn a_camera_that_cannot_start_says_so_and_the_app_goes_on() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = open_materials(&dialog, data.path());
    let missing = data.path().join("no-such-folder");
    let person = applicant(&h);
    h.state_mut().apply(
        Action::Face(beian::action::FaceAction::StartCamera {
            person,
            choice: CameraChoice::File(missing),
        }),
        &egui::Context::default(),
    );
    let start = Instant::now();
    while h.state().ui.face.error.is_none() {
        assert!(start.elapsed() < Duration::from_secs(10));
        h.run_steps(1);
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(h.state().ui.face.worker.is_none());
    assert!(h.query_by_label_contains("没有可读的图片").is_some());
    // The rest of the app keeps working.
    click(&mut h, "下一步");
    assert_eq!(h.state().ui.step, Step::Review);
}
