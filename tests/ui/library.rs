//! The help desk's list of filings: the index behind it, search as you type, the
//! keyboard, sorting, and `beian list`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers outside #[test] fns.

use crate::common;

use std::path::Path;
use std::process::Command;

use beian::app::Screen;
use beian::model::{Draft, FilingKind};
use beian::services::FakeFileDialog;
use beian::store::draft_io::save_draft;
use common::{click, harness, settle, type_into};
use egui_kittest::kittest::Queryable as _;

/// Three filings in the library of `data`: two units and one person, each with its own
/// name, domain and mobile.
fn three_filings(data: &Path) -> Vec<Draft> {
    let drafts = data.join("drafts");
    std::fs::create_dir_all(&drafts).unwrap();
    let people = [
        (
            FilingKind::Unit,
            "福州甲科技有限公司",
            "jia-example.cn",
            "13611110001",
        ),
        (
            FilingKind::Unit,
            "厦门乙网络有限公司",
            "yi-example.cn",
            "13622220002",
        ),
        (
            FilingKind::Personal,
            "王小丙",
            "bing-example.cn",
            "13633330003",
        ),
    ];
    people
        .iter()
        .enumerate()
        .map(|(i, (kind, name, domain, mobile))| {
            let mut draft = beian::store::samples::sample(*kind).unwrap();
            draft.id = format!("20261201-00000000000{i}");
            draft.subject.name = (*name).into();
            draft.filing.domain = (*domain).into();
            if let Some(w) = draft.websites.first_mut() {
                w.domain = (*domain).into();
            }
            draft.subject.responsible.mobile = (*mobile).into();
            draft.updated_at = Some(chrono::Utc::now() - chrono::Duration::minutes(i as i64));
            save_draft(
                &beian::store::sealed::Library::of_file(&drafts.join(format!("{}.ron", draft.id))),
                &draft,
                &drafts.join(format!("{}.ron", draft.id)),
            )
            .unwrap();
            draft
        })
        .collect()
}

fn open_label(name: &str) -> String {
    format!("继续填写：{name}")
}

#[test]
fn the_desk_finds_a_filing_by_phone_and_opens_it_with_the_keyboard() {
    let data = tempfile::tempdir().unwrap();
    three_filings(data.path());
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    settle(&mut h);
    for name in ["福州甲科技有限公司", "厦门乙网络有限公司", "王小丙"] {
        assert!(h.query_by_label(&open_label(name)).is_some(), "{name}");
    }
    assert!(h.query_by_label("已保存的备案（3）").is_some());
    // The last digits of a mobile number find its filing only.
    type_into(&mut h, "搜索备案", 0, "622220002");
    h.run_steps(2);
    assert!(
        h.query_by_label(&open_label("厦门乙网络有限公司"))
            .is_some()
    );
    assert!(
        h.query_by_label(&open_label("福州甲科技有限公司"))
            .is_none()
    );
    assert!(h.query_by_label(&open_label("王小丙")).is_none());
    // Enter in the search field opens the chosen (first) row.
    h.key_press(egui::Key::Enter);
    h.run_steps(2);
    settle(&mut h);
    assert_eq!(h.state().ui.screen, Screen::Wizard);
    assert_eq!(h.state().draft.subject.name, "厦门乙网络有限公司");
}

#[test]
fn arrows_choose_the_row_that_enter_opens_and_a_search_with_no_match_says_so() {
    let data = tempfile::tempdir().unwrap();
    three_filings(data.path());
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    settle(&mut h);
    type_into(&mut h, "搜索备案", 0, "nothing-like-this");
    assert!(h.query_by_label("没有符合条件的备案。").is_some());
    // Back to everything (newest change first): the second row is 厦门乙.
    let search = h.get_by_label("搜索备案");
    search.focus();
    h.run_steps(1);
    for _ in 0.."nothing-like-this".len() {
        h.key_press(egui::Key::Backspace);
    }
    h.run_steps(2);
    assert!(h.query_by_label(&open_label("王小丙")).is_some());
    h.key_press(egui::Key::ArrowDown);
    h.run_steps(1);
    h.key_press(egui::Key::Enter);
    h.run_steps(2);
    settle(&mut h);
    assert_eq!(h.state().ui.screen, Screen::Wizard);
    assert_eq!(h.state().draft.subject.name, "厦门乙网络有限公司");
}

#[test]
fn a_column_heading_sorts_and_a_second_click_reverses() {
    let data = tempfile::tempdir().unwrap();
    three_filings(data.path());
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    settle(&mut h);
    let order = |h: &egui_kittest::Harness<'static, beian::app::BeianApp>| {
        let entries = &h.state().ui.library.as_ref().unwrap().entries;
        let view = &h.state().ui.steps.library.view;
        view.select(entries)
            .into_iter()
            .map(|i| entries[i].name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(order(&h)[0], "福州甲科技有限公司");
    click(&mut h, "按“进度”排序");
    click(&mut h, "按“名称”排序");
    let by_name = order(&h);
    click(&mut h, "按“名称”排序");
    let reversed = order(&h);
    assert_eq!(
        by_name.iter().rev().collect::<Vec<_>>(),
        reversed.iter().collect::<Vec<_>>()
    );
}

#[test]
fn a_column_border_dragged_widens_one_column_and_its_menu_restores_the_widths() {
    let data = tempfile::tempdir().unwrap();
    three_filings(data.path());
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    settle(&mut h);
    let domain_x = |h: &egui_kittest::Harness<'static, beian::app::BeianApp>| {
        h.get_by_label("按“域名”排序").rect().min.x
    };
    let before = domain_x(&h);
    let border = h.get_by_label("调整列宽：名称").rect().center();
    h.event(egui::Event::PointerMoved(border));
    h.run_steps(1);
    h.event(egui::Event::PointerButton {
        pos: border,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.run_steps(1);
    for step in 1..=6 {
        h.event(egui::Event::PointerMoved(
            border + egui::vec2(10.0 * step as f32, 0.0),
        ));
        h.run_steps(1);
    }
    let end = border + egui::vec2(60.0, 0.0);
    h.event(egui::Event::PointerButton {
        pos: end,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run_steps(2);
    let after = domain_x(&h);
    assert!(
        (after - before - 60.0).abs() < 2.0,
        "the domain column moved right by the drag: {before} -> {after}"
    );
    assert!(h.state().ui.steps.library.column_shares.is_some());

    let border = h.get_by_label("调整列宽：名称").rect().center();
    h.get_by_label("调整列宽：名称").hover();
    h.run_steps(1);
    // The border's context menu puts the default widths back.
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: border,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.run_steps(1);
    }
    h.run_steps(1);
    click(&mut h, "恢复默认列宽");
    assert!(h.state().ui.steps.library.column_shares.is_none());
    assert!((domain_x(&h) - before).abs() < 1.0);
}

#[test]
fn saving_a_draft_updates_the_index_and_the_list_reads_no_draft_afterwards() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    click(&mut h, "打开单位备案示例");
    settle(&mut h);
    click(&mut h, "首页");
    settle(&mut h);
    let library = data.path().join("drafts");
    let index = beian::library::index::read(&beian::store::sealed::Library::open(&library));
    assert_eq!(index.entries.len(), 1);
    assert_eq!(index.entries[0].name, "福州示例科技有限公司");
    // The index is current: a refresh opens no draft.
    assert_eq!(
        beian::library::index::refresh(&beian::store::sealed::Library::open(&library)).drafts_read,
        0
    );
}

fn beian_list(data: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_beian"))
        .arg("--data-dir")
        .arg(data)
        .arg("list")
        .args(args)
        .env("BEIAN_LANG", "zh-CN")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn beian_list_prints_the_index_with_only_the_tails_of_certificate_numbers() {
    let data = tempfile::tempdir().unwrap();
    let drafts = three_filings(data.path());
    let (code, text) = beian_list(data.path(), &[]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("福州甲科技有限公司") && text.contains("王小丙"),
        "{text}"
    );
    assert!(text.contains("共 3 份备案"), "{text}");
    for draft in &drafts {
        for number in [
            &draft.filing.cert_number,
            &draft.subject.responsible.cert_number,
        ] {
            assert!(
                number.is_empty() || !text.contains(number.as_str()),
                "{text}"
            );
        }
    }
    let (code, json) = beian_list(data.path(), &["bing", "--json"]);
    assert_eq!(code, 0);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["format"], "beian.list/1");
    let filings = value["filings"].as_array().unwrap();
    assert_eq!(filings.len(), 1);
    assert_eq!(filings[0]["name"], "王小丙");
    assert_eq!(filings[0]["kind"], "personal");
    // Not submitted: being filled in or ready, and it waits on the applicant either way.
    let state = filings[0]["state"].as_str().unwrap().to_owned();
    assert!(state == "draft" || state == "ready", "{state}");
    assert_eq!(filings[0]["waits_on"], "applicant");
    let (_, json) = beian_list(data.path(), &["--state", &state, "--json"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(
        value["filings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["name"] == "王小丙")
    );
    let (_, json) = beian_list(data.path(), &["--kind", "unit", "--json"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["filings"].as_array().unwrap().len(), 2);
    let (_, json) = beian_list(data.path(), &["--state", "approved", "--json"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(value["filings"].as_array().unwrap().is_empty());
    let (code, _) = beian_list(data.path(), &["--state", "nonsense"]);
    assert_eq!(code, 2);
}

/// The saves one desk makes in the shared-folder test: `SAVES` drafts of its own, each
/// saved and noted in the index the way the saver thread does it.
const SAVES: usize = 200;

/// Not a test on its own: run by [`two_desks_saving_into_one_folder_lose_no_entry`] in
/// two child processes (it does nothing unless `BEIAN_TEST_DESK` is set).
#[test]
fn desk_process() {
    let (Ok(desk), Ok(folder)) = (
        std::env::var("BEIAN_TEST_DESK"),
        std::env::var("BEIAN_TEST_FOLDER"),
    ) else {
        return;
    };
    let library = Path::new(&folder);
    let template = beian::store::samples::sample(FilingKind::Personal).unwrap();
    for n in 0..SAVES {
        let mut draft = template.clone();
        draft.id = format!("desk{desk}-{n:04}");
        draft.subject.name = format!("{desk}号台申请人{n}");
        let path = library.join(format!("{}.ron", draft.id));
        save_draft(
            &beian::store::sealed::Library::of_file(&path),
            &draft,
            &path,
        )
        .unwrap();
        beian::library::index::note_saved(
            &beian::store::sealed::Library::open(library),
            &path,
            &draft,
        )
        .unwrap();
    }
}

#[test]
fn two_desks_saving_into_one_folder_lose_no_entry() {
    let folder = tempfile::tempdir().unwrap();
    let me = std::env::current_exe().unwrap();
    let children: Vec<_> = ["1", "2"]
        .into_iter()
        .map(|desk| {
            Command::new(&me)
                .args(["--exact", "library::desk_process", "--nocapture"])
                .env("BEIAN_TEST_DESK", desk)
                .env("BEIAN_TEST_FOLDER", folder.path())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let files = std::fs::read_dir(folder.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".ron"))
        })
        .count();
    assert_eq!(files, 2 * SAVES);
    let index = beian::library::index::read(&beian::store::sealed::Library::open(folder.path()));
    assert_eq!(index.entries.len(), 2 * SAVES, "entries were lost");
    for desk in ["1", "2"] {
        for n in 0..SAVES {
            let file = format!("desk{desk}-{n:04}.ron");
            assert!(index.entries.iter().any(|e| e.file == file), "{file}");
        }
    }
    // The index is current for every draft: nothing needs reading.
    assert_eq!(
        beian::library::index::refresh(&beian::store::sealed::Library::open(folder.path()))
            .drafts_read,
        0
    );
}

#[test]
fn delete_asks_first_and_archive_hides_until_searched() {
    let data = tempfile::tempdir().unwrap();
    let drafts = three_filings(data.path());
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    settle(&mut h);
    click(&mut h, "删除：王小丙");
    assert!(
        h.query_by_label("删除“王小丙”的草稿及其全部附件？此操作无法撤销。")
            .is_some()
    );
    click(&mut h, "取消");
    assert!(h.query_by_label(&open_label("王小丙")).is_some());
    click(&mut h, "删除：王小丙");
    click(&mut h, "确认删除");
    settle(&mut h);
    assert!(h.query_by_label(&open_label("王小丙")).is_none());
    let gone = data
        .path()
        .join("drafts")
        .join(format!("{}.ron", drafts[2].id));
    assert!(!gone.exists());
    assert!(h.query_by_label("已保存的备案（2）").is_some());

    click(&mut h, "归档：厦门乙网络有限公司");
    settle(&mut h);
    assert!(
        h.query_by_label(&open_label("厦门乙网络有限公司"))
            .is_none()
    );
    type_into(&mut h, "搜索备案", 0, "厦门");
    assert!(
        h.query_by_label(&open_label("厦门乙网络有限公司"))
            .is_some()
    );
    assert!(
        h.query_by_label_contains("· 已归档").is_some(),
        "a row found by a search says it is archived"
    );
    click(&mut h, "取消归档：厦门乙网络有限公司");
    settle(&mut h);
    assert!(
        !h.state()
            .ui
            .library
            .as_ref()
            .unwrap()
            .entries
            .iter()
            .any(|e| e.archived)
    );
}

#[test]
fn a_draft_open_at_another_desk_opens_read_only_and_an_expired_lock_can_be_taken_over() {
    use beian::library::locks::{self, DraftLock};
    let data = tempfile::tempdir().unwrap();
    let drafts = three_filings(data.path());
    let path = data
        .path()
        .join("drafts")
        .join(format!("{}.ron", drafts[0].id));
    let before = std::fs::read(&path).unwrap();
    let now = chrono::Utc::now();
    locks::renew(&path, &DraftLock::new("2号服务台", "other-desk", now)).unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    settle(&mut h);
    // The list says who has it open.
    let since = now
        .with_timezone(&chrono::Local)
        .format("%H:%M")
        .to_string();
    assert!(
        h.query_by_label(&format!("2号服务台 正在编辑（自 {since}）"))
            .is_some()
    );
    click(&mut h, &open_label("福州甲科技有限公司"));
    settle(&mut h);
    assert_eq!(h.state().ui.screen, Screen::Wizard);
    let since = now
        .with_timezone(&chrono::Local)
        .format("%H:%M")
        .to_string();
    assert!(
        h.query_by_label(&format!("正在由 2号服务台 编辑，自 {since}"))
            .is_some()
    );
    assert!(h.state().ui.read_only.is_some());
    assert!(
        h.query_by_label("接管编辑").is_none(),
        "a live lock cannot be taken over"
    );
    click(&mut h, "首页");
    settle(&mut h);
    // Nothing was written, and the other desk's lock is still there.
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(locks::read(&path).unwrap().desk, "2号服务台");

    // The other desk crashed 20 minutes ago: its lock expired.
    let old = now - chrono::Duration::minutes(20);
    locks::renew(&path, &DraftLock::new("2号服务台", "other-desk", old)).unwrap();
    click(&mut h, &open_label("福州甲科技有限公司"));
    settle(&mut h);
    click(&mut h, "接管编辑");
    click(&mut h, "确认接管");
    settle(&mut h);
    assert!(h.state().ui.read_only.is_none());
    assert_ne!(locks::read(&path).unwrap().session, "other-desk");
    // Closing gives the lock up.
    click(&mut h, "首页");
    settle(&mut h);
    assert!(locks::read(&path).is_none());
}

#[test]
fn a_filing_at_the_bureau_for_too_long_is_overdue_in_the_list_and_the_daily_overview() {
    use beian::model::SubmissionState;
    use beian::model::draft::SubmissionEvent;
    let data = tempfile::tempdir().unwrap();
    let drafts = three_filings(data.path());
    let mut late = drafts[1].clone();
    let long_ago = chrono::Local::now().date_naive() - chrono::Duration::days(60);
    late.submission.events.push(SubmissionEvent {
        state: SubmissionState::SubmittedToProvider,
        date: (long_ago - chrono::Duration::days(2))
            .format("%Y-%m-%d")
            .to_string(),
        ..SubmissionEvent::default()
    });
    late.submission.events.push(SubmissionEvent {
        state: SubmissionState::SubmittedToBureau,
        date: long_ago.format("%Y-%m-%d").to_string(),
        ..SubmissionEvent::default()
    });
    let path = data.path().join("drafts").join(format!("{}.ron", late.id));
    save_draft(&beian::store::sealed::Library::of_file(&path), &late, &path).unwrap();
    let page = data.path().join("overview.html");
    let out = Command::new(env!("CARGO_BIN_EXE_beian"))
        .arg("--data-dir")
        .arg(data.path())
        .args(["list", "--json", "--html"])
        .arg(&page)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let filings = value["filings"].as_array().unwrap();
    let at_bureau = filings
        .iter()
        .find(|f| f["name"] == "厦门乙网络有限公司")
        .unwrap();
    assert_eq!(at_bureau["state"], "at_bureau");
    assert_eq!(at_bureau["waits_on"], "bureau");
    assert_eq!(at_bureau["overdue"], true);
    assert!(
        filings
            .iter()
            .filter(|f| f["name"] != "厦门乙网络有限公司")
            .all(|f| f["overdue"] == false)
    );
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.contains("厦门乙网络有限公司") && html.contains("已超时"),
        "{html}"
    );
    for draft in &drafts {
        let tail = beian::model::index::cert_tail(&draft.filing.cert_number);
        assert!(!html.contains(draft.filing.cert_number.as_str()));
        assert!(tail.is_empty() || !html.contains(&format!(">{tail}<")));
        assert!(!html.contains(draft.subject.responsible.mobile.as_str()));
    }
}
