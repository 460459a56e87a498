//! The "不涉及…" commitment letters a filing needs (`assets/data/not_involved.ron`,
//! printable-forms.md §1.5): a word of an area that needs a 前置审批 in the subject's name
//! (单位) or a service's name, with no approval of that area declared, asks for a signed
//! letter saying that the services do not touch it — one letter per area.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::data::{self, Shipped, TableError};
use crate::model::{Draft, PreApprovalKind};

/// One area and the words that touch it.
#[derive(Clone, Debug, Deserialize)]
pub struct Area {
    /// The pre-approval type the letter says is not touched.
    pub area: PreApprovalKind,
    /// The template printed (`forms.ron`).
    pub form: String,
    /// The words everywhere.
    pub words: Vec<String>,
    /// The words a province adds, by its two-digit code.
    #[serde(default)]
    pub provinces: BTreeMap<String, Vec<String>>,
    /// Whether the words come from a provider's own list (the letter is then required).
    pub confirmed: bool,
    /// Where the words come from.
    pub sources: Vec<String>,
}

/// Every area, as shipped.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct NotInvolved {
    /// The data's edition.
    pub edition: String,
    /// Where the data comes from.
    pub source: String,
    /// The areas, in the order their letters are listed.
    pub areas: Vec<Area>,
}

static TABLE: Shipped<NotInvolved> = Shipped::new(data::NOT_INVOLVED);

impl NotInvolved {
    /// The shipped areas, or why they cannot be read.
    pub fn shipped() -> Result<&'static NotInvolved, &'static TableError> {
        TABLE.get()
    }

    /// The area of `kind`.
    pub fn area(&self, kind: PreApprovalKind) -> Option<&Area> {
        self.areas.iter().find(|a| a.area == kind)
    }
}

/// An area a filing's names touch: which words were found, and in which names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Touched {
    /// The area.
    pub area: PreApprovalKind,
    /// Whether the letter is required (the words are a provider's).
    pub confirmed: bool,
    /// Each word found, with the name it was found in ("理财" in "示例理财科技有限公司").
    pub found: Vec<(String, String)>,
}

/// The approvals the filing declares on any website or APP.
fn declared(draft: &Draft) -> Vec<PreApprovalKind> {
    let mut out: Vec<PreApprovalKind> = draft
        .websites
        .iter()
        .flat_map(super::website_facts::declared_approvals)
        .collect();
    for app in draft.apps.iter().filter(|a| !a.no_pre_approval) {
        out.extend(app.pre_approvals.iter().map(|p| p.kind));
    }
    out
}

/// The names whose words are looked at: the subject's (a 单位's; a person's name says
/// nothing of a service) and every service's.
fn names(draft: &Draft) -> Vec<String> {
    let mut out = Vec::new();
    if draft.is_unit() {
        out.push(draft.subject.name.trim().to_owned());
    }
    out.extend(draft.websites.iter().map(|w| w.name.trim().to_owned()));
    out.extend(draft.apps.iter().map(|a| a.name.trim().to_owned()));
    out.extend(draft.mini_programs.iter().map(|m| m.name.trim().to_owned()));
    out.retain(|n| !n.is_empty());
    out
}

/// The areas the draft's names touch without a declared approval, in the data's order.
pub fn touched(draft: &Draft) -> Vec<Touched> {
    let Ok(table) = NotInvolved::shipped() else {
        return Vec::new();
    };
    let declared = declared(draft);
    let names = names(draft);
    let province = draft.filing.province.get(..2).unwrap_or_default();
    let mut out = Vec::new();
    for area in &table.areas {
        if declared.contains(&area.area) {
            continue;
        }
        let words = area
            .words
            .iter()
            .chain(area.provinces.get(province).into_iter().flatten());
        let mut found = Vec::new();
        for word in words {
            let lower = word.to_lowercase();
            for name in &names {
                if name.to_lowercase().contains(&lower)
                    && !found.iter().any(|(_, n): &(String, String)| n == name)
                {
                    found.push((word.clone(), name.clone()));
                }
            }
        }
        if !found.is_empty() {
            out.push(Touched {
                area: area.area,
                confirmed: area.confirmed,
                found,
            });
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_area_has_a_template_and_words() {
        let table = NotInvolved::shipped().unwrap();
        let forms = crate::forms::templates::Templates::shipped().unwrap();
        for area in &table.areas {
            assert!(forms.find(&area.form).is_some(), "{}", area.form);
            assert!(!area.words.is_empty());
            assert!(!area.sources.is_empty());
        }
    }
}
