//! Step 5, 核对与导出: a summary of the filing and every issue of the whole draft, grouped by
//! step, each with a button that jumps to its field. Export stays disabled while errors
//! remain; warnings need an acknowledgement, which is recorded in the draft.

use egui::{RichText, Ui};

use crate::action::Action;
use crate::i18n::{t, tf};
use crate::model::divisions::Divisions;
use crate::model::{Draft, Step};
use crate::rules::{Report, Severity};
use crate::theme;

/// Draws the review step.
pub fn ui(ui: &mut Ui, draft: &Draft, report: &Report) -> Vec<Action> {
    let mut actions = Vec::new();
    summary_ui(ui, draft);

    ui.add_space(theme::SECTION_GAP);
    let errors = report
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .count();
    let warnings = report
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Warning)
        .count();
    ui.label(RichText::new(t("review.problems")).heading());
    ui.separator();
    if errors + warnings == 0 {
        ui.label(
            RichText::new(t("review.no_problems"))
                .color(theme::status_color(crate::rules::StepStatus::Complete)),
        );
    } else {
        ui.label(tf(
            "review.counts",
            &[
                ("errors", &errors.to_string()),
                ("warnings", &warnings.to_string()),
            ],
        ));
    }
    for step in Step::ALL {
        let issues: Vec<_> = report.for_step(step).collect();
        if issues.is_empty() {
            continue;
        }
        ui.add_space(8.0);
        ui.label(RichText::new(t(&step.title_key())).strong());
        for issue in issues {
            ui.horizontal_wrapped(|ui| {
                let label = issue.field.label();
                let place = match issue.field.website() {
                    Some(i) if !matches!(issue.field.field, crate::model::Field::Document(_)) => {
                        tf(
                            "review.in_website",
                            &[("n", &(i + 1).to_string()), ("field", &label)],
                        )
                    }
                    _ => label,
                };
                if ui
                    .button(tf("review.go_to", &[("field", &place)]))
                    .clicked()
                {
                    actions.push(Action::GoTo(issue.field));
                }
                ui.label(
                    RichText::new(issue.message()).color(theme::severity_color(issue.severity)),
                );
                if issue.severity == Severity::Warning {
                    let id = issue.ack_id();
                    let mut acknowledged = draft.review.acknowledged_warnings.contains(&id);
                    if ui
                        .checkbox(&mut acknowledged, t("review.acknowledge"))
                        .changed()
                    {
                        actions.push(if acknowledged {
                            Action::AcknowledgeWarning(id)
                        } else {
                            Action::UnacknowledgeWarning(id)
                        });
                    }
                }
            });
        }
    }

    ui.add_space(theme::SECTION_GAP);
    let unacknowledged = report
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Warning)
        .any(|i| !draft.review.acknowledged_warnings.contains(&i.ack_id()));
    let ready = errors == 0 && !unacknowledged;
    ui.add_enabled(
        ready,
        egui::Button::new(RichText::new(t("review.export")).strong()),
    )
    .on_disabled_hover_text(t("review.export_blocked"));
    let note = if ready {
        t("review.export_coming")
    } else {
        t("review.export_blocked")
    };
    ui.label(RichText::new(note).small().color(theme::weak_color()));
    actions
}

fn summary_ui(ui: &mut Ui, draft: &Draft) {
    ui.add_space(theme::SECTION_GAP);
    ui.label(RichText::new(t("review.summary")).heading());
    ui.separator();
    let f = &draft.filing;
    let region = Divisions::get().region_name(&f.province, &f.city, &f.district);
    let nature = if draft.is_unit() {
        f.host_nature.map(|n| n.label()).unwrap_or_default()
    } else {
        crate::model::FilingKind::Personal.label()
    };
    let websites: Vec<String> = (0..draft.websites.len())
        .map(|i| {
            let w = &draft.websites[i];
            format!("{} ({})", w.name.trim(), draft.website_domain(i).trim())
        })
        .collect();
    let rows = [
        ("field.filing.province", region),
        ("field.filing.host_nature", nature),
        ("field.subject.name", draft.subject.name.trim().to_owned()),
        ("field.filing.domain", f.domain.trim().to_owned()),
        ("review.websites", websites.join("; ")),
    ];
    egui::Grid::new("review_summary")
        .num_columns(2)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for (label, value) in rows {
                ui.label(RichText::new(t(label)).color(theme::weak_color()));
                ui.label(value);
                ui.end_row();
            }
        });
}
