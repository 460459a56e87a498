//! Moving a whole filing between computers with a draft transfer file — from the start
//! screen by label with the fake file dialog, and with `beian transfer` — and the start
//! screen's "print today's overview".
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers outside #[test] fns.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use beian::action::Action;
use beian::app::Screen;
use beian::documents::Store;
use beian::model::{Draft, FilingKind};
use beian::services::FakeFileDialog;
use beian::store::draft_io;
use beian::store::storage::DataDir;
use common::{click, harness, settle};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

type App = Harness<'static, beian::app::BeianApp>;

fn apply(h: &mut App, action: Action) {
    h.state_mut().apply(action, &egui::Context::default());
    h.run_steps(2);
    settle(h);
}

/// The unit sample with all its documents, saved in the library of `data`.
fn library_sample(data: &Path) -> (Draft, PathBuf) {
    let (draft, path) = beian::services::samples::create(
        FilingKind::Unit,
        &beian::store::sealed::Library::open(DataDir::at(data).drafts_dir()),
        chrono::Utc::now(),
    )
    .unwrap();
    draft_io::save_draft(
        &beian::store::sealed::Library::of_file(&path),
        &draft,
        &path,
    )
    .unwrap();
    (draft, path)
}

/// The drafts the library of `data` lists (`.ron` files not hidden by a leading dot).
fn library_drafts(data: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(data.join("drafts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.is_file()
                && p.extension().is_some_and(|x| x == "ron")
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    found.sort();
    found
}

/// The replaced drafts kept in the library of `data` (hidden from the list).
fn replaced(data: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(data.join("drafts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.is_file()
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(".replaced-"))
        })
        .collect()
}

fn assert_all_attachments(draft: &Draft, path: &Path) {
    let store = Store::for_draft(&beian::store::sealed::Library::of_file(path), path);
    let hashes = beian::bundle::transfer::referenced_hashes(draft);
    assert!(hashes.len() > 3, "{hashes:?}");
    for sha in hashes {
        let bytes = store.get(&sha).unwrap();
        assert_eq!(beian::documents::store::sha256_hex(&bytes), sha);
    }
}

/// Clicks "import from another computer", answering the dialog with `file`.
fn import_by_label(h: &mut App, dialog: &FakeFileDialog, file: &Path) {
    dialog.answer(Some(file.to_owned()));
    click(h, "导入转移文件…");
    settle(h);
    h.run_steps(3);
}

#[test]
fn a_filing_moves_to_another_computer_and_a_conflict_is_asked_about() {
    let home = tempfile::tempdir().unwrap();
    let away = tempfile::tempdir().unwrap();
    let (draft, _) = library_sample(home.path());
    let file = home.path().join("moved.beiandraft");

    // Export from the list of the first computer.
    let dialog = FakeFileDialog::default();
    let mut h = harness(home.path(), &dialog);
    dialog.answer(Some(file.clone()));
    click(&mut h, &format!("导出转移文件：{}", draft.display_name()));
    settle(&mut h);
    h.run_steps(3);
    assert!(
        dialog
            .asked()
            .contains(&format!("save_transfer:{}.beiandraft", draft.id)),
        "{:?}",
        dialog.asked()
    );
    assert!(file.exists());
    assert!(h.query_by_label_contains("转移文件已写入").is_some());
    drop(h);

    // Import on the second: the draft opens, with every attachment beside it.
    let dialog = FakeFileDialog::default();
    let mut h = harness(away.path(), &dialog);
    import_by_label(&mut h, &dialog, &file);
    assert!(dialog.asked().contains(&"open_transfer".to_owned()));
    assert_eq!(h.state().ui.screen, Screen::Wizard);
    assert_eq!(h.state().draft, draft);
    let arrived = library_drafts(away.path());
    assert_eq!(arrived.len(), 1);
    assert_eq!(
        draft_io::load_draft(
            &beian::store::sealed::Library::of_file(&arrived[0]),
            &arrived[0]
        )
        .unwrap(),
        draft
    );
    assert_all_attachments(&draft, &arrived[0]);
    assert!(
        h.query_by_label_contains("草稿已从转移文件导入资料库")
            .is_some()
    );

    // The draft changes on the second computer; importing the old one again asks.
    let mut changed = draft.clone();
    changed.subject.name = "本机改过的名称有限公司".into();
    apply(&mut h, Action::CloseDraft);
    draft_io::save_draft(
        &beian::store::sealed::Library::of_file(&arrived[0]),
        &changed,
        &arrived[0],
    )
    .unwrap();
    apply(&mut h, Action::RefreshLibrary);
    import_by_label(&mut h, &dialog, &file);
    assert_eq!(h.state().ui.screen, Screen::Start);
    assert!(
        h.query_by_label("资料库中已有这份草稿的另一个版本")
            .is_some()
    );

    // Cancel: nothing changes.
    click(&mut h, "取消");
    settle(&mut h);
    assert!(
        h.query_by_label("资料库中已有这份草稿的另一个版本")
            .is_none()
    );
    assert!(h.query_by_label("已取消导入，没有任何改动。").is_some());
    assert_eq!(library_drafts(away.path()).len(), 1);
    assert_eq!(
        draft_io::load_draft(
            &beian::store::sealed::Library::of_file(&arrived[0]),
            &arrived[0]
        )
        .unwrap(),
        changed
    );

    // Keep both: a copy with a new identifier opens; the changed draft stays.
    import_by_label(&mut h, &dialog, &file);
    click(&mut h, "保留两份");
    settle(&mut h);
    h.run_steps(3);
    assert_eq!(h.state().ui.screen, Screen::Wizard);
    assert_ne!(h.state().draft.id, draft.id);
    assert_eq!(h.state().draft.subject.name, draft.subject.name);
    assert_eq!(library_drafts(away.path()).len(), 2);
    assert_eq!(
        draft_io::load_draft(
            &beian::store::sealed::Library::of_file(&arrived[0]),
            &arrived[0]
        )
        .unwrap(),
        changed
    );
    let copy_path = h.state().draft_path.clone().unwrap();
    assert_all_attachments(&h.state().draft.clone(), &copy_path);

    // Replace: the changed draft is kept aside whole, the imported one takes its place.
    apply(&mut h, Action::CloseDraft);
    import_by_label(&mut h, &dialog, &file);
    click(&mut h, "替换");
    settle(&mut h);
    h.run_steps(3);
    assert_eq!(h.state().ui.screen, Screen::Wizard);
    assert_eq!(
        draft_io::load_draft(
            &beian::store::sealed::Library::of_file(&arrived[0]),
            &arrived[0]
        )
        .unwrap(),
        draft
    );
    let kept = replaced(away.path());
    assert_eq!(kept.len(), 1);
    let backup =
        draft_io::load_draft(&beian::store::sealed::Library::of_file(&kept[0]), &kept[0]).unwrap();
    assert_eq!(backup, changed);
    assert_all_attachments(&backup, &kept[0]);
    assert_eq!(library_drafts(away.path()).len(), 2);
}

/// A company's and a person's filing saved in the library of `data`.
fn two_filings(data: &Path) -> Vec<Draft> {
    let drafts_dir = data.join("drafts");
    let mut drafts = Vec::new();
    for (i, (kind, name)) in [
        (FilingKind::Unit, "福州甲科技有限公司"),
        (FilingKind::Personal, "王小丙"),
    ]
    .into_iter()
    .enumerate()
    {
        let mut draft = beian::store::samples::sample(kind).unwrap();
        draft.id = format!("20261201-00000000000{i}");
        draft.subject.name = name.into();
        draft_io::save_draft(
            &beian::store::sealed::Library::of_file(&drafts_dir.join(format!("{}.ron", draft.id))),
            &draft,
            &drafts_dir.join(format!("{}.ron", draft.id)),
        )
        .unwrap();
        drafts.push(draft);
    }
    drafts
}

#[test]
fn the_overview_is_printed_from_the_start_screen_without_certificate_numbers() {
    let data = tempfile::tempdir().unwrap();
    let drafts = two_filings(data.path());
    let page = data.path().join("printed").join("today.html");
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    dialog.answer(Some(page.clone()));
    click(&mut h, "打印当日概览…");
    settle(&mut h);
    h.run_steps(3);
    let today = chrono::Local::now().format("%Y-%m-%d");
    assert!(
        dialog
            .asked()
            .contains(&format!("save_overview:beian-overview-{today}.html")),
        "{:?}",
        dialog.asked()
    );
    let html = std::fs::read_to_string(&page).unwrap();
    for draft in &drafts {
        assert!(html.contains(&draft.subject.name), "{html}");
        for number in [
            &draft.filing.cert_number,
            &draft.subject.responsible.cert_number,
            &draft.subject.legal_rep.cert_number,
        ] {
            assert!(
                number.is_empty() || !html.contains(number.as_str()),
                "{number}"
            );
        }
        assert!(!html.contains(draft.subject.responsible.mobile.as_str()));
    }
    assert!(h.query_by_label_contains("当日概览已写入").is_some());
    // The same page as `beian list --html`.
    let cli_page = data.path().join("cli.html");
    let out = beian()
        .arg("--data-dir")
        .arg(data.path())
        .args(["list", "--html"])
        .arg(&cli_page)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&cli_page).unwrap(), html);
}

fn beian() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_beian"));
    c.env_remove("BEIAN_LANG").env("RUST_LOG", "off");
    c
}

fn code(out: &std::process::Output) -> Option<i32> {
    out.status.code()
}

#[test]
fn beian_transfer_exports_and_imports_and_never_overwrites_silently() {
    let home = tempfile::tempdir().unwrap();
    let away = tempfile::tempdir().unwrap();
    let (draft, path) = library_sample(home.path());
    let file = home.path().join("x.beiandraft");
    let out = beian()
        .args(["--lang", "en", "transfer", "export"])
        .arg(&path)
        .arg("-o")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(
        code(&out),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Transfer file written"));

    let import = |extra: &[&str]| {
        beian()
            .args(["--lang", "en", "--data-dir"])
            .arg(away.path())
            .args(["transfer", "import"])
            .arg(&file)
            .args(extra)
            .output()
            .unwrap()
    };
    let out = import(&[]);
    assert_eq!(
        code(&out),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let arrived = library_drafts(away.path());
    assert_eq!(arrived.len(), 1);
    assert_eq!(
        draft_io::load_draft(
            &beian::store::sealed::Library::of_file(&arrived[0]),
            &arrived[0]
        )
        .unwrap(),
        draft
    );
    assert_all_attachments(&draft, &arrived[0]);

    // The same again: already there.
    let out = import(&[]);
    assert_eq!(code(&out), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("already holds this very draft"));

    // Changed here: a conflict names the flags and changes nothing.
    let mut changed = draft.clone();
    changed.subject.name = "本机改过的名称有限公司".into();
    draft_io::save_draft(
        &beian::store::sealed::Library::of_file(&arrived[0]),
        &changed,
        &arrived[0],
    )
    .unwrap();
    let out = import(&[]);
    assert_eq!(code(&out), Some(1));
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("--as-copy") && text.contains("--replace"),
        "{text}"
    );
    assert_eq!(
        draft_io::load_draft(
            &beian::store::sealed::Library::of_file(&arrived[0]),
            &arrived[0]
        )
        .unwrap(),
        changed
    );

    let out = import(&["--as-copy"]);
    assert_eq!(code(&out), Some(0));
    assert_eq!(library_drafts(away.path()).len(), 2);
    assert_eq!(
        draft_io::load_draft(
            &beian::store::sealed::Library::of_file(&arrived[0]),
            &arrived[0]
        )
        .unwrap(),
        changed
    );

    let out = import(&["--replace"]);
    assert_eq!(
        code(&out),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        draft_io::load_draft(
            &beian::store::sealed::Library::of_file(&arrived[0]),
            &arrived[0]
        )
        .unwrap(),
        draft
    );
    assert_eq!(replaced(away.path()).len(), 1);
}

#[test]
fn beian_transfer_refuses_a_changed_or_unreadable_file_and_imports_nothing() {
    let home = tempfile::tempdir().unwrap();
    let away = tempfile::tempdir().unwrap();
    let (_, path) = library_sample(home.path());
    let file = home.path().join("x.beiandraft");
    let out = beian()
        .args(["transfer", "export"])
        .arg(&path)
        .arg("-o")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(code(&out), Some(0));
    // Change one attachment's content inside the zip, keeping the manifest.
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&file).unwrap()).unwrap();
    let tampered = home.path().join("tampered.beiandraft");
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&tampered).unwrap());
    let mut changed_one = false;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
        if name.starts_with("files/") && !changed_one {
            bytes.push(0);
            changed_one = true;
        }
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut writer, &bytes).unwrap();
    }
    writer.finish().unwrap();
    assert!(changed_one);
    for (input, expected) in [
        (tampered, "does not match its manifest"),
        (home.path().join("absent.beiandraft"), "Cannot read"),
        (path.clone(), "not a draft transfer file"),
    ] {
        let out = beian()
            .args(["--lang", "en", "--data-dir"])
            .arg(away.path())
            .args(["transfer", "import"])
            .arg(&input)
            .output()
            .unwrap();
        assert_eq!(code(&out), Some(2), "{input:?}");
        let text = String::from_utf8_lossy(&out.stderr);
        assert!(text.contains(expected), "{text}");
        assert!(
            !away.path().join("drafts").exists() || library_drafts(away.path()).is_empty(),
            "{input:?}"
        );
    }
}

/// The page with what the user typed (names, domains, the addresses of the samples) taken
/// out: what is left is beian's own words.
fn own_words(html: &str, drafts: &[Draft]) -> String {
    let mut text = html.to_owned();
    for draft in drafts {
        for value in std::iter::once(&draft.subject.name)
            .chain(std::iter::once(&draft.filing.domain))
            .chain(draft.websites.iter().map(|w| &w.domain))
        {
            if !value.is_empty() {
                text = text.replace(value.as_str(), "");
            }
        }
    }
    text
}

fn has_han(text: &str) -> bool {
    text.chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3000}'..='\u{303f}').contains(&c))
}

#[test]
fn the_overview_printed_in_english_is_english_throughout() {
    let data = tempfile::tempdir().unwrap();
    let drafts = two_filings(data.path());

    // From the English window (the page is written on a worker thread).
    let page = data.path().join("today-en.html");
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    common::apply(&mut h, Action::SetLocale(beian::i18n::Locale::En));
    dialog.answer(Some(page.clone()));
    click(&mut h, "Print today's overview…");
    settle(&mut h);
    h.run_steps(3);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("<html lang=\"en\">"), "{html}");
    assert!(html.contains("王小丙"), "the filings are listed: {html}");
    let own = own_words(&html, &drafts);
    assert!(!has_han(&own), "Chinese in the English page: {own}");

    // From the command line.
    let cli_page = data.path().join("cli-en.html");
    let out = beian()
        .arg("--data-dir")
        .arg(data.path())
        .args(["--lang", "en", "list", "--html"])
        .arg(&cli_page)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let cli_html = std::fs::read_to_string(&cli_page).unwrap();
    assert!(cli_html.contains("<html lang=\"en\">"), "{cli_html}");
    assert!(!has_han(&own_words(&cli_html, &drafts)), "{cli_html}");
}
