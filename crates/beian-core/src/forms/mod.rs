//! The papers a filing needs printed, filled in from the draft
//! (`../shared/domain/printable-forms.md`): which checklist items are printable papers,
//! their values, and each as a print-ready A4 PDF with a QR code that matches a signed
//! scan back to the filing, the paper and the values printed.

pub mod fill;
pub mod layout;
pub mod pdf;
pub mod print_all;
pub mod qr;
pub mod scan;
pub mod templates;

use crate::i18n::{Locale, t, tf};
use crate::model::{Draft, FieldKey, Scope};
use templates::{Signer, Template, Templates};

/// A paper this filing needs: the checklist item it is printed for and its template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paper {
    /// The checklist item the signed scan is attached to.
    pub item: FieldKey,
    /// The template's key.
    pub template: String,
    /// Whose paper it is (the person who signs as responsible person), when it names one.
    pub person: Option<Scope>,
}

/// Why a paper cannot be printed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FormError {
    /// The templates cannot be read.
    #[error("the paper templates cannot be read")]
    Templates,
    /// The draft lacks values the paper prints.
    #[error("values missing: {0:?}")]
    Missing(Vec<String>),
    /// A character neither shipped font has (it would print as an empty box).
    #[error("characters without a glyph: {0:?}")]
    NoGlyph(Vec<char>),
    /// Writing the PDF failed.
    #[error("writing the PDF: {0}")]
    Write(String),
}

impl FormError {
    /// The error in words.
    pub fn message(&self, locale: Locale) -> String {
        match self {
            FormError::Templates => t(locale, "forms.error.templates").into_owned(),
            FormError::Missing(names) => {
                let labels: Vec<String> = names
                    .iter()
                    .map(|n| t(locale, &format!("forms.value.{n}")).into_owned())
                    .collect();
                tf(
                    locale,
                    "forms.error.missing",
                    &[("values", &crate::i18n::list(locale, &labels))],
                )
            }
            FormError::NoGlyph(chars) => tf(
                locale,
                "forms.error.no_glyph",
                &[("chars", &chars.iter().collect::<String>())],
            ),
            FormError::Write(_) => t(locale, "forms.error.write").into_owned(),
        }
    }
}

/// Why a paper was not printed to a file: it could not be made, or not saved.
#[derive(Clone, Debug, thiserror::Error)]
pub enum PrintError {
    /// The paper could not be made.
    #[error(transparent)]
    Form(#[from] FormError),
    /// The file could not be written.
    #[error("saving the PDF")]
    Save(#[source] crate::cause::Cause),
}

impl PrintError {
    /// The error in words.
    pub fn message(&self, locale: Locale) -> String {
        match self {
            PrintError::Form(e) => e.message(locale),
            PrintError::Save(cause) => {
                tf(locale, "forms.error.save", &[("error", &cause.to_string())])
            }
        }
    }
}

/// Prints `paper` of `draft` to `path` (owner-only), replacing what was there.
pub fn print_to(draft: &Draft, paper: &Paper, path: &std::path::Path) -> Result<(), PrintError> {
    let pdf = render(draft, paper)?;
    crate::store::private_files::write_atomic(path, &pdf)
        .map_err(|e| PrintError::Save(crate::cause::cause(e)))
}

/// The template of `paper`.
pub fn template(paper: &Paper) -> Result<&'static Template, FormError> {
    Templates::shipped()
        .map_err(|_| FormError::Templates)?
        .find(&paper.template)
        .ok_or(FormError::Templates)
}

/// `paper` filled in from `draft`.
pub fn filled(draft: &Draft, paper: &Paper) -> Result<fill::Filled, FormError> {
    let template = template(paper)?;
    let values = fill::values(draft, paper.person);
    fill::fill(template, &values).map_err(FormError::Missing)
}

/// The QR payload of `paper` as printed from `draft`.
pub fn payload(draft: &Draft, paper: &Paper) -> Result<qr::Payload, FormError> {
    let template = template(paper)?;
    Ok(qr::Payload {
        filing: draft.id.clone(),
        item: qr::item_tag(&paper.item.to_string()),
        fingerprint: filled(draft, paper)?.fingerprint(template),
        page: None,
    })
}

/// The role printed on a signature line.
fn signature_roles(draft: &Draft, template: &Template, filled: &fill::Filled) -> Vec<String> {
    let rep = if draft.is_unit() {
        "法定代表人"
    } else {
        "申请人"
    };
    let person = filled
        .values
        .get("person_role")
        .cloned()
        .unwrap_or_else(|| "负责人".into());
    match template.signer {
        Signer::LegalRep => vec![rep.to_owned()],
        Signer::Person => vec![person],
        Signer::LegalRepAndPerson => vec![rep.to_owned(), format!("被授权人（{person}）")],
    }
}

/// The pages of `paper`, laid out.
pub fn layout(draft: &Draft, paper: &Paper) -> Result<Vec<Vec<pdf::Op>>, FormError> {
    let template = template(paper)?;
    let filled = filled(draft, paper)?;
    let fingerprint = filled.fingerprint(template);
    let texts = std::iter::once(&filled.title)
        .chain(&filled.paragraphs)
        .chain(&filled.closing)
        .chain(filled.table.iter().flat_map(|(a, b)| [a, b]))
        .chain(filled.sections.iter().flat_map(|s| {
            std::iter::once(&s.heading)
                .chain(&s.text)
                .chain(s.write.iter().map(|(w, _)| w))
                .chain(s.choices.iter().map(|(label, _)| label))
        }));
    let mut missing: Vec<char> = texts
        .flat_map(|t| layout::Fonts::get().missing(t))
        .collect();
    missing.sort_unstable();
    missing.dedup();
    if !missing.is_empty() {
        return Err(FormError::NoGlyph(missing));
    }
    let mut l = pdf::Layout::new();
    l.title(&filled.title);
    for p in &filled.paragraphs {
        l.paragraph(p);
    }
    l.table(&filled.table);
    for section in &filled.sections {
        l.heading(&section.heading);
        for p in &section.text {
            l.paragraph(p);
        }
        l.choices(&section.choices);
        if let Some((note, lines)) = &section.write {
            l.write_lines(note, *lines);
        }
    }
    for p in &filled.closing {
        l.paragraph(p);
    }
    l.skip(8.0);
    let roles = signature_roles(draft, template, &filled);
    let seal = template.seal && draft.is_unit();
    // The signatures, the date and the seal stay together on one page.
    l.room(pdf::Layout::signature_block_height(roles.len(), seal));
    for role in roles {
        l.signature(&role);
    }
    l.date(template.date == "handwritten");
    if seal {
        l.seal("单位公章（红色，不用合同章）");
    }
    let title = filled.title.clone();
    let edition = template.edition.clone();
    Ok(l.finish(|page, pages| {
        vec![
            format!("《{title}》 模板版本 {edition} · 第 {page}/{pages} 页 · 核对码 {fingerprint}"),
            "由 ICP 备案助手根据备案草稿填写。请核对内容后用黑色签字笔正楷手写签名，不要连笔，不要使用签名章。"
                .to_owned(),
        ]
    }))
}

/// The pages of `paper`, each with its QR code (which names its page when there are
/// several, so that a photo of the signature page is known as such).
pub fn drawn(
    draft: &Draft,
    paper: &Paper,
) -> Result<Vec<(Vec<pdf::Op>, pdf::QrModules)>, FormError> {
    let pages = layout(draft, paper)?;
    let payload = payload(draft, paper)?;
    let several = pages.len() > 1;
    pages
        .into_iter()
        .enumerate()
        .map(|(i, page)| {
            let code = qr::Payload {
                page: several.then_some(i as u32 + 1),
                ..payload.clone()
            };
            let qr = qr::matrix(&code.encode()).ok_or_else(|| FormError::Write("QR".into()))?;
            Ok((page, qr))
        })
        .collect()
}

/// `paper` as a print-ready PDF.
pub fn render(draft: &Draft, paper: &Paper) -> Result<Vec<u8>, FormError> {
    let pages = drawn(draft, paper)?;
    write_drawn(&[&pages], &template(paper)?.title)
}

/// Papers drawn ([`drawn`]) written into one PDF titled `title`.
pub fn write_drawn(
    papers: &[&[(Vec<pdf::Op>, pdf::QrModules)]],
    title: &str,
) -> Result<Vec<u8>, FormError> {
    let pages: Vec<(&[pdf::Op], &pdf::QrModules)> = papers
        .iter()
        .flat_map(|pages| pages.iter().map(|(ops, qr)| (ops.as_slice(), qr)))
        .collect();
    pdf::write_pages(&pages, title).map_err(FormError::Write)
}

/// The paper's title as printed on it and whose it is, when it names a person.
fn title_and_person(draft: &Draft, paper: &Paper) -> (String, Option<String>) {
    let title = template(paper).map_or_else(|_| paper.template.clone(), |t| t.title.clone());
    let person = fill::values(draft, paper.person)
        .get("person_name")
        .filter(|n| !n.is_empty())
        .cloned();
    (title, person)
}

/// The paper as its list names it: its printed title and whose it is (`授权书（王五）`).
pub fn display_name(draft: &Draft, paper: &Paper) -> String {
    match title_and_person(draft, paper) {
        (title, Some(person)) => format!("{title}（{person}）"),
        (title, None) => title,
    }
}

/// A file name for `paper` (`授权书-王五.pdf`), safe on every system.
pub fn file_name(draft: &Draft, paper: &Paper) -> String {
    let (title, person) = title_and_person(draft, paper);
    let name = match person {
        Some(person) => format!("{title}-{person}"),
        None => title,
    };
    format!("{}.pdf", safe_name(&name))
}

/// `text` with every character but letters, digits, `-` and `_` made `_`: safe as a file
/// name on every system.
pub fn safe_name(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}
