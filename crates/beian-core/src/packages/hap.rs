//! HarmonyOS: `bundleName` from a `.hap`'s `module.json`, and the app certificate from the
//! HAP signing block that ends where the central directory starts (a PKCS#7 whose
//! end-entity certificate is the app's, found by its basicConstraints, not by position).

use super::le::{u32_at, u64_at};
use std::io::{Read, Seek};

use super::zipread::{central_directory_offset, entry, read_at};
use super::{PackageError, Scheme, Signer, limits};

/// `"<hap sign block>"` (version 3 and later), as two little-endian i64.
const MAGIC_V3: (u64, u64) = (0x6769_7320_7061_683c, 0x3e6b_636f_6c62_206e);
/// `"HAP Sig Block 42"` (older versions).
const MAGIC_OLD: (u64, u64) = (0x2067_6953_2050_4148, 0x3234_206b_636f_6c42);
/// The main signature sub-block: PKCS#7 SignedData.
const SIGNATURE: u32 = 0x2000_0000;

/// The PKCS#7 of the HAP signing block, `None` when the package has no block.
fn signature<R: Read + Seek>(r: &mut R) -> Result<Option<Vec<u8>>, PackageError> {
    let cd = central_directory_offset(r)?;
    if cd < 32 {
        return Ok(None);
    }
    let tail = read_at(r, cd - 32, 32)?;
    let lies = || PackageError::damaged("hap", "the signing block is malformed");
    let magic = (
        u64_at(&tail, 12).ok_or_else(lies)?,
        u64_at(&tail, 20).ok_or_else(lies)?,
    );
    if magic != MAGIC_V3 && magic != MAGIC_OLD {
        return Ok(None);
    }
    let count = usize::try_from(u32_at(&tail, 0).ok_or_else(lies)?).map_err(|_| lies())?;
    let size = u64_at(&tail, 4).ok_or_else(lies)?;
    if !(32..=limits::SIGNING_BLOCK).contains(&size) || size > cd || count > 64 {
        return Err(lies());
    }
    let block = read_at(r, cd - size, usize::try_from(size).map_err(|_| lies())?)?;
    for i in 0..count {
        let at = i * 12;
        let kind = u32_at(&block, at).ok_or_else(lies)?;
        let len = usize::try_from(u32_at(&block, at + 4).ok_or_else(lies)?).map_err(|_| lies())?;
        let offset =
            usize::try_from(u32_at(&block, at + 8).ok_or_else(lies)?).map_err(|_| lies())?;
        if kind == SIGNATURE {
            let end = offset.checked_add(len).ok_or_else(lies)?;
            return Ok(Some(block.get(offset..end).ok_or_else(lies)?.to_vec()));
        }
    }
    Ok(None)
}

/// The bundle name of a `module.json` (`app.bundleName`).
fn bundle_name(json: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(json).ok()?;
    value
        .get("app")?
        .get("bundleName")?
        .as_str()
        .map(str::to_owned)
}

/// The bundle name and app certificate of a `.hap`.
pub(crate) fn read<R: Read + Seek>(
    mut reader: R,
) -> Result<(Option<String>, Vec<Signer>), PackageError> {
    let pkcs7 = signature(&mut reader);
    let mut archive = zip::ZipArchive::new(reader).map_err(|e| PackageError::damaged("zip", e))?;
    let json =
        entry(&mut archive, "module.json", limits::MANIFEST)?.ok_or(PackageError::NoManifest)?;
    let name = bundle_name(&json)
        .ok_or_else(|| PackageError::damaged("module.json", "no app.bundleName"))?;
    let der = pkcs7?.ok_or(PackageError::Unsigned)?;
    let signed = super::pkcs7::read(&der)?;
    let cert = super::pkcs7::end_entity(&signed).ok_or(PackageError::NoCertificate)?;
    Ok((
        Some(name),
        vec![Signer {
            scheme: Scheme::HapSignature,
            certificate: cert.clone(),
        }],
    ))
}

/// The `.hap` inside an `.app` (App Pack): the entry module, else the first `.hap`.
pub(crate) fn inner_hap<R: Read + Seek>(archive: &zip::ZipArchive<R>) -> Option<String> {
    let haps: Vec<String> = super::zipread::names(archive)
        .into_iter()
        .filter(|n| n.ends_with(".hap") && !n.contains('/'))
        .collect();
    haps.iter()
        .find(|n| n.contains("entry"))
        .or_else(|| haps.first())
        .cloned()
}
