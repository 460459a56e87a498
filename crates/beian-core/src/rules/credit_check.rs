//! A credit code whose check character fails stays a warning, since a few real codes of the
//! pilot years fail it; but it is acknowledged only by saying where the code was checked
//! (`Review::credit_code_checked`): against the licence image attached to the draft, or
//! the paper licence. With that answer the warning becomes a notice naming the check; the
//! review step's plain acknowledgement does not count for it (`IssueCode::needs_answer`).

use super::arg::Arg;
use super::report::{Report, Severity};
use crate::model::{CreditCodeCheck, DocKind, Draft, Field, FieldKey, IssueCode, Scope};

/// Whether the subject's certificate (the licence) is attached to the draft.
pub fn licence_attached(draft: &Draft) -> bool {
    let key = FieldKey::new(Scope::Subject, Field::Document(DocKind::SubjectCertificate));
    draft.materials.attachments.iter().any(|a| a.item == key)
}

/// The answers the applicant may give now: the attached licence only when one is attached.
pub fn offered(draft: &Draft) -> Vec<CreditCodeCheck> {
    CreditCodeCheck::ALL
        .iter()
        .copied()
        .filter(|c| *c != CreditCodeCheck::AttachedLicence || licence_attached(draft))
        .collect()
}

/// The recorded answer, if it still holds (the attached licence must still be attached).
pub fn answer(draft: &Draft) -> Option<CreditCodeCheck> {
    draft
        .review
        .credit_code_checked
        .filter(|c| offered(draft).contains(c))
}

/// The i18n key of an answer's words.
pub fn phrase(check: CreditCodeCheck) -> &'static str {
    match check {
        CreditCodeCheck::AttachedLicence => "credit_check.attached_licence",
        CreditCodeCheck::PaperLicence => "credit_check.paper_licence",
    }
}

/// Turns the failing-check warning on the subject's certificate number into a notice
/// when the applicant said where the code was checked.
pub(super) fn apply(draft: &Draft, report: &mut Report) {
    let Some(check) = answer(draft) else {
        return;
    };
    let key = FieldKey::new(Scope::Filing, Field::CertNumber);
    for issue in &mut report.issues {
        if issue.field == key && issue.code == IssueCode::UsccChecksum {
            issue.code = IssueCode::UsccChecksumConfirmed;
            issue.severity = Severity::Notice;
            issue.args = vec![("where", Arg::Phrase(phrase(check)))];
        }
    }
}
