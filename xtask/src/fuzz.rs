//! `cargo xtask fuzz [TARGET] [--time S] [--runs N] [--asan]`: the coverage-guided fuzz
//! targets in `fuzz/` (cargo fuzz, libFuzzer, nightly), each seeded from the test files, at
//! the lowest priority (the machine keeps building), in their own target folder (fuzz
//! builds use other compiler flags than the shared one). Without TARGET, every target in
//! turn, one process each, until a million executions (`--runs N`, 0 for no limit) or 20
//! minutes (`--time S`) have passed, whichever comes first.
//!
//! No sanitizer unless `--asan` is given: the crate and its code deny `unsafe`, so
//! AddressSanitizer finds little that a panic or libFuzzer's own limits (timeout, memory)
//! would not, and instrumenting the whole dependency tree with it made a build take hours
//! on a small machine (the matrix code of the OCR runtime alone took over 25 minutes).
//! Corpora grow in `fuzz/corpus/TARGET`, crashing inputs land in `fuzz/artifacts/TARGET`;
//! each one found becomes a case of `crates/beian-core/tests/core/fuzz_regressions.rs`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::assets::repository_root;

/// A fuzz target: its name, where its seeds come from, and its longest input.
struct Target {
    name: &'static str,
    seeds: &'static [&'static str],
    max_len: u32,
}

const TARGETS: &[Target] = &[
    Target {
        name: "draft_load",
        seeds: &["assets/samples", "tests/data", "tests/data/fuzz/draft_load"],
        max_len: 64 * 1024,
    },
    Target {
        name: "validate",
        seeds: &["assets/samples", "tests/data", "tests/data/fuzz/validate"],
        max_len: 16 * 1024,
    },
    Target {
        name: "bundle_verify",
        seeds: &["fuzz/seeds/bundle_verify", "tests/data/fuzz/bundle_verify"],
        max_len: 64 * 1024,
    },
    Target {
        name: "document_intake",
        seeds: &["tests/data/documents", "tests/data/fuzz/document_intake"],
        max_len: 256 * 1024,
    },
    Target {
        name: "face_precheck",
        seeds: &[
            "assets/samples/faces",
            "tests/data/faces",
            "tests/data/fuzz/face_precheck",
        ],
        max_len: 96 * 1024,
    },
    Target {
        name: "package_read",
        seeds: &["tests/data/apps", "tests/data/fuzz/package_read"],
        max_len: 64 * 1024,
    },
    Target {
        name: "paper_read",
        seeds: &["fuzz/seeds/paper_read", "tests/data/fuzz/paper_read"],
        max_len: 256 * 1024,
    },
];

/// Where fuzz builds go: `$BEIAN_FUZZ_TARGET_DIR`, else `~/.cache/beian/fuzz-target`.
fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("BEIAN_FUZZ_TARGET_DIR") {
        return dir.into();
    }
    let home = std::env::var_os("HOME").map_or_else(|| ".".into(), PathBuf::from);
    home.join(".cache").join("beian").join("fuzz-target")
}

/// Copies the seed files (regular files directly in each seed folder) into the corpus.
fn seed(root: &Path, target: &Target, corpus: &Path) -> Result<usize, String> {
    std::fs::create_dir_all(corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    let mut copied = 0;
    for folder in target.seeds {
        let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let from = entry.path();
            let is_seed = entry.file_type().is_ok_and(|t| t.is_file())
                && !from.ends_with("SHA256SUMS")
                && !from.extension().is_some_and(|x| x == "md" || x == "json");
            if !is_seed {
                continue;
            }
            let to = corpus.join(format!(
                "seed-{}",
                entry.file_name().to_string_lossy().replace(' ', "_")
            ));
            if !to.exists() {
                std::fs::copy(&from, &to).map_err(|e| format!("{}: {e}", from.display()))?;
                copied += 1;
            }
        }
    }
    Ok(copied)
}

pub fn run(args: &[String]) -> Result<(), String> {
    let mut wanted: Option<&str> = None;
    let mut time: u64 = 20 * 60;
    // The bar: a million executions or 20 minutes, whichever comes first.
    let mut runs: u64 = 1_000_000;
    let mut sanitizer = "none";
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut number = |what: &str| -> Result<u64, String> {
            rest.next()
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| format!("{what} needs a number"))
        };
        match arg.as_str() {
            "--time" => time = number("--time")?,
            "--runs" => runs = number("--runs")?,
            "--asan" => sanitizer = "address",
            name if !name.starts_with('-') && wanted.is_none() => wanted = Some(name),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let targets: Vec<&Target> = match wanted {
        None => TARGETS.iter().collect(),
        Some(name) => vec![TARGETS.iter().find(|t| t.name == name).ok_or_else(|| {
            let names: Vec<&str> = TARGETS.iter().map(|t| t.name).collect();
            format!("no fuzz target {name} (there are {})", names.join(", "))
        })?],
    };
    let root = repository_root();
    let fuzz = root.join("fuzz");
    for target in targets {
        let corpus = fuzz.join("corpus").join(target.name);
        let copied = seed(&root, target, &corpus)?;
        eprintln!("xtask: fuzzing {} ({copied} new seeds)", target.name);
        // Lowest priority where `nice` exists: other builds on the machine come first.
        let mut command = if Path::new("/usr/bin/nice").exists() {
            let mut c = Command::new("/usr/bin/nice");
            c.args(["-n", "19", "cargo"]);
            c
        } else {
            Command::new("cargo")
        };
        command
            .current_dir(&fuzz)
            .args([
                "+nightly",
                "fuzz",
                "run",
                "--sanitizer",
                sanitizer,
                "--debug-assertions",
                "--target-dir",
            ])
            .arg(target_dir())
            .arg(target.name)
            .arg(&corpus)
            .arg("--")
            .arg(format!("-max_len={}", target.max_len))
            .arg(format!("-max_total_time={time}"))
            .args(["-rss_limit_mb=4096", "-timeout=60", "-print_final_stats=1"])
            // The toolchain comes from `+nightly`, not from the outer cargo.
            .env_remove("CARGO")
            .env_remove("RUSTUP_TOOLCHAIN");
        // `--runs 0`: no limit on executions, only the time.
        if runs > 0 {
            command.arg(format!("-runs={runs}"));
        }
        crate::run(&mut command)?;
    }
    Ok(())
}
