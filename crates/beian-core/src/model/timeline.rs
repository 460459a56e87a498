//! The timeline of a filing after submission, as the providers' consoles show it: which
//! stage it has passed, which it is at, where it was sent back, what is ahead.

use super::enums::SubmissionState;

/// Where a stage of the timeline stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StageMark {
    /// Passed.
    Done,
    /// The filing is at this stage now.
    Current,
    /// Sent back at this stage.
    Returned,
    /// Still ahead.
    Ahead,
}

/// The stages of the timeline after submission, by their i18n keys (`timeline.*`):
/// preparing, the provider's initial review, the MIIT SMS verification, the bureau's
/// review, filed.
pub const TIMELINE: [&str; 5] = [
    "timeline.prepare",
    "timeline.provider",
    "timeline.sms",
    "timeline.bureau",
    "timeline.approved",
];

/// Each stage of [`TIMELINE`] for the filing's current state (a withdrawn filing has
/// passed nothing).
pub fn timeline(current: Option<SubmissionState>) -> [StageMark; 5] {
    use SubmissionState::*;
    let (at, returned) = match current {
        None => (0, false),
        Some(SubmittedToProvider | ProviderCallMissed) => (1, false),
        Some(ProviderRejected) => (1, true),
        Some(SubmittedToBureau | SmsReceived) => (2, false),
        Some(SmsVerified) => (3, false),
        Some(BureauRejected) => (3, true),
        Some(Approved) => (5, false),
        Some(Withdrawn) => return [StageMark::Ahead; 5],
    };
    std::array::from_fn(|i| match i.cmp(&at) {
        std::cmp::Ordering::Less => StageMark::Done,
        std::cmp::Ordering::Equal if returned => StageMark::Returned,
        std::cmp::Ordering::Equal => StageMark::Current,
        std::cmp::Ordering::Greater => StageMark::Ahead,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_timeline_follows_the_state() {
        use StageMark::*;
        assert_eq!(timeline(None), [Current, Ahead, Ahead, Ahead, Ahead]);
        assert_eq!(
            timeline(Some(SubmissionState::SmsReceived)),
            [Done, Done, Current, Ahead, Ahead]
        );
        assert_eq!(
            timeline(Some(SubmissionState::ProviderRejected)),
            [Done, Returned, Ahead, Ahead, Ahead]
        );
        assert_eq!(timeline(Some(SubmissionState::Approved)), [Done; 5]);
    }
}
