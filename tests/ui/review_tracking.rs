//! The review step's read-back and declarations, and the tracking step's stages, through
//! the real UI by label.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use beian::action::Action;
use beian::model::{Field, FieldKey, Procedure, Scope, Step, SubmissionState};
use beian::services::FakeFileDialog;
use common::{clear_and_type, click, harness, settle, type_into, wait_for_wizard};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

type H = Harness<'static, beian::app::BeianApp>;

const ACK: &str = "我已了解，仍要继续";

fn open_sample(h: &mut H, label: &str, step: Step) {
    click(h, label);
    wait_for_wizard(h);
    go(h, step);
}

fn go(h: &mut H, step: Step) {
    assert_eq!(h.state().ui.screen, beian::app::Screen::Wizard);
    h.state_mut()
        .apply(Action::GoToStep(step), &egui::Context::default());
    settle(h);
}

/// Clicks a widget that may lie below the harness's window (the review page is long).
fn press(h: &mut H, label: &str) {
    h.get_by_label(label).click_accesskit();
    h.run_steps(3);
}

fn acknowledge_all(h: &mut H) {
    let n = h.query_all_by_label(ACK).count();
    for i in 0..n {
        h.get_all_by_label(ACK).nth(i).unwrap().click();
        h.run_steps(2);
    }
}

#[test]
fn review_reads_back_every_value_of_the_unit_sample_with_marks_and_jumps() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    open_sample(&mut h, "打开单位备案示例", Step::Review);
    settle(&mut h);
    let d = h.state().draft.clone();
    let s = &d.subject;
    let mut entered: Vec<String> = vec![
        d.filing.cert_number.clone(),
        d.filing.domain.clone(),
        d.filing.cloud.server_ip.clone(),
        s.name.clone(),
        s.cert_address.clone(),
        s.mailing_address.clone(),
        s.investor.clone(),
        s.legal_rep.name.clone(),
        s.legal_rep.cert_number.clone(),
    ];
    let mut people = vec![&s.responsible];
    for w in &d.websites {
        entered.extend([w.name.clone(), w.homepage.clone()]);
        people.push(&w.responsible);
    }
    entered.push(d.website_domain(1).to_owned());
    for p in people {
        entered.extend([
            p.name.clone(),
            p.cert_number.clone(),
            p.mobile.clone(),
            p.phone2.clone(),
            p.emergency_phone.clone(),
            p.email.clone(),
        ]);
    }
    for value in entered.iter().filter(|v| !v.trim().is_empty()) {
        assert!(
            h.query_all_by_label(value.trim()).count() > 0,
            "{value:?} is not read back"
        );
    }
    // Labels and choices read back too.
    for label in ["福建省 福州市 鼓楼区", "企业", "营业执照", "法定代表人"] {
        assert!(
            h.query_all_by_label_contains(label).count() > 0,
            "{label:?} is not shown"
        );
    }
    // The documents and the photo are shown as cards with their thumbnails.
    assert!(h.query_by_label("材料与人脸核验照片").is_some());
    // One photo per person who verifies: the sample's two websites share one person.
    assert_eq!(h.query_all_by_label_contains("修改：核验照片").count(), 1);
    // A personal-only or other-kind field is not shown: no cancellation reason, no numbers.
    assert!(h.query_by_label("修改：网站 1 的网站备案号").is_none());

    // What is wrong is marked beside the value and listed; the row jumps to the field.
    h.state_mut().draft.websites[1].name.clear();
    h.run_steps(3);
    assert!(h.query_all_by_label("■ 未填写").count() > 0);
    assert!(h.query_by_label("转到：网站 2 的网站名称").is_some());
    click(&mut h, "修改：网站 2 的网站名称");
    assert_eq!(h.state().ui.step, Step::Websites);
}

#[test]
fn export_is_blocked_until_the_declarations_are_ticked() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    click(&mut h, "打开单位备案示例");
    wait_for_wizard(&mut h);
    h.state_mut().draft.review.declarations.clear();
    go(&mut h, Step::Review);
    acknowledge_all(&mut h);
    settle(&mut h);
    assert!(
        h.query_by_label("导出签名文件包…").is_none(),
        "export is blocked"
    );
    assert!(
        h.query_by_label("导出前请确认：备案信息真实性承诺。")
            .is_some()
    );
    assert!(h.query_by_label("导出前请确认：其他人员同意。").is_some());
    // The consent names the other people of the filing.
    let consent = "我已取得备案信息中其他人员（李四、王五）的同意，可以提交他们的个人信息。";
    assert!(h.query_by_label(consent).is_some());

    // Choose who declares: the website's responsible person.
    press(&mut h, "由王五声明");
    for text in [
        "备案信息真实性承诺：我承诺所填写的备案信息真实、准确、完整，提交的材料与原件一致。",
        consent,
    ] {
        press(&mut h, text);
        assert!(h.query_by_label("导出签名文件包…").is_none());
    }
    press(&mut h, "我已阅读并同意云服务商的《相关条款》。");
    settle(&mut h);
    assert!(
        h.query_by_label("导出签名文件包…").is_some(),
        "export is open: {:?}",
        beian::rules::readiness(&h.state().draft, &h.state().report)
    );
    let made = &h.state().draft.review.declarations;
    assert_eq!(made.len(), 3);
    let wangwu = FieldKey::new(Scope::WebsiteResponsible(0), Field::Name);
    assert!(
        made.iter()
            .all(|d| d.by == "王五" && d.person == Some(wangwu))
    );
    assert!(made.iter().all(|d| d.at.is_some() && !d.sample));

    // A later change asks again.
    h.state_mut().draft.subject.remark = "变更后的备注".into();
    h.run_steps(3);
    assert_eq!(h.query_all_by_label("已变更，请重新确认").count(), 3);
    assert!(h.query_by_label("导出签名文件包…").is_none());
}

#[test]
fn tracking_records_the_sms_and_the_approval_and_shows_the_footer() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    open_sample(&mut h, "打开单位备案示例", Step::Tracking);
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();

    // A past day can be recorded, a future one cannot.
    clear_and_type(&mut h, "日期", 0, "2099-01-01");
    assert!(h.query_by_label("不能记录将来的时间。").is_some());
    clear_and_type(&mut h, "日期", 0, "2026-11-20");
    type_into(&mut h, "说明", 0, "通过控制台提交");
    click(&mut h, "记录：已提交，云服务商初审中");
    let events = &h.state().draft.submission.events;
    assert_eq!(events[0].date, "2026-11-20");
    assert_eq!(events[0].note, "通过控制台提交");
    assert!(h.query_by_label("正在等待：云服务商审核").is_some());
    assert!(
        h.query_all_by_label_contains("（通常 1 个工作日内）")
            .count()
            > 0
    );

    click(&mut h, "记录：初审通过，已提交管局");
    // The SMS goes to the responsible persons of a first filing.
    assert!(h.query_by_label("短信发送至 李四：13800138001").is_some());
    assert!(h.query_by_label("短信发送至 王五：13800138002").is_some());
    clear_and_type(&mut h, "日期", 0, &today);
    click(&mut h, "记录：已收到工信部短信核验");
    assert!(h.query_by_label_contains("剩余时间：").is_some());
    click(&mut h, "记录：短信核验完成，管局审核中");
    assert!(h.query_by_label("正在等待：管局审核").is_some());

    // The numbers are checked before the approval can be recorded.
    clear_and_type(&mut h, "主体备案号", 0, "京ICP备12345678号");
    settle(&mut h);
    click(&mut h, "记录：备案完成");
    assert_eq!(
        h.state().draft.submission.current(),
        Some(SubmissionState::SmsVerified),
        "a number of another province is refused"
    );
    clear_and_type(&mut h, "主体备案号", 0, "闽ICP备12345678号");
    type_into(
        &mut h,
        "网站 1（example.com.cn）备案号",
        0,
        "闽ICP备12345678号-1",
    );
    type_into(
        &mut h,
        "网站 2（example.net.cn）备案号",
        0,
        "闽ICP备12345678号-2",
    );
    settle(&mut h);
    click(&mut h, "记录：备案完成");
    settle(&mut h);
    let d = &h.state().draft;
    assert_eq!(d.submission.current(), Some(SubmissionState::Approved));
    assert_eq!(d.subject.icp_number, "闽ICP备12345678号");
    assert_eq!(d.websites[0].icp_number, "闽ICP备12345678号-1");
    assert_eq!(d.websites[1].icp_number, "闽ICP备12345678号-2");
    assert!(
        !h.state().report.has_errors(),
        "the issued numbers are no error in the approved filing"
    );
    let snippet = "<a href=\"https://beian.miit.gov.cn/\" target=\"_blank\" rel=\"noopener\">闽ICP备12345678号-2</a>";
    assert!(h.query_by_label(snippet).is_some());
    click(&mut h, "复制网站 2 的备案号代码");

    // A 新增网站 filing for the subject starts from the numbers.
    click(&mut h, "为此主体新增网站");
    settle(&mut h);
    let next = &h.state().draft;
    assert_eq!(next.filing.procedure, Procedure::NewWebsiteWithSubject);
    assert_eq!(next.subject.icp_number, "闽ICP备12345678号");
    assert!(h.query_by_label("主体备案号").is_some());
}

#[test]
fn a_return_reopens_the_fields_it_names() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    open_sample(&mut h, "打开单位备案示例", Step::Tracking);
    clear_and_type(&mut h, "日期", 0, "2026-11-20");
    click(&mut h, "记录：已提交，云服务商初审中");
    click(&mut h, "退回涉及的字段（可选）");
    click(&mut h, "网站 2 的网站名称");
    type_into(&mut h, "说明", 0, "网站名称与内容不符");
    click(&mut h, "记录：云服务商初审退回");
    settle(&mut h);
    let name = FieldKey::new(Scope::Website(1), Field::Name);
    assert_eq!(h.state().draft.submission.events[1].fields, vec![name]);
    assert!(
        h.state()
            .report
            .for_field(name)
            .any(|i| i.code == beian::model::IssueCode::ReturnedField)
    );
    assert!(h.query_by_label("退回原因：网站名称与内容不符").is_some());
    click(&mut h, "转到第一个需修改的字段");
    assert_eq!(h.state().ui.step, Step::Websites);
    assert!(
        h.query_by_label_contains("备案被退回，涉及此项：网站名称与内容不符")
            .is_some()
    );
}

#[test]
fn a_new_access_filing_with_both_numbers_reaches_the_review_without_number_errors() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    click(&mut h, "打开单位备案示例");
    wait_for_wizard(&mut h);
    go(&mut h, Step::FilingType);
    click(&mut h, "主体已有主体备案号（如 京ICP备12345678号）");
    click(&mut h, "网站已有网站备案号（已在其他服务商处备案）");
    assert_eq!(
        h.state().draft.filing.procedure,
        Procedure::NewAccessWithoutSubject
    );
    type_into(&mut h, "主体备案号", 0, "闽ICP备12345678号");
    go(&mut h, Step::Websites);
    type_into(&mut h, "网站备案号", 0, "闽ICP备12345678号-1");
    type_into(&mut h, "网站备案号", 1, "闽ICP备12345678号-2");
    go(&mut h, Step::Review);
    settle(&mut h);
    let number_issues: Vec<_> = h
        .state()
        .report
        .issues
        .iter()
        .filter(|i| i.field.field == Field::IcpNumber)
        .map(|i| i.code)
        .collect();
    assert!(number_issues.is_empty(), "{number_issues:?}");
    // The review reads the numbers back.
    assert!(h.query_by_label("闽ICP备12345678号-2").is_some());
    assert!(h.query_by_label("修改：网站 2 的网站备案号").is_some());
    assert!(h.query_all_by_label("新增接入（无主体）").count() > 0);
}

#[test]
fn tracking_shows_the_stages_and_after_approval_the_public_security_filing() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    open_sample(&mut h, "打开个人备案示例", Step::Tracking);
    // Before submission: preparing is the current stage, the rest ahead.
    assert!(h.query_by_label("◐ 准备资料").is_some());
    assert!(h.query_by_label("○ 备案完成").is_some());
    assert!(h.query_by_label("下一步：公安联网备案").is_none());
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    for state in [
        SubmissionState::SubmittedToProvider,
        SubmissionState::ProviderRejected,
    ] {
        let event = beian::model::draft::SubmissionEvent {
            state,
            date: today.clone(),
            time: "00:00".into(),
            ..Default::default()
        };
        h.state_mut().apply(
            Action::Edit(beian::model::edit::Edit::RecordSubmission(Box::new(event))),
            &egui::Context::default(),
        );
        settle(&mut h);
    }
    assert!(h.query_by_label("● 准备资料").is_some());
    assert!(
        h.query_by_label("▲ 服务商初审").is_some(),
        "sent back there"
    );
    let approved = beian::model::draft::SubmissionEvent {
        state: SubmissionState::Approved,
        date: today,
        time: "00:00".into(),
        ..Default::default()
    };
    h.state_mut().apply(
        Action::Edit(beian::model::edit::Edit::RecordSubmission(Box::new(
            approved,
        ))),
        &egui::Context::default(),
    );
    settle(&mut h);
    assert!(h.query_by_label("● 备案完成").is_some());
    assert!(h.query_by_label("下一步：公安联网备案").is_some());
}

#[test]
fn a_date_cleared_to_type_another_is_not_filled_again_under_the_typing() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    open_sample(&mut h, "打开单位备案示例", Step::Tracking);
    // The date starts as today's; the user selects it, deletes it and types another.
    assert!(!h.state().ui.steps.tracking.date.is_empty());
    h.get_by_label("日期").focus();
    h.run_steps(1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run_steps(1);
    h.key_press(egui::Key::Backspace);
    h.run_steps(2);
    assert_eq!(
        h.state().ui.steps.tracking.date,
        "",
        "today's date came back"
    );
    type_into(&mut h, "日期", 0, "2026-11-20");
    assert_eq!(h.state().ui.steps.tracking.date, "2026-11-20");
    click(&mut h, "记录：已提交，云服务商初审中");
    assert_eq!(h.state().draft.submission.events[0].date, "2026-11-20");
}
