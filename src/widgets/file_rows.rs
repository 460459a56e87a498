//! The rows of beian's own file picker: a header over the columns, and each entry drawn
//! as its icon (a painted folder or page, no emoji glyphs needed), its name, and for a
//! file its size and when it last changed; named for screen readers by its name.

use egui::Ui;

use crate::lang::{Lang as _, t};
use crate::store::file_choice as picker;
use crate::theme;

/// The names of the list's columns, over them.
pub(super) fn header_ui(ui: &mut Ui) {
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(
            ui.available_width(),
            ui.text_style_height(&egui::TextStyle::Small) + 4.0,
        ),
        egui::Sense::hover(),
    );
    let small = egui::TextStyle::Small.resolve(ui.style());
    let weak = theme::weak_color(ui);
    let date_left = rect.right() - DATE_WIDTH;
    let painter = ui.painter();
    for (x, align, key) in [
        (
            rect.left() + 30.0,
            egui::Align2::LEFT_CENTER,
            "picker.column.name",
        ),
        (
            date_left - 12.0,
            egui::Align2::RIGHT_CENTER,
            "picker.column.size",
        ),
        (
            date_left,
            egui::Align2::LEFT_CENTER,
            "picker.column.modified",
        ),
    ] {
        painter.text(
            egui::pos2(x, rect.center().y),
            align,
            t(ui, key),
            small.clone(),
            weak,
        );
    }
}

/// The width of the size and the date columns.
const SIZE_WIDTH: f32 = 90.0;
const DATE_WIDTH: f32 = 140.0;

/// One entry of the list: its icon, its name, and for a file its size and when it was
/// last changed. Named for screen readers (and tests) by its name, a folder's with "/".
pub(super) fn row_ui(
    ui: &mut Ui,
    entry: &picker::Entry,
    selected: bool,
    height: f32,
) -> egui::Response {
    let label = if entry.is_dir {
        format!("{}/", entry.name)
    } else {
        entry.name.clone()
    };
    let (rect, response) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), height),
        egui::Sense::click(),
    );
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::Button, ui.is_enabled(), selected, &label)
    });
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let visuals = ui.style().interact_selectable(&response, selected);
    let painter = ui.painter();
    if selected || response.hovered() || response.has_focus() {
        painter.rect_filled(rect, 3.0, visuals.weak_bg_fill);
    }
    let icon = egui::Rect::from_center_size(
        egui::pos2(rect.left() + 14.0, rect.center().y),
        egui::vec2(16.0, 16.0),
    );
    paint_icon(ui, icon, icon_kind(entry));
    let font = egui::TextStyle::Body.resolve(ui.style());
    let small = egui::TextStyle::Small.resolve(ui.style());
    let text_colour = visuals.text_color();
    let weak = theme::weak_color(ui);
    let date_left = rect.right() - DATE_WIDTH;
    let size_right = date_left - 12.0;
    let name_rect = egui::Rect::from_min_max(
        egui::pos2(icon.right() + 8.0, rect.top()),
        egui::pos2(size_right - SIZE_WIDTH, rect.bottom()),
    );
    painter.with_clip_rect(name_rect).text(
        egui::pos2(name_rect.left(), rect.center().y),
        egui::Align2::LEFT_CENTER,
        &entry.name,
        font,
        text_colour,
    );
    if let Some(size) = entry.size {
        painter.text(
            egui::pos2(size_right, rect.center().y),
            egui::Align2::RIGHT_CENTER,
            crate::i18n::size(ui.locale(), size),
            small.clone(),
            weak,
        );
    }
    if let Some(modified) = entry.modified {
        let local = chrono::DateTime::<chrono::Local>::from(modified);
        painter.text(
            egui::pos2(date_left, rect.center().y),
            egui::Align2::LEFT_CENTER,
            local.format("%Y-%m-%d %H:%M").to_string(),
            small,
            weak,
        );
    }
    response
}

pub(super) fn icon_kind(entry: &picker::Entry) -> theme::IconKind {
    if entry.is_dir {
        return theme::IconKind::Folder;
    }
    let ext = std::path::Path::new(&entry.name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "jpg" | "jpeg" | "png" | "webp" | "bmp" | "gif" | "tif" | "tiff" | "heic" => {
            theme::IconKind::Image
        }
        "pdf" => theme::IconKind::Pdf,
        "ron" | "zip" | "beian" => theme::IconKind::Draft,
        _ => theme::IconKind::Other,
    }
}

/// A folder (a tab over a body) or a page (outlined, with a band of its kind's colour).
fn paint_icon(ui: &Ui, rect: egui::Rect, kind: theme::IconKind) {
    let painter = ui.painter();
    let colour = theme::icon_color(ui, kind);
    if kind == theme::IconKind::Folder {
        let tab = egui::Rect::from_min_size(rect.min + egui::vec2(0.0, 1.0), egui::vec2(7.0, 4.0));
        painter.rect_filled(tab, 1.0, colour);
        let body = egui::Rect::from_min_max(
            rect.min + egui::vec2(0.0, 3.0),
            rect.max - egui::vec2(0.0, 1.0),
        );
        painter.rect_filled(body, 2.0, colour);
        return;
    }
    let page = rect.shrink2(egui::vec2(2.5, 0.5));
    painter.rect_filled(page, 1.5, theme::page_fill(ui));
    painter.rect_stroke(
        page,
        1.5,
        egui::Stroke::new(1.0, theme::weak_color(ui)),
        egui::StrokeKind::Inside,
    );
    let band = egui::Rect::from_min_max(
        egui::pos2(page.left() + 2.0, page.bottom() - 6.0),
        egui::pos2(page.right() - 2.0, page.bottom() - 2.0),
    );
    painter.rect_filled(band, 1.0, colour);
}
