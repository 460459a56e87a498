//! ARCHITECTURE.md names every source file: each `.rs` file under `src/` and `crates/`
//! (the core's tests included) appears there by its path, so a new file comes with its
//! line, and a file that is gone takes its line with it.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}

#[test]
fn architecture_names_every_source_file() {
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    rust_files(&root().join("crates"), &mut files);
    assert!(files.len() > 150, "{} files", files.len());
    let missing: Vec<String> = files
        .iter()
        .map(|f| relative(f))
        .filter(|f| !text.contains(&format!("`{f}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md does not name: {missing:#?}"
    );
}

#[test]
fn architecture_names_no_file_that_is_gone() {
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let gone: Vec<&str> = text
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            (s.starts_with("src/") || s.starts_with("crates/"))
                && s.ends_with(".rs")
                && !root().join(s).exists()
        })
        .collect();
    assert!(
        gone.is_empty(),
        "ARCHITECTURE.md names files that are gone: {gone:?}"
    );
}
