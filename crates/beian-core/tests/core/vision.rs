//! The face-photo pre-checks on the sample frames made by `scripts/make-face-samples.py`:
//! each frame's verdict and main reason (the first check that fails), for every frame
//! the script writes; the script itself judges nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers outside #[test] fns.

use std::path::PathBuf;
use std::sync::LazyLock;

use beian_core::vision::{CheckId, Detectors, PreCheck, precheck};

static DETECTORS: LazyLock<Detectors> = LazyLock::new(|| Detectors::load().unwrap());

fn frame(name: &str) -> image::RgbImage {
    let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("assets/samples/faces")
        .join(name);
    image::open(path).unwrap().to_rgb8()
}

fn check(name: &str) -> PreCheck {
    precheck(&frame(name), &DETECTORS, true).unwrap()
}

#[test]
fn the_good_frame_passes_every_check() {
    let report = check("good.jpg");
    assert!(report.passed(), "{:#?}", report.checks);
    assert_eq!(report.faces.len(), 1);
    assert!(report.checks.len() >= 15);
}

/// Every frame `scripts/make-face-samples.py` writes, with its verdict: `None` passes,
/// `Some(check)` fails, `check` being the first check that fails (its main reason).
fn verdicts() -> Vec<(String, Option<CheckId>)> {
    let mut out: Vec<(String, Option<CheckId>)> = [
        ("good.jpg", None),
        ("no-face.jpg", Some(CheckId::FaceCount)),
        ("two-faces.jpg", Some(CheckId::FaceCount)),
        ("too-dark.jpg", Some(CheckId::FaceNotDark)),
        ("too-bright.jpg", Some(CheckId::FaceNotBright)),
        ("too-small.jpg", Some(CheckId::TooFar)),
        ("too-close.jpg", Some(CheckId::TooClose)),
        ("off-centre.jpg", Some(CheckId::CentredX)),
        ("dark-background.jpg", Some(CheckId::BackgroundWhite)),
        ("uneven-background.jpg", Some(CheckId::BackgroundWhite)),
        ("colour-cast.jpg", Some(CheckId::BackgroundNeutral)),
        ("tilted.jpg", Some(CheckId::Level)),
        ("side-light.jpg", Some(CheckId::EvenLight)),
        ("blurred.jpg", Some(CheckId::Sharp)),
    ]
    .into_iter()
    .map(|(name, verdict)| (name.to_owned(), verdict))
    .collect();
    // The person walks into the frame: not centred at first, passing once centred.
    for i in 0..10 {
        let verdict = (i < 5).then_some(CheckId::CentredX);
        out.push((format!("sequence/{i:03}.jpg"), verdict));
    }
    out
}

#[test]
fn each_frame_gets_its_verdict() {
    for (name, verdict) in verdicts() {
        let report = check(&name);
        match verdict {
            None => assert!(report.passed(), "{name}: {:#?}", report.checks),
            Some(reason) => {
                assert!(!report.passed(), "{name} passed");
                let first = report.first_failure().unwrap();
                assert_eq!(first.id, reason, "{name}: {:#?}", report.checks);
                assert_ne!(first.guidance_key, "precheck.ok");
            }
        }
    }
    // The uneven background also fails evenness, and only the full-range model sees the
    // small second face.
    assert!(
        check("uneven-background.jpg")
            .checks
            .iter()
            .any(|c| c.id == CheckId::BackgroundEven && !c.passed)
    );
    let quick = precheck(&frame("two-faces.jpg"), &DETECTORS, false).unwrap();
    assert_eq!(quick.faces.len(), 1);
}

/// The frames on disk, as paths relative to `assets/samples/faces`.
fn frames_on_disk(dir: &std::path::Path, prefix: &str, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            frames_on_disk(&path, &format!("{prefix}{name}/"), out);
        } else if name.ends_with(".jpg") {
            out.push(format!("{prefix}{name}"));
        }
    }
}

/// Every generated frame has its verdict asserted above, and the verdict CASES.md
/// announces for it (the script writes it and decides nothing) is the one asserted.
#[test]
fn every_generated_frame_has_its_verdict_asserted() {
    let dir =
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("assets/samples/faces");
    let mut on_disk = Vec::new();
    frames_on_disk(&dir, "", &mut on_disk);
    on_disk.sort();
    let mut verdicts = verdicts();
    verdicts.sort_by(|a, b| a.0.cmp(&b.0));
    let asserted: Vec<String> = verdicts.iter().map(|(n, _)| n.clone()).collect();
    assert_eq!(
        on_disk, asserted,
        "frames without an asserted verdict, or missing"
    );

    let cases = std::fs::read_to_string(dir.join("CASES.md")).unwrap();
    let mut announced = Vec::new();
    for row in cases.lines().filter(|l| l.starts_with("| `")) {
        let ticked: Vec<&str> = row.split('`').skip(1).step_by(2).collect();
        let name = ticked[0].to_owned();
        let verdict = ticked
            .iter()
            .find(|t| **t == "pass" || t.starts_with("fail: "))
            .unwrap_or_else(|| panic!("CASES.md gives {name} no verdict"));
        let expected = verdict.strip_prefix("fail: ").map(|key| {
            verdicts
                .iter()
                .filter_map(|(_, v)| *v)
                .find(|id| id.key() == key)
                .unwrap_or_else(|| panic!("{name}: unknown check {key}"))
        });
        announced.push((name, expected));
    }
    announced.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(announced, verdicts, "CASES.md and this test disagree");
}

#[test]
fn the_detector_matches_the_reference() {
    // scripts/make-face-reference.py ran onnxruntime on the same frame: front model,
    // letterboxed, score 0.958, box (233.6,126.2)-(401.7,294.4).
    let faces = DETECTORS.front.detect(&frame("good.jpg"), 0.5).unwrap();
    assert_eq!(faces.len(), 1);
    let f = faces[0];
    assert!((f.score - 0.958).abs() < 0.02, "{}", f.score);
    for (got, want) in f.bbox.iter().zip([233.6, 126.2, 401.7, 294.4]) {
        assert!((got - want).abs() < 4.0, "{:?}", f.bbox);
    }
}

#[test]
fn hostile_frames_do_not_panic() {
    for (w, h) in [(1, 1), (3, 2000), (2000, 3), (64, 64)] {
        let img = image::RgbImage::from_pixel(w, h, image::Rgb([250, 250, 250]));
        let report = precheck(&img, &DETECTORS, true).unwrap();
        assert!(!report.passed());
    }
}
