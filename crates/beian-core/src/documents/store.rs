//! The attachment store of a draft: files named by the SHA-256 of their content, in a
//! folder beside the draft, readable by the owner only. Putting the same content twice
//! stores it once; nothing is lost if the original file is moved later.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::store::draft_io;
use crate::store::sealed::Library;

/// The SHA-256 of some bytes, as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Lower-case hex of a digest (the one place that writes one).
pub fn hex(bytes: &[u8]) -> String {
    let digit = |d: u8| char::from_digit(u32::from(d), 16).unwrap_or('0');
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(digit(b >> 4));
        s.push(digit(b & 0x0f));
    }
    s
}

/// A draft's attachment store.
#[derive(Clone, Debug)]
pub struct Store {
    dir: PathBuf,
    library: Library,
}

/// Whether a string is a SHA-256 in hex (so it is safe as a file name).
fn is_hash(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

impl Store {
    /// The store of the draft of `library` saved at `draft_path`.
    pub fn for_draft(library: &Library, draft_path: &Path) -> Store {
        Store {
            dir: draft_io::attachment_dir(draft_path),
            library: library.clone(),
        }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the content with this hash lives.
    pub fn path(&self, sha256: &str) -> Option<PathBuf> {
        is_hash(sha256).then(|| self.dir.join(sha256))
    }

    /// Stores bytes and returns their hash.
    pub fn put(&self, bytes: &[u8]) -> std::io::Result<String> {
        let sha = sha256_hex(bytes);
        let path = self.dir.join(&sha);
        if !path.exists() {
            self.library.write(&path, bytes)?;
        }
        Ok(sha)
    }

    /// Reads the content with this hash, checking that it still has that hash.
    pub fn get(&self, sha256: &str) -> std::io::Result<Vec<u8>> {
        let path = self.path(sha256).ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a content hash")
        })?;
        let bytes = self.library.read(&path)?;
        if sha256_hex(&bytes) != sha256 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "the stored file changed on disk",
            ));
        }
        Ok(bytes)
    }

    /// Whether the content with this hash is present.
    pub fn contains(&self, sha256: &str) -> bool {
        self.path(sha256).is_some_and(|p| p.exists())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_is_stored_once_under_its_hash() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::for_draft(
            &crate::store::sealed::Library::of_file(&dir.path().join("d.ron")),
            &dir.path().join("d.ron"),
        );
        let a = store.put(b"hello").unwrap();
        assert_eq!(
            a,
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
        );
        assert_eq!(store.put(b"hello").unwrap(), a);
        assert_eq!(store.get(&a).unwrap(), b"hello");
        assert!(store.dir().ends_with("d.files"));
        assert!(store.get("../../etc/passwd").is_err());
        std::fs::write(store.path(&a).unwrap(), b"changed").unwrap();
        assert_eq!(
            store.get(&a).unwrap_err().kind(),
            std::io::ErrorKind::InvalidData
        );
    }
}
