//! The bar under each step: Back, Next, and what happened to the last save.

use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};

use crate::action::Action;
use crate::i18n::t;
use crate::model::Step;
use crate::theme;

/// Next from anywhere in the form.
pub const NEXT_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Enter);

/// Draws Back / Next and the save status line.
pub fn ui(ui: &mut Ui, step: Step, save_status: &str, save_failed: bool) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        if step.previous().is_some() && ui.button(t("nav.back")).clicked() {
            actions.push(Action::Back);
        }
        if step.next().is_some() {
            let next = ui
                .button(RichText::new(t("nav.next")).strong())
                .on_hover_text(t("nav.next_hint"));
            if next.clicked() {
                actions.push(Action::Next);
            }
        }
        let color = if save_failed {
            theme::severity_color(crate::rules::Severity::Error)
        } else {
            theme::weak_color()
        };
        ui.label(RichText::new(save_status).color(color).small());
    });
    if step.next().is_some() && ui.input_mut(|i| i.consume_shortcut(&NEXT_SHORTCUT)) {
        actions.push(Action::Next);
    }
    actions
}
