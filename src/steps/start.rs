//! The start screen: start a new filing, find and continue a saved one (the list is in
//! `library_list`), open a file or a sample, and, after beian stopped abnormally, the
//! offer to reopen the draft that was open.

use std::path::Path;

use egui::{RichText, Ui};

use super::library_list::ListUi;
use crate::action::Action;
use crate::lang::{t, tf};
use crate::model::FilingKind;
use crate::services::library::ListedDrafts;
use crate::theme;

/// Draws the start screen.
pub fn ui(
    ui: &mut Ui,
    library: Option<&ListedDrafts>,
    list: &mut ListUi,
    interrupted: Option<&Path>,
    now: chrono::NaiveDateTime,
) -> Vec<Action> {
    let mut actions = Vec::new();
    if let Some(path) = interrupted {
        interrupted_ui(ui, path, &mut actions);
    }
    centred(ui, START_WIDTH, |ui| {
        ui.add_space(theme::space::M);
        ui.label(
            RichText::new(t(ui, "start.heading"))
                .size(theme::HERO_SIZE)
                .strong(),
        );
        ui.label(RichText::new(t(ui, "start.subheading")).color(theme::weak_color(ui)));
        ui.add_space(theme::space::M);
        new_filing_ui(ui, &mut actions);
        // A help desk's start screen is its list of filings; a first-time user's is how a
        // filing goes.
        let has_filings = library.is_some_and(|l| !l.entries.is_empty());
        if !has_filings {
            ui.add_space(theme::space::M);
            procedure_ui(ui);
        }
        ui.add_space(theme::space::M);
        // Opening a draft file and the About box are in the top bar; not repeated here.
        ui.horizontal(|ui| {
            ui.label(RichText::new(t(ui, "start.try_sample")).color(theme::weak_color(ui)));
            for sample in crate::jobs::samples::Sample::ALL {
                if ui
                    .button(t(ui, &format!("start.sample_{}", sample.key())))
                    .clicked()
                {
                    actions.push(Action::OpenSample(*sample));
                }
            }
        });
        actions.extend(super::transfer::ui(ui, &list.transfer));
        actions.extend(super::transfer::conflict_ui(ui.ctx(), &list.transfer));
        ui.add_space(theme::space::L);
        actions.extend(super::library_list::ui(ui, library, list, now));
        if has_filings {
            ui.add_space(theme::space::L);
            procedure_ui(ui);
        }
    });
    actions
}

/// The widest the start screen's content grows; wider windows centre it.
const START_WIDTH: f32 = 1200.0;

/// Draws `content` in a column at most `width` wide, centred in the space available.
fn centred(ui: &mut Ui, width: f32, content: impl FnOnce(&mut Ui)) {
    let available = ui.available_width();
    let width = width.min(available);
    let margin = ((available - width) / 2.0).max(0.0);
    ui.horizontal_top(|ui| {
        ui.add_space(margin);
        ui.vertical(|ui| {
            ui.set_width(width);
            content(ui);
        });
    });
}

/// The two ways to start, each with what to have ready for that kind of filing.
fn new_filing_ui(ui: &mut Ui, actions: &mut Vec<Action>) {
    let gap = ui.spacing().item_spacing.x;
    let margin = theme::CARD_MARGIN.sum().x + 2.0;
    let inner = ((ui.available_width() - gap) / 2.0 - margin).max(200.0);
    card_row(ui, "new-filing", FilingKind::ALL.len(), inner, |ui, i| {
        let Some(kind) = FilingKind::ALL.get(i) else {
            return;
        };
        let key = format!("start.new_{}", kind.key());
        if ui
            .button(
                RichText::new(t(ui, &key))
                    .strong()
                    .size(theme::TypeScale::HEADING),
            )
            .clicked()
        {
            actions.push(Action::NewDraft(*kind));
        }
        ui.label(RichText::new(t(ui, &format!("{key}.hint"))).color(theme::weak_color(ui)));
        ui.add_space(theme::space::XS);
        ui.label(RichText::new(t(ui, "start.ready")).strong());
        for n in 1..=READY_ITEMS {
            bullet(ui, &t(ui, &format!("start.ready.{}.{n}", kind.key())));
        }
    });
}

/// One item of a list, its wrapped lines indented under the first.
fn bullet(ui: &mut Ui, text: &str) {
    ui.horizontal_top(|ui| {
        ui.spacing_mut().item_spacing.x = theme::space::XS;
        ui.label("•");
        ui.add(egui::Label::new(text).wrap());
    });
}

/// Cards side by side, `inner` wide, all as tall as the tallest (measured on the frame
/// before; the first frame asks for another).
fn card_row(
    ui: &mut Ui,
    id_salt: &str,
    count: usize,
    inner: f32,
    mut content: impl FnMut(&mut Ui, usize),
) {
    let id = ui.make_persistent_id(id_salt);
    let height = ui.ctx().data(|d| d.get_temp::<f32>(id)).unwrap_or(0.0);
    let mut tallest = 0.0_f32;
    ui.horizontal_top(|ui| {
        for i in 0..count {
            theme::card_frame(ui).show(ui, |ui| {
                ui.set_width(inner);
                ui.set_min_height(height);
                let drawn = ui.vertical(|ui| content(ui, i));
                tallest = tallest.max(drawn.response.rect.height());
            });
        }
    });
    if (tallest - height).abs() > 0.5 {
        ui.ctx().data_mut(|d| d.insert_temp(id, tallest));
        ui.ctx().request_repaint();
    }
}

/// How many things to have ready each kind of filing lists.
const READY_ITEMS: usize = 5;

/// The procedure at a glance: the steps, numbered, each with what it asks.
fn procedure_ui(ui: &mut Ui) {
    ui.label(RichText::new(t(ui, "start.procedure")).heading());
    let steps = crate::model::Step::ALL;
    let gap = ui.spacing().item_spacing.x;
    let margin = theme::CARD_MARGIN.sum().x + 2.0;
    let per_row = if ui.available_width() >= 1100.0 {
        steps.len()
    } else {
        steps.len().div_ceil(2)
    };
    let inner = ((ui.available_width() + gap) / per_row as f32 - gap - margin).max(120.0);
    for (r, row) in steps.chunks(per_row).enumerate() {
        card_row(ui, &format!("procedure-{r}"), row.len(), inner, |ui, i| {
            let Some(step) = row.get(i) else {
                return;
            };
            ui.label(
                RichText::new(tf(
                    ui,
                    "start.procedure.step",
                    &[
                        ("n", &(step.index() + 1).to_string()),
                        ("title", &t(ui, &step.title_key())),
                    ],
                ))
                .strong(),
            );
            ui.add(
                egui::Label::new(
                    RichText::new(t(ui, &format!("{}.intro", step.title_key())))
                        .small()
                        .color(theme::weak_color(ui)),
                )
                .wrap(),
            );
        });
    }
}

/// beian stopped without closing normally while a draft was open: say so, and let the
/// user open the draft again (or not) rather than reopening it blindly.
fn interrupted_ui(ui: &mut Ui, path: &Path, actions: &mut Vec<Action>) {
    theme::banner_frame(ui, crate::rules::Severity::Warning).show(ui, |ui| {
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        ui.label(RichText::new(t(ui, "start.interrupted")).strong());
        ui.label(tf(ui, "start.interrupted.detail", &[("file", &file)]));
        ui.horizontal(|ui| {
            if ui.button(t(ui, "start.interrupted.open")).clicked() {
                actions.push(Action::OpenPath(path.to_owned()));
            }
            if ui.button(t(ui, "start.interrupted.dismiss")).clicked() {
                actions.push(Action::DismissInterrupted);
            }
        });
    });
    ui.add_space(theme::SECTION_GAP);
}
