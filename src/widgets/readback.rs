//! A filing read back read-only: its sections as label–value rows and its files as
//! thumbnail cards. The review step draws it with the report (each value marked where it
//! has a problem, with a button to its field); the received-bundle screen without.

use std::collections::{HashMap, HashSet};

use egui::{RichText, Ui};

use crate::action::Action;
use crate::i18n::Locale;
use crate::lang::{Lang as _, t, tf};
use crate::model::FieldKey;
use crate::model::readback::Section;
use crate::rules::{Report, Severity};
use crate::theme;

/// The pictures made so far, by content hash, and those being made.
pub struct Pictures<'a> {
    /// Thumbnails by content hash.
    pub thumbnails: &'a HashMap<String, egui::TextureHandle>,
    /// Hashes whose thumbnail is being made.
    pub loading: &'a HashSet<String>,
    /// Hashes that have no picture (a PDF that could not be drawn).
    pub no_picture: Option<&'a HashSet<String>>,
}

/// One file card.
pub struct FileCard {
    /// What it is (the checklist item, the face photo).
    pub title: String,
    /// The content shown, if a file is there.
    pub sha256: Option<String>,
    /// Below the picture: the original name, the size.
    pub caption: String,
    /// The field it fills (for marks and the jump).
    pub field: Option<FieldKey>,
    /// Whether the filing needs it (an optional item without a file is no problem).
    pub required: bool,
}

/// A field's name with its website's number when it belongs to one.
pub fn place(locale: Locale, field: FieldKey) -> String {
    match field.website() {
        Some(i)
            if !matches!(
                field.field,
                crate::model::Field::Document(_) | crate::model::Field::FacePhoto
            ) =>
        {
            tf(
                &locale,
                "review.in_website",
                &[("n", &(i + 1).to_string()), ("field", &field.label(locale))],
            )
        }
        _ => field.label(locale),
    }
}

/// The worst issue of `fields` in `report`, as a short mark with every message on hover.
fn mark_ui(ui: &mut Ui, report: &Report, fields: &[FieldKey]) {
    let issues: Vec<_> = fields.iter().flat_map(|f| report.for_field(*f)).collect();
    let Some(worst) = issues.iter().map(|i| i.severity).max_by_key(|s| match s {
        Severity::Error => 2,
        Severity::Warning => 1,
        Severity::Notice => 0,
    }) else {
        return;
    };
    let key = if issues.iter().all(|i| i.is_missing()) {
        "readback.mark.missing"
    } else {
        match worst {
            Severity::Error => "readback.mark.error",
            Severity::Warning => "readback.mark.warning",
            Severity::Notice => "readback.mark.notice",
        }
    };
    let messages: Vec<String> = issues.iter().map(|i| i.message(ui.locale())).collect();
    ui.label(
        RichText::new(t(ui, key))
            .small()
            .strong()
            .color(theme::severity_color(ui, worst)),
    )
    .on_hover_text(messages.join("\n"));
}

/// The sections as rows of label, value and (with a report) the edit button and mark:
/// labels in one column across every section, values wrapping at the column's width
/// (never squeezed to a few characters), the buttons in one column. With a report, each
/// value is marked where it has an issue and has a button to its field.
pub fn sections_ui(
    ui: &mut Ui,
    id: &str,
    sections: &[Section],
    report: Option<&Report>,
    actions: &mut Vec<Action>,
) {
    let columns = Columns::measure(ui, sections, report.is_some());
    for (n, section) in sections.iter().enumerate() {
        ui.add_space(theme::SECTION_GAP);
        ui.label(RichText::new(&section.title).heading());
        ui.separator();
        ui.push_id((id, n), |ui| {
            for (i, row) in section.rows.iter().enumerate() {
                row_ui(ui, &columns, i, row, report, actions);
            }
        });
    }
}

/// The widths of the read-back's columns, the same for every section.
struct Columns {
    label: f32,
    value: f32,
    actions: f32,
}

impl Columns {
    /// The label column fits the longest label (within limits); the value column takes
    /// what is left of a readable width.
    fn measure(ui: &Ui, sections: &[Section], with_actions: bool) -> Columns {
        let font = egui::TextStyle::Body.resolve(ui.style());
        let widest = sections
            .iter()
            .flat_map(|s| &s.rows)
            .map(|row| {
                ui.fonts_mut(|f| {
                    f.layout_no_wrap(row.label.clone(), font.clone(), egui::Color32::WHITE)
                        .size()
                        .x
                })
            })
            .fold(0.0_f32, f32::max);
        let label = widest.clamp(READBACK_LABEL_MIN, READBACK_LABEL_MAX);
        let actions = if with_actions { READBACK_ACTIONS } else { 0.0 };
        let gaps = ui.spacing().item_spacing.x * 2.0 + 16.0;
        let width = ui.available_width().min(theme::READABLE_WIDTH);
        let value = (width - label - actions - gaps).max(READBACK_VALUE_MIN);
        Columns {
            label,
            value,
            actions,
        }
    }
}

/// The narrowest and widest label column.
const READBACK_LABEL_MIN: f32 = 120.0;
const READBACK_LABEL_MAX: f32 = 260.0;
/// The narrowest value column.
const READBACK_VALUE_MIN: f32 = 220.0;
/// The column of the edit button and the mark.
const READBACK_ACTIONS: f32 = 150.0;

fn row_ui(
    ui: &mut Ui,
    columns: &Columns,
    index: usize,
    row: &crate::model::readback::Row,
    report: Option<&Report>,
    actions: &mut Vec<Action>,
) {
    let top = ui.cursor().min;
    // A place behind the row for its band, filled once the row's height is known.
    let band = ui.painter().add(egui::Shape::Noop);
    let response = ui.horizontal_top(|ui| {
        ui.add_space(4.0);
        ui.allocate_ui_with_layout(
            egui::vec2(columns.label, 0.0),
            egui::Layout::top_down(egui::Align::Min),
            |ui| {
                ui.set_width(columns.label);
                ui.add(
                    egui::Label::new(RichText::new(&row.label).color(theme::weak_color(ui))).wrap(),
                );
            },
        );
        ui.add_space(12.0);
        ui.allocate_ui_with_layout(
            egui::vec2(columns.value, 0.0),
            egui::Layout::top_down(egui::Align::Min),
            |ui| {
                ui.set_width(columns.value);
                if row.value.is_empty() {
                    ui.label(RichText::new(t(ui, "readback.empty")).color(theme::weak_color(ui)));
                } else {
                    ui.add(egui::Label::new(&row.value).selectable(true).wrap());
                }
            },
        );
        if let Some(report) = report {
            ui.allocate_ui_with_layout(
                egui::vec2(columns.actions, 0.0),
                egui::Layout::left_to_right(egui::Align::Min),
                |ui| {
                    ui.set_width(columns.actions);
                    if let Some(first) = row.fields.first() {
                        jump_ui(ui, *first, actions);
                    }
                    mark_ui(ui, report, &row.fields);
                },
            );
        }
    });
    // Every other row on a faint band, as a striped table.
    if index % 2 == 1 {
        let rect = egui::Rect::from_min_max(
            top,
            egui::pos2(
                top.x + response.response.rect.width(),
                response.response.rect.bottom(),
            ),
        )
        .expand2(egui::vec2(0.0, 2.0));
        ui.painter().set(
            band,
            egui::Shape::rect_filled(rect, 2.0, ui.visuals().faint_bg_color),
        );
    }
    ui.add_space(4.0);
}

fn jump_ui(ui: &mut Ui, field: FieldKey, actions: &mut Vec<Action>) {
    if super::named_button(
        ui,
        &t(ui, "readback.edit"),
        &tf(
            ui,
            "readback.edit_named",
            &[("field", &place(ui.locale(), field))],
        ),
    )
    .clicked()
    {
        actions.push(Action::GoTo(field));
    }
}

/// The files as cards with their thumbnails; `load` asks for a missing thumbnail. With a
/// report, a card is marked where its item has an issue and has a button to its item.
pub fn files_ui(
    ui: &mut Ui,
    cards: &[FileCard],
    pictures: &Pictures<'_>,
    report: Option<&Report>,
    load: &dyn Fn(String) -> Action,
    actions: &mut Vec<Action>,
) {
    // Rows of as many cards as fit the width (a wrapping layout does not wrap frames):
    // every document and photo stays in view at any window size.
    let spacing = ui.spacing().item_spacing.x;
    let margin = theme::CARD_MARGIN.sum().x + 2.0;
    let per_row = ((ui.available_width() + spacing) / (CARD_WIDTH + margin + spacing))
        .floor()
        .max(1.0) as usize;
    for row in cards.chunks(per_row) {
        ui.horizontal_top(|ui| {
            for card in row {
                card_ui(ui, card, pictures, report, load, actions);
            }
        });
    }
}

/// The width of a file card's content.
const CARD_WIDTH: f32 = 200.0;

fn card_ui(
    ui: &mut Ui,
    card: &FileCard,
    pictures: &Pictures<'_>,
    report: Option<&Report>,
    load: &dyn Fn(String) -> Action,
    actions: &mut Vec<Action>,
) {
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(CARD_WIDTH);
        ui.vertical(|ui| {
            ui.label(RichText::new(&card.title).strong());
            match &card.sha256 {
                None if card.required => {
                    ui.label(
                        RichText::new(t(ui, "readback.no_file"))
                            .color(theme::severity_color(ui, Severity::Error)),
                    );
                }
                None => {
                    ui.label(
                        RichText::new(t(ui, "readback.no_file_optional"))
                            .color(theme::weak_color(ui)),
                    );
                }
                Some(sha) => match pictures.thumbnails.get(sha) {
                    Some(texture) => {
                        ui.add(
                            egui::Image::new(texture)
                                .max_size(egui::vec2(180.0, 140.0))
                                .alt_text(card.title.clone()),
                        );
                    }
                    None if pictures.no_picture.is_some_and(|s| s.contains(sha)) => {}
                    None => {
                        if !pictures.loading.contains(sha) {
                            actions.push(load(sha.clone()));
                        }
                        ui.spinner();
                    }
                },
            }
            if !card.caption.is_empty() {
                ui.label(
                    RichText::new(&card.caption)
                        .small()
                        .color(theme::weak_color(ui)),
                );
            }
            if let (Some(report), Some(field)) = (report, card.field) {
                ui.horizontal(|ui| {
                    jump_ui(ui, field, actions);
                    mark_ui(ui, report, &[field]);
                });
            }
        });
    });
}
