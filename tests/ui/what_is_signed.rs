//! What the applicant sees is what gets signed, through the real UI: the declarant of one
//! filing never shows on another, every warning can be acknowledged inside a small window
//! in both languages, tracking entries ask before they go (and an approval's numbers can
//! be taken back), an SMS recorded without a time has its whole 24 hours, documents and
//! photos come back after a removal, a retake keeps the photo, a failing photo names its
//! checks, whose key signs is said, applicant mode offers no staff actions, and every
//! document card of the review fits a small window.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use beian::action::Action;
use beian::i18n::Locale;
use beian::model::draft::SubmissionEvent;
use beian::model::edit::Edit;
use beian::model::{Draft, Field, FieldKey, FilingKind, Scope, Step, SubmissionState};
use beian::rules::Severity;
use beian::services::FakeFileDialog;
use common::{apply, click, harness, harness_sized, open_sample, settle};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

type H = Harness<'static, beian::app::BeianApp>;

fn go(h: &mut H, step: Step) {
    apply(h, Action::GoToStep(step));
}

/// The text of the input labelled `label`.
fn value_of(h: &H, label: &str) -> String {
    h.get_by_label(label)
        .accesskit_node()
        .value()
        .unwrap_or_default()
}

/// Clicks a widget wherever it is on the page (the review page is long).
fn press(h: &mut H, label: &str) {
    h.get_by_label(label).click_accesskit();
    h.run_steps(3);
}

/// The draft as it says things: without the times of saving and the step shown.
fn content(d: &Draft) -> Draft {
    let mut d = d.clone();
    d.updated_at = None;
    d.last_step = Step::FilingType;
    d
}

#[test]
fn the_declarant_of_one_filing_never_shows_on_another() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    open_sample(&mut h, FilingKind::Personal);
    go(&mut h, Step::Review);
    let personal = h.state().draft.subject.name.clone();
    assert_eq!(value_of(&h, "声明人"), personal);

    apply(&mut h, Action::CloseDraft);
    open_sample(&mut h, FilingKind::Unit);
    go(&mut h, Step::Review);
    let unit = h.state().draft.clone();
    let own: Vec<String> = beian::model::declarations::people(&unit)
        .into_iter()
        .map(|p| p.name)
        .collect();
    let shown = value_of(&h, "声明人");
    assert_ne!(
        shown, personal,
        "the last applicant's name is not carried over"
    );
    assert!(own.contains(&shown), "{shown:?} is one of {own:?}");

    // Ticking a declaration records this filing's person.
    let truthful = h
        .get_all_by_role(egui::accesskit::Role::CheckBox)
        .filter_map(|n| n.accesskit_node().label())
        .find(|l| l.contains("真实"))
        .expect("the truthfulness declaration");
    press(&mut h, &truthful); // withdraw the sample's
    press(&mut h, &truthful); // and make it again
    settle(&mut h);
    let made = beian::model::declarations::made(
        &h.state().draft,
        beian::model::declarations::DeclarationKind::Truthful,
    )
    .unwrap()
    .clone();
    assert!(!made.sample);
    assert!(own.contains(&made.by), "{} is one of {own:?}", made.by);
    assert_ne!(made.by, personal);
    // It is kept with the filing, on disk too.
    h.state_mut().settle(std::time::Duration::from_secs(10));
    let path = h.state().draft_path.clone().unwrap();
    let saved =
        beian::store::draft_io::load_draft(&beian::store::sealed::Library::of_file(&path), &path)
            .unwrap();
    assert_eq!(beian::model::declarations::declarant(&saved).name, made.by);

    // The next applicant's new filing starts with nobody's name.
    apply(&mut h, Action::CloseDraft);
    apply(&mut h, Action::NewDraft(FilingKind::Personal));
    go(&mut h, Step::Review);
    assert_eq!(value_of(&h, "声明人"), "");
    assert!(h.query_all_by_label_contains(&personal).next().is_none());
}

/// An event of `state` today at midnight.
fn event(state: SubmissionState) -> SubmissionEvent {
    SubmissionEvent {
        state,
        date: chrono::Local::now().format("%Y-%m-%d").to_string(),
        time: "00:00".into(),
        ..SubmissionEvent::default()
    }
}

/// Records `event` as the tracking step does.
fn record(h: &mut H, event: SubmissionEvent) {
    apply(h, Action::Edit(Edit::RecordSubmission(Box::new(event))));
}

/// Adds a return that names a few fields: warnings to acknowledge on the review step.
fn returned(h: &mut H) {
    for state in [
        SubmissionState::SubmittedToProvider,
        SubmissionState::ProviderRejected,
    ] {
        let mut event = event(state);
        if state.is_rejection() {
            event.note = "网站名称与内容不符，请修改后重新提交，并确认负责人手机号码".into();
            event.fields = vec![
                FieldKey::new(Scope::Website(0), Field::Name),
                FieldKey::new(Scope::SubjectResponsible, Field::Mobile),
            ];
        }
        record(h, event);
    }
}

#[test]
fn every_warning_can_be_acknowledged_inside_a_small_window_in_both_languages() {
    for (locale, ack) in [
        (Locale::ZhCn, "我已了解，仍要继续"),
        (Locale::En, "I understand and proceed"),
    ] {
        for kind in [FilingKind::Personal, FilingKind::Unit] {
            let data = tempfile::tempdir().unwrap();
            let dialog = FakeFileDialog::default();
            let mut h = harness_sized(data.path(), &dialog, [1024.0, 700.0]);
            apply(&mut h, Action::SetLocale(locale));
            open_sample(&mut h, kind);
            returned(&mut h);
            go(&mut h, Step::Review);
            let warnings = |h: &H| {
                let d = &h.state().draft;
                h.state()
                    .report
                    .issues
                    .iter()
                    .filter(|i| i.severity == Severity::Warning)
                    .filter(|i| {
                        !d.review
                            .acknowledged_warnings
                            .contains(&i.acknowledgement())
                    })
                    .count()
            };
            let before = warnings(&h);
            assert!(before >= 2, "{locale:?} {kind:?}: the return's warnings");
            for i in 0..before {
                let node = h
                    .get_all_by_label(ack)
                    .nth(i)
                    .unwrap_or_else(|| panic!("{locale:?} {kind:?}: acknowledgement {i}"));
                node.scroll_to_me();
                h.run_steps(3);
                let node = h.get_all_by_label(ack).nth(i).unwrap();
                let rect = node.rect();
                assert!(
                    rect.min.x >= 0.0
                        && rect.min.y >= 0.0
                        && rect.max.x <= 1024.0
                        && rect.max.y <= 700.0,
                    "{locale:?} {kind:?}: acknowledgement {i} at {rect:?} lies outside the window"
                );
                node.click();
                h.run_steps(3);
                assert_eq!(warnings(&h), before - i - 1, "{locale:?} {kind:?}: ticked");
            }
        }
    }
}

#[test]
fn the_returned_field_message_names_the_acknowledgement_as_it_is_shown() {
    for locale in Locale::ALL {
        let ack = beian::i18n::t(locale, "review.acknowledge");
        let message = beian::i18n::t(locale, "issue.returned.field");
        assert!(message.contains(&*ack), "{locale:?}: {message}");
    }
}

#[test]
fn deleting_the_approval_asks_and_can_take_its_numbers_back() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    open_sample(&mut h, FilingKind::Unit);
    for state in [
        SubmissionState::SubmittedToProvider,
        SubmissionState::SubmittedToBureau,
        SubmissionState::SmsReceived,
        SubmissionState::SmsVerified,
    ] {
        record(&mut h, event(state));
    }
    let before = content(&h.state().draft);
    let steps_before = beian::rules::validate(&before);
    let approval = SubmissionEvent {
        subject_number: "闽ICP备12345678号".into(),
        website_numbers: vec!["闽ICP备12345678号-1".into(), "闽ICP备12345678号-2".into()],
        ..event(SubmissionState::Approved)
    };
    record(&mut h, approval);
    assert_eq!(h.state().draft.subject.icp_number, "闽ICP备12345678号");
    go(&mut h, Step::Tracking);

    // One click only asks.
    click(&mut h, "删除记录 5");
    assert_eq!(
        h.state().draft.submission.events.len(),
        5,
        "nothing deleted yet"
    );
    assert!(h.query_by_label_contains("可以一并撤回").is_some());
    click(&mut h, "取消");
    assert_eq!(h.state().draft.submission.events.len(), 5);

    click(&mut h, "删除记录 5");
    click(&mut h, "删除记录，并撤回填入的备案号");
    settle(&mut h);
    let after = content(&h.state().draft);
    assert_eq!(after, before, "the draft is as before the approval");
    let report = beian::rules::validate(&after);
    for step in Step::ALL {
        assert_eq!(
            report.step_status(step),
            steps_before.step_status(step),
            "{step:?}"
        );
    }
}

#[test]
fn an_sms_recorded_without_a_time_has_its_whole_24_hours() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    open_sample(&mut h, FilingKind::Personal);
    go(&mut h, Step::Tracking);
    click(&mut h, "记录：已提交，云服务商初审中");
    click(&mut h, "记录：初审通过，已提交管局");
    // No time typed.
    assert_eq!(value_of(&h, "时间"), "");
    click(&mut h, "记录：已收到工信部短信核验");
    let now = chrono::Local::now().naive_local();
    let left = beian::model::tracking::sms_minutes_left(&h.state().draft.submission, now).unwrap();
    assert!(left >= 24 * 60 - 2, "{left} minutes left");
    assert!(
        h.query_by_label_contains("剩余时间：23 小时 5").is_some()
            || h.query_by_label_contains("剩余时间：24 小时").is_some(),
        "the countdown starts now"
    );
}

#[test]
fn a_removed_document_comes_back_with_undo_and_a_retake_keeps_the_photo() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    open_sample(&mut h, FilingKind::Personal);
    go(&mut h, Step::Materials);
    let before = content(&h.state().draft);
    let remove = h
        .get_all_by_role(egui::accesskit::Role::Button)
        .filter_map(|n| n.accesskit_node().label())
        .find(|l| l.starts_with("移除："))
        .expect("a document to remove");
    click(&mut h, &remove);
    assert!(
        h.state().draft.materials.attachments.len() < before.materials.attachments.len(),
        "removed"
    );
    assert!(h.query_by_label_contains("已移除：").is_some());
    click(&mut h, "撤销");
    assert_eq!(content(&h.state().draft), before, "back as it was");
    assert!(h.query_by_label_contains("已移除：").is_none());

    // Retake keeps the photo until a new one is taken; cancelling keeps it too.
    let person = h.state().draft.face_persons()[0].label(beian::i18n::Locale::ZhCn);
    press(&mut h, &format!("重新拍摄：{person}"));
    assert_eq!(content(&h.state().draft), before, "the photo is kept");
    assert!(h.query_by_label(&format!("打开摄像头：{person}")).is_some());
    // The camera list arrives from a worker.
    settle(&mut h);
    press(&mut h, &format!("取消重拍：{person}"));
    assert_eq!(content(&h.state().draft), before);
    assert!(
        h.query_by_label(&format!("重新拍摄：{person}")).is_some(),
        "back to the photo"
    );

    // Deleting the photo is red, and can be undone too.
    press(&mut h, &format!("删除照片：{person}"));
    assert!(h.state().draft.materials.face_photos.is_empty());
    click(&mut h, "撤销");
    assert_eq!(content(&h.state().draft), before);
}

#[test]
fn a_failing_photo_names_the_checks_it_fails() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    open_sample(&mut h, FilingKind::Personal);
    go(&mut h, Step::Materials);
    let person = h.state().draft.face_persons()[0].label(beian::i18n::Locale::ZhCn);
    click(&mut h, &format!("重新拍摄：{person}"));
    common::pick_document(
        &mut h,
        &dialog,
        &format!("使用已有照片：{person}"),
        common::face_path("too-dark.jpg"),
    );
    let photo = h.state().draft.materials.face_photos[0].clone();
    assert!(!photo.passed, "the new photo replaced the old one");
    assert!(
        h.query_by_label_contains("正在重拍").is_none(),
        "the retake ended"
    );
    let report = photo.report.unwrap();
    let failed: Vec<_> = report.checks.iter().filter(|c| !c.passed).collect();
    assert!(!failed.is_empty());
    for check in failed {
        let name = beian::i18n::t(Locale::ZhCn, &check.id.name_key());
        let guidance = beian::i18n::t(Locale::ZhCn, &check.guidance_key);
        assert!(h.query_by_label(&name).is_some(), "{name} is named");
        assert!(h.query_by_label(&guidance).is_some(), "{guidance} is said");
    }
}

#[test]
fn every_document_and_photo_of_the_review_lies_inside_a_small_window() {
    for locale in Locale::ALL {
        for kind in [FilingKind::Personal, FilingKind::Unit] {
            let data = tempfile::tempdir().unwrap();
            let dialog = FakeFileDialog::default();
            let mut h = harness_sized(data.path(), &dialog, [1024.0, 700.0]);
            apply(&mut h, Action::SetLocale(locale));
            open_sample(&mut h, kind);
            go(&mut h, Step::Review);
            let draft = h.state().draft.clone();
            let mut titles: Vec<String> = beian::rules::materials::checklist(&draft)
                .into_iter()
                .map(|item| item.key.label(locale))
                .collect();
            titles.extend(
                draft
                    .face_photos()
                    .iter()
                    .map(|(p, _)| p.photo_title(locale)),
            );
            assert!(!titles.is_empty());
            for title in titles {
                let node = h
                    .get_all_by_label(&title)
                    .last()
                    .unwrap_or_else(|| panic!("{locale:?} {kind:?}: no card {title:?}"));
                node.scroll_to_me();
                h.run_steps(3);
                let rect = h.get_all_by_label(&title).last().unwrap().rect();
                assert!(
                    rect.min.x >= 0.0 && rect.max.x <= 1024.0,
                    "{locale:?} {kind:?}: card {title:?} at {rect:?} is cut"
                );
            }
        }
    }
}

const PASSPHRASE: &str = "desk staff 2026";

/// A help desk: the staff passphrase set, so exports are signed with the desk's key.
fn desk(data: &std::path::Path, dialog: &FakeFileDialog) -> H {
    let mut h = harness(data, dialog);
    click(&mut h, "员工设置");
    common::type_into(&mut h, "新口令", 0, PASSPHRASE);
    common::type_into(&mut h, "再次输入新口令", 0, PASSPHRASE);
    click(&mut h, "设置口令");
    settle(&mut h);
    assert!(h.query_by_label("员工口令已保存。").is_some());
    click(&mut h, "← 返回");
    settle(&mut h);
    h
}

#[test]
fn applicant_mode_offers_no_staff_actions_and_the_next_applicant_asks_first() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = desk(data.path(), &dialog);
    open_sample(&mut h, FilingKind::Unit);
    let approval = SubmissionEvent {
        subject_number: "闽ICP备12345678号".into(),
        ..event(SubmissionState::Approved)
    };
    record(&mut h, approval);
    go(&mut h, Step::Tracking);
    // Staff see their actions.
    assert!(h.query_by_label("删除记录 1").is_some());
    assert!(h.query_by_label("为此主体新增网站").is_some());

    apply(&mut h, beian::action::StaffAction::HandOver.into());
    assert!(h.state().ui.applicant);
    assert!(h.query_by_label("删除记录 1").is_none());
    assert!(h.query_by_label("为此主体新增网站").is_none());
    // Refused should one still arrive.
    let id = h.state().draft.id.clone();
    apply(&mut h, Action::NewWebsiteForSubject);
    assert_eq!(h.state().draft.id, id);
    apply(
        &mut h,
        Action::Edit(Edit::RemoveSubmissionEvent {
            index: 0,
            keep_numbers: false,
        }),
    );
    assert_eq!(h.state().draft.submission.events.len(), 1);

    // 下一位申请人 asks first.
    click(&mut h, "下一位申请人");
    assert!(h.state().ui.lock.is_none(), "not locked at once");
    assert_eq!(h.state().ui.screen, beian::app::Screen::Wizard);
    assert!(h.query_by_label("交给下一位申请人？").is_some());
    click(&mut h, "取消");
    assert!(h.query_by_label("交给下一位申请人？").is_none());
    assert_eq!(h.state().draft.id, id);
    click(&mut h, "下一位申请人");
    click(&mut h, "保存、关闭并锁定");
    settle(&mut h);
    assert!(h.state().ui.lock.is_some(), "locked after the confirmation");
    assert_eq!(h.state().ui.screen, beian::app::Screen::Start);
}

#[test]
fn the_export_panel_says_whose_key_signs() {
    // At a help desk: the desk's key, with the staff's password.
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = desk(data.path(), &dialog);
    open_sample(&mut h, FilingKind::Personal);
    go(&mut h, Step::Review);
    assert!(h.query_by_label_contains("签名密钥：服务台").is_some());
    assert!(h.query_by_label_contains("请服务人员").is_some());
    assert!(h.query_by_label_contains("您自己的签名密钥").is_none());
    assert!(matches!(
        h.state().ui.export.holder,
        beian::bundle::keys::KeyHolder::Desk(_)
    ));

    // At home: the applicant's own key.
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(data.path(), &dialog);
    open_sample(&mut h, FilingKind::Personal);
    go(&mut h, Step::Review);
    assert!(h.query_by_label_contains("您自己的签名密钥").is_some());
    assert!(h.query_by_label_contains("服务台").is_none());
}
