//! The start screen's tools for moving a filing between computers and for the daily
//! overview: "import from another computer", "print today's overview", what is running,
//! the message about the last one, and the question asked when an imported draft is
//! already in the library in another version (keep both, replace, cancel).

use std::path::PathBuf;

use egui::{RichText, Ui};

use crate::action::{Action, TransferAction};
use crate::lang::{Lang as _, t, tf};
use crate::rules::Severity;
use crate::services::JobError;
use crate::services::transfer::OnConflict;
use crate::theme;

/// What is running.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Busy {
    /// Writing a transfer file.
    Exporting,
    /// Reading and importing a transfer file.
    Importing,
    /// Writing the daily overview.
    Overview,
}

/// What the last transfer or overview did, put into words when drawn.
#[derive(Clone, Debug)]
pub enum TransferMessage {
    /// A transfer file was written.
    Exported {
        /// Where.
        path: PathBuf,
        /// How many attachments it holds.
        attachments: usize,
    },
    /// The daily overview was written and handed to the browser.
    OverviewWritten(PathBuf),
    /// Importing was cancelled at the question; nothing changed.
    ImportCancelled,
    /// Something failed.
    Failed(JobError),
}

/// A transfer file whose draft is already in the library in another version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingConflict {
    /// The transfer file.
    pub file: PathBuf,
    /// The library's draft.
    pub existing: PathBuf,
    /// Its name.
    pub existing_name: String,
    /// The imported draft's name.
    pub incoming_name: String,
}

/// The view state of these tools (never saved).
#[derive(Debug, Default)]
pub struct TransferUi {
    /// What is running.
    pub busy: Option<Busy>,
    /// The question awaiting an answer.
    pub conflict: Option<PendingConflict>,
    /// The message about the last one.
    pub message: Option<TransferMessage>,
    /// A page to open in the browser on the next frame.
    pub open_url: Option<String>,
}

/// The buttons, what runs, and the last message. Drawn on the start screen.
pub fn ui(ui: &mut Ui, state: &TransferUi) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        ui.add_enabled_ui(state.busy.is_none(), |ui| {
            if ui
                .button(t(ui, "transfer.import"))
                .on_hover_text(t(ui, "transfer.import.hint"))
                .clicked()
            {
                actions.push(TransferAction::Import.into());
            }
            if ui
                .button(t(ui, "overview.print"))
                .on_hover_text(t(ui, "overview.print.hint"))
                .clicked()
            {
                actions.push(TransferAction::PrintOverview.into());
            }
        });
        if let Some(busy) = state.busy {
            ui.spinner();
            let key = match busy {
                Busy::Exporting => "transfer.busy.export",
                Busy::Importing => "transfer.busy.import",
                Busy::Overview => "overview.busy",
            };
            ui.label(t(ui, key));
        }
    });
    if let Some(message) = &state.message {
        let (severity, text) = match message {
            TransferMessage::Exported { path, attachments } => (
                Severity::Notice,
                tf(
                    ui,
                    "transfer.exported",
                    &[
                        ("path", &path.display().to_string()),
                        ("count", &attachments.to_string()),
                    ],
                ),
            ),
            TransferMessage::OverviewWritten(path) => (
                Severity::Notice,
                tf(
                    ui,
                    "overview.written",
                    &[("path", &path.display().to_string())],
                ),
            ),
            TransferMessage::ImportCancelled => {
                (Severity::Notice, t(ui, "transfer.cancelled").into_owned())
            }
            TransferMessage::Failed(err) => (Severity::Error, err.user_message(ui.locale())),
        };
        theme::banner_frame(ui, severity).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(text);
                if ui.button(t(ui, "transfer.dismiss")).clicked() {
                    actions.push(TransferAction::DismissMessage.into());
                }
            });
        });
    }
    actions
}

/// "Export for another computer…" for the filing chosen in the list (↑/↓, or its row's
/// context menu), drawn below the list.
pub fn export_selected_ui(
    ui: &mut Ui,
    chosen: Option<(&std::path::Path, &str)>,
    state: &TransferUi,
) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        let name = chosen.map_or_else(String::new, |(_, n)| {
            if n.is_empty() {
                t(ui, "start.unnamed").into_owned()
            } else {
                n.to_owned()
            }
        });
        ui.add_enabled_ui(chosen.is_some() && state.busy.is_none(), |ui| {
            let long = tf(ui, "start.row.transfer_export.name", &[("name", &name)]);
            if crate::widgets::named_button(ui, &t(ui, "start.row.transfer_export"), &long)
                .on_hover_text(t(ui, "start.row.transfer_export.hint"))
                .clicked()
                && let Some((path, _)) = chosen
            {
                actions.push(TransferAction::Export(path.to_owned()).into());
            }
        });
        if chosen.is_some() {
            ui.label(
                RichText::new(tf(ui, "transfer.chosen", &[("name", &name)]))
                    .color(theme::weak_color(ui)),
            );
        }
    });
    actions
}

/// The question about a draft already in the library: a modal dialog with three answers.
pub fn conflict_ui(ctx: &egui::Context, state: &TransferUi) -> Vec<Action> {
    let mut actions = Vec::new();
    let Some(conflict) = &state.conflict else {
        return actions;
    };
    let name = |n: &str| {
        if n.is_empty() {
            t(ctx, "start.unnamed").into_owned()
        } else {
            n.to_owned()
        }
    };
    let file = conflict
        .existing
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let modal = egui::Modal::new(egui::Id::unique("transfer-conflict")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.label(RichText::new(t(ui, "transfer.conflict.title")).heading());
        ui.label(tf(
            ui,
            "transfer.conflict.detail",
            &[
                ("existing", &name(&conflict.existing_name)),
                ("incoming", &name(&conflict.incoming_name)),
                ("file", &file),
            ],
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui
                .button(t(ui, "transfer.conflict.keep_both"))
                .on_hover_text(t(ui, "transfer.conflict.keep_both.hint"))
                .clicked()
            {
                actions.push(TransferAction::Resolve(OnConflict::KeepBoth).into());
            }
            if ui
                .button(t(ui, "transfer.conflict.replace"))
                .on_hover_text(t(ui, "transfer.conflict.replace.hint"))
                .clicked()
            {
                actions.push(TransferAction::Resolve(OnConflict::Replace).into());
            }
            if ui.button(t(ui, "transfer.conflict.cancel")).clicked() {
                actions.push(TransferAction::CancelImport.into());
            }
        });
    });
    if modal.should_close() && actions.is_empty() {
        actions.push(TransferAction::CancelImport.into());
    }
    actions
}
