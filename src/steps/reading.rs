//! What beian read from an attached document, beside the fields it fills: the "从证件读取"
//! drop zone by the certificate number on the filing-type step, and under a document on
//! the materials step, the values read with where they stand on the document
//! (highlighted on its picture), the one character a check digit corrected, and the
//! choice between a value read and one already entered.

use std::collections::HashSet;

use egui::{Color32, RichText, Stroke, Ui};

use super::materials_state::MaterialsUi;
use crate::action::{Action, DocumentAction};
use crate::lang::{Lang as _, t, tf};
use crate::model::edit::Edit;
use crate::model::read_fill;
use crate::model::{Draft, FieldKey};
use crate::rules::Severity;
use crate::rules::reading_fill::{
    FieldProposal, OtherPerson, ProposalState, certificate_item, other_person, proposals,
};
use crate::theme;

/// The largest picture of the document beside the values read.
const PICTURE: egui::Vec2 = egui::vec2(260.0, 180.0);

pub use super::materials_state::{Done, ReadingState};

/// The drop zone by the subject's certificate number (filing-type step): drop or choose
/// the licence or the ID card, and what was read from it.
pub fn certificate_zone(
    ui: &mut Ui,
    draft: &Draft,
    state: &mut MaterialsUi,
    actions: &mut Vec<Action>,
) {
    let Some(item) = certificate_item(draft) else {
        return;
    };
    let hovering = ui.ctx().input(|i| !i.raw.hovered_files.is_empty());
    let frame = if hovering {
        theme::drop_target_frame(ui)
    } else {
        theme::card_frame(ui)
    };
    let attached = draft.materials.attachments.iter().any(|a| a.item == item);
    let response = frame
        .show(ui, |ui| {
            ui.set_width(ui.available_width().min(theme::CARD_MAX_WIDTH));
            ui.horizontal(|ui| {
                ui.label(RichText::new(t(ui, "reading.zone.title")).strong());
                let choose = if attached {
                    t(ui, "reading.zone.replace")
                } else {
                    t(ui, "reading.zone.choose")
                };
                if ui.button(choose).clicked() {
                    actions.push(DocumentAction::Pick(item).into());
                }
            });
            let hint = if draft.is_unit() {
                t(ui, "reading.zone.hint_licence")
            } else {
                t(ui, "reading.zone.hint_id")
            };
            ui.label(RichText::new(hint).small().color(theme::weak_color(ui)));
            if state.busy.contains(&item) {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(t(ui, "materials.checking"));
                });
            }
            if let Some(refusal) = state.refusals.get(&item) {
                ui.label(
                    RichText::new(format!("■ {}", refusal.user_message(ui.locale())))
                        .color(theme::severity_color(ui, Severity::Error))
                        .small(),
                );
            }
            panel(ui, draft, item, state, actions);
        })
        .response;
    let pointer = ui.ctx().pointer_latest_pos();
    let dropped = super::materials_state::dropped_documents(ui.ctx());
    if !dropped.is_empty() && pointer.is_some_and(|p| response.rect.contains(p)) {
        actions.push(
            DocumentAction::Attach {
                item,
                paths: dropped,
            }
            .into(),
        );
    }
}

/// What was read from the document of `item`, if it was read: a spinner while it is,
/// the values with their regions, or why nothing was read.
pub fn panel(
    ui: &mut Ui,
    draft: &Draft,
    item: FieldKey,
    state: &mut MaterialsUi,
    actions: &mut Vec<Action>,
) {
    let current_sha = draft
        .materials
        .attachments
        .iter()
        .find(|a| a.item == item)
        .map(|a| a.sha256.clone());
    let Some(reading) = state.readings.get_mut(&item) else {
        return;
    };
    match reading {
        ReadingState::Busy(sha) if current_sha.as_ref() == Some(sha) => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(t(ui, "reading.busy"));
            });
        }
        ReadingState::Failed(sha, err) if current_sha.as_ref() == Some(sha) => {
            ui.label(
                RichText::new(format!("▲ {}", err.user_message(ui.locale())))
                    .color(theme::severity_color(ui, Severity::Warning))
                    .small(),
            );
        }
        ReadingState::Done(done) if Some(&done.reading.sha256) == current_sha.as_ref() => {
            let found = proposals(draft, item, &done.reading.reading);
            let texture = state.thumbnails.get(&done.reading.sha256).cloned();
            if texture.is_none() && state.loading.insert(done.reading.sha256.clone()) {
                actions.push(DocumentAction::LoadThumbnail(done.reading.sha256.clone()).into());
            }
            results_ui(ui, draft, item, done, &found, texture.as_ref(), actions);
        }
        _ => {}
    }
}

fn results_ui(
    ui: &mut Ui,
    draft: &Draft,
    item: FieldKey,
    done: &mut Done,
    found: &[FieldProposal],
    texture: Option<&egui::TextureHandle>,
    actions: &mut Vec<Action>,
) {
    let shown: Vec<&FieldProposal> = found
        .iter()
        .filter(|p| !done.dismissed.contains(&p.field))
        .collect();
    ui.add_space(4.0);
    ui.label(
        RichText::new(tf(
            ui,
            "reading.heading",
            &[("millis", &done.reading.millis.to_string())],
        ))
        .strong(),
    );
    if found.is_empty() {
        ui.label(
            RichText::new(t(ui, "reading.none"))
                .color(theme::severity_color(ui, Severity::Warning))
                .small(),
        );
    }
    for rejected in &done.reading.reading.rejected {
        ui.label(
            RichText::new(tf(ui, "reading.rejected", &[("read", &rejected.read)]))
                .color(theme::weak_color(ui))
                .small(),
        );
    }
    let other = other_person(found);
    if let Some(other) = &other {
        other_person_ui(ui, item, other, &shown, actions);
    }
    let mut hovered = None;
    ui.horizontal_top(|ui| {
        if let Some(texture) = texture
            && !shown.is_empty()
        {
            region_picture(ui, done, &shown, texture);
        }
        ui.vertical(|ui| {
            for p in &shown {
                let row = ui.scope(|ui| {
                    if other.is_some() {
                        value_ui(ui, p);
                    } else {
                        proposal_ui(ui, draft, p, &mut done.dismissed, actions);
                    }
                });
                if row.response.contains_pointer() {
                    hovered = Some(p.field);
                }
            }
        });
    });
    done.hovered = hovered;
}

/// The document's picture with the lines each value was read from outlined.
fn region_picture(
    ui: &mut Ui,
    done: &Done,
    shown: &[&FieldProposal],
    texture: &egui::TextureHandle,
) {
    let fields: Vec<String> = shown.iter().map(|p| p.field.label(ui.locale())).collect();
    let name = tf(
        ui,
        "reading.region",
        &[("fields", &crate::i18n::list(ui.locale(), &fields))],
    );
    let image = egui::Image::from_texture(texture).max_size(PICTURE);
    let response = ui.add(image);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &name));
    let rect = response.rect;
    let [w, h] = done.reading.page.size;
    if w == 0 || h == 0 {
        return;
    }
    let to_screen = |p: [f32; 2]| {
        rect.min
            + egui::vec2(
                p[0] / w as f32 * rect.width(),
                p[1] / h as f32 * rect.height(),
            )
    };
    let accent = theme::severity_color(ui, Severity::Notice);
    let painter = ui.painter_at(rect);
    for p in shown {
        let strong = done.hovered == Some(p.field);
        for line in p
            .lines
            .iter()
            .filter_map(|i| done.reading.page.lines.get(*i))
        {
            let points: Vec<egui::Pos2> = line.quad.iter().map(|c| to_screen(*c)).collect();
            let fill = if strong {
                accent.gamma_multiply(0.35)
            } else {
                Color32::TRANSPARENT
            };
            let width = if strong { 2.5 } else { 1.5 };
            painter.add(egui::Shape::convex_polygon(
                points,
                fill,
                Stroke::new(width, accent),
            ));
        }
    }
}

/// Another person's document: whose it is, and the two ways on (nothing was filled).
fn other_person_ui(
    ui: &mut Ui,
    item: FieldKey,
    other: &OtherPerson,
    shown: &[&FieldProposal],
    actions: &mut Vec<Action>,
) {
    theme::banner_frame(ui, Severity::Warning).show(ui, |ui| {
        let name = other
            .name
            .clone()
            .unwrap_or_else(|| t(ui, "reading.other.unnamed").into_owned());
        ui.add(
            egui::Label::new(
                RichText::new(tf(
                    ui,
                    "reading.other",
                    &[
                        ("name", &name),
                        ("read", &other.read),
                        ("entered", &other.entered),
                    ],
                ))
                .color(theme::severity_color(ui, Severity::Warning)),
            )
            .wrap(),
        );
        ui.horizontal_wrapped(|ui| {
            if ui.button(t(ui, "reading.other.use")).clicked() {
                for p in shown {
                    actions.push(
                        Edit::AcceptReading {
                            field: p.field,
                            value: p.value.clone(),
                        }
                        .into(),
                    );
                }
            }
            let text = t(ui, "reading.other.wrong");
            if crate::widgets::danger_button(ui, &text, &text).clicked() {
                actions.push(Action::Remove(crate::action::Removal::Attachment(item)));
            }
        });
    });
}

/// A value read, with the field it would fill.
fn value_ui(ui: &mut Ui, p: &FieldProposal) {
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!("{}:", p.field.label(ui.locale()))).color(theme::weak_color(ui)),
        );
        ui.label(RichText::new(p.value.shown()).strong());
    });
}

fn proposal_ui(
    ui: &mut Ui,
    draft: &Draft,
    p: &FieldProposal,
    dismissed: &mut HashSet<FieldKey>,
    actions: &mut Vec<Action>,
) {
    let label = p.field.label(ui.locale());
    value_ui(ui, p);
    if let Some(s) = p.substitution {
        ui.label(
            RichText::new(tf(
                ui,
                "reading.changed",
                &[
                    ("position", &s.position.to_string()),
                    ("read", &s.read.to_string()),
                    ("proposed", &s.proposed.to_string()),
                ],
            ))
            .small()
            .color(theme::severity_color(ui, Severity::Warning)),
        );
    }
    let marked = read_fill::unconfirmed(draft).any(|m| m.field == p.field);
    ui.horizontal_wrapped(|ui| match p.state() {
        ProposalState::Same if marked => {
            ui.label(
                RichText::new(t(ui, "reading.filled"))
                    .small()
                    .color(theme::severity_color(ui, Severity::Warning)),
            );
            let name = tf(ui, "reading.confirm.named", &[("field", &label)]);
            if crate::widgets::named_button(ui, &t(ui, "reading.confirm"), &name).clicked() {
                actions.push(Edit::ConfirmReading(p.field).into());
            }
        }
        ProposalState::Same => {
            ui.label(
                RichText::new(t(ui, "reading.same"))
                    .small()
                    .color(theme::status_color(ui, crate::rules::StepStatus::Complete)),
            );
        }
        ProposalState::Empty | ProposalState::Different => {
            if p.state() == ProposalState::Different {
                ui.label(
                    RichText::new(tf(ui, "reading.different", &[("current", &p.current)])).small(),
                );
            }
            let name = tf(ui, "reading.use.named", &[("field", &label)]);
            if crate::widgets::named_button(ui, &t(ui, "reading.use"), &name).clicked() {
                actions.push(
                    Edit::AcceptReading {
                        field: p.field,
                        value: p.value.clone(),
                    }
                    .into(),
                );
            }
            let name = tf(ui, "reading.dismiss.named", &[("field", &label)]);
            if crate::widgets::named_button(ui, &t(ui, "reading.dismiss"), &name).clicked() {
                dismissed.insert(p.field);
            }
        }
    });
}
