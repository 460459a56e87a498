//! `beian app-info FILE... [--json]`: an APP filing's 特征信息 read from app packages
//! (`.apk`, `.ipa`, `.hap`/`.app`), provisioning profiles or certificate files: platform,
//! package name, the fingerprint the filing asks for, every rendering of the public key,
//! the certificate's subject, issuer and validity, and the warnings. Nothing is
//! unpacked: only the manifest, the signatures and the central directory are read. Exit
//! 0 when every file was read, 1 when one was read with a warning that blocks a filing
//! (a debug or expired certificate), 2 when one cannot be read.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::i18n::{Locale, t, tf};
use crate::model::apps::Platform;
use crate::packages::{self, CertificateInfo, PackageReading, PackageWarning};

/// How long a filing usually takes from export to approval: the provider's review, the
/// MIIT SMS and up to 20 working days at the bureau. A certificate that expires before
/// then is flagged.
pub const REVIEW_DAYS: i64 = 30;

/// One certificate in [`FileOutput`].
#[derive(Debug, Serialize)]
pub struct CertificateOutput {
    /// Where it was found (`apk_v3`, `apk_v1`, `provisioning_profile`, …).
    pub source: &'static str,
    /// The value for the filing's 签名MD5值 field on this platform (MD5 for Android, SHA-1
    /// for iOS and HarmonyOS).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    /// MD5 of the certificate, upper-case hex.
    pub md5: String,
    /// SHA-1 of the certificate, upper-case hex.
    pub sha1: String,
    /// SHA-256 of the certificate, upper-case hex.
    pub sha256: String,
    /// The default rendering of the public key (RSA modulus or EC point, upper-case hex).
    pub public_key: String,
    /// Every rendering, by name (`modulus_hex`, `modulus_decimal`, `pkcs1_hex`,
    /// `spki_hex`, `spki_base64`, `ec_point`).
    pub public_key_renderings: Vec<(&'static str, String)>,
    /// Subject, RFC 4514.
    pub subject: String,
    /// Issuer, RFC 4514.
    pub issuer: String,
    /// Valid from (UTC, RFC 3339).
    pub not_before: Option<String>,
    /// Valid until (UTC, RFC 3339).
    pub not_after: Option<String>,
}

/// One warning in [`FileOutput`].
#[derive(Debug, Serialize)]
pub struct WarningOutput {
    /// Stable code, e.g. `debug_certificate`.
    pub code: &'static str,
    /// Whether a filing with these values would be returned.
    pub blocks_filing: bool,
    /// The message in the output language.
    pub message: String,
}

/// One file in the `beian.app-info/1` document.
#[derive(Debug, Serialize)]
pub struct FileOutput {
    /// The file as given.
    pub file: String,
    /// `android`, `ios`, `harmony`, or absent for a certificate alone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<&'static str>,
    /// 包名 / Bundle ID / bundleName.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package_name: Option<String>,
    /// The certificates, the one proposed for the filing first.
    pub certificates: Vec<CertificateOutput>,
    /// What may get the filing returned.
    pub warnings: Vec<WarningOutput>,
    /// Why the file cannot be read: `{code, message}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<(String, String)>,
}

fn rfc3339(at: Option<DateTime<Utc>>) -> Option<String> {
    at.map(|a| a.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

fn certificate(
    c: &CertificateInfo,
    source: &'static str,
    platform: Option<Platform>,
) -> CertificateOutput {
    CertificateOutput {
        source,
        fingerprint: platform.map(|p| PackageReading::fingerprint(c, p)),
        md5: c.md5(),
        sha1: c.sha1(),
        sha256: c.sha256(),
        public_key: c.public_key(),
        public_key_renderings: c
            .renderings()
            .into_iter()
            .map(|(r, v)| (r.key(), v))
            .collect(),
        subject: c.subject.clone(),
        issuer: c.issuer.clone(),
        not_before: rfc3339(c.not_before),
        not_after: rfc3339(c.not_after),
    }
}

/// Reads one file.
pub fn file_output(locale: Locale, path: &std::path::Path, now: DateTime<Utc>) -> FileOutput {
    let file = path.display().to_string();
    match packages::read_file(path) {
        Err(e) => FileOutput {
            file,
            platform: None,
            package_name: None,
            certificates: Vec::new(),
            warnings: Vec::new(),
            error: Some((format!("package.error.{}", e.key()), e.user_message(locale))),
        },
        Ok(reading) => {
            let approved_by = now + chrono::Duration::days(REVIEW_DAYS);
            let warnings = reading
                .warnings(now, approved_by)
                .iter()
                .map(|w: &PackageWarning| WarningOutput {
                    code: w.key(),
                    blocks_filing: w.blocks_filing(),
                    message: w.message(locale),
                })
                .collect();
            FileOutput {
                file,
                platform: reading.platform.map(Platform::key),
                package_name: reading.package_name.clone(),
                certificates: reading
                    .signers
                    .iter()
                    .map(|s| certificate(&s.certificate, s.scheme.key(), reading.platform))
                    .collect(),
                warnings,
                error: None,
            }
        }
    }
}

fn text(locale: Locale, f: &FileOutput) -> String {
    let mut out = format!("{}\n", f.file);
    if let Some((_, message)) = &f.error {
        out.push_str(&format!(
            "  {}\n",
            tf(locale, "cli.app_info.unreadable", &[("message", message)])
        ));
        return out;
    }
    let line = |out: &mut String, key: &str, value: &str| {
        out.push_str(&format!("  {}: {value}\n", t(locale, key)));
    };
    if let Some(platform) = f.platform.and_then(Platform::from_key) {
        line(&mut out, "cli.app_info.platform", &platform.label(locale));
    }
    if let Some(name) = &f.package_name {
        line(&mut out, "cli.app_info.package_name", name);
    }
    for (i, c) in f.certificates.iter().enumerate() {
        let source = t(locale, &format!("package.scheme.{}", c.source));
        out.push_str(&format!(
            "  {}\n",
            tf(
                locale,
                "cli.app_info.certificate",
                &[("n", &(i + 1).to_string()), ("source", &source)]
            )
        ));
        if let Some(fp) = &c.fingerprint {
            line(&mut out, "cli.app_info.fingerprint", fp);
        }
        line(&mut out, "cli.app_info.md5", &c.md5);
        line(&mut out, "cli.app_info.sha1", &c.sha1);
        line(&mut out, "cli.app_info.public_key", &c.public_key);
        for (name, value) in c.public_key_renderings.iter().skip(1) {
            line(&mut out, &format!("package.rendering.{name}"), value);
        }
        line(&mut out, "cli.app_info.subject", &c.subject);
        line(&mut out, "cli.app_info.issuer", &c.issuer);
        let validity = format!(
            "{} – {}",
            c.not_before.as_deref().unwrap_or("?"),
            c.not_after.as_deref().unwrap_or("?")
        );
        line(&mut out, "cli.app_info.validity", &validity);
    }
    for w in &f.warnings {
        out.push_str(&format!(
            "  {} {}\n",
            if w.blocks_filing { "✗" } else { "!" },
            w.message
        ));
    }
    out
}

/// Runs `beian app-info`.
pub fn run(locale: Locale, files: &[PathBuf], json: bool, now: DateTime<Utc>) -> ExitCode {
    let outputs: Vec<FileOutput> = files.iter().map(|f| file_output(locale, f, now)).collect();
    let code = if outputs.iter().any(|o| o.error.is_some()) {
        2
    } else if outputs
        .iter()
        .any(|o| o.warnings.iter().any(|w| w.blocks_filing))
    {
        1
    } else {
        0
    };
    let printed = if json {
        serde_json::to_string_pretty(&serde_json::json!({
            "format": "beian.app-info/1",
            "ok": code == 0,
            "files": outputs,
        }))
        .unwrap_or_default()
            + "\n"
    } else {
        outputs
            .iter()
            .map(|o| text(locale, o))
            .collect::<Vec<_>>()
            .join("\n")
    };
    if let Err(err) = std::io::stdout().lock().write_all(printed.as_bytes()) {
        log::debug!("stdout closed: {err}");
    }
    ExitCode::from(code)
}
