//! The bar under each step: Back, Next, and what happened to the last save.

use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};

use crate::action::Action;
use crate::lang::t;
use crate::model::Step;
use crate::theme;

/// Next from anywhere in the form.
pub const NEXT_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Enter);

/// Draws Back / Next and the save status line.
pub fn ui(ui: &mut Ui, step: Step, save_status: &str, save_failed: bool) -> Vec<Action> {
    let mut actions = Vec::new();
    // Back on the left (greyed out on the first step), Next on the right: never one in
    // the other's place, so a double click cannot go forward and back again.
    ui.horizontal(|ui| {
        if ui
            .add_enabled(
                step.previous().is_some(),
                egui::Button::new(t(ui, "nav.back")),
            )
            .clicked()
        {
            actions.push(Action::Back);
        }
        let color = if save_failed {
            theme::severity_color(ui, crate::rules::Severity::Error)
        } else {
            theme::weak_color(ui)
        };
        ui.label(RichText::new(save_status).color(color).small());
        if step.next().is_some() {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let next = ui
                    .button(RichText::new(t(ui, "nav.next")).strong())
                    .on_hover_text(t(ui, "nav.next_hint"));
                if next.clicked() {
                    actions.push(Action::Next);
                }
            });
        }
    });
    if step.next().is_some() && ui.input_mut(|i| i.consume_shortcut(&NEXT_SHORTCUT)) {
        actions.push(Action::Next);
    }
    actions
}
