//! The folders import only downwards. The core (`model`, `documents`, `vision`, `rules`,
//! `bundle`) is its own crate, `crates/beian-core`, which depends on no UI or camera crate
//! (the compiler keeps it from reaching the screens); inside it and in the app's `src/`,
//! no folder imports one above it and no two folders import each other.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::Path;

/// Each folder and the folders it may use, lowest first.
const LAYERS: &[(&str, &[&str])] = &[
    ("model", &[]),
    ("store", &["model"]),
    ("html", &["model"]),
    ("documents", &["model", "store"]),
    ("packages", &["model"]),
    ("vision", &["model"]),
    // The papers beian prints: below the rules, which say which papers a filing needs and
    // judge the photos of signed ones.
    ("forms", &["model", "store", "documents"]),
    (
        "rules",
        &["model", "store", "documents", "packages", "forms"],
    ),
    ("library", &["model", "store", "rules"]),
    (
        "bundle",
        &["model", "store", "html", "documents", "forms", "rules"],
    ),
    (
        "jobs",
        &[
            "model",
            "store",
            "html",
            "documents",
            "forms",
            "packages",
            "vision",
            "rules",
            "library",
            "bundle",
        ],
    ),
    ("camera", &["model", "documents", "vision", "jobs"]),
    (
        "services",
        &[
            "model",
            "store",
            "html",
            "documents",
            "forms",
            "vision",
            "rules",
            "library",
            "bundle",
            "packages",
            "jobs",
            "camera",
        ],
    ),
    ("widgets", &["model", "store", "rules"]),
    (
        "steps",
        &[
            "model",
            "store",
            "html",
            "documents",
            "forms",
            "vision",
            "rules",
            "library",
            "bundle",
            "packages",
            "jobs",
            "camera",
            "services",
            "widgets",
        ],
    ),
    // The command line is the core's: it runs no worker, camera or screen.
    (
        "cli",
        &[
            "model",
            "store",
            "html",
            "documents",
            "forms",
            "packages",
            "vision",
            "rules",
            "library",
            "bundle",
            "jobs",
        ],
    ),
];

const FOLDERS: &[&str] = &[
    "model",
    "forms",
    "store",
    "html",
    "library",
    "documents",
    "packages",
    "vision",
    "rules",
    "bundle",
    "jobs",
    "camera",
    "services",
    "widgets",
    "steps",
    "app",
    "cli",
];

/// Where a folder's sources are: the core's in `crates/beian-core/src`, the app's in `src`.
fn folder_dir(folder: &str) -> std::path::PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let core = root.join("crates/beian-core/src").join(folder);
    if core.is_dir() {
        core
    } else {
        root.join("src").join(folder)
    }
}

/// Calls `f` with the path and text of every file below `dir`.
fn for_each_file(dir: &Path, f: &mut impl FnMut(&Path, &str)) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            for_each_file(&path, f);
        } else {
            f(&path, &std::fs::read_to_string(&path).unwrap());
        }
    }
}

fn used_folders(dir: &Path, out: &mut BTreeSet<String>) {
    for_each_file(dir, &mut |_, text| {
        // A file's own tests may use any floor (the shipped samples, say).
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        for folder in FOLDERS {
            if text.contains(&format!("crate::{folder}::"))
                || text.contains(&format!("crate::{folder}}}"))
                || text.contains(&format!("crate::{folder};"))
                || text.contains(&format!("crate::{folder}, "))
            {
                out.insert((*folder).to_owned());
            }
        }
    });
}

#[test]
fn folders_import_only_downwards() {
    let mut wrong = Vec::new();
    for (folder, allowed) in LAYERS {
        let dir = folder_dir(folder);
        assert!(dir.is_dir(), "{} is missing", dir.display());
        let mut used = BTreeSet::new();
        used_folders(&dir, &mut used);
        for u in used {
            if u != *folder && !allowed.contains(&u.as_str()) {
                wrong.push(format!("{folder} uses {u}"));
            }
        }
    }
    assert!(wrong.is_empty(), "upward or sideways imports: {wrong:?}");
}

#[test]
fn the_core_is_its_own_crate_without_a_window_or_a_camera() {
    let manifest = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/beian-core/Cargo.toml"),
    )
    .unwrap();
    let dependencies = manifest
        .split("[dependencies]")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .unwrap_or_default();
    for ui in ["egui", "eframe", "nokhwa", "rfd", "egui_kittest"] {
        assert!(
            !dependencies.lines().any(|l| l.trim_start().starts_with(ui)),
            "the core depends on {ui}"
        );
    }
    for folder in [
        "model",
        "store",
        "html",
        "library",
        "rules",
        "documents",
        "vision",
        "bundle",
        "i18n",
    ] {
        assert!(
            !Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("src")
                .join(folder)
                .exists(),
            "{folder} is back in the app's src/"
        );
    }
}

#[test]
fn the_core_does_not_use_egui() {
    for folder in [
        "model",
        "store",
        "html",
        "library",
        "rules",
        "documents",
        "vision",
        "bundle",
    ] {
        for_each_file(&folder_dir(folder), &mut |path, text| {
            assert!(
                !text.contains("egui::") && !text.contains("use egui"),
                "{} uses egui",
                path.display()
            );
        });
    }
}
