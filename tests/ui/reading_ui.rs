//! Reading the certificate from its document on the filing-type step: a licence photo
//! dropped on "从证件读取" fills the credit code (checked), shows where it was read on the
//! picture, and stays marked until the user confirms it; a value read that differs from
//! what was entered waits for the user's choice.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use beian::model::{Field, FieldKey, IssueCode, Scope};
use beian::services::FakeFileDialog;
use common::{click, drop_file_on, harness, settle, type_into};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

fn licence() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/ocr/clean-licence-0.jpg")
}

const NUMBER: &str = "91350102MA13517495";
const NAME: &str = "福州云帆科技有限公司";

fn cert_number() -> FieldKey {
    FieldKey::new(Scope::Filing, Field::CertNumber)
}

/// Draws until the reading is shown (recognition takes seconds in a debug build).
fn wait_for_reading(h: &mut Harness<'static, beian::app::BeianApp>) {
    let started = Instant::now();
    while h.query_by_label_contains("从证件读到的内容").is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the document was not read"
        );
        settle(h);
    }
}

fn issues_of(h: &Harness<'static, beian::app::BeianApp>, key: FieldKey) -> Vec<IssueCode> {
    h.state().report.for_field(key).map(|i| i.code).collect()
}

#[test]
fn a_dropped_licence_fills_the_credit_code_marked_until_confirmed() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    click(&mut h, "新建单位备案");
    assert!(h.query_by_label("从证件读取").is_some());

    drop_file_on(&mut h, "从证件读取", licence());
    wait_for_reading(&mut h);

    // The number is filled in, as read and valid, and marked.
    assert_eq!(h.state().draft.filing.cert_number, NUMBER);
    assert_eq!(h.state().draft.subject.name, NAME);
    assert_eq!(
        issues_of(&h, cert_number()),
        vec![IssueCode::ReadFromDocument]
    );
    assert!(
        h.query_by_label_contains("此项由证件照片自动读取")
            .is_some(),
        "the mark is shown under the field"
    );
    // The picture with the regions read.
    let region = h
        .query_by_label_contains("证件图片，框出读取位置")
        .expect("the picture with its regions");
    assert!(region.rect().width() > 50.0);
    assert!(
        h.query_by_label(NUMBER).is_some(),
        "the value read is shown"
    );

    // Offered in the reading panel and under the field, where the mark is shown.
    assert_eq!(h.query_all_by_label("核对无误：证件号码").count(), 2);
    h.get_all_by_label("核对无误：证件号码")
        .next()
        .unwrap()
        .click();
    h.run_steps(2);
    assert!(
        issues_of(&h, cert_number()).is_empty(),
        "confirmed: no issue"
    );
    assert_eq!(h.state().draft.filing.cert_number, NUMBER);
    assert!(h.query_by_label("● 与已填内容一致").is_some());

    // The draft on disk keeps the remaining marks (the name was not confirmed).
    settle(&mut h);
    h.state_mut().settle(Duration::from_secs(10));
    let path = h.state().draft_path.clone().unwrap();
    let saved =
        beian::store::draft_io::load_draft(&beian::store::sealed::Library::of_file(&path), &path)
            .unwrap();
    assert!(
        saved
            .materials
            .read_marks
            .iter()
            .any(|m| m.field == FieldKey::new(Scope::Subject, Field::Name))
    );
    assert!(
        saved
            .materials
            .read_marks
            .iter()
            .all(|m| m.field != cert_number())
    );
}

#[test]
fn a_number_read_over_a_typed_one_is_only_proposed() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    click(&mut h, "新建单位备案");
    type_into(&mut h, "证件号码", 0, "91110000100000000L");
    let typed = h.state().draft.filing.cert_number.clone();

    drop_file_on(&mut h, "从证件读取", licence());
    wait_for_reading(&mut h);
    assert_eq!(h.state().draft.filing.cert_number, typed, "not overwritten");
    // Another subject's document: nothing is filled, and it says whose it is.
    assert_eq!(h.state().draft.subject.name, "", "nothing filled");
    assert!(
        h.query_by_label_contains("与本备案已填写的证件号码")
            .is_some()
    );

    click(&mut h, "改用此证件上的人");
    assert_eq!(h.state().draft.filing.cert_number, NUMBER);
    let codes = issues_of(&h, cert_number());
    assert!(codes.is_empty(), "accepted by the user: {codes:?}");
}
