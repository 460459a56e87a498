//! Drafts on disk: round trips, old layouts, damaged and hostile files, atomic writes.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers outside #[test] fns.

use std::path::Path;

use beian_core::model::draft::{CURRENT_SCHEMA_VERSION, SubmissionEvent};
use beian_core::model::{Draft, FilingKind, PreApprovalKind, Procedure, SubmissionState};
use beian_core::store::draft_io::{self, DraftIoError};

fn full_draft() -> Draft {
    let mut draft = beian_core::store::samples::sample(FilingKind::Unit).unwrap();
    draft.subject.remark = "备注：\"引号\" 与 \\ 反斜杠，换行\n第二行 😀".into();
    draft.websites[1].no_pre_approval = false;
    draft.websites[1]
        .pre_approvals
        .push(beian_core::model::draft::PreApproval {
            kind: PreApprovalKind::Culture,
            number: "粤-12345号".into(),
        });
    draft
        .review
        .acknowledged_warnings
        .push(beian_core::model::Acknowledgement::parse("domain.subdomain@filing.domain").unwrap());
    draft.submission.events.push(SubmissionEvent {
        state: SubmissionState::SubmittedToProvider,
        date: "2026-11-28".into(),
        note: "已提交".into(),
        ..SubmissionEvent::default()
    });
    draft.filing.procedure = Procedure::NewAccessWithoutSubject;
    draft.filing.answers = beian_core::model::ProcedureAnswers {
        has_subject_number: true,
        subject_filed_here: false,
        has_website_number: true,
    };
    draft.subject.icp_number = "闽ICP备12345678号".into();
    draft.subject.icp_password = "Mima-1234".into();
    draft.websites[0].icp_number = "闽ICP备12345678号-1".into();
    let person = draft.face_persons()[0].key.clone();
    draft
        .materials
        .set_face_photo(beian_core::model::draft::FacePhoto {
            person,
            sha256: "ab".repeat(32),
            passed: true,
            ..Default::default()
        });
    draft.websites[1].cloud = Some(beian_core::model::draft::CloudService {
        mode: beian_core::model::CloudMode::AuthCode,
        server_ip: String::new(),
        auth_code: "ABC-123456".into(),
    });
    draft
}

#[test]
fn a_full_draft_survives_a_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.ron");
    let draft = full_draft();
    draft_io::save_draft(
        &beian_core::store::sealed::Library::of_file(&path),
        &draft,
        &path,
    )
    .unwrap();
    let back =
        draft_io::load_draft(&beian_core::store::sealed::Library::of_file(&path), &path).unwrap();
    assert_eq!(back, draft);
    // Text form is stable: saving again gives the same bytes.
    let first = std::fs::read(&path).unwrap();
    draft_io::save_draft(
        &beian_core::store::sealed::Library::of_file(&path),
        &back,
        &path,
    )
    .unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), first);
}

#[test]
fn both_samples_load_and_are_complete() {
    for kind in FilingKind::ALL {
        let draft = beian_core::store::samples::sample(*kind).unwrap();
        // Complete but for the documents, which live beside a saved draft.
        let report = beian_core::rules::validate(&draft);
        let errors: Vec<_> = report
            .issues
            .iter()
            .filter(|i| i.severity == beian_core::rules::Severity::Error && !i.is_missing())
            .collect();
        assert!(errors.is_empty(), "{kind:?}: {errors:?}");
        assert_eq!(draft.filing.kind, *kind);
    }
}

#[test]
fn a_draft_from_before_schema_versions_still_loads() {
    let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("tests/data/draft-v0-no-version.ron");
    let library = beian_core::store::sealed::Library::of_file(&path);
    let draft = draft_io::load_draft(&library, &path).unwrap();
    assert_eq!(draft.schema_version, CURRENT_SCHEMA_VERSION);
    assert_eq!(draft.subject.name, "张三");
    assert_eq!(draft.websites.len(), 1);
    assert!(
        draft.websites[0].is_primary,
        "the only website takes the verified domain"
    );
    assert_eq!(draft.website_domain(0), "example.cn");
    assert_eq!(draft.filing.procedure, Procedure::First);
}

#[test]
fn a_draft_from_before_kinds_of_filing_is_a_first_filing() {
    // Layout 1 had no kind of filing; its text is today's minus the new fields.
    let text = "(schema_version: 1, id: \"20260101-0a0b0c0d0e0f\", filing: (kind: unit, \
                province: \"350000\"), subject: (name: \"示例公司\", icp_number: \"\"))";
    let draft = draft_io::parse_draft(text, Path::new("v1.ron")).unwrap();
    assert_eq!(draft.schema_version, CURRENT_SCHEMA_VERSION);
    assert_eq!(draft.filing.procedure, Procedure::First);
    assert_eq!(
        draft.filing.answers,
        beian_core::model::ProcedureAnswers::default()
    );
    assert_eq!(draft.filing.cancel_reason, "");
    // The shipped samples (layout 1) are first filings too.
    for kind in FilingKind::ALL {
        let sample = beian_core::store::samples::sample(*kind).unwrap();
        assert_eq!(sample.filing.procedure, Procedure::First);
    }
}

#[test]
fn an_old_draft_gets_its_photo_per_person_and_its_cloud_service_per_website() {
    // Layout 1: one face photo, no kind of filing, one cloud service, two websites run by
    // different people.
    let text = "(schema_version: 1, id: \"20260101-0a0b0c0d0e0f\", \
                filing: (kind: unit, province: \"350000\", domain: \"example.cn\", \
                cloud: (mode: server_ip, server_ip: \"47.106.1.20\")), \
                websites: [\
                  (is_primary: true, name: \"一\", responsible: (name: \"王五\", \
                   cert_number: \"350102199001011234\")), \
                  (name: \"二\", domain: \"example.com.cn\", responsible: (name: \"赵六\", \
                   cert_number: \"350102199202023456\"))], \
                materials: (face_photo: Some((sha256: \"abab\", passed: true, source: \"camera\"))))";
    let draft = draft_io::parse_draft(text, Path::new("v1.ron")).unwrap();
    assert_eq!(draft.schema_version, CURRENT_SCHEMA_VERSION);
    assert_eq!(draft.filing.procedure, Procedure::First);
    // The one photo is the first website responsible person's.
    assert_eq!(draft.materials.face_photos.len(), 1);
    let photos = draft.face_photos();
    assert_eq!(photos.len(), 2);
    assert_eq!(photos[0].0.name, "王五");
    assert_eq!(photos[0].1.map(|p| p.sha256.as_str()), Some("abab"));
    assert_eq!(photos[0].1.map(|p| p.source.as_str()), Some("camera"));
    assert!(photos[1].1.is_none(), "赵六 still has to be photographed");
    // Both websites keep using the filing's cloud service.
    for i in 0..2 {
        assert_eq!(draft.websites[i].cloud, None);
        assert_eq!(draft.website_cloud(i).server_ip, "47.106.1.20");
    }
    // Saved again, the photo is stored per person and the old field is gone.
    let saved = draft_io::draft_to_text(&draft).unwrap();
    assert!(!saved.contains("face_photo:"), "{saved}");
    let back = draft_io::parse_draft(&saved, Path::new("v3.ron")).unwrap();
    assert_eq!(back, draft);
    // A personal draft's photo becomes the applicant's.
    let text = "(schema_version: 2, filing: (kind: personal, cert_number: \"350102199001011234\"), \
                materials: (face_photo: Some((sha256: \"cdcd\", passed: true))))";
    let draft = draft_io::parse_draft(text, Path::new("v2.ron")).unwrap();
    let photos = draft.face_photos();
    assert_eq!(photos.len(), 1);
    assert_eq!(photos[0].1.map(|p| p.sha256.as_str()), Some("cdcd"));
}

#[test]
fn every_kind_of_filing_is_stored_by_its_key() {
    for procedure in Procedure::ALL {
        let mut draft = full_draft();
        draft.filing.procedure = *procedure;
        let text = draft_io::draft_to_text(&draft).unwrap();
        assert!(
            text.contains(&format!("procedure: {}", procedure.key())),
            "{procedure:?}"
        );
        let back = draft_io::parse_draft(&text, Path::new("d.ron")).unwrap();
        assert_eq!(back.filing.procedure, *procedure);
    }
}

#[test]
fn a_draft_from_a_newer_version_is_refused_not_truncated() {
    let text = "(schema_version: 99, id: \"x\", something_new: (a: 1))";
    let err = draft_io::parse_draft(text, Path::new("new.ron")).unwrap_err();
    assert!(
        matches!(err, DraftIoError::TooNew { found: 99, .. }),
        "{err:?}"
    );
    assert!(!err.is_damaged_file());
}

#[test]
fn damaged_and_hostile_files_give_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let valid = draft_io::draft_to_text(&full_draft()).unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("truncated", valid.as_bytes()[..valid.len() / 2].to_vec()),
        ("not utf-8", vec![0xff, 0xfe, 0x00, 0x28]),
        ("json", b"{\"id\": 1}".to_vec()),
        ("nul", b"(id: \"\0\0\0\"".to_vec()),
        ("deep nesting", "[".repeat(100_000).into_bytes()),
        ("wrong type", b"(websites: 5)".to_vec()),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(format!("{name}.ron"));
        std::fs::write(&path, &bytes).unwrap();
        let err = draft_io::load_draft(&beian_core::store::sealed::Library::of_file(&path), &path)
            .expect_err(name);
        assert!(err.is_damaged_file(), "{name}: {err:?}");
        assert!(
            err.user_message(beian_core::i18n::Locale::ZhCn)
                .contains(&path.display().to_string()),
            "{name}"
        );
    }
    let missing = draft_io::load_draft(
        &beian_core::store::sealed::Library::of_file(&dir.path().join("nope.ron")),
        &dir.path().join("nope.ron"),
    )
    .unwrap_err();
    assert!(matches!(missing, DraftIoError::Read { .. }));
    // A huge file is refused without being read.
    let big = dir.path().join("big.ron");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(draft_io::MAX_DRAFT_BYTES + 1).unwrap();
    assert!(matches!(
        draft_io::load_draft(&beian_core::store::sealed::Library::of_file(&big), &big).unwrap_err(),
        DraftIoError::TooLarge { .. }
    ));
}

#[test]
fn saving_is_atomic_and_private() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/folder/d.ron");
    draft_io::save_draft(
        &beian_core::store::sealed::Library::of_file(&path),
        &full_draft(),
        &path,
    )
    .unwrap();
    let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(
        names,
        vec!["d.ron".to_owned()],
        "no temporary files are left behind"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let dir_mode = std::fs::metadata(path.parent().unwrap())
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(dir_mode, 0o700);
    }
}

#[test]
fn a_damaged_draft_is_set_aside_under_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("abc.ron");
    std::fs::write(&path, b"garbage(").unwrap();
    let aside = draft_io::set_aside(&path, chrono::Utc::now()).unwrap();
    assert!(!path.exists());
    assert!(
        aside
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("abc.ron.damaged-")
    );
    assert_eq!(std::fs::read(&aside).unwrap(), b"garbage(");
}
