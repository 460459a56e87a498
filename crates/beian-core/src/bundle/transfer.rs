//! The draft transfer file (`*.beiandraft`, 草稿转移文件): one zip that moves a whole filing
//! to another computer — the draft and every attachment it references — as opposed to the
//! signed bundle, which is for reviewers.
//!
//! ```text
//! 20261201-0a1b2c3d4e5f.beiandraft
//!     draft.ron          the draft (without the legacy 备案密码, which never leaves this computer)
//!     files/<sha256>     each attachment the draft references, named by its content hash
//!     manifest.json      format and version, created time, draft id, sha256 and size of each entry
//! ```
//!
//! A received file is untrusted: [`read`] refuses unsafe names, too many or too large
//! entries and entries that unpack to more than they declare (a zip bomb), checks every
//! entry against the manifest and every attachment against its name, and gives back
//! either the whole verified content or a typed error — never a part.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufWriter, Read as _, Write as _};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

use super::safety::check_name;
pub use super::transfer_error::TransferError;
use crate::documents::store::{Store, sha256_hex};
use crate::model::Draft;
use crate::store::draft_io::{self};

/// The file name extension of a transfer file (without the dot).
pub const EXTENSION: &str = crate::store::file_choice::TRANSFER_EXTENSION;
/// The `format` of the manifest.
pub const FORMAT: &str = "beian.draft-transfer";
/// The newest manifest version this beian writes and reads.
pub const VERSION: u32 = 1;
/// The manifest's entry name.
pub const MANIFEST: &str = "manifest.json";
/// The draft's entry name.
pub const DRAFT: &str = "draft.ron";
/// The folder of the attachments inside the file.
pub const FILES: &str = "files/";

/// At most this many entries (the draft, the manifest and the attachments).
pub const MAX_ENTRIES: usize = 2_000;
/// At most this many bytes in the manifest.
pub const MAX_MANIFEST_BYTES: u64 = 1 << 20;
/// At most this many bytes in one attachment.
pub const MAX_FILE_BYTES: u64 = 64 << 20;
/// At most this many bytes, uncompressed, in all.
pub const MAX_TOTAL_BYTES: u64 = 1 << 30;

/// The manifest of a transfer file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// The layout of the file; see [`VERSION`].
    pub version: u32,
    /// When the file was made.
    pub created_at: DateTime<Utc>,
    /// The draft's identifier.
    pub draft_id: String,
    /// Every other entry of the file.
    pub entries: Vec<ManifestEntry>,
}

/// One entry of [`Manifest::entries`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// Its name in the zip.
    pub name: String,
    /// The SHA-256 of its content (lower-case hex).
    pub sha256: String,
    /// Its size in bytes.
    pub size: u64,
}

/// What a transfer file holds, verified.
#[derive(Clone, Debug, PartialEq)]
pub struct Transfer {
    /// The manifest.
    pub manifest: Manifest,
    /// The draft.
    pub draft: Draft,
    /// The attachments, by content hash.
    pub files: BTreeMap<String, Vec<u8>>,
}

/// What [`write`] wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    /// The file.
    pub path: PathBuf,
    /// How many attachments it holds.
    pub attachments: usize,
    /// Its size in bytes.
    pub byte_len: u64,
}

/// Every content hash the draft references: its attachments, their normalised copies and
/// the face photos.
pub fn referenced_hashes(draft: &Draft) -> BTreeSet<String> {
    let attachments =
        draft.materials.attachments.iter().flat_map(|a| {
            std::iter::once(&a.sha256).chain(a.normalized.as_ref().map(|n| &n.sha256))
        });
    let photos = draft.materials.face_photos.iter().map(|p| &p.sha256);
    attachments
        .chain(photos)
        .filter(|s| !s.is_empty())
        .cloned()
        .collect()
}

/// Whether `id` can name a draft file in the library: 1 to 64 ASCII letters, digits, `-`
/// or `_` (what [`crate::model::draft::new_id`] makes), so it never leaves the folder.
pub fn is_safe_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The suggested file name of the transfer file of `draft`.
pub fn file_name(draft: &Draft) -> String {
    let stem = super::safety::ascii_name(&draft.id);
    format!("{stem}.{EXTENSION}")
}

fn options(compress: bool) -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(if compress {
            CompressionMethod::Deflated
        } else {
            CompressionMethod::Stored
        })
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o600)
}

/// Writes the transfer file of `draft`, with its attachments from `store`, to `out`
/// (beside it first, then renamed, so `out` is never half written).
pub fn write(
    draft: &Draft,
    store: &Store,
    out: &Path,
    now: DateTime<Utc>,
) -> Result<Written, TransferError> {
    let write_err = |source: std::io::Error| TransferError::Write {
        path: out.to_owned(),
        source,
    };
    let text = draft_io::draft_to_text(&draft.without_secrets()).map_err(TransferError::Source)?;
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".beian-transfer-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(write_err)?;
    let file = tmp.as_file().try_clone().map_err(write_err)?;
    let mut zip = zip::ZipWriter::new(BufWriter::new(file));
    let zip_err = |e: zip::result::ZipError| match e {
        zip::result::ZipError::Io(io) => write_err(io),
        other => write_err(std::io::Error::other(other)),
    };
    let mut entries = vec![ManifestEntry {
        name: DRAFT.to_owned(),
        sha256: sha256_hex(text.as_bytes()),
        size: text.len() as u64,
    }];
    zip.start_file(DRAFT, options(true)).map_err(zip_err)?;
    zip.write_all(text.as_bytes()).map_err(write_err)?;
    let hashes = referenced_hashes(draft);
    for sha256 in &hashes {
        let bytes = store
            .get(sha256)
            .map_err(|source| TransferError::MissingAttachment {
                sha256: sha256.clone(),
                source,
            })?;
        let name = format!("{FILES}{sha256}");
        zip.start_file(name.as_str(), options(false))
            .map_err(zip_err)?;
        zip.write_all(&bytes).map_err(write_err)?;
        entries.push(ManifestEntry {
            name,
            sha256: sha256.clone(),
            size: bytes.len() as u64,
        });
    }
    let manifest = Manifest {
        format: FORMAT.to_owned(),
        version: VERSION,
        created_at: now,
        draft_id: draft.id.clone(),
        entries,
    };
    let manifest_text = serde_json::to_vec_pretty(&manifest).map_err(|e| write_err(e.into()))?;
    zip.start_file(MANIFEST, options(true)).map_err(zip_err)?;
    zip.write_all(&manifest_text).map_err(write_err)?;
    zip.finish().map_err(zip_err)?.flush().map_err(write_err)?;
    tmp.as_file().sync_all().map_err(write_err)?;
    tmp.persist(out).map_err(|e| write_err(e.error))?;
    let byte_len = std::fs::metadata(out).map_err(write_err)?.len();
    Ok(Written {
        path: out.to_owned(),
        attachments: hashes.len(),
        byte_len,
    })
}

type Archive = zip::ZipArchive<std::fs::File>;

/// Reads one entry whole, refusing one that declares more than `max` bytes or unpacks to
/// more than it declares.
fn read_entry(archive: &mut Archive, name: &str, max: u64) -> Result<Vec<u8>, TransferError> {
    let entry = archive
        .by_name(name)
        .map_err(|_| TransferError::Missing(name.to_owned()))?;
    let declared = entry.size();
    if declared > max {
        return Err(TransferError::TooLarge);
    }
    let mut bytes = Vec::new();
    entry
        .take(declared.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|_| TransferError::Damaged(name.to_owned()))?;
    if bytes.len() as u64 != declared {
        return Err(TransferError::Damaged(name.to_owned()));
    }
    Ok(bytes)
}

/// Reads and verifies the transfer file at `path` (see the module documentation).
pub fn read(path: &Path) -> Result<Transfer, TransferError> {
    let file = std::fs::File::open(path).map_err(|source| TransferError::Open {
        path: path.to_owned(),
        source,
    })?;
    let mut archive =
        zip::ZipArchive::new(file).map_err(|e| TransferError::NotATransfer(e.to_string()))?;
    if archive.len() > MAX_ENTRIES {
        return Err(TransferError::TooLarge);
    }
    // Every name is checked before anything is read; a name seen twice is refused.
    let mut names = BTreeSet::new();
    for i in 0..archive.len() {
        let entry = archive
            .by_index_raw(i)
            .map_err(|e| TransferError::NotATransfer(e.to_string()))?;
        let raw = entry.name_raw().to_owned();
        let name = check_name(&raw)
            .map_err(|_| TransferError::UnsafeName(String::from_utf8_lossy(&raw).into_owned()))?
            .to_owned();
        if !names.insert(name.clone()) {
            return Err(TransferError::Unlisted(name));
        }
    }
    if !names.contains(MANIFEST) {
        return Err(TransferError::NotATransfer(MANIFEST.to_owned()));
    }
    let manifest_bytes = read_entry(&mut archive, MANIFEST, MAX_MANIFEST_BYTES)?;
    let manifest: Manifest = serde_json::from_slice(&manifest_bytes)
        .map_err(|e| TransferError::NotATransfer(e.to_string()))?;
    if manifest.format != FORMAT {
        return Err(TransferError::NotATransfer(manifest.format));
    }
    if manifest.version > VERSION {
        return Err(TransferError::TooNew {
            found: manifest.version,
            supported: VERSION,
        });
    }
    if !is_safe_id(&manifest.draft_id) {
        return Err(TransferError::UnsafeId(manifest.draft_id));
    }
    let listed: BTreeMap<&str, &ManifestEntry> = manifest
        .entries
        .iter()
        .map(|e| (e.name.as_str(), e))
        .collect();
    if listed.len() != manifest.entries.len() {
        return Err(TransferError::NotATransfer(MANIFEST.to_owned()));
    }
    for name in &names {
        if name != MANIFEST && !listed.contains_key(name.as_str()) {
            return Err(TransferError::Unlisted(name.clone()));
        }
    }
    let total: u64 = manifest.entries.iter().map(|e| e.size).sum();
    if total > MAX_TOTAL_BYTES {
        return Err(TransferError::TooLarge);
    }
    let mut draft_text = None;
    let mut files = BTreeMap::new();
    for entry in &manifest.entries {
        let max = if entry.name == DRAFT {
            draft_io::MAX_DRAFT_BYTES
        } else if let Some(sha) = entry.name.strip_prefix(FILES) {
            // An attachment is named by its own hash.
            if sha != entry.sha256 {
                return Err(TransferError::Changed(entry.name.clone()));
            }
            MAX_FILE_BYTES
        } else {
            return Err(TransferError::Unlisted(entry.name.clone()));
        };
        if !names.contains(&entry.name) {
            return Err(TransferError::Missing(entry.name.clone()));
        }
        let bytes = read_entry(&mut archive, &entry.name, max)?;
        if bytes.len() as u64 != entry.size || sha256_hex(&bytes) != entry.sha256 {
            return Err(TransferError::Changed(entry.name.clone()));
        }
        if entry.name == DRAFT {
            draft_text = Some(bytes);
        } else {
            files.insert(entry.sha256.clone(), bytes);
        }
    }
    let draft_text = draft_text.ok_or_else(|| TransferError::Missing(DRAFT.to_owned()))?;
    let text =
        String::from_utf8(draft_text).map_err(|_| TransferError::Changed(DRAFT.to_owned()))?;
    let draft = draft_io::parse_draft(&text, Path::new(DRAFT)).map_err(TransferError::BadDraft)?;
    if draft.id != manifest.draft_id {
        return Err(TransferError::Changed(DRAFT.to_owned()));
    }
    if let Some(absent) = referenced_hashes(&draft)
        .into_iter()
        .find(|sha| !files.contains_key(sha))
    {
        return Err(TransferError::Missing(format!("{FILES}{absent}")));
    }
    Ok(Transfer {
        manifest,
        draft,
        files,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn draft_with_files(dir: &Path) -> (Draft, Store) {
        let mut draft = crate::store::samples::sample(crate::model::FilingKind::Personal).unwrap();
        draft.id = "20261201-abcdef012345".into();
        let store = Store::for_draft(
            &crate::store::sealed::Library::of_file(&dir.join(format!("{}.ron", draft.id))),
            &dir.join(format!("{}.ron", draft.id)),
        );
        let a = store.put(b"licence scan").unwrap();
        let b = store.put(b"licence scan, upright").unwrap();
        let c = store.put(b"face photo").unwrap();
        use crate::model::{DocKind, Field, FieldKey, Scope};
        draft.materials.attachments = vec![crate::model::draft::Attachment {
            item: FieldKey::new(Scope::Subject, Field::Document(DocKind::IdFront)),
            sha256: a,
            original_name: "id.jpg".into(),
            measures: Default::default(),
            normalized: Some(crate::model::draft::NormalizedCopy {
                sha256: b,
                measures: Default::default(),
            }),
            added_at: None,
            paper: None,
        }];
        draft.materials.face_photos = vec![crate::model::draft::FacePhoto {
            person: "subject".into(),
            sha256: c,
            ..Default::default()
        }];
        (draft, store)
    }

    #[test]
    fn a_written_file_reads_back_whole() {
        let dir = tempfile::tempdir().unwrap();
        let (draft, store) = draft_with_files(dir.path());
        let out = dir.path().join("x.beiandraft");
        let written = write(&draft, &store, &out, Utc::now()).unwrap();
        assert_eq!(written.attachments, 3);
        let read_back = read(&out).unwrap();
        assert_eq!(read_back.draft, draft.without_secrets());
        for sha in referenced_hashes(&draft) {
            assert_eq!(read_back.files[&sha], store.get(&sha).unwrap());
        }
    }

    #[test]
    fn ids_that_could_leave_the_library_are_refused() {
        assert!(is_safe_id("20261201-abcdef012345"));
        assert!(!is_safe_id("../evil"));
        assert!(!is_safe_id(""));
        assert!(!is_safe_id("a/b"));
        assert!(!is_safe_id(&"a".repeat(65)));
    }

    /// Rewrites the zip at `path` with `change` applied to each (name, bytes).
    fn rewrite(path: &Path, change: impl Fn(&str, Vec<u8>) -> Option<(String, Vec<u8>)>) {
        let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
        let mut entries = Vec::new();
        for i in 0..archive.len() {
            let mut e = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            e.read_to_end(&mut bytes).unwrap();
            entries.push((e.name().unwrap().to_string(), bytes));
        }
        let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
        for (name, bytes) in entries {
            if let Some((name, bytes)) = change(&name, bytes) {
                zip.start_file(name, options(false)).unwrap();
                zip.write_all(&bytes).unwrap();
            }
        }
        zip.finish().unwrap();
    }

    #[test]
    fn a_changed_missing_extra_or_unsafe_entry_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (draft, store) = draft_with_files(dir.path());
        let out = dir.path().join("x.beiandraft");
        type Change = fn(&str, Vec<u8>) -> Option<(String, Vec<u8>)>;
        let cases: [(Change, &str); 4] = [
            (
                |n, mut b| {
                    if n.starts_with(FILES) {
                        b[0] ^= 1;
                    }
                    Some((n.to_owned(), b))
                },
                "transfer.error.changed",
            ),
            (
                |n, b| (!n.starts_with(FILES)).then(|| (n.to_owned(), b)),
                "transfer.error.missing",
            ),
            (
                |n, b| {
                    let n = if n == DRAFT { "extra.txt" } else { n };
                    Some((n.to_owned(), b))
                },
                "transfer.error.unlisted",
            ),
            (
                |n, b| {
                    let n = if n == DRAFT { "../draft.ron" } else { n };
                    Some((n.to_owned(), b))
                },
                "transfer.error.unsafe_name",
            ),
        ];
        for (change, key) in cases {
            write(&draft, &store, &out, Utc::now()).unwrap();
            rewrite(&out, change);
            let err = read(&out).unwrap_err();
            assert_eq!(err.message_key(), key, "{err}");
        }
    }

    #[test]
    fn a_truncated_file_or_another_zip_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (draft, store) = draft_with_files(dir.path());
        let out = dir.path().join("x.beiandraft");
        write(&draft, &store, &out, Utc::now()).unwrap();
        let bytes = std::fs::read(&out).unwrap();
        std::fs::write(&out, &bytes[..bytes.len() / 2]).unwrap();
        assert_eq!(
            read(&out).unwrap_err().message_key(),
            "transfer.error.not_a_transfer"
        );
        let other = dir.path().join("other.zip");
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&other).unwrap());
        zip.start_file("readme.txt", options(true)).unwrap();
        zip.write_all(b"hello").unwrap();
        zip.finish().unwrap();
        assert_eq!(
            read(&other).unwrap_err().message_key(),
            "transfer.error.not_a_transfer"
        );
        assert_eq!(
            read(&dir.path().join("absent")).unwrap_err().message_key(),
            "transfer.error.open"
        );
    }

    #[test]
    fn a_manifest_promising_more_than_the_limits_is_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let (draft, store) = draft_with_files(dir.path());
        let out = dir.path().join("x.beiandraft");
        write(&draft, &store, &out, Utc::now()).unwrap();
        // A manifest that promises a huge attachment is refused before it is read.
        let sha = referenced_hashes(&draft).into_iter().next().unwrap();
        rewrite(&out, |n, b| {
            if n == MANIFEST {
                let mut m: Manifest = serde_json::from_slice(&b).unwrap();
                for e in &mut m.entries {
                    if e.sha256 == sha {
                        e.size = MAX_TOTAL_BYTES + 1;
                    }
                }
                return Some((n.to_owned(), serde_json::to_vec(&m).unwrap()));
            }
            Some((n.to_owned(), b))
        });
        assert_eq!(
            read(&out).unwrap_err().message_key(),
            "transfer.error.too_large"
        );
    }
}
