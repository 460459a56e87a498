//! A stand-in for the `rten-bench` helper of rten's own repository, which is not published
//! with the crate: `run_bench`, which times a closure over a number of trials. rten's
//! unit tests call it only from benchmark tests that are ignored by default.

use std::time::Instant;

/// What the trials took, in milliseconds.
#[derive(Clone, Copy, Debug, Default)]
pub struct BenchStats {
    /// The mean.
    pub mean: f64,
    /// The median.
    pub median: f64,
    /// The fastest.
    pub min: f64,
    /// The slowest.
    pub max: f64,
}

/// Runs `f` `trials` times and returns the timings, printing them under `description`.
pub fn run_bench<F: FnMut()>(trials: usize, description: Option<&str>, mut f: F) -> BenchStats {
    let mut times: Vec<f64> = (0..trials.max(1))
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let stats = BenchStats {
        mean: times.iter().sum::<f64>() / times.len() as f64,
        median: times[times.len() / 2],
        min: times[0],
        max: times[times.len() - 1],
    };
    if let Some(description) = description {
        println!(
            "{description}: median {:.3} ms, mean {:.3} ms, min {:.3} ms, max {:.3} ms",
            stats.median, stats.mean, stats.min, stats.max
        );
    }
    stats
}
