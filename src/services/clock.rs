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
}
