//! The export panel of the review step: the key password (chosen on the first export),
//! the button, the progress of a running export with its cancel button, and how the last
//! one ended.

use egui::{RichText, Ui};

use crate::action::{Action, BundleAction};
use crate::bundle::Exported;
use crate::lang::{Lang as _, t, tf};
use crate::rules::Severity;
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
    /// Whose key signs (the applicant's own, or the help desk's).
    pub holder: crate::bundle::keys::KeyHolder,
    /// The running export.
    pub running: Option<SharedControl>,
    /// How the last export ended.
    pub result: Option<Result<Exported, crate::services::JobError>>,
    /// Whether the passwords typed are shown in clear.
    pub show_password: bool,
    /// The last export's result was not brought into view yet.
    pub reveal_result: bool,
    /// A part of the review step to bring into view on the next frame (the summary at
    /// its top jumps to the problems or to the export).
    pub scroll_to: Option<ReviewPart>,
}

/// A part of the review step the summary at its top jumps to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewPart {
    /// The list of problems.
    Problems,
    /// The declarations.
    Declarations,
    /// The export panel.
    Export,
}

fn password_row(ui: &mut Ui, label_key: &str, value: &mut String, enabled: bool, shown: bool) {
    ui.horizontal(|ui| {
        let label = ui.label(t(ui, label_key));
        ui.add_enabled(
            enabled,
            egui::TextEdit::singleline(value)
                .password(!shown)
                .desired_width(theme::INPUT_WIDTH),
        )
        .labelled_by(label.id);
    });
}

/// The export panel: the key password (chosen on the first export), the button, the
/// progress of a running export with its cancel button, and how the last one ended.
pub(super) fn export_ui(ui: &mut Ui, export: &mut ExportUi, actions: &mut Vec<Action>) {
    let heading = ui.label(RichText::new(t(ui, "review.export")).heading());
    if export.scroll_to == Some(ReviewPart::Export) {
        export.scroll_to = None;
        heading.scroll_to_me(Some(egui::Align::TOP));
    }
    ui.separator();
    let desk = match &export.holder {
        crate::bundle::keys::KeyHolder::Desk(desk) => Some(desk.clone()),
        crate::bundle::keys::KeyHolder::Applicant => None,
    };
    // Whose key signs, and so whose password is asked.
    let whose = match &desk {
        Some(desk) => tf(ui, "export.holder.desk", &[("desk", desk)]),
        None => t(ui, "export.holder.applicant").into_owned(),
    };
    ui.add(egui::Label::new(RichText::new(whose).strong()).wrap());
    let can_start = password_ui(ui, export, desk.is_some(), actions);
    ui.add_space(8.0);
    if let Some(control) = &export.running {
        ui.horizontal(|ui| {
            let fraction = control.fraction();
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(theme::INPUT_WIDTH)
                    .show_percentage(),
            );
            if ui.button(t(ui, "export.cancel")).clicked() {
                actions.push(BundleAction::CancelExport.into());
            }
        });
        ui.label(RichText::new(t(ui, "export.running")).color(theme::weak_color(ui)));
    } else if ui
        .add_enabled(
            can_start,
            egui::Button::new(RichText::new(t(ui, "export.start")).strong()),
        )
        .clicked()
    {
        actions.push(BundleAction::Export.into());
    }
    if export.remember_failed {
        ui.label(
            RichText::new(t(ui, "export.keychain_unavailable"))
                .color(theme::severity_color(ui, Severity::Warning)),
        );
    }
    result_ui(ui, export, desk.is_some());
}

/// The key password: remembered, asked for, or chosen for a new key (twice, long enough).
/// Returns whether an export can start.
fn password_ui(ui: &mut Ui, export: &mut ExportUi, desk: bool, actions: &mut Vec<Action>) -> bool {
    let running = export.running.is_some();
    let min = crate::bundle::keys::MIN_PASSWORD_CHARS;
    let (password_hint, new_key_hint) = if desk {
        ("export.key_password_hint.desk", "export.new_key_hint.desk")
    } else {
        ("export.key_password_hint", "export.new_key_hint")
    };
    if export.has_key && export.remembered {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(t(ui, "export.password_remembered")).color(theme::weak_color(ui)),
            );
            if ui.button(t(ui, "export.forget_password")).clicked() {
                actions.push(BundleAction::ForgetPassword.into());
            }
        });
        true
    } else if export.has_key {
        ui.add(
            egui::Label::new(RichText::new(t(ui, password_hint)).color(theme::weak_color(ui)))
                .wrap(),
        );
        password_row(
            ui,
            "export.password",
            &mut export.password,
            !running,
            export.show_password,
        );
        ui.checkbox(&mut export.show_password, t(ui, "export.show_password"));
        ui.checkbox(&mut export.remember, t(ui, "export.remember"));
        !export.password.is_empty()
    } else {
        ui.label(
            RichText::new(tf(ui, new_key_hint, &[("min", &min.to_string())]))
                .color(theme::weak_color(ui)),
        );
        password_row(
            ui,
            "export.new_password",
            &mut export.password,
            !running,
            export.show_password,
        );
        password_row(
            ui,
            "export.password_again",
            &mut export.password_again,
            !running,
            export.show_password,
        );
        ui.checkbox(&mut export.show_password, t(ui, "export.show_password"));
        let typed = export.password.chars().count();
        let long_enough = typed >= min;
        if typed > 0 && !long_enough {
            ui.label(
                RichText::new(tf(
                    ui,
                    "export.password_short",
                    &[("min", &min.to_string()), ("typed", &typed.to_string())],
                ))
                .color(theme::severity_color(ui, Severity::Warning)),
            );
        }
        ui.checkbox(&mut export.remember, t(ui, "export.remember"));
        let same = export.password == export.password_again;
        if !export.password_again.is_empty() && !same {
            ui.label(
                RichText::new(t(ui, "key.password_mismatch"))
                    .color(theme::severity_color(ui, Severity::Error)),
            );
        }
        long_enough && same
    }
}

/// How the last export ended: the file, its hash and the key's code with copy buttons, or
/// the error.
fn result_ui(ui: &mut Ui, export: &mut ExportUi, desk: bool) {
    match &export.result {
        Some(Ok(done)) => {
            ui.add_space(8.0);
            theme::banner_frame(ui, Severity::Notice).show(ui, |ui| {
                ui.label(
                    RichText::new(t(ui, "export.done"))
                        .strong()
                        .color(theme::status_color(ui, crate::rules::StepStatus::Complete)),
                );
                egui::Grid::new("export_result")
                    .num_columns(2)
                    .spacing([16.0, 4.0])
                    .show(ui, |ui| {
                        let rows = [
                            ("export.file", done.path.display().to_string()),
                            ("export.sha256", done.sha256.clone()),
                            (
                                if desk {
                                    "export.key_code.desk"
                                } else {
                                    "export.key_code"
                                },
                                done.key_id.short_code(),
                            ),
                        ];
                        for (label, value) in rows {
                            ui.label(RichText::new(t(ui, label)).color(theme::weak_color(ui)));
                            ui.add(
                                egui::Label::new(RichText::new(value).monospace()).selectable(true),
                            );
                            ui.end_row();
                        }
                    });
                ui.label(RichText::new(t(ui, "export.key_code_hint")).small());
                ui.horizontal_wrapped(|ui| {
                    if ui.button(t(ui, "export.copy_path")).clicked() {
                        ui.ctx().copy_text(done.path.display().to_string());
                    }
                    if ui.button(t(ui, "export.copy_hash")).clicked() {
                        ui.ctx().copy_text(done.sha256.clone());
                    }
                    if let Some(folder) = done.path.parent()
                        && ui.button(t(ui, "export.open_folder")).clicked()
                    {
                        ui.ctx().open_url(egui::OpenUrl::new_tab(format!(
                            "file://{}",
                            folder.display()
                        )));
                    }
                });
            });
            // Shown where the export button was, not below the fold.
            if std::mem::take(&mut export.reveal_result) {
                ui.scroll_to_cursor(Some(egui::Align::Max));
            }
        }
        Some(Err(message)) => {
            ui.add_space(8.0);
            ui.label(
                RichText::new(message.user_message(ui.locale()))
                    .color(theme::severity_color(ui, Severity::Error)),
            );
        }
        None => {}
    }
}
