//! No function of the window's code (`src/app/`, `src/steps/`) is longer than
//! [`LIMIT`] lines: a screen is drawn by small named parts, each readable on one page.
//! (Tests beside the code are not counted.)
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

/// The longest a function may be, from its `fn` line to its closing brace.
const LIMIT: usize = 80;

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

/// The line with its comments, string and character literals blanked, so that only the
/// code's own braces are counted.
fn code_of(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '/' if chars.peek() == Some(&'/') => break,
            '"' => in_string = true,
            // A character literal ('{', '\''), not a lifetime ('a).
            '\'' => {
                let rest: String = chars.clone().take(3).collect();
                if rest.starts_with('\\') {
                    chars.nth(2);
                } else if rest.chars().nth(1) == Some('\'') {
                    chars.nth(1);
                }
            }
            c => out.push(c),
        }
    }
    out
}

fn is_fn_line(line: &str) -> bool {
    let line = line.trim_start();
    let rest = line
        .strip_prefix("pub(crate) ")
        .or_else(|| line.strip_prefix("pub(super) "))
        .or_else(|| line.strip_prefix("pub "))
        .unwrap_or(line);
    rest.starts_with("fn ")
}

/// Each function's name, first line and length in lines.
fn functions(text: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        if !is_fn_line(lines[i]) {
            i += 1;
            continue;
        }
        let name: String = lines[i]
            .trim_start()
            .split("fn ")
            .nth(1)
            .unwrap_or_default()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let (mut depth, mut opened) = (0i32, false);
        let mut end = i;
        for (j, line) in lines.iter().enumerate().skip(i) {
            let code = code_of(line);
            for c in code.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            if !opened && code.trim_end().ends_with(';') {
                // A declaration without a body (in a trait).
                end = j;
                break;
            }
            if opened && depth == 0 {
                end = j;
                break;
            }
        }
        if opened {
            found.push((name, i + 1, end - i + 1));
        }
        i += 1;
    }
    found
}

#[test]
fn the_counter_sees_a_function_s_lines() {
    let text = "fn a() {\n    let s = \"{\";\n    let c = '}';\n    // }\n}\n\npub(super) fn b(x: &'static str) -> usize {\n    x.len()\n}\n";
    assert_eq!(
        functions(text),
        vec![("a".to_owned(), 1, 5), ("b".to_owned(), 7, 3)]
    );
}

#[test]
fn no_function_of_the_window_is_longer_than_the_limit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src/app"), &mut files);
    rust_files(&root.join("src/steps"), &mut files);
    let mut long = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (name, line, length) in functions(&text) {
            if length > LIMIT {
                let place = file.strip_prefix(root).unwrap().display().to_string();
                long.push(format!("{place}:{line} {name}: {length} lines"));
            }
        }
    }
    assert!(files.len() > 20, "{} files", files.len());
    assert!(long.is_empty(), "longer than {LIMIT} lines: {long:#?}");
}
