//! How long checking a whole draft takes: it runs on every keystroke, so a complete 单位
//! draft with five websites must validate in well under 100 µs.

use std::hint::black_box;

use beian::model::{FilingKind, Website};
use criterion::{Criterion, criterion_group, criterion_main};

fn unit_draft_with_five_websites() -> beian::model::Draft {
    let mut draft = beian::store::samples::sample(FilingKind::Unit).unwrap_or_default();
    let template: Website = draft.websites[1].clone();
    for n in 3..=5 {
        let mut w = template.clone();
        w.name = format!("示例科技产品手册{n}");
        w.domain = format!("example{n}.net.cn");
        w.homepage = format!("www.example{n}.net.cn");
        draft.websites.push(w);
    }
    draft
}

fn bench(c: &mut Criterion) {
    let draft = unit_draft_with_five_websites();
    assert_eq!(draft.websites.len(), 5);
    // Load the tables once, as the app does at its first check.
    let _ = beian::rules::validate(&draft);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default();
    c.bench_function("validate unit draft, 5 websites", |b| {
        b.iter(|| beian::rules::validate_on(black_box(&draft), today));
    });
    let mut broken = draft.clone();
    broken.filing.cert_number = "91350100M000100Y44".into();
    broken.subject.responsible.phone2 = "010-12345678".into();
    broken.websites[0].responsible.mobile = broken.subject.responsible.mobile.clone();
    broken.websites[2].name = "中国示例新闻网".into();
    c.bench_function("validate unit draft, 5 websites, with problems", |b| {
        b.iter(|| beian::rules::validate_on(black_box(&broken), today));
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
