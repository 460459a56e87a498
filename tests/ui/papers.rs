//! Printing a paper from the materials step: the instructions on its card, the save
//! dialog, the PDF written and opened.
#![allow(clippy::unwrap_used)]

use crate::common;

use beian::action::Action;
use beian::model::Step;
use beian::services::FakeFileDialog;
use common::{apply, harness, settle};
use egui_kittest::kittest::Queryable as _;

#[test]
fn the_authorisation_letter_is_printed_from_its_card() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = unit_sample_materials(data.path(), &dialog);
    // The card says who signs and how.
    for text in [
        "由法定代表人李四和被授权人王五分别",
        "黑色签字笔正楷",
        "红色公章",
    ] {
        assert!(
            h.query_all_by_label_contains(text).next().is_some(),
            "{text}"
        );
    }
    let out = data.path().join("letter.pdf");
    dialog.answer(Some(out.clone()));
    h.get_by_label("打印填好的表格：授权书（网站 1 负责人）")
        .click_accesskit();
    h.run_steps(2);
    let start = std::time::Instant::now();
    while !out.exists() {
        assert!(start.elapsed() < std::time::Duration::from_secs(30));
        settle(&mut h);
    }
    settle(&mut h);
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
    assert!(
        dialog
            .asked()
            .iter()
            .any(|a| a == "save_paper:授权书-王五.pdf"),
        "{:?}",
        dialog.asked()
    );
    assert!(
        h.query_all_by_label_contains("已保存并打开")
            .next()
            .is_some()
    );
}

/// "Print all" from the card at the top of the materials step: every paper in one file
/// (opened for printing) and each in a folder beside it. Then the printed letter, scanned
/// without signatures and attached to its item, is read: the check code matches, and the
/// card names the blank signature places; a scan of another filing's letter is refused.
#[test]
fn every_paper_is_printed_at_once_and_a_returned_scan_is_judged() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = unit_sample_materials(data.path(), &dialog);
    assert!(
        h.query_all_by_label_contains("这份备案需要打印签字的表格（1 份）")
            .next()
            .is_some()
    );
    let combined = data.path().join("全部.pdf");
    dialog.answer(Some(combined.clone()));
    h.get_by_label("打印全部表格").click_accesskit();
    h.run_steps(2);
    let start = std::time::Instant::now();
    while h.state().ui.materials.printed_all.is_none() {
        assert!(start.elapsed() < std::time::Duration::from_secs(30));
        settle(&mut h);
    }
    settle(&mut h);
    assert!(std::fs::read(&combined).unwrap().starts_with(b"%PDF-"));
    let folder = data.path().join("全部");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1);
    assert!(h.query_all_by_label_contains("已保存：").next().is_some());

    // The letter as printed, scanned (no signature yet) and attached to its item.
    let draft = h.state().draft.clone();
    let letter = beian::rules::papers::papers(&draft)
        .into_iter()
        .find(|p| p.template == "authorization")
        .unwrap();
    let scan = |d: &beian::model::Draft, name: &str| {
        let pdf = beian::forms::render(d, &letter).unwrap();
        let page = beian::documents::pdf::first_page(&pdf, 2200).unwrap();
        let path = data.path().join(name);
        image::DynamicImage::ImageRgba8(page)
            .to_rgb8()
            .save(&path)
            .unwrap();
        path
    };
    let unsigned = scan(&draft, "scan.png");
    attach(&mut h, letter.item, unsigned);
    let attached = h
        .state()
        .draft
        .materials
        .attachments
        .iter()
        .find(|a| a.item == letter.item)
        .unwrap()
        .clone();
    let reading = attached.paper.clone().expect("the letter's scan is read");
    assert!(reading.code.is_some());
    assert!(!reading.unsigned.is_empty());
    assert!(
        h.query_all_by_label_contains("这些签字处看起来还是空白")
            .next()
            .is_some()
    );

    // Another filing's letter: refused as such.
    let mut other = draft.clone();
    other.id = "2026-12-07T00-00-00-000000".into();
    let foreign = scan(&other, "foreign.png");
    attach(&mut h, letter.item, foreign);
    assert!(
        h.query_all_by_label_contains("这是另一份备案的表格")
            .next()
            .is_some()
    );
}

/// Attaches the file at `path` to `item` as the materials step does, and waits for it.
fn attach(
    h: &mut egui_kittest::Harness<'static, beian::app::BeianApp>,
    item: beian::model::FieldKey,
    path: std::path::PathBuf,
) {
    apply(
        h,
        beian::action::DocumentAction::Attach {
            item,
            paths: vec![path],
        }
        .into(),
    );
    let start = std::time::Instant::now();
    while h.state().ui.materials.busy.contains(&item) {
        assert!(start.elapsed() < std::time::Duration::from_secs(30));
        settle(h);
    }
    settle(h);
}

/// The window with the unit sample open on its materials step.
fn unit_sample_materials(
    data: &std::path::Path,
    dialog: &FakeFileDialog,
) -> egui_kittest::Harness<'static, beian::app::BeianApp> {
    let mut h = harness(data, dialog);
    h.get_by_label("打开单位备案示例").click_accesskit();
    h.run_steps(2);
    settle(&mut h);
    apply(&mut h, Action::GoToStep(Step::Materials));
    h
}
