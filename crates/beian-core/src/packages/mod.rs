//! App packages read for an APP filing's 特征信息 (`../shared/domain/app-filing.md` §2):
//! the package name and the signing certificate of an Android `.apk`, an iOS `.ipa` or
//! `.mobileprovision`, a HarmonyOS `.hap`/`.app`, or a certificate file (`.cer`, `.crt`,
//! `.der`, `.pem`). Only the parts that say these things are read, each up to a limit, so
//! a package of any size reads in milliseconds and a hostile one cannot exhaust memory.

mod apk;
mod axml;
pub mod cert;
mod fill;
mod hap;
mod ios;
mod le;
pub mod macho;
mod pkcs7;
mod zipread;

use std::io::{Read, Seek};
use std::path::Path;

use chrono::{DateTime, Utc};

pub use cert::{CertificateInfo, KeyKind, KeyRendering};
pub use fill::fill_block;

use crate::i18n::{self, Locale};
use crate::model::apps::Platform;

/// How much of a package is read, at most.
pub mod limits {
    /// The APK or HAP signing block.
    pub const SIGNING_BLOCK: u64 = 16 << 20;
    /// `AndroidManifest.xml`, `Info.plist`, `module.json`.
    pub const MANIFEST: u64 = 4 << 20;
    /// A v1 signature file or a provisioning profile.
    pub const SIGNATURE_FILE: u64 = 4 << 20;
    /// A certificate file or a profile given on its own.
    pub const LONE_FILE: u64 = 4 << 20;
    /// A compressed `.hap` inside an `.app`, unpacked into memory.
    pub const INNER_HAP: u64 = 256 << 20;
    /// Signers or listed certificates taken from one package.
    pub const SIGNERS: usize = 16;
}

/// Where a certificate was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// APK Signature Scheme v3.1.
    V31,
    /// APK Signature Scheme v3.
    V3,
    /// APK Signature Scheme v2.
    V2,
    /// The JAR signature (v1), `META-INF/*.RSA|DSA|EC`.
    V1,
    /// An iOS provisioning profile's `DeveloperCertificates`.
    Profile,
    /// The code signature of an iOS executable (what the app is signed with).
    CodeSignature,
    /// The HAP signing block.
    HapSignature,
    /// A certificate file on its own.
    CertificateFile,
}

impl Scheme {
    /// The stable key (JSON, i18n).
    pub fn key(self) -> &'static str {
        match self {
            Scheme::V31 => "apk_v31",
            Scheme::V3 => "apk_v3",
            Scheme::V2 => "apk_v2",
            Scheme::V1 => "apk_v1",
            Scheme::Profile => "provisioning_profile",
            Scheme::CodeSignature => "code_signature",
            Scheme::HapSignature => "hap_signature",
            Scheme::CertificateFile => "certificate_file",
        }
    }

    /// Where it was found, in words.
    pub fn label(self, locale: Locale) -> String {
        i18n::t(locale, &format!("package.scheme.{}", self.key())).into_owned()
    }
}

/// A certificate that signs (or may sign) the package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signer {
    /// Where it was found.
    pub scheme: Scheme,
    /// The certificate.
    pub certificate: CertificateInfo,
}

/// What a package or certificate file says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackageReading {
    /// The platform the file is for; `None` for a certificate alone.
    pub platform: Option<Platform>,
    /// 包名 / Bundle ID / bundleName; `None` for a certificate alone.
    pub package_name: Option<String>,
    /// The certificates found, the one to file first.
    pub signers: Vec<Signer>,
}

/// Something that may get a filing returned, found in a package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PackageWarning {
    /// Signed with Android's debug key: a store will not take it, and its values are not
    /// the release's. Blocks a filing.
    DebugCertificate,
    /// An iOS development certificate where a distribution one is expected.
    DevelopmentCertificate,
    /// The certificate has expired.
    Expired { on: DateTime<Utc> },
    /// The certificate expires before the filing is likely to be approved.
    ExpiresSoon { on: DateTime<Utc> },
    /// The v3 signer differs from the v1/v2 one (key rotation): current devices use the
    /// v3 one, which is proposed.
    KeyRotation { older: String, newer: String },
    /// Several different certificates; the first is proposed.
    SeveralSigners { count: usize },
    /// An `.ipa` downloaded from the App Store: Apple re-signed it, so its certificate is
    /// Apple's, not the developer's. Blocks a filing.
    StoreSigned,
}

impl PackageWarning {
    /// The stable key (JSON, i18n).
    pub fn key(&self) -> &'static str {
        match self {
            PackageWarning::DebugCertificate => "debug_certificate",
            PackageWarning::DevelopmentCertificate => "development_certificate",
            PackageWarning::Expired { .. } => "expired",
            PackageWarning::ExpiresSoon { .. } => "expires_soon",
            PackageWarning::KeyRotation { .. } => "key_rotation",
            PackageWarning::SeveralSigners { .. } => "several_signers",
            PackageWarning::StoreSigned => "store_signed",
        }
    }

    /// Whether a filing made with these values would be returned for sure.
    pub fn blocks_filing(&self) -> bool {
        matches!(
            self,
            PackageWarning::DebugCertificate
                | PackageWarning::Expired { .. }
                | PackageWarning::StoreSigned
        )
    }

    /// The warning in words.
    pub fn message(&self, locale: Locale) -> String {
        let key = format!("package.warning.{}", self.key());
        let date = |on: &DateTime<Utc>| on.format("%Y-%m-%d").to_string();
        match self {
            PackageWarning::Expired { on } | PackageWarning::ExpiresSoon { on } => {
                i18n::tf(locale, &key, &[("date", &date(on))])
            }
            PackageWarning::KeyRotation { older, newer } => {
                i18n::tf(locale, &key, &[("older", older), ("newer", newer)])
            }
            PackageWarning::SeveralSigners { count } => {
                i18n::tf(locale, &key, &[("count", &count.to_string())])
            }
            _ => i18n::t(locale, &key).into_owned(),
        }
    }
}

/// Why a file could not be read.
#[derive(Clone, Debug, thiserror::Error)]
pub enum PackageError {
    /// Reading the file failed.
    #[error("read: {0}")]
    Io(crate::cause::Cause),
    /// Not a package, profile or certificate beian knows.
    #[error("not an app package or certificate")]
    NotAPackage,
    /// A ZIP file without the manifest of any kind of app.
    #[error("no app manifest")]
    NoManifest,
    /// An `.ipa` without `embedded.mobileprovision`.
    #[error("no provisioning profile")]
    NoProfile,
    /// A package without any signature.
    #[error("not signed")]
    Unsigned,
    /// A signature without a certificate.
    #[error("no certificate")]
    NoCertificate,
    /// An entry larger than beian reads.
    #[error("{entry} is too large")]
    TooLarge { entry: String },
    /// A part is malformed.
    #[error("{part}: {detail}")]
    Damaged { part: &'static str, detail: String },
}

impl From<std::io::Error> for PackageError {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::UnexpectedEof {
            PackageError::damaged("file", "it ends too early (truncated?)")
        } else {
            PackageError::Io(crate::cause::cause(e))
        }
    }
}

impl PackageError {
    pub(crate) fn damaged(part: &'static str, detail: impl std::fmt::Display) -> PackageError {
        PackageError::Damaged {
            part,
            detail: detail.to_string(),
        }
    }

    /// The stable key (JSON, i18n).
    pub fn key(&self) -> &'static str {
        match self {
            PackageError::Io(_) => "io",
            PackageError::NotAPackage => "not_a_package",
            PackageError::NoManifest => "no_manifest",
            PackageError::NoProfile => "no_profile",
            PackageError::Unsigned => "unsigned",
            PackageError::NoCertificate => "no_certificate",
            PackageError::TooLarge { .. } => "too_large",
            PackageError::Damaged { .. } => "damaged",
        }
    }

    /// The message in `locale`.
    pub fn user_message(&self, locale: Locale) -> String {
        let key = format!("package.error.{}", self.key());
        match self {
            PackageError::Io(e) => i18n::tf(locale, &key, &[("detail", &e.to_string())]),
            PackageError::TooLarge { entry } => i18n::tf(locale, &key, &[("entry", entry)]),
            PackageError::Damaged { part, detail } => {
                i18n::tf(locale, &key, &[("part", part), ("detail", detail)])
            }
            _ => i18n::t(locale, &key).into_owned(),
        }
    }
}

/// Reads the package or certificate file at `path`.
pub fn read_file(path: &Path) -> Result<PackageReading, PackageError> {
    let file = std::fs::File::open(path)?;
    read(std::io::BufReader::with_capacity(64 * 1024, file))
}

/// Reads a package or certificate file from memory.
pub fn read_bytes(bytes: &[u8]) -> Result<PackageReading, PackageError> {
    read(std::io::Cursor::new(bytes))
}

/// Reads a package or certificate file: what it is is told by its content, not its name.
pub fn read<R: Read + Seek>(mut reader: R) -> Result<PackageReading, PackageError> {
    let mut head = [0u8; 4];
    let n = reader.read(&mut head)?;
    reader.rewind()?;
    if n == 4 && head == *b"PK\x03\x04" {
        return read_zip(reader);
    }
    let mut data = Vec::new();
    reader.take(limits::LONE_FILE + 1).read_to_end(&mut data)?;
    if data.len() as u64 > limits::LONE_FILE {
        return Err(PackageError::NotAPackage);
    }
    read_lone(&data)
}

fn read_zip<R: Read + Seek>(reader: R) -> Result<PackageReading, PackageError> {
    let mut archive = zip::ZipArchive::new(reader).map_err(|e| PackageError::damaged("zip", e))?;
    let has = |a: &zip::ZipArchive<R>, name: &str| a.index_for_name(name).is_some();
    let (platform, (package_name, signers)) = if has(&archive, "AndroidManifest.xml") {
        (Platform::Android, apk::read(archive.into_inner())?)
    } else if ios::is_ipa(&archive) {
        (Platform::Ios, ios::read_ipa(&mut archive)?)
    } else if has(&archive, "module.json") {
        (Platform::Harmony, hap::read(archive.into_inner())?)
    } else if let Some(inner) = has(&archive, "pack.info")
        .then(|| hap::inner_hap(&archive))
        .flatten()
    {
        (Platform::Harmony, read_inner_hap(archive, &inner)?)
    } else {
        return Err(PackageError::NoManifest);
    };
    Ok(PackageReading {
        platform: Some(platform),
        package_name,
        signers: dedup(signers),
    })
}

/// The `.hap` inside an App Pack: read in place when stored, unpacked (up to a limit)
/// when compressed.
fn read_inner_hap<R: Read + Seek>(
    mut archive: zip::ZipArchive<R>,
    name: &str,
) -> Result<(Option<String>, Vec<Signer>), PackageError> {
    let (stored, start, size) = {
        let file = archive
            .by_name(name)
            .map_err(|e| PackageError::damaged("zip", e))?;
        (
            file.compression() == zip::CompressionMethod::Stored,
            file.data_start().unwrap_or_default(),
            file.size(),
        )
    };
    if stored && start > 0 {
        return hap::read(zipread::Window::new(archive.into_inner(), start, size));
    }
    let data =
        zipread::entry(&mut archive, name, limits::INNER_HAP)?.ok_or(PackageError::NoManifest)?;
    hap::read(std::io::Cursor::new(data))
}

/// A certificate (DER or PEM), a provisioning profile or a PKCS#7 certificate bundle.
fn read_lone(data: &[u8]) -> Result<PackageReading, PackageError> {
    let text = std::str::from_utf8(data).ok();
    let ders: Vec<Vec<u8>> = match text.filter(|t| t.contains("-----BEGIN")) {
        Some(text) => pem_blocks(text)?,
        None => vec![data.to_vec()],
    };
    let mut signers = Vec::new();
    for der in ders.iter().take(limits::SIGNERS) {
        match CertificateInfo::from_der(der) {
            Ok(certificate) => signers.push(Signer {
                scheme: Scheme::CertificateFile,
                certificate,
            }),
            Err(_) if ders.len() == 1 => return read_signed(der),
            Err(e) => return Err(e),
        }
    }
    // A chain (AGC's `.cer` holds root, intermediate and leaf): the leaf is the app's.
    signers.sort_by_key(|s| s.certificate.is_ca);
    Ok(PackageReading {
        platform: None,
        package_name: None,
        signers,
    })
}

/// A DER PKCS#7: a provisioning profile (iOS), or a certificate bundle (`.p7b`).
fn read_signed(der: &[u8]) -> Result<PackageReading, PackageError> {
    if let Ok(profile) = ios::profile(der) {
        let signers = profile
            .certificates
            .into_iter()
            .map(|certificate| Signer {
                scheme: Scheme::Profile,
                certificate,
            })
            .collect();
        let package_name = profile.bundle_id.filter(|id| !id.contains('*'));
        return Ok(PackageReading {
            platform: Some(Platform::Ios),
            package_name,
            signers: dedup(signers),
        });
    }
    let signed = pkcs7::read(der).map_err(|_| PackageError::NotAPackage)?;
    let leaf = pkcs7::end_entity(&signed).ok_or(PackageError::NoCertificate)?;
    Ok(PackageReading {
        platform: None,
        package_name: None,
        signers: vec![Signer {
            scheme: Scheme::CertificateFile,
            certificate: leaf.clone(),
        }],
    })
}

fn pem_blocks(text: &str) -> Result<Vec<Vec<u8>>, PackageError> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let after = &rest[start..];
        let body_start = after.find('\n').ok_or(PackageError::NotAPackage)? + 1;
        let end = after.find("-----END ").ok_or(PackageError::NotAPackage)?;
        if end < body_start {
            return Err(PackageError::NotAPackage);
        }
        let body: String = after[body_start..end]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        out.push(cert::base64_decode(&body).ok_or(PackageError::NotAPackage)?);
        rest = &after[end + "-----END ".len()..];
        if out.len() > limits::SIGNERS {
            break;
        }
    }
    if out.is_empty() {
        return Err(PackageError::NotAPackage);
    }
    Ok(out)
}

/// The signers with each certificate once (v1, v2 and v3 usually carry the same one).
fn dedup(signers: Vec<Signer>) -> Vec<Signer> {
    let mut out: Vec<Signer> = Vec::new();
    for s in signers {
        if !out.iter().any(|o| o.certificate.der == s.certificate.der) {
            out.push(s);
        }
    }
    out
}

impl PackageReading {
    /// The certificate proposed for the filing: the newest scheme's (current devices check
    /// v3.1, then v3, then v2, then v1).
    pub fn proposed(&self) -> Option<&Signer> {
        self.signers.first()
    }

    /// The fingerprint the filing asks for on `platform`: the certificate's MD5 for
    /// Android (32 hex), SHA-1 for iOS and HarmonyOS (40 hex).
    pub fn fingerprint(certificate: &CertificateInfo, platform: Platform) -> String {
        match platform {
            Platform::Android | Platform::Other => certificate.md5(),
            Platform::Ios | Platform::Harmony => certificate.sha1(),
        }
    }

    /// The warnings, as of `now`, for a filing whose review is likely to take until
    /// `approved_by`.
    pub fn warnings(&self, now: DateTime<Utc>, approved_by: DateTime<Utc>) -> Vec<PackageWarning> {
        let mut out = Vec::new();
        let Some(proposed) = self.proposed() else {
            return out;
        };
        let cert = &proposed.certificate;
        let cn = cert.common_name().unwrap_or_default();
        if cn.starts_with("Android Debug") {
            out.push(PackageWarning::DebugCertificate);
        }
        if self.platform == Some(Platform::Ios)
            && (cn.starts_with("Apple Development") || cn.starts_with("iPhone Developer"))
        {
            out.push(PackageWarning::DevelopmentCertificate);
        }
        if self.platform == Some(Platform::Ios) && cn.starts_with("Apple iPhone OS Application") {
            out.push(PackageWarning::StoreSigned);
        }
        if let Some(end) = cert.not_after {
            if end <= now {
                out.push(PackageWarning::Expired { on: end });
            } else if end <= approved_by {
                out.push(PackageWarning::ExpiresSoon { on: end });
            }
        }
        let rotated = self.signers.iter().find(|s| {
            matches!(s.scheme, Scheme::V2 | Scheme::V1)
                && matches!(proposed.scheme, Scheme::V3 | Scheme::V31)
        });
        if let Some(older) = rotated {
            out.push(PackageWarning::KeyRotation {
                older: older.certificate.md5(),
                newer: cert.md5(),
            });
        } else if self.signers.len() > 1 {
            out.push(PackageWarning::SeveralSigners {
                count: self.signers.len(),
            });
        }
        out
    }
}
