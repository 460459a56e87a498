//! The paper templates as shipped (`assets/data/forms.ron`): text in beian's own words with
//! `{placeholders}`, who signs, whether a seal and a handwritten date are needed, and
//! where the requirement comes from.

use serde::Deserialize;

use crate::data::{self, Shipped, TableError};

/// Who signs a paper.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Signer {
    /// The legal representative (单位), or the applicant (个人).
    LegalRep,
    /// The responsible person the paper is for.
    Person,
    /// The legal representative and the responsible person.
    LegalRepAndPerson,
}

/// One paper template.
#[derive(Clone, Debug, Deserialize)]
pub struct Template {
    /// Stable key (`authorization`, `gd_commitment`…).
    pub key: String,
    /// The title printed at the top.
    pub title: String,
    /// Where the requirement and its contents come from.
    pub source: String,
    /// The template's edition, printed in the footer.
    pub edition: String,
    /// Who signs.
    pub signer: Signer,
    /// Whether a 单位 filing stamps its seal.
    pub seal: bool,
    /// `handwritten` (the signer dates it) or `blank` (left empty).
    pub date: String,
    /// The text above the table, one paragraph each.
    pub paragraphs: Vec<String>,
    /// The table of values: label and value, each with placeholders.
    pub table: Vec<(String, String)>,
    /// Headed parts after the table (a 网站建设方案书's six parts), each with what beian
    /// fills in and what the applicant writes by hand.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// The text below the table.
    pub closing: Vec<String>,
}

/// A headed part of a paper.
#[derive(Clone, Debug, Deserialize)]
pub struct Section {
    /// The heading ("一、网站内容与栏目").
    pub heading: String,
    /// Paragraphs filled from the draft.
    #[serde(default)]
    pub text: Vec<String>,
    /// Boxes to tick: each label with when beian ticks it (`unit`, `personal`; empty: the
    /// applicant ticks).
    #[serde(default)]
    pub choices: Vec<(String, String)>,
    /// What the applicant writes on the ruled lines below, when any.
    #[serde(default)]
    pub write: Option<String>,
    /// How many ruled lines to leave for it.
    #[serde(default)]
    pub lines: u8,
}

impl Template {
    /// Every text of the template that may hold placeholders.
    pub fn texts(&self) -> impl Iterator<Item = &String> {
        self.paragraphs
            .iter()
            .chain(&self.closing)
            .chain(self.table.iter().flat_map(|(a, b)| [a, b]))
            .chain(self.sections.iter().flat_map(|s| {
                std::iter::once(&s.heading)
                    .chain(&s.text)
                    .chain(s.write.iter())
                    .chain(s.choices.iter().map(|(label, _)| label))
            }))
    }
}

/// Every template as shipped.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Templates {
    /// The data's edition.
    pub edition: String,
    /// The templates.
    pub templates: Vec<Template>,
}

static TEMPLATES: Shipped<Templates> = Shipped::new(data::FORMS);

impl Templates {
    /// The shipped templates, or why they cannot be read.
    pub fn shipped() -> Result<&'static Templates, &'static TableError> {
        TEMPLATES.get()
    }

    /// The template `key`.
    pub fn find(&self, key: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.key == key)
    }
}

/// The placeholders in `text`, in order (`{name}` → `name`).
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else { break };
        out.push(&after[..end]);
        rest = &after[end + 1..];
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_templates_parse_with_known_placeholders() {
        let t = Templates::shipped().unwrap();
        assert!(t.find("authorization").is_some());
        for template in &t.templates {
            for section in &template.sections {
                for (_, when) in &section.choices {
                    assert!(matches!(when.as_str(), "" | "unit" | "personal"));
                }
            }
            for text in template.texts() {
                for name in placeholders(text) {
                    assert!(
                        super::super::fill::PLACEHOLDERS.contains(&name),
                        "{}: unknown placeholder {name}",
                        template.key
                    );
                }
            }
            assert!(matches!(template.date.as_str(), "handwritten" | "blank"));
        }
    }
}
