//! A package block filled with what reading a file found: the platform a package names,
//! its package name, and the proposed certificate's public key and fingerprint for the
//! platform, with where they came from kept beside them.

use crate::model::apps::{AppPackage, PackageSource};

use super::{PackageReading, PackageWarning};

/// Fills `block` with what `reading` says: the platform a package names, its package
/// name, and the proposed certificate's public key and fingerprint for the platform.
pub fn fill_block(
    block: &mut AppPackage,
    reading: &PackageReading,
    file_name: String,
    now: chrono::DateTime<chrono::Utc>,
) {
    if let Some(platform) = reading.platform {
        block.platform = platform;
    }
    if let Some(name) = &reading.package_name {
        block.package_name = name.clone();
    }
    let Some(proposed) = reading.proposed() else {
        return;
    };
    let cert = &proposed.certificate;
    block.public_key = cert.public_key();
    block.fingerprint = PackageReading::fingerprint(cert, block.platform);
    let mut older_md5 = String::new();
    // Expiry is the rules' to judge against the day of the check; the rest is kept.
    let warnings = reading
        .warnings(now, now)
        .into_iter()
        .filter_map(|w| {
            if let PackageWarning::KeyRotation { older, .. } = &w {
                older_md5 = older.clone();
            }
            (!matches!(
                w,
                PackageWarning::Expired { .. } | PackageWarning::ExpiresSoon { .. }
            ))
            .then(|| w.key().to_owned())
        })
        .collect();
    block.read = Some(PackageSource {
        file_name,
        package_name: reading.package_name.clone(),
        scheme: proposed.scheme.key().to_owned(),
        subject: cert.subject.clone(),
        not_after: cert.not_after,
        certificate: super::cert::base64(&cert.der),
        warnings,
        older_md5,
    });
}
