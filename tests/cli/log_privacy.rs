//! Nothing personal reaches a log or a temporary folder. The UI walk-through and the
//! command line run with every log level on (`trace`); everything logged (by beian and
//! by every library it uses) and every file left in the temporary folder is searched for
//! the names, certificate numbers, phone numbers, e-mail addresses, domains and
//! passwords that were entered.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::path::Path;
use std::process::Command;
use std::sync::{Mutex, OnceLock};

use beian::model::{Draft, FilingKind, Step};
use beian::services::FakeFileDialog;
use beian::store::storage::DataDir;
use common::{click, harness, settle, type_into};

const KEY_PASSWORD: &str = "Probe-Key-Password-77";
const STAFF_PASSPHRASE: &str = "Probe-Staff-Passphrase-88";
const TYPED_NAME: &str = "隐私探针";
const TYPED_EMAIL: &str = "privacy-probe@example.org";
const TYPED_MOBILE: &str = "13912345678";

/// Every log record of this process, as `target: message`.
struct Capture(Mutex<Vec<String>>);

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }
    fn log(&self, record: &log::Record<'_>) {
        let line = format!("{}: {}", record.target(), record.args());
        self.0.lock().unwrap().push(line);
    }
    fn flush(&self) {}
}

fn capture() -> &'static Capture {
    static CAPTURE: OnceLock<&'static Capture> = OnceLock::new();
    CAPTURE.get_or_init(|| {
        let capture: &'static Capture = Box::leak(Box::new(Capture(Mutex::new(Vec::new()))));
        log::set_logger(capture).unwrap();
        log::set_max_level(log::LevelFilter::Trace);
        capture
    })
}

/// What the applicant entered in a sample filing.
fn entered(draft: &Draft) -> Vec<String> {
    let mut out = vec![
        draft.subject.name.clone(),
        draft.filing.cert_number.clone(),
        draft.filing.domain.clone(),
        draft.subject.responsible.name.clone(),
        draft.subject.responsible.cert_number.clone(),
        draft.subject.responsible.mobile.clone(),
        draft.subject.responsible.email.clone(),
        draft.subject.mailing_address.clone(),
    ];
    for w in &draft.websites {
        out.extend([
            w.domain.clone(),
            w.responsible.name.clone(),
            w.responsible.cert_number.clone(),
            w.responsible.mobile.clone(),
            w.responsible.email.clone(),
        ]);
    }
    out.retain(|s| s.chars().count() >= 2);
    out
}

fn secrets() -> Vec<String> {
    let mut out: Vec<String> = [FilingKind::Personal, FilingKind::Unit]
        .into_iter()
        .flat_map(|k| entered(&beian::store::samples::sample(k).unwrap()))
        .collect();
    out.extend(
        [
            KEY_PASSWORD,
            STAFF_PASSPHRASE,
            TYPED_NAME,
            TYPED_EMAIL,
            TYPED_MOBILE,
        ]
        .map(String::from),
    );
    out.sort();
    out.dedup();
    out
}

fn leaks(text: &str, secrets: &[String]) -> Vec<String> {
    secrets
        .iter()
        .filter(|s| text.contains(s.as_str()))
        .cloned()
        .collect()
}

#[test]
fn the_ui_walk_through_logs_nothing_personal_at_trace_level() {
    let capture = capture();
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    click(&mut h, "打开个人备案示例");
    for _ in 0..10 {
        settle(&mut h);
        if h.state().ui.screen == beian::app::Screen::Wizard {
            break;
        }
    }
    // Typing into the subject's fields.
    h.state_mut().apply(
        beian::action::Action::GoToStep(Step::Subject),
        &egui::Context::default(),
    );
    settle(&mut h);
    type_into(&mut h, "电子邮箱", 0, TYPED_EMAIL);
    h.state_mut().draft.subject.responsible.mobile = TYPED_MOBILE.into();
    h.state_mut().draft.subject.name = TYPED_NAME.into();
    settle(&mut h);
    for step in &Step::ALL {
        h.state_mut().apply(
            beian::action::Action::GoToStep(*step),
            &egui::Context::default(),
        );
        settle(&mut h);
    }
    // Export with a key password, open and import the bundle.
    h.state_mut().apply(
        beian::action::Action::GoToStep(Step::Review),
        &egui::Context::default(),
    );
    settle(&mut h);
    h.state_mut().ui.export.password = KEY_PASSWORD.into();
    h.state_mut().ui.export.password_again = KEY_PASSWORD.into();
    let out = data.path().join("bundle.zip");
    dialog.answer(Some(out.clone()));
    h.state_mut().apply(
        beian::action::BundleAction::Export.into(),
        &egui::Context::default(),
    );
    settle(&mut h);
    click(&mut h, "首页");
    settle(&mut h);
    dialog.answer(Some(out.clone()));
    click(&mut h, "打开文件包…");
    settle(&mut h);
    click(&mut h, "← 返回");
    settle(&mut h);
    // A staff passphrase, a wrong and a right unlock.
    click(&mut h, "员工设置");
    type_into(&mut h, "新口令", 0, STAFF_PASSPHRASE);
    type_into(&mut h, "再次输入新口令", 0, STAFF_PASSPHRASE);
    click(&mut h, "设置口令");
    settle(&mut h);
    click(&mut h, "← 返回");
    click(&mut h, "锁定");
    type_into(&mut h, "员工口令", 0, "not it at all");
    click(&mut h, "解锁");
    settle(&mut h);
    type_into(&mut h, "员工口令", 0, STAFF_PASSPHRASE);
    click(&mut h, "解锁");
    settle(&mut h);
    assert!(!h.state().is_locked());
    drop(h);

    let lines = capture.0.lock().unwrap().clone();
    assert!(
        lines.iter().any(|l| l.starts_with("beian")),
        "beian's own records are captured too"
    );
    let all = lines.join("\n");
    let found = leaks(&all, &secrets());
    assert!(found.is_empty(), "logged: {found:?}");
}

/// The files under `dir`, recursively.
fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(files(&path));
            } else {
                out.push(path);
            }
        }
    }
    out
}

#[test]
fn the_command_line_logs_nothing_personal_and_leaves_no_temporary_file() {
    let root = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::at(root.path().join("data"));
    let (draft, path) = beian::services::samples::create(
        FilingKind::Personal,
        &beian::store::sealed::Library::open(data.drafts_dir()),
        chrono::Utc::now(),
    )
    .unwrap();
    beian::store::draft_io::save_draft(
        &beian::store::sealed::Library::of_file(&path),
        &draft,
        &path,
    )
    .unwrap();
    let bundle = root.path().join("out.zip");
    let run = |args: &[&std::ffi::OsStr]| {
        let out = Command::new(env!("CARGO_BIN_EXE_beian"))
            .arg("--data-dir")
            .arg(data.root())
            .args(args)
            .env("RUST_LOG", "trace")
            .env("TMPDIR", tmp.path())
            .env("BEIAN_KEY_PASSWORD", KEY_PASSWORD)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let mut logged = String::new();
    logged += &run(&["check".as_ref(), path.as_os_str()]);
    logged += &run(&[
        "export".as_ref(),
        path.as_os_str(),
        "-o".as_ref(),
        bundle.as_os_str(),
    ]);
    assert!(bundle.exists(), "{logged}");
    logged += &run(&["verify".as_ref(), bundle.as_os_str()]);
    logged += &run(&["list".as_ref()]);
    logged += &run(&["list".as_ref(), "--json".as_ref()]);
    let found = leaks(&logged, &secrets());
    assert!(found.is_empty(), "logged: {found:?}\n{logged}");

    let left = files(tmp.path());
    assert!(left.is_empty(), "temporary files left: {left:?}");
    #[cfg(unix)]
    for file in files(data.root()) {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "{} is readable by others", file.display());
    }
}
