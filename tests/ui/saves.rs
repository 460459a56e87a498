//! Saves that survive crashes and full disks: a process autosaving a changing draft (and
//! its attachments) is killed at random moments, and saves run under a file-size limit.
//! The child processes are this test binary run again with an environment variable that
//! names their role, so no other binary has to be built first.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::io::{BufRead as _, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use beian::documents::Store;
use beian::model::{Draft, FilingKind};
use beian::store::draft_io::{self, load_draft, save_draft};
use beian::store::leftovers::{is_temp_name, remove_leftover_temp_files};
use beian::store::samples;

/// The role of a child run of this binary, and its draft.
const CHILD_ENV: &str = "BEIAN_SAVES_TEST_CHILD";

/// Runs the test `name` of this binary as a child process with `role` and `draft`.
fn child(name: &str, role: &str, draft: &Path) -> Command {
    let mut c = Command::new(std::env::current_exe().unwrap());
    c.args([
        name,
        "--exact",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ])
    .env(CHILD_ENV, format!("{role}:{}", draft.display()))
    .env("RUST_LOG", "off");
    c
}

/// The draft a child was given, when this process is that child.
fn child_role(role: &str) -> Option<PathBuf> {
    let value = std::env::var(CHILD_ENV).ok()?;
    let path = value.strip_prefix(role)?.strip_prefix(':')?;
    Some(PathBuf::from(path))
}

/// The number of the save a draft written by the autosaver holds.
fn generation(draft: &Draft) -> u64 {
    draft
        .subject
        .name
        .strip_prefix("autosave ")
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// The attachment content of save `n`: a different file each time, 16–80 KB.
fn attachment_bytes(n: u64) -> Vec<u8> {
    let len = 16 * 1024 + (n % 64) as usize * 1024;
    let mut bytes = format!("attachment {n}\n").into_bytes();
    bytes.resize(len, (n % 251) as u8);
    bytes
}

/// The temporary files of interrupted saves beside the draft and in its store.
fn temp_files(draft: &Path) -> Vec<PathBuf> {
    let dirs = [
        draft.parent().unwrap().to_owned(),
        draft_io::attachment_dir(draft),
    ];
    dirs.iter()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_str().is_some_and(is_temp_name))
        .map(|e| e.path())
        .collect()
}

/// The child: starts as beian does (cleaning up after an interrupted save), then saves a
/// changing draft with a new attachment, as fast as it can, until killed. Prints
/// `saved N` after save N is complete.
#[test]
#[ignore = "the child process of autosave_survives_being_killed_at_random_moments"]
fn autosaving_child() {
    let Some(path) = child_role("autosave") else {
        return;
    };
    remove_leftover_temp_files(path.parent().unwrap());
    let mut draft = load_draft(&beian::store::sealed::Library::of_file(&path), &path)
        .expect("the draft loads at start");
    let store = Store::for_draft(&beian::store::sealed::Library::of_file(&path), &path);
    let mut n = generation(&draft);
    let mut out = std::io::stdout().lock();
    loop {
        n += 1;
        let sha = store.put(&attachment_bytes(n)).expect("attachment stored");
        draft.materials.attachments[0].sha256 = sha;
        draft.subject.name = format!("autosave {n}");
        draft.subject.cert_address = "北京市朝阳区".repeat((n % 50) as usize * 20);
        save_draft(
            &beian::store::sealed::Library::of_file(&path),
            &draft,
            &path,
        )
        .expect("draft saved");
        writeln!(out, "saved {n}").unwrap();
        out.flush().unwrap();
    }
}

/// A sample draft with its documents in the store, saved at `dir/draft.ron`.
fn sample_with_documents(dir: &Path) -> PathBuf {
    let path = dir.join("draft.ron");
    let mut draft = samples::sample(FilingKind::Personal).unwrap();
    common::attach_test_documents(&mut draft, &path);
    assert!(!draft.materials.attachments.is_empty());
    save_draft(
        &beian::store::sealed::Library::of_file(&path),
        &draft,
        &path,
    )
    .unwrap();
    path
}

#[test]
fn autosave_survives_being_killed_at_random_moments() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_with_documents(dir.path());
    let store = Store::for_draft(&beian::store::sealed::Library::of_file(&path), &path);
    let started = Instant::now();
    // A fixed-seed linear congruential generator: random moments, the same each run.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let (mut mid_run, mut renamed_unreported) = (0, 0);
    for kill in 0..200 {
        let before =
            generation(&load_draft(&beian::store::sealed::Library::of_file(&path), &path).unwrap());
        let mut proc = child("saves::autosaving_child", "autosave", &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = proc.stdout.take().unwrap();
        // Wait for the first completed save, then a random moment up to 30 ms more.
        let mut lines = BufReader::new(stdout).lines();
        let mut last = before;
        for line in lines.by_ref() {
            if let Some(n) = line.unwrap().strip_prefix("saved ") {
                last = n.parse().unwrap();
                break;
            }
        }
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        std::thread::sleep(Duration::from_micros((seed >> 33) % 30_000));
        proc.kill().unwrap();
        let status = proc.wait().unwrap();
        assert!(
            status.code().is_none(),
            "kill {kill}: the autosaver stopped by itself ({status}): {}",
            std::io::read_to_string(proc.stderr.take().unwrap()).unwrap()
        );
        for line in lines {
            if let Some(n) = line.unwrap().strip_prefix("saved ") {
                last = n.parse().unwrap();
            }
        }
        assert!(last > before, "kill {kill}: no save completed");

        // The draft loads and holds the last reported save or the one after it.
        let loaded = load_draft(&beian::store::sealed::Library::of_file(&path), &path)
            .unwrap_or_else(|e| panic!("kill {kill}: {e}"));
        let found = generation(&loaded);
        assert!(
            found == last || found == last + 1,
            "kill {kill}: the draft holds save {found}, the last reported was {last}"
        );
        if found == last + 1 {
            renamed_unreported += 1;
        }
        // What it references is whole: present and with its hash.
        let sha = &loaded.materials.attachments[0].sha256;
        assert_eq!(
            store
                .get(sha)
                .unwrap_or_else(|e| panic!("kill {kill}: {e}")),
            attachment_bytes(found)
        );

        // At most the one save under way was interrupted; the next start removes it.
        let left = temp_files(&path);
        assert!(
            left.len() <= 1,
            "kill {kill}: temporary files pile up: {left:?}"
        );
        if !left.is_empty() {
            mid_run += 1;
        }
        remove_leftover_temp_files(dir.path());
        assert_eq!(temp_files(&path), Vec::<PathBuf>::new(), "kill {kill}");
    }
    eprintln!(
        "200 kills in {:?}: {mid_run} interrupted a write, {renamed_unreported} came after \
         a rename but before its report",
        started.elapsed()
    );
    // The random moments did hit saves under way.
    assert!(mid_run > 0);
}

/// `command` with a file-size limit of `kib` KiB: a write past it fails with "File too
/// large" (SIGXFSZ ignored, as a full disk fails a write with an error, not a signal).
fn with_file_size_limit(command: &Command, kib: u64) -> Command {
    let mut limited = Command::new("bash");
    limited
        .arg("-c")
        .arg(format!("trap '' XFSZ; ulimit -f {kib} && exec \"$@\""))
        .arg("bash")
        .arg(command.get_program())
        .args(command.get_args());
    for (key, value) in command.get_envs() {
        match value {
            Some(v) => limited.env(key, v),
            None => limited.env_remove(key),
        };
    }
    limited
}

/// The size limit of the full-disk child, in KiB: the sample and its documents fit, a
/// draft with a megabyte of text does not.
const LIMIT_KIB: u64 = 1024;

/// The child of `a_full_disk_shows_the_error_keeps_the_draft_and_retries`: the app under
/// a file-size limit.
#[test]
#[ignore = "the child process of a_full_disk_shows_the_error_keeps_the_draft_and_retries"]
fn full_disk_child() {
    use beian::app::SaveStatus;
    let Some(data) = child_role("full-disk") else {
        return;
    };
    let dialog = beian::services::FakeFileDialog::default();
    let mut h = common::harness(&data, &dialog);
    common::click(&mut h, "打开个人备案示例");
    common::settle(&mut h);
    let path = h.state().draft_path.clone().expect("the sample is saved");
    let before = load_draft(&beian::store::sealed::Library::of_file(&path), &path).unwrap();
    assert!(matches!(h.state().ui.save_status, SaveStatus::Saved(_)));

    // A change that makes the draft larger than the disk has room for.
    h.state_mut().draft.subject.cert_address = "北京市朝阳区".repeat(60_000);
    common::settle(&mut h);
    assert!(
        matches!(h.state().ui.save_status, SaveStatus::Failed(_)),
        "{:?}",
        h.state().ui.save_status
    );
    let banner = h
        .state()
        .ui
        .banner
        .clone()
        .expect("a banner says the save failed");
    let text = banner.text(beian::i18n::Locale::ZhCn);
    assert!(text.contains("自动保存失败"), "{text}");
    assert!(text.contains("上一次保存"), "{text}");
    // The file still holds the previous save, and no half-written copy is left.
    assert_eq!(
        load_draft(&beian::store::sealed::Library::of_file(&path), &path).unwrap(),
        before
    );
    assert_eq!(temp_files(&path), Vec::<PathBuf>::new());

    // The next change (one that fits) saves again and takes the banner down.
    h.state_mut().draft.subject.cert_address = "北京市朝阳区建国路 1 号".to_owned();
    common::settle(&mut h);
    assert!(
        matches!(h.state().ui.save_status, SaveStatus::Saved(_)),
        "{:?}",
        h.state().ui.save_status
    );
    assert!(h.state().ui.banner.is_none());
    assert_eq!(
        load_draft(&beian::store::sealed::Library::of_file(&path), &path)
            .unwrap()
            .subject
            .cert_address,
        "北京市朝阳区建国路 1 号"
    );
    println!("full-disk child passed");
}

#[test]
fn a_full_disk_shows_the_error_keeps_the_draft_and_retries() {
    let data = tempfile::tempdir().unwrap();
    let out = with_file_size_limit(
        &child("saves::full_disk_child", "full-disk", data.path()),
        LIMIT_KIB,
    )
    .output()
    .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("full-disk child passed"),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A sample draft whose warnings are acknowledged, ready to export.
fn ready_sample(dir: &Path) -> PathBuf {
    let path = sample_with_documents(dir);
    let mut draft = load_draft(&beian::store::sealed::Library::of_file(&path), &path).unwrap();
    let report = beian::rules::validate(&draft);
    for issue in &report.issues {
        if issue.severity == beian::rules::Severity::Warning {
            draft
                .review
                .acknowledged_warnings
                .push(issue.acknowledgement());
        }
    }
    save_draft(
        &beian::store::sealed::Library::of_file(&path),
        &draft,
        &path,
    )
    .unwrap();
    path
}

#[test]
fn export_onto_a_full_disk_exits_2_and_keeps_the_previous_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let draft = ready_sample(dir.path());
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let bundle = out_dir.join("bundle.zip");
    let mut export = Command::new(env!("CARGO_BIN_EXE_beian"));
    export
        .args(["--lang", "en", "export"])
        .arg(&draft)
        .arg("-o")
        .arg(&bundle)
        .arg("--data-dir")
        .arg(&data)
        .env_remove("BEIAN_LANG")
        .env("RUST_LOG", "off")
        .env("BEIAN_KEY_PASSWORD", "applicant password");
    let first = export.output().unwrap();
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let previous = std::fs::read(&bundle).unwrap();
    assert!(previous.len() as u64 > 64 * 1024);

    // With room for 64 KiB only: a message, exit 2, the previous bundle untouched and no
    // partial file left beside it.
    let full = with_file_size_limit(&export, 64).output().unwrap();
    let stderr = String::from_utf8_lossy(&full.stderr);
    assert_eq!(full.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("too large") || stderr.contains("File too large"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&bundle).unwrap(), previous);
    let names: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["bundle.zip".to_owned()]);
}

#[test]
fn the_app_and_the_library_remove_temporary_files_of_interrupted_saves_at_start() {
    let data = tempfile::tempdir().unwrap();
    let drafts = beian::store::storage::DataDir::at(data.path()).drafts_dir();
    let store = drafts.join("客户.files");
    std::fs::create_dir_all(&store).unwrap();
    let left = [
        data.path().join(".beian-settings.tmp"),
        drafts.join(".beian-draft.tmp"),
        store.join(".beian-attachment.tmp"),
    ];
    for file in &left {
        std::fs::write(file, b"half a save").unwrap();
    }
    let dialog = beian::services::FakeFileDialog::default();
    let h = common::harness(data.path(), &dialog);
    for file in &left {
        assert!(!file.exists(), "{} is still there", file.display());
    }
    drop(h);

    // The library (the start screen's list, `beian list`) cleans its folder too.
    std::fs::write(&left[1], b"half a save").unwrap();
    let _listing = beian::library::index::refresh(&beian::store::sealed::Library::open(&drafts));
    assert!(!left[1].exists());
}
