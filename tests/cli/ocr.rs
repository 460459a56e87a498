//! Text recognition on the synthetic document photos of `tests/data/ocr/` (made by
//! `scripts/make-ocr-samples.py`, truth in `truth.json`): accuracy per degradation level
//! is printed; on the clean and mild levels and the quarter-turned photos every number
//! must be read exactly, and at no level may a wrong number that passes its checks be
//! proposed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use beian::rules::data::Tables;
use beian::rules::ids::{check_resident_id, check_uscc};
use beian::rules::reading::{NumberKind, TextField, read_fields};
use beian::vision::ocr::{Ocr, Scope};
use chrono::NaiveDate;

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ocr")
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default()
}

#[derive(Default)]
struct Tally {
    images: usize,
    numbers: usize,
    exact: usize,
    missed: usize,
    wrong_valid: usize,
    substituted: usize,
    names: usize,
    names_exact: usize,
    addresses: usize,
    addresses_exact: usize,
    millis: u128,
}

#[test]
fn numbers_are_read_exactly_or_not_at_all() {
    let truth: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(data().join("truth.json")).unwrap()).unwrap();
    let ocr = Ocr::load().unwrap();
    let tables = Tables::get();
    let mut levels: BTreeMap<String, Tally> = BTreeMap::new();
    let mut failures = Vec::new();
    for case in truth.iter().filter(|c| c["level"] != "bench") {
        let file = case["file"].as_str().unwrap();
        let level = case["level"].as_str().unwrap().to_owned();
        let kind = match case["kind"].as_str().unwrap() {
            "id_front" => Some(NumberKind::ResidentId),
            "licence" => Some(NumberKind::CreditCode),
            _ => None,
        };
        let expected = case["number"].as_str();
        // The truth itself passes the rules the proposals are held to.
        if let Some(n) = expected {
            match kind {
                Some(NumberKind::ResidentId) => {
                    assert!(check_resident_id(n, today(), tables).0.is_some(), "{n}")
                }
                _ => assert!(check_uscc(n, tables).0.is_some(), "{n}"),
            }
        }
        let image = image::open(data().join(file)).unwrap().to_rgb8();
        let started = std::time::Instant::now();
        let page = ocr
            .read(&image, Scope::Fields(beian::rules::reading::label_kind))
            .unwrap();
        let reading = read_fields(&page, today(), tables);
        let t = levels.entry(level.clone()).or_default();
        t.millis += started.elapsed().as_millis();
        t.images += 1;
        let mut wrong: Vec<&str> = reading
            .numbers
            .iter()
            .map(|n| n.value.as_str())
            .filter(|v| Some(*v) != expected)
            .collect();
        // The ID number's birth date is not a second number.
        wrong.retain(|v| v.chars().count() == 18);
        t.wrong_valid += wrong.len();
        if !wrong.is_empty() {
            failures.push(format!("{file}: proposed wrong {wrong:?}"));
        }
        if let (Some(kind), Some(expected)) = (kind, expected) {
            t.numbers += 1;
            match reading.number(kind) {
                Some(n) if n.value == expected => {
                    t.exact += 1;
                    t.substituted += usize::from(n.substitution.is_some());
                }
                Some(_) => {}
                None => {
                    t.missed += 1;
                    if ["clean", "mild", "turned"].contains(&level.as_str()) {
                        let lines: Vec<&str> = page.lines.iter().map(|l| l.text.as_str()).collect();
                        failures.push(format!("{file}: no number; read {lines:?}"));
                    }
                }
            }
        }
        if let Some(name) = case["name"].as_str() {
            t.names += 1;
            t.names_exact += usize::from(reading.text(TextField::Name) == Some(name));
        }
        if let Some(address) = case["address"].as_str() {
            t.addresses += 1;
            t.addresses_exact += usize::from(reading.text(TextField::Address) == Some(address));
        }
    }
    println!(
        "level     images numbers exact missed wrong-valid substituted names addresses ms/image"
    );
    for (level, t) in &levels {
        println!(
            "{level:<9} {:>6} {:>7} {:>5} {:>6} {:>11} {:>11} {:>2}/{:<2} {:>6}/{:<2} {:>8}",
            t.images,
            t.numbers,
            t.exact,
            t.missed,
            t.wrong_valid,
            t.substituted,
            t.names_exact,
            t.names,
            t.addresses_exact,
            t.addresses,
            t.millis / t.images.max(1) as u128
        );
    }
    for level in ["clean", "mild", "turned"] {
        let t = &levels[level];
        assert!(t.numbers > 0, "no {level} cases");
        assert_eq!(t.exact, t.numbers, "{level}: {failures:#?}");
    }
    let wrong: usize = levels.values().map(|t| t.wrong_valid).sum();
    assert_eq!(wrong, 0, "{failures:#?}");
}

#[test]
fn beian_read_prints_the_proposal_as_json() {
    let out = Command::new(env!("CARGO_BIN_EXE_beian"))
        .args(["--lang", "en", "read", "--json"])
        .arg(data().join("mild-licence-1.jpg"))
        .env("RTEN_NUM_THREADS", "1")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["format"], "beian.read/1");
    let file = &json["files"][0];
    let number = &file["proposed"]["numbers"][0];
    assert_eq!(number["kind"], "credit_code");
    assert_eq!(number["value"], "91330106MA7430L11M");
    assert_eq!(number["labelled"], true);
    let texts = file["proposed"]["texts"].as_array().unwrap();
    assert!(
        texts
            .iter()
            .any(|t| t["field"] == "legal_representative" && t["value"] == "刘洋"),
        "{texts:?}"
    );
    // An image without a number: exit 1, and the text output says so.
    let out = Command::new(env!("CARGO_BIN_EXE_beian"))
        .args(["--lang", "en", "read"])
        .arg(data().join("clean-id_back-0.jpg"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("No certificate number"), "{text}");
    assert!(text.contains("2020.05.27-2040.05.27"), "{text}");
}
