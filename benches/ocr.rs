//! Reading one 2000 × 1400 document photo (a business licence, from
//! `scripts/make-ocr-samples.py --bench`): detection alone, and the whole read (detection,
//! orientation, recognition of the lines that can hold a wanted field, field extraction),
//! and every line for comparison. Run on one core:
//! `RTEN_NUM_THREADS=1 cargo bench --bench ocr`. Target: the whole read under 1.2 s.
//! `scripts/ocr-reference.py` runs the same models with ONNX Runtime for comparison.

use std::hint::black_box;
use std::time::Duration;

use beian::rules::data::Tables;
use beian::rules::reading::{label_kind, read_fields};
use beian::vision::ocr::{Ocr, Scope};
use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/ocr/bench-licence-2000x1400.jpg"
    );
    let Ok(image) = image::open(path).map(|i| i.to_rgb8()) else {
        return;
    };
    let Ok(ocr) = Ocr::load() else {
        return;
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
    let mut group = c.benchmark_group("2000x1400 licence photo");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("detection", |b| {
        b.iter(|| ocr.detect(black_box(&image)).map(|d| d.len()));
    });
    group.bench_function("numbers only", |b| {
        b.iter(|| {
            ocr.read(black_box(&image), Scope::Numbers)
                .map(|p| read_fields(&p, today, Tables::get()).numbers.len())
        });
    });
    // What the app and `beian read` do: detection, orientation, the lines that can hold
    // a wanted field, field extraction.
    group.bench_function("whole read", |b| {
        b.iter(|| {
            ocr.read(black_box(&image), Scope::Fields(label_kind))
                .map(|p| read_fields(&p, today, Tables::get()).numbers.len())
        });
    });
    group.bench_function("every line", |b| {
        b.iter(|| {
            ocr.read(black_box(&image), Scope::All)
                .map(|p| read_fields(&p, today, Tables::get()).numbers.len())
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
