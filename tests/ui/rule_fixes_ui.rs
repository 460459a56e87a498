//! The rule fixes as the user meets them: the province's notes on the type step, the
//! domain's record on the websites step, and where a failing credit code was checked on
//! the review step.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers outside #[test] fns.

use crate::common;

use beian::action::Action;
use beian::model::edit::Edit;
use beian::model::{CreditCodeCheck, DocKind, Field, FieldKey, Scope, Step};
use beian::services::FakeFileDialog;
use common::{choose_region, click, harness, type_into};
use egui_kittest::kittest::Queryable as _;

fn go_to(h: &mut egui_kittest::Harness<'static, beian::app::BeianApp>, step: Step) {
    h.state_mut()
        .apply(Action::GoToStep(step), &egui::Context::default());
    h.run_steps(2);
}

fn edit(h: &mut egui_kittest::Harness<'static, beian::app::BeianApp>, e: Edit) {
    h.state_mut()
        .apply(Action::Edit(e), &egui::Context::default());
    h.run_steps(2);
}

#[test]
fn the_type_step_shows_the_provinces_notes_once_it_is_chosen() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    click(&mut h, "新建个人备案");
    assert!(h.query_by_label_contains("管局的其他要求").is_none());
    choose_region(&mut h, "省份", "江苏省");
    assert!(h.query_by_label("江苏省管局的其他要求").is_some());
    let note = &beian::rules::data::Tables::get()
        .province("32")
        .unwrap()
        .notes[0]
        .zh
        .clone();
    assert!(
        h.query_by_label(&format!("• {note}")).is_some(),
        "the first note is shown: {note}"
    );
    // In plain words: no internal source tags.
    for tag in ["[K]", "[OLD]", "[S]", "TC-old", "HW-kb"] {
        assert!(
            h.query_by_label_contains(tag).is_none(),
            "{tag} reaches the user"
        );
    }
}

#[test]
fn the_websites_step_asks_for_the_domains_record() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    click(&mut h, "新建个人备案");
    go_to(&mut h, Step::Websites);
    for label in ["域名注册商", "域名持有者", "域名到期日", "域名实名认证"] {
        assert!(h.query_by_label(label).is_some(), "{label}");
    }
    // "以上都不涉及" is a unit question; for a unit it is not ticked for the applicant.
    type_into(&mut h, "域名持有者", 0, "李雷");
    type_into(&mut h, "域名到期日", 0, "2026-01-01");
    common::leave_field(&mut h);
    assert_eq!(h.state().draft.websites[0].domain_facts.holder, "李雷");
    assert!(
        h.query_by_label_contains("已于 2026-01-01 到期").is_some(),
        "the expiry's problem is shown beside the field"
    );
    common::choose(&mut h, "域名实名认证", 0, "尚未完成实名认证");
    assert_eq!(
        h.state().draft.websites[0].domain_facts.real_name_verified,
        Some(false)
    );
    assert!(h.query_by_label_contains("域名尚未完成实名认证").is_some());
}

#[test]
fn a_unit_website_starts_without_the_none_answer() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    click(&mut h, "新建单位备案");
    go_to(&mut h, Step::Websites);
    assert!(!h.state().draft.websites[0].no_pre_approval);
    click(&mut h, "以上都不涉及");
    assert!(h.state().draft.websites[0].no_pre_approval);
}

#[test]
fn the_review_step_asks_where_a_failing_credit_code_was_checked() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    click(&mut h, "打开单位备案示例");
    common::settle(&mut h);
    h.state_mut().draft.filing.cert_number = "91350100M000100Y44".into();
    let licence = FieldKey::new(Scope::Subject, Field::Document(DocKind::SubjectCertificate));
    edit(&mut h, Edit::RemoveAttachment(licence));
    go_to(&mut h, Step::Review);
    let attached = "对照已上传的营业执照逐位核对，代码与执照一致";
    let paper = "对照纸质营业执照逐位核对，代码与执照一致";
    assert!(
        h.query_by_label("您在哪里核对了这个统一社会信用代码？")
            .is_some()
    );
    assert!(h.query_by_label(paper).is_some());
    assert!(
        h.query_by_label(attached).is_none(),
        "without a licence attached, the attached licence is not offered"
    );
    h.get_by_label(paper).click_accesskit();
    h.run_steps(2);
    assert_eq!(
        h.state().draft.review.credit_code_checked,
        Some(CreditCodeCheck::PaperLicence)
    );
    assert!(
        h.query_by_label_contains("已确认：对照纸质营业执照")
            .is_some()
    );
    // The review page is longer than the test window: activate it as a screen reader would.
    h.get_by_label("撤回核对确认").click_accesskit();
    h.run_steps(2);
    assert_eq!(h.state().draft.review.credit_code_checked, None);
}

#[test]
fn the_region_on_the_id_is_offered_once_the_number_is_typed() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    click(&mut h, "新建个人备案");
    let offer = "选择 福建省 福州市 鼓楼区";
    assert!(h.query_by_label(offer).is_none(), "nothing to offer yet");
    type_into(&mut h, "证件号码", 0, "350102198805123011");
    common::leave_field(&mut h);
    click(&mut h, offer);
    let f = &h.state().draft.filing;
    assert_eq!(
        (f.province.as_str(), f.city.as_str(), f.district.as_str()),
        ("350000", "350100", "350102")
    );
    assert!(
        h.query_by_label(offer).is_none(),
        "offered while it differs"
    );
}

#[test]
fn a_units_credit_code_offers_its_province_only() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    click(&mut h, "新建单位备案");
    choose_region(&mut h, "省份", "广东省");
    type_into(&mut h, "证件号码", 0, "91350100M000100Y43");
    common::leave_field(&mut h);
    click(&mut h, "选择 福建省");
    let f = &h.state().draft.filing;
    assert_eq!(f.province, "350000");
    assert!(
        f.city.is_empty() && f.district.is_empty(),
        "the city follows the mailing address"
    );
}
