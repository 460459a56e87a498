//! The bundle of every kind of filing, for a 单位 filing whose two websites are run by two
//! people on two cloud services: each person's photo with its checks and whose it is,
//! each website's cloud service, and the bundle verified by `beian verify` and, when they
//! are installed, by `minisign` and `bagit.py` (skipped with a note otherwise, unless
//! `BEIAN_REQUIRE_INTEROP` is set, as `cargo xtask test` does).
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers outside #[test] fns.

use crate::common;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use beian::bundle::{self, KeyFiles, TrustedKeys};
use beian::documents::Store;
use beian::model::draft::{CloudService, Person, Validity, Website};
use beian::model::{CertType, CloudMode, FilingKind, Procedure};
use beian::store::storage::DataDir;
use common::today;

const PASSWORD: &str = "correct horse battery";

/// The unit sample with its second website run by 赵六 on its own authorization code.
fn two_people(data: &Path, procedure: Procedure) -> (beian::model::Draft, PathBuf) {
    let (mut d, path) = beian::services::samples::create(
        FilingKind::Unit,
        &beian::store::sealed::Library::open(DataDir::at(data).drafts_dir()),
        chrono::Utc::now(),
    )
    .unwrap();
    let facts = d.websites[0].domain_facts.clone();
    d.websites[1] = Website {
        domain_facts: facts,
        no_pre_approval: true,
        name: "示例科技客服中心".into(),
        domain: "example.net.cn".into(),
        homepage: "www.example.net.cn".into(),
        responsible: Person {
            name: "赵六".into(),
            cert_type: Some(CertType::ResidentId),
            cert_number: "350102199202023454".into(),
            cert_validity: Validity {
                start: "2020-05-12".into(),
                end: "2040-05-12".into(),
                long_term: false,
            },
            mobile: "13900139003".into(),
            phone2: "0591-87654322".into(),
            emergency_phone: "13700137003".into(),
            email: "zhaoliu@example.com.cn".into(),
        },
        cloud: Some(CloudService {
            mode: CloudMode::AuthCode,
            server_ip: String::new(),
            auth_code: "AUTH-9876-5432".into(),
        }),
        ..Website::default()
    };
    d.filing.procedure = procedure;
    if procedure.needs_subject_number() {
        d.subject.icp_number = "闽ICP备12345678号".into();
    }
    if procedure.needs_website_numbers() {
        for (i, w) in d.websites.iter_mut().enumerate() {
            w.icp_number = format!("闽ICP备12345678号-{}", i + 1);
        }
    }
    if procedure.is_cancellation() {
        d.filing.cancel_reason = "网站停止运营".into();
    }
    common::attach_test_documents(&mut d, &path);
    let report = beian::rules::validate_on(&d, today());
    for issue in &report.issues {
        if issue.severity == beian::rules::Severity::Warning {
            d.review.acknowledged_warnings.push(issue.acknowledgement());
        }
    }
    (d, path)
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

fn unzip(bundle: &Path, into: &Path) {
    std::fs::create_dir_all(into).unwrap();
    zip::ZipArchive::new(std::fs::File::open(bundle).unwrap())
        .unwrap()
        .extract(into)
        .unwrap();
}

#[test]
fn every_kind_with_two_people_verifies_with_beian_minisign_and_bagit() {
    let minisign = tool("minisign", "BEIAN_MINISIGN");
    let bagit = tool("bagit.py", "BEIAN_BAGIT_PY");
    for (name, found) in [("minisign", &minisign), ("bagit.py", &bagit)] {
        if found.is_none() {
            assert!(!require_interop(), "{name} is not installed");
            eprintln!("note: {name} is not installed; its check is skipped");
        }
    }
    for procedure in Procedure::ALL.iter().copied() {
        let dir = tempfile::tempdir().unwrap();
        let (draft, draft_path) = two_people(dir.path(), procedure);
        let filing = beian::rules::finalize_on(&draft, today())
            .unwrap_or_else(|e| panic!("{procedure:?}: {e:?}"));
        let signer = KeyFiles::applicant(dir.path()).generate(PASSWORD).unwrap();
        let out = dir.path().join("out").join("bundle.zip");
        std::fs::create_dir_all(out.parent().unwrap()).unwrap();
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
        let v = bundle::verify(&out, &TrustedKeys::default());
        assert!(v.is_ok(), "{procedure:?}");
        let app = v.application.as_ref().unwrap();
        // Each website's cloud service travels with it.
        assert_eq!(app.filing.website_cloud(1).auth_code, "AUTH-9876-5432");
        assert_eq!(app.filing.website_cloud(0).server_ip, "47.106.1.20");
        if procedure.needs_materials() {
            // One photo per person, each with its checks, saying whose it is.
            let whose: Vec<_> = app
                .photos
                .iter()
                .map(|p| (p.path.as_str(), p.person.as_str(), p.role.as_str()))
                .collect();
            assert_eq!(
                whose,
                vec![
                    ("data/photo/1-face.jpg", "王五", "网站 1 负责人"),
                    ("data/photo/2-face.jpg", "赵六", "网站 2 负责人"),
                ],
                "{procedure:?}"
            );
            for photo in &app.photos {
                assert!(photo.passed);
                let checks = photo.checks.as_deref().unwrap();
                assert!(checks.starts_with("data/photo/") && checks.ends_with("-checks.ron"));
                assert!(app.files.iter().any(|f| f.path == photo.path));
            }
            let html = {
                let mut archive = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
                let name = format!("{}/data/summary.html", app.bag_id);
                let mut text = String::new();
                std::io::Read::read_to_string(&mut archive.by_name(&name).unwrap(), &mut text)
                    .unwrap();
                text
            };
            assert!(html.contains("赵六（网站 2 负责人）"), "{procedure:?}");
            assert!(html.contains("备案授权码：AUTH-9876-5432"), "{procedure:?}");
        } else {
            assert!(app.photos.is_empty(), "{procedure:?}");
        }

        // The command line agrees.
        let cli = std::process::Command::new(env!("CARGO_BIN_EXE_beian"))
            .env_remove("BEIAN_LANG")
            .env("RUST_LOG", "off")
            .args(["--lang", "en", "verify"])
            .arg(&out)
            .arg("--data-dir")
            .arg(dir.path().join("cli-data"))
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&cli.stdout);
        assert_eq!(cli.status.code(), Some(0), "{procedure:?}: {text}");

        let unzipped = dir.path().join("unzipped");
        unzip(&out, &unzipped);
        let bag = unzipped.join(&app.bag_id);
        if let Some(minisign) = &minisign {
            let run = std::process::Command::new(minisign)
                .current_dir(&bag)
                .args(["-V", "-p", "applicant.pub", "-m", "tagmanifest-sha256.txt"])
                .output()
                .unwrap();
            assert!(
                run.status.success(),
                "{procedure:?}: {}",
                String::from_utf8_lossy(&run.stderr)
            );
        }
        if let Some(bagit) = &bagit {
            let run = std::process::Command::new(bagit)
                .arg("--validate")
                .arg(&bag)
                .output()
                .unwrap();
            assert!(
                run.status.success(),
                "{procedure:?}: {}",
                String::from_utf8_lossy(&run.stderr)
            );
        }
    }
}
