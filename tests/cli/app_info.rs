//! `beian app-info`: the 特征信息 of app packages from the command line, with its exit
//! codes, its JSON and both languages.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::{Command, Output};

fn apps(name: &str) -> PathBuf {
    [env!("CARGO_MANIFEST_DIR"), "tests/data/apps", name]
        .iter()
        .collect()
}

fn app_info(lang: &str, args: &[&str], files: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_beian"))
        .env_remove("BEIAN_LANG")
        .env("RUST_LOG", "off")
        .args(["--lang", lang, "app-info"])
        .args(args)
        .args(files.iter().map(|f| apps(f)))
        .output()
        .unwrap()
}

fn expected(name: &str, column: usize) -> String {
    let text = std::fs::read_to_string(apps("EXPECTED.tsv")).unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{name}\t")))
        .unwrap()
        .split('\t')
        .nth(column)
        .unwrap()
        .to_owned()
}

#[test]
fn packages_of_three_platforms_read_in_json() {
    let out = app_info(
        "en",
        &["--json"],
        &["v1v2v3.apk", "distribution.ipa", "release.cer"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["format"], "beian.app-info/1");
    assert_eq!(json["ok"], true);
    let files = json["files"].as_array().unwrap();
    let apk = &files[0];
    assert_eq!(apk["platform"], "android");
    assert_eq!(apk["package_name"], "com.example.beian");
    assert_eq!(apk["certificates"][0]["source"], "apk_v3");
    assert_eq!(
        apk["certificates"][0]["fingerprint"],
        expected("release", 0)
    );
    assert_eq!(apk["certificates"][0]["public_key"], expected("release", 2));
    let renderings: Vec<&str> = apk["certificates"][0]["public_key_renderings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[0].as_str().unwrap())
        .collect();
    assert_eq!(
        renderings,
        [
            "modulus_hex",
            "modulus_decimal",
            "pkcs1_hex",
            "spki_hex",
            "spki_base64"
        ]
    );
    let ipa = &files[1];
    assert_eq!(ipa["platform"], "ios");
    assert_eq!(ipa["certificates"][0]["fingerprint"], expected("dist", 1));
    let cer = &files[2];
    assert!(cer.get("platform").is_none());
    assert!(cer.get("package_name").is_none());
    assert_eq!(cer["certificates"][0]["md5"], expected("release", 0));
}

#[test]
fn a_debug_build_exits_1_and_says_why_in_both_languages() {
    let en = app_info("en", &[], &["debug.apk"]);
    assert_eq!(en.status.code(), Some(1));
    let text = String::from_utf8_lossy(&en.stdout);
    assert!(
        text.contains("debug certificate (CN=Android Debug)"),
        "{text}"
    );
    assert!(text.contains(&expected("debug", 0)), "{text}");
    let zh = app_info("zh-CN", &[], &["debug.apk"]);
    assert_eq!(zh.status.code(), Some(1));
    let text = String::from_utf8_lossy(&zh.stdout);
    assert!(text.contains("调试证书"), "{text}");
    assert!(text.contains("包名: com.example.beian"), "{text}");
}

#[test]
fn what_cannot_be_read_exits_2_with_a_plain_message() {
    let out = app_info("en", &[], &["no-manifest.apk", "v2-only.apk"]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("not an app package: it has no AndroidManifest.xml"),
        "{text}"
    );
    // The readable file is still read.
    assert!(text.contains(&expected("release", 0)), "{text}");
    assert!(!text.contains('⟦'), "{text}");
    let out = app_info("en", &["--json"], &["EXPECTED.tsv"]);
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["files"][0]["error"][0], "package.error.not_a_package");
}

fn beian(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_beian"))
        .env_remove("BEIAN_LANG")
        .env("RUST_LOG", "off")
        .env("BEIAN_KEY_PASSWORD", "applicant password")
        .args(args)
        .output()
        .unwrap()
}

/// `beian new --sample app`: a unit filing of one APP and no website, its package read
/// from the shipped APK, complete, exported and verified; the APP sample is no personal
/// filing.
#[test]
fn the_app_sample_is_made_checked_exported_and_verified() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let draft = dir.path().join("app.ron");
    let os = |s: &'static str| std::ffi::OsStr::new(s);
    let refused = beian(&[
        os("new"),
        os("--sample"),
        os("app"),
        os("--kind"),
        os("personal"),
        os("-o"),
        draft.as_os_str(),
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(!draft.exists());
    let made = beian(&[
        os("--lang"),
        os("en"),
        os("new"),
        os("--sample"),
        os("app"),
        os("-o"),
        draft.as_os_str(),
        os("--data-dir"),
        data.as_os_str(),
    ]);
    assert_eq!(made.status.code(), Some(0), "{made:?}");
    assert!(String::from_utf8_lossy(&made.stdout).contains("APP"));
    let check = beian(&[os("check"), draft.as_os_str(), os("--json")]);
    assert_eq!(check.status.code(), Some(0), "{check:?}");
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let keys: Vec<&str> = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["key"].as_str())
        .collect();
    assert!(keys.contains(&"apps[0].document.app_icon"), "{keys:?}");
    assert!(!keys.iter().any(|k| k.starts_with("websites")), "{keys:?}");
    let bundle = dir.path().join("app.zip");
    let export = beian(&[
        os("export"),
        draft.as_os_str(),
        os("-o"),
        bundle.as_os_str(),
        os("--data-dir"),
        data.as_os_str(),
    ]);
    assert_eq!(export.status.code(), Some(0), "{export:?}");
    let verify = beian(&[
        os("verify"),
        bundle.as_os_str(),
        os("--data-dir"),
        data.as_os_str(),
    ]);
    assert_eq!(verify.status.code(), Some(0), "{verify:?}");
}
