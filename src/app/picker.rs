//! beian's own file picker in the app: a question queued by the file dialog (the system
//! has none) opens it, [`PickerAction`]s move it between folders (listed on a thread)
//! and answer the question on its channel, so the code that asked waits exactly as for
//! the system dialog.

use super::*;
use crate::action::PickerAction;
use crate::services::in_app_dialog::PickerReply;
use crate::widgets::file_picker::{self, FilePicker};

/// The open picker and where its answer goes.
#[derive(Debug)]
pub struct PickerSession {
    /// The picker's view state.
    pub picker: FilePicker,
    reply: PickerReply,
    /// The file whose preview is shown or being made, and the channel it comes on.
    preview: Option<(PathBuf, Option<PreviewReceiver>)>,
}

type PreviewReceiver = std::sync::mpsc::Receiver<Option<crate::services::documents::Picture>>;

/// The longest side of the picker's preview picture, in pixels.
const PREVIEW_PIXELS: u32 = 400;

impl PickerSession {
    /// Starts making the preview of the file now selected (if it changed) and takes the
    /// picture when it is ready.
    fn update_preview(&mut self, ctx: &egui::Context) {
        let wanted = self.picker.preview_wanted();
        if wanted.as_ref() != self.preview.as_ref().map(|(p, _)| p) {
            self.picker.preview = None;
            self.preview = wanted.map(|path| {
                let ctx = ctx.clone();
                let rx = crate::services::picker::spawn_preview(
                    path.clone(),
                    PREVIEW_PIXELS,
                    move || ctx.request_repaint(),
                );
                (path, Some(rx))
            });
        }
        let Some((_, slot)) = &mut self.preview else {
            return;
        };
        let Some(rx) = slot else {
            return;
        };
        match rx.try_recv() {
            Ok(picture) => {
                *slot = None;
                self.picker.preview = picture.map(|p| {
                    let image = egui::ColorImage::from_rgba_unmultiplied(p.size, &p.rgba);
                    ctx.load_texture("picker-preview", image, egui::TextureOptions::LINEAR)
                });
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
            Err(std::sync::mpsc::TryRecvError::Disconnected) => *slot = None,
        }
    }
}

fn list(dir: &Path, ctx: &egui::Context) -> crate::services::picker::Listed {
    let ctx = ctx.clone();
    crate::services::picker::spawn_list(dir.to_path_buf(), move || ctx.request_repaint())
}

impl BeianApp {
    /// Opens the picker for the next queued question and draws it while open.
    pub(super) fn picker_ui(&mut self, ctx: &egui::Context) -> Vec<Action> {
        if self.ui.picker.is_none()
            && let Some(request) = self.services.dialog.take_in_app_request()
        {
            let drafts = self.services.data.drafts_dir();
            // Each kind of question starts where the last one of its kind ended: drafts
            // in the drafts' folder, photos where the photos are.
            let last = self.ui.picker_dirs.get(request.spec.title_key);
            let start =
                crate::store::file_choice::start_folder(last.map(PathBuf::as_path), &drafts);
            let places = crate::store::file_choice::quick_places(&drafts);
            let listing = list(&start, ctx);
            self.ui.picker = Some(PickerSession {
                picker: FilePicker::new(request.spec, request.first_use, places, start, listing),
                reply: request.reply,
                preview: None,
            });
        }
        match &mut self.ui.picker {
            Some(session) => {
                session.update_preview(ctx);
                file_picker::ui(ctx, &mut session.picker)
            }
            None => Vec::new(),
        }
    }

    pub(super) fn apply_picker(&mut self, action: PickerAction, ctx: &egui::Context) {
        let Some(session) = &mut self.ui.picker else {
            return;
        };
        let picker = &mut session.picker;
        match action {
            PickerAction::Open(dir) => {
                let listing = list(&dir, ctx);
                picker.open_dir(dir, listing);
            }
            PickerAction::Up => {
                if let Some(up) = crate::store::file_choice::parent(picker.dir()) {
                    let listing = list(&up, ctx);
                    picker.open_dir(up, listing);
                }
            }
            PickerAction::Choose(paths) => self.close_picker(paths, ctx),
            PickerAction::Cancel => self.close_picker(Vec::new(), ctx),
        }
    }

    /// Answers the question (no paths: cancelled) and closes the picker.
    fn close_picker(&mut self, paths: Vec<PathBuf>, ctx: &egui::Context) {
        if let Some(session) = self.ui.picker.take() {
            self.ui.picker_dirs.insert(
                session.picker.spec().title_key,
                session.picker.dir().to_path_buf(),
            );
            session.reply.send(paths);
        }
        ctx.request_repaint();
    }
}
