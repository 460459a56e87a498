//! The face-photo pre-checks on the sample frames made by `scripts/make-face-samples.py`:
//! each case's verdict and main reason (the first check that fails).
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers outside #[test] fns.

use std::path::PathBuf;
use std::sync::LazyLock;

use beian::vision::{CheckId, Detectors, PreCheck, precheck};

static DETECTORS: LazyLock<Detectors> = LazyLock::new(|| Detectors::load().unwrap());

fn frame(name: &str) -> image::RgbImage {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
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

#[test]
fn each_bad_frame_fails_for_its_main_reason() {
    let cases = [
        ("no-face.jpg", CheckId::FaceCount),
        ("two-faces.jpg", CheckId::FaceCount),
        ("too-dark.jpg", CheckId::FaceNotDark),
        ("too-bright.jpg", CheckId::FaceNotBright),
        ("too-small.jpg", CheckId::TooFar),
        ("too-close.jpg", CheckId::TooClose),
        ("off-centre.jpg", CheckId::CentredX),
        ("dark-background.jpg", CheckId::BackgroundWhite),
        ("uneven-background.jpg", CheckId::BackgroundWhite),
        ("colour-cast.jpg", CheckId::BackgroundNeutral),
        ("tilted.jpg", CheckId::Level),
        ("side-light.jpg", CheckId::EvenLight),
        ("blurred.jpg", CheckId::Sharp),
    ];
    for (name, reason) in cases {
        let report = check(name);
        assert!(!report.passed(), "{name} passed");
        let first = report.first_failure().unwrap();
        assert_eq!(first.id, reason, "{name}: {:#?}", report.checks);
        assert_ne!(first.guidance_key, "precheck.ok");
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

#[test]
fn the_sequence_passes_once_the_person_is_centred() {
    let verdicts: Vec<bool> = (0..10)
        .map(|i| check(&format!("sequence/{i:03}.jpg")).passed())
        .collect();
    assert_eq!(&verdicts[..5], &[false; 5]);
    assert!(verdicts[5..].iter().all(|v| *v), "{verdicts:?}");
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
