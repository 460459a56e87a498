//! Reading entries of a received zip: whole when small (with a size cap), hashed as they
//! stream when not (stopping one byte past the declared size), and payload files of a
//! verified bundle read back with their hash checked again.

use std::io::{self, Read};
use std::path::Path;

use sha2::{Digest as _, Sha256};

use super::bag;
use super::limits::MAX_TAG_BYTES;
use super::problem::Problem;
use super::safety::check_name;
use crate::documents::store::hex;
use crate::documents::store::sha256_hex;

/// A received bundle, opened.
pub(crate) type Archive = zip::ZipArchive<std::fs::File>;

/// The SHA-256 and size of everything `reader` yields, read in chunks.
pub fn sha256_reader(mut reader: impl Read) -> io::Result<(String, u64)> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    let mut len = 0u64;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        hasher.update(filled(&buf, n)?);
        len += n as u64;
    }
    Ok((hex(&hasher.finalize()), len))
}

/// The first `n` bytes of `buf`, as a `read` or `write` that reported `n` left them; a
/// reader or writer that claims more than the buffer holds is an error, not a panic.
pub(crate) fn filled(buf: &[u8], n: usize) -> io::Result<&[u8]> {
    buf.get(..n)
        .ok_or_else(|| io::Error::other("a reader or writer reported more bytes than its buffer"))
}

/// The SHA-256 and size of a file, read in chunks.
pub fn sha256_file(path: &Path) -> io::Result<(String, u64)> {
    sha256_reader(std::fs::File::open(path)?)
}

/// The name of an entry inside the bag (without the top folder).
pub(crate) fn in_bag(name: &str) -> String {
    name.split_once('/')
        .map_or(name, |(_, rest)| rest)
        .to_owned()
}

/// Reads a small entry whole (at most `max` bytes).
pub(crate) fn read_small(archive: &mut Archive, name: &str, max: u64) -> Result<Vec<u8>, Problem> {
    let short = in_bag(name);
    let entry = archive
        .by_name(name)
        .map_err(|_| Problem::Missing(short.clone()))?;
    if entry.size() > max {
        return Err(Problem::TooBig);
    }
    let mut bytes = Vec::new();
    entry
        .take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| Problem::Damaged(short))?;
    Ok(bytes)
}

/// Hashes an entry as it streams (the zip library checks its CRC at the end). An entry
/// that unpacks to more than its declared size (a decompression bomb) is damaged: reading
/// stops one byte past the declared size, so the archive check's size limit holds.
pub(crate) fn hash_entry(archive: &mut Archive, name: &str) -> Result<(String, u64), Problem> {
    let short = in_bag(name);
    let entry = archive
        .by_name(name)
        .map_err(|_| Problem::Missing(short.clone()))?;
    let declared = entry.size();
    match sha256_reader(entry.take(declared.saturating_add(1))) {
        Ok((sha, len)) if len == declared => Ok((sha, len)),
        _ => Err(Problem::Damaged(short)),
    }
}

/// Reads a small text entry of the bag (a signature or a public key).
pub(crate) fn text_entry(archive: &mut Archive, top: &str, name: &str) -> Result<String, Problem> {
    let bytes = read_small(archive, &format!("{top}/{name}"), MAX_TAG_BYTES)?;
    String::from_utf8(bytes).map_err(|_| Problem::SignatureMalformed(name.to_owned()))
}

/// Reads one payload file of a verified bundle, checking it against `sha256` again (the
/// file may have changed since it was verified).
pub fn read_payload(
    path: &Path,
    bag_id: &str,
    name: &str,
    sha256: &str,
    max_bytes: u64,
) -> Result<Vec<u8>, Problem> {
    if check_name(name.as_bytes()).is_err() || !name.starts_with(bag::DATA) {
        return Err(Problem::UnsafePath(name.to_owned()));
    }
    let file = std::fs::File::open(path).map_err(|e| Problem::Unreadable(e.to_string()))?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| Problem::Unreadable(e.to_string()))?;
    let bytes = read_small(&mut archive, &format!("{bag_id}/{name}"), max_bytes)?;
    if sha256_hex(&bytes) != sha256 {
        return Err(Problem::Changed(name.to_owned()));
    }
    Ok(bytes)
}
