//! The label rows of a document: which short lines are labels of wanted fields (名称,
//! 住所, 法定代表人, 有效期限 …) or of fields nobody asks for (类型, 经营范围 …), and the
//! text fields read beside their labels (the `TextField`s and their `TextProposal`s, which
//! [`super::reading`] re-exports). It needs nothing of `reading`: the types live here.

use serde::Serialize;

use crate::model::ocr_text::{Label, PageText};

/// The text fields read by their label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TextField {
    /// 姓名 (ID card) or 名称 (licence).
    Name,
    /// 住址 (ID card) or 住所 (licence).
    Address,
    /// 法定代表人 (or 负责人, 经营者).
    LegalRepresentative,
    /// 有效期限 (ID card back) or 营业期限 (licence).
    Validity,
}

/// A text value read beside its label: a suggestion the user confirms.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TextProposal {
    /// Which field.
    pub field: TextField,
    /// The value.
    pub value: String,
    /// The lines it was read from.
    pub lines: Vec<usize>,
}

const LABELS: &[(TextField, &[&str])] = &[
    (
        TextField::LegalRepresentative,
        &["法定代表人", "负责人", "经营者"],
    ),
    (TextField::Name, &["姓名", "名称"]),
    (TextField::Address, &["住址", "住所"]),
    (TextField::Validity, &["有效期限", "营业期限"]),
];

/// Labels of fields nobody asks beian to read: the long values beside them are skipped.
const UNWANTED_LABELS: &[&str] = &[
    "类型",
    "注册资本",
    "成立日期",
    "登记机关",
    "经营范围",
    "组成形式",
    "注册号",
    "性别",
    "民族",
    "出生",
    "签发机关",
];

/// What a short line is: the label of a wanted field (a number's label too), of a field
/// nobody asks for, or not a label (for the text recogniser's `Scope::Fields`).
pub fn label_kind(text: &str) -> Label {
    let t = squeeze(text);
    if t.is_empty() {
        return Label::NotALabel;
    }
    let number_label = ["身份", "号码", "信用", "代码"]
        .iter()
        .any(|k| t.contains(k));
    if number_label || starts_with_label(&t).is_some() {
        Label::Wanted
    } else if UNWANTED_LABELS.iter().any(|l| t.starts_with(l)) {
        Label::Unwanted
    } else {
        Label::NotALabel
    }
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The label a line starts with, and the rest of the line after it.
fn starts_with_label(text: &str) -> Option<(TextField, String)> {
    let t = squeeze(text);
    LABELS.iter().find_map(|(field, labels)| {
        labels.iter().find_map(|label| {
            t.strip_prefix(label)
                .map(|rest| (*field, rest.trim_start_matches([':', '：']).to_owned()))
        })
    })
}

/// Text fields by label rows: the rest of the label's line, or the nearest line to its
/// right on the same row; an address also takes the lines that continue it below.
pub(super) fn text_fields(page: &PageText) -> Vec<TextProposal> {
    let mut out: Vec<TextProposal> = Vec::new();
    for (index, line) in page.lines.iter().enumerate() {
        let Some((field, rest)) = starts_with_label(&line.text) else {
            continue;
        };
        if out.iter().any(|p| p.field == field) {
            continue;
        }
        let h = line.height().max(1.0);
        // A label box can take in a stray mark; a real value beside it wins.
        let (mut value, mut used, mut last) = if rest.chars().count() <= 1 {
            let right = page
                .lines
                .iter()
                .enumerate()
                .filter(|(i, o)| {
                    *i != index
                        && (o.centre_y() - line.centre_y()).abs() < 0.6 * h
                        && o.upright[0] >= (line.upright[0] + line.upright[2]) / 2.0
                        && starts_with_label(&o.text).is_none()
                })
                .min_by(|a, b| a.1.upright[0].total_cmp(&b.1.upright[0]));
            match right {
                Some((i, o)) => (squeeze(&o.text), vec![i], o),
                None => continue,
            }
        } else {
            (rest, vec![index], line)
        };
        if field == TextField::Address {
            let left = if used == [index] {
                line.upright[0] + (line.upright[2] - line.upright[0]) * 0.2
            } else {
                last.upright[0]
            };
            for _ in 0..2 {
                let next = page.lines.iter().enumerate().find(|(i, o)| {
                    !used.contains(i)
                        && o.upright[1] >= last.centre_y()
                        && o.upright[1] - last.upright[3] < 0.8 * h
                        && (o.upright[0] - left).abs() < 1.5 * h
                        && starts_with_label(&o.text).is_none()
                });
                let Some((i, o)) = next else { break };
                value.push_str(&squeeze(&o.text));
                used.push(i);
                last = o;
            }
        }
        if !value.is_empty() {
            out.push(TextProposal {
                field,
                value,
                lines: used,
            });
        }
    }
    out
}
