//! Documents: each sample file from `scripts/make-sample-documents.py` gets its expected
//! verdict, hostile files are refused with their reason, normalisation fixes what it can,
//! and the checklist follows the draft.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers outside #[test] fns.

use std::path::PathBuf;

use beian::documents::{self, FileFormat, InspectError, Store, Target, Turn};
use beian::model::{DocKind, Field, FieldKey, FilingKind, Scope};
use beian::rules::materials::assess;
use beian::services::documents::{import_file, normalize_attachment};

fn file(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/documents")
        .join(name)
}

fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(file(name)).unwrap()
}

fn codes(kind: DocKind, name: &str) -> Vec<&'static str> {
    let m = documents::inspect(&bytes(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    assess(kind, &m).iter().map(|f| f.code.key()).collect()
}

/// The files that are read, each with the kind it is judged as and the issue codes beian
/// gives it (none: accepted).
const JUDGED: &[(DocKind, &str, &[&str])] = &[
    (DocKind::IdFront, "id-front.jpg", &[]),
    (DocKind::IdBack, "id-back.jpg", &[]),
    (DocKind::SubjectCertificate, "licence-colour.png", &[]),
    (DocKind::IdFront, "id-front-rotated-exif.jpg", &[]),
    // A photo of a screen (隔屏拍摄) should be warned about; beian does not detect it yet.
    (DocKind::IdFront, "screen-photo.jpg", &[]),
    (
        DocKind::IdFront,
        "id-front-sideways.jpg",
        &["document.sideways"],
    ),
    (
        DocKind::SubjectCertificate,
        "licence-grey.jpg",
        &["document.greyscale"],
    ),
    (
        DocKind::SubjectCertificate,
        "licence-grey-rgb.jpg",
        &["document.resolution", "document.looks_greyscale"],
    ),
    (DocKind::IdFront, "tiny.jpg", &["document.resolution"]),
    (
        DocKind::DomainCertificate,
        "with-gps.jpg",
        &["document.location"],
    ),
    (
        DocKind::SubjectCertificate,
        "glare.jpg",
        &["document.glare"],
    ),
    (
        DocKind::IdFront,
        "id-back.jpg",
        &["document.looks_like_back"],
    ),
    (DocKind::IdFront, "id-card.webp", &["document.format"]),
    (DocKind::IdFront, "document.pdf", &["document.format"]),
    (
        DocKind::AuthorizationLetter,
        "document.pdf",
        &["document.pdf"],
    ),
];

#[test]
fn each_file_gets_its_verdict() {
    for (kind, name, expected) in JUDGED {
        assert_eq!(codes(*kind, name), *expected, "{name}");
    }
    // EXIF orientation 6: stored sideways, shown upright, so it is a landscape card.
    let m = documents::inspect(&bytes("id-front-rotated-exif.jpg")).unwrap();
    assert_eq!((m.width, m.height, m.exif_orientation), (1600, 1010, 6));
    let pdf = documents::inspect(&bytes("document.pdf")).unwrap();
    assert_eq!((pdf.format, pdf.pages), (Some(FileFormat::Pdf), Some(2)));
}

/// Whether an error is the expected one.
type Expect = fn(&InspectError) -> bool;

/// The files refused before they are judged, each with its reason.
const REFUSED: &[(&str, Expect)] = &[
    ("zero.jpg", |e| matches!(e, InspectError::Empty)),
    ("text-named.jpg", |e| {
        matches!(e, InspectError::NotADocument)
    }),
    ("gif-animated.gif", |e| {
        matches!(e, InspectError::Unsupported(FileFormat::Gif))
    }),
    ("bomb.png", |e| {
        matches!(e, InspectError::TooManyPixels { .. })
    }),
    ("huge-dimensions.png", |e| {
        matches!(e, InspectError::TooManyPixels { .. })
    }),
    ("truncated.jpg", |e| matches!(e, InspectError::Damaged(_))),
    ("truncated.png", |e| matches!(e, InspectError::Damaged(_))),
    ("bad-crc.png", |e| matches!(e, InspectError::Damaged(_))),
];

#[test]
fn hostile_files_are_refused_with_their_reason() {
    for (name, expected) in REFUSED {
        let err = documents::inspect(&bytes(name)).expect_err(name);
        assert!(expected(&err), "{name}: {err:?}");
        assert!(
            !err.user_message(beian::i18n::Locale::ZhCn).contains('⟦'),
            "{name}"
        );
    }
    // A file over the size limit is refused before it is read.
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.jpg");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(
            documents::inspect::ReadLimits::get()
                .unwrap()
                .max_file_bytes
                + 1,
        )
        .unwrap();
    let store = Store::for_draft(
        &beian::store::sealed::Library::of_file(&dir.path().join("d.ron")),
        &dir.path().join("d.ron"),
    );
    let key = FieldKey::new(Scope::Subject, Field::Document(DocKind::IdFront));
    let err = import_file(&store, key, &big).unwrap_err();
    assert!(
        err.user_message(beian::i18n::Locale::ZhCn).contains("太大")
            || err
                .user_message(beian::i18n::Locale::ZhCn)
                .contains("too large"),
        "{}",
        err.user_message(beian::i18n::Locale::ZhCn)
    );
    assert!(
        std::fs::read_dir(store.dir()).map_or(true, |mut d| d.next().is_none()),
        "nothing stored"
    );
}

/// Every file `scripts/make-sample-documents.py` writes has its verdict asserted here;
/// the script itself judges nothing.
#[test]
fn every_generated_file_has_its_verdict_asserted() {
    let mut on_disk: Vec<String> = std::fs::read_dir(file(""))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "CASES.md" && n != "SHA256SUMS")
        .collect();
    on_disk.sort();
    let mut asserted: Vec<String> = JUDGED
        .iter()
        .map(|(_, n, _)| *n)
        .chain(REFUSED.iter().map(|(n, _)| *n))
        .map(str::to_owned)
        .collect();
    asserted.sort();
    asserted.dedup();
    assert_eq!(on_disk, asserted);
}

#[test]
fn normalising_turns_upright_strips_metadata_and_meets_the_size() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::for_draft(
        &beian::store::sealed::Library::of_file(&dir.path().join("d.ron")),
        &dir.path().join("d.ron"),
    );
    let key = FieldKey::new(
        Scope::Website(0),
        Field::Document(DocKind::DomainCertificate),
    );
    let imported = import_file(&store, key, &file("with-gps.jpg")).unwrap();
    assert!(imported.attachment.measures.has_location);
    let (copy, thumb) = normalize_attachment(&store, &imported.attachment, Turn::None).unwrap();
    assert!(thumb.is_some());
    assert!(!copy.measures.has_location && !copy.measures.has_exif);
    let out = store.get(&copy.sha256).unwrap();
    let again = documents::inspect(&out).unwrap();
    assert!(!again.has_exif, "the copy carries no metadata");
    // The original is still there, untouched.
    assert_eq!(
        store.get(&imported.attachment.sha256).unwrap(),
        bytes("with-gps.jpg")
    );

    // A sideways card turned right becomes landscape.
    let key = FieldKey::new(Scope::Subject, Field::Document(DocKind::IdFront));
    let sideways = import_file(&store, key, &file("id-front-sideways.jpg")).unwrap();
    assert!(sideways.attachment.measures.width < sideways.attachment.measures.height);
    let (turned, _) = normalize_attachment(&store, &sideways.attachment, Turn::Right).unwrap();
    assert!(turned.measures.width > turned.measures.height);
    assert_eq!(assess(DocKind::IdFront, &turned.measures).iter().count(), 0);
}

#[test]
fn an_oversized_photo_is_brought_under_the_limit() {
    // A 12-megapixel noisy photo, over 4 MB as a high-quality JPEG.
    let mut img = image::RgbImage::new(4000, 3000);
    let mut seed = 0x2545_f491_u32;
    for p in img.pixels_mut() {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let n = (seed & 0x3f) as u8;
        *p = image::Rgb([150 + n, 120 + n / 2, 90 + n / 3]);
    }
    let mut big = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut big, 98)
        .encode_image(&img)
        .unwrap();
    assert!(big.len() > 4 * 1024 * 1024, "{}", big.len());
    let m = documents::inspect(&big).unwrap();
    assert_eq!(
        assess(DocKind::SubjectCertificate, &m)
            .iter()
            .map(|f| f.code)
            .collect::<Vec<_>>(),
        vec!["document.too_big"]
    );
    let target = Target {
        max_bytes: 4 * 1024 * 1024,
        max_long_side: 3000,
        min_short_side: 1000,
        turn: Turn::None,
    };
    let out = documents::normalize(&big, target).unwrap();
    assert!(out.bytes.len() <= 4 * 1024 * 1024);
    assert_eq!((out.measures.width, out.measures.height), (3000, 2250));
}

#[test]
fn the_checklist_follows_the_draft() {
    let mut draft = beian::store::samples::sample(FilingKind::Personal).unwrap();
    let keys = |d: &beian::model::Draft| -> Vec<String> {
        beian::rules::materials::checklist(d)
            .iter()
            .map(|i| i.key.to_string())
            .collect()
    };
    assert!(!keys(&draft).contains(&"subject.document.certificate".to_owned()));
    // Becoming a 单位 filing asks for the licence and the responsible persons' IDs.
    draft.filing.kind = FilingKind::Unit;
    draft.subject.responsible.name = "李四".into();
    let k = keys(&draft);
    assert!(k.contains(&"subject.document.certificate".to_owned()));
    assert!(k.contains(&"subject.responsible.document.id_front".to_owned()));
}
