//! What recording an approval does to the draft: the issued numbers go into the subject
//! and its websites, and what they replaced is kept so that removing the approval can put
//! it back.

use super::draft::Draft;
use super::tracking::{NumbersBefore, SubmissionEvent};

/// The numbers typed for an approval: the subject's, then one per website, APP and
/// mini-program or quick app, in the draft's order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApprovalNumbers {
    /// The 主体备案号.
    pub subject: String,
    /// One per website (`…号-n`).
    pub websites: Vec<String>,
    /// One per APP (`…号-nA`).
    pub apps: Vec<String>,
    /// One per mini-program (`…号-nX`) or quick app (`…号-nK`).
    pub minis: Vec<String>,
}

impl ApprovalNumbers {
    /// Gives each list one entry per service of `draft`.
    pub fn fit(&mut self, draft: &Draft) {
        self.websites.resize(draft.websites.len(), String::new());
        self.apps.resize(draft.apps.len(), String::new());
        self.minis.resize(draft.mini_programs.len(), String::new());
    }

    /// Puts the numbers into an approval event, trimmed.
    pub fn into_event(self, event: &mut SubmissionEvent) {
        let trim = |v: Vec<String>| v.into_iter().map(|n| n.trim().to_owned()).collect();
        event.subject_number = self.subject.trim().to_owned();
        event.website_numbers = trim(self.websites);
        event.app_numbers = trim(self.apps);
        event.mini_numbers = trim(self.minis);
    }
}

fn write_numbers<'a>(targets: impl Iterator<Item = &'a mut String>, numbers: &[String]) {
    for (target, number) in targets.zip(numbers) {
        if !number.trim().is_empty() {
            *target = number.trim().to_owned();
        }
    }
}

fn restore_numbers<'a>(
    targets: impl Iterator<Item = &'a mut String>,
    written: &[String],
    before: &[String],
) {
    for (i, (target, number)) in targets.zip(written).enumerate() {
        let number = number.trim();
        if !number.is_empty() && target == number {
            *target = before.get(i).cloned().unwrap_or_default();
        }
    }
}

/// Records an approval in the draft: the numbers go into the subject and the websites so
/// that later kinds of filing start from them. What they replace is kept in the event
/// (`before`), for [`undo_approval`].
pub fn apply_approval(draft: &mut Draft, event: &mut SubmissionEvent) {
    event.before = Some(NumbersBefore {
        subject: draft.subject.icp_number.clone(),
        issued: draft.submission.issued_icp_number.clone(),
        websites: draft
            .websites
            .iter()
            .map(|w| w.icp_number.clone())
            .collect(),
        apps: draft.apps.iter().map(|a| a.icp_number.clone()).collect(),
        minis: draft
            .mini_programs
            .iter()
            .map(|m| m.icp_number.clone())
            .collect(),
    });
    let subject = event.subject_number.trim();
    if !subject.is_empty() {
        draft.subject.icp_number = subject.to_owned();
        draft.submission.issued_icp_number = subject.to_owned();
    }
    write_numbers(
        draft.websites.iter_mut().map(|w| &mut w.icp_number),
        &event.website_numbers,
    );
    write_numbers(
        draft.apps.iter_mut().map(|a| &mut a.icp_number),
        &event.app_numbers,
    );
    write_numbers(
        draft.mini_programs.iter_mut().map(|m| &mut m.icp_number),
        &event.mini_numbers,
    );
}

/// Takes back what approval `event` wrote into the draft: each number it wrote that is
/// still there goes back to what it replaced (a number changed by hand since is kept).
/// For an approval recorded before the replaced numbers were kept, the numbers it wrote
/// are cleared.
pub fn undo_approval(draft: &mut Draft, event: &SubmissionEvent) {
    let before = event.before.clone().unwrap_or_default();
    let subject = event.subject_number.trim();
    if !subject.is_empty() {
        if draft.subject.icp_number == subject {
            draft.subject.icp_number = before.subject;
        }
        if draft.submission.issued_icp_number == subject {
            draft.submission.issued_icp_number = before.issued;
        }
    }
    restore_numbers(
        draft.websites.iter_mut().map(|w| &mut w.icp_number),
        &event.website_numbers,
        &before.websites,
    );
    restore_numbers(
        draft.apps.iter_mut().map(|a| &mut a.icp_number),
        &event.app_numbers,
        &before.apps,
    );
    restore_numbers(
        draft.mini_programs.iter_mut().map(|m| &mut m.icp_number),
        &event.mini_numbers,
        &before.minis,
    );
}

/// The numbers an approval form starts with: the draft's own (新增接入 and the like keep
/// theirs; a first filing has none yet).
pub fn approval_defaults(draft: &Draft) -> ApprovalNumbers {
    ApprovalNumbers {
        subject: draft.subject.icp_number.trim().to_owned(),
        websites: draft
            .websites
            .iter()
            .map(|w| w.icp_number.trim().to_owned())
            .collect(),
        apps: draft
            .apps
            .iter()
            .map(|a| a.icp_number.trim().to_owned())
            .collect(),
        minis: draft
            .mini_programs
            .iter()
            .map(|m| m.icp_number.trim().to_owned())
            .collect(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::model::FilingKind;
    use crate::model::enums::SubmissionState;
    use crate::model::tracking::footer_snippet;

    #[test]
    fn an_approval_feeds_the_numbers_back_and_makes_the_footer() {
        let mut d = crate::store::samples::sample(FilingKind::Unit).unwrap();
        let mut approval = SubmissionEvent {
            state: SubmissionState::Approved,
            subject_number: "闽ICP备12345678号".into(),
            website_numbers: vec!["闽ICP备12345678号-1".into(), "闽ICP备12345678号-2".into()],
            ..SubmissionEvent::default()
        };
        let untouched = d.clone();
        apply_approval(&mut d, &mut approval);
        assert_eq!(d.subject.icp_number, "闽ICP备12345678号");
        assert_eq!(d.websites[1].icp_number, "闽ICP备12345678号-2");
        assert_eq!(d.submission.issued_icp_number, "闽ICP备12345678号");
        assert_eq!(
            footer_snippet("闽ICP备12345678号-1"),
            "<a href=\"https://beian.miit.gov.cn/\" target=\"_blank\" rel=\"noopener\">闽ICP备12345678号-1</a>"
        );
        assert!(footer_snippet("<x>").contains("&lt;x&gt;"));
        // Taking the approval back restores what it replaced; a number typed since stays.
        let mut undone = d.clone();
        undo_approval(&mut undone, &approval);
        assert_eq!(undone, untouched);
        d.websites[1].icp_number = "闽ICP备12345678号-9".into();
        undo_approval(&mut d, &approval);
        assert_eq!(d.subject.icp_number, untouched.subject.icp_number);
        assert_eq!(d.websites[1].icp_number, "闽ICP备12345678号-9");
    }
}
