//! A stand-in for the `rten-testing` helper of rten's own repository, which is not
//! published with the crate: `TestCases`, the table-driven test runner rten 0.27.0's unit
//! tests call. Each case runs with panics caught; the runner then fails listing every case
//! that panicked, so one bad case does not hide the others.

use std::fmt::Debug;
use std::panic::{RefUnwindSafe, UnwindSafe, catch_unwind};

/// A collection of test cases.
pub trait TestCases {
    /// One case.
    type Case;

    /// Runs `test` on a reference to each case.
    fn test_each(self, test: impl Fn(&Self::Case) + RefUnwindSafe)
    where
        Self::Case: Debug + RefUnwindSafe;

    /// Runs `test` on a clone of each case.
    fn test_each_clone(self, test: impl Fn(Self::Case) + RefUnwindSafe)
    where
        Self::Case: Debug + Clone + UnwindSafe;

    /// Runs `test` on each case by value (its description is taken first).
    fn test_each_value(self, test: impl Fn(Self::Case) + RefUnwindSafe)
    where
        Self::Case: Debug + UnwindSafe;
}

fn report(total: usize, failed: &[String]) {
    if !failed.is_empty() {
        panic!(
            "{} of {total} test cases failed:\n{}",
            failed.len(),
            failed.join("\n")
        );
    }
}

impl<I: IntoIterator> TestCases for I {
    type Case = I::Item;

    fn test_each(self, test: impl Fn(&I::Item) + RefUnwindSafe)
    where
        I::Item: Debug + RefUnwindSafe,
    {
        let (mut total, mut failed) = (0, Vec::new());
        for case in self {
            total += 1;
            if catch_unwind(|| test(&case)).is_err() {
                failed.push(format!("{case:?}"));
            }
        }
        report(total, &failed);
    }

    fn test_each_clone(self, test: impl Fn(I::Item) + RefUnwindSafe)
    where
        I::Item: Debug + Clone + UnwindSafe,
    {
        let (mut total, mut failed) = (0, Vec::new());
        for case in self {
            total += 1;
            let copy = case.clone();
            if catch_unwind(|| test(copy)).is_err() {
                failed.push(format!("{case:?}"));
            }
        }
        report(total, &failed);
    }

    fn test_each_value(self, test: impl Fn(I::Item) + RefUnwindSafe)
    where
        I::Item: Debug + UnwindSafe,
    {
        let (mut total, mut failed) = (0, Vec::new());
        for case in self {
            total += 1;
            let described = format!("{case:?}");
            if catch_unwind(|| test(case)).is_err() {
                failed.push(described);
            }
        }
        report(total, &failed);
    }
}
