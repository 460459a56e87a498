//! A whole filing prepared from a script, through the `beian` binary only (but for typing
//! the fields, which a test does with the model API): `new` → `attach` documents and the
//! face photo → `check` → `export` → `verify`, with every exit code asserted; and
//! `inspect`, whose verdicts and messages are the materials step's.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers outside #[test] fns.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use beian::model::FilingKind;
use beian::model::declarations::DeclarationKind;
use beian::store::draft_io::{load_draft, save_draft};

const PASSWORD: &str = "applicant password";

fn beian() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_beian"));
    c.env_remove("BEIAN_LANG")
        .env("RUST_LOG", "off")
        .args(["--lang", "en"]);
    c
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    beian().args(args).output().unwrap()
}

fn code(out: &Output) -> Option<i32> {
    out.status.code()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn sample_document(name: &str) -> PathBuf {
    repo("assets/samples/documents").join(name)
}

fn test_document(name: &str) -> PathBuf {
    repo("tests/data/documents").join(name)
}

/// `beian check --json` of a draft: the exit code and the document.
fn check_json(draft: &Path) -> (Option<i32>, serde_json::Value) {
    let out = run(&["check".as_ref(), draft.as_os_str(), "--json".as_ref()]);
    (code(&out), serde_json::from_slice(&out.stdout).unwrap())
}

/// The file a script would attach for an item key `beian check` lists.
fn file_for(key: &str) -> PathBuf {
    if key.ends_with("face_photo") {
        repo("assets/samples/faces/good.jpg")
    } else if key.ends_with("id_front") {
        sample_document("personal-id-front.jpg")
    } else if key.ends_with("id_back") {
        sample_document("personal-id-back.jpg")
    } else if key.ends_with("domain_certificate") {
        sample_document("personal-domain-certificate.jpg")
    } else {
        panic!("no file for {key}")
    }
}

fn export(draft: &Path, data: &Path, out: &Path) -> Output {
    beian()
        .arg("export")
        .arg(draft)
        .arg("-o")
        .arg(out)
        .arg("--data-dir")
        .arg(data)
        .env("BEIAN_KEY_PASSWORD", PASSWORD)
        .output()
        .unwrap()
}

fn sha256_of(path: &Path) -> String {
    beian::bundle::verify::sha256_file(path).unwrap().0
}

#[test]
fn a_whole_filing_is_prepared_checked_exported_and_verified_from_a_script() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let draft = dir.path().join("filing.ron");

    // A new, empty personal draft; never over an existing file.
    let out = run(&[
        "new".as_ref(),
        "--kind".as_ref(),
        "personal".as_ref(),
        "-o".as_ref(),
        draft.as_os_str(),
    ]);
    assert_eq!(code(&out), Some(0), "{}", text(&out));
    assert!(text(&out).contains("filing.ron"), "{}", text(&out));
    let empty = load_draft(&beian::store::sealed::Library::of_file(&draft), &draft).unwrap();
    assert_eq!(empty.filing.kind, FilingKind::Personal);
    assert!(empty.materials.attachments.is_empty());
    let out = run(&["new".as_ref(), "-o".as_ref(), draft.as_os_str()]);
    assert_eq!(code(&out), Some(2));
    assert!(text(&out).contains("never replaced"), "{}", text(&out));

    // The fields, typed in with the model API (the sample's answers, no documents).
    let sample = beian::store::samples::sample(FilingKind::Personal).unwrap();
    let mut filled = load_draft(&beian::store::sealed::Library::of_file(&draft), &draft).unwrap();
    filled.filing = sample.filing.clone();
    filled.subject = sample.subject.clone();
    filled.websites = sample.websites.clone();
    save_draft(
        &beian::store::sealed::Library::of_file(&draft),
        &filled,
        &draft,
    )
    .unwrap();

    // Not ready: check fails and lists what the materials step takes.
    let (status, report) = check_json(&draft);
    assert_eq!(status, Some(1));
    let items = report["items"].as_array().unwrap();
    let keys: Vec<&str> = items.iter().map(|i| i["key"].as_str().unwrap()).collect();
    assert_eq!(
        keys,
        [
            "subject.document.id_front",
            "subject.document.id_back",
            "websites[0].document.domain_certificate",
            "filing.document.other.0",
            "subject.face_photo"
        ]
    );
    assert!(items.iter().all(|i| i["attached"] == false));
    let out = run(&["check".as_ref(), draft.as_os_str()]);
    assert!(
        text(&out).contains("subject.document.id_front — ID photo side [missing]"),
        "{}",
        text(&out)
    );

    let attach = |item: &str, file: &Path| {
        run(&[
            "attach".as_ref(),
            draft.as_os_str(),
            item.as_ref(),
            file.as_os_str(),
        ])
    };
    // Refusals attach nothing and leave the draft as it was (exit 2).
    let before = std::fs::read(&draft).unwrap();
    let out = attach("subject.document.certificate", &file_for("id_front"));
    assert_eq!(code(&out), Some(2), "not on a personal checklist");
    assert!(
        text(&out).contains("subject.document.id_front"),
        "{}",
        text(&out)
    );
    let out = attach(
        "subject.document.id_front",
        &test_document("text-named.jpg"),
    );
    assert_eq!(code(&out), Some(2));
    assert!(text(&out).contains("not an image or PDF"), "{}", text(&out));
    let out = attach("subject.document.id_front", &dir.path().join("absent.jpg"));
    assert_eq!(code(&out), Some(2));
    assert_eq!(std::fs::read(&draft).unwrap(), before);

    // A photocopy is attached, as the GUI does, but rejected by a check (exit 1);
    // then replaced by the right file.
    let out = attach(
        "subject.document.id_front",
        &test_document("licence-grey.jpg"),
    );
    assert_eq!(code(&out), Some(1), "{}", text(&out));
    assert!(text(&out).contains("black-and-white"), "{}", text(&out));
    assert_eq!(
        load_draft(&beian::store::sealed::Library::of_file(&draft), &draft)
            .unwrap()
            .materials
            .attachments
            .len(),
        1
    );

    // Every required item, by the keys check listed.
    for item in items.iter().filter(|i| i["required"] == true) {
        let key = item["key"].as_str().unwrap();
        let out = attach(key, &file_for(key));
        assert_eq!(code(&out), Some(0), "{key}: {}", text(&out));
    }
    let attached = load_draft(&beian::store::sealed::Library::of_file(&draft), &draft).unwrap();
    assert_eq!(
        attached.materials.attachments.len(),
        3,
        "the photocopy replaced"
    );
    assert_eq!(attached.materials.face_photos.len(), 1);
    assert!(attached.materials.face_photos[0].passed);
    let (_, report) = check_json(&draft);
    let attached_items: Vec<&str> = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["attached"] == true)
        .map(|i| i["key"].as_str().unwrap())
        .collect();
    assert_eq!(attached_items.len(), 4, "{attached_items:?}");

    // Without the declarations the draft checks but does not export.
    let bundle = dir.path().join("filing.zip");
    let out = export(&draft, &data, &bundle);
    assert_eq!(code(&out), Some(1), "{}", text(&out));
    assert!(text(&out).contains("cannot be exported yet"));
    assert!(!bundle.exists());

    // The applicant declares (model API, as the review step records it).
    let mut declared = load_draft(&beian::store::sealed::Library::of_file(&draft), &draft).unwrap();
    for kind in beian::model::declarations::required(&declared) {
        assert_ne!(kind, DeclarationKind::Consent, "a personal filing");
        beian::model::declarations::declare(&mut declared, kind, "张三", None, chrono::Utc::now());
    }
    save_draft(
        &beian::store::sealed::Library::of_file(&draft),
        &declared,
        &draft,
    )
    .unwrap();
    let (status, report) = check_json(&draft);
    assert_eq!(status, Some(0), "{report}");
    assert_eq!(report["ok"], true);

    // Export twice: the same bundle, byte for byte; it verifies.
    let out = export(&draft, &data, &bundle);
    assert_eq!(code(&out), Some(0), "{}", text(&out));
    let again = dir.path().join("again.zip");
    let out = export(&draft, &data, &again);
    assert_eq!(code(&out), Some(0), "{}", text(&out));
    let sha = sha256_of(&bundle);
    assert_eq!(sha, sha256_of(&again), "reproducible");
    assert!(text(&out).contains(&sha), "{}", text(&out));
    let out = run(&[
        "verify".as_ref(),
        bundle.as_os_str(),
        "--data-dir".as_ref(),
        data.as_os_str(),
        "--json".as_ref(),
    ]);
    assert_eq!(code(&out), Some(0), "{}", text(&out));
    let verified: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(verified["ok"], true);
    assert_eq!(verified["signatures"][0]["role"], "applicant");
}

#[test]
fn a_sample_made_from_the_command_line_is_complete_and_exports() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // Without -o the draft goes to the library, as the start screen puts it.
    let out = run(&[
        "new".as_ref(),
        "--sample".as_ref(),
        "--kind".as_ref(),
        "unit".as_ref(),
        "--data-dir".as_ref(),
        data.as_os_str(),
    ]);
    assert_eq!(code(&out), Some(0), "{}", text(&out));
    let drafts: Vec<PathBuf> = std::fs::read_dir(data.join("drafts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    assert_eq!(drafts.len(), 1);
    let draft = &drafts[0];
    let loaded = load_draft(&beian::store::sealed::Library::of_file(draft), draft).unwrap();
    assert_eq!(loaded.filing.kind, FilingKind::Unit);
    assert_eq!(
        draft.file_stem().unwrap().to_string_lossy(),
        loaded.id,
        "named by its id"
    );
    assert!(!loaded.materials.attachments.is_empty());
    assert!(loaded.materials.face_photos.iter().all(|p| p.passed));
    let (status, report) = check_json(draft);
    assert_eq!(status, Some(0), "{report}");
    assert!(
        report["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["required"] == true)
            .all(|i| i["attached"] == true)
    );
    let bundle = dir.path().join("unit.zip");
    let out = export(draft, &data, &bundle);
    assert_eq!(code(&out), Some(0), "{}", text(&out));
    let out = run(&[
        "verify".as_ref(),
        bundle.as_os_str(),
        "--data-dir".as_ref(),
        data.as_os_str(),
    ]);
    assert_eq!(code(&out), Some(0), "{}", text(&out));
}

#[test]
fn attach_normalises_and_turns_as_the_materials_step_does() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("s.ron");
    let out = run(&[
        "new".as_ref(),
        "--sample".as_ref(),
        "-o".as_ref(),
        draft.as_os_str(),
    ]);
    assert_eq!(code(&out), Some(0), "{}", text(&out));
    // A card stored sideways: a warning as attached; turned upright it has none.
    let sideways = test_document("id-front-sideways.jpg");
    let item = "subject.document.id_front";
    let out = run(&[
        "attach".as_ref(),
        draft.as_os_str(),
        item.as_ref(),
        sideways.as_os_str(),
    ]);
    assert_eq!(code(&out), Some(0), "{}", text(&out));
    assert!(text(&out).contains("card is sideways"), "{}", text(&out));
    let out = run(&[
        "attach".as_ref(),
        draft.as_os_str(),
        item.as_ref(),
        sideways.as_os_str(),
        "--turn".as_ref(),
        "right".as_ref(),
    ]);
    assert_eq!(code(&out), Some(0), "{}", text(&out));
    assert!(!text(&out).contains("card is sideways"), "{}", text(&out));
    let loaded = load_draft(&beian::store::sealed::Library::of_file(&draft), &draft).unwrap();
    let a = loaded
        .materials
        .attachments
        .iter()
        .find(|a| a.item.to_string() == item)
        .unwrap();
    let copy = a.normalized.as_ref().expect("a normalised copy");
    assert!(copy.measures.width > copy.measures.height, "upright card");
    assert!(
        beian::documents::Store::for_draft(&beian::store::sealed::Library::of_file(&draft), &draft)
            .contains(&copy.sha256)
    );

    // A photo with a location: --normalize removes it, as Fix does.
    let gps = test_document("with-gps.jpg");
    let other = "filing.document.other.0";
    let out = run(&[
        "attach".as_ref(),
        draft.as_os_str(),
        other.as_ref(),
        gps.as_os_str(),
        "--normalize".as_ref(),
    ]);
    assert_eq!(code(&out), Some(0), "{}", text(&out));
    let loaded = load_draft(&beian::store::sealed::Library::of_file(&draft), &draft).unwrap();
    let a = loaded
        .materials
        .attachments
        .iter()
        .find(|a| a.item.to_string() == other)
        .unwrap();
    assert!(a.measures.has_location);
    assert!(!a.effective_measures().has_location);

    // A face photo that fails its pre-check is kept (for the help desk), exit 1.
    let blurred = repo("assets/samples/faces/blurred.jpg");
    let out = run(&[
        "attach".as_ref(),
        draft.as_os_str(),
        "subject.face_photo".as_ref(),
        blurred.as_os_str(),
    ]);
    assert_eq!(code(&out), Some(1), "{}", text(&out));
    assert!(
        !load_draft(&beian::store::sealed::Library::of_file(&draft), &draft)
            .unwrap()
            .materials
            .face_photos[0]
            .passed
    );
    assert_eq!(
        check_json(&draft).0,
        Some(1),
        "the failed photo blocks export"
    );
}

#[test]
fn attach_refuses_a_draft_open_at_a_desk() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("s.ron");
    let out = run(&[
        "new".as_ref(),
        "--sample".as_ref(),
        "-o".as_ref(),
        draft.as_os_str(),
    ]);
    assert_eq!(code(&out), Some(0));
    let lock = beian::library::locks::DraftLock::new("前台二号", "other", chrono::Utc::now());
    assert_eq!(
        beian::library::locks::acquire(&draft, &lock).unwrap(),
        beian::library::locks::LockOutcome::Acquired
    );
    let before = std::fs::read(&draft).unwrap();
    let file = sample_document("personal-id-front.jpg");
    let out = run(&[
        "attach".as_ref(),
        draft.as_os_str(),
        "subject.document.id_front".as_ref(),
        file.as_os_str(),
    ]);
    assert_eq!(code(&out), Some(2));
    assert!(text(&out).contains("前台二号"), "{}", text(&out));
    assert_eq!(std::fs::read(&draft).unwrap(), before);
}

#[test]
fn inspect_gives_the_materials_steps_verdicts_and_messages() {
    let good = sample_document("personal-id-front.jpg");
    let grey = test_document("licence-grey.jpg");
    let glare = test_document("glare.jpg");
    let not_image = test_document("text-named.jpg");
    let bomb = test_document("bomb.png");

    let out = run(&[
        "inspect".as_ref(),
        "--as".as_ref(),
        "id-front".as_ref(),
        good.as_os_str(),
    ]);
    assert_eq!(code(&out), Some(0), "{}", text(&out));
    assert!(text(&out).contains("acceptable"), "{}", text(&out));
    // A warning is printed but does not fail it.
    let out = run(&["inspect".as_ref(), glare.as_os_str()]);
    assert_eq!(code(&out), Some(0), "{}", text(&out));
    assert!(text(&out).contains("[warning]"), "{}", text(&out));
    // The worst file decides: 1 for one with an error, 2 for one that cannot be read.
    let out = run(&[
        "inspect".as_ref(),
        "--as".as_ref(),
        "licence".as_ref(),
        good.as_os_str(),
        grey.as_os_str(),
    ]);
    assert_eq!(code(&out), Some(1), "{}", text(&out));
    for unreadable in [&not_image, &bomb] {
        let out = run(&["inspect".as_ref(), good.as_os_str(), unreadable.as_os_str()]);
        assert_eq!(code(&out), Some(2), "{}", text(&out));
    }
    // An unknown item kind is bad usage.
    let out = run(&[
        "inspect".as_ref(),
        "--as".as_ref(),
        "passport-ish".as_ref(),
        good.as_os_str(),
    ]);
    assert_eq!(code(&out), Some(2));
    assert!(text(&out).contains("id-front"), "{}", text(&out));

    // JSON: the same findings, with the messages the materials step shows.
    let out = run(&[
        "inspect".as_ref(),
        "--json".as_ref(),
        "--as".as_ref(),
        "websites[0].document.domain_certificate".as_ref(),
        grey.as_os_str(),
        not_image.as_os_str(),
    ]);
    assert_eq!(code(&out), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["format"], "beian.inspect/1");
    assert_eq!(json["item"], "domain_certificate");
    assert_eq!(json["ok"], false);
    let files = json["files"].as_array().unwrap();
    assert_eq!(files[0]["verdict"], "not_acceptable");
    assert_eq!(files[1]["verdict"], "unreadable");
    assert_eq!(files[1]["refused"]["code"], "document.error.not_a_document");

    let en = beian::i18n::Locale::En;
    let kind = beian::model::DocKind::DomainCertificate;
    let measures = beian::documents::inspect(&std::fs::read(&grey).unwrap()).unwrap();
    let expected = beian::rules::materials::assess(kind, &measures);
    assert!(expected.has_errors());
    let label = beian::model::FieldKey::new(
        beian::model::Scope::Filing,
        beian::model::Field::Document(kind),
    )
    .label(en);
    let messages: Vec<String> = expected.iter().map(|f| f.message(en, &label)).collect();
    let printed: Vec<&str> = files[0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(printed, messages);
    assert_eq!(files[0]["measures"]["width"], measures.width);
}
