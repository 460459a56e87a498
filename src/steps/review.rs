//! Step 5, 核对与导出: a summary of the filing and every issue of the whole draft, grouped by
//! step, each with a button that jumps to its field. Export stays disabled while errors
//! remain; warnings need an acknowledgement, which is recorded in the draft.

use egui::{RichText, Ui};

use crate::action::{Action, BundleAction};
use crate::bundle::Exported;
use crate::i18n::{t, tf};
use crate::model::divisions::Divisions;
use crate::model::edit::Edit;
use crate::model::{Draft, IssueCode, Step};
use crate::rules::{Report, Severity};
use crate::services::bundle::SharedControl;
use crate::theme;

/// The export panel's state (never saved; the password is dropped after each export).
#[derive(Debug, Default)]
pub struct ExportUi {
    /// The key password as typed.
    pub password: String,
    /// The password typed again (first export only, when the key is made).
    pub password_again: String,
    /// Whether the applicant key exists already.
    pub has_key: bool,
    /// Whether its password is remembered in the credential store.
    pub remembered: bool,
    /// Whether to remember the typed password there.
    pub remember: bool,
    /// Whether the last export asked to remember the password (to tell when the store
    /// refused it).
    pub remember_pending: bool,
    /// Why the password could not be remembered.
    pub remember_failed: bool,
    /// The running export.
    pub running: Option<SharedControl>,
    /// How the last export ended.
    pub result: Option<Result<Exported, crate::services::JobError>>,
}

/// Draws the review step.
pub fn ui(ui: &mut Ui, draft: &Draft, report: &Report, export: &mut ExportUi) -> Vec<Action> {
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
                if crate::widgets::named_button(
                    ui,
                    &t("review.go_to.short"),
                    &tf("review.go_to", &[("field", &place)]),
                )
                .clicked()
                {
                    actions.push(Action::GoTo(issue.field));
                }
                ui.label(
                    RichText::new(issue.message()).color(theme::severity_color(issue.severity)),
                );
                if matches!(
                    issue.code,
                    IssueCode::UsccChecksum | IssueCode::UsccChecksumConfirmed
                ) {
                    actions.extend(super::credit_check::ui(ui, draft));
                } else if issue.severity == Severity::Warning {
                    let id = issue.acknowledgement();
                    let mut acknowledged = draft.review.acknowledged_warnings.contains(&id);
                    if ui
                        .checkbox(&mut acknowledged, t("review.acknowledge"))
                        .changed()
                    {
                        let edit = if acknowledged {
                            Edit::AcknowledgeWarning(id)
                        } else {
                            Edit::UnacknowledgeWarning(id)
                        };
                        actions.push(edit.into());
                    }
                }
            });
        }
    }

    actions.extend(super::review_help::ui(ui, draft, report));

    ui.add_space(theme::SECTION_GAP);
    let ready = crate::rules::readiness(draft, report).is_ok();
    if ready {
        export_ui(ui, export, &mut actions);
    } else {
        ui.add_enabled(
            false,
            egui::Button::new(RichText::new(t("review.export")).strong()),
        )
        .on_disabled_hover_text(t("review.export_blocked"));
        ui.label(
            RichText::new(t("review.export_blocked"))
                .small()
                .color(theme::weak_color()),
        );
    }
    actions
}

fn password_row(ui: &mut Ui, label_key: &str, value: &mut String, enabled: bool) {
    ui.horizontal(|ui| {
        let label = ui.label(t(label_key));
        ui.add_enabled(
            enabled,
            egui::TextEdit::singleline(value)
                .password(true)
                .desired_width(theme::INPUT_WIDTH),
        )
        .labelled_by(label.id);
    });
}

/// The export panel: the key password (chosen on the first export), the button, the
/// progress of a running export with its cancel button, and how the last one ended.
fn export_ui(ui: &mut Ui, export: &mut ExportUi, actions: &mut Vec<Action>) {
    ui.label(RichText::new(t("review.export")).heading());
    ui.separator();
    let running = export.running.is_some();
    let min = crate::bundle::keys::MIN_PASSWORD_CHARS;
    let can_start = if export.has_key && export.remembered {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(t("export.password_remembered")).color(theme::weak_color()));
            if ui.button(t("export.forget_password")).clicked() {
                actions.push(BundleAction::ForgetPassword.into());
            }
        });
        true
    } else if export.has_key {
        ui.label(RichText::new(t("export.key_password_hint")).color(theme::weak_color()));
        password_row(ui, "export.password", &mut export.password, !running);
        ui.checkbox(&mut export.remember, t("export.remember"));
        !export.password.is_empty()
    } else {
        ui.label(
            RichText::new(tf("export.new_key_hint", &[("min", &min.to_string())]))
                .color(theme::weak_color()),
        );
        password_row(ui, "export.new_password", &mut export.password, !running);
        password_row(
            ui,
            "export.password_again",
            &mut export.password_again,
            !running,
        );
        let long_enough = export.password.chars().count() >= min;
        ui.checkbox(&mut export.remember, t("export.remember"));
        let same = export.password == export.password_again;
        if !export.password_again.is_empty() && !same {
            ui.label(
                RichText::new(t("key.password_mismatch"))
                    .color(theme::severity_color(Severity::Error)),
            );
        }
        long_enough && same
    };
    ui.add_space(8.0);
    if let Some(control) = &export.running {
        ui.horizontal(|ui| {
            let fraction = control.fraction();
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(theme::INPUT_WIDTH)
                    .show_percentage(),
            );
            if ui.button(t("export.cancel")).clicked() {
                actions.push(BundleAction::CancelExport.into());
            }
        });
        ui.label(RichText::new(t("export.running")).color(theme::weak_color()));
    } else if ui
        .add_enabled(
            can_start,
            egui::Button::new(RichText::new(t("export.start")).strong()),
        )
        .clicked()
    {
        actions.push(BundleAction::Export.into());
    }
    if export.remember_failed {
        ui.label(
            RichText::new(t("export.keychain_unavailable"))
                .color(theme::severity_color(Severity::Warning)),
        );
    }
    match &export.result {
        Some(Ok(done)) => {
            ui.add_space(8.0);
            theme::banner_frame(Severity::Notice).show(ui, |ui| {
                ui.label(
                    RichText::new(t("export.done"))
                        .strong()
                        .color(theme::status_color(crate::rules::StepStatus::Complete)),
                );
                egui::Grid::new("export_result")
                    .num_columns(2)
                    .spacing([16.0, 4.0])
                    .show(ui, |ui| {
                        let rows = [
                            ("export.file", done.path.display().to_string()),
                            ("export.sha256", done.sha256.clone()),
                            ("export.key_code", done.key_id.short_code()),
                        ];
                        for (label, value) in rows {
                            ui.label(RichText::new(t(label)).color(theme::weak_color()));
                            ui.add(
                                egui::Label::new(RichText::new(value).monospace()).selectable(true),
                            );
                            ui.end_row();
                        }
                    });
                ui.label(RichText::new(t("export.key_code_hint")).small());
            });
        }
        Some(Err(message)) => {
            ui.add_space(8.0);
            ui.label(
                RichText::new(message.user_message()).color(theme::severity_color(Severity::Error)),
            );
        }
        None => {}
    }
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
        ("field.filing.procedure", f.procedure.label()),
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
