//! Whole filings through the real UI, headless, by label, in both languages.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers outside #[test] fns.

use crate::common;

use beian::app::Screen;
use beian::model::DocKind;
use beian::model::{CertType, CloudMode, FilingKind, HostNature, Step};
use beian::services::FakeFileDialog;
use common::{
    choose, choose_region, click, drop_file_on, harness, pick_document, settle, test_document,
    type_into,
};
use egui_kittest::kittest::Queryable as _;

/// Enters website `n`'s domain record and answers the pre-approval question (nothing
/// applies), in English.
fn domain_record_in_english(
    h: &mut egui_kittest::Harness<'static, beian::app::BeianApp>,
    n: usize,
) {
    type_into(
        h,
        "Domain registrar",
        n,
        "Alibaba Cloud Computing Co., Ltd.",
    );
    type_into(h, "Domain holder", n, "福州示例科技有限公司");
    type_into(h, "Domain expiry date", n, "2035-12-31");
    choose(
        h,
        "Domain real-name verification",
        n,
        "Real-name verification done",
    );
    h.get_all_by_label("None of these apply")
        .nth(n)
        .unwrap()
        .click();
    h.run_steps(2);
    assert!(h.state().draft.websites[n].no_pre_approval);
}

#[test]
fn a_personal_filing_in_chinese() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    assert_eq!(h.state().ui.screen, Screen::Start);
    click(&mut h, "新建个人备案");
    assert_eq!(h.state().ui.screen, Screen::Wizard);
    assert_eq!(h.state().ui.step, Step::FilingType);

    choose_region(&mut h, "省份", "北京市");
    choose_region(&mut h, "城市", "北京市");
    choose_region(&mut h, "区县", "朝阳区");
    // Hidden for a personal filing: host nature.
    assert!(h.query_by_label("主办者性质").is_none());
    type_into(&mut h, "证件号码", 0, "11010519491231002X");
    type_into(&mut h, "域名", 0, "example.cn");
    type_into(&mut h, "服务器 IP", 0, "121.40.1.10");
    click(&mut h, "下一步");
    assert_eq!(h.state().ui.step, Step::Subject);

    // Fields that do not apply to a personal filing are not shown.
    for hidden in [
        "法定代表人姓名",
        "投资人或主管单位",
        "负责人姓名",
        "联系方式2",
    ] {
        assert!(
            h.query_by_label(hidden).is_none(),
            "{hidden} should be hidden"
        );
    }
    type_into(&mut h, "姓名", 0, "张三");
    type_into(&mut h, "主体证件有效期起", 0, "2019-06-01");
    type_into(&mut h, "主体证件有效期至", 0, "2039-06-01");
    type_into(&mut h, "证件地址", 0, "北京市朝阳区示例路 1 号");
    type_into(&mut h, "通信地址", 0, "北京市朝阳区示例路 1 号 301 室");
    type_into(&mut h, "手机号码", 0, "13800138000");
    type_into(&mut h, "电子邮箱", 0, "zhangsan@example.cn");
    click(&mut h, "下一步");
    assert_eq!(h.state().ui.step, Step::Websites);

    assert!(
        h.query_by_label("负责人姓名").is_none(),
        "no website responsible person for 个人"
    );
    type_into(&mut h, "网站名称", 0, "张三的读书笔记");
    type_into(&mut h, "首页 URL", 0, "www.example.cn");
    // The domain's record, as the registrar shows it.
    type_into(&mut h, "域名注册商", 0, "阿里云计算有限公司");
    type_into(&mut h, "域名持有者", 0, "张三");
    type_into(&mut h, "域名到期日", 0, "2035-12-31");
    choose(&mut h, "域名实名认证", 0, "已完成实名认证");
    assert_eq!(
        h.state().draft.websites[0].domain_facts.real_name_verified,
        Some(true)
    );
    click(&mut h, "下一步");
    assert_eq!(h.state().ui.step, Step::Materials);

    // The documents: two through the file dialog, one dropped on its card.
    pick_document(
        &mut h,
        &dialog,
        "选择文件：证件人像面",
        test_document(DocKind::IdFront),
    );
    drop_file_on(
        &mut h,
        "选择文件：身份证国徽面",
        test_document(DocKind::IdBack),
    );
    pick_document(
        &mut h,
        &dialog,
        "选择文件：域名证书（网站 1）",
        test_document(DocKind::DomainCertificate),
    );
    assert_eq!(h.state().draft.materials.attachments.len(), 3);
    // The face photo from an existing picture, through the file dialog.
    pick_document(
        &mut h,
        &dialog,
        "使用已有照片：张三（申请人）",
        common::face_path("good.jpg"),
    );
    let photos = h.state().draft.face_photos();
    assert_eq!(photos.len(), 1);
    assert!(photos[0].1.is_some_and(|p| p.passed));
    assert_eq!(
        h.state().report.step_status(Step::Materials),
        beian::rules::StepStatus::Complete
    );
    click(&mut h, "下一步");
    assert_eq!(h.state().ui.step, Step::Review);
    assert!(h.query_by_label("没有发现问题。").is_some());

    settle(&mut h);
    let app = h.state();
    let d = &app.draft;
    assert_eq!(d.filing.kind, FilingKind::Personal);
    assert_eq!(
        (
            d.filing.province.as_str(),
            d.filing.city.as_str(),
            d.filing.district.as_str()
        ),
        ("110000", "110100", "110105")
    );
    assert_eq!(d.filing.cert_type, Some(CertType::ResidentId));
    assert_eq!(d.filing.cert_number, "11010519491231002X");
    assert_eq!(d.filing.cloud.mode, CloudMode::ServerIp);
    assert_eq!(d.subject.name, "张三");
    assert_eq!(d.subject.responsible.mobile, "13800138000");
    assert_eq!(d.websites.len(), 1);
    assert_eq!(d.websites[0].name, "张三的读书笔记");
    assert_eq!(d.website_domain(0), "example.cn");
    assert!(!app.report.has_errors(), "{:?}", app.report.issues);

    // The draft is on disk, and a new app opens it on the same step.
    let path = app.draft_path.clone().unwrap();
    assert!(path.exists());
    drop(h);
    let h = harness(data.path(), &dialog);
    assert_eq!(h.state().ui.screen, Screen::Wizard);
    assert_eq!(h.state().ui.step, Step::Review);
    assert_eq!(h.state().draft.subject.name, "张三");
}

#[test]
fn an_organisation_filing_with_two_websites_in_english() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    click(&mut h, "English");
    assert_eq!(h.state().settings.locale, beian::i18n::Locale::En);
    click(&mut h, "New organisation filing");

    choose_region(&mut h, "Province", "福建省");
    choose_region(&mut h, "City", "福州市");
    choose_region(&mut h, "District", "鼓楼区");
    choose(&mut h, "Subject type", 0, "Organisation");
    choose(&mut h, "Host nature", 0, "Enterprise");
    choose(
        &mut h,
        "Certificate type",
        0,
        "Business licence (individual or enterprise)",
    );
    type_into(&mut h, "Certificate number", 0, "91350100M000100Y43");
    type_into(&mut h, "Domain", 0, "example.com.cn");
    choose(&mut h, "Cloud service", 0, "Authorization code");
    type_into(&mut h, "Authorization code", 0, "AUTH-1234-5678");
    click(&mut h, "Next");

    type_into(&mut h, "Organisation name", 0, "福州示例科技有限公司");
    type_into(&mut h, "Certificate valid from", 0, "2018-03-15");
    h.get_all_by_label("No expiry").next().unwrap().click();
    h.run_steps(2);
    type_into(
        &mut h,
        "Address on certificate",
        0,
        "福州市鼓楼区示例路 100 号",
    );
    type_into(
        &mut h,
        "Mailing address",
        0,
        "福州市鼓楼区示例路 100 号 801 室",
    );
    type_into(&mut h, "Investor or supervising body", 0, "李四");
    type_into(&mut h, "Legal representative's name", 0, "李四");
    choose(
        &mut h,
        "Legal representative's certificate type",
        0,
        "Resident ID card",
    );
    type_into(
        &mut h,
        "Legal representative's certificate number",
        0,
        "350102198805123011",
    );
    type_into(&mut h, "Responsible person's name", 0, "李四");
    choose(
        &mut h,
        "Responsible person's certificate type",
        0,
        "Resident ID card",
    );
    type_into(
        &mut h,
        "Responsible person's certificate number",
        0,
        "350102198805123011",
    );
    type_into(
        &mut h,
        "Responsible person's certificate valid from",
        0,
        "2016-05-12",
    );
    type_into(
        &mut h,
        "Responsible person's certificate valid until",
        0,
        "2036-05-12",
    );
    type_into(&mut h, "Mobile number", 0, "13800138001");
    type_into(&mut h, "Second phone", 0, "0591-12345678");
    type_into(&mut h, "E-mail", 0, "lisi@example.com.cn");
    click(&mut h, "Next");
    assert_eq!(h.state().ui.step, Step::Websites);

    type_into(&mut h, "Website name", 0, "示例科技官网");
    type_into(&mut h, "Homepage URL", 0, "www.example.com.cn");
    domain_record_in_english(&mut h, 0);
    click(&mut h, "Same as the subject's responsible person (copy)");
    click(&mut h, "Add a website");
    assert_eq!(h.state().draft.websites.len(), 2);
    type_into(&mut h, "Website name", 1, "示例科技产品手册");
    type_into(&mut h, "Website domain", 1, "example.net.cn");
    type_into(&mut h, "Homepage URL", 1, "www.example.net.cn");
    domain_record_in_english(&mut h, 1);
    h.get_all_by_label("Same as the subject's responsible person (copy)")
        .nth(1)
        .unwrap()
        .click();
    h.run_steps(2);

    // Reorder and put back.
    click(&mut h, "Move website 2 up");
    assert_eq!(h.state().draft.websites[0].name, "示例科技产品手册");
    click(&mut h, "Move website 2 up");
    assert_eq!(h.state().draft.websites[0].name, "示例科技官网");

    click(&mut h, "Next");
    assert_eq!(h.state().ui.step, Step::Materials);
    for (button, kind) in [
        (
            "Choose file: Subject's certificate",
            DocKind::SubjectCertificate,
        ),
        (
            "Choose file: ID photo side (subject's responsible person)",
            DocKind::IdFront,
        ),
        (
            "Choose file: ID emblem side (subject's responsible person)",
            DocKind::IdBack,
        ),
        (
            "Choose file: Domain certificate (website 1)",
            DocKind::DomainCertificate,
        ),
        (
            "Choose file: Domain certificate (website 2)",
            DocKind::DomainCertificate,
        ),
    ] {
        pick_document(&mut h, &dialog, button, test_document(kind));
    }
    pick_document(
        &mut h,
        &dialog,
        "Use an existing photo: 李四 (responsible person of website 1, 2)",
        common::face_path("good.jpg"),
    );
    click(&mut h, "Next");
    assert_eq!(h.state().ui.step, Step::Review);
    assert!(
        h.query_by_label("No problems found.").is_some(),
        "{:?}",
        h.state().report.issues
    );

    let d = &h.state().draft;
    assert_eq!(d.filing.host_nature, Some(HostNature::Enterprise));
    assert_eq!(d.filing.cloud.mode, CloudMode::AuthCode);
    assert_eq!(d.filing.cloud.auth_code, "AUTH-1234-5678");
    assert!(d.subject.cert_validity.long_term);
    assert_eq!(d.subject.legal_rep.cert_type, Some(CertType::ResidentId));
    assert_eq!(d.websites[1].responsible.mobile, "13800138001");
    assert_eq!(d.website_domain(1), "example.net.cn");

    // Removing needs a confirmation; the primary website cannot be removed.
    assert!(h.query_by_label("Delete website 1").is_none());
    click(&mut h, "Back");
    click(&mut h, "Back");
    click(&mut h, "Delete website 2");
    assert_eq!(h.state().draft.websites.len(), 2);
    click(&mut h, "Confirm: delete website 2");
    assert_eq!(h.state().draft.websites.len(), 1);
}

#[test]
fn a_new_access_filing_checks_its_numbers_against_each_other() {
    use beian::model::{Field, FieldKey, IssueCode, Procedure, Scope};
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    click(&mut h, "新建单位备案");
    assert_eq!(h.state().ui.step, Step::FilingType);
    assert_eq!(h.state().draft.filing.procedure, Procedure::First);
    // A first filing asks for no numbers and no password.
    assert!(h.query_by_label("主体备案号").is_none());
    assert!(h.query_by_label("备案密码").is_none());

    // Subject and website filed through another provider: 新增接入（无主体）.
    click(&mut h, "主体已有主体备案号（如 京ICP备12345678号）");
    click(&mut h, "网站已有网站备案号（已在其他服务商处备案）");
    assert_eq!(
        h.state().draft.filing.procedure,
        Procedure::NewAccessWithoutSubject
    );
    assert!(
        h.query_by_label_contains("主体和网站都已在其他服务商备案")
            .is_some(),
        "the kind is explained"
    );
    assert!(
        h.query_by_label_contains("接入期间网站保持可访问")
            .is_some(),
        "what to expect during 新增接入 is said"
    );
    assert!(
        h.query_by_label("备案密码").is_some(),
        "新增接入 may ask it"
    );
    assert!(h.query_by_label("注销或取消接入的原因").is_none());
    type_into(&mut h, "主体备案号", 0, "京ICP备12345678号");
    assert_eq!(h.state().draft.subject.icp_number, "京ICP备12345678号");

    click(&mut h, "下一步");
    click(&mut h, "下一步");
    assert_eq!(h.state().ui.step, Step::Websites);
    let website = FieldKey::new(Scope::Website(0), Field::IcpNumber);
    let codes = |h: &egui_kittest::Harness<'static, beian::app::BeianApp>| {
        h.state()
            .report
            .for_field(website)
            .map(|i| i.code)
            .collect::<Vec<_>>()
    };
    type_into(&mut h, "网站备案号", 0, "京ICP备12345678号-0");
    common::leave_field(&mut h);
    settle(&mut h);
    assert!(
        codes(&h).contains(&IssueCode::IcpNumberWebsiteZero),
        "{:?}",
        codes(&h)
    );
    assert!(
        h.query_by_label_contains("网站序号从 1 开始").is_some(),
        "the -0 is flagged beside the field"
    );

    h.state_mut().draft.websites[0].icp_number.clear();
    h.run_steps(2);
    type_into(&mut h, "网站备案号", 0, "京ICP备87654321号-1");
    common::leave_field(&mut h);
    settle(&mut h);
    assert_eq!(codes(&h), vec![IssueCode::ProcedureWebsiteNumberMismatch]);
    assert!(
        h.query_by_label_contains("应以“京ICP备12345678号-”开头")
            .is_some(),
        "the mismatch names the subject's number"
    );

    h.state_mut().draft.websites[0].icp_number.clear();
    h.run_steps(2);
    type_into(&mut h, "网站备案号", 0, "京ICP备12345678号-1");
    settle(&mut h);
    assert!(codes(&h).is_empty(), "{:?}", codes(&h));
}

#[test]
fn an_approved_filing_starts_a_new_website_for_its_subject() {
    use beian::model::Procedure;
    use beian::model::edit::Edit;
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    click(&mut h, "新建单位备案");
    let first_id = h.state().draft.id.clone();
    {
        let app = h.state_mut();
        app.draft.subject.name = "示例科技有限公司".into();
        Edit::RecordSubmission(Box::new(beian::model::draft::SubmissionEvent {
            state: beian::model::SubmissionState::Approved,
            date: "2026-11-30".into(),
            ..Default::default()
        }))
        .apply(&mut app.draft);
        app.draft.submission.issued_icp_number = "闽ICP备12345678号-1".into();
        app.ui.step = Step::Tracking;
    }
    settle(&mut h);
    click(&mut h, "为此主体新增网站");
    settle(&mut h);
    let draft = &h.state().draft;
    assert_ne!(draft.id, first_id);
    assert_eq!(draft.filing.procedure, Procedure::NewWebsiteWithSubject);
    assert_eq!(draft.subject.name, "示例科技有限公司");
    assert_eq!(draft.subject.icp_number, "闽ICP备12345678号");
    assert!(draft.submission.events.is_empty());
    assert_eq!(h.state().ui.step, Step::FilingType);
    // The type step shows the copied subject number.
    assert!(h.query_by_label("主体备案号").is_some());
}
