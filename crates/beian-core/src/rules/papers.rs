//! The papers a filing needs printed filled in (`../shared/domain/printable-forms.md`):
//! the checklist items beian has a template for — each authorisation letter, the province
//! letters whose template `provinces.ron` names — with the template and the person each is
//! for. The papers themselves are drawn by [`crate::forms`].

use super::checklist::ChecklistItem;
use crate::forms::Paper;
use crate::forms::templates::{Signer, Templates};
use crate::model::{DocKind, Draft, Field, FieldKey, Scope};

/// The papers this draft needs, in checklist order.
pub fn papers(draft: &Draft) -> Vec<Paper> {
    papers_for(draft, &super::checklist::checklist(draft))
}

/// The paper printed for checklist item `item` of `draft`, if it is one.
pub fn paper_of(draft: &Draft, item: FieldKey) -> Option<Paper> {
    papers(draft).into_iter().find(|p| p.item == item)
}

/// The papers among `items`, the draft's checklist already made (in its order).
pub fn papers_for(draft: &Draft, items: &[ChecklistItem]) -> Vec<Paper> {
    let tables = super::data::Tables::get();
    let province = tables.province(&draft.filing.province);
    let not_involved = super::not_involved::NotInvolved::shipped().ok();
    // A paper signed by a responsible person is that person's; one signed by the legal
    // representative (or a personal applicant) is the subject's.
    // One signed by the person of a scope (a 江苏 letter of a second responsible
    // person) is theirs.
    let paper = |item: FieldKey, form: String| {
        let by_person = Templates::shipped()
            .ok()
            .and_then(|t| t.find(&form))
            .is_some_and(|t| t.signer == Signer::Person);
        let person = match item.scope {
            Scope::Filing => super::checklist::province_signer(draft),
            scope => scope,
        };
        Paper {
            item,
            person: by_person.then_some(person),
            template: form,
        }
    };
    items
        .iter()
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
                    Some(paper(item.key, form))
                }
                DocKind::NotInvolved(k) => {
                    let form = not_involved?.area(k)?.form.clone();
                    Some(paper(item.key, form))
                }
                _ => None,
            }
        })
        .collect()
}
