//! iOS: the Bundle ID from `Payload/<Name>.app/Info.plist` (binary or XML), and the
//! certificate the app is signed with: from the executable's code signature where it has
//! one (`macho`), else from `embedded.mobileprovision`, a CMS-signed plist whose
//! `DeveloperCertificates` lists the certificates the app may be signed with.

use std::io::{Read, Seek};

use super::cert::CertificateInfo;
use super::zipread::entry;
use super::{PackageError, Scheme, Signer, limits};

/// What a provisioning profile says.
pub(crate) struct Profile {
    /// The app identifier without its team prefix (`com.example.app`, or `*`).
    pub bundle_id: Option<String>,
    /// The certificates it lists.
    pub certificates: Vec<CertificateInfo>,
}

/// Reads a provisioning profile (DER CMS with a plist inside).
pub(crate) fn profile(der: &[u8]) -> Result<Profile, PackageError> {
    let signed = super::pkcs7::read(der)?;
    let content = signed
        .content
        .ok_or_else(|| PackageError::damaged("mobileprovision", "no profile inside"))?;
    let plist = plist::Value::from_reader(std::io::Cursor::new(content))
        .map_err(|e| PackageError::damaged("mobileprovision", e))?;
    let dict = plist.as_dictionary().ok_or_else(|| {
        PackageError::damaged("mobileprovision", "the profile is not a dictionary")
    })?;
    let mut certificates = Vec::new();
    for data in dict
        .get("DeveloperCertificates")
        .and_then(plist::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(plist::Value::as_data)
        .take(limits::SIGNERS)
    {
        certificates.push(CertificateInfo::from_der(data)?);
    }
    if certificates.is_empty() {
        return Err(PackageError::NoCertificate);
    }
    let bundle_id = dict
        .get("Entitlements")
        .and_then(plist::Value::as_dictionary)
        .and_then(|e| e.get("application-identifier"))
        .and_then(plist::Value::as_string)
        .and_then(|id| id.split_once('.'))
        .map(|(_, bundle)| bundle.to_owned());
    Ok(Profile {
        bundle_id,
        certificates,
    })
}

/// The app folder of an `.ipa`: the one `Payload/<Name>.app/` that has an `Info.plist`.
fn app_folder<R: Read + Seek>(archive: &zip::ZipArchive<R>) -> Option<String> {
    super::zipread::names(archive).into_iter().find_map(|name| {
        let rest = name.strip_prefix("Payload/")?;
        let (folder, file) = rest.split_once('/')?;
        (folder.ends_with(".app") && file == "Info.plist").then(|| format!("Payload/{folder}/"))
    })
}

/// Whether `archive` looks like an `.ipa`.
pub(crate) fn is_ipa<R: Read + Seek>(archive: &zip::ZipArchive<R>) -> bool {
    app_folder(archive).is_some()
}

/// The Bundle ID and certificates of an `.ipa`.
pub(crate) fn read_ipa<R: Read + Seek>(
    archive: &mut zip::ZipArchive<R>,
) -> Result<(Option<String>, Vec<Signer>), PackageError> {
    let folder = app_folder(archive).ok_or(PackageError::NoManifest)?;
    let info = entry(archive, &format!("{folder}Info.plist"), limits::MANIFEST)?
        .ok_or(PackageError::NoManifest)?;
    let info = plist::Value::from_reader(std::io::Cursor::new(info))
        .map_err(|e| PackageError::damaged("Info.plist", e))?;
    let bundle_id = info
        .as_dictionary()
        .and_then(|d| d.get("CFBundleIdentifier"))
        .and_then(plist::Value::as_string)
        .map(str::to_owned);
    if bundle_id.is_none() {
        return Err(PackageError::damaged("Info.plist", "no CFBundleIdentifier"));
    }
    let executable = info
        .as_dictionary()
        .and_then(|d| d.get("CFBundleExecutable"))
        .and_then(plist::Value::as_string)
        .filter(|name| !name.contains('/') && !name.is_empty())
        .map(|name| format!("{folder}{name}"));
    // The code signature when it can be read; a damaged or unsigned executable leaves the
    // profile to say which certificate (and its error stands only without a profile).
    let signature_error = match executable.map(|name| code_signer(archive, &name)) {
        Some(Ok(Some(signer))) => return Ok((bundle_id, vec![signer])),
        Some(Err(e)) => Some(e),
        Some(Ok(None)) | None => None,
    };
    let der = entry(
        archive,
        &format!("{folder}embedded.mobileprovision"),
        limits::SIGNATURE_FILE,
    )?
    .ok_or_else(|| signature_error.unwrap_or(PackageError::NoProfile))?;
    let profile = profile(&der)?;
    let signers = profile
        .certificates
        .into_iter()
        .map(|certificate| Signer {
            scheme: Scheme::Profile,
            certificate,
        })
        .collect();
    Ok((bundle_id, signers))
}

/// The signing certificate of the executable `name`, read as a stream up to its code
/// signature; `None` when the archive has no such file or it is not signed.
fn code_signer<R: Read + Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<Signer>, PackageError> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(PackageError::damaged("zip", e)),
    };
    if file.size() > super::macho::MAX_EXECUTABLE {
        return Err(PackageError::TooLarge {
            entry: name.to_owned(),
        });
    }
    let Some(signed) = super::macho::signature_certificates(file)? else {
        return Ok(None);
    };
    let leaf = super::pkcs7::end_entity(&signed)
        .cloned()
        .ok_or(PackageError::NoCertificate)?;
    Ok(Some(Signer {
        scheme: Scheme::CodeSignature,
        certificate: leaf,
    }))
}
