//! beian's own file picker, a modal window used when the system has no file dialog: the
//! title of the dialog it replaces, a path bar, quick places, the folders and matching
//! files (only the visible rows are drawn, the folder is read on a thread), a file name
//! for saving (an existing file is replaced only after a confirmation), several files for
//! documents. Keyboard: ↑/↓ (Page Up/Down, Home/End), Enter opens a folder or picks a
//! file, Backspace goes up, Esc cancels. The folder logic is `store::file_choice`; effects go out as
//! [`PickerAction`]s (the app lists folders on a thread and answers the question).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};

use egui::{Key, RichText, Ui};

use super::file_rows::{header_ui, icon_kind, row_ui};
use crate::action::{Action, PickerAction};
use crate::lang::{t, tf};
use crate::rules::Severity;
use crate::store::file_choice::{
    self as picker, DialogMode, DialogSpec, ListError, Listing, Place, PlaceKind, SaveTarget,
};
use crate::theme;

mod keys;

/// Rows drawn in the list at most at once (the list scrolls).
const LIST_HEIGHT: f32 = 340.0;

enum Listed {
    Loading(Receiver<Result<Listing, ListError>>),
    Ready(Listing),
    Failed(ListError),
}

/// An open picker: the question, the folder shown and the choices so far.
pub struct FilePicker {
    spec: DialogSpec,
    notice: bool,
    dir: PathBuf,
    path_text: String,
    listed: Listed,
    /// Positions in the listing of the rows shown.
    shown: Vec<usize>,
    /// Rows selected (positions in `shown`).
    selected: Vec<usize>,
    /// The keyboard's row (a position in `shown`).
    cursor: Option<usize>,
    /// The list must scroll to the cursor.
    scroll_to_cursor: bool,
    scroll_offset: f32,
    view_height: f32,
    name: String,
    show_hidden: bool,
    confirm_overwrite: Option<PathBuf>,
    problem: Option<&'static str>,
    places: Vec<Place>,
    /// The picture of the selected file (made on a thread by the app), when it has one.
    pub preview: Option<egui::TextureHandle>,
}

impl std::fmt::Debug for FilePicker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FilePicker")
            .field("spec", &self.spec)
            .field("shown", &self.shown.len())
            .finish_non_exhaustive()
    }
}

impl FilePicker {
    /// A picker for `spec` (with the "no system dialog" notice when `notice`), showing
    /// `dir` once `listing` (its contents, read on a thread) arrives.
    pub fn new(
        spec: DialogSpec,
        notice: bool,
        places: Vec<Place>,
        dir: PathBuf,
        listing: Receiver<Result<Listing, ListError>>,
    ) -> FilePicker {
        let name = match &spec.mode {
            DialogMode::Save { suggested_name } => suggested_name.clone(),
            DialogMode::Open | DialogMode::OpenMany => String::new(),
        };
        let mut picker = FilePicker {
            spec,
            notice,
            dir: dir.clone(),
            path_text: String::new(),
            listed: Listed::Failed(ListError::Stopped),
            shown: Vec::new(),
            selected: Vec::new(),
            cursor: None,
            scroll_to_cursor: false,
            scroll_offset: 0.0,
            view_height: LIST_HEIGHT,
            name,
            show_hidden: false,
            confirm_overwrite: None,
            problem: None,
            places,
            preview: None,
        };
        picker.open_dir(dir, listing);
        picker
    }

    /// Shows `dir` once `listing` arrives.
    pub fn open_dir(&mut self, dir: PathBuf, listing: Receiver<Result<Listing, ListError>>) {
        self.listed = Listed::Loading(listing);
        self.path_text = dir.display().to_string();
        self.dir = dir;
        self.shown.clear();
        self.selected.clear();
        self.cursor = None;
        self.scroll_offset = 0.0;
        self.scroll_to_cursor = true;
        self.confirm_overwrite = None;
        self.problem = None;
    }

    /// Whether this question is for pictures or documents, which get a preview beside the
    /// list.
    pub fn shows_previews(&self) -> bool {
        self.spec
            .extensions
            .iter()
            .any(|e| matches!(e.as_str(), "jpg" | "jpeg" | "png" | "webp" | "pdf"))
    }

    /// The file whose picture the preview should show: the one file selected, if it is a
    /// picture or a PDF.
    pub fn preview_wanted(&self) -> Option<PathBuf> {
        if !self.shows_previews() {
            return None;
        }
        let [row] = self.selected.as_slice() else {
            return None;
        };
        let entry = self.entry(*row)?;
        matches!(
            icon_kind(entry),
            theme::IconKind::Image | theme::IconKind::Pdf
        )
        .then(|| entry.path.clone())
    }

    /// The question asked.
    pub fn spec(&self) -> &DialogSpec {
        &self.spec
    }

    /// The folder shown.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Takes the folder listing if it arrived.
    fn poll(&mut self) {
        if let Listed::Loading(rx) = &self.listed {
            match rx.try_recv() {
                Ok(Ok(listing)) => {
                    self.listed = Listed::Ready(listing);
                    self.refilter();
                }
                Ok(Err(err)) => self.listed = Listed::Failed(err),
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => self.listed = Listed::Failed(ListError::Stopped),
            }
        }
    }

    fn refilter(&mut self) {
        if let Listed::Ready(listing) = &self.listed {
            self.shown = picker::visible(listing, &self.spec.extensions, self.show_hidden);
        }
        self.selected.clear();
        self.cursor = (!self.shown.is_empty()).then_some(0);
    }

    fn entry(&self, row: usize) -> Option<&picker::Entry> {
        let Listed::Ready(listing) = &self.listed else {
            return None;
        };
        self.shown.get(row).and_then(|&i| listing.entries.get(i))
    }

    fn is_saving(&self) -> bool {
        matches!(self.spec.mode, DialogMode::Save { .. })
    }

    /// What choosing `row` (double click, Enter) does: open the folder, or pick the file.
    fn activate(&mut self, row: usize) -> Option<PickerAction> {
        let entry = self.entry(row)?.clone();
        if entry.is_dir {
            Some(PickerAction::Open(entry.path))
        } else if self.is_saving() {
            self.name = entry.name;
            self.confirm()
        } else {
            Some(PickerAction::Choose(vec![entry.path]))
        }
    }

    /// What 打开/保存 does.
    fn confirm(&mut self) -> Option<PickerAction> {
        self.problem = None;
        if self.is_saving() {
            return match picker::check_save(&self.dir, &self.name, &self.spec.extensions) {
                Ok(SaveTarget::New(path)) => Some(PickerAction::Choose(vec![path])),
                Ok(SaveTarget::Exists(path)) => {
                    self.confirm_overwrite = Some(path);
                    None
                }
                Err(err) => {
                    self.problem = Some(err.message_key());
                    None
                }
            };
        }
        let mut rows = self.selected.clone();
        rows.sort_unstable();
        let files: Vec<PathBuf> = rows
            .iter()
            .filter_map(|&r| self.entry(r))
            .filter(|e| !e.is_dir)
            .map(|e| e.path.clone())
            .collect();
        if !files.is_empty() {
            return Some(PickerAction::Choose(files));
        }
        let row = self.cursor.or_else(|| self.selected.first().copied())?;
        self.entry(row)
            .filter(|e| e.is_dir)
            .map(|e| PickerAction::Open(e.path.clone()))
    }

    fn click_row(&mut self, row: usize, modifiers: egui::Modifiers) {
        let many = self.spec.mode == DialogMode::OpenMany;
        if many && modifiers.command {
            if let Some(at) = self.selected.iter().position(|&r| r == row) {
                self.selected.remove(at);
            } else {
                self.selected.push(row);
            }
        } else if many && modifiers.shift {
            let from = self.cursor.unwrap_or(row);
            self.selected = (from.min(row)..=from.max(row)).collect();
        } else {
            self.selected = vec![row];
        }
        self.cursor = Some(row);
        if self.is_saving()
            && let Some(entry) = self.entry(row)
            && !entry.is_dir
        {
            self.name = entry.name.clone();
        }
    }

    /// Moves the keyboard's row by `delta` rows (clamped to the list).
    fn move_cursor(&mut self, delta: isize) {
        let Some(last) = self.shown.len().checked_sub(1) else {
            return;
        };
        let row = match self.cursor {
            None => 0,
            Some(r) => r.saturating_add_signed(delta).min(last),
        };
        self.cursor = Some(row);
        self.selected = vec![row];
        self.scroll_to_cursor = true;
        if self.is_saving()
            && let Some(entry) = self.entry(row)
            && !entry.is_dir
        {
            self.name = entry.name.clone();
        }
    }
}

/// Draws the picker; returns what the user asked for.
pub fn ui(ctx: &egui::Context, picker: &mut FilePicker) -> Vec<Action> {
    picker.poll();
    let mut actions: Vec<PickerAction> = Vec::new();
    if matches!(picker.listed, Listed::Loading(_)) {
        ctx.request_repaint_after(std::time::Duration::from_millis(100));
    }
    egui::Modal::new(egui::Id::unique("file_picker")).show(ctx, |ui| {
        let width: f32 = if picker.shows_previews() {
            960.0
        } else {
            760.0
        };
        ui.set_width(width.min(ctx.content_rect().width() - 48.0));
        ui.label(RichText::new(t(ui, picker.spec.title_key)).heading());
        if picker.notice {
            theme::banner_frame(ui, Severity::Notice).show(ui, |ui| {
                ui.label(t(ui, "picker.notice"));
            });
        }
        path_bar_ui(ui, picker, &mut actions);
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                ui.set_width(150.0);
                ui.label(RichText::new(t(ui, "picker.places")).color(theme::weak_color(ui)));
                for place in &picker.places {
                    let selected = place.path == picker.dir;
                    let label = match place.kind {
                        PlaceKind::Root => tf(
                            ui,
                            place.kind.label_key(),
                            &[("drive", &place.path.display().to_string())],
                        ),
                        _ => t(ui, place.kind.label_key()).into_owned(),
                    };
                    if ui
                        .selectable_label(selected, label)
                        .on_hover_text(place.path.display().to_string())
                        .clicked()
                    {
                        actions.push(PickerAction::Open(place.path.clone()));
                    }
                }
            });
            // No separator: a vertical one takes the row's height and grows it every frame.
            ui.add_space(12.0);
            let previews = picker.shows_previews();
            let list_width = if previews {
                ui.available_width() - PREVIEW_SIDE - 12.0
            } else {
                ui.available_width()
            };
            ui.vertical(|ui| {
                ui.set_width(list_width);
                list_ui(ui, picker, &mut actions);
            });
            if previews {
                ui.add_space(12.0);
                preview_ui(ui, picker);
            }
        });
        ui.horizontal(|ui| {
            let exts: Vec<String> = picker
                .spec
                .extensions
                .iter()
                .map(|e| format!("*.{e}"))
                .collect();
            ui.label(
                RichText::new(format!(
                    "{}: {}",
                    t(ui, picker.spec.filter_key),
                    exts.join(" ")
                ))
                .color(theme::weak_color(ui)),
            );
            if ui
                .checkbox(&mut picker.show_hidden, t(ui, "picker.show_hidden"))
                .changed()
            {
                picker.refilter();
            }
        });
        if picker.is_saving() {
            ui.horizontal(|ui| {
                let label = ui.label(t(ui, "picker.file_name"));
                let edit = ui
                    .add(egui::TextEdit::singleline(&mut picker.name).desired_width(420.0))
                    .labelled_by(label.id);
                if edit.changed() {
                    picker.confirm_overwrite = None;
                    picker.problem = None;
                }
                if edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                    actions.extend(picker.confirm());
                }
            });
        }
        if let Some(key) = picker.problem {
            ui.label(RichText::new(t(ui, key)).color(theme::severity_color(ui, Severity::Error)));
        }
        buttons_ui(ui, picker, &mut actions);
        keys::keyboard(ui, picker, &mut actions);
    });
    actions.into_iter().map(Action::Picker).collect()
}

fn path_bar_ui(ui: &mut Ui, picker: &mut FilePicker, actions: &mut Vec<PickerAction>) {
    ui.horizontal(|ui| {
        let up = picker::parent(&picker.dir);
        if ui
            .add_enabled(up.is_some(), egui::Button::new(t(ui, "picker.up")))
            .on_hover_text(t(ui, "picker.up_hint"))
            .clicked()
        {
            actions.push(PickerAction::Up);
        }
        let label = ui.label(t(ui, "picker.path"));
        let edit = ui
            .add(egui::TextEdit::singleline(&mut picker.path_text).desired_width(460.0))
            .labelled_by(label.id);
        let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        if ui.button(t(ui, "picker.go")).clicked() || entered {
            actions.push(PickerAction::Open(PathBuf::from(picker.path_text.trim())));
        }
    });
}

fn list_ui(ui: &mut Ui, picker: &mut FilePicker, actions: &mut Vec<PickerAction>) {
    ui.set_min_height(LIST_HEIGHT);
    match &picker.listed {
        Listed::Loading(_) => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(t(ui, "picker.loading"));
            });
            return;
        }
        Listed::Failed(err) => {
            let detail = match err {
                ListError::Other(detail) => detail.clone(),
                _ => String::new(),
            };
            ui.label(
                RichText::new(tf(ui, err.message_key(), &[("detail", &detail)]))
                    .color(theme::severity_color(ui, Severity::Error)),
            );
            return;
        }
        Listed::Ready(_) => {}
    }
    if picker.shown.is_empty() {
        ui.label(RichText::new(t(ui, "picker.empty")).color(theme::weak_color(ui)));
        return;
    }
    header_ui(ui);
    let row_height = ui.spacing().interact_size.y;
    let stride = row_height + ui.spacing().item_spacing.y;
    let mut area = egui::ScrollArea::vertical()
        .id_salt("file_picker_list")
        .max_height(LIST_HEIGHT)
        .auto_shrink([false, true]);
    if picker.scroll_to_cursor {
        picker.scroll_to_cursor = false;
        let top = picker.cursor.unwrap_or(0) as f32 * stride;
        let offset = if top < picker.scroll_offset {
            top
        } else if top + stride > picker.scroll_offset + picker.view_height {
            top + stride - picker.view_height
        } else {
            picker.scroll_offset
        };
        area = area.vertical_scroll_offset(offset.max(0.0));
    }
    let mut clicked = None;
    let mut activated = None;
    let output = area.show_rows(ui, row_height, picker.shown.len(), |ui, rows| {
        for row in rows {
            let Some(entry) = picker.entry(row) else {
                continue;
            };
            let selected = picker.selected.contains(&row);
            let response = row_ui(ui, entry, selected, row_height);
            if response.double_clicked() {
                activated = Some(row);
            } else if response.clicked() {
                clicked = Some((row, ui.input(|i| i.modifiers)));
            }
        }
    });
    picker.scroll_offset = output.state.clamped_offset().y;
    picker.view_height = output.inner_rect.height().max(stride);
    if let Some((row, modifiers)) = clicked {
        picker.click_row(row, modifiers);
    }
    if let Some(row) = activated {
        actions.extend(picker.activate(row));
    }
}

/// The side of the preview beside the list.
const PREVIEW_SIDE: f32 = 200.0;

/// The selected picture (or a PDF's first page), or a word on what would show there.
fn preview_ui(ui: &mut Ui, picker: &FilePicker) {
    ui.vertical(|ui| {
        ui.set_width(PREVIEW_SIDE);
        ui.label(RichText::new(t(ui, "picker.preview")).color(theme::weak_color(ui)));
        match (&picker.preview, picker.preview_wanted()) {
            (Some(texture), Some(_)) => {
                ui.add(
                    egui::Image::new(texture)
                        .max_size(egui::vec2(PREVIEW_SIDE, PREVIEW_SIDE * 1.4))
                        .alt_text(t(ui, "picker.preview")),
                );
            }
            (None, Some(_)) => {
                ui.spinner();
            }
            (_, None) => {
                ui.add(
                    egui::Label::new(
                        RichText::new(t(ui, "picker.preview.none"))
                            .small()
                            .color(theme::weak_color(ui)),
                    )
                    .wrap(),
                );
            }
        }
    });
}

fn buttons_ui(ui: &mut Ui, picker: &mut FilePicker, actions: &mut Vec<PickerAction>) {
    if let Some(path) = picker.confirm_overwrite.clone() {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        theme::banner_frame(ui, Severity::Warning).show(ui, |ui| {
            ui.label(tf(ui, "picker.overwrite", &[("name", &name)]));
            ui.horizontal(|ui| {
                if ui.button(t(ui, "picker.overwrite.yes")).clicked() {
                    actions.push(PickerAction::Choose(vec![path.clone()]));
                }
                if ui.button(t(ui, "picker.overwrite.no")).clicked() {
                    picker.confirm_overwrite = None;
                }
            });
        });
    }
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let confirm_key = if picker.is_saving() {
            "picker.save"
        } else {
            "picker.open"
        };
        let ready = picker.is_saving() || !picker.selected.is_empty() || picker.cursor.is_some();
        if ui
            .add_enabled(
                ready,
                egui::Button::new(RichText::new(t(ui, confirm_key)).strong()),
            )
            .clicked()
        {
            actions.extend(picker.confirm());
        }
        if ui.button(t(ui, "picker.cancel")).clicked() {
            actions.push(PickerAction::Cancel);
        }
        if picker.spec.mode == DialogMode::OpenMany {
            ui.label(RichText::new(t(ui, "picker.many_hint")).color(theme::weak_color(ui)));
        }
    });
}
