//! Exporting and verifying a signed bundle with 50 MB of documents, next to `sha256sum`
//! over the same files. Both are hashing-bound: the target is at least 80 % of the speed
//! of `sha256sum`.
#![allow(clippy::expect_used)] // Set-up failures should stop the benchmark loudly.

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use beian::bundle::{KeyFiles, TrustedKeys};
use beian::documents::Store;
use beian::model::FilingKind;
use beian::store::storage::DataDir;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// Bytes of documents in the filing.
const DOCUMENT_BYTES: usize = 50 * 1000 * 1000;

/// Pseudo-random bytes (incompressible, like JPEG data).
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        out.extend_from_slice(&seed.to_le_bytes());
    }
    out.truncate(len);
    out
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let data = DataDir::at(dir.path());
    let (mut draft, draft_path) = beian::services::samples::create(
        FilingKind::Unit,
        &beian::store::sealed::Library::open(data.drafts_dir()),
        chrono::Utc::now(),
    )
    .expect("sample filing");
    let report = beian::rules::validate(&draft);
    for issue in &report.issues {
        if issue.severity == beian::rules::Severity::Warning {
            draft
                .review
                .acknowledged_warnings
                .push(issue.acknowledgement());
        }
    }
    // Swap the sample's documents for 50 MB of stored content (JPEG-like, incompressible).
    let store = Store::for_draft(
        &beian::store::sealed::Library::of_file(&draft_path),
        &draft_path,
    );
    let count = draft.materials.attachments.len();
    let mut files: Vec<PathBuf> = Vec::new();
    for (i, attachment) in draft.materials.attachments.iter_mut().enumerate() {
        let mut bytes = noise(DOCUMENT_BYTES / count, i as u64 + 1);
        bytes[..3].copy_from_slice(&[0xFF, 0xD8, 0xFF]);
        let sha = store.put(&bytes).expect("store");
        files.push(store.path(&sha).expect("path"));
        attachment.sha256 = sha;
        attachment.normalized = None;
    }
    let filing = beian::rules::finalize(&draft).expect("a complete filing");
    let signer = KeyFiles::applicant(dir.path())
        .generate("benchmark password")
        .expect("key");
    let out = dir.path().join("bundle.zip");
    let today = chrono::Local::now().date_naive();
    let total: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0))
        .sum();

    let mut group = c.benchmark_group("bundle with 50 MB of documents");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(total));
    group.bench_function("export (read, hash, zip, sign, write)", |b| {
        b.iter(|| {
            beian::bundle::export(
                &filing,
                &store,
                &signer,
                today,
                &out,
                &mut |_| {},
                &AtomicBool::new(false),
            )
            .map(|e| e.byte_len)
        });
    });
    group.bench_function("verify (every check)", |b| {
        b.iter(|| beian::bundle::verify(black_box(&out), &TrustedKeys::default()).is_ok());
    });
    let sha256sum = std::process::Command::new("sha256sum")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if sha256sum {
        group.bench_function("sha256sum over the same documents (baseline)", |b| {
            b.iter(|| {
                std::process::Command::new("sha256sum")
                    .args(&files)
                    .output()
                    .map(|o| o.stdout.len())
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
