//! The help desk's list over 5,000 drafts: the first list at start-up (index read and
//! checked against the folder) must take under 300 ms, and each search keystroke
//! (filter and sort of every entry) under 16 ms.

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use beian::model::FilingKind;
use beian::model::index::{ListView, Query, SortKey};
use beian::store::sealed::{Library, WorkFactor};
use criterion::{Criterion, criterion_group, criterion_main};

const DRAFTS: usize = 5_000;

/// Writes `DRAFTS` distinct drafts (names, domains, phones, kinds) into `library`.
fn generate(library: &Path) {
    generate_n(library, DRAFTS);
}

/// Writes `count` distinct drafts into `library`.
fn generate_n(library: &Path, count: usize) {
    std::fs::create_dir_all(library).unwrap_or_default();
    let unit = beian::store::samples::sample(FilingKind::Unit).unwrap_or_default();
    let personal = beian::store::samples::sample(FilingKind::Personal).unwrap_or_default();
    for n in 0..count {
        let mut draft = if n % 3 == 0 {
            personal.clone()
        } else {
            unit.clone()
        };
        draft.id = format!("20261201-{n:012}");
        draft.subject.name = format!("示例{n}号科技有限公司");
        draft.filing.domain = format!("example{n}.cn");
        if let Some(w) = draft.websites.first_mut() {
            w.domain = format!("example{n}.cn");
        }
        draft.subject.responsible.mobile = format!("138{n:08}");
        let path = library.join(format!("{}.ron", draft.id));
        if let Err(err) = beian::store::draft_io::save_draft(
            &beian::store::sealed::Library::of_file(&path),
            &draft,
            &path,
        ) {
            eprintln!("cannot write a draft: {err:?}");
        }
    }
}

fn bench(c: &mut Criterion) {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let library = dir.path().join("drafts");
    generate(&library);
    let started = Instant::now();
    let built = beian::library::index::refresh(&beian::store::sealed::Library::open(&library));
    println!(
        "index built from {} drafts (read and validated) in {:.2} s",
        built.drafts_read,
        started.elapsed().as_secs_f64()
    );
    assert_eq!(built.entries.len(), DRAFTS);

    let mut group = c.benchmark_group("library of 5,000 drafts");
    group.sample_size(20);
    group.bench_function("first list (index read, folder checked, sorted)", |b| {
        b.iter(|| {
            let library = beian::services::library::load(
                black_box(&beian::store::sealed::Library::open(&library)),
                &[],
            );
            let shown = ListView::default().select(&library.entries);
            assert_eq!(library.entries.len(), DRAFTS);
            shown.len()
        });
    });
    let entries = built.entries;
    for (label, text) in [
        ("search keystroke, name", "示例4321"),
        ("search keystroke, phone", "0004321"),
        ("search keystroke, domain", "example43"),
        ("search keystroke, no match", "zzzz"),
    ] {
        group.bench_function(label, |b| {
            b.iter(|| {
                let view = ListView {
                    query: Query::new(black_box(text)),
                    sort: SortKey::Name,
                    ..ListView::default()
                };
                view.select(&entries).len()
            });
        });
    }
    group.bench_function("sort by name, everything shown", |b| {
        b.iter(|| {
            let view = ListView {
                sort: SortKey::Name,
                ..ListView::default()
            };
            view.select(black_box(&entries)).len()
        });
    });
    group.finish();
}

/// Encryption at rest: turning it on for a library of 500 drafts (each file read,
/// encrypted and replaced atomically), and the first list of 5,000 encrypted drafts.
fn encryption(c: &mut Criterion) {
    const CONVERTED: usize = 500;
    let mut group = c.benchmark_group("encryption at rest");
    group.sample_size(10);
    group.bench_function("turn on for 500 drafts", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
                let library = dir.path().join("drafts");
                generate_n(&library, CONVERTED);
                let library = Library::open(library);
                library
                    .create("bench passphrase", WorkFactor::CHEAPEST)
                    .unwrap_or_else(|e| panic!("{e}"));
                (dir, library)
            },
            |(dir, library)| {
                let done = library
                    .convert(true, &mut |_, _| {})
                    .unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(done.changed, CONVERTED);
                drop(dir);
            },
            criterion::BatchSize::PerIteration,
        );
    });
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let folder = dir.path().join("drafts");
    generate(&folder);
    let library = Library::open(folder);
    beian::library::index::refresh(&library);
    if library
        .create("bench passphrase", WorkFactor::CHEAPEST)
        .is_err()
    {
        return;
    }
    let started = Instant::now();
    if let Err(err) = library.convert(true, &mut |_, _| {}) {
        panic!("{err}");
    }
    println!(
        "5,000 drafts and their index encrypted in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    beian::library::index::refresh(&library);
    group.bench_function("first list of 5,000 encrypted drafts", |b| {
        b.iter(|| {
            let listed = beian::services::library::load(black_box(&library), &[]);
            assert_eq!(listed.entries.len(), DRAFTS);
            ListView::default().select(&listed.entries).len()
        });
    });
    group.finish();
}

criterion_group!(benches, bench, encryption);
criterion_main!(benches);
