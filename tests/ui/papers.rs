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
    // The printed page as a scanner sees it, signed on every line or not.
    let scan = |d: &beian::model::Draft, name: &str, signed: bool| {
        let pdf = beian::forms::render(d, &letter).unwrap();
        let mut page =
            image::DynamicImage::ImageRgba8(beian::documents::pdf::first_page(&pdf, 2200).unwrap())
                .to_rgb8();
        if signed {
            sign(&mut page, &beian::forms::layout(d, &letter).unwrap()[0]);
        }
        let path = data.path().join(name);
        page.save(&path).unwrap();
        path
    };
    let unsigned = scan(&draft, "scan.png", false);
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
    let foreign = scan(&other, "foreign.png", true);
    attach(&mut h, letter.item, foreign);
    assert!(
        h.query_all_by_label_contains("这是另一份备案的表格")
            .next()
            .is_some()
    );

    // Signed by both: the card says the code matches, and nothing is left to do.
    let signed = scan(&draft, "signed.png", true);
    attach(&mut h, letter.item, signed);
    assert!(
        h.query_all_by_label_contains("核对码相符：这正是本备案的这份表格")
            .next()
            .is_some()
    );
    assert!(
        !beian::rules::validate(&h.state().draft)
            .for_field(letter.item)
            .any(|i| i.code.key().starts_with("paper.")),
        "no paper finding is left"
    );
}

/// Scribbles a signature in each signature place of `page_ops` on `page` (a rendered A4
/// page): two strokes of black ink across the place.
fn sign(page: &mut image::RgbImage, page_ops: &[beian::forms::pdf::Op]) {
    let scale = page.width() as f32 / beian::forms::pdf::PAGE.0;
    for op in page_ops {
        if let beian::forms::pdf::Op::SignatureArea { rect, .. } = op {
            let (x, y, w, h) = (
                rect.0 * scale,
                rect.1 * scale,
                rect.2 * scale,
                rect.3 * scale,
            );
            for step in 0..400 {
                let t = step as f32 / 400.0;
                let px = x + w * 0.1 + w * 0.5 * t;
                let py = y + h * (0.2 + 0.6 * ((t * 12.0).sin() * 0.5 + 0.5));
                for d in 0..4 {
                    let (qx, qy) = (px as u32 + d, py as u32 + d / 2);
                    if qx < page.width() && qy < page.height() {
                        page.put_pixel(qx, qy, image::Rgb([20, 20, 30]));
                    }
                }
            }
        }
    }
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
