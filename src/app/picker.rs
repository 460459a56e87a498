//! beian's own file picker in the app: a question queued by the file dialog (the system
//! has none) opens it, [`PickerAction`]s move it between folders and answer the question
//! on its channel, so the code that asked waits exactly as for the system dialog.

use super::*;
use crate::action::PickerAction;
use crate::widgets::file_picker::{self, FilePicker};

impl BeianApp {
    /// Opens the picker for the next queued question and draws it while open.
    pub(super) fn picker_ui(&mut self, ctx: &egui::Context) -> Vec<Action> {
        if self.ui.picker.is_none()
            && let Some(request) = self.services.dialog.take_in_app_request()
        {
            let drafts = self.services.data.drafts_dir();
            let start =
                crate::services::picker::start_folder(self.ui.picker_dir.as_deref(), &drafts);
            let places = crate::services::picker::quick_places(&drafts);
            self.ui.picker = Some(FilePicker::new(request, start, places, ctx));
        }
        match &mut self.ui.picker {
            Some(picker) => file_picker::ui(ctx, picker),
            None => Vec::new(),
        }
    }

    pub(super) fn apply_picker(&mut self, action: PickerAction, ctx: &egui::Context) {
        let Some(picker) = &mut self.ui.picker else {
            return;
        };
        match action {
            PickerAction::Open(dir) => picker.open_dir(dir, ctx),
            PickerAction::Up => {
                if let Some(up) = crate::services::picker::parent(picker.dir()) {
                    picker.open_dir(up, ctx);
                }
            }
            PickerAction::Choose(paths) => self.close_picker(paths, ctx),
            PickerAction::Cancel => self.close_picker(Vec::new(), ctx),
        }
    }

    /// Answers the question (no paths: cancelled) and closes the picker.
    fn close_picker(&mut self, paths: Vec<PathBuf>, ctx: &egui::Context) {
        if let Some(mut picker) = self.ui.picker.take() {
            self.ui.picker_dir = Some(picker.dir().to_path_buf());
            if let Some(reply) = picker.take_reply() {
                reply.send(paths);
            }
        }
        ctx.request_repaint();
    }
}
