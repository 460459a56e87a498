//! The folders of `src/` import only downwards: the core (`model`, `documents`, `vision`,
//! `rules`, `bundle`) never reaches the screens, services or egui, and no two folders
//! import each other.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::Path;

/// Each folder and the folders it may use, lowest first.
const LAYERS: &[(&str, &[&str])] = &[
    ("model", &[]),
    ("documents", &["model"]),
    ("vision", &["model"]),
    ("rules", &["model", "documents"]),
    ("bundle", &["model", "documents", "rules"]),
    ("camera", &["model", "documents", "vision"]),
    (
        "services",
        &["model", "documents", "vision", "rules", "bundle", "camera"],
    ),
    ("widgets", &["model", "rules"]),
    (
        "steps",
        &[
            "model",
            "documents",
            "vision",
            "rules",
            "bundle",
            "camera",
            "services",
            "widgets",
        ],
    ),
];

const FOLDERS: &[&str] = &[
    "model",
    "documents",
    "vision",
    "rules",
    "bundle",
    "camera",
    "services",
    "widgets",
    "steps",
    "app",
    "cli",
];

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
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    for (folder, allowed) in LAYERS {
        let mut used = BTreeSet::new();
        used_folders(&src.join(folder), &mut used);
        for u in used {
            if u != *folder && !allowed.contains(&u.as_str()) {
                wrong.push(format!("{folder} uses {u}"));
            }
        }
    }
    assert!(wrong.is_empty(), "upward or sideways imports: {wrong:?}");
}

#[test]
fn the_core_does_not_use_egui() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for folder in ["model", "rules", "documents", "vision", "bundle"] {
        for_each_file(&src.join(folder), &mut |path, text| {
            assert!(
                !text.contains("egui::") && !text.contains("use egui"),
                "{} uses egui",
                path.display()
            );
        });
    }
}
