//! The list of steps on the left, each with its status.

use egui::{RichText, Ui};

use crate::action::Action;
use crate::lang::t;
use crate::model::Step;
use crate::rules::Report;
use crate::theme;

/// Draws the step list; clicking a step asks to show it.
pub fn ui(
    ui: &mut Ui,
    current: Step,
    report: &Report,
    held: crate::model::step::ServicesHeld,
) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.add_space(8.0);
    for (i, step) in Step::ALL.into_iter().enumerate() {
        let status = report.step_status(step);
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(theme::status_mark(status))
                    .color(theme::status_color(ui, status))
                    .size(16.0),
            );
            ui.vertical(|ui| {
                let title =
                    RichText::new(format!("{}. {}", i + 1, t(ui, &step.title_key_for(held))));
                let title = if step == current {
                    title.strong()
                } else {
                    title
                };
                if ui.selectable_label(step == current, title).clicked() && step != current {
                    actions.push(Action::GoToStep(step));
                }
                ui.label(
                    RichText::new(t(ui, status.label_key()))
                        .color(theme::status_color(ui, status))
                        .small(),
                );
            });
        });
        ui.add_space(4.0);
    }
    actions
}
