//! Checking and normalising a 12-megapixel photo of a document: the work behind one
//! attached file. Target: well under 300 ms on one core.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

/// A 4000 × 3000 photo-like JPEG (smooth paper, text-like strokes, sensor noise).
fn photo() -> Vec<u8> {
    let mut seed = 0x9e37_79b9_u32;
    let img = image::RgbImage::from_fn(4000, 3000, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let noise = (seed & 0x0f) as u8;
        let stroke = (y / 40) % 3 == 0 && (x / 9) % 7 < 5 && x > 300 && x < 3700;
        if stroke {
            image::Rgb([40 + noise, 40 + noise, 50 + noise])
        } else {
            image::Rgb([225 - noise, 215 - noise, 195 - noise])
        }
    });
    let mut out = Vec::new();
    let encoded =
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 92).encode_image(&img);
    assert!(encoded.is_ok());
    out
}

fn bench(c: &mut Criterion) {
    let bytes = photo();
    let target = beian::documents::Target {
        max_bytes: 4 * 1024 * 1024,
        max_long_side: 3000,
        min_short_side: 1000,
        turn: beian::documents::Turn::None,
    };
    let mut group = c.benchmark_group("12 MP document photo");
    group.sample_size(10);
    group.bench_function("check (decode + measure)", |b| {
        b.iter(|| beian::documents::inspect(black_box(&bytes)).map(|m| m.width));
    });
    group.bench_function("check + normalise", |b| {
        b.iter(|| {
            let decoded = beian::documents::decode(black_box(&bytes)).ok()?;
            beian::documents::normalize::normalize_decoded(decoded.image, &decoded.measures, target)
                .ok()
                .map(|n| n.bytes.len())
        });
    });
    let decoded = beian::documents::decode(&bytes).ok();
    if let Some(decoded) = decoded {
        group.bench_function("normalise only (scale + encode)", |b| {
            b.iter_batched(
                || decoded.image.clone(),
                |image| {
                    beian::documents::normalize::normalize_decoded(image, &decoded.measures, target)
                        .map(|n| n.bytes.len())
                        .ok()
                },
                criterion::BatchSize::LargeInput,
            );
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
