//! Renders every screen to PNG and compares it with the committed picture in
//! `tests/snapshots/` (egui_kittest with wgpu; Mesa's lavapipe renders headless), in both
//! languages, at the smallest supported window (1024×700) and a large one (1440×900), in
//! light and, for a subset, dark; each screen also passes the layout checks. Behind the
//! `snapshot` feature, which `cargo xtask test` turns on; `cargo xtask snapshots --update`
//! draws the pictures again after a deliberate change (look at every one before
//! committing it).
//!
//! The window's clock stands still at one moment; what else changes from run to run (save
//! times, keys, hashes, temporary paths) is pinned in the state before a picture is taken,
//! so the pictures hold still.
#![cfg(feature = "snapshot")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers outside #[test] fns.

mod common;

use std::path::Path;
use std::time::Duration;

use beian::action::{Action, BundleAction, StaffAction};
use beian::app::{BeianApp, SaveStatus, Services};
use beian::i18n::Locale;
use beian::model::edit::Edit;
use beian::model::{FieldKey, FilingKind, Step};
use beian::services::FakeFileDialog;
use beian::store::storage::DataDir;
use common::layout::problems;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

type H = Harness<'static, BeianApp>;

/// The sizes every screen is drawn at, with the name they give the picture.
const SIZES: [([f32; 2], &str); 2] = [([1024.0, 700.0], "1024"), ([1440.0, 900.0], "1440")];

fn build(data: &Path, locale: Locale, dialog: Box<dyn beian::services::FileDialog>) -> H {
    let mut app = BeianApp::new(
        &egui::Context::default(),
        Services {
            dialog,
            data: DataDir::at(data),
            credentials: std::sync::Arc::new(
                beian::services::credentials::MemoryCredentials::default(),
            ),
        },
    );
    app.apply(Action::SetLocale(locale), &egui::Context::default());
    // What depends on the day (waiting times, today's date, validity) holds still.
    app.set_clock(beian::services::clock::Clock::Fixed(pinned_time()));
    app.set_key_work_factor(beian::store::sealed::WorkFactor::CHEAPEST);
    let mut harness = Harness::builder()
        .with_size(SIZES[0].0)
        .wgpu()
        .with_theme(egui::Theme::Light)
        .with_context_setup(|ctx| {
            beian::fonts::install(ctx);
            beian::theme::install(ctx);
        })
        .build_ui_state(|ui, app: &mut BeianApp| app.ui(ui), app);
    still(&mut harness);
    harness
}

/// Draws until nothing moves: drawing may start work (thumbnails, listings) whose result
/// is drawn on the next frame.
fn still(h: &mut H) {
    for _ in 0..3 {
        h.run_steps(2);
        h.state_mut().settle(Duration::from_secs(20));
    }
    // The time of the last save changes from run to run.
    h.state_mut().ui.save_status = SaveStatus::Idle;
    h.run_steps(3);
}

/// What was read off the paper attached to `item`, to set for a picture.
fn paper_reading(
    h: &mut H,
    item: beian::model::FieldKey,
) -> Option<&mut Option<beian::model::draft::PaperReading>> {
    h.state_mut()
        .draft
        .materials
        .attachments
        .iter_mut()
        .find(|a| a.item == item)
        .map(|a| &mut a.paper)
}

fn apply(h: &mut H, action: impl Into<Action>) {
    h.state_mut()
        .apply(action.into(), &egui::Context::default());
    still(h);
}

/// Takes the pictures of one screen and checks its layout.
struct Camera {
    locale: Locale,
    problems: Vec<String>,
    results: egui_kittest::SnapshotResults,
}

impl Camera {
    /// The screen shown, at both sizes in the light theme.
    fn shoot(&mut self, h: &mut H, name: &str) {
        for (size, tag) in SIZES {
            h.set_size(egui::Vec2::from(size));
            still(h);
            let screen = format!("{} {tag} {name}", self.locale.tag());
            self.problems.extend(problems(h, size[0], &screen));
            h.snapshot(format!("{}_{tag}_{name}", self.locale.tag()));
        }
        h.set_size(egui::Vec2::from(SIZES[0].0));
        still(h);
    }

    /// Like [`Camera::shoot`], and the large window in the dark theme too.
    fn shoot_dark_too(&mut self, h: &mut H, name: &str) {
        self.shoot(h, name);
        let (size, tag) = SIZES[1];
        h.set_size(egui::Vec2::from(size));
        h.ctx.set_theme(egui::Theme::Dark);
        still(h);
        h.snapshot(format!("{}_{tag}_{name}_dark", self.locale.tag()));
        h.ctx.set_theme(egui::Theme::Light);
        h.set_size(egui::Vec2::from(SIZES[0].0));
        still(h);
    }
}

/// Pins what the saved-filings list shows that changes from run to run.
fn pin_library(h: &mut H) {
    if let Some(library) = h.state_mut().ui.library.as_mut() {
        for entry in &mut library.entries {
            entry.updated_at = Some(pinned_time());
        }
    }
}

fn pinned_time() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339("2026-11-28T02:30:00Z")
        .unwrap()
        .to_utc()
}

fn every_step(camera: &mut Camera, h: &mut H, sample: &str, dark: &[Step]) {
    for step in Step::ALL {
        apply(h, Action::GoToStep(step));
        let name = format!("{sample}_{:02}_{}", step.index() + 1, step.key());
        if dark.contains(&step) {
            camera.shoot_dark_too(h, &name);
        } else {
            camera.shoot(h, &name);
        }
    }
}

fn every_screen(locale: Locale) {
    let mut camera = Camera {
        locale,
        problems: Vec::new(),
        results: egui_kittest::SnapshotResults::new(),
    };
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = build(data.path(), locale, Box::new(dialog.clone()));
    camera.shoot_dark_too(&mut h, "00_start_empty");

    // A company's filing, step by step.
    apply(&mut h, Action::OpenSample(FilingKind::Unit.into()));
    every_step(&mut camera, &mut h, "unit", &[Step::Subject, Step::Review]);

    // The authorisation letter's card: what to do by hand, and the print button.
    apply(&mut h, Action::GoToStep(Step::Materials));
    let title = match locale {
        Locale::ZhCn => "授权书（网站 1 负责人）",
        Locale::En => "Authorization letter (responsible person of website 1)",
    };
    h.get_by_label(title).scroll_to_me();
    still(&mut h);
    camera.shoot(&mut h, "unit_04_materials_paper");
    // Printed: where it was saved (a path that is the same on every run).
    let printed = Path::new("/tmp").join(format!("beian-snapshot-paper-{}.pdf", locale.tag()));
    dialog.answer(Some(printed.clone()));
    let letter = beian::rules::papers::papers(&h.state().draft)
        .into_iter()
        .find(|p| p.template == "authorization")
        .unwrap();
    apply(
        &mut h,
        beian::action::DocumentAction::PrintPaper(letter.item),
    );
    assert!(printed.exists());
    h.get_by_label(title).scroll_to_me();
    still(&mut h);
    camera.shoot(&mut h, "unit_04_materials_paper_printed");
    let _ = std::fs::remove_file(&printed);
    // Its scan attached and read: the check code matches, one signature place is blank.
    let code = beian::forms::payload(&h.state().draft, &letter)
        .unwrap()
        .encode();
    if let Some(paper) = paper_reading(&mut h, letter.item) {
        *paper = Some(beian::model::draft::PaperReading {
            code: Some(code),
            unsigned: vec!["法定代表人".into()],
        });
    }
    still(&mut h);
    let blank = match locale {
        Locale::ZhCn => "签字处看起来还是空白",
        Locale::En => "look blank",
    };
    h.query_all_by_label_contains(blank)
        .next()
        .expect("the blank signature place is named")
        .scroll_to_me();
    still(&mut h);
    camera.shoot(&mut h, "unit_04_materials_paper_unsigned");
    // Signed after all: the warning would hold the export until acknowledged.
    if let Some(Some(paper)) = paper_reading(&mut h, letter.item) {
        paper.unsigned.clear();
    }
    // "Print all" done: where the file to print and the folder are.
    let all = Path::new("/tmp").join(format!("beian-snapshot-all-{}.pdf", locale.tag()));
    dialog.answer(Some(all.clone()));
    apply(&mut h, beian::action::DocumentAction::PrintAllPapers);
    assert!(all.exists());
    apply(&mut h, Action::GoToStep(Step::Review));
    apply(&mut h, Action::GoToStep(Step::Materials));
    still(&mut h);
    camera.shoot(&mut h, "unit_04_materials_print_all");
    let _ = std::fs::remove_file(&all);
    let _ = std::fs::remove_dir_all(beian::forms::print_all::folder_beside(&all));

    // The same company filing in 江苏, its second website with a responsible person of its
    // own: each person's 告知书 and 承诺书, called by their names.
    let before = h.state().draft.clone();
    {
        let d = &mut h.state_mut().draft;
        d.filing.province = "320000".into();
        d.filing.city = "320100".into();
        d.filing.district = "320102".into();
        d.websites[1].responsible.name = "赵六".into();
        d.websites[1].responsible.cert_number = "350102199003073813".into();
    }
    apply(&mut h, Action::GoToStep(Step::Review));
    apply(&mut h, Action::GoToStep(Step::Materials));
    let second = match locale {
        Locale::ZhCn => "ICP备案信息真实性责任告知书（赵六）",
        Locale::En => "ICP备案信息真实性责任告知书（赵六） (required by the province)",
    };
    h.get_by_label(second).scroll_to_me();
    still(&mut h);
    camera.shoot(&mut h, "unit_04_materials_jiangsu");
    h.state_mut().draft = before;

    // Its review with problems (two fields emptied).
    let mobile = h.state().draft.subject.responsible.mobile.clone();
    let site = h.state().draft.websites[0].name.clone();
    h.state_mut().draft.subject.responsible.mobile.clear();
    h.state_mut().draft.websites[0].name.clear();
    apply(&mut h, Action::GoToStep(Step::Review));
    camera.shoot(&mut h, "unit_05_review_with_problems");
    h.state_mut().draft.subject.responsible.mobile = mobile;
    h.state_mut().draft.websites[0].name = site;

    // Exported: the key and the signature are new each run, so the shown hash, key code
    // and path are pinned for the picture.
    h.state_mut().ui.export.password = "snapshot password".into();
    h.state_mut().ui.export.password_again = "snapshot password".into();
    let bundle = data.path().join("icp-snapshot.zip");
    dialog.answer(Some(bundle.clone()));
    apply(&mut h, BundleAction::Export);
    let pinned_key = beian::bundle::KeyId([0xd1, 0xe8, 0x44, 0x0b, 0xc2, 0x91, 0x3a, 0x7f]);
    match h.state_mut().ui.export.result.as_mut() {
        Some(Ok(done)) => {
            done.sha256 = "0".repeat(64);
            done.key_id = pinned_key;
            done.path = "/home/user/icp-snapshot.zip".into();
        }
        other => panic!("export failed: {other:?}"),
    }
    camera.shoot(&mut h, "unit_05_review_exported");

    let draft_path = h.state().draft_path.clone().unwrap();
    // The help desk's view of the received bundle (its size, date, hash and key change
    // from run to run and are pinned for the picture).
    apply(&mut h, BundleAction::Open(bundle));
    if let Some(received) = h.state_mut().ui.received.as_mut() {
        received.verification.file_sha256 = "0".repeat(64);
        received.verification.byte_len = 3_000_000;
        if let Some(signer) = received.verification.signer.as_mut() {
            signer.key_id = pinned_key;
            signer.date = "2026-11-28".into();
        }
    }
    camera.shoot(&mut h, "received_bundle");
    apply(&mut h, BundleAction::Close);
    apply(&mut h, Action::OpenPath(draft_path));

    // Submitted, then sent back by the provider naming two fields: the tracking step, and
    // the review with the warnings to acknowledge.
    for (state, date) in [
        (
            beian::model::SubmissionState::SubmittedToProvider,
            "2026-11-20",
        ),
        (
            beian::model::SubmissionState::ProviderRejected,
            "2026-11-21",
        ),
    ] {
        let mut event = beian::model::draft::SubmissionEvent {
            state,
            date: date.into(),
            time: "10:30".into(),
            ..beian::model::draft::SubmissionEvent::default()
        };
        if state.is_rejection() {
            event.note = "网站名称与内容不符，请修改后重新提交，并确认负责人手机号码".into();
            event.fields = vec![
                FieldKey::new(beian::model::Scope::Website(0), beian::model::Field::Name),
                FieldKey::new(
                    beian::model::Scope::SubjectResponsible,
                    beian::model::Field::Mobile,
                ),
            ];
        }
        apply(&mut h, Edit::RecordSubmission(Box::new(event)));
    }
    apply(&mut h, Action::GoToStep(Step::Tracking));
    camera.shoot(&mut h, "unit_06_tracking_returned");
    apply(&mut h, Action::GoToStep(Step::Review));
    camera.shoot(&mut h, "unit_05_review_with_warnings");

    // A person's filing, step by step.
    apply(&mut h, Action::CloseDraft);
    apply(&mut h, Action::OpenSample(FilingKind::Personal.into()));
    every_step(&mut camera, &mut h, "personal", &[]);

    // The same filing with an APP: an Android block read from its APK and an iOS block
    // read from its package, shown from the APP's heading down.
    apply(&mut h, Edit::AddApp);
    {
        let app_fixture = |name: &str| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/data/apps")
                .join(name)
        };
        let draft = &mut h.state_mut().draft;
        let app = draft.apps.last_mut().unwrap();
        app.name = "示例备案助手".into();
        app.service_content = "tools".into();
        app.packages.push(beian::model::apps::AppPackage::default());
        for (block, file) in app
            .packages
            .iter_mut()
            .zip(["v1v2v3.apk", "distribution.ipa"])
        {
            let reading = beian::packages::read_file(&app_fixture(file)).unwrap();
            beian::packages::fill_block(block, &reading, file.into(), pinned_time());
        }
    }
    apply(&mut h, Action::GoToStep(Step::Websites));
    let heading = match locale {
        Locale::ZhCn => "删除 APP 1",
        Locale::En => "Remove APP 1",
    };
    h.get_by_label(heading).scroll_to_me();
    still(&mut h);
    camera.shoot(&mut h, "personal_03_websites_app");
    let block = match locale {
        Locale::ZhCn => "删除 APP 1 的安装包 2",
        Locale::En => "Remove package 2 of APP 1",
    };
    h.get_by_label(block).scroll_to_me();
    still(&mut h);
    camera.shoot(&mut h, "personal_03_websites_app_packages");

    // The start screen with both filings saved.
    apply(&mut h, Action::CloseDraft);
    pin_library(&mut h);
    camera.shoot_dark_too(&mut h, "00_start_filings");

    // The About box.
    apply(&mut h, Action::ShowAbout);
    camera.shoot(&mut h, "about");
    apply(&mut h, Action::CloseAbout);

    // The staff settings, with a passphrase set; then the lock screen.
    apply(&mut h, StaffAction::OpenSettings);
    h.state_mut().ui.staff.new = "correct horse battery".into();
    h.state_mut().ui.staff.confirm = "correct horse battery".into();
    apply(&mut h, StaffAction::SubmitPassphrase);
    camera.shoot_dark_too(&mut h, "staff_settings");
    apply(&mut h, StaffAction::CloseSettings);
    apply(&mut h, StaffAction::Lock);
    camera.shoot(&mut h, "lock_screen");
    camera.results.extend_harness(&mut h);
    drop(h);

    // beian's own file picker (where the system has no file dialog), in a folder whose
    // path is the same on every run.
    // The path bar shows it: /tmp (not $TMPDIR), the same on every Linux machine.
    let folder =
        std::path::Path::new("/tmp").join(format!("beian-snapshot-picker-{}", locale.tag()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(folder.join("客户资料")).unwrap();
    beian::store::draft_io::save_draft(
        &beian::store::sealed::Library::of_file(&folder.join("张三的备案.ron")),
        &beian::store::samples::sample(FilingKind::Personal).unwrap(),
        &folder.join("张三的备案.ron"),
    )
    .unwrap();
    std::fs::write(folder.join("说明.txt"), "x").unwrap();
    image::RgbImage::from_pixel(64, 48, image::Rgb([200, 180, 160]))
        .save(folder.join("身份证人像面.jpg"))
        .unwrap();
    // The dates shown are the files' own: pinned for the picture.
    for name in ["张三的备案.ron", "说明.txt", "身份证人像面.jpg"] {
        std::fs::File::options()
            .write(true)
            .open(folder.join(name))
            .unwrap()
            .set_modified(pinned_time().into())
            .unwrap();
    }
    let picker_data = tempfile::tempdir().unwrap();
    let mut h = build(
        picker_data.path(),
        locale,
        Box::new(beian::services::AutoFileDialog::with_backend(
            beian::services::dialog_probe::Backend::BuiltIn,
        )),
    );
    apply(&mut h, Action::OpenDialog);
    apply(
        &mut h,
        Action::Picker(beian::action::PickerAction::Open(folder.clone())),
    );
    camera.shoot(&mut h, "picker");

    // The question for a document, with a picture selected: its preview beside the list.
    apply(&mut h, Action::Picker(beian::action::PickerAction::Cancel));
    apply(&mut h, Action::NewDraft(FilingKind::Personal));
    apply(&mut h, Action::GoToStep(Step::Materials));
    let button = match locale {
        Locale::ZhCn => "选择文件：证件人像面",
        Locale::En => "Choose file: ID photo side",
    };
    h.get_by_label(button).click_accesskit();
    still(&mut h);
    apply(
        &mut h,
        Action::Picker(beian::action::PickerAction::Open(folder.clone())),
    );
    h.get_by_label("身份证人像面.jpg").click();
    still(&mut h);
    camera.shoot(&mut h, "picker_preview");
    camera.results.extend_harness(&mut h);
    drop(h);
    let _ = std::fs::remove_dir_all(&folder);

    app_sample_screens(&mut camera, locale);

    let Camera {
        problems, results, ..
    } = camera;
    results.unwrap();
    assert!(
        problems.is_empty(),
        "{} layout problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The APP sample, a unit filing of one APP and no website: where the filing-type step
/// says so, the APP's details, its icon on the materials step, the read-back, and the
/// approval with the APP's number and where the APP must show it.
fn app_sample_screens(camera: &mut Camera, locale: Locale) {
    let data = tempfile::tempdir().unwrap();
    let mut h = build(data.path(), locale, Box::new(FakeFileDialog::default()));
    apply(
        &mut h,
        Action::OpenSample(beian::jobs::samples::Sample::App),
    );
    let zh = locale == Locale::ZhCn;
    apply(&mut h, Action::GoToStep(Step::FilingType));
    let no_website = if zh {
        "本次不备案网站，只备案 APP、小程序或快应用"
    } else {
        "No website in this filing: only APPs, mini-programs or quick apps"
    };
    h.get_by_label(no_website).scroll_to_me();
    still(&mut h);
    camera.shoot(&mut h, "app_01_filing_type");
    apply(&mut h, Action::GoToStep(Step::Websites));
    camera.shoot(&mut h, "app_03_apps");
    h.get_by_label(if zh {
        "不使用第三方SDK"
    } else {
        "No third-party SDK"
    })
    .scroll_to_me();
    still(&mut h);
    camera.shoot(&mut h, "app_03_apps_details");
    apply(&mut h, Action::GoToStep(Step::Materials));
    camera.shoot(&mut h, "app_04_materials");
    h.get_by_label(if zh {
        "APP图标（APP 1）"
    } else {
        "APP icon (APP 1)"
    })
    .scroll_to_me();
    still(&mut h);
    camera.shoot(&mut h, "app_04_materials_icon");
    apply(&mut h, Action::GoToStep(Step::Review));
    camera.shoot(&mut h, "app_05_review");
    h.get_by_label(if zh {
        "示例推送服务有限公司（消息推送）"
    } else {
        "示例推送服务有限公司（Push notifications）"
    })
    .scroll_to_me();
    still(&mut h);
    camera.shoot(&mut h, "app_05_review_app");
    for (state, date) in [
        (
            beian::model::SubmissionState::SubmittedToProvider,
            "2026-11-20",
        ),
        (
            beian::model::SubmissionState::SubmittedToBureau,
            "2026-11-21",
        ),
        (beian::model::SubmissionState::SmsReceived, "2026-11-21"),
        (beian::model::SubmissionState::SmsVerified, "2026-11-21"),
    ] {
        let event = beian::model::tracking::SubmissionEvent {
            state,
            date: date.into(),
            ..Default::default()
        };
        apply(&mut h, Edit::RecordSubmission(Box::new(event)));
    }
    let mut approval = beian::model::tracking::SubmissionEvent {
        state: beian::model::SubmissionState::Approved,
        date: "2026-11-27".into(),
        ..Default::default()
    };
    beian::model::approval::ApprovalNumbers {
        subject: "闽ICP备12345678号".into(),
        apps: vec!["闽ICP备12345678号-3A".into()],
        ..Default::default()
    }
    .into_event(&mut approval);
    apply(&mut h, Edit::RecordSubmission(Box::new(approval)));
    apply(&mut h, Action::GoToStep(Step::Tracking));
    camera.shoot(&mut h, "app_06_tracking_approved");
    h.get_by_label(if zh {
        "复制 APP 1 的备案号"
    } else {
        "Copy APP 1's number"
    })
    .scroll_to_me();
    still(&mut h);
    camera.shoot(&mut h, "app_06_tracking_approved_number");
    camera.results.extend_harness(&mut h);
}

#[test]
fn every_screen_in_chinese() {
    every_screen(Locale::ZhCn);
}

#[test]
fn every_screen_in_english() {
    every_screen(Locale::En);
}
