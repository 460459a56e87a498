//! The `beian` command line, run as a user would.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers outside #[test] fns.

use std::process::Command;

fn beian() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_beian"));
    c.env_remove("BEIAN_LANG").env("RUST_LOG", "off");
    c
}

fn write_sample(dir: &std::path::Path, kind: beian::model::FilingKind) -> std::path::PathBuf {
    let draft = beian::steps::start::sample(kind).unwrap();
    let path = dir.join(format!("{}.ron", kind.key()));
    beian::model::draft_io::save_draft(&draft, &path).unwrap();
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
    let out = beian()
        .args(["check", "--lang", "en"])
        .arg(&path)
        .output()
        .unwrap();
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
fn check_lists_what_is_missing_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let mut draft = beian::steps::start::sample(beian::model::FilingKind::Personal).unwrap();
    draft.subject.responsible.mobile.clear();
    draft.filing.domain = "   ".into();
    let path = dir.path().join("d.ron");
    beian::model::draft_io::save_draft(&draft, &path).unwrap();

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
fn check_refuses_an_unreadable_draft_with_exit_2_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, b"(schema_version: 1, filing: (").unwrap();
    let out = beian()
        .args(["check", "--lang", "en"])
        .arg(&path)
        .output()
        .unwrap();
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
