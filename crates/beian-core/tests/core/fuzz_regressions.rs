//! Inputs the fuzz targets in `fuzz/` found (`cargo xtask fuzz`), replayed without
//! libFuzzer so CI keeps them fixed: every file in `tests/data/fuzz/TARGET/` goes through
//! the same calls and checks as that target.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

use beian_core::documents::{self, Target, Turn};
use beian_core::store::draft_io::{draft_to_text, parse_draft};

/// The inputs kept for a target, in name order.
fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("tests/data/fuzz")
        .join(target);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    paths.retain(|p| p.is_file() && p.extension().is_none_or(|x| x != "md"));
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

/// As `fuzz/fuzz_targets/draft_load.rs`: a draft that loads saves and loads again.
fn draft_load(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("fuzz.ron");
    if let Ok(draft) = parse_draft(text, path) {
        let saved = draft_to_text(&draft).expect("a loaded draft serialises");
        let again = parse_draft(&saved, path).expect("a saved draft loads again");
        assert_eq!(draft_to_text(&again).ok().as_deref(), Some(saved.as_str()));
    }
}

#[test]
fn draft_load_inputs() {
    for (path, data) in inputs("draft_load") {
        eprintln!("{}", path.display());
        draft_load(&data);
    }
}

/// As `fuzz/fuzz_targets/document_intake.rs`.
fn document_intake(data: &[u8]) {
    let _outcome = documents::sniff(data);
    match documents::inspect(data) {
        Ok(m) if m.format == Some(documents::FileFormat::Pdf) => {
            let _outcome = documents::pdf::first_page(data, 256);
        }
        Ok(_) => {
            if let Ok(d) = documents::decode(data) {
                let turn = match data.len() % 4 {
                    0 => Turn::None,
                    1 => Turn::Right,
                    2 => Turn::Half,
                    _ => Turn::Left,
                };
                let target = Target {
                    max_bytes: 2 * 1024 * 1024,
                    max_long_side: 1600,
                    min_short_side: 300,
                    turn,
                };
                let _outcome =
                    documents::normalize::normalize_decoded(d.image, &d.measures, target);
            }
        }
        Err(_) => {}
    }
}

#[test]
fn document_intake_inputs() {
    for (path, data) in inputs("document_intake") {
        eprintln!("{}", path.display());
        document_intake(&data);
    }
}

#[test]
fn face_precheck_inputs() {
    let cases = inputs("face_precheck");
    if cases.is_empty() {
        return;
    }
    let detectors = beian_core::vision::Detectors::load().unwrap();
    for (path, data) in cases {
        eprintln!("{}", path.display());
        if let Ok(decoded) = documents::decode(&data) {
            let frame = decoded.image.to_rgb8();
            if let Ok(report) = beian_core::vision::precheck(&frame, &detectors, true) {
                let _outcome = report.passed();
            }
        }
    }
}

#[test]
fn bundle_verify_inputs() {
    let dir = tempfile::tempdir().unwrap();
    for (path, data) in inputs("bundle_verify") {
        eprintln!("{}", path.display());
        let file = dir.path().join("bundle.zip");
        std::fs::write(&file, &data).unwrap();
        let v = beian_core::bundle::verify(&file, &beian_core::bundle::TrustedKeys::default());
        assert!(!v.is_trusted());
    }
}

/// The `validate` target builds drafts from fuzzer bytes; a crashing one is kept as the
/// draft it built (`tests/data/fuzz/validate/*.ron`), checked the same way. Replaying the
/// crash with `BEIAN_FUZZ_DRAFT_OUT=FILE` set writes that draft before the rules run.
#[test]
fn validate_inputs() {
    for (path, data) in inputs("validate") {
        eprintln!("{}", path.display());
        let draft = parse_draft(std::str::from_utf8(&data).unwrap(), &path).unwrap();
        let report = beian_core::rules::validate(&draft);
        let _outcome = beian_core::rules::readiness(&draft, &report);
        let _outcome = beian_core::rules::finalize(&draft);
    }
}

/// As `fuzz/fuzz_targets/package_read.rs`: whatever reads renders every way. The app
/// fixtures go through it too, so the replay always has inputs.
fn package_read(data: &[u8]) {
    if let Ok(reading) = beian_core::packages::read_bytes(data) {
        for signer in &reading.signers {
            let c = &signer.certificate;
            let _outcome = (
                c.md5(),
                c.sha1(),
                c.sha256(),
                c.renderings(),
                c.common_name(),
            );
        }
        let now = chrono::Utc::now();
        let _outcome = reading.warnings(now, now);
    }
    let _outcome = beian_core::packages::macho::executable_certificates(data);
}

#[test]
fn package_read_inputs() {
    let apps = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/apps"
    ));
    let mut paths: Vec<PathBuf> = std::fs::read_dir(apps)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let fixtures = paths.into_iter().map(|p| {
        let bytes = std::fs::read(&p).unwrap();
        (p, bytes)
    });
    for (path, data) in inputs("package_read").into_iter().chain(fixtures) {
        eprintln!("{}", path.display());
        package_read(&data);
    }
}

/// As `fuzz/fuzz_targets/paper_read.rs`: a photo attached to the unit sample's
/// authorisation letter is read and judged; any text is tried as a QR payload.
fn paper_read(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = beian_core::forms::qr::Payload::decode(text);
    }
    let draft = beian_core::store::samples::sample(beian_core::model::FilingKind::Unit).unwrap();
    let papers = beian_core::rules::papers::papers(&draft);
    let paper = papers.first().unwrap();
    if let Ok(decoded) = documents::decode(data) {
        let gray = decoded.image.to_luma8();
        let reading = beian_core::forms::scan::read(&draft, &papers, paper.item, &gray);
        let _ = beian_core::forms::scan::verdict(&draft, &papers, paper.item, &reading);
    }
}

#[test]
fn paper_read_inputs() {
    for (path, data) in inputs("paper_read") {
        eprintln!("{}", path.display());
        paper_read(&data);
    }
}

/// The fuzz target's seed, damaged a few hundred ways (bytes overwritten, cut short), goes
/// through the same calls without a panic; the undamaged seed is read as the letter.
#[test]
fn a_damaged_paper_photo_is_read_without_panic() {
    let seed = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fuzz/seeds/paper_read/letter.png"
    ))
    .unwrap();
    let draft = beian_core::store::samples::sample(beian_core::model::FilingKind::Unit).unwrap();
    let papers = beian_core::rules::papers::papers(&draft);
    let gray = documents::decode(&seed).unwrap().image.to_luma8();
    let reading = beian_core::forms::scan::read(&draft, &papers, papers[0].item, &gray);
    assert!(reading.code.is_some(), "the seed is a readable letter");
    // A small linear congruential generator: the same damage on every run.
    let mut state: u64 = 0x5eed;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    };
    for round in 0..300 {
        let mut data = seed.clone();
        if round % 10 == 0 {
            data.truncate(next() % seed.len());
        } else {
            for _ in 0..1 + next() % 8 {
                let at = next() % data.len();
                data[at] = next() as u8;
            }
        }
        paper_read(&data);
    }
    // The decoded picture damaged: blocks blacked out or whited over the code and the
    // signature places, stripes, cropped; each is read without a panic.
    for round in 0..30u32 {
        let mut picture = gray.clone();
        let (w, h) = picture.dimensions();
        for _ in 0..1 + next() % 6 {
            let (x0, y0) = ((next() as u32) % w, (next() as u32) % h);
            let (bw, bh) = (1 + (next() as u32) % 300, 1 + (next() as u32) % 300);
            let value = if next() % 2 == 0 { 0 } else { 255 };
            for y in y0..(y0 + bh).min(h) {
                for x in x0..(x0 + bw).min(w) {
                    picture.put_pixel(x, y, image::Luma([value]));
                }
            }
        }
        if round % 5 == 0 {
            let (cw, ch) = (1 + (next() as u32) % w, 1 + (next() as u32) % h);
            picture = image::imageops::crop_imm(&picture, 0, 0, cw, ch).to_image();
        }
        let reading = beian_core::forms::scan::read(&draft, &papers, papers[0].item, &picture);
        let _ = beian_core::forms::scan::verdict(&draft, &papers, papers[0].item, &reading);
    }
}
