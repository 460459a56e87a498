//! Android packages: the package name from the binary manifest, and the signers'
//! certificates from the APK Signing Block (v3.1, v3, v2) and the v1 JAR signature
//! (`META-INF/*.RSA|DSA|EC`). Only the manifest, the signature files, the central
//! directory and the signing block are read: never the whole package.

use super::le::{u32_at, u64_at};
use std::io::{Read, Seek};

use super::cert::CertificateInfo;
use super::zipread::{central_directory_offset, entry, read_at};
use super::{PackageError, Scheme, Signer, limits};

const MAGIC: &[u8; 16] = b"APK Sig Block 42";
const V2: u32 = 0x7109_871a;
const V3: u32 = 0xf053_68c0;
const V31: u32 = 0x1b93_ad61;

/// A u32-length-prefixed part at `at`; returns it and where the next one starts.
fn prefixed(b: &[u8], at: usize) -> Option<(&[u8], usize)> {
    let len = usize::try_from(u32_at(b, at)?).ok()?;
    let start = at.checked_add(4)?;
    let end = start.checked_add(len)?;
    Some((b.get(start..end)?, end))
}

/// Every u32-length-prefixed part of `b`, in order.
fn sequence(b: &[u8]) -> Option<Vec<&[u8]>> {
    let mut parts = Vec::new();
    let mut at = 0;
    while at < b.len() {
        let (part, next) = prefixed(b, at)?;
        parts.push(part);
        at = next;
    }
    Some(parts)
}

/// The id–value pairs of a signing block.
type Pairs = Vec<(u32, Vec<u8>)>;

/// The pairs of the signing block that ends where the central directory starts, by id;
/// `Ok(None)` when there is no signing block.
fn signing_block<R: Read + Seek>(r: &mut R, cd: u64) -> Result<Option<Pairs>, PackageError> {
    if cd < 32 {
        return Ok(None);
    }
    let footer = read_at(r, cd - 24, 24)?;
    if footer.get(8..24) != Some(&MAGIC[..]) {
        return Ok(None);
    }
    let lies = || PackageError::damaged("apk", "the signing block's size is wrong");
    let size = u64_at(&footer, 0).ok_or_else(lies)?;
    if !(24..=limits::SIGNING_BLOCK).contains(&size) || size.checked_add(8).is_none_or(|s| s > cd) {
        return Err(lies());
    }
    let start = cd - size - 8;
    let block = read_at(r, start, usize::try_from(size + 8).map_err(|_| lies())?)?;
    if u64_at(&block, 0) != Some(size) {
        return Err(lies());
    }
    // Pairs lie between the leading size and the footer (size and magic, 24 bytes).
    let pairs_end = block.len() - 24;
    let mut at = 8;
    let mut pairs = Vec::new();
    while at < pairs_end {
        let len = u64_at(&block, at).ok_or_else(lies)?;
        let len = usize::try_from(len).map_err(|_| lies())?;
        let value_start = at.checked_add(12).ok_or_else(lies)?;
        let end = at
            .checked_add(8)
            .and_then(|a| a.checked_add(len))
            .ok_or_else(lies)?;
        if len < 4 || end > pairs_end {
            return Err(lies());
        }
        let id = u32_at(&block, at + 8).ok_or_else(lies)?;
        pairs.push((id, block.get(value_start..end).ok_or_else(lies)?.to_vec()));
        at = end;
    }
    Ok(Some(pairs))
}

/// The first certificate of each signer of a v2/v3/v3.1 block value.
fn scheme_signers(value: &[u8], scheme: Scheme) -> Result<Vec<Signer>, PackageError> {
    let bad = || PackageError::damaged("apk", "a signer of the signing block is malformed");
    let (signers, _) = prefixed(value, 0).ok_or_else(bad)?;
    let mut out = Vec::new();
    for signer in sequence(signers).ok_or_else(bad)? {
        let (signed_data, _) = prefixed(signer, 0).ok_or_else(bad)?;
        let (_digests, next) = prefixed(signed_data, 0).ok_or_else(bad)?;
        let (certificates, _) = prefixed(signed_data, next).ok_or_else(bad)?;
        let first = sequence(certificates)
            .ok_or_else(bad)?
            .into_iter()
            .next()
            .ok_or(PackageError::NoCertificate)?;
        out.push(Signer {
            scheme,
            certificate: CertificateInfo::from_der(first)?,
        });
    }
    Ok(out)
}

/// The v1 signers: the certificate of each `META-INF/*.RSA|DSA|EC` that signed it.
fn v1_signers<R: Read + Seek>(
    archive: &mut zip::ZipArchive<R>,
) -> Result<Vec<Signer>, PackageError> {
    let names: Vec<String> = super::zipread::names(archive)
        .into_iter()
        .filter(|n| {
            let upper = n.to_ascii_uppercase();
            upper.strip_prefix("META-INF/").is_some_and(|file| {
                !file.contains('/') && [".RSA", ".DSA", ".EC"].iter().any(|e| file.ends_with(e))
            })
        })
        .collect();
    let mut out = Vec::new();
    for name in names.iter().take(limits::SIGNERS) {
        let Some(der) = entry(archive, name, limits::SIGNATURE_FILE)? else {
            continue;
        };
        let signed = super::pkcs7::read(&der)?;
        if let Some(cert) = super::pkcs7::end_entity(&signed) {
            out.push(Signer {
                scheme: Scheme::V1,
                certificate: cert.clone(),
            });
        }
    }
    Ok(out)
}

/// What an APK says: its package name and its signers, newest scheme first.
pub(crate) fn read<R: Read + Seek>(
    mut reader: R,
) -> Result<(Option<String>, Vec<Signer>), PackageError> {
    let cd = central_directory_offset(&mut reader)?;
    let pairs = signing_block(&mut reader, cd)?.unwrap_or_default();
    let mut signers = Vec::new();
    for (id, scheme) in [(V31, Scheme::V31), (V3, Scheme::V3), (V2, Scheme::V2)] {
        if let Some((_, value)) = pairs.iter().find(|(i, _)| *i == id) {
            signers.extend(scheme_signers(value, scheme)?);
        }
    }
    let mut archive = zip::ZipArchive::new(reader).map_err(|e| PackageError::damaged("zip", e))?;
    signers.extend(v1_signers(&mut archive)?);
    let manifest = entry(&mut archive, "AndroidManifest.xml", limits::MANIFEST)?
        .ok_or(PackageError::NoManifest)?;
    let package = super::axml::package_name(&manifest);
    if package.is_none() {
        return Err(PackageError::damaged(
            "apk",
            "the manifest names no package",
        ));
    }
    if signers.is_empty() {
        return Err(PackageError::Unsigned);
    }
    Ok((package, signers))
}
