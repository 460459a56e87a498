//! Reusable pieces of the user interface: form rows, the step list, the navigation bar.

pub mod about;
pub mod file_picker;
mod file_rows;
pub mod form;
pub mod nav;
pub mod readback;
pub mod step_list;

pub use form::Form;

/// A button that shows the short `text` and tells screen readers (and tests, which find
/// widgets the same way) the longer `name` that says what it acts on, e.g. it shows
/// "替换文件" and is announced as "替换文件：主体证件".
pub fn named_button(ui: &mut egui::Ui, text: &str, name: &str) -> egui::Response {
    let response = ui.button(text);
    let enabled = ui.is_enabled();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, name));
    response
}

/// A destructive button (delete, remove, discard): red text, the same everywhere. `name`
/// is what screen readers announce (and tests look up); it may be longer than `text`.
pub fn danger_button(ui: &mut egui::Ui, text: &str, name: &str) -> egui::Response {
    let response = ui.button(egui::RichText::new(text).color(crate::theme::danger_color(ui)));
    let enabled = ui.is_enabled();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, name));
    response
}
