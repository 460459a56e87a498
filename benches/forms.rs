//! How long printing the papers takes: every paper the unit sample needs in Guangdong (its
//! website manager's authorisation letter and the province's commitment letter), laid out
//! and written as PDF with the fonts subset (target: under 300 ms for all of them); and
//! reading the QR code back from a 12 MP photo of a printed paper (target: under 200 ms);
//! and "print all" of a filing with three papers, one of three pages.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let mut draft =
        beian::store::samples::sample(beian::model::FilingKind::Unit).unwrap_or_default();
    draft.filing.province = "440000".into();
    draft.filing.city = "440100".into();
    draft.filing.district = "440106".into();
    let papers = beian::rules::papers::papers(&draft);
    assert_eq!(papers.len(), 2);
    c.bench_function("every paper of the unit sample in Guangdong", |b| {
        b.iter(|| {
            for paper in &papers {
                black_box(beian::forms::render(black_box(&draft), paper).ok());
            }
        });
    });
    c.bench_function("lay out the authorisation letter", |b| {
        b.iter(|| black_box(beian::forms::layout(black_box(&draft), &papers[0]).ok()));
    });
    // Print all in Hunan with a finance word in a website's name: the authorisation letter,
    // the 不涉及 letter and the three-page 网站建设方案书, each written on its own and all
    // into one more file.
    let mut hunan = draft.clone();
    hunan.filing.province = "430000".into();
    hunan.filing.city = "430100".into();
    hunan.filing.district = "430102".into();
    if let Some(w) = hunan.websites.get_mut(1) {
        w.name = "示例理财课堂".into();
    }
    let all = beian::rules::papers::papers(&hunan);
    assert_eq!(all.len(), 3);
    let dir = tempfile::tempdir().ok();
    if let Some(dir) = &dir {
        let combined = dir.path().join("all.pdf");
        let folder = dir.path().join("all");
        c.bench_function("print all: three papers of a Hunan filing", |b| {
            b.iter(|| {
                black_box(beian::forms::print_all::print_all(&hunan, &all, &folder, &combined).ok())
            });
        });
    }
    // A 12 MP photo (4000 × 3000) of the printed letter on a desk, page upright.
    let pdf = beian::forms::render(&draft, &papers[0]).unwrap_or_default();
    let page = beian::documents::pdf::first_page(&pdf, 3000)
        .map(|p| image::DynamicImage::ImageRgba8(p).to_luma8())
        .unwrap_or_default();
    let mut photo = image::GrayImage::from_pixel(4000, 3000, image::Luma([90]));
    image::imageops::overlay(&mut photo, &page, 900, 0);
    assert!(beian::forms::scan::find_code(&photo).is_some());
    c.bench_function("find and read the QR code of a 12 MP photo", |b| {
        b.iter(|| black_box(beian::forms::scan::find_code(black_box(&photo))));
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
