//! The pre-check of one 640 × 480 camera frame on one core: detection (BlazeFace front
//! model) and the model-free checks, separately and together. Target: under 10 ms.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/samples/faces/good.jpg");
    let Ok(frame) = image::open(path).map(|i| i.to_rgb8()) else {
        return;
    };
    let Ok(detectors) = beian::vision::Detectors::load() else {
        return;
    };
    let Ok(limits) = beian::vision::Limits::get() else {
        return;
    };
    let faces = detectors
        .front
        .detect(&frame, limits.min_face_score)
        .unwrap_or_default();
    let mut group = c.benchmark_group("640x480 frame");
    group.bench_function("detection (front 128)", |b| {
        b.iter(|| {
            detectors
                .front
                .detect(black_box(&frame), 0.7)
                .map(|f| f.len())
        });
    });
    group.bench_function("checks (no detection)", |b| {
        b.iter(|| beian::vision::precheck::assess(black_box(&frame), &faces, limits).passed());
    });
    group.bench_function("whole live pre-check", |b| {
        b.iter(|| {
            beian::vision::precheck(black_box(&frame), &detectors, false).map(|p| p.passed())
        });
    });
    group.sample_size(20);
    group.bench_function("thorough pre-check (+ back 256)", |b| {
        b.iter(|| beian::vision::precheck(black_box(&frame), &detectors, true).map(|p| p.passed()));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
