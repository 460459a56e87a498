//! The file picker's keyboard: ↑/↓, Page Up/Down, Home/End move the cursor, Enter opens a
//! folder or picks a file, Backspace goes up, Esc cancels (or closes the question whether
//! to replace a file).

use egui::{Key, Ui};

use super::FilePicker;
use crate::action::PickerAction;

/// ↑/↓, Page Up/Down, Home/End, Enter, Backspace (when no text field has the keyboard)
/// and Esc.
pub(super) fn keyboard(ui: &Ui, picker: &mut FilePicker, actions: &mut Vec<PickerAction>) {
    if ui.input(|i| i.key_pressed(Key::Escape)) {
        if picker.confirm_overwrite.is_some() {
            picker.confirm_overwrite = None;
        } else {
            actions.push(PickerAction::Cancel);
        }
        return;
    }
    if ui.ctx().egui_wants_keyboard_input() {
        return;
    }
    let page = (picker.view_height / ui.spacing().interact_size.y).max(1.0) as isize;
    let (delta, enter, back) = ui.input(|i| {
        let mut delta = 0isize;
        for (key, by) in [
            (Key::ArrowDown, 1),
            (Key::ArrowUp, -1),
            (Key::PageDown, page),
            (Key::PageUp, -page),
            (Key::End, isize::MAX / 2),
            (Key::Home, isize::MIN / 2),
        ] {
            if i.key_pressed(key) {
                delta = delta.saturating_add(by);
            }
        }
        (
            delta,
            i.key_pressed(Key::Enter),
            i.key_pressed(Key::Backspace),
        )
    });
    if delta != 0 {
        picker.move_cursor(delta);
    }
    if enter
        && actions.is_empty()
        && let Some(row) = picker.cursor
    {
        actions.extend(picker.activate(row));
    }
    if back {
        actions.push(PickerAction::Up);
    }
}
