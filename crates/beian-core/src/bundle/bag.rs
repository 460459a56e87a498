//! The text files of a BagIt bag: their names, how beian writes them, and how they are
//! read back (strictly: a line that does not parse is an error, never skipped).

use std::collections::BTreeMap;

/// `bagit.txt`.
pub const BAGIT: &str = "bagit.txt";
/// `bag-info.txt`.
pub const BAG_INFO: &str = "bag-info.txt";
/// `manifest-sha256.txt`.
pub const MANIFEST: &str = "manifest-sha256.txt";
/// `tagmanifest-sha256.txt`.
pub const TAG_MANIFEST: &str = "tagmanifest-sha256.txt";
/// The applicant's signature of the tag manifest.
pub const SIGNATURE: &str = "tagmanifest-sha256.txt.minisig";
/// The applicant's public key (a convenience copy; trust comes from elsewhere).
pub const APPLICANT_PUB: &str = "applicant.pub";
/// The folder of help-desk countersignatures.
pub const COUNTERSIGNATURES: &str = "countersignatures/";
/// The payload folder.
pub const DATA: &str = "data/";
/// The filing, as RON.
pub const APPLICATION_RON: &str = "data/application.ron";
/// The filing, as JSON.
pub const APPLICATION_JSON: &str = "data/application.json";
/// The printable summary.
pub const SUMMARY_HTML: &str = "data/summary.html";

/// The contents of `bagit.txt`.
pub const BAGIT_TXT: &str = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";

/// What `bag-info.txt` says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BagInfo {
    /// `Bagging-Date`, `YYYY-MM-DD`.
    pub bagging_date: String,
    /// `External-Identifier`: the bag id, also the top folder's name.
    pub external_identifier: String,
    /// `Payload-Oxum`: total payload bytes.
    pub payload_octets: u64,
    /// `Payload-Oxum`: number of payload files.
    pub payload_files: u64,
    /// `Beian-App-Version`.
    pub app_version: String,
    /// `Beian-Signer-Key-Id`, 16 hex digits.
    pub signer_key_id: String,
    /// `Beian-Signer-Role`.
    pub signer_role: String,
    /// `Beian-Signer-Holder`: whose key signed (`applicant` or `desk`); absent in bundles
    /// made before beian said so (they were signed with the applicant key).
    pub signer_holder: Option<String>,
    /// `Beian-Signer-Desk`: the help desk's name when its key signed.
    pub signer_desk: Option<String>,
    /// `Beian-Filing-Type`: the kind of filing's stable key (e.g. `first`); absent in
    /// bundles made before beian knew kinds of filing.
    pub filing_type: Option<String>,
}

impl BagInfo {
    /// The file's text (labels in a fixed order).
    pub fn to_text(&self) -> String {
        let mut text = format!(
            "Bag-Software-Agent: beian {v}\nBagging-Date: {d}\nExternal-Identifier: {id}\n\
             Payload-Oxum: {o}.{n}\nBeian-App-Version: {v}\nBeian-Signer-Key-Id: {k}\n\
             Beian-Signer-Role: {r}\n",
            v = self.app_version,
            d = self.bagging_date,
            id = self.external_identifier,
            o = self.payload_octets,
            n = self.payload_files,
            k = self.signer_key_id,
            r = self.signer_role,
        );
        if let Some(holder) = &self.signer_holder {
            text.push_str(&format!("Beian-Signer-Holder: {holder}\n"));
        }
        if let Some(desk) = &self.signer_desk {
            // One line: a name never breaks the file's layout.
            let desk: String = desk.chars().filter(|c| !c.is_control()).collect();
            text.push_str(&format!("Beian-Signer-Desk: {desk}\n"));
        }
        if let Some(kind) = &self.filing_type {
            text.push_str(&format!("Beian-Filing-Type: {kind}\n"));
        }
        text
    }

    /// Reads the file. Returns `None` when a required label is missing or malformed.
    pub fn parse(text: &str) -> Option<BagInfo> {
        let mut labels: BTreeMap<&str, &str> = BTreeMap::new();
        for line in text.lines() {
            if line.is_empty() {
                continue;
            }
            let (label, value) = line.split_once(':')?;
            labels.insert(label.trim(), value.trim());
        }
        let (octets, files) = labels.get("Payload-Oxum")?.split_once('.')?;
        Some(BagInfo {
            bagging_date: (*labels.get("Bagging-Date")?).to_owned(),
            external_identifier: (*labels.get("External-Identifier")?).to_owned(),
            payload_octets: octets.parse().ok()?,
            payload_files: files.parse().ok()?,
            app_version: labels
                .get("Beian-App-Version")
                .map(|s| (*s).to_owned())
                .unwrap_or_default(),
            signer_key_id: (*labels.get("Beian-Signer-Key-Id")?).to_owned(),
            signer_role: (*labels.get("Beian-Signer-Role")?).to_owned(),
            signer_holder: labels.get("Beian-Signer-Holder").map(|s| (*s).to_owned()),
            signer_desk: labels.get("Beian-Signer-Desk").map(|s| (*s).to_owned()),
            filing_type: labels.get("Beian-Filing-Type").map(|s| (*s).to_owned()),
        })
    }
}

/// A manifest: path (relative to the bag) → SHA-256 in lower-case hex, sorted by path.
pub type Manifest = BTreeMap<String, String>;

/// The text of a manifest file: `<sha256>  <path>` per line, sorted by path.
pub fn manifest_text(manifest: &Manifest) -> String {
    let mut out = String::new();
    for (path, sha) in manifest {
        out.push_str(sha);
        out.push_str("  ");
        out.push_str(path);
        out.push('\n');
    }
    out
}

/// Why a manifest line was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ManifestError {
    /// Line `n` (from 1) is not `<64 hex digits> <path>`.
    Malformed(usize),
    /// A path appears twice.
    Duplicate(String),
}

/// Reads a manifest strictly.
pub fn parse_manifest(text: &str) -> Result<Manifest, ManifestError> {
    let mut manifest = Manifest::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let (sha, path) = line
            .split_once(char::is_whitespace)
            .ok_or(ManifestError::Malformed(n + 1))?;
        let path = path.trim_start();
        let is_hash = sha.len() == 64 && sha.bytes().all(|b| b.is_ascii_hexdigit());
        if !is_hash || path.is_empty() {
            return Err(ManifestError::Malformed(n + 1));
        }
        // RFC 8493 §2.1.3: CR, LF and % are percent-encoded in paths.
        let path = path
            .replace("%0D", "\r")
            .replace("%0A", "\n")
            .replace("%25", "%");
        if manifest
            .insert(path.clone(), sha.to_ascii_lowercase())
            .is_some()
        {
            return Err(ManifestError::Duplicate(path));
        }
    }
    Ok(manifest)
}

/// The trusted comment that binds a signature to its role, bag and date.
pub fn trusted_comment(role: &str, bag_id: &str, date: &str) -> String {
    format!(
        "{} role={role} bag={bag_id} date={date}",
        super::SIGNATURE_CONTEXT
    )
}

/// The parts of a trusted comment beian wrote, or `None` for any other comment.
pub fn parse_trusted_comment(comment: &str) -> Option<(String, String, String)> {
    let rest = comment.strip_prefix(super::SIGNATURE_CONTEXT)?.trim();
    let mut role = None;
    let mut bag = None;
    let mut date = None;
    for word in rest.split_whitespace() {
        let (k, v) = word.split_once('=')?;
        match k {
            "role" => role = Some(v.to_owned()),
            "bag" => bag = Some(v.to_owned()),
            "date" => date = Some(v.to_owned()),
            _ => {}
        }
    }
    Some((role?, bag?, date?))
}

/// Payload-Oxum of a manifest's files given their sizes.
pub fn oxum(sizes: impl IntoIterator<Item = u64>) -> (u64, u64) {
    sizes
        .into_iter()
        .fold((0, 0), |(octets, files), size| (octets + size, files + 1))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn bag_info_round_trips() {
        let info = BagInfo {
            bagging_date: "2026-11-28".into(),
            external_identifier: "icp-20261128-0a1b2c3d4e5f".into(),
            payload_octets: 1234,
            payload_files: 5,
            app_version: "0.1.0".into(),
            signer_key_id: "7F3A91C20B44E8D1".into(),
            signer_role: "applicant".into(),
            signer_holder: Some("desk".into()),
            signer_desk: Some("鼓楼服务台 1".into()),
            filing_type: Some("new_access_without_subject".into()),
        };
        assert!(
            info.to_text()
                .ends_with("Beian-Filing-Type: new_access_without_subject\n")
        );
        assert_eq!(BagInfo::parse(&info.to_text()), Some(info.clone()));
        // Bundles made before kinds of filing have no such line.
        let old = BagInfo {
            filing_type: None,
            signer_holder: None,
            signer_desk: None,
            ..info
        };
        assert!(!old.to_text().contains("Beian-Signer-Holder"));
        assert!(!old.to_text().contains("Beian-Filing-Type"));
        assert_eq!(BagInfo::parse(&old.to_text()), Some(old));
        assert_eq!(BagInfo::parse("Bagging-Date 2026"), None);
    }

    #[test]
    fn manifests_are_strict() {
        let sha = "a".repeat(64);
        let text = format!("{sha}  data/a.txt\n{sha}  data/b%25.txt\n");
        let m = parse_manifest(&text).unwrap();
        assert_eq!(m.len(), 2);
        assert!(m.contains_key("data/b%.txt"));
        assert_eq!(
            parse_manifest(&format!("{sha}  data/a\n{sha}  data/a\n")),
            Err(ManifestError::Duplicate("data/a".into()))
        );
        assert_eq!(
            parse_manifest("abc  data/a\n"),
            Err(ManifestError::Malformed(1))
        );
    }

    #[test]
    fn trusted_comments_round_trip() {
        let c = trusted_comment("applicant", "icp-x", "2026-11-28");
        assert_eq!(
            parse_trusted_comment(&c),
            Some(("applicant".into(), "icp-x".into(), "2026-11-28".into()))
        );
        assert_eq!(parse_trusted_comment("timestamp:1700000000"), None);
    }
}
