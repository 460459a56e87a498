//! The review step's help on the common reasons a filing is returned (常见退回原因): a
//! collapsible section that lists the nine causes of `assets/data/rejection_causes.ron`
//! and, for this draft, whether beian checked each and found nothing, found problems
//! (with a jump to each), or leaves it to a person — and what that person has to check.

use egui::{RichText, Ui};

use crate::action::Action;
use crate::lang::{Lang as _, t, tf};
use crate::model::Draft;
use crate::rules::rejection::{Verdict, rejection_causes};
use crate::rules::{Report, Severity, StepStatus};
use crate::theme;

/// Draws the section; returns the jumps the user asked for.
pub fn ui(ui: &mut Ui, draft: &Draft, report: &Report) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.add_space(theme::SECTION_GAP);
    egui::CollapsingHeader::new(RichText::new(t(ui, "rejection.title")).strong())
        .id_salt("review_rejection_causes")
        .default_open(false)
        .show(ui, |ui| {
            ui.label(RichText::new(t(ui, "rejection.intro")).color(theme::weak_color(ui)));
            let checks = match rejection_causes(draft, report) {
                Ok(checks) => checks,
                Err(err) => {
                    ui.label(
                        RichText::new(tf(
                            ui,
                            "issue.data.table_unavailable",
                            &[("table", err.table())],
                        ))
                        .color(theme::severity_color(ui, Severity::Error)),
                    );
                    return;
                }
            };
            for (n, check) in checks.iter().enumerate() {
                ui.add_space(6.0);
                let (status, color) = verdict_status(ui, &check.verdict);
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        RichText::new(format!("{}. {}", n + 1, t(ui, &check.cause.title_key())))
                            .strong(),
                    );
                    ui.label(RichText::new(status).color(color));
                });
                ui.label(RichText::new(t(ui, &check.cause.hint_key())).small());
                if let Verdict::Problems(issues) = &check.verdict {
                    for issue in issues {
                        ui.horizontal_wrapped(|ui| {
                            let label = issue.field.label(ui.locale());
                            if crate::widgets::named_button(
                                ui,
                                &t(ui, "review.go_to.short"),
                                &tf(ui, "review.go_to", &[("field", &label)]),
                            )
                            .clicked()
                            {
                                actions.push(Action::GoTo(issue.field));
                            }
                            ui.label(
                                RichText::new(issue.message(ui.locale()))
                                    .color(theme::severity_color(ui, issue.severity)),
                            );
                        });
                    }
                }
                for person in &check.person_checks {
                    ui.label(tf(
                        ui,
                        "rejection.person_check",
                        &[("check", &t(ui, &person.text_key()))],
                    ));
                }
            }
        });
    actions
}

/// What a check found, in words and in its colour.
fn verdict_status(ui: &Ui, verdict: &Verdict) -> (String, egui::Color32) {
    match verdict {
        Verdict::Clear => (
            t(ui, "rejection.status.clear").into_owned(),
            theme::status_color(ui, StepStatus::Complete),
        ),
        Verdict::Problems(issues) => (
            tf(
                ui,
                "rejection.status.problems",
                &[("count", &issues.len().to_string())],
            ),
            theme::severity_color(ui, Severity::Error),
        ),
        Verdict::NeedsPerson => (
            t(ui, "rejection.status.person").into_owned(),
            theme::severity_color(ui, Severity::Warning),
        ),
    }
}
