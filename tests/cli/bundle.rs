//! The signed bundle end to end: export a sample filing, verify it, then tamper with it in
//! every way the issue lists and see each caught with its own problem. Where the Debian
//! `minisign` CLI and `bagit.py` are installed, they check an exported bundle too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use crate::common::today;
use beian::bundle::verify::Outcome;
use beian::bundle::{
    self, CheckKind, KeyError, KeyFiles, Problem, Role, Signer, TrustedKey, TrustedKeys,
    Verification,
};
use beian::documents::Store;
use beian::model::{Draft, FilingKind, Procedure};
use beian::store::storage::DataDir;

const PASSWORD: &str = "correct horse battery";

/// A complete sample filing with its warnings acknowledged, saved in `data`.
fn sample(data: &Path, kind: FilingKind, prepare: impl FnOnce(&mut Draft)) -> (Draft, PathBuf) {
    let (mut draft, path) = beian::services::samples::create(
        kind,
        &beian::store::sealed::Library::open(DataDir::at(data).drafts_dir()),
        chrono::Utc::now(),
    )
    .unwrap();
    prepare(&mut draft);
    let report = beian::rules::validate_on(&draft, today());
    for issue in &report.issues {
        if issue.severity == beian::rules::Severity::Warning {
            draft
                .review
                .acknowledged_warnings
                .push(issue.acknowledgement());
        }
    }
    (draft, path)
}

struct Fixture {
    dir: tempfile::TempDir,
    signer: Signer,
    bundle: PathBuf,
    draft: Draft,
}

fn export_sample(kind: FilingKind) -> Fixture {
    export_sample_with(kind, |_| {})
}

/// Exports the sample of `kind` after `prepare` changed it.
fn export_sample_with(kind: FilingKind, prepare: impl FnOnce(&mut Draft)) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let (draft, draft_path) = sample(dir.path(), kind, prepare);
    let filing = beian::rules::finalize_on(&draft, today()).unwrap();
    let signer = KeyFiles::applicant(dir.path()).generate(PASSWORD).unwrap();
    let bundle = dir.path().join("out").join("bundle.zip");
    std::fs::create_dir_all(bundle.parent().unwrap()).unwrap();
    let mut steps = Vec::new();
    let exported = bundle::export(
        &filing,
        &Store::for_draft(
            &beian::store::sealed::Library::of_file(&draft_path),
            &draft_path,
        ),
        &signer,
        today(),
        &bundle,
        &mut |p| steps.push(p),
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(exported.key_id, signer.id());
    let last = steps.last().unwrap();
    assert_eq!(last.done, last.total, "progress reaches the end");
    assert!(last.total > 0);
    Fixture {
        dir,
        signer,
        bundle,
        draft,
    }
}

fn verify(path: &Path) -> Verification {
    bundle::verify(path, &TrustedKeys::default())
}

fn problems(v: &Verification) -> Vec<Problem> {
    v.problems().cloned().collect()
}

/// Copies a bundle entry by entry, letting `edit` change (Some) or drop (None) each one,
/// then appends `extra` entries.
fn rewrite(
    src: &Path,
    dst: &Path,
    mut edit: impl FnMut(&str, Vec<u8>) -> Option<Vec<u8>>,
    extra: &[(&str, &[u8])],
) {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(src).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(dst).unwrap());
    // Stored: the test rewrites bundles thousands of times.
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if let Some(bytes) = edit(&name, bytes) {
            out.start_file(name, options).unwrap();
            out.write_all(&bytes).unwrap();
        }
    }
    for (name, bytes) in extra {
        out.start_file(*name, options).unwrap();
        out.write_all(bytes).unwrap();
    }
    out.finish().unwrap();
}

fn entry(path: &Path, suffix: &str) -> (String, Vec<u8>) {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    for i in 0..archive.len() {
        let mut e = archive.by_index(i).unwrap();
        let name = e.name().unwrap().into_owned();
        if name.ends_with(suffix) {
            let mut bytes = Vec::new();
            e.read_to_end(&mut bytes).unwrap();
            return (name, bytes);
        }
    }
    panic!("no entry ending in {suffix}");
}

fn bag_id(f: &Fixture) -> String {
    verify(&f.bundle).bag_id.unwrap()
}

#[test]
fn export_then_verify_holds_and_shows_the_filing() {
    let f = export_sample(FilingKind::Unit);
    let v = verify(&f.bundle);
    assert!(v.is_ok(), "{:?}", problems(&v));
    assert_eq!(
        v.checks
            .iter()
            .map(|c| (c.kind, c.outcome.clone()))
            .collect::<Vec<_>>(),
        vec![
            (CheckKind::Archive, Outcome::Passed),
            (CheckKind::Files, Outcome::Passed),
            (CheckKind::Signature, Outcome::Passed),
            (CheckKind::Countersignature, Outcome::Absent),
        ]
    );
    let signer = v.signer.as_ref().unwrap();
    assert_eq!(signer.key_id, f.signer.id());
    assert_eq!(signer.role, Role::Applicant);
    assert_eq!(signer.date, "2026-11-28");
    assert!(
        !v.is_trusted(),
        "an applicant key is not on an empty trusted list"
    );
    let app = v.application.as_ref().unwrap();
    assert_eq!(app.filing.subject, f.draft.subject);
    assert_eq!(app.filing.websites, f.draft.websites);
    assert_eq!(app.bag_id, format!("icp-{}", f.draft.id));
    // Every document and the photo are in the bag under ASCII names, originals recorded.
    assert_eq!(app.files.len(), f.draft.materials.attachments.len() + 1);
    for file in &app.files {
        assert!(file.path.is_ascii(), "{}", file.path);
        let bytes =
            bundle::verify::read_payload(&f.bundle, &app.bag_id, &file.path, &file.sha256, 1 << 26)
                .unwrap();
        assert_eq!(bytes.len() as u64, file.byte_len);
    }
    // The whole file's hash is the one the export reported.
    let (sha, len) = bundle::verify::sha256_file(&f.bundle).unwrap();
    assert_eq!(v.file_sha256, sha);
    assert_eq!(v.byte_len, len);
    // The summary is Chinese HTML naming the subject.
    let (_, html) = entry(&f.bundle, "data/summary.html");
    let html = String::from_utf8(html).unwrap();
    assert!(html.contains("ICP 备案申请摘要"));
    assert!(html.contains(&f.draft.subject.name));
    // JSON for reviewers' tools parses and says the same.
    let (_, json) = entry(&f.bundle, "data/application.json");
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(
        json["filing"]["subject"]["name"],
        f.draft.subject.name.as_str()
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&f.bundle).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "the bundle is readable by its owner only");
    }
}

/// Every entry of a bundle, decompressed, by name.
fn entries(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut e = archive.by_index(i).unwrap();
            let name = e.name().unwrap().into_owned();
            let mut bytes = Vec::new();
            e.read_to_end(&mut bytes).unwrap();
            (name, bytes)
        })
        .collect()
}

#[test]
fn the_bundle_carries_the_kind_of_filing_and_never_the_filing_password() {
    const FILING_PASSWORD: &str = "Mima-Geheim-7391";
    let f = export_sample_with(FilingKind::Unit, |d| {
        d.filing.procedure = Procedure::NewAccessWithoutSubject;
        d.subject.icp_number = "闽ICP备12345678号".into();
        d.subject.icp_password = FILING_PASSWORD.into();
        for (i, w) in d.websites.iter_mut().enumerate() {
            w.icp_number = format!("闽ICP备12345678号-{}", i + 1);
        }
    });
    assert_eq!(f.draft.subject.icp_password, FILING_PASSWORD);
    let v = verify(&f.bundle);
    assert!(v.is_ok(), "{:?}", problems(&v));
    let app = v.application.as_ref().unwrap();
    assert_eq!(
        app.filing.filing.procedure,
        Procedure::NewAccessWithoutSubject
    );
    assert_eq!(app.filing.subject.icp_number, "闽ICP备12345678号");
    assert_eq!(app.filing.subject.icp_password, "");
    assert_eq!(app.filing.websites[1].icp_number, "闽ICP备12345678号-2");
    let (_, json) = entry(&f.bundle, "data/application.json");
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(
        json["filing"]["filing"]["procedure"],
        "new_access_without_subject"
    );
    let (_, info) = entry(&f.bundle, "bag-info.txt");
    let info = String::from_utf8(info).unwrap();
    assert!(
        info.lines()
            .any(|l| l == "Beian-Filing-Type: new_access_without_subject"),
        "{info}"
    );
    assert_eq!(
        v.info.as_ref().unwrap().filing_type.as_deref(),
        Some("new_access_without_subject")
    );
    // Not in any entry (decompressed), nor in the archive's own bytes.
    let needle = FILING_PASSWORD.as_bytes();
    let contains = |hay: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
    for (name, bytes) in entries(&f.bundle) {
        assert!(!contains(&bytes), "the password is in {name}");
    }
    assert!(!contains(&std::fs::read(&f.bundle).unwrap()));
}

#[test]
fn every_kind_of_filing_exports_and_verifies() {
    for procedure in Procedure::ALL.iter().copied() {
        let f = export_sample_with(FilingKind::Personal, |d| {
            d.filing.procedure = procedure;
            if procedure.needs_subject_number() {
                d.subject.icp_number = "京ICP备12345678号".into();
            }
            if procedure.needs_website_numbers() {
                for (i, w) in d.websites.iter_mut().enumerate() {
                    w.icp_number = format!("京ICP备12345678号-{}", i + 1);
                }
            }
            if procedure.is_cancellation() {
                d.filing.cancel_reason = "网站停止运营".into();
            }
        });
        let v = verify(&f.bundle);
        assert!(v.is_ok(), "{procedure:?}: {:?}", problems(&v));
        let app = v.application.as_ref().unwrap();
        assert_eq!(app.filing.filing.procedure, procedure);
        assert_eq!(
            v.info.as_ref().unwrap().filing_type.as_deref(),
            Some(procedure.key())
        );
    }
}

#[test]
fn a_first_filing_says_so_in_bag_info() {
    let f = export_sample(FilingKind::Personal);
    let (_, info) = entry(&f.bundle, "bag-info.txt");
    let info = String::from_utf8(info).unwrap();
    assert!(info.contains("Beian-Filing-Type: first\n"), "{info}");
}

#[test]
fn a_trusted_key_is_recognised() {
    let f = export_sample(FilingKind::Personal);
    let trusted = TrustedKeys {
        keys: vec![TrustedKey {
            name: "测试申请人".into(),
            role: Role::Applicant,
            public_key: f.signer.public_key_base64(),
        }],
    };
    let v = bundle::verify(&f.bundle, &trusted);
    assert!(v.is_ok() && v.is_trusted());
    assert_eq!(v.signer.unwrap().trusted_as.as_deref(), Some("测试申请人"));
}

#[test]
fn two_exports_of_the_same_filing_on_the_same_day_are_byte_identical() {
    let f = export_sample(FilingKind::Personal);
    let draft_path = DataDir::at(f.dir.path()).draft_path(&f.draft.id);
    let filing = beian::rules::finalize_on(&f.draft, today()).unwrap();
    let again = f.dir.path().join("again.zip");
    // The key opened again from its file, as a second session would.
    let signer = KeyFiles::applicant(f.dir.path()).unlock(PASSWORD).unwrap();
    let second = bundle::export(
        &filing,
        &Store::for_draft(
            &beian::store::sealed::Library::of_file(&draft_path),
            &draft_path,
        ),
        &signer,
        today(),
        &again,
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    let (first_sha, _) = bundle::verify::sha256_file(&f.bundle).unwrap();
    assert_eq!(first_sha, second.sha256, "same SHA-256");
    assert_eq!(
        std::fs::read(&f.bundle).unwrap(),
        std::fs::read(&again).unwrap()
    );
    assert!(verify(&again).is_ok());

    // Another day is another signature (its trusted comment carries the date).
    let next_day = f.dir.path().join("next-day.zip");
    let filing = beian::rules::finalize_on(&f.draft, today().succ_opt().unwrap()).unwrap();
    let third = bundle::export(
        &filing,
        &Store::for_draft(
            &beian::store::sealed::Library::of_file(&draft_path),
            &draft_path,
        ),
        &signer,
        today().succ_opt().unwrap(),
        &next_day,
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_ne!(third.sha256, second.sha256);
    let list = |p: &Path| {
        let mut a = zip::ZipArchive::new(std::fs::File::open(p).unwrap()).unwrap();
        (0..a.len())
            .map(|i| {
                let mut e = a.by_index(i).unwrap();
                let name = e.name().unwrap().into_owned();
                let meta = (e.last_modified(), e.unix_mode(), e.compression());
                let mut bytes = Vec::new();
                e.read_to_end(&mut bytes).unwrap();
                (name, meta, bytes)
            })
            .collect::<Vec<_>>()
    };
    let (a, b) = (list(&f.bundle), list(&again));
    let names: Vec<&str> = a.iter().map(|e| e.0.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted, "entries are sorted");
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.0, y.0);
        assert_eq!(x.1, y.1, "same date, mode and method for {}", x.0);
        assert_eq!(x.2, y.2, "{} differs between two exports", x.0);
    }
    assert_eq!(
        format!("{:?}", a[0].1.1),
        "Some(33188)",
        "mode 0644 regular file"
    );
}

#[test]
fn cancelling_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let (draft, draft_path) = sample(dir.path(), FilingKind::Personal, |_| {});
    let filing = beian::rules::finalize_on(&draft, today()).unwrap();
    let signer = KeyFiles::applicant(dir.path()).generate(PASSWORD).unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    let out = out_dir.join("b.zip");
    let err = bundle::export(
        &filing,
        &Store::for_draft(
            &beian::store::sealed::Library::of_file(&draft_path),
            &draft_path,
        ),
        &signer,
        today(),
        &out,
        &mut |_| {},
        &AtomicBool::new(true),
    )
    .unwrap_err();
    assert!(matches!(err, bundle::ExportError::Cancelled));
    assert_eq!(std::fs::read_dir(&out_dir).unwrap().count(), 0);
}

#[test]
fn a_draft_with_errors_cannot_be_sealed() {
    let mut draft = Draft::new(FilingKind::Personal, chrono::Utc::now());
    draft.subject.name = "张三".into();
    let err = beian::rules::finalize_on(&draft, today()).unwrap_err();
    assert!(err.errors > 0);
    // A complete sample with an unacknowledged warning is refused too, when it has one.
    let dir = tempfile::tempdir().unwrap();
    let (mut sample, _) = sample(dir.path(), FilingKind::Unit, |_| {});
    if !sample.review.acknowledged_warnings.is_empty() {
        sample.review.acknowledged_warnings.clear();
        let err = beian::rules::finalize_on(&sample, today()).unwrap_err();
        assert_eq!(err.errors, 0);
        assert!(err.unacknowledged > 0);
    }
}

#[test]
fn a_wrong_password_and_a_missing_key_are_told_apart() {
    let dir = tempfile::tempdir().unwrap();
    let files = KeyFiles::applicant(dir.path());
    assert!(matches!(files.unlock(PASSWORD), Err(KeyError::Missing(_))));
    files.generate(PASSWORD).unwrap();
    assert!(matches!(
        files.unlock("not the password"),
        Err(KeyError::WrongPassword)
    ));
    std::fs::write(&files.secret, "not a key").unwrap();
    assert!(matches!(files.unlock(PASSWORD), Err(KeyError::Damaged(_))));
}

#[test]
fn truncated_and_garbage_files_are_unreadable() {
    let f = export_sample(FilingKind::Personal);
    let bytes = std::fs::read(&f.bundle).unwrap();
    for cut in [0, 10, bytes.len() / 2, bytes.len() - 10] {
        let t = f.dir.path().join(format!("cut-{cut}.zip"));
        std::fs::write(&t, &bytes[..cut]).unwrap();
        let v = verify(&t);
        assert!(!v.is_ok());
        assert!(
            matches!(problems(&v)[..], [Problem::Unreadable(_)]),
            "cut at {cut}: {:?}",
            problems(&v)
        );
        assert_eq!(v.checks[1].outcome, Outcome::Skipped);
    }
    let missing = verify(&f.dir.path().join("nothing-here.zip"));
    assert!(matches!(problems(&missing)[..], [Problem::Unreadable(_)]));
}

#[test]
fn unsafe_paths_are_refused() {
    let f = export_sample(FilingKind::Personal);
    let id = bag_id(&f);
    for name in [
        format!("{id}/data/../../escape.txt"),
        "/etc/evil".to_owned(),
        format!("{id}\\data\\x.txt"),
    ] {
        let t = f.dir.path().join("unsafe.zip");
        rewrite(&f.bundle, &t, |_, b| Some(b), &[(&name, b"x")]);
        let v = verify(&t);
        assert!(
            problems(&v)
                .iter()
                .any(|p| matches!(p, Problem::UnsafePath(_))),
            "{name}: {:?}",
            problems(&v)
        );
    }
}

#[test]
fn duplicate_names_are_refused() {
    let f = export_sample(FilingKind::Personal);
    let id = bag_id(&f);
    // Same name twice: write two distinct names, then give the second the first's name.
    let t = f.dir.path().join("dup.zip");
    let a = format!("{id}/data/aaaa.txt");
    let b = format!("{id}/data/bbbb.txt");
    rewrite(&f.bundle, &t, |_, x| Some(x), &[(&a, b"1"), (&b, b"2")]);
    let mut bytes = std::fs::read(&t).unwrap();
    let (from, to) = (b.as_bytes(), a.as_bytes());
    let mut i = 0;
    while i + from.len() <= bytes.len() {
        if &bytes[i..i + from.len()] == from {
            bytes[i..i + from.len()].copy_from_slice(to);
        }
        i += 1;
    }
    std::fs::write(&t, &bytes).unwrap();
    let v = verify(&t);
    assert!(
        problems(&v)
            .iter()
            .any(|p| matches!(p, Problem::DuplicateName(_))),
        "{:?}",
        problems(&v)
    );
    // Names that differ only in case collide on Windows and macOS.
    let t2 = f.dir.path().join("dup-case.zip");
    rewrite(
        &f.bundle,
        &t2,
        |_, x| Some(x),
        &[(&format!("{id}/data/Application.ron"), b"x")],
    );
    assert!(
        problems(&verify(&t2))
            .iter()
            .any(|p| matches!(p, Problem::DuplicateName(_)))
    );
}

#[test]
fn a_missing_file_an_extra_file_and_a_changed_byte_are_named() {
    let f = export_sample(FilingKind::Personal);
    let id = bag_id(&f);
    let (doc_name, _) = entry(&f.bundle, ".jpg");
    let doc_short = doc_name.split_once('/').unwrap().1.to_owned();

    let missing = f.dir.path().join("missing.zip");
    rewrite(
        &f.bundle,
        &missing,
        |n, b| (n != doc_name).then_some(b),
        &[],
    );
    assert_eq!(
        problems(&verify(&missing)),
        vec![Problem::Missing(doc_short.clone())]
    );

    let extra = f.dir.path().join("extra.zip");
    let extra_name = format!("{id}/data/documents/99-extra.jpg");
    rewrite(
        &f.bundle,
        &extra,
        |_, b| Some(b),
        &[(&extra_name, b"\xff\xd8\xff")],
    );
    assert_eq!(
        problems(&verify(&extra)),
        vec![Problem::Extra("data/documents/99-extra.jpg".into())]
    );

    let changed = f.dir.path().join("changed.zip");
    rewrite(
        &f.bundle,
        &changed,
        |n, mut b| {
            if n == doc_name {
                let mid = b.len() / 2;
                b[mid] ^= 0x01;
            }
            Some(b)
        },
        &[],
    );
    let v = verify(&changed);
    assert_eq!(problems(&v), vec![Problem::Changed(doc_short)]);
    assert!(v.application.is_none(), "a tampered bundle shows no filing");
    // The signature itself still holds: it is the manifest that catches the change.
    assert_eq!(v.checks[2].outcome, Outcome::Passed);
}

#[test]
fn a_changed_byte_in_the_archive_itself_is_caught() {
    let f = export_sample(FilingKind::Personal);
    let mut bytes = std::fs::read(&f.bundle).unwrap();
    // Somewhere inside the stored face photo: the zip's CRC or the manifest catches it.
    let (_, photo) = entry(&f.bundle, "face.jpg");
    let at = bytes
        .windows(64)
        .position(|w| w == &photo[1000..1064])
        .unwrap();
    bytes[at + 10] ^= 0x40;
    let t = f.dir.path().join("flipped.zip");
    std::fs::write(&t, &bytes).unwrap();
    let v = verify(&t);
    assert!(!v.is_ok());
    assert!(
        problems(&v).iter().any(
            |p| matches!(p, Problem::Damaged(n) | Problem::Changed(n) if n.ends_with("face.jpg"))
        ),
        "{:?}",
        problems(&v)
    );
}

#[test]
fn every_flipped_byte_of_the_tag_manifest_and_the_application_is_detected() {
    let f = export_sample(FilingKind::Personal);
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&f.bundle).unwrap()).unwrap();
    let entries: Vec<(String, Vec<u8>)> = (0..archive.len())
        .map(|i| {
            let mut e = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            e.read_to_end(&mut bytes).unwrap();
            (e.name().unwrap().into_owned(), bytes)
        })
        .collect();
    let started = std::time::Instant::now();
    let mut flips = 0;
    for suffix in ["/tagmanifest-sha256.txt", "/data/application.ron"] {
        let target = entries
            .iter()
            .position(|(n, _)| n.ends_with(suffix))
            .unwrap();
        let len = entries[target].1.len();
        flips += len;
        // Both cores: each thread takes every other byte.
        std::thread::scope(|scope| {
            for lane in 0..2 {
                let entries = &entries;
                let dir = f.dir.path();
                std::thread::Builder::new()
                    .name(format!("flip-{lane}"))
                    .spawn_scoped(scope, move || {
                        let t = dir.join(format!("flip-{lane}.zip"));
                        for i in (lane..len).step_by(2) {
                            let mut out = zip::ZipWriter::new(std::fs::File::create(&t).unwrap());
                            let options = zip::write::SimpleFileOptions::default()
                                .compression_method(zip::CompressionMethod::Stored);
                            for (k, (name, bytes)) in entries.iter().enumerate() {
                                out.start_file(name.as_str(), options).unwrap();
                                if k == target {
                                    let mut b = bytes.clone();
                                    b[i] ^= 0x01;
                                    out.write_all(&b).unwrap();
                                } else {
                                    out.write_all(bytes).unwrap();
                                }
                            }
                            out.finish().unwrap();
                            let v = verify(&t);
                            assert!(!v.is_ok(), "flipping byte {i} of {suffix} went unnoticed");
                        }
                    })
                    .unwrap();
            }
        });
    }
    eprintln!("{flips} flips verified in {:?}", started.elapsed());
}

#[test]
fn a_signature_by_another_key_is_refused() {
    let f = export_sample(FilingKind::Personal);
    let other = KeyFiles::at(&f.dir.path().join("other.key"))
        .generate(PASSWORD)
        .unwrap();
    let id = bag_id(&f);
    let (_, tags) = entry(&f.bundle, "/tagmanifest-sha256.txt");
    let comment = bundle::bag::trusted_comment("applicant", &id, "2026-11-28");
    let forged = other.sign(&tags, &comment).unwrap();
    let t = f.dir.path().join("other.zip");
    rewrite(
        &f.bundle,
        &t,
        |n, b| {
            Some(if n.ends_with(".minisig") {
                forged.clone().into_bytes()
            } else {
                b
            })
        },
        &[],
    );
    let v = verify(&t);
    assert!(
        matches!(problems(&v)[..], [Problem::OtherKey { .. }]),
        "{:?}",
        problems(&v)
    );

    // Re-signed throughout by another key (its public key swapped in): the bundle is
    // consistent, but bag-info.txt names the original key, and the tag manifest pins it.
    let t2 = f.dir.path().join("resigned.zip");
    let other_pub = other.public_key_text();
    rewrite(
        &f.bundle,
        &t2,
        |n, b| {
            Some(if n.ends_with(".minisig") {
                forged.clone().into_bytes()
            } else if n.ends_with("applicant.pub") {
                other_pub.clone().into_bytes()
            } else {
                b
            })
        },
        &[],
    );
    let v = verify(&t2);
    assert!(!v.is_ok());
    assert!(problems(&v).contains(&Problem::Changed("applicant.pub".into())));
}

#[test]
fn a_signature_moved_to_another_bag_is_refused() {
    let f = export_sample(FilingKind::Personal);
    let (_, tags) = entry(&f.bundle, "/tagmanifest-sha256.txt");
    let comment = bundle::bag::trusted_comment("applicant", "icp-some-other-bag", "2026-11-28");
    let moved = f.signer.sign(&tags, &comment).unwrap();
    let t = f.dir.path().join("moved.zip");
    rewrite(
        &f.bundle,
        &t,
        |n, b| {
            Some(if n.ends_with(".minisig") {
                moved.clone().into_bytes()
            } else {
                b
            })
        },
        &[],
    );
    assert!(matches!(
        problems(&verify(&t))[..],
        [Problem::CommentMismatch(_)]
    ));
    let unsigned = f.dir.path().join("unsigned.zip");
    rewrite(
        &f.bundle,
        &unsigned,
        |n, b| (!n.ends_with(".minisig")).then_some(b),
        &[],
    );
    assert_eq!(problems(&verify(&unsigned)), vec![Problem::Unsigned]);
}

#[test]
fn a_bundle_larger_than_beian_accepts_is_refused_before_reading() {
    let f = export_sample(FilingKind::Personal);
    let mut bytes = std::fs::read(&f.bundle).unwrap();
    // Claim 4 GiB for every entry in the central directory (signature PK\x01\x02; the
    // uncompressed size sits 24 bytes in).
    let mut i = 0;
    while i + 46 <= bytes.len() {
        if bytes[i..i + 4] == [0x50, 0x4b, 0x01, 0x02] {
            bytes[i + 24..i + 28].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
            i += 46;
        } else {
            i += 1;
        }
    }
    let t = f.dir.path().join("huge.zip");
    std::fs::write(&t, &bytes).unwrap();
    let v = verify(&t);
    assert!(!v.is_ok());
    assert!(
        problems(&v)
            .iter()
            .any(|p| matches!(p, Problem::TooBig | Problem::Unreadable(_))),
        "{:?}",
        problems(&v)
    );
}

#[test]
fn a_countersignature_is_checked_and_trusted_staff_recognised() {
    let f = export_sample(FilingKind::Personal);
    let staff = KeyFiles::at(&f.dir.path().join("staff.key"))
        .generate(PASSWORD)
        .unwrap();
    let signed = f.dir.path().join("countersigned.zip");
    bundle::countersign(&f.bundle, &verify(&f.bundle), &staff, today(), &signed).unwrap();
    let trusted = TrustedKeys {
        keys: vec![TrustedKey {
            name: "李工（服务台）".into(),
            role: Role::Staff,
            public_key: staff.public_key_base64(),
        }],
    };
    let v = bundle::verify(&signed, &trusted);
    assert!(v.is_ok(), "{:?}", problems(&v));
    assert!(v.is_trusted());
    assert_eq!(v.countersigners.len(), 1);
    assert_eq!(v.countersigners[0].key_id, staff.id());
    assert_eq!(
        v.countersigners[0].trusted_as.as_deref(),
        Some("李工（服务台）")
    );
    // The applicant's signature and bag are untouched.
    assert_eq!(v.signer.unwrap().key_id, f.signer.id());

    // A countersignature over a changed tag manifest fails on its own.
    let bad = f.dir.path().join("bad-countersign.zip");
    let (sig_name, _) = entry(&signed, &format!("{}.minisig", staff.id().hex()));
    let other = f
        .signer
        .sign(b"something else", "icp-bundle/1 role=staff bag=x date=y")
        .unwrap();
    rewrite(
        &signed,
        &bad,
        |n, b| {
            Some(if n == sig_name {
                other.clone().into_bytes()
            } else {
                b
            })
        },
        &[],
    );
    let v = bundle::verify(&bad, &trusted);
    assert_eq!(v.checks[3].kind, CheckKind::Countersignature);
    assert!(matches!(v.checks[3].outcome, Outcome::Failed(_)));
    assert!(!v.is_ok());
}

/// Exports the fixture's filing again with `edit` applied to the draft, to `out`.
fn export_edited(f: &Fixture, edit: impl FnOnce(&mut Draft), out: &Path) {
    let draft_path = DataDir::at(f.dir.path()).draft_path(&f.draft.id);
    let mut draft = f.draft.clone();
    edit(&mut draft);
    let filing = beian::rules::finalize_on(&draft, today()).unwrap();
    bundle::export(
        &filing,
        &Store::for_draft(
            &beian::store::sealed::Library::of_file(&draft_path),
            &draft_path,
        ),
        &f.signer,
        today(),
        out,
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .unwrap();
}

fn staff_key(f: &Fixture) -> Signer {
    KeyFiles::at(&f.dir.path().join("staff.key"))
        .generate(PASSWORD)
        .unwrap()
}

/// The files in a folder, by name.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_bundle_replaced_after_verification_is_not_countersigned() {
    let f = export_sample(FilingKind::Personal);
    let staff = staff_key(&f);
    let verified = verify(&f.bundle);
    assert!(verified.is_ok(), "{:?}", problems(&verified));
    assert!(verified.tag_manifest_sha256.is_some());

    // Another valid bundle, signed by the same applicant, takes the file's place.
    let other = f.dir.path().join("other.zip");
    export_edited(&f, |d| d.subject.remark = "另一份申请".into(), &other);
    assert!(
        verify(&other).is_ok(),
        "the replacement verifies on its own"
    );
    assert_ne!(
        verify(&other).tag_manifest_sha256,
        verified.tag_manifest_sha256
    );
    std::fs::copy(&other, &f.bundle).unwrap();
    let swapped = std::fs::read(&f.bundle).unwrap();
    let before = listing(f.bundle.parent().unwrap());

    let out = f.dir.path().join("out").join("countersigned.zip");
    let err = bundle::countersign(&f.bundle, &verified, &staff, today(), &out).unwrap_err();
    assert!(
        matches!(err, bundle::ExportError::ChangedSinceVerified),
        "{err:?}"
    );
    assert!(!out.exists(), "nothing is written");
    // Countersigning in place leaves the file as it is, and no temporary file behind.
    let err = bundle::countersign(&f.bundle, &verified, &staff, today(), &f.bundle).unwrap_err();
    assert!(matches!(err, bundle::ExportError::ChangedSinceVerified));
    assert_eq!(std::fs::read(&f.bundle).unwrap(), swapped);
    assert_eq!(listing(f.bundle.parent().unwrap()), before);
    assert!(verify(&f.bundle).countersigners.is_empty());

    // Opened again, the replacement is what gets verified and countersigned.
    let again = verify(&f.bundle);
    bundle::countersign(&f.bundle, &again, &staff, today(), &out).unwrap();
    let v = verify(&out);
    assert!(v.is_ok(), "{:?}", problems(&v));
    assert_eq!(v.countersigners.len(), 1);
    assert_eq!(v.tag_manifest_sha256, again.tag_manifest_sha256);
}

#[test]
fn a_bundle_changed_so_it_no_longer_verifies_is_not_countersigned() {
    let f = export_sample(FilingKind::Personal);
    let staff = staff_key(&f);
    let verified = verify(&f.bundle);
    // The same tag manifest, but a payload file changed behind it.
    let tampered = f.dir.path().join("tampered.zip");
    rewrite(
        &f.bundle,
        &tampered,
        |n, b| {
            Some(if n.ends_with("data/summary.html") {
                b"<p>changed</p>".to_vec()
            } else {
                b
            })
        },
        &[],
    );
    std::fs::copy(&tampered, &f.bundle).unwrap();
    assert_eq!(
        verify(&f.bundle).tag_manifest_sha256,
        verified.tag_manifest_sha256
    );
    let out = f.dir.path().join("countersigned.zip");
    let err = bundle::countersign(&f.bundle, &verified, &staff, today(), &out).unwrap_err();
    assert!(matches!(err, bundle::ExportError::ChangedSinceVerified));
    assert!(!out.exists());
}

#[test]
fn only_a_verification_that_passed_allows_countersigning() {
    let f = export_sample(FilingKind::Personal);
    let staff = staff_key(&f);
    let broken = f.dir.path().join("broken.zip");
    rewrite(
        &f.bundle,
        &broken,
        |n, b| (!n.ends_with(".minisig")).then_some(b),
        &[],
    );
    let failed = verify(&broken);
    assert!(!failed.is_ok());
    let out = f.dir.path().join("countersigned.zip");
    let err = bundle::countersign(&broken, &failed, &staff, today(), &out).unwrap_err();
    assert!(matches!(err, bundle::ExportError::NotVerified), "{err:?}");
    assert!(!out.exists());
}

/// Unzips with the system's `unzip` (or the zip crate when it is absent).
fn unzip(bundle: &Path, into: &Path) {
    std::fs::create_dir_all(into).unwrap();
    let ran = std::process::Command::new("unzip")
        .arg("-q")
        .arg(bundle)
        .arg("-d")
        .arg(into)
        .status();
    if !matches!(ran, Ok(s) if s.success()) {
        zip::ZipArchive::new(std::fs::File::open(bundle).unwrap())
            .unwrap()
            .extract(into)
            .unwrap();
    }
}

fn tool(name: &str, env: &str) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(env) {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

fn require_interop() -> bool {
    std::env::var_os("BEIAN_REQUIRE_INTEROP").is_some()
}

#[test]
fn the_minisign_cli_verifies_an_exported_bundle() {
    let Some(minisign) = tool("minisign", "BEIAN_MINISIGN") else {
        assert!(!require_interop(), "minisign is not installed");
        eprintln!("skipped: minisign is not installed");
        return;
    };
    let f = export_sample(FilingKind::Personal);
    let out = f.dir.path().join("unzipped");
    unzip(&f.bundle, &out);
    let bag = out.join(bag_id(&f));
    let run = |bag: &Path| {
        std::process::Command::new(&minisign)
            .current_dir(bag)
            .args(["-V", "-p", "applicant.pub", "-m", "tagmanifest-sha256.txt"])
            .output()
            .unwrap()
    };
    let ok = run(&bag);
    let stdout = String::from_utf8_lossy(&ok.stdout);
    assert!(
        ok.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(stdout.contains("role=applicant"), "{stdout}");
    // One changed character in the tag manifest and the CLI refuses it.
    let tm = bag.join("tagmanifest-sha256.txt");
    let mut text = std::fs::read(&tm).unwrap();
    text[0] = if text[0] == b'0' { b'1' } else { b'0' };
    std::fs::write(&tm, &text).unwrap();
    assert!(!run(&bag).status.success());
}

#[test]
fn bagit_py_validates_an_exported_bundle() {
    let Some(bagit) = tool("bagit.py", "BEIAN_BAGIT_PY") else {
        assert!(!require_interop(), "bagit.py is not installed");
        eprintln!("skipped: bagit.py is not installed");
        return;
    };
    let f = export_sample(FilingKind::Unit);
    let out = f.dir.path().join("unzipped");
    unzip(&f.bundle, &out);
    let bag = out.join(bag_id(&f));
    let run = || {
        std::process::Command::new(&bagit)
            .arg("--validate")
            .arg(&bag)
            .output()
            .unwrap()
    };
    let ok = run();
    let stderr = String::from_utf8_lossy(&ok.stderr);
    assert!(ok.status.success(), "{stderr}");
    assert!(stderr.contains("is valid"), "{stderr}");
    // Appending one byte to the application makes it invalid.
    let app = bag.join("data").join("application.ron");
    let mut f2 = std::fs::OpenOptions::new().append(true).open(&app).unwrap();
    f2.write_all(b" ").unwrap();
    drop(f2);
    assert!(!run().status.success());
}

#[test]
fn an_entry_that_unpacks_to_more_than_it_declares_is_damaged() {
    let f = export_sample(FilingKind::Personal);
    let mut bytes = std::fs::read(&f.bundle).unwrap();
    // Make the central directory claim 10 bytes for data/application.json (deflated,
    // about 17 kB unpacked): a decompression bomb in miniature.
    let name = b"data/application.json";
    let mut i = 0;
    let mut patched = false;
    while i + 46 <= bytes.len() {
        if bytes[i..i + 4] == [0x50, 0x4b, 0x01, 0x02] {
            let name_len = u16::from_le_bytes([bytes[i + 28], bytes[i + 29]]) as usize;
            let entry_name = &bytes[i + 46..i + 46 + name_len];
            if entry_name.ends_with(name) {
                bytes[i + 24..i + 28].copy_from_slice(&10u32.to_le_bytes());
                patched = true;
            }
            i += 46 + name_len;
        } else {
            i += 1;
        }
    }
    assert!(patched);
    let t = f.dir.path().join("bomb.zip");
    std::fs::write(&t, &bytes).unwrap();
    let v = verify(&t);
    assert!(!v.is_ok());
    assert!(
        problems(&v)
            .iter()
            .any(|p| matches!(p, Problem::Damaged(n) if n == "data/application.json")),
        "{:?}",
        problems(&v)
    );
}

#[test]
fn a_bundle_signed_at_a_help_desk_says_the_desk_signed() {
    use beian::bundle::keys::KeyHolder;
    let dir = tempfile::tempdir().unwrap();
    let (draft, draft_path) = sample(dir.path(), FilingKind::Personal, |_| {});
    let filing = beian::rules::finalize_on(&draft, today()).unwrap();
    let desk = KeyHolder::Desk("鼓楼服务台".into());
    let signer = desk
        .files(dir.path())
        .generate(PASSWORD)
        .unwrap()
        .held_by(desk.clone());
    assert_ne!(
        desk.files(dir.path()).secret,
        KeyFiles::applicant(dir.path()).secret,
        "the desk's key is not an applicant's"
    );
    let out = dir.path().join("desk.zip");
    bundle::export(
        &filing,
        &Store::for_draft(
            &beian::store::sealed::Library::of_file(&draft_path),
            &draft_path,
        ),
        &signer,
        today(),
        &out,
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut read = |suffix: &str| {
        let name = zip
            .file_names()
            .filter_map(Result::ok)
            .find(|n| n.ends_with(suffix))
            .unwrap()
            .to_string();
        let mut text = String::new();
        zip.by_name(&name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    let info = read("bag-info.txt");
    assert!(info.contains("Beian-Signer-Holder: desk\n"), "{info}");
    assert!(info.contains("Beian-Signer-Desk: 鼓楼服务台\n"), "{info}");
    let summary = read("summary.html");
    assert!(
        summary.contains("服务台“鼓楼服务台”的签名密钥"),
        "{summary}"
    );
    let verification = verify(&out);
    assert!(
        verification.is_ok(),
        "a desk-signed bundle verifies: {:?}",
        problems(&verification)
    );
}

/// A printed paper's photo, read when it was attached, is filed in `application.json` with
/// its verdict against the filing as bundled (and its reading in the draft too).
#[test]
fn a_printed_papers_verdict_is_in_the_application() {
    let f = export_sample_with(FilingKind::Unit, |d| {
        let papers = beian::rules::papers::papers(d);
        let paper = papers
            .iter()
            .find(|p| p.template == "authorization")
            .unwrap();
        let code = beian::forms::payload(d, paper).unwrap().encode();
        let attachment = d
            .materials
            .attachments
            .iter_mut()
            .find(|a| a.item == paper.item)
            .unwrap();
        attachment.paper = Some(beian::model::draft::PaperReading {
            code: Some(code),
            unsigned: Vec::new(),
        });
    });
    let (_, json) = entry(&f.bundle, "data/application.json");
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let files = json["files"].as_array().unwrap();
    let papers: Vec<&serde_json::Value> = files.iter().filter(|f| !f["paper"].is_null()).collect();
    assert_eq!(papers.len(), 1, "{files:#?}");
    assert_eq!(papers[0]["paper"]["verdict"], "matches");
    assert!(
        papers[0]["item"]
            .as_str()
            .unwrap()
            .ends_with("document.authorization")
    );
    // Files that are not printed papers carry no such entry.
    assert!(files.len() > 1);
}
