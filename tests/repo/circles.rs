//! No two source files import each other, directly or round a circle, except the one
//! natural circle listed in [`NATURAL`]: the filing draft holds its parts (declarations,
//! the tracking history and its usual times), and each part's functions read the whole
//! draft. A file's own tests and its comments are not counted.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The circles that are part of the design, each as its sorted modules.
const NATURAL: &[&[&str]] = &[&[
    "model::declarations",
    "model::draft",
    "model::review_times",
    "model::tracking",
]];

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

/// A file's module path in its crate (`model::draft`; `lib.rs` and `main.rs` are empty).
fn module_of(file: &Path, src: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    if parts == ["lib"] || parts == ["main"] {
        parts.clear();
    }
    parts
}

/// The paths a file's code names: `crate::a::b…` and `super::a…`, resolved to module
/// paths (still possibly ending in an item's name).
fn named_paths(text: &str, module: &[String], is_mod_file: bool) -> Vec<Vec<String>> {
    let code: String = text
        .split("#[cfg(test)]")
        .next()
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let ident = |s: &str| -> Vec<String> {
        let mut out = Vec::new();
        for seg in s.split("::") {
            let name: String = seg
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                .collect();
            let whole = name.len() == seg.len();
            if !name.is_empty() {
                out.push(name);
            }
            if !whole {
                break;
            }
        }
        out
    };
    let mut found = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let before = code.get(..i).and_then(|b| b.chars().last());
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        found.push(ident(code.get(i + 7..).unwrap_or_default()));
    }
    for (i, _) in code.match_indices("super::") {
        let before = code.get(..i).and_then(|b| b.chars().last());
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let mut rest = code.get(i + 7..).unwrap_or_default();
        let mut ups = 1;
        while let Some(r) = rest.strip_prefix("super::") {
            ups += 1;
            rest = r;
        }
        let mut base: Vec<String> = if is_mod_file {
            module.to_vec()
        } else {
            module
                .get(..module.len().saturating_sub(1))
                .unwrap_or_default()
                .to_vec()
        };
        base.truncate(base.len().saturating_sub(ups - 1));
        base.extend(ident(rest));
        found.push(base);
    }
    found
}

/// The module graph of one crate's `src`: which module's code names which other.
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let modules: BTreeMap<Vec<String>, PathBuf> = files
        .iter()
        .map(|f| (module_of(f, src), f.clone()))
        .collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, file) in &modules {
        let text = std::fs::read_to_string(file).unwrap();
        let is_mod_file = file.ends_with("mod.rs") || file.ends_with("lib.rs");
        for path in named_paths(&text, module, is_mod_file) {
            // The longest prefix that is a module, if it is another one (not a parent
            // folder, which `super::` of a child always names).
            let target = (1..=path.len())
                .rev()
                .map(|k| path.get(..k).unwrap_or_default().to_vec())
                .find(|p| modules.contains_key(p));
            if let Some(target) = target
                && &target != module
                && !module.starts_with(&target)
            {
                edges
                    .entry(module.join("::"))
                    .or_default()
                    .insert(target.join("::"));
            }
        }
    }
    edges
}

/// The circles of a graph (strongly connected parts of more than one module), sorted.
fn circles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let nodes: BTreeSet<&String> = edges.keys().chain(edges.values().flatten()).collect();
    let reach = |from: &String| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(n) = stack.pop() {
            for next in edges.get(&n).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        seen
    };
    let reached: BTreeMap<&String, BTreeSet<String>> =
        nodes.iter().map(|n| (*n, reach(n))).collect();
    let mut out: BTreeSet<Vec<String>> = BTreeSet::new();
    for n in &nodes {
        let mut part: Vec<String> = nodes
            .iter()
            .filter(|m| reached[*n].contains(**m) && reached[**m].contains(*n))
            .map(|m| (**m).clone())
            .collect();
        if part.len() > 1 {
            part.sort();
            out.insert(part);
        }
    }
    out.into_iter().collect()
}

#[test]
fn the_graph_sees_a_circle() {
    let mut edges = BTreeMap::new();
    edges.insert("a".to_owned(), BTreeSet::from(["b".to_owned()]));
    edges.insert(
        "b".to_owned(),
        BTreeSet::from(["a".to_owned(), "c".to_owned()]),
    );
    assert_eq!(circles(&edges), vec![vec!["a".to_owned(), "b".to_owned()]]);
    let module = vec!["rules".to_owned(), "ids".to_owned()];
    assert_eq!(
        named_paths(
            "use super::credit_codes::check;\n// super::text\n",
            &module,
            false
        ),
        vec![vec![
            "rules".to_owned(),
            "credit_codes".to_owned(),
            "check".to_owned()
        ]]
    );
}

#[test]
fn files_import_each_other_only_in_the_natural_circle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for src in [root.join("crates/beian-core/src"), root.join("src")] {
        found.extend(circles(&graph(&src)));
    }
    // The natural circle is seen, so the graph is not blind.
    assert!(
        found.iter().any(|c| c.iter().any(|m| m == "model::draft")),
        "the draft's circle was not found: {found:?}"
    );
    let unexpected: Vec<&Vec<String>> = found
        .iter()
        .filter(|c| {
            !NATURAL
                .iter()
                .any(|n| c.iter().map(String::as_str).eq(n.iter().copied()))
        })
        .collect();
    assert!(unexpected.is_empty(), "import circles: {unexpected:#?}");
}
