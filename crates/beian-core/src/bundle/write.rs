//! Writing a bundle: the bag is laid out from a [`ValidatedFiling`] and streamed into a
//! zip in one pass. Each payload file is read once, in chunks; each chunk is hashed for
//! the manifest and written to the zip, whose bytes are hashed on their way to disk for
//! the SHA-256 of the whole file. Entries are sorted, dated 1980-01-01 and mode 0644; the
//! only date inside is the export day (`bag-info.txt`, `application.*`, the signature's
//! trusted comment), and signatures are deterministic Ed25519 (`keys::Signer::sign`). So
//! the same draft exported on the same day with the same key gives the same bytes, and a
//! reviewer can re-create a bundle and compare its SHA-256.

use std::collections::BTreeMap;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use sha2::{Digest, Sha256};
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

use super::application::{
    APPLICATION_FORMAT, Application, BundledFile, BundledPaper, BundledPhoto,
};
use super::bag::{self, BagInfo, Manifest};
use super::entries::filled;
use super::keys::{KeyError, KeyId, Role, Signer, TrustedKeys};
use super::safety::ascii_name;
use super::verify::{Verification, verify_archive};
use crate::documents::store::{hex, sha256_hex};
use crate::documents::{FileFormat, Store, sniff};
use crate::i18n::Locale;
use crate::rules::ValidatedFiling;

/// How far an export has come, in payload bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Bytes written so far.
    pub done: u64,
    /// Bytes to write in all.
    pub total: u64,
}

/// A finished export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exported {
    /// Where the bundle was written.
    pub path: PathBuf,
    /// SHA-256 of the whole file, lower-case hex (to compare over the phone).
    pub sha256: String,
    /// The signing key.
    pub key_id: KeyId,
    /// Size of the file in bytes.
    pub byte_len: u64,
    /// The bag id.
    pub bag_id: String,
}

/// Why an export stopped. Nothing is left at the chosen path when it does.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// A document or the face photo is no longer in the draft's store.
    #[error("a file of the filing is missing from the draft's store")]
    MissingContent,
    /// A stored file no longer has the content it had when attached.
    #[error("a stored file changed on disk")]
    ContentChanged,
    /// The user cancelled.
    #[error("cancelled")]
    Cancelled,
    /// Reading or writing failed.
    #[error("cannot read or write: {0}")]
    Io(#[from] io::Error),
    /// The zip library refused.
    #[error("cannot write the archive: {0}")]
    Zip(#[source] zip::result::ZipError),
    /// The key could not sign.
    #[error("{0}")]
    Key(#[from] KeyError),
    /// The filing could not be written as RON or JSON.
    #[error("cannot encode the filing: {0}")]
    Encode(#[source] crate::cause::Cause),
    /// Countersigning was handed a verification that did not pass: only a bundle that
    /// verified is countersigned.
    #[error("the bundle does not verify")]
    NotVerified,
    /// The bundle to countersign no longer verifies, or its tag manifest is not the one
    /// that was verified: the file was changed or replaced after it was verified.
    #[error("the bundle changed after it was verified")]
    ChangedSinceVerified,
}

impl From<zip::result::ZipError> for ExportError {
    fn from(e: zip::result::ZipError) -> Self {
        match e {
            zip::result::ZipError::Io(io) => ExportError::Io(io),
            other => ExportError::Zip(other),
        }
    }
}

impl ExportError {
    /// The message in `locale`.
    pub fn user_message(&self, locale: Locale) -> String {
        use crate::i18n::{t, tf};
        match self {
            ExportError::MissingContent => t(locale, "export.error.missing_content").into_owned(),
            ExportError::ContentChanged => t(locale, "export.error.content_changed").into_owned(),
            ExportError::Cancelled => t(locale, "export.error.cancelled").into_owned(),
            ExportError::Io(e) => tf(locale, "export.error.io", &[("detail", &e.to_string())]),
            ExportError::Zip(e) => tf(locale, "export.error.io", &[("detail", &e.to_string())]),
            ExportError::Key(e) => e.user_message(locale),
            ExportError::Encode(e) => tf(locale, "export.error.io", &[("detail", &e.to_string())]),
            ExportError::NotVerified => t(locale, "export.error.not_verified").into_owned(),
            ExportError::ChangedSinceVerified => {
                t(locale, "export.error.changed_since_verified").into_owned()
            }
        }
    }
}

/// Where the content of a payload file comes from.
enum Source {
    Bytes(Vec<u8>),
    Stored { path: PathBuf, sha256: String },
}

struct PayloadFile {
    source: Source,
    byte_len: u64,
    compress: bool,
}

/// A writer that hashes what passes through it.
struct HashingWriter<W: Write> {
    inner: W,
    hasher: Sha256,
    written: u64,
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(filled(buf, n)?);
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

fn options(compress: bool) -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(if compress {
            CompressionMethod::Deflated
        } else {
            CompressionMethod::Stored
        })
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644)
}

fn extension(format: FileFormat) -> &'static str {
    match format {
        FileFormat::Jpeg => "jpg",
        FileFormat::Png => "png",
        FileFormat::Webp => "webp",
        FileFormat::Pdf => "pdf",
        FileFormat::Gif => "gif",
        FileFormat::Bmp => "bmp",
        FileFormat::Tiff => "tif",
        FileFormat::Heic => "heic",
        FileFormat::Unknown => "bin",
    }
}

/// Looks up stored content: where to read it, its size and real format. Content of an
/// encrypted library is decrypted into memory (documents are a few megabytes at most);
/// clear content is streamed from its file.
fn stored(store: &Store, sha256: &str) -> Result<(Source, u64, FileFormat), ExportError> {
    let path = store.path(sha256).ok_or(ExportError::MissingContent)?;
    let mut file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(ExportError::MissingContent),
        Err(e) => return Err(e.into()),
    };
    let byte_len = file.metadata()?.len();
    let mut head = [0u8; 32];
    let n = file.read(&mut head)?;
    let head = filled(&head, n)?;
    if crate::store::sealed::is_sealed(head) {
        let bytes = store.get(sha256)?;
        let (byte_len, format) = (bytes.len() as u64, sniff(&bytes));
        return Ok((Source::Bytes(bytes), byte_len, format));
    }
    let source = Source::Stored {
        path,
        sha256: sha256.to_owned(),
    };
    Ok((source, byte_len, sniff(head)))
}

/// The document file name for an item: `NN-<where>-<kind>.<ext>`, ASCII only.
fn document_name(index: usize, item: crate::model::FieldKey, format: FileFormat) -> String {
    let key = item
        .to_string()
        .replace(".document.", ".")
        .replace(['[', ']', '.'], "-");
    format!(
        "data/documents/{:02}-{}.{}",
        index + 1,
        ascii_name(&key),
        extension(format)
    )
}

/// Lays out the payload of a filing: the photo and documents from the store, and the
/// filing itself (RON, JSON, summary).
fn payload(
    filing: &ValidatedFiling,
    store: &Store,
    bag_id: &str,
    key: KeyId,
    holder: &super::keys::KeyHolder,
) -> Result<BTreeMap<String, PayloadFile>, ExportError> {
    let draft = filing.draft();
    let mut files = BTreeMap::new();
    let mut listed = Vec::new();
    let mut photos = Vec::new();
    // One photo per person who must verify, numbered in the order of the websites, with
    // its checks beside it; the application says whose each is.
    let people = if crate::rules::materials::needs_face(draft) {
        draft.face_photos()
    } else {
        Vec::new()
    };
    for (n, (person, photo)) in people
        .into_iter()
        .filter_map(|(person, photo)| Some((person, photo?)))
        .enumerate()
    {
        let (source, byte_len, format) = stored(store, &photo.sha256)?;
        let name = format!("data/photo/{}-face.{}", n + 1, extension(format));
        listed.push(BundledFile {
            path: name.clone(),
            item: Some(person.field()),
            original_name: String::new(),
            sha256: photo.sha256.clone(),
            byte_len,
            paper: None,
        });
        files.insert(
            name.clone(),
            PayloadFile {
                source,
                byte_len,
                compress: false,
            },
        );
        let mut checks = None;
        if let Some(report) = &photo.report {
            let text = ron::ser::to_string_pretty(report, ron::ser::PrettyConfig::default())
                .map_err(|e| ExportError::Encode(crate::cause::cause(e)))?;
            let bytes = text.into_bytes();
            let checks_name = format!("data/photo/{}-checks.ron", n + 1);
            files.insert(
                checks_name.clone(),
                PayloadFile {
                    byte_len: bytes.len() as u64,
                    source: Source::Bytes(bytes),
                    compress: true,
                },
            );
            checks = Some(checks_name);
        }
        photos.push(BundledPhoto {
            path: name,
            checks,
            person: person.name.clone(),
            role: person.role(Locale::ZhCn),
            passed: photo.passed,
            override_reason: photo.override_reason.trim().to_owned(),
        });
    }
    let papers = crate::rules::papers::papers(draft);
    let mut attachments: Vec<_> = draft.materials.attachments.iter().collect();
    attachments.sort_by_key(|a| a.item);
    for (index, attachment) in attachments.into_iter().enumerate() {
        let sha = attachment.effective_sha256().to_owned();
        let (source, byte_len, format) = stored(store, &sha)?;
        let name = document_name(index, attachment.item, format);
        listed.push(BundledFile {
            path: name.clone(),
            item: Some(attachment.item),
            original_name: attachment.original_name.clone(),
            sha256: sha.clone(),
            byte_len,
            paper: attachment.paper.as_ref().map(|reading| {
                let verdict = crate::forms::scan::verdict(draft, &papers, attachment.item, reading);
                BundledPaper {
                    verdict: verdict.key().to_owned(),
                    unsigned: reading.unsigned.clone(),
                    code: reading.code.clone(),
                }
            }),
        });
        files.insert(
            name,
            PayloadFile {
                source,
                byte_len,
                compress: false,
            },
        );
    }
    let application = Application {
        format: APPLICATION_FORMAT.to_owned(),
        bag_id: bag_id.to_owned(),
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
        checked_on: filing.checked_on().format("%Y-%m-%d").to_string(),
        // The legacy 备案密码 stays on this computer.
        filing: draft.without_secrets(),
        files: listed,
        photos,
    };
    let ron = application
        .to_ron()
        .map_err(|e| ExportError::Encode(crate::cause::cause(e)))?;
    let json = application
        .to_json()
        .map_err(|e| ExportError::Encode(crate::cause::cause(e)))?;
    let warnings = super::summary::warning_messages(filing.report());
    let html = super::summary::html(&application, &key.short_code(), holder, &warnings);
    for (name, text) in [
        (bag::APPLICATION_RON, ron),
        (bag::APPLICATION_JSON, json),
        (bag::SUMMARY_HTML, html),
    ] {
        let bytes = text.into_bytes();
        files.insert(
            name.to_owned(),
            PayloadFile {
                byte_len: bytes.len() as u64,
                source: Source::Bytes(bytes),
                compress: true,
            },
        );
    }
    Ok(files)
}

/// The bag id of a filing: `icp-<draft id>`, ASCII only.
pub fn bag_id(filing: &ValidatedFiling) -> String {
    format!("icp-{}", ascii_name(&filing.draft().id))
}

/// A temporary file in `out`'s folder, renamed over `out` when complete (so a reader never
/// sees half a bundle, and a failure or cancel leaves nothing). Owner-only (0600 on Unix):
/// a bundle holds ID numbers and a face.
fn temp_beside(out: &Path) -> io::Result<tempfile::NamedTempFile> {
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    tempfile::Builder::new()
        .prefix(".beian-bundle-")
        .suffix(".tmp")
        .tempfile_in(&dir)
}

/// The size of the chunks payload files are copied in.
const CHUNK: usize = 256 * 1024;

/// Writes the signed bundle of `filing` to `out`, taking documents and photo from
/// `store` and signing with `signer`, dated `date`. Reports progress, and stops (leaving
/// nothing behind) as soon as `cancel` is set.
pub fn export(
    filing: &ValidatedFiling,
    store: &Store,
    signer: &Signer,
    date: chrono::NaiveDate,
    out: &Path,
    progress: &mut dyn FnMut(Progress),
    cancel: &AtomicBool,
) -> Result<Exported, ExportError> {
    let bag_id = bag_id(filing);
    let key_id = signer.id();
    let payload = payload(filing, store, &bag_id, key_id, signer.holder())?;
    let (octets, count) = bag::oxum(payload.values().map(|f| f.byte_len));
    let date = date.format("%Y-%m-%d").to_string();
    let info = BagInfo {
        bagging_date: date.clone(),
        external_identifier: bag_id.clone(),
        payload_octets: octets,
        payload_files: count,
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
        signer_key_id: key_id.hex(),
        signer_role: Role::Applicant.key().to_owned(),
        signer_holder: Some(signer.holder().key().to_owned()),
        signer_desk: match signer.holder() {
            super::keys::KeyHolder::Desk(name) => Some(name.clone()),
            super::keys::KeyHolder::Applicant => None,
        },
        filing_type: Some(filing.draft().procedure().key().to_owned()),
    };
    let public_key = signer.public_key_text();
    let mut tag_files: BTreeMap<&str, Vec<u8>> = BTreeMap::new();
    tag_files.insert(bag::APPLICANT_PUB, public_key.into_bytes());
    tag_files.insert(bag::BAG_INFO, info.to_text().into_bytes());
    tag_files.insert(bag::BAGIT, bag::BAGIT_TXT.as_bytes().to_vec());

    let tmp = temp_beside(out)?;
    let sink = HashingWriter {
        inner: BufWriter::with_capacity(CHUNK, tmp.as_file().try_clone()?),
        hasher: Sha256::new(),
        written: 0,
    };
    let mut zip = zip::ZipWriter::new_stream(sink);
    let top = format!("{bag_id}/");

    // Sorted order: applicant.pub, bag-info.txt, bagit.txt, data/…, manifests, signature.
    let mut tag_manifest = Manifest::new();
    for (name, bytes) in &tag_files {
        zip.start_file(format!("{top}{name}"), options(true))?;
        zip.write_all(bytes)?;
        tag_manifest.insert((*name).to_owned(), sha256_hex(bytes));
    }
    let mut manifest = Manifest::new();
    let mut done = Progress {
        done: 0,
        total: octets,
    };
    progress(done);
    let mut buf = vec![0u8; CHUNK];
    for (name, file) in payload {
        if cancel.load(Ordering::Relaxed) {
            return Err(ExportError::Cancelled);
        }
        zip.start_file(format!("{top}{name}"), options(file.compress))?;
        let sha = match file.source {
            Source::Bytes(bytes) => {
                zip.write_all(&bytes)?;
                done.done += bytes.len() as u64;
                sha256_hex(&bytes)
            }
            Source::Stored { path, sha256 } => {
                let mut reader = std::fs::File::open(&path)?;
                let mut hasher = Sha256::new();
                let mut read = 0u64;
                loop {
                    if cancel.load(Ordering::Relaxed) {
                        return Err(ExportError::Cancelled);
                    }
                    let n = match reader.read(&mut buf) {
                        Ok(0) => break,
                        Ok(n) => n,
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                        Err(e) => return Err(e.into()),
                    };
                    let chunk = filled(&buf, n)?;
                    hasher.update(chunk);
                    zip.write_all(chunk)?;
                    read += n as u64;
                    done.done += n as u64;
                    progress(done);
                }
                let sha = hex(&hasher.finalize());
                if sha != sha256 || read != file.byte_len {
                    return Err(ExportError::ContentChanged);
                }
                sha
            }
        };
        progress(done);
        manifest.insert(name, sha);
    }
    let manifest_text = bag::manifest_text(&manifest);
    zip.start_file(format!("{top}{}", bag::MANIFEST), options(true))?;
    zip.write_all(manifest_text.as_bytes())?;
    tag_manifest.insert(
        bag::MANIFEST.to_owned(),
        sha256_hex(manifest_text.as_bytes()),
    );
    let tag_text = bag::manifest_text(&tag_manifest);
    zip.start_file(format!("{top}{}", bag::TAG_MANIFEST), options(true))?;
    zip.write_all(tag_text.as_bytes())?;
    let comment = bag::trusted_comment(Role::Applicant.key(), &bag_id, &date);
    let signature = signer.sign(tag_text.as_bytes(), &comment)?;
    zip.start_file(format!("{top}{}", bag::SIGNATURE), options(true))?;
    zip.write_all(signature.as_bytes())?;

    let mut sink = zip.finish()?.into_inner();
    sink.flush()?;
    let sha256 = hex(&sink.hasher.finalize_reset());
    let byte_len = sink.written;
    drop(sink);
    tmp.as_file().sync_all()?;
    tmp.persist(out).map_err(|e| ExportError::Io(e.error))?;
    Ok(Exported {
        path: out.to_owned(),
        sha256,
        key_id,
        byte_len,
        bag_id,
    })
}

/// Adds a help-desk countersignature to the bundle that `verified` describes: a second
/// minisign signature over the same tag manifest, in `countersignatures/<KEY ID>.minisig`
/// with the public key beside it. Everything else is copied unchanged; `out` may be
/// `bundle`.
///
/// The file is opened once and verified again through that one handle; the tag manifest
/// signed is the one this verification checked, and only when its SHA-256 is the one
/// `verified` recorded. A file changed or replaced since gives
/// [`ExportError::ChangedSinceVerified`], and nothing is written.
pub fn countersign(
    bundle: &Path,
    verified: &Verification,
    signer: &Signer,
    date: chrono::NaiveDate,
    out: &Path,
) -> Result<Exported, ExportError> {
    let expected = match &verified.tag_manifest_sha256 {
        Some(sha) if verified.is_ok() => sha,
        _ => return Err(ExportError::NotVerified),
    };
    let mut archive = zip::ZipArchive::new(std::fs::File::open(bundle)?)
        .map_err(|_| ExportError::ChangedSinceVerified)?;
    // Trust does not decide whether a bundle verifies; the caller's verification judged it.
    let (now, tag_manifest) = verify_archive(&mut archive, &TrustedKeys::default());
    let (true, Some(tag_manifest), Some(info), Some(top)) =
        (now.is_ok(), tag_manifest, now.info, now.bag_id)
    else {
        return Err(ExportError::ChangedSinceVerified);
    };
    if sha256_hex(&tag_manifest) != *expected {
        return Err(ExportError::ChangedSinceVerified);
    }
    let mut names: Vec<String> = archive
        .file_names()
        .map(|n| n.map(std::borrow::Cow::into_owned))
        .collect::<Result<_, _>>()?;
    names.sort();
    let date = date.format("%Y-%m-%d").to_string();
    let comment = bag::trusted_comment(Role::Staff.key(), &info.external_identifier, &date);
    let signature = signer.sign(&tag_manifest, &comment)?;
    let sig_name = format!(
        "{top}/{}{}.minisig",
        bag::COUNTERSIGNATURES,
        signer.id().hex()
    );
    let pub_name = format!("{top}/{}{}.pub", bag::COUNTERSIGNATURES, signer.id().hex());
    let mut added: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    added.insert(sig_name, signature.into_bytes());
    added.insert(pub_name, signer.public_key_text().into_bytes());
    names.retain(|n| !added.contains_key(n));

    let tmp = temp_beside(out)?;
    let mut zip = zip::ZipWriter::new(BufWriter::new(tmp.as_file().try_clone()?));
    let mut all: Vec<(String, Option<Vec<u8>>)> = names.into_iter().map(|n| (n, None)).collect();
    all.extend(added.into_iter().map(|(n, b)| (n, Some(b))));
    all.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, bytes) in all {
        match bytes {
            Some(bytes) => {
                zip.start_file(name, options(true))?;
                zip.write_all(&bytes)?;
            }
            None => {
                let entry = archive.by_name(&name)?;
                zip.raw_copy_file(entry)?;
            }
        }
    }
    zip.finish()?.flush()?;
    tmp.as_file().sync_all()?;
    tmp.persist(out).map_err(|e| ExportError::Io(e.error))?;
    let (sha256, byte_len) = super::verify::sha256_file(out)?;
    Ok(Exported {
        path: out.to_owned(),
        sha256,
        key_id: signer.id(),
        byte_len,
        bag_id: info.external_identifier,
    })
}
