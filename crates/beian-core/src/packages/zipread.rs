//! The parts of a ZIP file a package reader needs, read without unpacking the package:
//! where the central directory starts (the signing blocks end there), and single small
//! entries, each read up to a limit (a zip bomb stops at the limit).

use super::le::{u32_at, u64_at};
use std::io::{Read, Seek, SeekFrom};

use super::PackageError;

/// End of central directory record.
const EOCD: [u8; 4] = *b"PK\x05\x06";
/// ZIP64 end of central directory locator.
const ZIP64_LOCATOR: [u8; 4] = *b"PK\x06\x07";
/// ZIP64 end of central directory record.
const ZIP64_EOCD: [u8; 4] = *b"PK\x06\x06";
/// The EOCD is 22 bytes, followed by a comment of at most 65535.
const EOCD_SEARCH: u64 = 22 + 65_535;

/// Reads `len` bytes at `offset`.
pub(crate) fn read_at<R: Read + Seek>(
    r: &mut R,
    offset: u64,
    len: usize,
) -> Result<Vec<u8>, PackageError> {
    r.seek(SeekFrom::Start(offset))?;
    let mut buf = vec![0; len];
    r.read_exact(&mut buf)?;
    Ok(buf)
}

/// The offset of the central directory, from the end of central directory record (and
/// its ZIP64 form when the plain one says 0xFFFFFFFF).
pub(crate) fn central_directory_offset<R: Read + Seek>(r: &mut R) -> Result<u64, PackageError> {
    let len = r.seek(SeekFrom::End(0))?;
    if len < 22 {
        return Err(PackageError::NotAPackage);
    }
    let tail_len = len.min(EOCD_SEARCH);
    let tail_start = len - tail_len;
    let tail = read_at(
        r,
        tail_start,
        usize::try_from(tail_len).map_err(|_| PackageError::NotAPackage)?,
    )?;
    let at = (0..=tail.len() - 22)
        .rev()
        .find(|&i| tail.get(i..i + 4) == Some(&EOCD[..]))
        .ok_or(PackageError::NotAPackage)?;
    let offset = u32_at(&tail, at + 16).ok_or(PackageError::NotAPackage)?;
    let eocd_at = tail_start + at as u64;
    let cd = if offset == u32::MAX && eocd_at >= 20 {
        let locator = read_at(r, eocd_at - 20, 20)?;
        if locator.get(0..4) != Some(&ZIP64_LOCATOR[..]) {
            return Err(PackageError::damaged("zip", "ZIP64 locator missing"));
        }
        let record_at = u64_at(&locator, 8).ok_or(PackageError::NotAPackage)?;
        if record_at >= eocd_at {
            return Err(PackageError::damaged("zip", "ZIP64 record out of range"));
        }
        let record = read_at(r, record_at, 56)?;
        if record.get(0..4) != Some(&ZIP64_EOCD[..]) {
            return Err(PackageError::damaged("zip", "ZIP64 record missing"));
        }
        u64_at(&record, 48).ok_or(PackageError::NotAPackage)?
    } else {
        u64::from(offset)
    };
    if cd > eocd_at {
        return Err(PackageError::damaged(
            "zip",
            "central directory after its end",
        ));
    }
    Ok(cd)
}

/// The entry `name` of `archive`, read up to `limit` bytes; a larger entry is refused.
pub(crate) fn entry<R: Read + Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
    limit: u64,
) -> Result<Option<Vec<u8>>, PackageError> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(PackageError::damaged("zip", e)),
    };
    if file.size() > limit {
        return Err(PackageError::TooLarge {
            entry: name.to_owned(),
        });
    }
    let mut data = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut data)
        .map_err(|e| PackageError::damaged("zip", e))?;
    if data.len() as u64 > limit {
        return Err(PackageError::TooLarge {
            entry: name.to_owned(),
        });
    }
    Ok(Some(data))
}

/// The names of the entries of `archive` (names that are not text are left out).
pub(crate) fn names<R: Read + Seek>(archive: &zip::ZipArchive<R>) -> Vec<String> {
    archive
        .file_names()
        .filter_map(Result::ok)
        .map(std::borrow::Cow::into_owned)
        .collect()
}

/// A part of a reader seen as a whole file: a `.hap` stored uncompressed inside an
/// `.app`, read in place.
pub(crate) struct Window<R> {
    inner: R,
    start: u64,
    len: u64,
    pos: u64,
}

impl<R: Read + Seek> Window<R> {
    pub(crate) fn new(inner: R, start: u64, len: u64) -> Window<R> {
        Window {
            inner,
            start,
            len,
            pos: 0,
        }
    }
}

impl<R: Read + Seek> Read for Window<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.len.saturating_sub(self.pos);
        let n = usize::try_from(left).unwrap_or(usize::MAX).min(buf.len());
        if n == 0 {
            return Ok(0);
        }
        self.inner.seek(SeekFrom::Start(self.start + self.pos))?;
        let read = self.inner.read(&mut buf[..n])?;
        self.pos += read as u64;
        Ok(read)
    }
}

impl<R: Read + Seek> Seek for Window<R> {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        let target = match to {
            SeekFrom::Start(n) => Some(n),
            SeekFrom::End(d) => self.len.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        match target {
            Some(n) => {
                self.pos = n;
                Ok(n)
            }
            None => Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "seek before the start",
            )),
        }
    }
}
