//! How long each stage after submission usually takes and on whom it waits
//! (`assets/data/review_times.ron`), and what a filing waits on now.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Weekday};
use serde::{Deserialize, Serialize};

use super::enums::SubmissionState;
use super::tracking::Submission;

/// Who a stage waits on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// The cloud provider's reviewer.
    Provider,
    /// MIIT, which sends the verification SMS.
    Miit,
    /// The applicant (answer the call, enter the SMS code, correct and resubmit).
    Applicant,
    /// The filing bureau (管局).
    Bureau,
}

impl Party {
    /// The stable key (`tracking.party.<key>` is its name).
    pub fn key(self) -> &'static str {
        match self {
            Party::Provider => "provider",
            Party::Miit => "miit",
            Party::Applicant => "applicant",
            Party::Bureau => "bureau",
        }
    }
}

/// How long a stage usually takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Usual {
    /// Between `min` and `max` working days (Monday to Friday; public holidays are not
    /// counted out).
    WorkingDays {
        /// The fewest.
        min: u32,
        /// The most.
        max: u32,
    },
    /// A number of hours (a hard limit for the SMS code, the retry of a missed call).
    Hours(u32),
}

/// One stage of `review_times.ron`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct StageTime {
    /// The state that starts the stage.
    pub state: SubmissionState,
    /// Who it waits on.
    pub waits_on: Party,
    /// How long it usually takes, if known.
    pub usual: Option<Usual>,
    /// Where this comes from.
    pub source: String,
}

/// `assets/data/review_times.ron`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct ReviewTimes {
    /// The edition of the table.
    pub edition: String,
    /// Each stage.
    pub stages: Vec<StageTime>,
}

static REVIEW_TIMES: crate::data::Shipped<ReviewTimes> =
    crate::data::Shipped::new(crate::data::REVIEW_TIMES);

impl ReviewTimes {
    /// The shipped table, or why it cannot be used.
    pub fn get() -> Result<&'static ReviewTimes, &'static crate::data::TableError> {
        REVIEW_TIMES.get()
    }

    /// The stage a state starts.
    pub fn stage(&self, state: SubmissionState) -> Option<&StageTime> {
        self.stages.iter().find(|s| s.state == state)
    }
}

/// What the filing waits on now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Waiting {
    /// The state it is in.
    pub state: SubmissionState,
    /// Who must act.
    pub on: Party,
    /// Since when.
    pub since: NaiveDateTime,
    /// Working days passed since then (the day itself not counted).
    pub working_days: u32,
    /// Hours passed since then.
    pub hours: i64,
    /// How long it usually takes.
    pub usual: Option<Usual>,
    /// Whether it has waited longer than usual.
    pub is_overdue: bool,
}

/// What the newest event waits on at `now` (local time), from the table; nothing when the
/// filing is not submitted, is finished, or the event's date cannot be read.
pub fn waiting(
    submission: &Submission,
    times: &ReviewTimes,
    now: NaiveDateTime,
) -> Option<Waiting> {
    let last = submission.last()?;
    waiting_since(last.state, last.moment()?, times, now)
}

/// What a filing in `state` since `since` waits on at `now` (see [`waiting`]); the library
/// index keeps only these two of the newest event.
pub fn waiting_since(
    state: SubmissionState,
    since: NaiveDateTime,
    times: &ReviewTimes,
    now: NaiveDateTime,
) -> Option<Waiting> {
    let stage = times.stage(state)?;
    let working_days = working_days_between(since.date(), now.date());
    let hours = (now - since).num_hours().max(0);
    let is_overdue = match stage.usual {
        Some(Usual::WorkingDays { max, .. }) => working_days > max,
        Some(Usual::Hours(h)) => hours >= i64::from(h),
        None => false,
    };
    Some(Waiting {
        state,
        on: stage.waits_on,
        since,
        working_days,
        hours,
        usual: stage.usual,
        is_overdue,
    })
}

/// The working days (Monday to Friday) after `from` up to and including `to`.
pub fn working_days_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let mut n = 0;
    let mut day = from;
    while day < to {
        day = match day.succ_opt() {
            Some(d) => d,
            None => break,
        };
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            n += 1;
        }
    }
    n
}
