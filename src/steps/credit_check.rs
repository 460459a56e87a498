//! The answer a failing credit-code check needs on the review step: where the applicant
//! checked the code against the licence. The attached licence is offered only when one
//! is attached (`rules::credit_check::offered`).

use egui::{RichText, Ui};

use crate::action::Action;
use crate::lang::t;
use crate::model::Draft;
use crate::model::edit::Edit;
use crate::rules::credit_check;
use crate::theme;

/// Draws the choice of where the code was checked, and a way to withdraw the answer.
pub fn ui(ui: &mut Ui, draft: &Draft) -> Vec<Action> {
    let mut actions = Vec::new();
    let current = credit_check::answer(draft);
    let offered = credit_check::offered(draft);
    ui.vertical(|ui| {
        ui.label(RichText::new(t(ui, "credit_check.question")).strong());
        for check in &offered {
            if ui
                .radio(current == Some(*check), t(ui, credit_check::phrase(*check)))
                .clicked()
                && current != Some(*check)
            {
                actions.push(Edit::ConfirmCreditCode(Some(*check)).into());
            }
        }
        if !credit_check::licence_attached(draft) {
            ui.label(
                RichText::new(t(ui, "credit_check.attach_hint"))
                    .small()
                    .color(theme::weak_color(ui)),
            );
        }
        if current.is_some() && ui.button(t(ui, "credit_check.withdraw")).clicked() {
            actions.push(Edit::ConfirmCreditCode(None).into());
        }
    });
    actions
}
