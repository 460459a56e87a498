//! "Print today's overview" from the start screen: the same page as `beian list --html`
//! (`html::overview`), written on a worker to a file the user chose, then opened in the
//! system browser through a `file://` address.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::error::JobError;

/// The file name the save dialog suggests: `beian-overview-YYYY-MM-DD.html`.
pub fn suggested_name(today: chrono::NaiveDate) -> String {
    format!("beian-overview-{}.html", today.format("%Y-%m-%d"))
}

/// Writes the overview of the filings in `library` as of `now`, in `locale` (the window's
/// language: a worker thread has none of its own), to `out`. Runs on a worker.
pub fn write(
    library: &crate::store::sealed::Library,
    out: &Path,
    now: chrono::NaiveDateTime,
    locale: crate::i18n::Locale,
) -> Result<PathBuf, JobError> {
    let listing = crate::library::index::refresh(library);
    let page = crate::html::overview::page_of_library(&listing.entries, now, locale);
    crate::store::draft_io::write_atomic(out, page.as_bytes())
        .map_err(|err| JobError::Write(Arc::new(err)))?;
    Ok(out.to_owned())
}

/// The `file://` address of `path` for a browser: made absolute, `\` as `/`, and every
/// byte other than letters, digits and `-._~/:` percent-encoded (spaces, Chinese names).
pub fn file_url(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let text = absolute.to_string_lossy().replace('\\', "/");
    let mut url = String::from("file://");
    if !text.starts_with('/') {
        // A Windows path such as C:/Users/… has no leading slash.
        url.push('/');
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/' | b':') {
            url.push(char::from(b));
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_addresses_are_encoded() {
        assert_eq!(
            file_url(Path::new("/tmp/每日 概览.html")),
            "file:///tmp/%E6%AF%8F%E6%97%A5%20%E6%A6%82%E8%A7%88.html"
        );
        assert_eq!(
            suggested_name(chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default()),
            "beian-overview-2026-12-01.html"
        );
    }
}
