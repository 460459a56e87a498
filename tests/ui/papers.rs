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
    let mut h = harness(data.path(), &dialog);
    h.get_by_label("打开单位备案示例").click_accesskit();
    h.run_steps(2);
    settle(&mut h);
    apply(&mut h, Action::GoToStep(Step::Materials));
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
