//! Walk-throughs by label of what depends on the kind of filing and on the people in it:
//! a 变更 filing (fixed fields read-only, no website added, one removed), a 单位 filing
//! with two websites on different cloud services run by two people who each take their
//! face photo from the file camera, and a cancellation that asks for no details.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers outside #[test] fns.

use crate::common;

use std::time::{Duration, Instant};

use beian::model::{CloudMode, DocKind, Field, FieldKey, Procedure, Scope, Step};
use beian::services::FakeFileDialog;
use common::{choose, click, harness, settle, type_into};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

type App = Harness<'static, beian::app::BeianApp>;

fn open_unit_sample(data: &std::path::Path, dialog: &FakeFileDialog) -> App {
    let mut h = harness(data, dialog);
    click(&mut h, "打开单位备案示例");
    let start = Instant::now();
    while h.state().draft.subject.name.is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the sample never opened"
        );
        settle(&mut h);
    }
    assert_eq!(h.state().draft.websites.len(), 2);
    h
}

/// Whether some input labelled `label` can be typed into.
fn has_text_input(h: &App, label: &str) -> bool {
    h.query_all_by_label(label)
        .any(|n| n.accesskit_node().role() == Role::TextInput)
}

#[test]
fn a_change_filing_keeps_province_certificate_and_domains_and_only_removes_websites() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = open_unit_sample(data.path(), &dialog);
    assert_eq!(h.state().ui.step, Step::FilingType);
    // The first "备案类型" is the section heading, the second its drop-down.
    choose(&mut h, "备案类型", 1, "变更备案");
    assert_eq!(h.state().draft.filing.procedure, Procedure::Change);
    type_into(&mut h, "主体备案号", 0, "闽ICP备12345678号");

    click(&mut h, "下一步");
    assert_eq!(h.state().ui.step, Step::Subject);
    // Province and certificate are shown, not editable, and say what to file instead.
    assert!(!has_text_input(&h, "证件号码"));
    assert!(
        h.query_by_label_contains("福州").is_some(),
        "the region is shown"
    );
    assert!(
        h.query_by_label_contains("变更备案不能修改备案省份")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("变更备案不能修改证件号码")
            .is_some()
    );
    // The rest of the subject can be changed.
    assert!(has_text_input(&h, "通信地址"));

    click(&mut h, "下一步");
    assert_eq!(h.state().ui.step, Step::Websites);
    // Neither website's domain can be typed into; the note says what to do instead.
    assert!(!has_text_input(&h, "网站域名"));
    assert_eq!(
        h.query_all_by_label_contains("变更备案不能修改域名")
            .count(),
        2
    );
    // No website can be added: the button is off and names the kind to file.
    assert!(h.get_by_label("添加网站").accesskit_node().is_disabled());
    assert!(h.query_by_label_contains("请另行办理“新增网站”").is_some());
    h.get_by_label("添加网站").click();
    h.run_steps(2);
    assert_eq!(h.state().draft.websites.len(), 2);
    // A website can be removed.
    click(&mut h, "删除网站 2");
    click(&mut h, "确认删除网站 2");
    assert_eq!(h.state().draft.websites.len(), 1);
    assert_eq!(h.state().draft.websites[0].name, "示例科技官网");
    // A change filing still checks its website numbers like any filed website.
    let number = FieldKey::new(Scope::Website(0), Field::IcpNumber);
    assert!(
        h.state().report.for_field(number).count() > 0,
        "变更 needs the website's number"
    );
    type_into(&mut h, "网站备案号", 0, "闽ICP备12345678号-1");
    settle(&mut h);
    assert_eq!(h.state().report.for_field(number).count(), 0);
}

/// Scrolls the widget labelled `label` into view, lets the scroll animation end, then
/// clicks it.
fn click_in_view(h: &mut App, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run_steps(30);
    click(h, label);
}

/// Waits until the running camera's checks have passed often enough to take the photo.
fn wait_until_stable(h: &mut App) {
    let needed = beian::steps::face::stable_needed();
    let start = Instant::now();
    while h.state().ui.face.stable < needed {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "checks never became stable: {:?}",
            h.state().ui.face.error
        );
        h.run_steps(1);
        std::thread::sleep(Duration::from_millis(50));
    }
    h.run_steps(2);
}

#[test]
fn two_websites_on_two_clouds_run_by_two_people_take_two_photos_and_export() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = open_unit_sample(data.path(), &dialog);
    // The file camera plays this picture, as `--camera-file` does.
    h.state_mut()
        .set_default_camera(beian::camera::CameraChoice::File(common::face_path(
            "good.jpg",
        )));
    click(&mut h, "下一步");
    click(&mut h, "下一步");
    assert_eq!(h.state().ui.step, Step::Websites);

    // Website 2 is replaced by one that 赵六 runs on another server.
    click(&mut h, "删除网站 2");
    click(&mut h, "确认删除网站 2");
    click(&mut h, "添加网站");
    assert_eq!(h.state().draft.websites.len(), 2);
    type_into(&mut h, "网站名称", 1, "示例科技客服中心");
    type_into(&mut h, "网站域名", 1, "example.net.cn");
    type_into(&mut h, "首页 URL", 1, "www.example.net.cn");
    // Both websites start on the filing's cloud service.
    assert_eq!(h.get_all_by_label("使用备案类型中的云服务").count(), 2);
    h.get_all_by_label("使用备案类型中的云服务")
        .nth(1)
        .unwrap()
        .click();
    h.run_steps(2);
    let own = h.state().draft.websites[1].cloud.clone().expect("its own");
    assert_eq!(
        own,
        h.state().draft.filing.cloud,
        "it starts from the filing's"
    );
    // Replace the copied address with the website's own server.
    h.state_mut().draft.websites[1]
        .cloud
        .as_mut()
        .unwrap()
        .server_ip
        .clear();
    h.run_steps(2);
    type_into(&mut h, "网站服务器 IP", 0, "10.0.0.8");
    settle(&mut h);
    let ip = FieldKey::new(Scope::Website(1), Field::ServerIp);
    let codes: Vec<_> = h
        .state()
        .report
        .for_field(ip)
        .map(|i| i.code.key())
        .collect();
    assert_eq!(codes, vec!["server_ip.not_public"]);
    h.state_mut().draft.websites[1]
        .cloud
        .as_mut()
        .unwrap()
        .server_ip
        .clear();
    h.run_steps(2);
    type_into(&mut h, "网站服务器 IP", 0, "47.106.1.21");
    type_into(&mut h, "负责人姓名", 1, "赵六");
    choose(&mut h, "负责人证件类型", 1, "居民身份证");
    type_into(&mut h, "负责人证件号码", 1, "350102199202023454");
    type_into(&mut h, "负责人证件有效期起", 1, "2020-05-12");
    type_into(&mut h, "负责人证件有效期至", 1, "2040-05-12");
    type_into(&mut h, "手机号码", 1, "13900139003");
    type_into(&mut h, "联系方式2", 1, "0591-87654322");
    type_into(&mut h, "应急联系电话", 1, "13700137003");
    type_into(&mut h, "电子邮箱", 1, "zhaoliu@example.com.cn");
    // The second domain's record is the same registrar and holder as the first's; no
    // pre-approval (the domain-record and pre-approval UI are driven in rule_fixes_ui.rs).
    {
        let d = &mut h.state_mut().draft;
        d.websites[1].domain_facts = d.websites[0].domain_facts.clone();
        d.websites[1].no_pre_approval = true;
    }
    settle(&mut h);
    {
        let d = &h.state().draft;
        assert_eq!(d.website_cloud(0).server_ip, "47.106.1.20");
        assert_eq!(d.website_cloud(1).server_ip, "47.106.1.21");
        assert_eq!(d.websites[1].responsible.name, "赵六");
        let errors: Vec<_> = h
            .state()
            .report
            .issues
            .iter()
            .filter(|i| {
                i.field.step() == Step::Websites && i.severity == beian::rules::Severity::Error
            })
            .map(|i| (i.field.to_string(), i.code))
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
    }

    click(&mut h, "下一步");
    assert_eq!(h.state().ui.step, Step::Materials);
    // 赵六's documents (the checklist UI has its own walk-through in tests/ui/wizard.rs).
    assert!(
        beian::rules::materials::checklist(&h.state().draft)
            .iter()
            .any(|i| i.key
                == FieldKey::new(
                    Scope::WebsiteResponsible(1),
                    Field::Document(DocKind::IdFront)
                )),
        "赵六's ID is asked for"
    );
    let path = h.state().draft_path.clone().unwrap();
    common::attach_test_documents(&mut h.state_mut().draft, &path);
    h.run_steps(2);
    settle(&mut h);
    // Start again without photos: each person takes theirs below.
    for person in h.state().draft.face_persons() {
        click_in_view(
            &mut h,
            &format!("删除照片：{}", person.label(beian::i18n::Locale::ZhCn)),
        );
    }

    // Two people must verify, each in their own card.
    let people = h.state().draft.face_persons();
    assert_eq!(
        people
            .iter()
            .map(|p| p.label(beian::i18n::Locale::ZhCn))
            .collect::<Vec<_>>(),
        vec!["王五（网站 1 负责人）", "赵六（网站 2 负责人）"]
    );
    settle(&mut h);
    assert!(h.query_by_label_contains("需要 2 位负责人").is_some());
    let face = |n: usize| FieldKey::new(Scope::WebsiteResponsible(n), Field::FacePhoto);
    for n in 0..2 {
        let codes: Vec<_> = h
            .state()
            .report
            .for_field(face(n))
            .map(|i| i.code.key())
            .collect();
        assert_eq!(
            codes,
            vec!["face.missing"],
            "{n}: {} photos; {:?}",
            h.state().draft.materials.face_photos.len(),
            h.state()
                .report
                .issues
                .iter()
                .filter(|i| i.field.field == Field::FacePhoto)
                .collect::<Vec<_>>()
        );
    }
    assert!(h.state().draft.materials.face_photos.is_empty());

    // Each from the file camera, in their own card.
    for person in &people {
        click_in_view(
            &mut h,
            &format!("打开摄像头：{}", person.label(beian::i18n::Locale::ZhCn)),
        );
        assert_eq!(
            h.state().ui.face.target.as_deref(),
            Some(person.key.as_str())
        );
        wait_until_stable(&mut h);
        click_in_view(&mut h, "拍照");
        settle(&mut h);
        let photo = h
            .state()
            .draft
            .materials
            .face_photo(&person.key)
            .cloned()
            .unwrap_or_else(|| panic!("no photo for {}", person.name));
        assert!(photo.passed);
        assert_eq!(photo.source, "camera");
        assert!(h.state().ui.face.worker.is_none(), "the camera stops");
    }
    assert_eq!(h.state().draft.materials.face_photos.len(), 2);
    let a = h
        .state()
        .draft
        .materials
        .face_photo(&people[0].key)
        .unwrap()
        .sha256
        .clone();
    assert!(
        h.state()
            .draft
            .materials
            .face_photos
            .iter()
            .all(|p| p.sha256 == a || p.person == people[1].key)
    );
    for n in 0..2 {
        assert_eq!(h.state().report.for_field(face(n)).count(), 0, "{n}");
    }

    click(&mut h, "下一步");
    assert_eq!(h.state().ui.step, Step::Review);
    // Acknowledge what warns, then nothing stands between the filing and its export.
    let warnings: Vec<_> = h
        .state()
        .report
        .issues
        .iter()
        .filter(|i| i.severity == beian::rules::Severity::Warning)
        .map(|i| i.acknowledgement())
        .collect();
    for ack in warnings {
        h.state_mut().apply(
            beian::action::Action::Edit(beian::model::edit::Edit::AcknowledgeWarning(ack)),
            &egui::Context::default(),
        );
    }
    settle(&mut h);
    let draft = h.state().draft.clone();
    let report = beian::rules::validate(&draft);
    assert!(
        beian::rules::readiness(&draft, &report).is_ok(),
        "{:?}",
        report.issues
    );
    assert_eq!(draft.website_cloud(1).mode, CloudMode::ServerIp);
}

#[test]
fn a_website_cancellation_asks_only_for_the_numbers() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = open_unit_sample(data.path(), &dialog);
    // The kind chosen as the help desk does (the drop-down's far end is tested by 变更).
    h.state_mut().apply(
        beian::action::Action::Edit(beian::model::edit::Edit::ChooseProcedure(
            Procedure::CancelWebsite,
        )),
        &egui::Context::default(),
    );
    settle(&mut h);
    assert_eq!(h.state().draft.filing.procedure, Procedure::CancelWebsite);
    click(&mut h, "下一步");
    assert_eq!(h.state().ui.step, Step::Subject);
    assert!(h.query_by_label_contains("无需填写主体信息").is_some());
    assert!(!has_text_input(&h, "通信地址"));
    assert!(!has_text_input(&h, "负责人姓名"));
    click(&mut h, "下一步");
    assert_eq!(h.state().ui.step, Step::Websites);
    assert!(
        h.query_by_label_contains("只需填写要办理的网站的域名和网站备案号")
            .is_some()
    );
    assert!(!has_text_input(&h, "网站名称"));
    assert!(!has_text_input(&h, "首页 URL"));
    assert!(!has_text_input(&h, "负责人姓名"));
    assert_eq!(
        h.get_all_by_label("网站备案号")
            .filter(|n| n.accesskit_node().role() == Role::TextInput)
            .count(),
        2
    );
    // Emptied details are not demanded: only the numbers and the reason are.
    {
        let d = &mut h.state_mut().draft;
        d.subject.mailing_address.clear();
        d.websites[1].name.clear();
        d.websites[1].responsible.mobile.clear();
    }
    h.run_steps(2);
    settle(&mut h);
    let missing: Vec<String> = h
        .state()
        .report
        .issues
        .iter()
        .filter(|i| i.is_missing())
        .map(|i| i.field.to_string())
        .collect();
    for field in &missing {
        assert!(
            field.starts_with("filing.")
                || field == "subject.icp_number"
                || field.ends_with(".icp_number"),
            "{field} is hidden yet demanded: {missing:?}"
        );
    }
    assert!(
        missing.contains(&"filing.cancel_reason".to_owned()),
        "{missing:?}"
    );
}
