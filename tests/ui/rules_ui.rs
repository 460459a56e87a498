//! The rules as the user meets them: problems beside their fields as they type, on the
//! review step, and the same issues from `beian check`, in both languages.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers outside #[test] fns.

use crate::common;

use beian::i18n::Locale;
use beian::model::Step;
use beian::services::FakeFileDialog;
use common::{clear_and_type, click, harness};
use egui_kittest::kittest::Queryable as _;

fn open_sample(
    locale: Locale,
    unit: bool,
) -> (
    tempfile::TempDir,
    egui_kittest::Harness<'static, beian::app::BeianApp>,
) {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    if locale == Locale::En {
        click(&mut h, "English");
    }
    let label = match (locale, unit) {
        (Locale::ZhCn, false) => "打开个人备案示例",
        (Locale::ZhCn, true) => "打开单位备案示例",
        (Locale::En, false) => "Open the personal sample",
        (Locale::En, true) => "Open the organisation sample",
    };
    click(&mut h, label);
    common::settle(&mut h);
    (data, h)
}

#[test]
fn only_unit_filings_are_asked_for_an_emergency_contact() {
    for (unit, shown) in [(false, false), (true, true)] {
        let (_data, mut h) = open_sample(Locale::ZhCn, unit);
        h.state_mut().apply(
            beian::action::Action::GoToStep(Step::Subject),
            &egui::Context::default(),
        );
        h.run_steps(2);
        assert_eq!(
            h.query_by_label_contains("应急联系电话").is_some(),
            shown,
            "unit: {unit}"
        );
    }
}

#[test]
fn problems_show_beside_fields_and_on_review_in_chinese() {
    let (_data, mut h) = open_sample(Locale::ZhCn, false);
    clear_and_type(&mut h, "证件号码", 0, "110105194912310021");
    common::leave_field(&mut h);
    assert_eq!(h.state().draft.filing.cert_number, "110105194912310021");
    let message = "■ 身份证号校验位不正确：按前 17 位计算应为 X（GB 11643-1999，ISO 7064 MOD 11-2）。请逐位核对证件。";
    assert!(
        h.query_by_label(message).is_some(),
        "shown under the field once it is left"
    );
    assert_eq!(
        h.state().report.step_status(Step::FilingType),
        beian::rules::StepStatus::HasProblems
    );

    click(&mut h, "下一步");
    click(&mut h, "下一步");
    clear_and_type(&mut h, "网站名称", 0, "张三的博客");
    common::leave_field(&mut h);
    assert!(
        h.query_by_label_contains("个人网站名称不能含有“博客”")
            .is_some()
    );
    clear_and_type(&mut h, "首页 URL", 0, "www.other.cn");
    common::leave_field(&mut h);
    assert!(
        h.query_by_label_contains("首页 URL 必须在本网站的域名 example.cn 下")
            .is_some()
    );

    h.state_mut().apply(
        beian::action::Action::GoToStep(Step::Review),
        &egui::Context::default(),
    );
    h.run_steps(3);
    assert!(h.query_by_label_contains("身份证号校验位不正确").is_some());
    assert!(h.query_by_label("转到：证件号码").is_some());
    assert!(h.query_by_label("转到：网站 1 的网站名称").is_some());
    assert!(h.query_by_label("转到：网站 1 的首页 URL").is_some());
    click(&mut h, "转到：证件号码");
    assert_eq!(h.state().ui.step, Step::FilingType);
}

#[test]
fn problems_show_in_english_and_match_the_cli() {
    let (data, mut h) = open_sample(Locale::En, true);
    click(&mut h, "Next");
    clear_and_type(&mut h, "Second phone", 0, "010-12345678");
    common::leave_field(&mut h);
    assert!(
        h.query_by_label_contains(
            "The area code 010 does not match the city of the filing region; it should be 0591"
        )
        .is_some()
    );
    click(&mut h, "Next");
    clear_and_type(&mut h, "Mobile number", 0, "13800138001");
    common::leave_field(&mut h);
    assert!(
        h.query_by_label_contains("their mobile numbers must differ")
            .is_some()
    );
    h.state_mut().settle(std::time::Duration::from_secs(5));

    // `beian check` on the saved draft reports the same issues.
    let path = h.state().draft_path.clone().unwrap();
    let ui_issues: Vec<(String, &str)> = h
        .state()
        .report
        .issues
        .iter()
        .map(|i| (i.field.to_string(), i.code.key()))
        .collect();
    assert!(ui_issues.contains(&(
        "subject.responsible.phone2".to_owned(),
        "landline.area_mismatch"
    )));
    assert!(ui_issues.contains(&(
        "websites[0].responsible.mobile".to_owned(),
        "person.shared_mobile"
    )));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_beian"))
        .args(["check", "--json"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let cli_issues: Vec<(String, String)> = json["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["field"].as_str().unwrap().to_owned(),
                i["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let ui_issues: Vec<(String, String)> = ui_issues
        .into_iter()
        .map(|(f, c)| (f, c.to_owned()))
        .collect();
    assert_eq!(cli_issues, ui_issues);
    drop(data);
}
