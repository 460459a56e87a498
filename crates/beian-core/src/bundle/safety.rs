//! Names inside a received zip are untrusted: these checks keep every one of them inside
//! the bundle's folder on every operating system (no "zip slip").

/// Why an entry name is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsafeName {
    /// Not UTF-8, or holds control characters.
    Unreadable,
    /// Starts at the root (`/etc/passwd`, `C:\`, `\\server`).
    Absolute,
    /// Climbs out with `..`.
    ParentDir,
    /// Uses `\`, `:` or an empty or `.` component, which mean different things on
    /// different systems.
    Ambiguous,
}

/// Checks an entry's raw name; returns it as text when it is safe.
pub fn check_name(raw: &[u8]) -> Result<&str, UnsafeName> {
    let name = std::str::from_utf8(raw).map_err(|_| UnsafeName::Unreadable)?;
    if name.is_empty() || name.chars().any(char::is_control) {
        return Err(UnsafeName::Unreadable);
    }
    if name.starts_with('/') || name.starts_with('\\') {
        return Err(UnsafeName::Absolute);
    }
    if matches!(name.as_bytes(), [drive, b':', ..] if drive.is_ascii_alphabetic()) {
        return Err(UnsafeName::Absolute);
    }
    let trimmed = name.strip_suffix('/').unwrap_or(name);
    for part in trimmed.split(['/', '\\']) {
        if part == ".." {
            return Err(UnsafeName::ParentDir);
        }
    }
    if name.contains('\\') || name.contains(':') {
        return Err(UnsafeName::Ambiguous);
    }
    if trimmed.split('/').any(|p| p.is_empty() || p == ".") {
        return Err(UnsafeName::Ambiguous);
    }
    Ok(name)
}

/// A file name made safe for any zip tool and file system: ASCII letters, digits, `-`,
/// `_` and `.`, everything else replaced by `-`, never empty, at most 80 characters.
pub fn ascii_name(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
            c
        } else {
            '-'
        };
        if !(c == '-' && out.ends_with('-')) {
            out.push(c);
        }
    }
    let out = out.trim_matches(['-', '.']).to_owned();
    let out: String = out.chars().take(80).collect();
    if out.is_empty() {
        "file".to_owned()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_escapes_and_ambiguity() {
        assert_eq!(check_name(b"icp-1/data/a.jpg"), Ok("icp-1/data/a.jpg"));
        assert_eq!(check_name(b"icp-1/data/"), Ok("icp-1/data/"));
        assert_eq!(check_name(b"/etc/passwd"), Err(UnsafeName::Absolute));
        assert_eq!(check_name(b"C:/x"), Err(UnsafeName::Absolute));
        assert_eq!(check_name(b"\\\\server\\x"), Err(UnsafeName::Absolute));
        assert_eq!(check_name(b"icp-1/../../x"), Err(UnsafeName::ParentDir));
        assert_eq!(check_name(b"icp-1\\..\\x"), Err(UnsafeName::ParentDir));
        assert_eq!(check_name(b"icp-1/a\\b"), Err(UnsafeName::Ambiguous));
        assert_eq!(check_name(b"icp-1//a"), Err(UnsafeName::Ambiguous));
        assert_eq!(check_name(b"icp-1/./a"), Err(UnsafeName::Ambiguous));
        assert_eq!(check_name(b"a\nb"), Err(UnsafeName::Unreadable));
        assert_eq!(check_name(&[0xff, 0xfe]), Err(UnsafeName::Unreadable));
    }

    #[test]
    fn ascii_names() {
        assert_eq!(
            ascii_name("websites[0].responsible.id_front"),
            "websites-0-.responsible.id_front"
        );
        assert_eq!(ascii_name("营业执照.jpg"), "jpg");
        assert_eq!(ascii_name("…"), "file");
    }
}
