//! How long reading an app package takes. `beian app-info` and the APP step read only the
//! manifest, the signatures and the central directory, so a package of any size reads in
//! milliseconds; these measure the fixtures (`tests/data/apps/`) in memory.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};

fn fixture(name: &str) -> Vec<u8> {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests/data/apps", name]
        .iter()
        .collect();
    std::fs::read(path).unwrap_or_default()
}

fn bench(c: &mut Criterion) {
    for name in [
        "v1v2v3.apk",
        "rotated.apk",
        "distribution.ipa",
        "release.pem",
    ] {
        let bytes = fixture(name);
        assert!(beian::packages::read_bytes(&bytes).is_ok(), "{name}");
        c.bench_function(&format!("read {name}"), |b| {
            b.iter(|| beian::packages::read_bytes(black_box(&bytes)));
        });
    }
    let bytes = fixture("v1v2v3.apk");
    let Ok(reading) = beian::packages::read_bytes(&bytes) else {
        return;
    };
    if let Some(signer) = reading.proposed() {
        c.bench_function("every public key rendering (RSA-2048)", |b| {
            b.iter(|| black_box(&signer.certificate).renderings());
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
