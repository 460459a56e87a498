//! The start screen: start a new filing, find and continue a saved one (the list is in
//! `library_list`), open a file or a sample, and, after beian stopped abnormally, the
//! offer to reopen the draft that was open.

use std::path::Path;

use egui::{RichText, Ui};

use super::library_list::ListUi;
use crate::action::Action;
use crate::i18n::{t, tf};
use crate::model::FilingKind;
use crate::services::library::Library;
use crate::theme;

/// Draws the start screen.
pub fn ui(
    ui: &mut Ui,
    library: Option<&Library>,
    list: &mut ListUi,
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
    // Opening a draft file and the About box are in the top bar; not repeated here.
    ui.horizontal(|ui| {
        for kind in FilingKind::ALL {
            if ui
                .button(t(&format!("start.sample_{}", kind.key())))
                .clicked()
            {
                actions.push(Action::OpenSample(*kind));
            }
        }
    });
    actions.extend(super::transfer::ui(ui, &list.transfer));
    actions.extend(super::transfer::conflict_ui(ui.ctx(), &list.transfer));

    ui.add_space(theme::SECTION_GAP);
    actions.extend(super::library_list::ui(ui, library, list));
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
