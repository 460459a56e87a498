//! What verifying a bundle found: each check's outcome, the signers, the filing.

use super::application::Application;
use super::bag::BagInfo;
use super::keys::{KeyId, Role};
use super::problem::Problem;

/// The checks a verification makes, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum CheckKind {
    /// The archive is sound and free of unsafe paths.
    Archive,
    /// Every file matches its hash; none missing, none added.
    Files,
    /// The applicant's signature.
    Signature,
    /// The help desk's countersignatures.
    Countersignature,
}

impl CheckKind {
    /// A stable key (`archive`, `files`, …), also the i18n key suffix `verify.check.*`.
    pub fn key(self) -> &'static str {
        match self {
            CheckKind::Archive => "archive",
            CheckKind::Files => "files",
            CheckKind::Signature => "signature",
            CheckKind::Countersignature => "countersignature",
        }
    }
}

/// How one check ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// It holds.
    Passed,
    /// It does not hold, for these reasons.
    Failed(Vec<Problem>),
    /// It could not run because an earlier check failed.
    Skipped,
    /// Nothing to check (no countersignature).
    Absent,
}

/// One check and its outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    /// Which check.
    pub kind: CheckKind,
    /// How it ended.
    pub outcome: Outcome,
}

/// Who made a valid signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignerInfo {
    /// The key.
    pub key_id: KeyId,
    /// The role the signature speaks for.
    pub role: Role,
    /// The date in the signed comment.
    pub date: String,
    /// The holder's name when the key is in the trusted list.
    pub trusted_as: Option<String>,
}

/// Everything a verification found.
#[derive(Clone, Debug, PartialEq)]
pub struct Verification {
    /// SHA-256 of the whole file (to compare with the sender's).
    pub file_sha256: String,
    /// Size of the file in bytes.
    pub byte_len: u64,
    /// The bag id, when the bag could be read.
    pub bag_id: Option<String>,
    /// `bag-info.txt`, when it could be read.
    pub info: Option<BagInfo>,
    /// SHA-256 of the tag manifest the signatures were checked against, lower-case hex,
    /// when it could be read. The tag manifest pins every other file, so this names what
    /// was verified; countersigning signs only a tag manifest with this hash.
    pub tag_manifest_sha256: Option<String>,
    /// The checks, in order.
    pub checks: Vec<Check>,
    /// The applicant's valid signature.
    pub signer: Option<SignerInfo>,
    /// Valid countersignatures.
    pub countersigners: Vec<SignerInfo>,
    /// The filing, when every check passed.
    pub application: Option<Application>,
}

impl Verification {
    /// Nothing checked yet.
    pub(super) fn empty() -> Verification {
        Verification {
            file_sha256: String::new(),
            byte_len: 0,
            bag_id: None,
            info: None,
            tag_manifest_sha256: None,
            checks: Vec::new(),
            signer: None,
            countersigners: Vec::new(),
            application: None,
        }
    }

    /// Whether every check holds (trust aside).
    pub fn is_ok(&self) -> bool {
        self.checks
            .iter()
            .all(|c| matches!(c.outcome, Outcome::Passed | Outcome::Absent))
            && self.application.is_some()
    }

    /// Whether a key on the trusted list signed (as applicant or as countersigner).
    pub fn is_trusted(&self) -> bool {
        self.signer
            .iter()
            .chain(&self.countersigners)
            .any(|s| s.trusted_as.is_some())
    }

    /// Every problem found.
    pub fn problems(&self) -> impl Iterator<Item = &Problem> {
        self.checks.iter().flat_map(|c| match &c.outcome {
            Outcome::Failed(p) => p.as_slice(),
            _ => &[],
        })
    }
}
