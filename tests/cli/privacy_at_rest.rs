//! Encryption at rest of the draft library: once turned on, no file of the data folder
//! holds an entered name, certificate number, phone number, e-mail address or domain in
//! the clear; a wrong passphrase opens nothing; an interrupted conversion leaves every
//! draft readable and is finished by converting again; `beian list` needs the passphrase.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use beian::documents::store::Store;
use beian::model::{Draft, FilingKind};
use beian::store::draft_io::{self, DraftIoError};
use beian::store::sealed::{self, Library, SealError};
use beian::store::storage::DataDir;

const PASSPHRASE: &str = "help desk passphrase";

/// Every file under `dir`, recursively.
fn all_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(all_files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// What the applicant typed that must never be on disk in the clear.
fn entered(draft: &Draft) -> Vec<String> {
    let mut out = vec![
        draft.subject.name.clone(),
        draft.filing.cert_number.clone(),
        draft.filing.domain.clone(),
        draft.subject.responsible.name.clone(),
        draft.subject.responsible.cert_number.clone(),
        draft.subject.responsible.mobile.clone(),
        draft.subject.responsible.email.clone(),
        draft.subject.legal_rep.name.clone(),
        draft.subject.legal_rep.cert_number.clone(),
    ];
    for w in &draft.websites {
        out.push(w.domain.clone());
        out.push(w.responsible.name.clone());
        out.push(w.responsible.cert_number.clone());
        out.push(w.responsible.mobile.clone());
    }
    out.retain(|s| s.chars().count() >= 2);
    out.sort();
    out.dedup();
    out
}

fn clear_hits(root: &Path, secrets: &[String]) -> Vec<String> {
    let mut hits = Vec::new();
    for file in all_files(root) {
        let bytes = std::fs::read(&file).unwrap();
        for secret in secrets {
            let needle = secret.as_bytes();
            if bytes.windows(needle.len()).any(|w| w == needle) {
                hits.push(format!("{secret} in {}", file.display()));
            }
        }
    }
    hits
}

/// A library with both samples (documents, face photos) and its index.
fn library_with_samples(root: &Path) -> (Library, Vec<(Draft, PathBuf)>) {
    let library = Library::open(DataDir::at(root).drafts_dir());
    let made: Vec<(Draft, PathBuf)> = [FilingKind::Personal, FilingKind::Unit]
        .into_iter()
        .map(|kind| {
            let (draft, path) =
                beian::services::samples::create(kind, &library, chrono::Utc::now()).unwrap();
            draft_io::save_draft(&library, &draft, &path).unwrap();
            (draft, path)
        })
        .collect();
    let listing = beian::library::index::refresh(&library);
    assert_eq!(listing.entries.len(), 2);
    (library, made)
}

#[test]
fn an_encrypted_library_holds_nothing_entered_in_the_clear_and_a_wrong_passphrase_opens_nothing() {
    let root = tempfile::tempdir().unwrap();
    let (library, made) = library_with_samples(root.path());
    let secrets: Vec<String> = made.iter().flat_map(|(d, _)| entered(d)).collect();
    assert!(secrets.len() > 10, "{secrets:?}");
    // Before: the drafts and the index hold them, as they should.
    assert!(!clear_hits(root.path(), &secrets).is_empty());

    library
        .create(PASSPHRASE, sealed::WorkFactor::CHEAPEST)
        .unwrap();
    let done = library.convert(true, &mut |_, _| {}).unwrap();
    assert!(
        done.changed >= 2 + 2,
        "drafts, index and attachments: {done:?}"
    );
    beian::library::index::refresh(&library);
    let hits = clear_hits(root.path(), &secrets);
    assert!(hits.is_empty(), "found in the clear: {hits:?}");
    // Nor any attachment's pixels: every stored file is an age file.
    for (draft, path) in &made {
        let store = Store::for_draft(&library, path);
        for a in &draft.materials.attachments {
            let raw = std::fs::read(store.path(&a.sha256).unwrap()).unwrap();
            assert!(sealed::is_sealed(&raw));
        }
    }
    // Unlocked, everything reads as before.
    for (draft, path) in &made {
        assert_eq!(&draft_io::load_draft(&library, path).unwrap(), draft);
    }

    // Locked: nothing opens, with a wrong passphrase either.
    library.lock();
    assert!(matches!(
        library.unlock("help desk passphrasE"),
        Err(SealError::WrongPassphrase)
    ));
    for (draft, path) in &made {
        assert!(matches!(
            draft_io::load_draft(&library, path),
            Err(DraftIoError::Locked { .. })
        ));
        let store = Store::for_draft(&library, path);
        assert!(store.get(&draft.materials.attachments[0].sha256).is_err());
    }
    assert!(beian::library::index::refresh(&library).entries.is_empty());
    // The files are untouched by the failed attempts.
    let hits = clear_hits(root.path(), &secrets);
    assert!(hits.is_empty(), "{hits:?}");
    library.unlock(PASSPHRASE).unwrap();
    assert_eq!(beian::library::index::refresh(&library).entries.len(), 2);
    library.lock();
}

#[test]
fn an_interrupted_conversion_leaves_every_draft_readable_and_finishes_when_run_again() {
    let root = tempfile::tempdir().unwrap();
    let (library, made) = library_with_samples(root.path());
    library
        .create(PASSPHRASE, sealed::WorkFactor::CHEAPEST)
        .unwrap();
    library.convert(true, &mut |_, _| {}).unwrap();
    // As if the conversion had stopped before the first draft: it is still clear.
    let (first, first_path) = &made[0];
    let clear = library.read(first_path).unwrap();
    std::fs::write(first_path, &clear).unwrap();
    assert_eq!(sealed::unconverted(library.dir()).unwrap(), 1);
    for (draft, path) in &made {
        assert_eq!(&draft_io::load_draft(&library, path).unwrap(), draft);
    }
    // Saving it now writes it encrypted; converting again finishes the rest.
    draft_io::save_draft(&library, first, first_path).unwrap();
    assert!(sealed::is_sealed(&std::fs::read(first_path).unwrap()));
    std::fs::write(first_path, &clear).unwrap();
    let again = library.convert(true, &mut |_, _| {}).unwrap();
    assert_eq!(again.changed, 1);
    assert_eq!(sealed::unconverted(library.dir()).unwrap(), 0);
    // And back to clear, for a desk that turns encryption off.
    library.convert(false, &mut |_, _| {}).unwrap();
    assert_eq!(sealed::unconverted(library.dir()).unwrap(), 0);
    assert_eq!(&draft_io::load_draft(&library, first_path).unwrap(), first);
    library.lock();
}

#[test]
fn beian_list_needs_the_staff_passphrase_of_an_encrypted_library() {
    let root = tempfile::tempdir().unwrap();
    let (library, made) = library_with_samples(root.path());
    library
        .create(PASSPHRASE, sealed::WorkFactor::CHEAPEST)
        .unwrap();
    library.convert(true, &mut |_, _| {}).unwrap();
    library.lock();
    let list = |passphrase: Option<&str>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_beian"));
        cmd.arg("--data-dir").arg(root.path()).arg("list");
        cmd.env_remove("BEIAN_STAFF_PASSPHRASE");
        if let Some(p) = passphrase {
            cmd.env("BEIAN_STAFF_PASSPHRASE", p);
        }
        let out = cmd.output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, stdout, stderr) = list(None);
    assert_eq!(code, Some(2));
    assert!(stdout.is_empty());
    assert!(stderr.contains("BEIAN_STAFF_PASSPHRASE"), "{stderr}");
    let (code, stdout, stderr) = list(Some("wrong passphrase"));
    assert_eq!(code, Some(2));
    assert!(!stdout.contains(&made[0].0.subject.name));
    assert!(stderr.contains("员工口令不正确"), "{stderr}");
    let (code, stdout, _) = list(Some(PASSPHRASE));
    assert_eq!(code, Some(0));
    for (draft, _) in &made {
        assert!(stdout.contains(&draft.subject.name), "{stdout}");
    }
}

/// No environment variable makes the staff keys the program writes cheaper to guess: the
/// work factor is a parameter, and the program holds no name to read one by.
#[test]
fn the_program_reads_no_variable_that_weakens_staff_keys() {
    let program = std::fs::read(env!("CARGO_BIN_EXE_beian")).unwrap();
    for name in ["BEIAN_SCRYPT_WORK_FACTOR", "SCRYPT_WORK_FACTOR"] {
        assert!(
            !program.windows(name.len()).any(|w| w == name.as_bytes()),
            "the program holds {name}"
        );
    }
}

/// The window wraps staff keys at the product's work factor, 2^18, unless a test asks.
#[test]
fn the_window_wraps_staff_keys_at_2_to_the_18() {
    let data = tempfile::tempdir().unwrap();
    let app = beian::app::BeianApp::new(
        &egui::Context::default(),
        beian::app::Services {
            dialog: Box::new(beian::services::FakeFileDialog::default()),
            data: DataDir::at(data.path()),
            credentials: std::sync::Arc::new(
                beian::services::credentials::MemoryCredentials::default(),
            ),
        },
    );
    assert_eq!(app.key_work_factor(), sealed::WorkFactor::PRODUCT);
    assert_eq!(app.key_work_factor().log_n(), 18);
}
