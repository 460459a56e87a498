//! 提交后跟踪: the filing's history after it left beian, and what the stages mean.
//!
//! The stages follow the providers' and MIIT's procedure (rules.md §7.3, filing-kinds.md
//! §0): submitted to the provider → the provider's initial review (a phone call within one
//! working day; a missed call is tried again about an hour later, then the order is
//! returned) → submitted to the bureau → MIIT SMS verification (24 hours, five wrong
//! entries allowed) → the bureau's review (1–20 working days) → approved or returned.
//! How long each stage usually takes, and on whom it waits, is data
//! (`assets/data/review_times.ron`).
//!
//! Events are dated by the user (a day and, optionally, a time of day, local time), so a
//! history can be entered afterwards; a date in the future or before the previous event is
//! refused. Drafts written before the SMS stages keep loading: their states keep their
//! keys, and the number issued on approval, kept then in
//! [`Submission::issued_icp_number`] only, still counts as the subject's number.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::draft::Draft;
use super::enums::{Procedure, SubmissionState};
use super::field::{Field, FieldKey, Scope};

/// 提交后跟踪: the history of the filing after it left beian.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Submission {
    /// State changes, oldest first.
    pub events: Vec<SubmissionEvent>,
    /// The 主体备案号 issued when the filing was approved (e.g. 京ICP备12345678号); each
    /// website's number is in the approval event and in the website itself.
    pub issued_icp_number: String,
}

impl Submission {
    /// The newest state, if the filing was submitted.
    pub fn current(&self) -> Option<SubmissionState> {
        self.events.last().map(|e| e.state)
    }

    /// The newest event.
    pub fn last(&self) -> Option<&SubmissionEvent> {
        self.events.last()
    }
}

/// One change of state after submission.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SubmissionEvent {
    /// The new state.
    pub state: SubmissionState,
    /// The day it happened (`YYYY-MM-DD`).
    pub date: String,
    /// The time of day it happened (`HH:MM`, local time), if known.
    pub time: String,
    /// What the provider or the bureau said (for a return: its reason).
    pub note: String,
    /// For a return: the fields the provider or the bureau named, to correct.
    pub fields: Vec<FieldKey>,
    /// For an approval: the 主体备案号 issued.
    pub subject_number: String,
    /// For an approval: each website's 网站备案号, in the order of the websites.
    pub website_numbers: Vec<String>,
    /// For an approval: each APP's number (`…号-nA`), in the order of the APPs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub app_numbers: Vec<String>,
    /// For an approval: each mini-program's (`-nX`) or quick app's (`-nK`) number.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mini_numbers: Vec<String>,
    /// For an approval: the numbers the draft held before the approval wrote its own, so
    /// that removing the approval puts them back (`None` in drafts saved before this was
    /// kept).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<NumbersBefore>,
}

/// The numbers a draft holds that an approval overwrites.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NumbersBefore {
    /// The subject's 主体备案号 (`subject.icp_number`).
    pub subject: String,
    /// The number recorded as issued (`submission.issued_icp_number`).
    pub issued: String,
    /// Each website's 网站备案号, in the order of the websites.
    pub websites: Vec<String>,
    /// Each APP's number.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub apps: Vec<String>,
    /// Each mini-program's or quick app's number.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub minis: Vec<String>,
}

impl Default for SubmissionEvent {
    fn default() -> Self {
        SubmissionEvent {
            state: SubmissionState::SubmittedToProvider,
            date: String::new(),
            time: String::new(),
            note: String::new(),
            fields: Vec::new(),
            subject_number: String::new(),
            website_numbers: Vec::new(),
            app_numbers: Vec::new(),
            mini_numbers: Vec::new(),
            before: None,
        }
    }
}

impl SubmissionEvent {
    /// When it happened, if its date (and time) can be read; a missing time is midnight.
    pub fn moment(&self) -> Option<NaiveDateTime> {
        parse_moment(&self.date, &self.time).ok()
    }
}

/// The states that may follow `current` (none after approval or withdrawal).
pub fn next_states(current: Option<SubmissionState>) -> &'static [SubmissionState] {
    use SubmissionState::*;
    match current {
        None | Some(ProviderRejected) | Some(BureauRejected) => &[SubmittedToProvider],
        Some(SubmittedToProvider) => &[
            SubmittedToBureau,
            ProviderCallMissed,
            ProviderRejected,
            Withdrawn,
        ],
        Some(ProviderCallMissed) => &[SubmittedToBureau, ProviderRejected, Withdrawn],
        Some(SubmittedToBureau) => &[SmsReceived, BureauRejected, Withdrawn],
        Some(SmsReceived) => &[SmsVerified, BureauRejected],
        Some(SmsVerified) => &[Approved, BureauRejected],
        Some(Approved) | Some(Withdrawn) => &[],
    }
}

pub use super::review_times::{
    Party, ReviewTimes, StageTime, Usual, Waiting, waiting, waiting_since, working_days_between,
};

/// The SMS verification window: 24 hours from the SMS.
pub const SMS_VALID_HOURS: i64 = 24;
/// Wrong entries of the SMS code allowed; the next one returns the filing.
pub const SMS_WRONG_ENTRIES_ALLOWED: u32 = 5;

/// Minutes left to enter the SMS code at `now`, if the newest event is the SMS (zero when
/// the window has closed).
pub fn sms_minutes_left(submission: &Submission, now: NaiveDateTime) -> Option<i64> {
    let last = submission.last()?;
    if last.state != SubmissionState::SmsReceived {
        return None;
    }
    let since = last.moment()?;
    let left = SMS_VALID_HOURS * 60 - (now - since).num_minutes();
    Some(left.max(0))
}

/// Why an event's date cannot be recorded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EventTimeError {
    /// The date is not `YYYY-MM-DD`.
    #[error("the date is not YYYY-MM-DD")]
    Date,
    /// The time is not `HH:MM`.
    #[error("the time is not HH:MM")]
    Time,
    /// The moment lies in the future.
    #[error("the moment lies in the future")]
    Future,
    /// The moment lies before the previous event.
    #[error("the moment lies before the previous event")]
    BeforePrevious,
}

impl EventTimeError {
    /// The i18n key of the message.
    pub fn message_key(&self) -> &'static str {
        match self {
            EventTimeError::Date => "tracking.error.date",
            EventTimeError::Time => "tracking.error.time",
            EventTimeError::Future => "tracking.error.future",
            EventTimeError::BeforePrevious => "tracking.error.before_previous",
        }
    }
}

fn parse_moment(date: &str, time: &str) -> Result<NaiveDateTime, EventTimeError> {
    let day =
        NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").map_err(|_| EventTimeError::Date)?;
    let at = if time.trim().is_empty() {
        NaiveTime::MIN
    } else {
        NaiveTime::parse_from_str(time.trim(), "%H:%M").map_err(|_| EventTimeError::Time)?
    };
    Ok(day.and_time(at))
}

/// The time of day to record for an event typed at `now` (local time): the time typed;
/// when none was typed for today, the time it is recorded (so that a deadline counted from
/// the event, such as the SMS's 24 hours, never starts in the past); otherwise none.
pub fn recorded_time(date: &str, time: &str, now: NaiveDateTime) -> String {
    let time = time.trim();
    if !time.is_empty() {
        return time.to_owned();
    }
    match NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d") {
        Ok(day) if day == now.date() => now.format("%H:%M").to_string(),
        _ => String::new(),
    }
}

/// Whether an event of `state` on `date` needs its time typed: the SMS's 24 hours are
/// counted from when it arrived, which cannot be guessed for an earlier day.
pub fn needs_time(state: SubmissionState, date: &str, time: &str, now: NaiveDateTime) -> bool {
    state == SubmissionState::SmsReceived && recorded_time(date, time, now).is_empty()
}

/// Checks the date and time typed for a new event at `now` (local time): readable, not in
/// the future, not before the previous event.
pub fn check_event_time(
    submission: &Submission,
    date: &str,
    time: &str,
    now: NaiveDateTime,
) -> Result<NaiveDateTime, EventTimeError> {
    let moment = parse_moment(date, time)?;
    if moment > now {
        return Err(EventTimeError::Future);
    }
    if let Some(previous) = submission.last().and_then(SubmissionEvent::moment)
        && moment < previous
        && !(time.trim().is_empty() && moment.date() == previous.date())
    {
        return Err(EventTimeError::BeforePrevious);
    }
    Ok(moment)
}

/// Who receives the MIIT verification SMS for this kind of filing (filing-kinds.md §0, §8):
/// the subject's responsible person for subject data, each website's for website data;
/// each mobile number once. A personal filing's website responsible is the applicant.
pub fn sms_recipients(draft: &Draft) -> Vec<(FieldKey, String, String)> {
    let subject = matches!(
        draft.procedure(),
        Procedure::First | Procedure::Change | Procedure::CancelSubject
    );
    let websites = !matches!(
        draft.procedure(),
        Procedure::CancelSubject | Procedure::CancelAccess
    );
    let mut out: Vec<(FieldKey, String, String)> = Vec::new();
    let mut add = |scope: Scope, p: &super::draft::Person, fallback: &str| {
        let mobile = p.mobile.trim();
        if mobile.is_empty() || out.iter().any(|(_, _, m)| m == mobile) {
            return;
        }
        let name = if p.name.trim().is_empty() {
            fallback.trim()
        } else {
            p.name.trim()
        };
        out.push((
            FieldKey::new(scope, Field::Mobile),
            name.to_owned(),
            mobile.to_owned(),
        ));
    };
    if draft.procedure() == Procedure::CancelAccess {
        return out;
    }
    let subject_name = draft.subject.name.clone();
    if subject || !draft.is_unit() {
        add(
            Scope::SubjectResponsible,
            &draft.subject.responsible,
            &subject_name,
        );
    }
    if websites && draft.is_unit() {
        for (i, w) in draft.websites.iter().enumerate() {
            add(Scope::WebsiteResponsible(i), &w.responsible, "");
        }
        for (i, a) in draft.apps.iter().enumerate() {
            add(Scope::AppResponsible(i), &a.responsible, "");
        }
        for (i, m) in draft.mini_programs.iter().enumerate() {
            add(Scope::MiniResponsible(i), &m.responsible, "");
        }
    }
    out
}

/// The fields a return can name, in the order of the wizard: a short list of what
/// providers and bureaus send back (names, addresses, people, websites, documents, photo).
pub fn returnable_fields(draft: &Draft) -> Vec<FieldKey> {
    let mut out = vec![
        FieldKey::new(Scope::Filing, Field::CertNumber),
        FieldKey::new(Scope::Subject, Field::Name),
        FieldKey::new(Scope::Subject, Field::CertAddress),
        FieldKey::new(Scope::Subject, Field::MailingAddress),
        FieldKey::new(Scope::SubjectResponsible, Field::Mobile),
    ];
    if draft.is_unit() {
        out.push(FieldKey::new(Scope::Subject, Field::Investor));
        out.push(FieldKey::new(Scope::SubjectResponsible, Field::Name));
    }
    for i in 0..draft.websites.len() {
        out.push(FieldKey::new(Scope::Website(i), Field::Name));
        out.push(FieldKey::new(Scope::Website(i), Field::Homepage));
        out.push(FieldKey::new(Scope::Website(i), Field::Remark));
        if draft.is_unit() {
            out.push(FieldKey::new(Scope::WebsiteResponsible(i), Field::Name));
        }
    }
    for (i, _) in draft.apps.iter().enumerate() {
        out.push(FieldKey::new(Scope::App(i), Field::Name));
        if draft.is_unit() {
            out.push(FieldKey::new(Scope::AppResponsible(i), Field::Name));
        }
    }
    out.push(FieldKey::new(Scope::Materials, Field::Documents));
    out.push(FieldKey::new(Scope::Materials, Field::FacePhoto));
    out
}

/// The link every filed website shows at the bottom of its homepage: the number, linked to
/// MIIT's filing system (rules.md §3.10).
pub fn footer_snippet(number: &str) -> String {
    let mut escaped = String::new();
    for c in number.trim().chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            c => escaped.push(c),
        }
    }
    format!(
        "<a href=\"https://beian.miit.gov.cn/\" target=\"_blank\" rel=\"noopener\">{escaped}</a>"
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::model::FilingKind;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn event(state: SubmissionState, date: &str, time: &str) -> SubmissionEvent {
        SubmissionEvent {
            state,
            date: date.into(),
            time: time.into(),
            ..SubmissionEvent::default()
        }
    }

    #[test]
    fn the_stages_follow_the_procedure() {
        use SubmissionState::*;
        assert_eq!(next_states(None), &[SubmittedToProvider]);
        assert!(next_states(Some(SubmittedToProvider)).contains(&ProviderCallMissed));
        assert!(next_states(Some(SubmittedToBureau)).contains(&SmsReceived));
        assert_eq!(
            next_states(Some(SmsReceived)),
            &[SmsVerified, BureauRejected]
        );
        assert!(next_states(Some(SmsVerified)).contains(&Approved));
        assert!(next_states(Some(Approved)).is_empty());
        assert_eq!(next_states(Some(BureauRejected)), &[SubmittedToProvider]);
        // Every state but the two final ones is in the table with the party it waits on.
        let times = ReviewTimes::get().unwrap();
        for s in SubmissionState::ALL {
            assert_eq!(times.stage(*s).is_some(), !s.is_final(), "{s:?}");
        }
    }

    #[test]
    fn dates_in_the_future_or_before_the_last_event_are_refused() {
        let now = at("2026-12-01 10:00");
        let mut s = Submission::default();
        assert_eq!(
            check_event_time(&s, "2026-11-30", "", now),
            Ok(at("2026-11-30 00:00"))
        );
        assert_eq!(
            check_event_time(&s, "2026-12-02", "", now),
            Err(EventTimeError::Future)
        );
        assert_eq!(
            check_event_time(&s, "2026-12-01", "11:00", now),
            Err(EventTimeError::Future)
        );
        assert_eq!(
            check_event_time(&s, "30.11.2026", "", now),
            Err(EventTimeError::Date)
        );
        assert_eq!(
            check_event_time(&s, "2026-11-30", "9h", now),
            Err(EventTimeError::Time)
        );
        s.events.push(event(
            SubmissionState::SubmittedToProvider,
            "2026-11-28",
            "15:00",
        ));
        assert_eq!(
            check_event_time(&s, "2026-11-27", "", now),
            Err(EventTimeError::BeforePrevious)
        );
        // The same day without a time is fine.
        assert!(check_event_time(&s, "2026-11-28", "", now).is_ok());
    }

    #[test]
    fn waiting_is_measured_in_working_days_against_the_usual_time() {
        let times = ReviewTimes::get().unwrap();
        let mut s = Submission::default();
        assert_eq!(waiting(&s, times, at("2026-12-01 10:00")), None);
        // Friday → the next Tuesday is two working days.
        s.events.push(event(
            SubmissionState::SubmittedToProvider,
            "2026-11-27",
            "09:00",
        ));
        let w = waiting(&s, times, at("2026-12-01 10:00")).unwrap();
        assert_eq!(w.on, Party::Provider);
        assert_eq!(w.working_days, 2);
        assert!(w.is_overdue, "the provider calls within one working day");
        s.events
            .push(event(SubmissionState::SmsVerified, "2026-11-30", ""));
        let w = waiting(&s, times, at("2026-12-01 10:00")).unwrap();
        assert_eq!(w.on, Party::Bureau);
        assert_eq!(w.usual, Some(Usual::WorkingDays { min: 1, max: 20 }));
        assert!(!w.is_overdue);
        assert_eq!(
            working_days_between(at("2026-11-27 0:00").date(), at("2026-11-29 0:00").date()),
            0
        );
    }

    #[test]
    fn the_sms_window_counts_down_24_hours_from_the_sms() {
        let mut s = Submission::default();
        s.events
            .push(event(SubmissionState::SmsReceived, "2026-11-30", "14:30"));
        assert_eq!(sms_minutes_left(&s, at("2026-11-30 14:30")), Some(24 * 60));
        assert_eq!(sms_minutes_left(&s, at("2026-12-01 10:00")), Some(270));
        assert_eq!(sms_minutes_left(&s, at("2026-12-02 10:00")), Some(0));
        s.events
            .push(event(SubmissionState::SmsVerified, "2026-11-30", "15:00"));
        assert_eq!(sms_minutes_left(&s, at("2026-12-01 10:00")), None);
    }

    #[test]
    fn the_sms_goes_to_the_people_the_kind_names() {
        let mut d = crate::store::samples::sample(FilingKind::Unit).unwrap();
        d.websites[1].responsible.mobile = "13800138009".into();
        let mobiles = |d: &Draft| -> Vec<String> {
            sms_recipients(d).into_iter().map(|(_, _, m)| m).collect()
        };
        assert_eq!(
            mobiles(&d),
            vec!["13800138001", "13800138002", "13800138009"]
        );
        d.filing.procedure = Procedure::NewWebsiteWithSubject;
        assert_eq!(mobiles(&d), vec!["13800138002", "13800138009"]);
        d.filing.procedure = Procedure::CancelAccess;
        assert!(mobiles(&d).is_empty());
        let p = crate::store::samples::sample(FilingKind::Personal).unwrap();
        assert_eq!(mobiles(&p), vec![p.subject.responsible.mobile.clone()]);
    }

    #[test]
    fn an_event_without_a_time_is_taken_at_when_it_is_recorded() {
        let now = at("2026-12-06 18:05");
        assert_eq!(recorded_time("2026-12-06", "", now), "18:05");
        assert_eq!(recorded_time("2026-12-06", " 09:30 ", now), "09:30");
        assert_eq!(recorded_time("2026-12-05", "", now), "");
        assert!(needs_time(
            SubmissionState::SmsReceived,
            "2026-12-05",
            "",
            now
        ));
        assert!(!needs_time(
            SubmissionState::SmsReceived,
            "2026-12-06",
            "",
            now
        ));
        assert!(!needs_time(
            SubmissionState::SubmittedToBureau,
            "2026-12-05",
            "",
            now
        ));
        // Recorded now without a time, the SMS has its whole 24 hours left.
        let submission = Submission {
            events: vec![event(
                SubmissionState::SmsReceived,
                "2026-12-06",
                &recorded_time("2026-12-06", "", now),
            )],
            ..Submission::default()
        };
        assert_eq!(sms_minutes_left(&submission, now), Some(24 * 60));
    }

    #[test]
    fn old_events_keep_loading() {
        let text = r#"(events: [(state: submitted_to_provider, date: "2026-01-02", note: "x"), (state: submitted_to_bureau, date: "2026-01-03"), (state: approved, date: "2026-01-20")], issued_icp_number: "闽ICP备12345678号-1")"#;
        let s: Submission = ron::from_str(text).unwrap();
        assert_eq!(s.events.len(), 3);
        assert_eq!(s.current(), Some(SubmissionState::Approved));
        assert_eq!(s.events[0].time, "");
        assert!(s.events[2].website_numbers.is_empty());
    }
}
