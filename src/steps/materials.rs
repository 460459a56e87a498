//! Step 4, 材料与核验. The documents checklist and the face verification photo arrive
//! with their own features (#4, #5); until then this step says what will be asked here.

use egui::{RichText, Ui};

use crate::action::Action;
use crate::i18n::t;
use crate::model::Draft;
use crate::theme;

/// Draws the materials step.
pub fn ui(ui: &mut Ui, draft: &Draft) -> Vec<Action> {
    ui.add_space(theme::SECTION_GAP);
    theme::banner_frame(crate::rules::Severity::Notice).show(ui, |ui| {
        ui.label(RichText::new(t("materials.coming")).strong());
        ui.label(t("materials.coming_documents"));
        ui.label(t("materials.coming_face"));
    });
    ui.add_space(theme::SECTION_GAP);
    ui.label(RichText::new(t("materials.what_to_prepare")).heading());
    let mut items = vec![t("materials.item.subject_certificate")];
    if draft.is_unit() {
        items.push(t("materials.item.responsible_ids"));
        items.push(t("materials.item.authorization"));
    } else {
        items.push(t("materials.item.personal_id"));
    }
    items.push(t("materials.item.domain_certificate"));
    items.push(t("materials.item.face_photo"));
    for item in items {
        ui.label(format!("• {item}"));
    }
    Vec::new()
}
