//! `beian forms`: the papers of a draft written as PDFs, with its exit codes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

fn beian(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_beian"))
        .env_remove("BEIAN_LANG")
        .env("RUST_LOG", "off")
        .args(args)
        .output()
        .unwrap()
}

fn unit_sample(dir: &Path) -> std::path::PathBuf {
    let draft = dir.join("unit.ron");
    let out = beian(&[
        "new".as_ref(),
        "--sample".as_ref(),
        "--kind".as_ref(),
        "unit".as_ref(),
        "-o".as_ref(),
        draft.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    draft
}

#[test]
fn the_papers_are_written_and_missing_values_named() {
    let dir = tempfile::tempdir().unwrap();
    let draft = unit_sample(dir.path());
    let folder = dir.path().join("papers");
    let out = beian(&[
        "--lang".as_ref(),
        "en".as_ref(),
        "forms".as_ref(),
        draft.as_os_str(),
        "-o".as_ref(),
        folder.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    // The sample's one paper, and the file with every paper to print in one go.
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 2, "{files:?}");
    let combined = folder.join(beian::forms::print_all::COMBINED_NAME);
    assert!(files.contains(&combined), "{files:?}");
    for file in &files {
        let pdf = std::fs::read(file).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(file).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "owner-only: {mode:o}");
        }
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Authorization letter"), "{stdout}");
    assert!(
        stdout.contains("Every paper (to print in one go)"),
        "{stdout}"
    );

    // Without the legal representative's name the letter cannot be printed: exit 1.
    let text = std::fs::read_to_string(&draft).unwrap();
    let legal_rep = text.find("legal_rep:").unwrap();
    let name_at = legal_rep + text[legal_rep..].find("name: \"").unwrap() + "name: \"".len();
    let end = name_at + text[name_at..].find('"').unwrap();
    let emptied = format!("{}{}", &text[..name_at], &text[end..]);
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, emptied).unwrap();
    let out = beian(&[
        "forms".as_ref(),
        broken.as_os_str(),
        "-o".as_ref(),
        dir.path().join("more").as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("法定代表人姓名"));

    // An unreadable draft: exit 2. A kind the draft does not need: nothing to print.
    let out = beian(&[
        "forms".as_ref(),
        dir.path().join("missing.ron").as_os_str(),
        "-o".as_ref(),
        folder.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let out = beian(&[
        "forms".as_ref(),
        draft.as_os_str(),
        "-o".as_ref(),
        folder.as_os_str(),
        "--kind".as_ref(),
        "js_notice".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("不需要"));
}

/// `beian inspect --as ITEM --draft DRAFT`: a returned paper's QR code compared with the
/// draft. The printed letter, not signed: found, matching, its signature places blank.
#[test]
fn inspect_compares_a_returned_paper_with_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let draft_path = unit_sample(dir.path());
    let library = beian::store::sealed::Library::of_file(&draft_path);
    let draft = beian::store::draft_io::load_draft(&library, &draft_path).unwrap();
    let paper = beian::rules::papers::papers(&draft)
        .into_iter()
        .find(|p| p.template == "authorization")
        .unwrap();
    let pdf = beian::forms::render(&draft, &paper).unwrap();
    let page = beian::documents::pdf::first_page(&pdf, 2000).unwrap();
    let scan = dir.path().join("scan.png");
    image::DynamicImage::ImageRgba8(page)
        .to_rgb8()
        .save(&scan)
        .unwrap();
    let item = paper.item.to_string();
    let out = beian(&[
        "inspect".as_ref(),
        "--as".as_ref(),
        item.as_ref(),
        "--draft".as_ref(),
        draft_path.as_os_str(),
        "--json".as_ref(),
        scan.as_os_str(),
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["files"][0]["paper"]["verdict"], "unsigned", "{json}");
    assert_eq!(out.status.code(), Some(1));
    let unsigned = json["files"][0]["paper"]["unsigned"].as_array().unwrap();
    assert_eq!(unsigned.len(), 2, "both signature places are blank: {json}");
}
