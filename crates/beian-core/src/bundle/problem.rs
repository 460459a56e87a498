//! What can be wrong with a received bundle: one variant per kind of problem, each with a
//! stable code (for JSON) and a message in both languages.

use super::limits::{MAX_ENTRIES, MAX_TOTAL_BYTES};
use crate::i18n::Locale;

/// One thing that is wrong with a bundle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The file is not a zip, or is cut short or corrupt.
    Unreadable(String),
    /// An entry's compressed data is damaged (CRC or decompression error).
    Damaged(String),
    /// The bundle unpacks to more than beian accepts.
    TooBig,
    /// The bundle holds more entries than beian accepts.
    TooManyEntries,
    /// An entry's name leaves the bundle's folder or is ambiguous.
    UnsafePath(String),
    /// Two entries have the same name (or names that differ only in case).
    DuplicateName(String),
    /// A link, or an encrypted entry.
    SpecialEntry(String),
    /// Not one folder holding a BagIt bag.
    NotABag,
    /// A tag file (bagit.txt, bag-info.txt, a manifest, application.ron) is malformed.
    BadTagFile(String),
    /// A tag file the signature must cover is not in the tag manifest.
    NotCovered(String),
    /// A manifest lists a file the bundle lacks.
    Missing(String),
    /// The bundle holds a file no manifest lists.
    Extra(String),
    /// A file's content differs from its manifest hash.
    Changed(String),
    /// Payload-Oxum does not match the payload.
    OxumMismatch,
    /// There is no signature.
    Unsigned,
    /// The signature or public key file is malformed.
    SignatureMalformed(String),
    /// The signature was made by another key than the one the bundle names.
    OtherKey {
        /// The key that made the signature.
        signature: String,
        /// The key the bundle names.
        expected: String,
    },
    /// The signature does not match the tag manifest.
    BadSignature(String),
    /// The signed comment names another role, bag or date.
    CommentMismatch(String),
}

impl Problem {
    /// The i18n key of the message (`verify.problem.*`).
    pub fn message_key(&self) -> &'static str {
        match self {
            Problem::Unreadable(_) => "verify.problem.unreadable",
            Problem::Damaged(_) => "verify.problem.damaged",
            Problem::TooBig => "verify.problem.too_big",
            Problem::TooManyEntries => "verify.problem.too_many_entries",
            Problem::UnsafePath(_) => "verify.problem.unsafe_path",
            Problem::DuplicateName(_) => "verify.problem.duplicate_name",
            Problem::SpecialEntry(_) => "verify.problem.special_entry",
            Problem::NotABag => "verify.problem.not_a_bag",
            Problem::BadTagFile(_) => "verify.problem.bad_tag_file",
            Problem::NotCovered(_) => "verify.problem.not_covered",
            Problem::Missing(_) => "verify.problem.missing",
            Problem::Extra(_) => "verify.problem.extra",
            Problem::Changed(_) => "verify.problem.changed",
            Problem::OxumMismatch => "verify.problem.oxum",
            Problem::Unsigned => "verify.problem.unsigned",
            Problem::SignatureMalformed(_) => "verify.problem.signature_malformed",
            Problem::OtherKey { .. } => "verify.problem.other_key",
            Problem::BadSignature(_) => "verify.problem.bad_signature",
            Problem::CommentMismatch(_) => "verify.problem.comment_mismatch",
        }
    }

    /// A stable code for JSON output.
    pub fn code(&self) -> &'static str {
        self.message_key()
            .strip_prefix("verify.problem.")
            .unwrap_or_default()
    }

    /// The name or detail the message mentions.
    pub fn detail(&self) -> String {
        match self {
            Problem::Unreadable(s)
            | Problem::Damaged(s)
            | Problem::UnsafePath(s)
            | Problem::DuplicateName(s)
            | Problem::SpecialEntry(s)
            | Problem::BadTagFile(s)
            | Problem::NotCovered(s)
            | Problem::Missing(s)
            | Problem::Extra(s)
            | Problem::Changed(s)
            | Problem::SignatureMalformed(s)
            | Problem::BadSignature(s)
            | Problem::CommentMismatch(s) => s.clone(),
            Problem::OtherKey {
                signature,
                expected,
            } => format!("{signature} ≠ {expected}"),
            Problem::TooBig
            | Problem::TooManyEntries
            | Problem::NotABag
            | Problem::OxumMismatch
            | Problem::Unsigned => String::new(),
        }
    }

    /// The message in `locale`.
    pub fn user_message(&self, locale: Locale) -> String {
        let (signature, expected) = match self {
            Problem::OtherKey {
                signature,
                expected,
            } => (signature.clone(), expected.clone()),
            _ => (String::new(), String::new()),
        };
        crate::i18n::tf(
            locale,
            self.message_key(),
            &[
                ("detail", &self.detail()),
                ("signature", &signature),
                ("expected", &expected),
                ("max_gib", &(MAX_TOTAL_BYTES >> 30).to_string()),
                ("max_entries", &MAX_ENTRIES.to_string()),
            ],
        )
    }
}
