//! The printed papers: which a filing needs, filled in from the draft, written as A4 PDFs
//! and checked with tools independent of the writer where they are installed (poppler's
//! `pdftotext`, `pdffonts`, `pdfinfo` and `qpdf --check`; `cargo xtask test` requires
//! them).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::process::Command;

use beian_core::forms::{self, FormError, Paper};
use beian_core::model::{DocKind, Draft, Field, FilingKind, Scope};

pub fn unit() -> Draft {
    beian_core::store::samples::sample(FilingKind::Unit).unwrap()
}

/// Runs `tool` on a PDF written to a temporary file; `None` when the tool is not
/// installed (and the interoperability tests are not required).
fn tool(pdf: &[u8], tool: &str, args: &[&str]) -> Option<(bool, String)> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("paper.pdf");
    std::fs::write(&path, pdf).unwrap();
    match Command::new(tool).args(args).arg(&path).arg("-").output() {
        Ok(out) => Some((
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )),
        Err(_) if std::env::var_os("BEIAN_REQUIRE_INTEROP").is_none() => None,
        Err(e) => panic!("{tool} is required: {e}"),
    }
}

pub fn tool_no_dash(pdf: &[u8], name: &str, args: &[&str]) -> Option<(bool, String)> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("paper.pdf");
    std::fs::write(&path, pdf).unwrap();
    match Command::new(name).args(args).arg(&path).output() {
        Ok(out) => Some((
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        )),
        Err(_) if std::env::var_os("BEIAN_REQUIRE_INTEROP").is_none() => None,
        Err(e) => panic!("{name} is required: {e}"),
    }
}

/// Checks a written paper with poppler and qpdf: valid, A4, every font embedded as a
/// subset with a Unicode map, and every `value` extractable exactly.
pub fn check_pdf(pdf: &[u8], values: &[&str]) {
    assert!(pdf.starts_with(b"%PDF-"));
    if let Some((ok, text)) = tool(pdf, "pdftotext", &["-layout", "-enc", "UTF-8"]) {
        assert!(ok);
        let flat: String = text.split_whitespace().collect();
        for v in values {
            let v: String = v.split_whitespace().collect();
            assert!(flat.contains(&v), "{v} not in:\n{text}");
        }
        assert!(!text.contains('\u{FFFD}'));
    }
    if let Some((ok, fonts)) = tool_no_dash(pdf, "pdffonts", &[]) {
        assert!(ok, "{fonts}");
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{fonts}");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "{row}");
            assert!(cols[0].contains('+'), "subset tag: {row}");
        }
    }
    if let Some((ok, info)) = tool_no_dash(pdf, "pdfinfo", &[]) {
        assert!(ok);
        assert!(info.contains("(A4)"), "{info}");
    }
    if let Some((ok, report)) = tool_no_dash(pdf, "qpdf", &["--check"]) {
        assert!(ok, "{report}");
        assert!(
            report.contains("No syntax or stream encoding errors"),
            "{report}"
        );
    }
}

#[test]
fn a_unit_filing_prints_the_authorisation_of_its_website_manager() {
    let d = unit();
    let papers = beian_core::rules::papers::papers(&d);
    let letter = papers
        .iter()
        .find(|p| p.template == "authorization")
        .expect("the website manager is not the legal representative");
    assert_eq!(letter.person, Some(Scope::WebsiteResponsible(0)));
    assert_eq!(
        letter.item.field,
        Field::Document(DocKind::AuthorizationLetter)
    );
    let pdf = forms::render(&d, letter).unwrap();
    let w = &d.websites[0];
    check_pdf(
        &pdf,
        &[
            "授权书",
            &d.subject.name,
            &d.filing.cert_number,
            &d.subject.legal_rep.name,
            &w.responsible.name,
            &w.responsible.cert_number,
            &w.responsible.mobile,
            &w.name,
            &d.filing.domain,
            &d.websites[1].name,
        ],
    );
    // The same paper twice: byte for byte the same file.
    assert_eq!(pdf, forms::render(&d, letter).unwrap());
    assert!(pdf.len() < 200_000, "{} bytes", pdf.len());
}

#[test]
fn province_papers_follow_the_province_and_who_signs() {
    let mut d = unit();
    d.filing.province = "440000".into();
    d.filing.city = "440100".into();
    d.filing.district = "440106".into();
    let gd: Vec<Paper> = beian_core::rules::papers::papers(&d)
        .into_iter()
        .filter(|p| p.template == "gd_commitment")
        .collect();
    assert_eq!(gd.len(), 1);
    let pdf = forms::render(&d, &gd[0]).unwrap();
    check_pdf(
        &pdf,
        &[
            "互联网信息服务备案承诺书",
            "广东省通信管理局",
            &d.subject.name,
            &d.filing.domain,
        ],
    );
    d.filing.province = "320000".into();
    d.filing.city = "320100".into();
    d.filing.district = "320102".into();
    let js: Vec<String> = beian_core::rules::papers::papers(&d)
        .into_iter()
        .map(|p| p.template)
        .collect();
    assert!(js.contains(&"js_notice".to_owned()) && js.contains(&"js_commitment".to_owned()));
    let notice = beian_core::rules::papers::papers(&d)
        .into_iter()
        .find(|p| p.template == "js_notice")
        .unwrap();
    check_pdf(
        &forms::render(&d, &notice).unwrap(),
        &[
            "ICP备案信息真实性责任告知书",
            &d.websites[0].responsible.name,
        ],
    );
}

#[test]
fn a_missing_value_is_named_and_a_rare_name_character_is_printed() {
    let mut d = unit();
    let letter = beian_core::rules::papers::papers(&d)
        .into_iter()
        .find(|p| p.template == "authorization")
        .unwrap();
    d.subject.legal_rep.name.clear();
    let err = forms::render(&d, &letter).unwrap_err();
    assert_eq!(err, FormError::Missing(vec!["legal_rep_name".into()]));
    assert!(
        err.message(beian_core::i18n::Locale::ZhCn)
            .contains("法定代表人")
    );
    let mut d = unit();
    d.websites[0].responsible.name = "王堃".into();
    d.websites[1].responsible.name = "王堃".into();
    let letter = beian_core::rules::papers::papers(&d)
        .into_iter()
        .find(|p| p.template == "authorization")
        .unwrap();
    let pdf = forms::render(&d, &letter).unwrap();
    check_pdf(&pdf, &["王堃"]);
}

#[test]
fn the_fingerprint_follows_the_values_printed() {
    let mut d = unit();
    let letter = beian_core::rules::papers::papers(&d)
        .into_iter()
        .find(|p| p.template == "authorization")
        .unwrap();
    let before = forms::payload(&d, &letter).unwrap();
    assert_eq!(before.fingerprint.len(), 12);
    // A value the letter does not print changes nothing; one it prints changes it.
    d.subject.mailing_address.push('x');
    assert_eq!(forms::payload(&d, &letter).unwrap(), before);
    d.websites[0].responsible.mobile = "13800138999".into();
    assert_ne!(
        forms::payload(&d, &letter).unwrap().fingerprint,
        before.fingerprint
    );
}

/// Every character of every template, and of the text beian adds around the values, is
/// in the shipped fonts: none would print as an empty box.
#[test]
fn every_character_of_every_template_has_a_glyph() {
    let templates = forms::templates::Templates::shipped().unwrap();
    let fonts = forms::layout::Fonts::get();
    for t in &templates.templates {
        for text in std::iter::once(&t.title).chain(t.texts()) {
            assert!(fonts.missing(text).is_empty(), "{}: {text}", t.key);
        }
    }
}

/// A photo of the printed paper as an applicant takes it: the page rendered (hayro), the
/// signature scribbled on the lines of `signed`, turned by `degrees` on a darker desk,
/// lit unevenly and slightly out of focus.
pub fn photo(
    draft: &Draft,
    paper: &Paper,
    signed: &[&str],
    degrees: f32,
    long_side: u32,
) -> image::GrayImage {
    use forms::pdf::{Op, PAGE};
    let pdf = forms::render(draft, paper).unwrap();
    let mut page = beian_core::documents::pdf::first_page(&pdf, long_side).unwrap();
    let scale = page.width() as f32 / PAGE.0;
    for op in &forms::layout(draft, paper).unwrap()[0] {
        if let Op::SignatureArea { rect, role } = op
            && signed.contains(&role.as_str())
        {
            // A handwritten name: a few strokes of a pen about 2 pt wide.
            let (x, y, w, h) = *rect;
            for i in 0..400 {
                let t = i as f32 / 400.0;
                let px = (x + 10.0 + t * (w * 0.6)) * scale;
                let py = (y + h * 0.55 + (t * 31.0).sin() * h * 0.3) * scale;
                for dx in 0..(2.0 * scale) as i32 {
                    for dy in 0..(2.0 * scale) as i32 {
                        if let Some(p) = page
                            .get_pixel_mut_checked((px as i32 + dx) as u32, (py as i32 + dy) as u32)
                        {
                            *p = image::Rgba([20, 20, 30, 255]);
                        }
                    }
                }
            }
        }
    }
    let gray = image::DynamicImage::ImageRgba8(page).to_luma8();
    let (w, h) = gray.dimensions();
    let (cw, ch) = (w + w / 5, h + h / 8);
    let (sin, cos) = degrees.to_radians().sin_cos();
    let (cx, cy) = (cw as f32 / 2.0, ch as f32 / 2.0);
    let out = image::GrayImage::from_fn(cw, ch, |x, y| {
        // Inverse rotation about the centre, bilinear, onto a desk of grey 90.
        let (dx, dy) = (x as f32 - cx, y as f32 - cy);
        let sx = cos * dx + sin * dy + w as f32 / 2.0;
        let sy = -sin * dx + cos * dy + h as f32 / 2.0;
        let light = 0.72 + 0.28 * (x as f32 / cw as f32);
        let value = if sx >= 0.0 && sy >= 0.0 && sx < (w - 1) as f32 && sy < (h - 1) as f32 {
            let (x0, y0) = (sx as u32, sy as u32);
            let (fx, fy) = (sx - x0 as f32, sy - y0 as f32);
            let p = |x, y| f32::from(gray.get_pixel(x, y).0[0]);
            p(x0, y0) * (1.0 - fx) * (1.0 - fy)
                + p(x0 + 1, y0) * fx * (1.0 - fy)
                + p(x0, y0 + 1) * (1.0 - fx) * fy
                + p(x0 + 1, y0 + 1) * fx * fy
        } else {
            90.0
        };
        image::Luma([(value * light).clamp(0.0, 255.0) as u8])
    });
    image::imageops::blur(&out, 1.0)
}

pub fn authorization(d: &Draft) -> Paper {
    beian_core::rules::papers::papers(d)
        .into_iter()
        .find(|p| p.template == "authorization")
        .unwrap()
}

/// Print, photograph, attach: the QR code is found and matched; the right paper signed by
/// both passes, an unsigned one is warned about, a paper of another filing or printed
/// before a change is refused with the right verdict.
#[test]
fn a_signed_scan_is_matched_back_to_its_paper() {
    use forms::scan::Verdict;
    let check = |d: &Draft, item, gray: &image::GrayImage| {
        forms::scan::check(d, &beian_core::rules::papers::papers(d), item, gray)
    };
    let d = unit();
    let paper = authorization(&d);
    let roles = ["法定代表人", "被授权人（网站负责人）"];
    let signed = photo(&d, &paper, &roles, 4.0, 2200);
    if std::env::var_os("BEIAN_KEEP_SCAN").is_some() {
        signed.save("/tmp/scan-signed.png").unwrap();
    }
    assert_eq!(
        check(&d, paper.item, &signed),
        Verdict::Matches { unsigned: vec![] }
    );
    let half = photo(&d, &paper, &roles[..1], -3.0, 2200);
    assert_eq!(
        check(&d, paper.item, &half),
        Verdict::Matches {
            unsigned: vec![roles[1].to_owned()]
        }
    );
    // Printed before the mobile number changed.
    let mut changed = d.clone();
    changed.websites[0].responsible.mobile = "13800138999".into();
    assert_eq!(check(&changed, paper.item, &signed), Verdict::Outdated);
    // Another filing's paper.
    let mut other = d.clone();
    other.id = "another-filing".into();
    assert_eq!(check(&other, paper.item, &signed), Verdict::OtherFiling);
    // Attached to another item.
    let item = beian_core::model::FieldKey::new(
        Scope::SubjectResponsible,
        Field::Document(DocKind::AuthorizationLetter),
    );
    assert!(matches!(
        check(&d, item, &signed),
        Verdict::OtherPaper { .. }
    ));
    // A photo of something else.
    let blank = image::GrayImage::from_pixel(800, 1100, image::Luma([230]));
    assert_eq!(check(&d, paper.item, &blank), Verdict::NoCode);
}
