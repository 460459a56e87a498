//! The time the window reads: the system's, or a fixed moment, so that what depends on
//! the day ("waited 10 working days", today's date in a new tracking entry, the checks of
//! validity) holds still where it must (the snapshot pictures).

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, Utc};

/// Where the time comes from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Clock {
    /// The system's clock.
    #[default]
    System,
    /// Always this moment.
    Fixed(DateTime<Utc>),
}

impl Clock {
    /// Now.
    pub fn now(self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(at) => at,
        }
    }

    /// Now on this computer's wall clock.
    pub fn local_now(self) -> NaiveDateTime {
        self.now().with_timezone(&Local).naive_local()
    }

    /// Today on this computer's wall clock.
    pub fn today(self) -> NaiveDate {
        self.local_now().date()
    }

    /// A mark to measure a wait from (monotonic on the system's clock, so that setting
    /// the computer's time does not lock the window or keep it open).
    pub fn mark(self) -> Mark {
        match self {
            Clock::System => Mark::Monotonic(std::time::Instant::now()),
            Clock::Fixed(at) => Mark::At(at),
        }
    }

    /// How long ago `mark` was (zero for a mark from another kind of clock, or one ahead).
    pub fn since(self, mark: Mark) -> std::time::Duration {
        match (self, mark) {
            (Clock::System, Mark::Monotonic(then)) => then.elapsed(),
            (Clock::Fixed(now), Mark::At(then)) => (now - then).to_std().unwrap_or_default(),
            _ => std::time::Duration::ZERO,
        }
    }
}

/// A moment to measure a wait from (see [`Clock::mark`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// On the system's monotonic clock.
    Monotonic(std::time::Instant),
    /// On a fixed clock.
    At(DateTime<Utc>),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_stands_still_and_the_system_clock_moves_on() {
        let at = DateTime::parse_from_rfc3339("2026-11-28T02:30:00Z")
            .map(|t| t.to_utc())
            .unwrap_or_default();
        let fixed = Clock::Fixed(at);
        assert_eq!(fixed.now(), at);
        assert_eq!(fixed.now(), fixed.now());
        assert!(Clock::System.now() > at - chrono::Duration::days(365 * 100));
    }

    #[test]
    fn a_wait_is_measured_on_the_clock_it_was_marked_on() {
        let at = DateTime::parse_from_rfc3339("2026-11-28T02:30:00Z")
            .map(|t| t.to_utc())
            .unwrap_or_default();
        let mark = Clock::Fixed(at).mark();
        let later = Clock::Fixed(at + chrono::Duration::seconds(90));
        assert_eq!(later.since(mark), std::time::Duration::from_secs(90));
        assert_eq!(
            Clock::Fixed(at - chrono::Duration::seconds(5)).since(mark),
            std::time::Duration::ZERO
        );
        assert_eq!(Clock::System.since(mark), std::time::Duration::ZERO);
        assert!(Clock::System.since(Clock::System.mark()) < std::time::Duration::from_secs(60));
    }
}
