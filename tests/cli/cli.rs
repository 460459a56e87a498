//! The `beian` command line, run as a user would.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers outside #[test] fns.

use crate::common;

use std::process::Command;

fn beian() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_beian"));
    c.env_remove("BEIAN_LANG").env("RUST_LOG", "off");
    c
}

/// Runs `beian check --lang en` on a draft file.
fn check_in_english(path: &std::path::Path) -> std::process::Output {
    beian()
        .args(["check", "--lang", "en"])
        .arg(path)
        .output()
        .unwrap()
}

/// A complete sample draft, with its documents, saved in `dir`.
fn write_sample(dir: &std::path::Path, kind: beian::model::FilingKind) -> std::path::PathBuf {
    let mut draft = beian::store::samples::sample(kind).unwrap();
    let path = dir.join(format!("{}.ron", kind.key()));
    common::attach_test_documents(&mut draft, &path);
    beian::store::draft_io::save_draft(
        &beian::store::sealed::Library::of_file(&path),
        &draft,
        &path,
    )
    .unwrap();
    path
}

#[test]
fn help_lists_the_subcommands() {
    let out = beian().arg("--help").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("check"), "{text}");
}

#[test]
fn check_passes_a_complete_draft() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_sample(dir.path(), beian::model::FilingKind::Unit);
    let out = check_in_english(&path);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Filing type — Complete"), "{text}");
}

#[test]
fn check_passes_a_cross_province_personal_draft_with_a_residence_permit() {
    // A Beijing ID filed in Guangdong, which accepts a residence permit: the ID card's
    // address names Beijing, the mailing address Shenzhen.
    let dir = tempfile::tempdir().unwrap();
    let mut draft = beian::store::samples::sample(beian::model::FilingKind::Personal).unwrap();
    draft.filing.province = "440000".into();
    draft.filing.city = "440300".into();
    draft.filing.district = "440305".into();
    draft.subject.mailing_address = "广东省深圳市南山区示例路 2 号 3 栋 401 室".into();
    let path = dir.path().join("cross.ron");
    common::attach_test_documents(&mut draft, &path);
    let permit = beian::model::FieldKey::new(
        beian::model::Scope::Subject,
        beian::model::Field::Document(beian::model::DocKind::ResidencePermit),
    );
    assert!(
        draft.materials.attachments.iter().any(|a| a.item == permit),
        "the residence permit is on the checklist and attached"
    );
    beian::store::draft_io::save_draft(
        &beian::store::sealed::Library::of_file(&path),
        &draft,
        &path,
    )
    .unwrap();
    let out = check_in_english(&path);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(!text.contains("subject.cert_address"), "{text}");
}

#[test]
fn check_lists_what_is_missing_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let mut draft = beian::store::samples::sample(beian::model::FilingKind::Personal).unwrap();
    let path = dir.path().join("d.ron");
    common::attach_test_documents(&mut draft, &path);
    draft.subject.responsible.mobile.clear();
    draft.filing.domain = "   ".into();
    beian::store::draft_io::save_draft(
        &beian::store::sealed::Library::of_file(&path),
        &draft,
        &path,
    )
    .unwrap();

    let out = beian().arg("check").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("subject.responsible.mobile: 请填写手机号码。"),
        "{text}"
    );
    assert!(text.contains("filing.domain"), "{text}");

    let out = beian()
        .args(["check", "--json"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["format"], "beian.check/1");
    assert_eq!(json["ok"], false);
    let issues = json["issues"].as_array().unwrap();
    let fields: Vec<_> = issues
        .iter()
        .filter(|i| i["severity"] != "notice")
        .map(|i| i["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, vec!["filing.domain", "subject.responsible.mobile"]);
    assert_eq!(issues[0]["code"], "required");
    assert_eq!(issues[0]["severity"], "error");
    assert_eq!(issues[0]["step"], "filing_type");
    let steps = json["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 6);
    assert_eq!(steps[0]["status"], "in_progress");
}

#[test]
fn check_reports_the_kind_of_filing_and_what_it_needs() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_sample(dir.path(), beian::model::FilingKind::Unit);
    let json_of = |path: &std::path::Path| -> serde_json::Value {
        let out = beian()
            .args(["check", "--json"])
            .arg(path)
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    assert_eq!(json_of(&path)["filing_type"], "first");

    let mut draft =
        beian::store::draft_io::load_draft(&beian::store::sealed::Library::of_file(&path), &path)
            .unwrap();
    draft.filing.procedure = beian::model::Procedure::CancelWebsite;
    draft.websites[1].icp_number = "闽ICP备12345678号-0".into();
    beian::store::draft_io::save_draft(
        &beian::store::sealed::Library::of_file(&path),
        &draft,
        &path,
    )
    .unwrap();
    let json = json_of(&path);
    assert_eq!(json["filing_type"], "cancel_website");
    assert_eq!(json["ok"], false);
    let issues: Vec<(String, String, String)> = json["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["field"].as_str().unwrap().to_owned(),
                i["code"].as_str().unwrap().to_owned(),
                i["step"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let has = |field: &str, code: &str| issues.iter().any(|(f, c, _)| f == field && c == code);
    assert!(has("subject.icp_number", "required"), "{issues:?}");
    assert!(has("filing.cancel_reason", "required"), "{issues:?}");
    assert!(has("websites[0].icp_number", "required"), "{issues:?}");
    assert!(
        has(
            "websites[1].icp_number",
            "procedure.website_number_without_subject"
        ),
        "{issues:?}"
    );
    // The subject's number is asked on the type step.
    assert!(
        issues
            .iter()
            .any(|(f, _, step)| f == "subject.icp_number" && step == "filing_type")
    );
    // A cancellation needs no documents and no face photo.
    assert!(
        !issues
            .iter()
            .any(|(_, c, _)| c == "document.missing" || c == "face.missing"),
        "{issues:?}"
    );

    let out = check_in_english(&path);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("Kind of filing: Cancel a website\n"),
        "{text}"
    );
}

#[test]
fn check_refuses_an_unreadable_draft_with_exit_2_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, b"(schema_version: 1, filing: (").unwrap();
    let out = check_in_english(&path);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("is damaged or not a filing draft"), "{err}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        b"(schema_version: 1, filing: ("
    );

    let out = beian()
        .arg("check")
        .arg(dir.path().join("missing.ron"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bad_usage_exits_2() {
    let out = beian().args(["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = beian()
        .args(["--lang", "fr", "check", "x.ron"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

fn validate(args: &[&str]) -> (Option<i32>, String) {
    let out = beian().arg("validate").args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[test]
fn validate_checks_single_values() {
    let cases: &[(&[&str], i32, &str)] = &[
        (&["resident-id", "11010519491231002X"], 0, ""),
        (&["resident-id", "110105194912310021"], 1, "ric.checksum"),
        (&["uscc", "91350100M000100Y43"], 0, ""),
        (&["uscc", "91350100M000100Y44"], 0, "uscc.checksum"),
        (&["org-code", "D2143569-2"], 1, "org_code.checksum"),
        (&["mobile", "13800138000"], 0, ""),
        (&["mobile", "1380013800"], 1, "mobile.format"),
        (&["landline", "0755-12345678", "--city", "深圳"], 0, ""),
        (
            &["landline", "010-12345678", "--city", "深圳市"],
            1,
            "landline.area_mismatch",
        ),
        (&["landline", "010-12345678", "--division", "110105"], 0, ""),
        (&["email", "a@example.com"], 0, ""),
        (&["email", "a@b"], 1, "email.format"),
        (&["domain", "例子.中国"], 0, ""),
        (&["domain", "www.example.com"], 1, "domain.subdomain"),
        (
            &["url", "www.example.com", "--domain", "example.com"],
            0,
            "",
        ),
        (
            &["url", "www.other.com:8080", "--domain", "example.com"],
            1,
            "homepage.port",
        ),
        (
            &[
                "website-name",
                "张三的博客",
                "--personal",
                "--province",
                "北京",
            ],
            1,
            "website.name.forbidden_word",
        ),
        (&["website-name", "示例科技官网", "--province", "粤"], 0, ""),
        (
            &["icp-number", "京ICP备16020626号-8", "--province", "北京市"],
            0,
            "",
        ),
        (
            &["icp-number", "京ICP备16020626号", "--province", "44"],
            1,
            "icp_number.province",
        ),
    ];
    for (args, code, expected) in cases {
        let (status, text) = validate(args);
        assert_eq!(status, Some(*code), "{args:?}: {text}");
        assert!(text.contains(expected), "{args:?}: {text}");
    }
}

/// An 18-character resident ID number written in Arabic-Indic digits.
const ARABIC_INDIC_ID: &str = "١١٠١٠٥١٩٤٩١٢٣١٠٠٢X";

#[test]
fn validate_refuses_a_number_in_arabic_indic_digits_without_panicking() {
    let out = beian()
        .args(["--lang", "en", "validate", "resident-id", ARABIC_INDIC_ID])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stdout.contains("ric.charset"), "{stdout}");
}

#[test]
fn check_reports_certificate_numbers_in_arabic_indic_digits_without_panicking() {
    let dir = tempfile::tempdir().unwrap();
    // A personal filing's responsible person is the applicant, whose number is the
    // filing's; a unit's is checked on its own.
    for (kind, fields) in [
        (
            beian::model::FilingKind::Personal,
            &["filing.cert_number"][..],
        ),
        (
            beian::model::FilingKind::Unit,
            &["filing.cert_number", "subject.responsible.cert_number"][..],
        ),
    ] {
        let mut draft = beian::store::samples::sample(kind).unwrap();
        let path = dir.path().join(format!("{}.ron", kind.key()));
        common::attach_test_documents(&mut draft, &path);
        draft.filing.cert_number = ARABIC_INDIC_ID.into();
        draft.subject.responsible.cert_number = ARABIC_INDIC_ID.into();
        for website in &mut draft.websites {
            website.responsible.cert_number = ARABIC_INDIC_ID.into();
        }
        beian::store::draft_io::save_draft(
            &beian::store::sealed::Library::of_file(&path),
            &draft,
            &path,
        )
        .unwrap();

        let out = check_in_english(&path);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{kind:?}: {stdout}{stderr}");
        assert!(!stderr.contains("panicked"), "{kind:?}: {stderr}");
        for field in fields {
            assert!(
                stdout.contains(&format!("[error] {field}: ")),
                "{kind:?}: {field} in {stdout}"
            );
        }
    }
}

#[test]
fn validate_json_and_usage_errors() {
    let out = beian()
        .args([
            "validate",
            "resident-id",
            "360426199101010072",
            "--json",
            "--lang",
            "en",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["format"], "beian.validate/1");
    assert_eq!(json["ok"], false);
    assert_eq!(json["findings"][0]["code"], "ric.checksum");
    assert!(
        json["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("the first 17 digits give 1")
    );
    assert_eq!(
        validate(&["url", "www.example.com"]).0,
        Some(2),
        "url needs --domain"
    );
    assert_eq!(
        validate(&["landline", "010-12345678", "--city", "不存在"]).0,
        Some(2)
    );
    assert_eq!(validate(&["passport", "E1234"]).0, Some(2), "unknown kind");
}

#[test]
fn precheck_reports_each_image_and_exits_by_the_worst() {
    let faces = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples/faces");
    let out = beian()
        .args(["precheck", "--json"])
        .arg(faces.join("good.jpg"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["format"], "beian.precheck/1");
    assert_eq!(json["images"][0]["passed"], true);
    assert!(
        json["images"][0]["report"]["checks"]
            .as_array()
            .unwrap()
            .len()
            >= 15
    );
    let out = beian()
        .args(["--lang", "en", "precheck"])
        .arg(faces.join("good.jpg"))
        .arg(faces.join("blurred.jpg"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("blurred.jpg: fail"));
    let not_image = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/documents/text-named.jpg");
    let out = beian().arg("precheck").arg(not_image).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// A sample draft whose warnings are acknowledged, ready to export.
fn write_ready_sample(dir: &std::path::Path) -> std::path::PathBuf {
    let path = write_sample(dir, beian::model::FilingKind::Personal);
    let mut draft =
        beian::store::draft_io::load_draft(&beian::store::sealed::Library::of_file(&path), &path)
            .unwrap();
    let report = beian::rules::validate(&draft);
    for issue in &report.issues {
        if issue.severity == beian::rules::Severity::Warning {
            draft
                .review
                .acknowledged_warnings
                .push(issue.acknowledgement());
        }
    }
    beian::store::draft_io::save_draft(
        &beian::store::sealed::Library::of_file(&path),
        &draft,
        &path,
    )
    .unwrap();
    path
}

#[test]
fn export_verify_countersign_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let draft = write_ready_sample(dir.path());
    let bundle = dir.path().join("out.zip");

    // No password and no terminal: a clear message, exit 2, nothing written.
    let out = beian()
        .args(["--lang", "en", "export"])
        .arg(&draft)
        .arg("-o")
        .arg(&bundle)
        .arg("--data-dir")
        .arg(&data)
        .env_remove("BEIAN_KEY_PASSWORD")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("BEIAN_KEY_PASSWORD"));
    assert!(!bundle.exists());

    let out = beian()
        .args(["--lang", "en", "export"])
        .arg(&draft)
        .arg("-o")
        .arg(&bundle)
        .arg("--data-dir")
        .arg(&data)
        .env("BEIAN_KEY_PASSWORD", "applicant password")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("SHA-256: "), "{text}");
    assert!(data.join("keys").join("applicant.key").is_file());

    // A wrong password for the key now present: exit 2.
    let out = beian()
        .args(["--lang", "en", "export"])
        .arg(&draft)
        .arg("-o")
        .arg(dir.path().join("again.zip"))
        .arg("--data-dir")
        .arg(&data)
        .env("BEIAN_KEY_PASSWORD", "wrong password")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Wrong password"));

    let verify = |extra: &[&std::ffi::OsStr]| {
        beian()
            .args(["--lang", "en", "verify"])
            .arg(&bundle)
            .arg("--data-dir")
            .arg(&data)
            .args(extra)
            .output()
            .unwrap()
    };
    let out = verify(&[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("√ Every file matches its hash"), "{text}");
    let out = verify(&["--json".as_ref()]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["format"], "beian.verify/1");
    assert_eq!(json["ok"], true);
    assert_eq!(json["signatures"][0]["role"], "applicant");

    // A trusted-keys list that does not hold the applicant: exit 1; a missing list: 2.
    let staff_key = dir.path().join("staff.key");
    let out = beian()
        .args(["--lang", "en", "keygen"])
        .arg(&staff_key)
        .args(["--name", "李工"])
        .env("BEIAN_KEY_PASSWORD", "staff password")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let snippet = String::from_utf8_lossy(&out.stdout).into_owned();
    let entry = &snippet[snippet.find("\n(").unwrap() + 1..];
    let trusted = dir.path().join("trusted-keys.ron");
    std::fs::write(&trusted, format!("(keys: [{entry}])")).unwrap();
    let out = verify(&["--trusted-keys".as_ref(), trusted.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("No key on the trusted list"));
    let out = verify(&[
        "--trusted-keys".as_ref(),
        dir.path().join("none.ron").as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));

    // The staff member countersigns; now a trusted key has signed.
    let out = beian()
        .args(["--lang", "en", "countersign"])
        .arg(&bundle)
        .arg("--key")
        .arg(&staff_key)
        .arg("--data-dir")
        .arg(&data)
        .env("BEIAN_KEY_PASSWORD", "staff password")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = verify(&["--trusted-keys".as_ref(), trusted.as_os_str()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("trusted: 李工"), "{text}");

    // A truncated bundle: exit 1 with the reason.
    let bytes = std::fs::read(&bundle).unwrap();
    let cut = dir.path().join("cut.zip");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let out = beian()
        .args(["--lang", "en", "verify"])
        .arg(&cut)
        .arg("--data-dir")
        .arg(&data)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("not a complete zip"));
}

#[test]
fn export_refuses_a_draft_with_errors() {
    let dir = tempfile::tempdir().unwrap();
    let draft = beian::model::Draft::new(beian::model::FilingKind::Personal, chrono::Utc::now());
    let path = dir.path().join("empty.ron");
    beian::store::draft_io::save_draft(
        &beian::store::sealed::Library::of_file(&path),
        &draft,
        &path,
    )
    .unwrap();
    let out = beian()
        .args(["--lang", "en", "export"])
        .arg(&path)
        .arg("--data-dir")
        .arg(dir.path())
        .env("BEIAN_KEY_PASSWORD", "whatever password")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot be exported yet"));
    assert!(
        !dir.path().join("keys").exists(),
        "no key is made for a draft that is not ready"
    );
}
