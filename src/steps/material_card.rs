//! One card of the materials step, beside its title and reasons: the attached file's
//! picture, its status (checking, refused, missing, or what the rules say of it) and its
//! buttons (choose, replace, fix, turn, revert, remove).

use egui::{RichText, Ui};

use super::materials_state::MaterialsUi;
use crate::action::{Action, DocumentAction};
use crate::documents::Turn;
use crate::lang::{Lang as _, t, tf};
use crate::model::FieldKey;
use crate::model::draft::Attachment;
use crate::model::edit::Edit;
use crate::rules::materials::{ChecklistItem, can_improve};
use crate::rules::{Report, Severity};
use crate::theme;
use crate::widgets::named_button;

/// The attached file's picture (click to view it larger), its format when it has none,
/// or a spinner while it loads.
pub(super) fn thumbnail_ui(
    ui: &mut Ui,
    key: FieldKey,
    a: &Attachment,
    state: &mut MaterialsUi,
    actions: &mut Vec<Action>,
) {
    let sha = a.effective_sha256().to_owned();
    match state.thumbnails.get(&sha) {
        None if state.no_picture.contains(&sha) => {
            let format = a
                .effective_measures()
                .format
                .map_or("?", |f| f.display_name());
            theme::card_frame(ui).show(ui, |ui| {
                ui.set_min_size(egui::vec2(90.0, 60.0));
                ui.label(RichText::new(format).strong());
            });
        }
        Some(tex) => {
            let image = egui::Image::from_texture(tex)
                .max_size(egui::vec2(160.0, 120.0))
                .sense(egui::Sense::click());
            let shown = ui.add(image).on_hover_text(t(ui, "materials.view"));
            if shown.clicked() {
                state.viewer = Some((key, 1.0));
            }
        }
        None => {
            ui.spinner();
            if state.loading.insert(sha.clone()) {
                actions.push(DocumentAction::LoadThumbnail(sha).into());
            }
        }
    }
}

pub(super) fn status_ui(
    ui: &mut Ui,
    report: &Report,
    reveal: bool,
    item: &ChecklistItem,
    attachment: Option<&Attachment>,
    state: &MaterialsUi,
) {
    if state.busy.contains(&item.key) {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(t(ui, "materials.checking"));
        });
        return;
    }
    if let Some(refusal) = state.refusals.get(&item.key) {
        ui.label(
            RichText::new(format!("■ {}", refusal.user_message(ui.locale())))
                .color(theme::severity_color(ui, Severity::Error))
                .small(),
        );
    }
    match attachment {
        None if !state.refusals.contains_key(&item.key) => {
            let color = if item.required && reveal {
                theme::severity_color(ui, Severity::Error)
            } else {
                theme::weak_color(ui)
            };
            ui.label(
                RichText::new(t(ui, "materials.missing"))
                    .color(color)
                    .small(),
            );
        }
        None => {}
        Some(a) => attached_ui(ui, report, item.key, a),
    }
}

/// An attached file: its name, format, size and pages, whether it was normalised, and
/// what the rules say of it.
fn attached_ui(ui: &mut Ui, report: &Report, key: FieldKey, a: &Attachment) {
    let m = a.effective_measures();
    let format = m.format.map_or("?", |f| f.display_name());
    let size = if m.width > 0 {
        format!(
            "{format}, {}×{}, {:.0} KB",
            m.width,
            m.height,
            m.byte_len as f64 / 1024.0
        )
    } else {
        let pages = m.pages.unwrap_or(0).to_string();
        format!(
            "{format}, {}, {:.0} KB",
            tf(ui, "materials.pages", &[("pages", &pages)]),
            m.byte_len as f64 / 1024.0
        )
    };
    ui.label(RichText::new(format!("{} · {size}", a.original_name)).small());
    if a.normalized.is_some() {
        ui.label(
            RichText::new(t(ui, "materials.normalized"))
                .small()
                .color(theme::status_color(ui, crate::rules::StepStatus::Complete)),
        );
    }
    let mut any = false;
    for issue in report.for_field(key) {
        if issue.is_missing() {
            continue;
        }
        any = true;
        let mark = match issue.severity {
            Severity::Error => "■",
            Severity::Warning => "▲",
            Severity::Notice => "•",
        };
        ui.label(
            RichText::new(format!("{mark} {}", issue.message(ui.locale())))
                .small()
                .color(theme::severity_color(ui, issue.severity)),
        );
    }
    if !any {
        ui.label(
            RichText::new(t(ui, "materials.ok"))
                .small()
                .color(theme::status_color(ui, crate::rules::StepStatus::Complete)),
        );
    }
}

pub(super) fn buttons_ui(
    ui: &mut Ui,
    item: &ChecklistItem,
    attachment: Option<&Attachment>,
    state: &mut MaterialsUi,
    actions: &mut Vec<Action>,
) {
    if state.busy.contains(&item.key) {
        return;
    }
    let label = item.key.label(ui.locale());
    ui.horizontal_wrapped(|ui| {
        let (pick, short) = if attachment.is_some() {
            ("materials.replace", t(ui, "materials.replace.short"))
        } else {
            ("materials.pick", t(ui, "materials.pick.short"))
        };
        if named_button(ui, &short, &tf(ui, pick, &[("item", &label)])).clicked() {
            actions.push(DocumentAction::Pick(item.key).into());
        }
        if let Some(a) = attachment {
            if can_improve(a)
                && named_button(
                    ui,
                    &t(ui, "materials.fix.short"),
                    &tf(ui, "materials.fix", &[("item", &label)]),
                )
                .clicked()
            {
                actions.push(
                    DocumentAction::Normalize {
                        item: item.key,
                        turn: Turn::None,
                    }
                    .into(),
                );
            }
            if a.measures.format != Some(crate::documents::FileFormat::Pdf) {
                let turns = [
                    (Turn::Left, "materials.rotate_left"),
                    (Turn::Right, "materials.rotate_right"),
                ];
                for (turn, key) in turns {
                    let short = t(ui, &format!("{key}.short"));
                    if named_button(ui, &short, &tf(ui, key, &[("item", &label)])).clicked() {
                        actions.push(
                            DocumentAction::Normalize {
                                item: item.key,
                                turn,
                            }
                            .into(),
                        );
                    }
                }
            }
            if a.normalized.is_some()
                && named_button(
                    ui,
                    &t(ui, "materials.revert.short"),
                    &tf(ui, "materials.revert", &[("item", &label)]),
                )
                .clicked()
            {
                actions.push(Edit::RevertNormalization(item.key).into());
            }
            if crate::widgets::danger_button(
                ui,
                &t(ui, "materials.remove.short"),
                &tf(ui, "materials.remove", &[("item", &label)]),
            )
            .clicked()
            {
                actions.push(Action::Remove(crate::action::Removal::Attachment(item.key)));
            }
        }
    });
}
