//! The library index: one small summary per draft (who, which domains, what kind, what
//! state, how far), kept in one file beside the drafts so that the start screen and
//! `beian list` show thousands of filings without reading them. Searching, filtering and
//! sorting are pure functions over the entries.
//!
//! The index is a cache, never the truth: each entry carries the size and modification
//! time of the draft file it summarises, and an entry whose file changed (or vanished) is
//! rebuilt from the draft (`library::index`).

use std::cmp::Ordering;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::draft::Draft;
use super::enums::{FilingKind, Procedure, SubmissionState, keyed_enum};

/// The layout of the index file; another layout is rebuilt, not read.
pub const INDEX_FORMAT: u32 = 2;

/// The size and modification time of a draft file when its entry was made.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    /// Length in bytes.
    pub len: u64,
    /// Modification time, nanoseconds since the Unix epoch (0 when unknown).
    pub modified_ns: u128,
}

keyed_enum! {
    /// Where a filing stands, as the help desk's list shows it.
    #[derive(Default)]
    pub enum LibraryState : "library_state" {
        /// Being filled in: problems are left.
        #[default]
        Draft => "draft",
        /// Everything checks out: it can be exported and submitted.
        Ready => "ready",
        /// Submitted to the provider, in its initial review.
        Submitted => "submitted",
        /// The MIIT verification SMS arrived: the applicant must answer it within 24 hours.
        Sms => "sms",
        /// With the bureau (管局), including the MIIT SMS verification.
        AtBureau => "at_bureau",
        /// Approved: the numbers are issued.
        Approved => "approved",
        /// Sent back by the provider or the bureau: to be corrected.
        Returned => "returned",
        /// Withdrawn by the applicant.
        Withdrawn => "withdrawn",
    }
}

keyed_enum! {
    /// Whose move it is.
    pub enum WaitsOn : "waits_on" {
        /// The applicant (or the desk on their behalf).
        Applicant => "applicant",
        /// The cloud provider's initial review.
        Provider => "provider",
        /// The communications bureau.
        Bureau => "bureau",
        /// Nobody: the filing is finished.
        Nobody => "nobody",
    }
}

impl LibraryState {
    /// The state of a draft: its newest submission event, or, before submission, whether
    /// its checks pass (`is_ready`, from the rules).
    pub fn of(draft: &Draft, is_ready: bool) -> LibraryState {
        match draft.submission.current() {
            Some(SubmissionState::SubmittedToProvider | SubmissionState::ProviderCallMissed) => {
                LibraryState::Submitted
            }
            Some(SubmissionState::SmsReceived) => LibraryState::Sms,
            Some(SubmissionState::SubmittedToBureau | SubmissionState::SmsVerified) => {
                LibraryState::AtBureau
            }
            Some(SubmissionState::Approved) => LibraryState::Approved,
            Some(SubmissionState::ProviderRejected | SubmissionState::BureauRejected) => {
                LibraryState::Returned
            }
            Some(SubmissionState::Withdrawn) => LibraryState::Withdrawn,
            None if is_ready => LibraryState::Ready,
            None => LibraryState::Draft,
        }
    }

    /// Whose move it is in this state.
    pub fn waits_on(self) -> WaitsOn {
        match self {
            LibraryState::Draft
            | LibraryState::Ready
            | LibraryState::Sms
            | LibraryState::Returned => WaitsOn::Applicant,
            LibraryState::Submitted => WaitsOn::Provider,
            LibraryState::AtBureau => WaitsOn::Bureau,
            LibraryState::Approved | LibraryState::Withdrawn => WaitsOn::Nobody,
        }
    }
}

/// What the list shows and searches of one draft. Holds no full certificate number.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IndexEntry {
    /// The draft's file name in the library folder.
    pub file: String,
    /// The file's size and modification time when this entry was made.
    pub stamp: FileStamp,
    /// The draft's identifier.
    pub id: String,
    /// Applicant or unit name (may be empty).
    pub name: String,
    /// Every website's domain, primary first (empty ones left out).
    pub domains: Vec<String>,
    /// 个人 or 单位.
    pub kind: FilingKind,
    /// The kind of filing (首次备案, 新增网站, …).
    pub procedure: Procedure,
    /// Where it stands.
    pub state: LibraryState,
    /// Last change.
    pub updated_at: Option<DateTime<Utc>>,
    /// Share of required fields filled (0–1).
    pub progress: f32,
    /// Every mobile and landline number in it, digits only.
    pub phones: Vec<String>,
    /// The last four characters of each certificate number in it (upper case).
    pub cert_tails: Vec<String>,
    /// Archived: hidden from the default list, still found by a search.
    pub archived: bool,
    /// The newest submission event's state and when it happened (for "overdue", which
    /// depends on the day it is read).
    pub last_event: Option<(SubmissionState, chrono::NaiveDateTime)>,
}

impl Default for IndexEntry {
    fn default() -> Self {
        IndexEntry {
            file: String::new(),
            stamp: FileStamp::default(),
            id: String::new(),
            name: String::new(),
            domains: Vec::new(),
            kind: FilingKind::Personal,
            procedure: Procedure::First,
            state: LibraryState::Draft,
            updated_at: None,
            progress: 0.0,
            phones: Vec::new(),
            cert_tails: Vec::new(),
            archived: false,
            last_event: None,
        }
    }
}

/// How many trailing characters of a certificate number the index keeps.
pub const CERT_TAIL_CHARS: usize = 4;

/// The last [`CERT_TAIL_CHARS`] characters of a certificate number, upper case.
pub fn cert_tail(number: &str) -> String {
    let chars: Vec<char> = number.trim().chars().collect();
    let start = chars.len().saturating_sub(CERT_TAIL_CHARS);
    chars
        .get(start..)
        .unwrap_or_default()
        .iter()
        .flat_map(|c| c.to_uppercase())
        .collect()
}

fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

fn push_unique(list: &mut Vec<String>, value: String) {
    if !value.is_empty() && !list.contains(&value) {
        list.push(value);
    }
}

impl IndexEntry {
    /// Summarises `draft`, stored as `file` with `stamp`; `progress` and `is_ready` come
    /// from the rules (the caller validates).
    pub fn new(
        file: String,
        stamp: FileStamp,
        draft: &Draft,
        progress: f32,
        is_ready: bool,
    ) -> Self {
        let mut domains = Vec::new();
        push_unique(&mut domains, draft.filing.domain.trim().to_lowercase());
        for website in &draft.websites {
            push_unique(&mut domains, website.domain.trim().to_lowercase());
        }
        let mut phones = Vec::new();
        let mut cert_tails = Vec::new();
        push_unique(&mut cert_tails, cert_tail(&draft.filing.cert_number));
        push_unique(
            &mut cert_tails,
            cert_tail(&draft.subject.legal_rep.cert_number),
        );
        let people = std::iter::once(&draft.subject.responsible)
            .chain(draft.websites.iter().map(|w| &w.responsible));
        for person in people {
            push_unique(&mut cert_tails, cert_tail(&person.cert_number));
            push_unique(&mut phones, digits(&person.mobile));
            push_unique(&mut phones, digits(&person.phone2));
            push_unique(&mut phones, digits(&person.emergency_phone));
        }
        IndexEntry {
            file,
            stamp,
            id: draft.id.clone(),
            name: draft.display_name().to_owned(),
            domains,
            kind: draft.filing.kind,
            procedure: draft.filing.procedure,
            state: LibraryState::of(draft, is_ready),
            updated_at: draft.updated_at,
            progress: progress.clamp(0.0, 1.0),
            phones,
            cert_tails,
            archived: draft.archived,
            last_event: draft
                .submission
                .last()
                .and_then(|e| Some((e.state, e.moment()?))),
        }
    }

    /// Whether it has waited longer than usual at `now` (local time) in its stage after
    /// submission, by the usual times of `times`.
    pub fn is_overdue(
        &self,
        times: &super::tracking::ReviewTimes,
        now: chrono::NaiveDateTime,
    ) -> bool {
        self.last_event.is_some_and(|(state, since)| {
            super::tracking::waiting_since(state, since, times, now).is_some_and(|w| w.is_overdue)
        })
    }

    /// Whether every word of `query` (already prepared with [`Query::new`]) is found in
    /// the name, a domain, a phone number or a certificate tail.
    pub fn matches(&self, query: &Query) -> bool {
        query.terms.iter().all(|term| self.matches_term(term))
    }

    fn matches_term(&self, term: &Term) -> bool {
        // Names are mostly Chinese: compare as typed first, and fold ASCII case only when
        // the name has upper-case letters (no allocation for most entries).
        let name_matches = self.name.contains(&term.lower)
            || (self.name.bytes().any(|b| b.is_ascii_uppercase())
                && self.name.to_ascii_lowercase().contains(&term.lower));
        if name_matches || self.domains.iter().any(|d| d.contains(&term.lower)) {
            return true;
        }
        if let Some(digits) = &term.digits
            && self.phones.iter().any(|p| p.contains(digits.as_str()))
        {
            return true;
        }
        // A certificate is found by its last characters only, never by its middle.
        self.cert_tails
            .iter()
            .any(|tail| tail.ends_with(&term.upper))
    }
}

/// One word of a search.
#[derive(Clone, Debug, PartialEq)]
struct Term {
    lower: String,
    upper: String,
    /// The digits of the word when it is a phone number (or part of one).
    digits: Option<String>,
}

/// A prepared search: words that must all match.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    terms: Vec<Term>,
}

impl Query {
    /// Splits `text` into words (spaces, full-width spaces).
    pub fn new(text: &str) -> Query {
        let terms = text
            .split(|c: char| c.is_whitespace() || c == '\u{3000}')
            .filter(|w| !w.is_empty())
            .map(|w| {
                let digits_only: String = w.chars().filter(char::is_ascii_digit).collect();
                let is_number = !digits_only.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '(' | ')'));
                Term {
                    lower: w.to_lowercase(),
                    upper: w.to_uppercase(),
                    digits: is_number.then_some(digits_only),
                }
            })
            .collect();
        Query { terms }
    }

    /// Whether the search is empty (everything matches).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

keyed_enum! {
    /// A column the list can be sorted by.
    #[derive(Default)]
    pub enum SortKey : "sort_key" {
        /// Applicant or unit name.
        Name => "name",
        /// The primary domain.
        Domain => "domain",
        /// The kind of filing.
        Procedure => "procedure",
        /// Where it stands.
        State => "state",
        /// Last change.
        #[default]
        Updated => "updated",
        /// How far it is filled in.
        Progress => "progress",
    }
}

/// What the list shows: a search, filters and an order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListView {
    /// The search words.
    pub query: Query,
    /// Only this state.
    pub state: Option<LibraryState>,
    /// Only this kind of filing.
    pub procedure: Option<Procedure>,
    /// Only 个人 or 单位.
    pub kind: Option<FilingKind>,
    /// The column to sort by.
    pub sort: SortKey,
    /// Whether archived filings are listed without a search (a search always finds them).
    pub show_archived: bool,
    /// Whether the column's usual order (names A–Z, newest change first, least progress
    /// first, …) is reversed.
    pub reversed: bool,
}

impl ListView {
    /// Whether `entry` passes the search and the filters.
    pub fn shows(&self, entry: &IndexEntry) -> bool {
        (!entry.archived || self.show_archived || !self.query.is_empty())
            && self.state.is_none_or(|s| s == entry.state)
            && self.procedure.is_none_or(|p| p == entry.procedure)
            && self.kind.is_none_or(|k| k == entry.kind)
            && entry.matches(&self.query)
    }

    /// The positions in `entries` that this view shows, in its order.
    pub fn select(&self, entries: &[IndexEntry]) -> Vec<usize> {
        let mut shown: Vec<usize> = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| self.shows(e))
            .map(|(i, _)| i)
            .collect();
        shown.sort_by(|&a, &b| match (entries.get(a), entries.get(b)) {
            (Some(x), Some(y)) => self.compare(x, y),
            _ => Ordering::Equal,
        });
        shown
    }

    fn compare(&self, a: &IndexEntry, b: &IndexEntry) -> Ordering {
        let order = match self.sort {
            SortKey::Name => a.name.cmp(&b.name),
            SortKey::Domain => a.domains.first().cmp(&b.domains.first()),
            SortKey::Procedure => a.procedure.cmp(&b.procedure),
            SortKey::State => a.state.cmp(&b.state),
            SortKey::Updated => b.updated_at.cmp(&a.updated_at),
            SortKey::Progress => a.progress.total_cmp(&b.progress),
        };
        let order = if self.reversed {
            order.reverse()
        } else {
            order
        };
        order.then_with(|| a.file.cmp(&b.file))
    }
}

/// The index file: its layout version and the entries, in no particular order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IndexFile {
    /// [`INDEX_FORMAT`] when written.
    pub format: u32,
    /// One entry per draft file.
    pub entries: Vec<IndexEntry>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::model::draft::SubmissionEvent;

    fn entry() -> IndexEntry {
        let draft = crate::store::samples::sample(FilingKind::Unit).unwrap();
        IndexEntry::new("a.ron".into(), FileStamp::default(), &draft, 1.0, true)
    }

    #[test]
    fn an_entry_keeps_only_the_tail_of_each_certificate_number() {
        let draft = crate::store::samples::sample(FilingKind::Unit).unwrap();
        let e = entry();
        assert!(!e.cert_tails.is_empty());
        for tail in &e.cert_tails {
            assert_eq!(tail.chars().count(), CERT_TAIL_CHARS);
        }
        let text = ron::to_string(&e).unwrap();
        assert!(!text.contains(draft.filing.cert_number.as_str()));
        assert!(!text.contains(draft.subject.responsible.cert_number.as_str()));
        assert_eq!(cert_tail("11010519491231002x"), "002X");
        assert_eq!(cert_tail("号码"), "号码");
        assert_eq!(cert_tail(""), "");
    }

    #[test]
    fn search_finds_by_name_domain_phone_and_certificate_tail_only() {
        let draft = crate::store::samples::sample(FilingKind::Unit).unwrap();
        let e = entry();
        let name: String = draft.subject.name.chars().take(2).collect();
        assert!(e.matches(&Query::new(&name)));
        assert!(e.matches(&Query::new(&draft.filing.domain.to_uppercase())));
        let mobile = &draft.subject.responsible.mobile;
        let last: String = mobile.chars().skip(5).collect();
        assert!(e.matches(&Query::new(&last)));
        assert!(e.matches(&Query::new(&format!("{name} {last}"))));
        assert!(!e.matches(&Query::new(&format!("{name} nosuchthing"))));
        let tail = cert_tail(&draft.filing.cert_number);
        assert!(e.matches(&Query::new(&tail.to_lowercase())));
        // The middle of a certificate number finds nothing.
        let middle: String = draft.filing.cert_number.chars().skip(4).take(6).collect();
        assert!(!e.matches(&Query::new(&middle)));
        assert!(Query::new("  \u{3000} ").is_empty());
        assert!(e.matches(&Query::new("")));
    }

    #[test]
    fn the_state_follows_the_newest_submission_event() {
        let mut draft = crate::store::samples::sample(FilingKind::Personal).unwrap();
        assert_eq!(LibraryState::of(&draft, false), LibraryState::Draft);
        assert_eq!(LibraryState::of(&draft, true), LibraryState::Ready);
        for (state, expected) in [
            (
                SubmissionState::SubmittedToProvider,
                LibraryState::Submitted,
            ),
            (SubmissionState::SubmittedToBureau, LibraryState::AtBureau),
            (SubmissionState::BureauRejected, LibraryState::Returned),
            (SubmissionState::Approved, LibraryState::Approved),
        ] {
            draft.submission.events.push(SubmissionEvent {
                state,
                ..SubmissionEvent::default()
            });
            assert_eq!(LibraryState::of(&draft, true), expected);
        }
        assert_eq!(LibraryState::Approved.waits_on(), WaitsOn::Nobody);
        assert_eq!(LibraryState::AtBureau.waits_on(), WaitsOn::Bureau);
    }

    #[test]
    fn views_filter_and_sort_with_a_stable_tie_break() {
        let base = entry();
        let mk = |file: &str, name: &str, state, progress| IndexEntry {
            file: file.into(),
            name: name.into(),
            state,
            progress,
            ..base.clone()
        };
        let entries = vec![
            mk("c.ron", "丙", LibraryState::Draft, 0.5),
            mk("a.ron", "甲", LibraryState::Approved, 1.0),
            mk("b.ron", "乙", LibraryState::Draft, 0.2),
        ];
        let mut view = ListView {
            sort: SortKey::Progress,
            ..ListView::default()
        };
        assert_eq!(view.select(&entries), vec![2, 0, 1]);
        view.reversed = true;
        assert_eq!(view.select(&entries), vec![1, 0, 2]);
        view.state = Some(LibraryState::Draft);
        assert_eq!(view.select(&entries), vec![0, 2]);
        view.query = Query::new("乙");
        assert_eq!(view.select(&entries), vec![2]);
        // Archived: hidden until searched for or asked for.
        let mut archived = entries.clone();
        archived[2].archived = true;
        let mut view = ListView::default();
        assert_eq!(view.select(&archived).len(), 2);
        view.query = Query::new("乙");
        assert_eq!(view.select(&archived), vec![2]);
        view.query = Query::default();
        view.show_archived = true;
        assert_eq!(view.select(&archived).len(), 3);
        // Same sort value: by file name.
        let view = ListView {
            sort: SortKey::Procedure,
            ..ListView::default()
        };
        assert_eq!(view.select(&entries), vec![1, 2, 0]);
    }
}
