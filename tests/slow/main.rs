//! Opt-in timing checks (`cargo xtask test --slow`): how long a frame takes with the
//! camera running and in a folder of 10,000 files. Their limits hold on an idle machine,
//! not necessarily on a loaded one, so the default run leaves them out; the benchmarks in
//! `benches/` measure the same paths with statistics.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use beian::action::Action;
use beian::camera::CameraChoice;
use beian::services::FakeFileDialog;
use common::face::{applicant, open_materials};
use common::picker::{click, go_to, harness, wait_for};
use egui_kittest::kittest::Queryable as _;

#[test]
fn the_ui_frame_stays_light_with_the_camera_running() {
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
    // Let the preview start.
    let start = Instant::now();
    while h.state().ui.face.preview.is_none() {
        assert!(start.elapsed() < Duration::from_secs(20));
        h.run_steps(1);
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut times = Vec::new();
    for _ in 0..60 {
        let t = Instant::now();
        h.step();
        times.push(t.elapsed());
        std::thread::sleep(Duration::from_millis(15));
    }
    times.sort();
    let median = times[times.len() / 2];
    eprintln!(
        "UI frame with the camera running (layout and texture upload, no GPU): median {median:?}, max {:?}",
        times.last().unwrap()
    );
    // Capture and analysis run on their own threads: the UI thread only uploads the
    // newest frame and lays out the page.
    assert!(median < Duration::from_millis(100), "{median:?}");
}

#[test]
fn a_folder_of_ten_thousand_files_stays_responsive() {
    let data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    for i in 0..10_000 {
        std::fs::write(folder.path().join(format!("f{i:05}.ron")), b"").unwrap();
    }
    let mut h = harness(data.path());
    click(&mut h, "打开…");
    let started = Instant::now();
    go_to(&mut h, folder.path());
    wait_for(&mut h, "f00000.ron");
    let listed = started.elapsed();
    // Only the rows in view are drawn.
    assert!(h.query_by_label("f09999.ron").is_none());
    let mut slowest = Duration::ZERO;
    for _ in 0..20 {
        let frame = Instant::now();
        h.key_press(egui::Key::ArrowDown);
        h.run_steps(1);
        slowest = slowest.max(frame.elapsed());
    }
    println!("10,000 files: listed and shown in {listed:?}, slowest frame {slowest:?}");
    // Generous for an unoptimised build on a busy machine; a picker drawing every row
    // takes seconds per frame here.
    assert!(slowest < Duration::from_millis(750), "{slowest:?}");
    assert!(
        h.query_by_label("f00020.ron").is_some(),
        "the list follows the cursor"
    );
}
