//! Package reading on mutated packages: every fixture in `tests/data/apps/` with bytes
//! flipped, runs overwritten, length fields set to extremes, and cut short, read again
//! and again. Nothing may panic, and whatever reads renders every way. The coverage-guided
//! search is `cargo xtask fuzz package_read`; this is its deterministic, always-run part.
#![allow(clippy::unwrap_used)]

use std::path::Path;

/// A small deterministic generator (xorshift64*), so a failure names its round.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, data: &mut Vec<u8>) {
    if data.is_empty() {
        return;
    }
    match rng.below(5) {
        0 => {
            for _ in 0..=rng.below(8) {
                let at = rng.below(data.len());
                data[at] ^= 1 << rng.below(8);
            }
        }
        1 => {
            let at = rng.below(data.len());
            let len = rng.below(64).min(data.len() - at);
            let byte = [0x00, 0xff, 0x7f, 0x80][rng.below(4)];
            data[at..at + len].fill(byte);
        }
        2 => {
            // A 4- or 8-byte little-endian length field set to an extreme.
            let width = if rng.below(2) == 0 { 4 } else { 8 };
            if data.len() > width {
                let at = rng.below(data.len() - width);
                let value: u64 =
                    [0, 1, u64::from(u32::MAX), u64::MAX, data.len() as u64][rng.below(5)];
                data[at..at + width].copy_from_slice(&value.to_le_bytes()[..width]);
            }
        }
        3 => data.truncate(rng.below(data.len())),
        _ => {
            let at = rng.below(data.len());
            let end = (at + rng.below(256)).min(data.len());
            let chunk = data[at..end].to_vec();
            let to = rng.below(data.len());
            data.splice(to..to, chunk);
        }
    }
}

/// Reads `rounds` mutations of every fixture; returns how many still read.
pub fn run(rounds: usize, seed: u64) -> usize {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/apps"
    ));
    let mut fixtures: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    // Signed executables as an `.ipa` carries them, thin and universal: the code-signature
    // reader gets its share of mutants.
    let cms = std::fs::read(dir.join("hap-signature.p7b")).unwrap();
    for fat in [false, true] {
        fixtures.push(beian_core::packages::macho::build_signed_executable(
            &cms, fat,
        ));
    }
    fixtures.sort();
    let mut rng = Rng(seed);
    let mut read = 0;
    for round in 0..rounds {
        let mut data = fixtures[round % fixtures.len()].clone();
        for _ in 0..=rng.below(3) {
            mutate(&mut rng, &mut data);
        }
        if let Ok(reading) = beian_core::packages::read_bytes(&data) {
            read += 1;
            for s in &reading.signers {
                let c = &s.certificate;
                let _outcome = (c.md5(), c.sha1(), c.renderings(), c.common_name());
            }
            let now = chrono::Utc::now();
            let _outcome = reading.warnings(now, now);
        }
        let _outcome = beian_core::packages::macho::executable_certificates(&data[..]);
    }
    read
}

#[test]
fn mutated_packages_never_panic() {
    let read = run(3000, 0x0beb_ea11_2026_1207);
    // Some mutations leave a package readable (a flipped bit in an asset), most do not.
    assert!(read > 0 && read < 3000, "{read}");
}

/// The long run, by hand: `cargo test -p beian-core --test core --release -- --ignored
/// long_mutation_run`.
#[test]
#[ignore = "long: a million rounds, run by hand"]
fn long_mutation_run() {
    let read = run(1_000_000, 0x5eed_2026_1207_0001);
    assert!(read > 0);
}
