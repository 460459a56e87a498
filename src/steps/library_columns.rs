//! The columns of the start screen's list of filings: their widths (shared with the
//! rows, resizable by dragging the borders between the headings), the headings that sort,
//! and the cells.

use egui::{RichText, Ui};

use crate::lang::{Lang as _, t, tf};
use crate::model::index::{ListView, SortKey};
use crate::theme;

/// The height of a row of the list.
pub(super) const ROW_HEIGHT: f32 = 26.0;

/// The data columns, each with its share of the width left beside the actions and its
/// narrowest width.
const COLUMNS: [(SortKey, f32, f32); 6] = [
    (SortKey::Name, 0.25, 120.0),
    (SortKey::Domain, 0.18, 90.0),
    (SortKey::Procedure, 0.18, 90.0),
    (SortKey::State, 0.15, 90.0),
    (SortKey::Updated, 0.14, 110.0),
    (SortKey::Progress, 0.10, 70.0),
];

/// The widths of the list's columns for the width available: the actions keep the room
/// their buttons need at the right; the data columns share the rest.
pub(super) struct Widths {
    pub(super) columns: [f32; 6],
}

impl Widths {
    pub(super) fn measure(ui: &Ui, shares: Option<[f32; 6]>) -> Widths {
        let font = egui::TextStyle::Button.resolve(ui.style());
        let text_width = |key: &str| {
            // The text is made before the fonts are locked: it reads the window's state.
            let text = t(ui, key).into_owned();
            ui.fonts_mut(|f| {
                f.layout_no_wrap(text, font.clone(), egui::Color32::WHITE)
                    .size()
                    .x
            })
        };
        let padding = ui.spacing().button_padding.x * 2.0 + ui.spacing().item_spacing.x;
        let actions = [
            "start.row.new_website",
            "start.row.unarchive",
            "start.row.delete",
        ]
        .iter()
        .map(|k| text_width(k) + padding)
        .sum::<f32>()
            + 8.0;
        let spacing = ui.spacing().item_spacing.x * COLUMNS.len() as f32;
        let data = (ui.available_width() - actions - spacing).max(0.0);
        let minimum: f32 = COLUMNS.iter().map(|c| c.2).sum();
        let mut columns = COLUMNS.map(|(_, share, min)| {
            if data <= minimum {
                min
            } else {
                min + (data - minimum) * share
            }
        });
        if let Some(shares) = shares
            && data > minimum
        {
            for ((column, share), (_, _, min)) in columns.iter_mut().zip(shares).zip(COLUMNS) {
                *column = (data * share).max(min);
            }
        }
        Widths { columns }
    }

    /// The shares of the data width the columns take, after the border right of column
    /// `i` was dragged `dx` to the right: column `i` grows (or shrinks) and the columns to
    /// its right give (or take) the room, the nearest first; none goes below its least
    /// width.
    fn dragged(&self, i: usize, dx: f32) -> Option<[f32; 6]> {
        let mut columns = self.columns;
        let mins = COLUMNS.map(|c| c.2);
        let left = *columns.get(i)?;
        let left_min = *mins.get(i)?;
        // What the columns to the right can give.
        let slack: f32 = columns
            .iter()
            .zip(mins)
            .skip(i + 1)
            .map(|(c, m)| (c - m).max(0.0))
            .sum();
        let dx = dx.clamp(left_min - left, slack);
        *columns.get_mut(i)? += dx;
        if dx >= 0.0 {
            let mut owed = dx;
            for (column, min) in columns.iter_mut().zip(mins).skip(i + 1) {
                let give = owed.min((*column - min).max(0.0));
                *column -= give;
                owed -= give;
            }
        } else {
            *columns.get_mut(i + 1)? -= dx;
        }
        let total: f32 = columns.iter().sum::<f32>().max(1.0);
        Some(columns.map(|c| c / total))
    }
}

/// The column headings; clicking one sorts by it, clicking it again reverses the order.
/// The headings (a click sorts by the column, a second reverses) and the borders
/// between them; returns whether the order changed.
pub(super) fn header_ui(
    ui: &mut Ui,
    view: &mut ListView,
    shares: &mut Option<[f32; 6]>,
    widths: &Widths,
) -> bool {
    let mut sorted = false;
    let header = ui.horizontal(|ui| {
        for ((key, _, _), width) in COLUMNS.into_iter().zip(widths.columns) {
            let mark = match (view.sort == key, view.reversed) {
                (true, false) => " ▼",
                (true, true) => " ▲",
                (false, _) => "",
            };
            let text = format!("{}{mark}", key.label(ui.locale()));
            let name = tf(ui, "start.sort_by", &[("column", &key.label(ui.locale()))]);
            let button = egui::Button::new(RichText::new(text).strong()).frame(false);
            let response = left_aligned(ui, width, |ui| ui.add(button));
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
            if response.clicked() {
                if view.sort == key {
                    view.reversed = !view.reversed;
                } else {
                    view.sort = key;
                    view.reversed = false;
                }
                sorted = true;
            }
        }
    });
    resize_handles_ui(ui, shares, widths, header.response.rect);
    sorted
}

/// Borders between the header's columns that can be dragged to widen one column at the
/// expense of those to its right (the cursor shows it); a double click, or the border's
/// context menu, goes back to the default widths.
fn resize_handles_ui(
    ui: &mut Ui,
    shares: &mut Option<[f32; 6]>,
    widths: &Widths,
    header: egui::Rect,
) {
    let gap = ui.spacing().item_spacing.x;
    let mut x = header.left();
    for i in 0..COLUMNS.len() - 1 {
        let Some(&width) = widths.columns.get(i) else {
            break;
        };
        x += width + gap / 2.0;
        let rect = egui::Rect::from_center_size(
            egui::pos2(x, header.center().y),
            egui::vec2(8.0, header.height()),
        );
        x += gap / 2.0;
        let response = ui.interact(
            rect,
            ui.make_persistent_id(("library-column-border", i)),
            egui::Sense::click_and_drag(),
        );
        let name = COLUMNS
            .get(i)
            .map(|(key, _, _)| {
                tf(
                    ui,
                    "start.resize_column",
                    &[("column", &key.label(ui.locale()))],
                )
            })
            .unwrap_or_default();
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Splitter, true, &name));
        let response = response.on_hover_cursor(egui::CursorIcon::ResizeColumn);
        if response.hovered() || response.dragged() {
            ui.painter().vline(
                rect.center().x,
                rect.y_range(),
                ui.visuals().widgets.hovered.fg_stroke,
            );
        }
        response.context_menu(|ui| {
            if ui.button(t(ui, "start.reset_columns")).clicked() {
                *shares = None;
                ui.close();
            }
        });
        if response.double_clicked() {
            *shares = None;
        } else if response.dragged()
            && let Some(pointer) = response.interact_pointer_pos()
            && let Some(dragged) = widths.dragged(i, pointer.x - rect.center().x)
        {
            *shares = Some(dragged);
        }
    }
}

pub(super) fn cell(ui: &mut Ui, width: f32, text: &str) {
    left_aligned(ui, width, |ui| {
        ui.add(egui::Label::new(RichText::new(text).color(theme::weak_color(ui))).truncate())
    });
}

/// A column `width` wide whose content starts at its left edge (as a table's cells do).
pub(super) fn left_aligned<R>(ui: &mut Ui, width: f32, add: impl FnOnce(&mut Ui) -> R) -> R {
    ui.allocate_ui_with_layout(
        egui::vec2(width, ROW_HEIGHT - 4.0),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_width(width);
            add(ui)
        },
    )
    .inner
}
