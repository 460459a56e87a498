//! The About box: the application's name and version, its licence, the promise that
//! nothing leaves the computer, and the third-party notices (fonts, models, data) from
//! `THIRD-PARTY-NOTICES.md`, compiled in, with a button to copy them.

use egui::{RichText, Ui};

use crate::action::Action;
use crate::i18n::Locale;
use crate::lang::{Lang as _, t, tf};
use crate::theme;

/// The third-party notices shipped with beian.
pub const THIRD_PARTY_NOTICES: &str = include_str!("../../THIRD-PARTY-NOTICES.md");

/// The version shown.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The licence of beian itself.
pub const LICENSE: &str = "MIT OR Apache-2.0";

/// Draws the About box; returns [`Action::CloseAbout`] when closed. `fresh`: it was not
/// shown on the last frame, so its notices open at their top.
pub fn ui(ctx: &egui::Context, fresh: bool) -> Vec<Action> {
    let mut actions = Vec::new();
    let modal = egui::Modal::new(egui::Id::unique("about_box")).show(ctx, |ui| {
        ui.set_width(640.0);
        ui.label(
            RichText::new(t(ui, "app.title"))
                .size(theme::TITLE_SIZE)
                .strong(),
        );
        ui.label(tf(ui, "about.version", &[("version", VERSION)]));
        ui.label(tf(ui, "about.license", &[("license", LICENSE)]));
        ui.label(t(ui, "about.offline"));
        ui.add_space(theme::SECTION_GAP);
        ui.label(RichText::new(t(ui, "about.notices")).strong());
        let area = egui::ScrollArea::vertical();
        let area = if fresh {
            area.vertical_scroll_offset(0.0)
        } else {
            area
        };
        area.id_salt("about_notices")
            .max_height(320.0)
            .auto_shrink([false, true])
            .show(ui, notices_ui);
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(t(ui, "about.copy")).clicked() {
                ui.ctx().copy_text(about_text(ui.locale()));
            }
            if ui.button(t(ui, "about.close")).clicked() {
                actions.push(Action::CloseAbout);
            }
        });
    });
    if modal.should_close() && actions.is_empty() {
        actions.push(Action::CloseAbout);
    }
    actions
}

/// The notices drawn as text, not as Markdown source: headings, paragraphs, the table's
/// rows as "file — what — licence", quoted notices in a fixed-width font.
fn notices_ui(ui: &mut Ui) {
    let plain = |text: &str| text.replace('`', "");
    let mut quoted = false;
    for line in THIRD_PARTY_NOTICES.lines() {
        if line.trim_start().starts_with("```") {
            quoted = !quoted;
            continue;
        }
        if quoted {
            ui.label(RichText::new(line).monospace().small());
        } else if line.starts_with("# ") {
            // The document's title: the box says it above the notices already.
        } else if let Some(heading) = line.strip_prefix("## ") {
            ui.add_space(6.0);
            ui.label(RichText::new(heading).strong());
        } else if line.trim().is_empty() {
            ui.add_space(4.0);
        } else if let Some(row) = line.trim().strip_prefix('|') {
            let cells: Vec<String> = row
                .trim_end_matches('|')
                .split('|')
                .map(|c| plain(c.trim()))
                .collect();
            // The header and its rule say nothing to a reader.
            let is_rule = cells
                .iter()
                .all(|c| c.chars().all(|ch| ch == '-' || ch == ' '));
            if is_rule || cells.first().is_some_and(|c| c == "files") {
                continue;
            }
            let mut cells = cells.into_iter();
            let files = cells.next().unwrap_or_default();
            let rest: Vec<String> = cells.filter(|c| !c.is_empty()).collect();
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(files).strong().small());
                ui.label(RichText::new(rest.join(" — ")).small());
            });
        } else {
            ui.add(egui::Label::new(RichText::new(plain(line)).small()).wrap());
        }
    }
}

/// What "copy" puts on the clipboard: name, version, licence and the notices.
pub fn about_text(locale: Locale) -> String {
    format!(
        "{}\n{}\n{}\n\n{}",
        t(&locale, "app.title"),
        tf(&locale, "about.version", &[("version", VERSION)]),
        tf(&locale, "about.license", &[("license", LICENSE)]),
        THIRD_PARTY_NOTICES
    )
}
