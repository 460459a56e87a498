//! A help desk's day through the real UI by label: a staff passphrase, filings of
//! different kinds, finding one by phone, following it to approval, a 新增网站 filing
//! for the same subject, applicant mode and the lock screen, which show nobody else's
//! data.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use beian::action::Action;
use beian::app::Screen;
use beian::model::{FilingKind, Procedure, Step, SubmissionState};
use beian::services::FakeFileDialog;
use common::{clear_and_type, click, harness, settle, type_into, wait_for_wizard};
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable as _, by};

type H = Harness<'static, beian::app::BeianApp>;

const PASSPHRASE: &str = "desk staff 2026";

fn go(h: &mut H, step: Step) {
    h.state_mut()
        .apply(Action::GoToStep(step), &egui::Context::default());
    settle(h);
}

/// How many widgets show `secret` in their label or value, anywhere in the window.
fn shown(h: &H, secret: &str) -> usize {
    h.query_all(by().include_labels().predicate(|n| {
        n.label().is_some_and(|l| l.contains(secret))
            || n.value().is_some_and(|v| v.contains(secret))
    }))
    .count()
}

/// The personal data of a sample filing that another applicant must never see.
fn secrets(kind: FilingKind) -> Vec<String> {
    let d = beian::store::samples::sample(kind).unwrap();
    let mut out = vec![
        d.subject.name.clone(),
        d.filing.cert_number.clone(),
        d.subject.responsible.mobile.clone(),
        d.subject.responsible.cert_number.clone(),
        d.filing.domain.clone(),
    ];
    out.retain(|s| !s.is_empty());
    out
}

fn unlock(h: &mut H, passphrase: &str) {
    type_into(h, "员工口令", 0, passphrase);
    click(h, "解锁");
    settle(h);
}

#[test]
fn a_day_at_the_desk_from_three_filings_to_the_next_applicant() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);

    // The staff sets the desk's passphrase.
    click(&mut h, "员工设置");
    type_into(&mut h, "新口令", 0, PASSPHRASE);
    type_into(&mut h, "再次输入新口令", 0, PASSPHRASE);
    click(&mut h, "设置口令");
    settle(&mut h);
    assert!(h.query_by_label("员工口令已保存。").is_some());
    click(&mut h, "← 返回");
    settle(&mut h);

    // Two first filings of different kinds (个人 and 单位) from the samples.
    for sample in ["打开个人备案示例", "打开单位备案示例"] {
        click(&mut h, sample);
        wait_for_wizard(&mut h);
        click(&mut h, "首页");
        settle(&mut h);
    }
    assert!(h.query_by_label("已保存的备案（2）").is_some());

    // The unit's responsible person rings: found by the end of their mobile number.
    type_into(&mut h, "搜索备案", 0, "13800138001");
    h.run_steps(2);
    let unit = beian::store::samples::sample(FilingKind::Unit).unwrap();
    let person = beian::store::samples::sample(FilingKind::Personal).unwrap();
    assert!(
        h.query_by_label(&format!("继续填写：{}", unit.subject.name))
            .is_some()
    );
    assert!(
        h.query_by_label(&format!("继续填写：{}", person.subject.name))
            .is_none()
    );
    h.key_press(egui::Key::Enter);
    wait_for_wizard(&mut h);
    assert_eq!(h.state().draft.subject.name, unit.subject.name);

    // Its states, recorded as the provider and the bureau report them, to approval.
    go(&mut h, Step::Tracking);
    clear_and_type(&mut h, "日期", 0, "2026-11-20");
    click(&mut h, "记录：已提交，云服务商初审中");
    click(&mut h, "记录：初审通过，已提交管局");
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    clear_and_type(&mut h, "日期", 0, &today);
    click(&mut h, "记录：已收到工信部短信核验");
    click(&mut h, "记录：短信核验完成，管局审核中");
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
    assert_eq!(
        h.state().draft.submission.current(),
        Some(SubmissionState::Approved)
    );

    // The third filing, of a third kind: a 新增网站 for the same subject.
    click(&mut h, "为此主体新增网站");
    settle(&mut h);
    assert_eq!(
        h.state().draft.filing.procedure,
        Procedure::NewWebsiteWithSubject
    );
    assert_eq!(h.state().draft.subject.name, unit.subject.name);
    click(&mut h, "首页");
    settle(&mut h);
    assert!(h.query_by_label("已保存的备案（3）").is_some());

    // The unit's contact comes to the desk: the new-website filing is handed over.
    type_into(&mut h, "搜索备案", 0, "13800138001");
    h.run_steps(2);
    let rows = h
        .query_all_by_label(&format!("继续填写：{}", unit.subject.name))
        .count();
    assert_eq!(rows, 2, "the approved filing and its new-website filing");
    h.key_press(egui::Key::Enter);
    wait_for_wizard(&mut h);
    if h.state().draft.filing.procedure != Procedure::NewWebsiteWithSubject {
        click(&mut h, "首页");
        settle(&mut h);
        type_into(&mut h, "搜索备案", 0, "13800138001");
        h.key_press(egui::Key::ArrowDown);
        h.run_steps(1);
        h.key_press(egui::Key::Enter);
        wait_for_wizard(&mut h);
    }
    assert_eq!(
        h.state().draft.filing.procedure,
        Procedure::NewWebsiteWithSubject
    );
    click(&mut h, "交给申请人");
    settle(&mut h);
    assert!(h.state().ui.applicant);
    assert!(h.query_by_label("申请人模式").is_some());
    // No way out to other filings, and nothing of the other applicant anywhere.
    for gone in ["首页", "打开…", "员工设置", "另存为…"] {
        assert!(h.query_by_label(gone).is_none(), "{gone} in applicant mode");
    }
    for step in [
        Step::FilingType,
        Step::Subject,
        Step::Websites,
        Step::Review,
    ] {
        go(&mut h, step);
        for secret in secrets(FilingKind::Personal) {
            assert_eq!(shown(&h, &secret), 0, "{secret} shown on {step:?}");
        }
    }
    // Closing the filing by any route ends at the lock screen.
    h.state_mut()
        .apply(Action::CloseDraft, &egui::Context::default());
    settle(&mut h);
    assert!(h.state().is_locked());
    assert!(h.query_by_label("ICP 备案助手已锁定").is_some());
    for secret in secrets(FilingKind::Personal)
        .into_iter()
        .chain(secrets(FilingKind::Unit))
    {
        assert_eq!(shown(&h, &secret), 0, "{secret} on the lock screen");
    }
    assert!(h.query_by_label_contains("已保存的备案").is_none());

    // A wrong passphrase opens nothing; the right one returns to the staff's list.
    unlock(&mut h, "not the passphrase");
    assert!(h.state().is_locked());
    assert!(h.query_by_label_contains("员工口令不正确").is_some());
    unlock(&mut h, PASSPHRASE);
    assert!(!h.state().is_locked());
    assert!(!h.state().ui.applicant);
    assert_eq!(h.state().ui.screen, Screen::Start);
    assert!(h.query_by_label("已保存的备案（3）").is_some());
}

#[test]
fn beian_locks_itself_after_the_idle_time_and_starts_locked() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    {
        let mut h = harness(data.path(), &dialog);
        beian::store::sealed::Library::open(data.path().join("drafts"))
            .create(PASSPHRASE, common::CHEAP_KEYS)
            .unwrap();
        click(&mut h, "打开个人备案示例");
        wait_for_wizard(&mut h);
        // The staff settings were read at start; see the new key as the screen does.
        click(&mut h, "首页");
        click(&mut h, "员工设置");
        click(&mut h, "← 返回");
        // The window's clock stands still; moving it on is five minutes without a click.
        let start = chrono::Utc::now();
        let at =
            |secs| beian::services::clock::Clock::Fixed(start + chrono::Duration::seconds(secs));
        h.state_mut().set_clock(at(0));
        h.state_mut().settings.auto_lock_secs = Some(300);
        h.run_steps(2);
        h.state_mut().set_clock(at(299));
        h.run_steps(2);
        assert!(!h.state().is_locked(), "locked before the idle time was up");
        h.state_mut().set_clock(at(300));
        h.run_steps(2);
        assert!(h.state().is_locked(), "idle for as long as the limit");
        for secret in secrets(FilingKind::Personal) {
            assert_eq!(shown(&h, &secret), 0, "{secret} on the lock screen");
        }
        h.state_mut().settings.auto_lock_secs = None;
        unlock(&mut h, PASSPHRASE);
        assert!(!h.state().is_locked());
        assert!(h.query_by_label("已保存的备案（1）").is_some());
    }
    // A new start with a staff passphrase set begins at the lock screen.
    let h = harness(data.path(), &dialog);
    assert!(h.state().is_locked());
    assert!(h.query_by_label("ICP 备案助手已锁定").is_some());
    for secret in secrets(FilingKind::Personal) {
        assert_eq!(shown(&h, &secret), 0, "{secret} before unlocking");
    }
}
