//! The start screen: start a new filing, continue a saved one (summaries made on the
//! library thread, see `services::library`), open a file or a sample, and, after beian
//! stopped abnormally, the offer to reopen the draft that was open.

use std::path::Path;

use chrono::Local;
use egui::{RichText, Ui};

use crate::action::Action;
use crate::i18n::{t, tf};
use crate::model::FilingKind;
use crate::services::library::LibrarySummary;
use crate::theme;

/// Draws the start screen.
pub fn ui(
    ui: &mut Ui,
    library: Option<&[LibrarySummary]>,
    interrupted: Option<&Path>,
) -> Vec<Action> {
    let mut actions = Vec::new();
    if let Some(path) = interrupted {
        interrupted_ui(ui, path, &mut actions);
    }
    ui.add_space(12.0);
    ui.label(
        RichText::new(t("start.heading"))
            .size(theme::HERO_SIZE)
            .strong(),
    );
    ui.label(RichText::new(t("start.subheading")).color(theme::weak_color()));
    ui.add_space(theme::SECTION_GAP);

    ui.horizontal(|ui| {
        for kind in FilingKind::ALL {
            theme::card_frame().show(ui, |ui| {
                ui.set_width(300.0);
                ui.vertical(|ui| {
                    let key = format!("start.new_{}", kind.key());
                    if ui.button(RichText::new(t(&key)).strong()).clicked() {
                        actions.push(Action::NewDraft(*kind));
                    }
                    ui.label(
                        RichText::new(t(&format!("{key}.hint")))
                            .color(theme::weak_color())
                            .small(),
                    );
                });
            });
        }
    });
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button(t("start.open_file")).clicked() {
            actions.push(Action::OpenDialog);
        }
        for kind in FilingKind::ALL {
            if ui
                .button(t(&format!("start.sample_{}", kind.key())))
                .clicked()
            {
                actions.push(Action::OpenSample(*kind));
            }
        }
    });

    ui.add_space(theme::SECTION_GAP);
    ui.horizontal(|ui| {
        ui.label(RichText::new(t("start.saved_drafts")).heading());
        if ui.button(t("start.refresh")).clicked() {
            actions.push(Action::RefreshLibrary);
        }
    });
    ui.separator();
    match library {
        None => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(t("start.loading"));
            });
        }
        Some([]) => {
            ui.label(RichText::new(t("start.no_drafts")).color(theme::weak_color()));
        }
        Some(entries) => {
            for entry in entries {
                entry_ui(ui, entry, &mut actions);
                ui.add_space(6.0);
            }
        }
    }
    actions
}

/// beian stopped without closing normally while a draft was open: say so, and let the
/// user open the draft again (or not) rather than reopening it blindly.
fn interrupted_ui(ui: &mut Ui, path: &Path, actions: &mut Vec<Action>) {
    theme::banner_frame(crate::rules::Severity::Warning).show(ui, |ui| {
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        ui.label(RichText::new(t("start.interrupted")).strong());
        ui.label(tf("start.interrupted.detail", &[("file", &file)]));
        ui.horizontal(|ui| {
            if ui.button(t("start.interrupted.open")).clicked() {
                actions.push(Action::OpenPath(path.to_owned()));
            }
            if ui.button(t("start.interrupted.dismiss")).clicked() {
                actions.push(Action::DismissInterrupted);
            }
        });
    });
    ui.add_space(theme::SECTION_GAP);
}

fn entry_ui(ui: &mut Ui, entry: &LibrarySummary, actions: &mut Vec<Action>) {
    theme::card_frame().show(ui, |ui| {
        ui.set_width(ui.available_width().min(720.0));
        if let Some(error) = &entry.error {
            ui.label(RichText::new(t("start.damaged")).strong());
            ui.label(
                RichText::new(error.user_message())
                    .color(theme::severity_color(crate::rules::Severity::Error))
                    .small(),
            );
            return;
        }
        let name = if entry.name.is_empty() {
            t("start.unnamed").into_owned()
        } else {
            entry.name.clone()
        };
        ui.horizontal(|ui| {
            let open = ui.button(RichText::new(tf("start.continue", &[("name", &name)])).strong());
            if open.clicked() {
                actions.push(Action::OpenPath(entry.path.clone()));
            }
            if let Some(kind) = entry.kind {
                ui.label(RichText::new(kind.label()).color(theme::weak_color()));
            }
        });
        ui.horizontal(|ui| {
            let domain = if entry.domain.is_empty() {
                t("start.no_domain").into_owned()
            } else {
                entry.domain.clone()
            };
            ui.label(domain);
            ui.separator();
            let changed = entry.updated_at.map_or_else(
                || t("start.never").into_owned(),
                |d| d.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string(),
            );
            ui.label(tf("start.last_change", &[("time", &changed)]));
            ui.separator();
            let percent = (entry.progress * 100.0).round().to_string();
            ui.add(
                egui::ProgressBar::new(entry.progress)
                    .desired_width(120.0)
                    .text(tf("start.progress", &[("percent", &percent)])),
            );
        });
    });
}
