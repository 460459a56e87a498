//! An APP filing through the real widgets: an APP added on the services step, its
//! packages read by dropping files and through the file dialog, a debug build refused
//! beside its field, the read-back, and the exported bundle holding the values and the
//! certificate.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use beian::action::Action;
use beian::model::Step;
use beian::model::apps::Platform;
use beian::services::FakeFileDialog;
use common::{apply, drop_file_on, harness, settle, type_into};
use egui_kittest::kittest::Queryable as _;

type App = egui_kittest::Harness<'static, beian::app::BeianApp>;

fn fixture(name: &str) -> PathBuf {
    [env!("CARGO_MANIFEST_DIR"), "tests/data/apps", name]
        .iter()
        .collect()
}

/// Waits until block `p` of the first APP is no longer being read.
fn read_done(h: &mut App, p: usize) {
    let start = Instant::now();
    loop {
        settle(h);
        if !h.state().ui.apps.reading.contains_key(&(0, p)) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "reading never finished"
        );
    }
}

fn with_an_app(data: &std::path::Path, dialog: &FakeFileDialog) -> App {
    let mut h = harness(data, dialog);
    click_visible(&mut h, "打开个人备案示例");
    settle(&mut h);
    apply(&mut h, Action::GoToStep(Step::Websites));
    click_visible(&mut h, "添加 APP");
    type_into(&mut h, "APP名称", 0, "示例备案助手");
    // 服务内容 from the list, no SDK, the domain it calls.
    click_visible(&mut h, "服务内容");
    click_visible(&mut h, "实用工具");
    assert_eq!(h.state().draft.apps[0].service_content, "tools");
    click_visible(&mut h, "不使用第三方SDK");
    type_into(&mut h, "APP调用的域名", 0, "api.example.cn");
    h
}

/// Clicks the widget labelled `label` through its accessibility action (it may be below
/// the fold of the test window, where a pointer click would miss).
fn click_visible(h: &mut App, label: &str) {
    h.get_by_label(label).click_accesskit();
    h.run_steps(2);
}

#[test]
fn an_app_filing_from_the_form_to_an_exported_bundle() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = with_an_app(data.path(), &dialog);
    assert!(
        h.query_all_by_label_contains("网站与APP信息")
            .next()
            .is_some(),
        "the step names what it holds"
    );

    // Dropped on the first block: the APK fills it.
    drop_file_on(
        &mut h,
        "选择安装包或证书：APP 1 的安装包 1",
        fixture("v1v2v3.apk"),
    );
    read_done(&mut h, 0);
    let p = h.state().draft.apps[0].packages[0].clone();
    assert_eq!(p.platform, Platform::Android);
    assert_eq!(p.package_name, "com.example.beian");
    assert_eq!(p.fingerprint.len(), 32);
    assert!(
        h.query_all_by_label_contains("已从 v1v2v3.apk 读取")
            .next()
            .is_some()
    );

    // Chosen in the file dialog for a second block: the IPA makes it an iOS block.
    click_visible(&mut h, "为 APP 1 添加平台或安装包");
    dialog.answer_documents(vec![fixture("distribution.ipa")]);
    click_visible(&mut h, "选择安装包或证书：APP 1 的安装包 2");
    read_done(&mut h, 1);
    let ios = h.state().draft.apps[0].packages[1].clone();
    assert_eq!(ios.platform, Platform::Ios);
    assert_eq!(ios.fingerprint.len(), 40);

    // A debug build is refused beside its field, and its block removed (asked first).
    click_visible(&mut h, "为 APP 1 添加平台或安装包");
    drop_file_on(
        &mut h,
        "选择安装包或证书：APP 1 的安装包 3",
        fixture("debug.apk"),
    );
    read_done(&mut h, 2);
    h.state_mut().ui.revealed.insert(Step::Websites);
    settle(&mut h);
    assert!(
        h.query_all_by_label_contains("调试证书").next().is_some(),
        "the debug certificate is explained"
    );
    click_visible(&mut h, "删除 APP 1 的安装包 3");
    assert_eq!(
        h.state().draft.apps[0].packages.len(),
        3,
        "removing asks first"
    );
    click_visible(&mut h, "确认删除：删除 APP 1 的安装包 3");
    assert_eq!(h.state().draft.apps[0].packages.len(), 2);

    // A file that is not a package says so, and the block keeps its values.
    drop_file_on(
        &mut h,
        "选择安装包或证书：APP 1 的安装包 1",
        fixture("EXPECTED.tsv"),
    );
    read_done(&mut h, 0);
    assert!(
        h.query_all_by_label_contains("这不是安装包")
            .next()
            .is_some()
    );
    assert_eq!(
        h.state().draft.apps[0].packages[0].fingerprint,
        p.fingerprint
    );

    // The icon, on the materials step, checked like a document.
    apply(&mut h, Action::GoToStep(Step::Materials));
    let icon: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "assets/samples/documents/unit-app-icon.jpg",
    ]
    .iter()
    .collect();
    dialog.answer_documents(vec![icon]);
    click_visible(&mut h, "选择文件：APP图标（APP 1）");
    settle(&mut h);
    assert!(
        h.state()
            .draft
            .materials
            .attachments
            .iter()
            .any(|a| a.item.field == beian::model::Field::Document(beian::model::DocKind::AppIcon)),
        "the icon is attached"
    );

    // The review reads the APP back, and the bundle holds it with the certificate.
    apply(&mut h, Action::GoToStep(Step::Review));
    assert!(
        h.query_all_by_label_contains(&p.fingerprint)
            .next()
            .is_some()
    );
    let ack = "我已了解，继续";
    let n = h.query_all_by_label(ack).count();
    for i in 0..n {
        h.get_all_by_label(ack).nth(i).unwrap().click();
        h.run_steps(2);
    }
    h.state_mut().ui.export.password = "applicant password".into();
    h.state_mut().ui.export.password_again = "applicant password".into();
    settle(&mut h);
    let out = data.path().join("app.zip");
    dialog.answer(Some(out.clone()));
    click_visible(&mut h, "导出签名文件包…");
    let start = Instant::now();
    while !out.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{:?}",
            h.state().ui.export.result
        );
        settle(&mut h);
    }
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let name = zip
        .file_names()
        .filter_map(Result::ok)
        .find(|n| n.ends_with("application.json"))
        .map(|n| n.into_owned())
        .unwrap();
    let mut json = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(&name).unwrap(), &mut json).unwrap();
    assert!(json.contains(&p.fingerprint), "the fingerprint is filed");
    assert!(json.contains(&ios.fingerprint));
    let certificate = p.read.as_ref().unwrap().certificate.clone();
    assert!(
        json.contains(&certificate),
        "the certificate is kept as evidence"
    );
    assert!(!json.contains("debug.apk"));
}

#[test]
fn the_app_block_reads_in_english() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = with_an_app(data.path(), &dialog);
    apply(&mut h, Action::SetLocale(beian::i18n::Locale::En));
    drop_file_on(
        &mut h,
        "Choose package or certificate: package 1 of APP 1",
        fixture("rotated.apk"),
    );
    read_done(&mut h, 0);
    h.state_mut().ui.revealed.insert(Step::Websites);
    settle(&mut h);
    assert!(
        h.query_all_by_label_contains("Read from rotated.apk")
            .next()
            .is_some()
    );
    assert!(
        h.query_all_by_label_contains("rotated its signing key")
            .next()
            .is_some()
    );
    assert!(
        h.query_all_by_label_contains("Websites and APPs")
            .next()
            .is_some()
    );
}

#[test]
fn a_units_app_has_its_responsible_person_who_verifies_their_face() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    click_visible(&mut h, "打开单位备案示例");
    settle(&mut h);
    apply(&mut h, Action::GoToStep(Step::Websites));
    let persons = h.state().draft.face_persons().len();
    click_visible(&mut h, "添加 APP");
    assert!(h.query_all_by_label_contains("APP负责人").next().is_some());
    click_visible(&mut h, "与主体负责人相同：APP 1");
    let subject = h.state().draft.subject.responsible.clone();
    assert_eq!(h.state().draft.apps[0].responsible, subject);
    // As the APP's responsible person they verify their face on the materials step.
    assert_eq!(h.state().draft.face_persons().len(), persons + 1);
    apply(&mut h, Action::GoToStep(Step::Materials));
    let role = format!("{}（APP 1 负责人）", subject.name.trim());
    assert!(
        h.query_all_by_label_contains(&role).next().is_some(),
        "{role}"
    );
}

#[test]
fn a_mini_program_is_filled_in_and_read_back_for_its_platform() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    click_visible(&mut h, "打开个人备案示例");
    settle(&mut h);
    apply(&mut h, Action::GoToStep(Step::Websites));
    click_visible(&mut h, "添加小程序或快应用");
    type_into(&mut h, "AppID", 0, "wx0123456789abcdef");
    type_into(&mut h, "小程序名称", 0, "示例备案助手");
    type_into(&mut h, "服务内容（最多 5 项）", 0, "工具");
    click_visible(&mut h, "以上都不涉及（不涉及任何前置审批）");
    type_into(
        &mut h,
        "备注（实际经营和主要服务内容）",
        0,
        "帮助个人整理备案资料、检查常见退回原因的工具类小程序。",
    );
    assert!(
        h.query_all_by_label_contains("网站与APP信息")
            .next()
            .is_some()
    );
    let m = h.state().draft.mini_programs[0].clone();
    assert_eq!(m.app_id, "wx0123456789abcdef");
    assert!(m.no_pre_approval);
    apply(&mut h, Action::GoToStep(Step::Review));
    assert!(
        h.query_all_by_label_contains("wx0123456789abcdef")
            .next()
            .is_some()
    );
    let report = h.state().report.clone();
    let mini_issues: Vec<_> = report
        .issues
        .iter()
        .filter(|i| matches!(i.field.scope, beian::model::Scope::Mini(_)))
        .map(|i| i.code.key())
        .collect();
    assert!(mini_issues.is_empty(), "{mini_issues:?}");
}

/// Ticking "no website" on the filing-type step asks first when websites were entered,
/// then files an APP instead: the services step is named for it and asks for no website.
#[test]
fn a_filing_without_a_website_asks_first_and_lists_only_apps() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    click_visible(&mut h, "打开单位备案示例");
    settle(&mut h);
    apply(&mut h, Action::GoToStep(Step::FilingType));
    let tick = "本次不备案网站，只备案 APP、小程序或快应用";
    click_visible(&mut h, tick);
    assert_eq!(h.state().draft.websites.len(), 2, "nothing deleted yet");
    assert!(
        h.query_by_label_contains("已填写的网站信息会被删除")
            .is_some()
    );
    click_visible(&mut h, "取消");
    assert!(!h.state().draft.filing.no_website);
    click_visible(&mut h, tick);
    click_visible(&mut h, "确定，不备案网站");
    let draft = &h.state().draft;
    assert!(draft.filing.no_website && draft.websites.is_empty());
    assert_eq!(draft.apps.len(), 1);
    assert!(h.query_by_label("域名").is_none(), "no domain is asked");
    assert!(
        h.query_all_by_label_contains("APP与小程序信息")
            .next()
            .is_some()
    );
    apply(&mut h, Action::GoToStep(Step::Websites));
    assert!(h.query_by_label("添加网站").is_none());
    assert!(h.query_by_label("删除 APP 1").is_some());
}
