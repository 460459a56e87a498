//! `data/application.ron` (and its JSON twin): the validated filing as entered, and where
//! each of its files sits in the bag with its original name.

use serde::{Deserialize, Serialize};

use crate::model::{Draft, FieldKey};

/// The format tag of `application.ron`.
pub const APPLICATION_FORMAT: &str = "beian.application/1";

/// The filing inside a bundle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Application {
    /// [`APPLICATION_FORMAT`].
    pub format: String,
    /// The bag id (`External-Identifier`).
    pub bag_id: String,
    /// The beian version that exported it.
    pub app_version: String,
    /// The day the rules were applied (`YYYY-MM-DD`).
    pub checked_on: String,
    /// The filing, with its draft layout version in `schema_version`.
    pub filing: Draft,
    /// The bag's photos and documents.
    pub files: Vec<BundledFile>,
    /// Whose each face photo is, with its checks (empty in bundles from before per-person
    /// photos, whose one photo is `data/photo/face.jpg`).
    #[serde(default)]
    pub photos: Vec<BundledPhoto>,
}

/// A face verification photo in the bag and whose it is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BundledPhoto {
    /// Path in the bag, e.g. `data/photo/1-face.jpg`.
    pub path: String,
    /// Its pre-check report, e.g. `data/photo/1-checks.ron`.
    pub checks: Option<String>,
    /// The person's name.
    pub person: String,
    /// The person's role, in Chinese (申请人, 网站 1、2 负责人).
    pub role: String,
    /// Whether every pre-check passed.
    pub passed: bool,
    /// The help desk's reason for accepting a failing photo (empty when none).
    pub override_reason: String,
}

/// A photo or document in the bag.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundledFile {
    /// Path in the bag, e.g. `data/documents/01-subject-certificate.jpg`.
    pub path: String,
    /// The checklist item it fills; for a face photo, the person's face-photo field
    /// (`None` in bundles from before per-person photos).
    pub item: Option<FieldKey>,
    /// The name the file had on the applicant's computer (may be Chinese).
    pub original_name: String,
    /// SHA-256 of the content, lower-case hex.
    pub sha256: String,
    /// Size in bytes.
    pub byte_len: u64,
    /// For a paper beian printed: what its photo showed when the bundle was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paper: Option<BundledPaper>,
}

/// What the photo of a printed paper showed, against the filing as bundled.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundledPaper {
    /// `matches`, `unsigned`, `outdated`, `other_paper`, `other_filing` or `no_code`.
    pub verdict: String,
    /// The signature places that looked blank (who signs there).
    #[serde(default)]
    pub unsigned: Vec<String>,
    /// The QR code's text (`B1|filing|item tag|fingerprint`), when one was read.
    #[serde(default)]
    pub code: Option<String>,
}

impl Application {
    /// The RON text written to the bag.
    pub fn to_ron(&self) -> Result<String, ron::Error> {
        let config = ron::ser::PrettyConfig::new()
            .depth_limit(12)
            .struct_names(false);
        ron::ser::to_string_pretty(self, config)
    }

    /// The JSON text written to the bag.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(self).map(|mut s| {
            s.push('\n');
            s
        })
    }

    /// Reads `application.ron`.
    pub fn from_ron(text: &str) -> Result<Application, ron::error::SpannedError> {
        ron::from_str(text)
    }

    /// The draft to continue with on this computer: a fresh id, attachments pointing at
    /// the bundled content (which becomes each item's original), the face photo kept.
    pub fn to_draft(&self, new_id: String) -> Draft {
        let mut draft = self.filing.clone();
        draft.id = new_id;
        for attachment in &mut draft.materials.attachments {
            if let Some(copy) = attachment.normalized.take() {
                attachment.sha256 = copy.sha256;
                attachment.measures = copy.measures;
            }
        }
        draft
    }
}
