//! The code signature of an iOS executable (Mach-O): what the app is actually signed with.
//! `LC_CODE_SIGNATURE` (load command `0x1d`) gives the offset and size of an embedded
//! signature, a big-endian SuperBlob (magic `0xfade0cc0`) whose index names its blobs; the
//! blob in slot `0x10000` (magic `0xfade0b01`) is a CMS `SignedData` holding the signing
//! certificate with its chain. A universal ("fat") file holds one Mach-O per architecture,
//! all signed alike: the first is read.
//!
//! The executable sits compressed in the `.ipa`, so it is read as a stream: the header and
//! load commands, then forward to the signature, never more than [`MAX_EXECUTABLE`] bytes
//! and never holding more than the signature in memory.

use std::io::Read;

use super::PackageError;
use super::cert::CertificateInfo;

/// The most bytes of an executable read to reach its signature.
pub const MAX_EXECUTABLE: u64 = 2 << 30;
/// The most bytes of load commands read.
const MAX_COMMANDS: u32 = 1 << 20;
/// The largest embedded signature taken.
const MAX_SIGNATURE: u32 = 4 << 20;

const MH_MAGIC_64: u32 = 0xfeed_facf;
const MH_MAGIC: u32 = 0xfeed_face;
const FAT_MAGIC: u32 = 0xcafe_babe;
const LC_CODE_SIGNATURE: u32 = 0x1d;
const SUPERBLOB: u32 = 0xfade_0cc0;
const CMS_SLOT: u32 = 0x10000;
const CMS_BLOB: u32 = 0xfade_0b01;

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

fn damaged(why: &'static str) -> PackageError {
    PackageError::damaged("Mach-O", why)
}

/// A forward-only reader that knows where it is.
struct Stream<R> {
    inner: R,
    at: u64,
}

impl<R: Read> Stream<R> {
    fn exact(&mut self, n: usize) -> Result<Vec<u8>, PackageError> {
        let mut buf = vec![0u8; n];
        self.inner
            .read_exact(&mut buf)
            .map_err(|_| damaged("the file ends early"))?;
        self.at += n as u64;
        Ok(buf)
    }

    fn skip_to(&mut self, to: u64) -> Result<(), PackageError> {
        if to < self.at {
            return Err(damaged("an offset points backwards"));
        }
        if to > MAX_EXECUTABLE {
            return Err(PackageError::TooLarge {
                entry: "executable".into(),
            });
        }
        let n = to - self.at;
        let copied = std::io::copy(&mut (&mut self.inner).take(n), &mut std::io::sink())
            .map_err(|_| damaged("the file ends early"))?;
        if copied != n {
            return Err(damaged("the file ends early"));
        }
        self.at = to;
        Ok(())
    }
}

/// The certificates of the executable's code signature, or `None` when it has none (an
/// unsigned build).
pub(crate) fn signature_certificates<R: Read>(
    reader: R,
) -> Result<Option<super::pkcs7::Signed>, PackageError> {
    let mut s = Stream {
        inner: reader,
        at: 0,
    };
    let mut magic = s.exact(4)?;
    let mut base = 0;
    if be32(&magic, 0) == Some(FAT_MAGIC) {
        // A universal file: the first architecture's offset (big-endian fat header).
        let count = be32(&s.exact(4)?, 0).unwrap_or_default();
        if count == 0 || count > 64 {
            return Err(damaged("a universal file with no architecture"));
        }
        let arch = s.exact(20)?;
        base = u64::from(be32(&arch, 8).unwrap_or_default());
        s.skip_to(base)?;
        magic = s.exact(4)?;
    }
    let header_len = match super::le::u32_at(&magic, 0) {
        Some(MH_MAGIC_64) => 32,
        Some(MH_MAGIC) => 28,
        _ => return Err(PackageError::damaged("Mach-O", "not an executable")),
    };
    let rest = s.exact(header_len - 4)?;
    // After the magic: cputype, cpusubtype, filetype, ncmds, sizeofcmds.
    let ncmds = super::le::u32_at(&rest, 12).unwrap_or_default();
    let size = super::le::u32_at(&rest, 16).unwrap_or_default();
    if size > MAX_COMMANDS {
        return Err(damaged("its load commands are too large"));
    }
    let commands = s.exact(size as usize)?;
    let Some((offset, len)) = code_signature(&commands, ncmds) else {
        return Ok(None);
    };
    if len > MAX_SIGNATURE {
        return Err(PackageError::TooLarge {
            entry: "code signature".into(),
        });
    }
    s.skip_to(base + u64::from(offset))?;
    let blob = s.exact(len as usize)?;
    let cms = cms_blob(&blob).ok_or_else(|| damaged("the code signature holds no CMS blob"))?;
    if cms.is_empty() {
        // Ad-hoc signed (a simulator or local build): no certificate.
        return Ok(None);
    }
    super::pkcs7::read(cms).map(Some)
}

/// The certificates of an executable's code signature (empty when unsigned or ad-hoc
/// signed), for `beian app-info`'s tests and fuzzing.
pub fn executable_certificates<R: Read>(reader: R) -> Result<Vec<CertificateInfo>, PackageError> {
    Ok(signature_certificates(reader)?
        .map(|signed| signed.certificates)
        .unwrap_or_default())
}

/// The offset and size of the embedded signature, from `LC_CODE_SIGNATURE`.
fn code_signature(commands: &[u8], ncmds: u32) -> Option<(u32, u32)> {
    let mut at = 0usize;
    for _ in 0..ncmds.min(4096) {
        let cmd = super::le::u32_at(commands, at)?;
        let cmdsize = super::le::u32_at(commands, at + 4)? as usize;
        if cmd == LC_CODE_SIGNATURE {
            return Some((
                super::le::u32_at(commands, at + 8)?,
                super::le::u32_at(commands, at + 12)?,
            ));
        }
        if cmdsize < 8 {
            return None;
        }
        at = at.checked_add(cmdsize)?;
    }
    None
}

/// The CMS blob of a SuperBlob: its DER (empty for an ad-hoc signature).
fn cms_blob(superblob: &[u8]) -> Option<&[u8]> {
    if be32(superblob, 0)? != SUPERBLOB {
        return None;
    }
    let count = be32(superblob, 8)?;
    for i in 0..count.min(64) {
        let entry = 12 + 8 * i as usize;
        if be32(superblob, entry)? != CMS_SLOT {
            continue;
        }
        let offset = be32(superblob, entry + 4)? as usize;
        if be32(superblob, offset)? != CMS_BLOB {
            return None;
        }
        let len = be32(superblob, offset + 4)? as usize;
        return superblob.get(offset.checked_add(8)?..offset.checked_add(len)?);
    }
    None
}

/// Builds a thin 64-bit Mach-O whose code signature holds `cms` (tests and fuzzing: no
/// tool on Linux signs a Mach-O).
#[doc(hidden)]
pub fn build_signed_executable(cms: &[u8], fat: bool) -> Vec<u8> {
    let mut thin = Vec::new();
    let put = |v: &mut Vec<u8>, n: u32| v.extend_from_slice(&n.to_le_bytes());
    let sig_offset = 4096u32;
    let blob_len = 8 + cms.len() as u32;
    let super_len = 12 + 8 + blob_len;
    // Header: magic, cputype arm64, subtype, MH_EXECUTE, 1 command of 16 bytes, flags, 0.
    for n in [MH_MAGIC_64, 0x0100_000c, 0, 2, 1, 16, 0, 0] {
        put(&mut thin, n);
    }
    for n in [LC_CODE_SIGNATURE, 16, sig_offset, super_len] {
        put(&mut thin, n);
    }
    thin.resize(sig_offset as usize, 0);
    for n in [SUPERBLOB, super_len, 1, CMS_SLOT, 20, CMS_BLOB, blob_len] {
        thin.extend_from_slice(&n.to_be_bytes());
    }
    thin.extend_from_slice(cms);
    if !fat {
        return thin;
    }
    let mut out = Vec::new();
    // Fat header, one arch at 16384: cputype, subtype, offset, size, align.
    for n in [FAT_MAGIC, 1, 0x0100_000c, 0, 16384, thin.len() as u32, 14] {
        out.extend_from_slice(&n.to_be_bytes());
    }
    out.resize(16384, 0);
    out.extend_from_slice(&thin);
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_truncated_or_foreign_file_is_refused_without_panic() {
        assert!(signature_certificates(&b""[..]).is_err());
        assert!(signature_certificates(&b"\x7fELF\x02\x01\x01\0"[..]).is_err());
        let exe = build_signed_executable(b"not der", false);
        assert!(signature_certificates(&exe[..]).is_err());
        for cut in [10, 40, 4100] {
            assert!(signature_certificates(&exe[..cut]).is_err(), "{cut}");
        }
        // Ad-hoc: an empty CMS blob.
        let adhoc = build_signed_executable(b"", true);
        assert!(signature_certificates(&adhoc[..]).unwrap().is_none());
    }
}
