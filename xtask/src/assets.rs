//! `cargo xtask assets --check | --update`: the committed asset files against their
//! checksum list, `assets/SHA256SUMS`.
//!
//! The list covers every file under `assets/` (fonts, models, data tables, sample
//! drafts, documents and camera frames) except the translation tables, which change with
//! every screen and are checked by `tests/i18n.rs` instead, and under `tests/data/documents/` (the
//! generated test documents), by path from the repository root, in `sha256sum` format:
//! `sha256sum -c assets/SHA256SUMS` checks it too. `--check` reports every file that
//! differs from its checksum, is missing, or is not listed, and fails on any; `--update`
//! rewrites the list after a script (or a hand edit of a table) changed an asset.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The folders whose files are listed, from the repository root.
const ROOTS: &[&str] = &["assets", "tests/data/documents"];
/// Folders under [`ROOTS`] that are not listed: text edited with every change of a screen.
const UNLISTED: &[&str] = &["assets/i18n/"];
/// The list itself, from the repository root.
const LIST: &str = "assets/SHA256SUMS";

/// Runs the task.
pub fn run(args: &[String]) -> Result<(), String> {
    let root = repository_root();
    match args {
        [flag] if flag == "--check" => check(&root),
        [flag] if flag == "--update" => update(&root),
        _ => Err("usage: cargo xtask assets --check | --update".to_owned()),
    }
}

/// The checkout this runs in: the nearest folder up from the current one that holds
/// `xtask/Cargo.toml` (`cargo xtask` runs in the checkout). The build-time path is only
/// the fallback: a shared target folder may hold an xtask built in another checkout of
/// the same sources.
pub fn repository_root() -> PathBuf {
    let built_in = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fallback = built_in.parent().unwrap_or(built_in).to_path_buf();
    let Ok(here) = std::env::current_dir() else {
        return fallback;
    };
    here.ancestors()
        .find(|dir| dir.join("xtask").join("Cargo.toml").is_file())
        .map_or(fallback, Path::to_path_buf)
}

/// Every listed folder's files with their SHA-256, by path from the root with `/`.
fn files_on_disk(root: &Path) -> Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    for dir in ROOTS {
        walk(root, &root.join(dir), &mut out)?;
    }
    out.remove(LIST);
    out.retain(|path, _| !UNLISTED.iter().any(|dir| path.starts_with(dir)));
    Ok(out)
}

fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .path();
        if path.is_dir() {
            walk(root, &path, out)?;
        } else {
            let bytes =
                std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            out.insert(relative(root, &path), hex(&Sha256::digest(&bytes)));
        }
    }
    Ok(())
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The committed list: path → SHA-256.
fn read_list(root: &Path) -> Result<BTreeMap<String, String>, String> {
    let path = root.join(LIST);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        format!("cannot read {LIST} ({e}); `cargo xtask assets --update` writes it")
    })?;
    let mut out = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let Some((sum, name)) = line.split_once("  ") else {
            return Err(format!("{LIST} line {}: not `SHA256  PATH`", n + 1));
        };
        if sum.len() != 64 || !sum.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!("{LIST} line {}: not a SHA-256: {sum}", n + 1));
        }
        if out
            .insert(name.to_owned(), sum.to_ascii_lowercase())
            .is_some()
        {
            return Err(format!("{LIST} line {}: {name} is listed twice", n + 1));
        }
    }
    Ok(out)
}

fn check(root: &Path) -> Result<(), String> {
    let listed = read_list(root)?;
    let on_disk = files_on_disk(root)?;
    let mut problems = 0;
    for (name, sum) in &listed {
        match on_disk.get(name) {
            None => {
                eprintln!("MISSING   {name}");
                problems += 1;
            }
            Some(got) if got != sum => {
                eprintln!("MISMATCH  {name} (sha256 {got}, listed {sum})");
                problems += 1;
            }
            Some(_) => {}
        }
    }
    for name in on_disk.keys().filter(|n| !listed.contains_key(*n)) {
        eprintln!("UNLISTED  {name}");
        problems += 1;
    }
    if problems == 0 {
        eprintln!("xtask: {} asset files match {LIST}", listed.len());
        Ok(())
    } else {
        Err(format!(
            "{problems} asset file(s) differ from {LIST}: regenerate them with their script \
             (see README.md), or after a deliberate change run `cargo xtask assets --update`"
        ))
    }
}

fn update(root: &Path) -> Result<(), String> {
    let old = read_list(root).unwrap_or_default();
    let on_disk = files_on_disk(root)?;
    let mut text = String::new();
    for (name, sum) in &on_disk {
        text.push_str(&format!("{sum}  {name}\n"));
        match old.get(name) {
            None => eprintln!("added     {name}"),
            Some(was) if was != sum => eprintln!("changed   {name}"),
            Some(_) => {}
        }
    }
    for name in old.keys().filter(|n| !on_disk.contains_key(*n)) {
        eprintln!("removed   {name}");
    }
    std::fs::write(root.join(LIST), text).map_err(|e| format!("cannot write {LIST}: {e}"))?;
    eprintln!("xtask: wrote {LIST} ({} files)", on_disk.len());
    Ok(())
}
