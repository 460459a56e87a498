//! How long printing the papers takes: every paper the unit sample needs in Guangdong (its
//! website manager's authorisation letter and the province's commitment letter), laid out
//! and written as PDF with the fonts subset. The target is under 300 ms for all of them.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let mut draft =
        beian::store::samples::sample(beian::model::FilingKind::Unit).unwrap_or_default();
    draft.filing.province = "440000".into();
    draft.filing.city = "440100".into();
    draft.filing.district = "440106".into();
    let papers = beian::forms::papers(&draft);
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
}

criterion_group!(benches, bench);
criterion_main!(benches);
