//! The papers a filing needs printed, filled in from the draft
//! (`../shared/domain/printable-forms.md`): which checklist items are printable papers,
//! their values, and each as a print-ready A4 PDF with a QR code that matches a signed
//! scan back to the filing, the paper and the values printed.

pub mod fill;
pub mod layout;
pub mod pdf;
pub mod qr;
pub mod scan;
pub mod templates;

use crate::i18n::{Locale, t, tf};
use crate::model::{DocKind, Draft, Field, FieldKey, Scope};
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

/// The person a province paper is signed by: the first website's responsible person for a
/// 单位 (the first APP's when there is no website), the applicant for a 个人 filing.
fn province_signer(draft: &Draft) -> Scope {
    if !draft.is_unit() {
        Scope::Subject
    } else if !draft.websites.is_empty() {
        Scope::WebsiteResponsible(0)
    } else if !draft.apps.is_empty() {
        Scope::AppResponsible(0)
    } else {
        Scope::SubjectResponsible
    }
}

/// The papers this draft needs, in checklist order.
pub fn papers(draft: &Draft) -> Vec<Paper> {
    let tables = crate::rules::data::Tables::get();
    let province = tables.province(&draft.filing.province);
    crate::rules::materials::checklist(draft)
        .into_iter()
        .filter_map(|item| {
            let Field::Document(kind) = item.key.field else {
                return None;
            };
            match kind {
                DocKind::AuthorizationLetter => Some(Paper {
                    item: item.key,
                    template: "authorization".into(),
                    person: Some(item.key.scope),
                }),
                DocKind::ProvinceDocument(n) => {
                    let form = province?.extra_documents.get(n as usize)?.form.clone()?;
                    let person = match form.as_str() {
                        "gd_commitment" => None,
                        _ => Some(province_signer(draft)),
                    };
                    Some(Paper {
                        item: item.key,
                        template: form,
                        person,
                    })
                }
                _ => None,
            }
        })
        .collect()
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
        .chain(filled.table.iter().flat_map(|(a, b)| [a, b]));
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

/// `paper` as a print-ready PDF.
pub fn render(draft: &Draft, paper: &Paper) -> Result<Vec<u8>, FormError> {
    let pages = layout(draft, paper)?;
    let payload = payload(draft, paper)?;
    let qr = qr::matrix(&payload.encode()).ok_or_else(|| FormError::Write("QR".into()))?;
    pdf::write(&pages, &filled(draft, paper)?.title, &qr).map_err(FormError::Write)
}

/// A file name for `paper` (`授权书-网站负责人-王五.pdf`), safe on every system.
pub fn file_name(draft: &Draft, paper: &Paper) -> String {
    let title = template(paper).map_or_else(|_| paper.template.clone(), |t| t.title.clone());
    let values = fill::values(draft, paper.person);
    let mut parts = vec![title];
    if let Some(name) = values.get("person_name").filter(|n| !n.is_empty()) {
        parts.push(name.clone());
    }
    let name: String = parts
        .join("-")
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{name}.pdf")
}
