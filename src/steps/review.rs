//! Step 5, 核对与导出: the whole filing read back section by section like the provider's
//! 核对信息 page (every value with a button to its field and a mark where it has a
//! problem, the documents and the photo as thumbnails), every issue of the draft grouped
//! by step, the declarations, and the export. Export stays disabled while errors remain,
//! warnings are not acknowledged (recorded in the draft) or a declaration is not made.

mod declarations;
mod export;

use egui::{RichText, Ui};

use crate::action::{Action, FaceAction};
use crate::lang::{Lang as _, t, tf};
use crate::model::edit::Edit;
use crate::model::{Draft, IssueCode, Step};
use crate::rules::{Report, Severity};
use crate::theme;
use crate::widgets::readback::{self, FileCard, Pictures};

pub use export::ExportUi;

/// Draws the review step; `materials` holds the thumbnails the materials step made.
pub fn ui(
    ui: &mut Ui,
    draft: &Draft,
    report: &Report,
    export: &mut ExportUi,
    materials: &super::materials::MaterialsUi,
) -> Vec<Action> {
    let mut actions = Vec::new();
    summary_ui(ui, draft, report, export);
    let sections = crate::model::readback::sections(ui.locale(), draft);
    readback::sections_ui(ui, "review_section", &sections, Some(report), &mut actions);
    files_ui(ui, draft, report, materials, &mut actions);

    problems_ui(ui, draft, report, export, &mut actions);

    actions.extend(super::review_help::ui(ui, draft, report));
    let top = ui.cursor().min;
    if export.scroll_to == Some(export::ReviewPart::Declarations) {
        export.scroll_to = None;
        ui.scroll_to_rect(
            egui::Rect::from_min_size(top, egui::vec2(1.0, 1.0)),
            Some(egui::Align::TOP),
        );
    }
    declarations::ui(ui, draft, &mut actions);

    ui.add_space(theme::SECTION_GAP);
    gate_ui(ui, draft, report, export, &mut actions);
    actions
}

/// The problems, step by step, each with a jump to its field and its answer.
fn problems_ui(
    ui: &mut Ui,
    draft: &Draft,
    report: &Report,
    export: &mut ExportUi,
    actions: &mut Vec<Action>,
) {
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
    let heading = ui.label(RichText::new(t(ui, "review.problems")).heading());
    if export.scroll_to == Some(export::ReviewPart::Problems) {
        export.scroll_to = None;
        heading.scroll_to_me(Some(egui::Align::TOP));
    }
    ui.separator();
    if errors + warnings == 0 {
        ui.label(
            RichText::new(t(ui, "review.no_problems"))
                .color(theme::status_color(ui, crate::rules::StepStatus::Complete)),
        );
    } else {
        ui.label(tf(
            ui,
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
        ui.label(RichText::new(t(ui, &step.title_key_for(draft.services_held()))).strong());
        for issue in issues {
            issue_ui(ui, draft, issue, actions);
        }
    }
}

/// One problem: where it is (a jump), its message, and under it its answer (the credit
/// code's check, confirming a reading, acknowledging a warning).
fn issue_ui(ui: &mut Ui, draft: &Draft, issue: &crate::rules::Issue, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        let label = issue.field.label(ui.locale());
        let place = match issue.field.website() {
            Some(i) if !matches!(issue.field.field, crate::model::Field::Document(_)) => tf(
                ui,
                "review.in_website",
                &[("n", &(i + 1).to_string()), ("field", &label)],
            ),
            _ => label,
        };
        if crate::widgets::named_button(
            ui,
            &t(ui, "review.go_to.short"),
            &tf(ui, "review.go_to", &[("field", &place)]),
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
    // The answer to the issue goes on its own line under the message, so that it
    // is never pushed past the window's edge by a long message.
    if matches!(
        issue.code,
        IssueCode::UsccChecksum | IssueCode::UsccChecksumConfirmed
    ) {
        ui.indent(("credit_check", issue.field), |ui| {
            actions.extend(super::credit_check::ui(ui, draft));
        });
    } else if issue.code == IssueCode::ReadFromDocument {
        // A value read from a document is confirmed against it, not waved through.
        ui.indent(("confirm_reading", issue.field), |ui| {
            if crate::widgets::form::confirm_reading_button(ui, issue.field).clicked() {
                actions.push(Edit::ConfirmReading(issue.field).into());
            }
        });
    } else if issue.severity == Severity::Warning {
        let id = issue.acknowledgement();
        let mut acknowledged = draft.review.acknowledged_warnings.contains(&id);
        let changed = ui
            .indent(("acknowledge", id.to_string()), |ui| {
                ui.checkbox(&mut acknowledged, t(ui, "review.acknowledge"))
                    .changed()
            })
            .inner;
        if changed {
            let edit = if acknowledged {
                Edit::AcknowledgeWarning(id)
            } else {
                Edit::UnacknowledgeWarning(id)
            };
            actions.push(edit.into());
        }
    }
}

/// The export, or why it cannot start yet.
fn gate_ui(
    ui: &mut Ui,
    draft: &Draft,
    report: &Report,
    export: &mut ExportUi,
    actions: &mut Vec<Action>,
) {
    match crate::rules::readiness(draft, report) {
        Ok(()) => export::export_ui(ui, export, actions),
        Err(not_ready) => {
            ui.add_enabled(
                false,
                egui::Button::new(RichText::new(t(ui, "review.export")).strong()),
            )
            .on_disabled_hover_text(t(ui, "review.export_blocked"));
            if not_ready.errors + not_ready.unacknowledged > 0 {
                ui.label(
                    RichText::new(t(ui, "review.export_blocked"))
                        .small()
                        .color(theme::weak_color(ui)),
                );
            }
            for (kind, code) in &not_ready.declarations {
                let what = t(ui, &format!("declaration.{}.short", kind.key()));
                ui.label(
                    RichText::new(crate::rules::arg::message(ui.locale(), *code, &what, &[]))
                        .small()
                        .color(theme::severity_color(ui, Severity::Warning)),
                );
            }
        }
    }
}

/// Where the filing stands, at the top of the step: ready to export, or how much is
/// left (errors, warnings to answer, declarations), with a jump to it.
fn summary_ui(ui: &mut Ui, draft: &Draft, report: &Report, export: &mut ExportUi) {
    use export::ReviewPart;
    let (severity, text, part, button) = match crate::rules::readiness(draft, report) {
        Ok(()) => (
            Severity::Notice,
            t(ui, "review.summary.ready").into_owned(),
            ReviewPart::Export,
            t(ui, "review.summary.to_export"),
        ),
        Err(not_ready) => {
            let mut parts = Vec::new();
            if not_ready.errors > 0 {
                parts.push(tf(
                    ui,
                    "review.summary.errors",
                    &[("n", &not_ready.errors.to_string())],
                ));
            }
            if not_ready.unacknowledged > 0 {
                parts.push(tf(
                    ui,
                    "review.summary.warnings",
                    &[("n", &not_ready.unacknowledged.to_string())],
                ));
            }
            let text = if parts.is_empty() {
                t(ui, "review.summary.declare").into_owned()
            } else {
                tf(
                    ui,
                    "review.summary.left",
                    &[("what", &crate::i18n::list(ui.locale(), &parts))],
                )
            };
            let (part, button) = if not_ready.errors + not_ready.unacknowledged > 0 {
                (ReviewPart::Problems, t(ui, "review.summary.to_problems"))
            } else {
                (
                    ReviewPart::Declarations,
                    t(ui, "review.summary.to_declarations"),
                )
            };
            let severity = if not_ready.errors > 0 {
                Severity::Error
            } else {
                Severity::Warning
            };
            (severity, text, part, button)
        }
    };
    ui.add_space(theme::space::S);
    theme::banner_frame(ui, severity).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(text).color(theme::severity_color(ui, severity)));
            if ui.button(button).clicked() {
                export.scroll_to = Some(part);
            }
        });
    });
}

/// The documents of the checklist and the face photo, as thumbnails, each marked where it
/// has a problem.
fn files_ui(
    ui: &mut Ui,
    draft: &Draft,
    report: &Report,
    materials: &super::materials::MaterialsUi,
    actions: &mut Vec<Action>,
) {
    if !draft.procedure().needs_materials() {
        return;
    }
    ui.add_space(theme::SECTION_GAP);
    ui.label(RichText::new(t(ui, "review.materials")).heading());
    ui.separator();
    let mut cards: Vec<FileCard> = crate::rules::materials::checklist(draft)
        .into_iter()
        .map(|item| {
            let attachment = draft
                .materials
                .attachments
                .iter()
                .find(|a| a.item == item.key);
            FileCard {
                title: item.key.label(ui.locale()),
                sha256: attachment.map(|a| a.effective_sha256().to_owned()),
                caption: attachment.map_or_else(String::new, |a| a.original_name.clone()),
                field: Some(item.key),
                required: item.required,
            }
        })
        .collect();
    if crate::rules::materials::needs_face(draft) {
        // One photo per person who must verify, titled with whose it is.
        for (person, photo) in draft.face_photos() {
            cards.push(FileCard {
                title: person.photo_title(ui.locale()),
                sha256: photo.map(|p| p.sha256.clone()),
                caption: photo
                    .and_then(|p| p.captured_at)
                    .map(|at| crate::i18n::beijing_time(ui.locale(), &at))
                    .unwrap_or_default(),
                field: Some(person.field()),
                required: true,
            });
        }
    }
    let pictures = Pictures {
        thumbnails: &materials.thumbnails,
        loading: &materials.loading,
        no_picture: Some(&materials.no_picture),
    };
    let load = |sha: String| FaceAction::LoadThumbnail(sha).into();
    readback::files_ui(ui, &cards, &pictures, Some(report), &load, actions);
}
