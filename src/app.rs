//! The application: the open draft, its report, the UI state and the services. It draws
//! the frame (top bar, step list, current step, navigation) and applies the [`Action`]s
//! the pieces return, in one place.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{Local, Utc};
use egui::{RichText, Ui};

use crate::action::Action;
use crate::i18n::{self, Locale, t, tf};
use crate::model::draft_io;
use crate::model::storage::{DataDir, Settings};
use crate::model::{Draft, FieldKey, Step, Website};
use crate::rules::{self, Report, Severity};
use crate::services::dialog::DialogAnswer;
use crate::services::{DraftSaver, FileDialog, Worker, WorkerEvent};
use crate::steps;
use crate::steps::start::LibrarySummary;
use crate::widgets::{self, Form};
use crate::{fonts, theme};

/// How long after the last keystroke the draft is saved.
pub const AUTOSAVE_DELAY: Duration = Duration::from_millis(1500);

/// What beian talks to outside its own state.
pub struct Services {
    /// The file dialog (the system's, or a fake).
    pub dialog: Box<dyn FileDialog>,
    /// Where drafts and preferences live.
    pub data: DataDir,
}

/// Which screen is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// Start a filing or open a saved one.
    Start,
    /// The step-by-step form.
    Wizard,
}

/// A message shown above the content until dismissed.
#[derive(Clone, Debug, PartialEq)]
pub struct Banner {
    /// How serious.
    pub severity: Severity,
    /// The text, already translated.
    pub text: String,
}

/// Where the last save stands.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    /// Nothing to report.
    Idle,
    /// A save is queued.
    Saving,
    /// Saved at this local time.
    Saved(String),
    /// The last save failed with this message.
    Failed(String),
}

/// Transient state of the steps (never saved).
#[derive(Debug, Default)]
pub struct StepUi {
    /// The website whose removal awaits confirmation.
    pub confirm_remove_website: Option<usize>,
    /// The note typed for the next submission event.
    pub event_note: String,
}

/// Runtime state of the user interface (never saved).
#[derive(Debug)]
pub struct UiState {
    /// The screen shown.
    pub screen: Screen,
    /// The step shown on the wizard screen.
    pub step: Step,
    /// Steps whose empty required fields are flagged (the user moved past them).
    pub revealed: BTreeSet<Step>,
    /// The field to focus on the next frame.
    pub focus: Option<FieldKey>,
    /// A message above the content.
    pub banner: Option<Banner>,
    /// The drafts on the start screen (`None` while they are being read).
    pub library: Option<Vec<LibrarySummary>>,
    /// What happened to the last save.
    pub save_status: SaveStatus,
    /// Transient state of the steps.
    pub steps: StepUi,
    /// Transient state of the materials step (thumbnails, imports, viewer).
    pub materials: steps::materials::MaterialsUi,
    /// The face photo section (camera, checks).
    pub face: steps::face::FaceUi,
}

enum DialogPurpose {
    Open,
    SaveAs,
}

/// The beian application.
pub struct BeianApp {
    /// The draft being edited (an empty one on the start screen).
    pub draft: Draft,
    /// Where the draft is saved.
    pub draft_path: Option<PathBuf>,
    /// The checks of the draft, refreshed whenever it changes.
    pub report: Report,
    /// Runtime UI state.
    pub ui: UiState,
    /// The user's preferences.
    pub settings: Settings,
    services: Services,
    worker: Worker,
    saver: DraftSaver,
    seen: Draft,
    last_edit: Option<Instant>,
    dialog: Option<(DialogPurpose, DialogAnswer)>,
    document_dialog: Option<(FieldKey, std::sync::mpsc::Receiver<Vec<PathBuf>>)>,
    face_dialog: Option<((), std::sync::mpsc::Receiver<Vec<PathBuf>>)>,
    default_camera: Option<crate::camera::CameraChoice>,
    pending_jobs: usize,
}

impl BeianApp {
    /// Sets up fonts and style in `ctx`, reads the preferences and reopens the draft that
    /// was open last time (before the first frame, so nothing waits on it).
    pub fn new(ctx: &egui::Context, services: Services) -> BeianApp {
        fonts::install(ctx);
        theme::install(ctx);
        let settings = Settings::load(&services.data.settings_path());
        i18n::set_locale(settings.locale);
        let mut worker = Worker::default();
        worker.set_context(ctx);
        let saver = DraftSaver::start(worker.sender(), Some(ctx.clone()));
        let draft = Draft::default();
        let mut app = BeianApp {
            report: rules::validate(&draft),
            seen: draft.clone(),
            draft,
            draft_path: None,
            ui: UiState {
                screen: Screen::Start,
                step: Step::FilingType,
                revealed: BTreeSet::new(),
                focus: None,
                banner: None,
                library: None,
                save_status: SaveStatus::Idle,
                steps: StepUi::default(),
                materials: steps::materials::MaterialsUi::default(),
                face: steps::face::FaceUi::default(),
            },
            settings,
            services,
            worker,
            saver,
            last_edit: None,
            dialog: None,
            document_dialog: None,
            face_dialog: None,
            default_camera: None,
            pending_jobs: 0,
        };
        if let Some(path) = app.settings.last_draft.clone() {
            let result = draft_io::load_draft(&path).map(Box::new);
            app.on_opened(path, result, false);
        }
        if app.ui.screen == Screen::Start {
            app.refresh_library();
        }
        app
    }

    /// The camera the face photo section offers first (`--camera-file`).
    pub fn set_default_camera(&mut self, choice: crate::camera::CameraChoice) {
        self.default_camera = Some(choice.clone());
        self.ui.face.choice = Some(choice);
    }

    /// The data folder in use.
    pub fn data_dir(&self) -> &DataDir {
        &self.services.data
    }

    /// Draws one frame.
    pub fn ui(&mut self, ui: &mut Ui) {
        i18n::set_locale(self.settings.locale);
        self.poll(ui.ctx());
        let mut actions = Vec::new();
        egui::Panel::top("top_bar").show(ui, |ui| actions.extend(self.top_bar_ui(ui)));
        match self.ui.screen {
            Screen::Start => {
                egui::CentralPanel::default().show(ui, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        actions.extend(self.banner_ui(ui));
                        actions.extend(steps::start::ui(ui, self.ui.library.as_deref()));
                    });
                });
            }
            Screen::Wizard => actions.extend(self.wizard_ui(ui)),
        }
        for action in actions {
            self.apply(action, ui.ctx());
        }
        self.after_frame(ui.ctx());
    }

    fn top_bar_ui(&mut self, ui: &mut Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        ui.horizontal(|ui| {
            ui.label(RichText::new(t("app.title")).strong());
            ui.separator();
            if self.ui.screen == Screen::Wizard {
                if ui.button(t("menu.home")).clicked() {
                    actions.push(Action::CloseDraft);
                }
                if ui.button(t("menu.save_as")).clicked() {
                    actions.push(Action::SaveAsDialog);
                }
            }
            if ui.button(t("menu.open")).clicked() {
                actions.push(Action::OpenDialog);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                for locale in Locale::ALL.into_iter().rev() {
                    let selected = self.settings.locale == locale;
                    if ui
                        .selectable_label(selected, locale.native_name())
                        .on_hover_text(t("menu.language"))
                        .clicked()
                        && !selected
                    {
                        actions.push(Action::SetLocale(locale));
                    }
                }
            });
        });
        actions
    }

    fn banner_ui(&self, ui: &mut Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        if let Some(banner) = &self.ui.banner {
            theme::banner_frame(banner.severity).show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        RichText::new(&banner.text).color(theme::severity_color(banner.severity)),
                    );
                    if ui.button(t("common.dismiss")).clicked() {
                        actions.push(Action::DismissMessage);
                    }
                });
            });
            ui.add_space(theme::SECTION_GAP);
        }
        actions
    }

    fn wizard_ui(&mut self, ui: &mut Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        egui::Panel::left("step_list")
            .exact_size(theme::STEP_LIST_WIDTH)
            .resizable(false)
            .show(ui, |ui| {
                actions.extend(widgets::step_list::ui(ui, self.ui.step, &self.report))
            });
        let (status_text, failed) = self.save_status_text();
        egui::Panel::bottom("nav_bar").show(ui, |ui| {
            ui.add_space(4.0);
            actions.extend(widgets::nav::ui(ui, self.ui.step, &status_text, failed));
            ui.add_space(4.0);
        });
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    actions.extend(self.banner_ui(ui));
                    let step = self.ui.step;
                    ui.label(
                        RichText::new(tf(
                            "step.heading",
                            &[
                                ("n", &(step.index() + 1).to_string()),
                                ("title", &t(&step.title_key())),
                            ],
                        ))
                        .size(theme::TITLE_SIZE)
                        .strong(),
                    );
                    ui.label(
                        RichText::new(t(&format!("step.{}.intro", step.key())))
                            .color(theme::weak_color()),
                    );
                    let mut form = Form {
                        report: &self.report,
                        reveal_required: self.ui.revealed.contains(&step),
                        focus: &mut self.ui.focus,
                    };
                    let step_actions = match step {
                        Step::FilingType => steps::filing_type::ui(ui, &mut self.draft, &mut form),
                        Step::Subject => steps::subject::ui(ui, &mut self.draft, &mut form),
                        Step::Websites => {
                            steps::websites::ui(ui, &mut self.draft, &mut form, &mut self.ui.steps)
                        }
                        Step::Materials => {
                            self.ui.materials.upload_pictures(ui.ctx());
                            let reveal = self.ui.revealed.contains(&Step::Materials);
                            self.poll_camera(ui.ctx());
                            steps::materials::ui(
                                ui,
                                &self.draft,
                                &self.report,
                                reveal,
                                &mut self.ui.materials,
                                &mut self.ui.face,
                            )
                        }
                        Step::Review => steps::review::ui(ui, &self.draft, &self.report),
                        Step::Tracking => {
                            steps::tracking::ui(ui, &mut self.draft, &mut self.ui.steps)
                        }
                    };
                    actions.extend(step_actions);
                    ui.add_space(24.0);
                });
        });
        actions
    }

    fn save_status_text(&self) -> (String, bool) {
        match &self.ui.save_status {
            SaveStatus::Idle => (String::new(), false),
            SaveStatus::Saving => (t("save.saving").into_owned(), false),
            SaveStatus::Saved(time) => (tf("save.saved_at", &[("time", time)]), false),
            SaveStatus::Failed(msg) => (tf("save.failed", &[("detail", msg)]), true),
        }
    }

    /// Handles one action.
    pub fn apply(&mut self, action: Action, ctx: &egui::Context) {
        match action {
            Action::NewDraft(kind) => {
                let draft = Draft::new(kind, Utc::now());
                self.start_editing(draft);
            }
            Action::OpenSample(kind) => {
                let data = self.services.data.clone();
                self.pending_jobs += 1;
                self.worker.spawn("sample", move || {
                    WorkerEvent::SampleReady(
                        crate::services::samples::create(kind, &data).map(Box::new),
                    )
                });
            }
            Action::OpenPath(path) => self.open_path(path, false),
            Action::OpenDialog => {
                self.dialog = Some((DialogPurpose::Open, self.services.dialog.open_draft(ctx)));
            }
            Action::SaveAsDialog => {
                let name = format!("{}.ron", self.suggested_file_stem());
                self.dialog = Some((
                    DialogPurpose::SaveAs,
                    self.services.dialog.save_draft(ctx, &name),
                ));
            }
            Action::Save => self.save_now(),
            Action::CloseDraft => {
                self.save_now();
                self.ui.screen = Screen::Start;
                self.draft_path = None;
                self.settings.last_draft = None;
                self.save_settings();
                self.refresh_library();
            }
            Action::DismissLoadError | Action::DismissMessage => self.ui.banner = None,
            Action::RefreshLibrary => self.refresh_library(),
            Action::GoToStep(step) => self.go_to_step(step),
            Action::Next => {
                if let Some(next) = self.ui.step.next() {
                    self.ui.revealed.insert(self.ui.step);
                    self.go_to_step(next);
                }
            }
            Action::Back => {
                if let Some(previous) = self.ui.step.previous() {
                    self.go_to_step(previous);
                }
            }
            Action::GoTo(field) => {
                self.ui.revealed.insert(field.step());
                self.go_to_step(field.step());
                self.ui.focus = Some(field);
            }
            Action::SetLocale(locale) => {
                self.settings.locale = locale;
                i18n::set_locale(locale);
                self.save_settings();
            }
            Action::AddWebsite => {
                self.draft.websites.push(Website::default());
                let index = self.draft.websites.len() - 1;
                self.ui.focus = Some(FieldKey::new(
                    crate::model::Scope::Website(index),
                    crate::model::Field::Name,
                ));
            }
            Action::RemoveWebsite(index) => {
                let removable = self
                    .draft
                    .websites
                    .get(index)
                    .is_some_and(|w| !w.is_primary);
                if removable {
                    self.draft.websites.remove(index);
                }
                self.ui.steps.confirm_remove_website = None;
            }
            Action::MoveWebsite { from, to } => {
                let len = self.draft.websites.len();
                if from < len && to < len && from != to {
                    let website = self.draft.websites.remove(from);
                    self.draft.websites.insert(to, website);
                }
            }
            Action::CopySubjectResponsible(index) => {
                let person = self.draft.subject.responsible.clone();
                if let Some(w) = self.draft.websites.get_mut(index) {
                    w.responsible = person;
                }
            }
            Action::AcknowledgeWarning(id) => {
                if !self.draft.review.acknowledged_warnings.contains(&id) {
                    self.draft.review.acknowledged_warnings.push(id);
                }
            }
            Action::UnacknowledgeWarning(id) => {
                self.draft.review.acknowledged_warnings.retain(|a| *a != id);
            }
            Action::RecordSubmission(state) => {
                let note = std::mem::take(&mut self.ui.steps.event_note);
                self.draft
                    .submission
                    .events
                    .push(crate::model::draft::SubmissionEvent {
                        state,
                        date: Local::now().format("%Y-%m-%d").to_string(),
                        note: note.trim().to_owned(),
                    });
            }
            Action::RemoveSubmissionEvent(index) => {
                if index < self.draft.submission.events.len() {
                    self.draft.submission.events.remove(index);
                }
            }
            Action::PickDocuments(item) => {
                self.document_dialog = Some((item, self.services.dialog.pick_documents(ctx)));
            }
            Action::AttachFiles { item, paths } => self.attach_files(item, paths),
            Action::AttachPasted { item, image } => self.attach_pasted(item, image),
            Action::RemoveAttachment(item) => {
                self.draft.materials.attachments.retain(|a| a.item != item);
                self.ui.materials.refusals.remove(&item);
            }
            Action::NormalizeAttachment { item, turn } => self.normalize_attachment(item, turn),
            Action::RevertNormalization(item) => {
                if let Some(a) = self
                    .draft
                    .materials
                    .attachments
                    .iter_mut()
                    .find(|a| a.item == item)
                {
                    a.normalized = None;
                }
            }
            Action::LoadThumbnail(sha) => self.load_picture(sha, false),
            Action::LoadPreview(sha) => self.load_picture(sha, true),
            Action::OpenViewer(item) => {
                self.ui.materials.viewer = Some((item, 1.0));
            }
            Action::CloseViewer => {
                self.ui.materials.viewer = None;
                self.ui.materials.preview = None;
            }
            Action::ListCameras => {
                self.pending_jobs += 1;
                self.worker.spawn("camera-list", || {
                    WorkerEvent::Cameras(
                        crate::camera::native::list().map_err(|e| e.user_message()),
                    )
                });
            }
            Action::StartCamera(choice) => {
                self.ui.face.error = None;
                self.ui.face.stable = 0;
                self.ui.face.last_check = None;
                self.ui.face.worker = Some(crate::camera::worker::CameraWorker::start(
                    choice,
                    Some(ctx.clone()),
                ));
            }
            Action::StopCamera => {
                self.ui.face.worker = None;
            }
            Action::CaptureFace => {
                if let Some((frame, check)) = self.ui.face.last_check.clone()
                    && check.passed()
                {
                    self.ui.face.worker = None;
                    self.make_face_photo(move |store| {
                        crate::services::face::make_photo(store, &frame, "camera")
                    });
                }
            }
            Action::PickFacePhoto => {
                self.face_dialog = Some(((), self.services.dialog.pick_documents(ctx)));
            }
            Action::OverrideFace(reason) => {
                if let Some(photo) = self.draft.materials.face_photo.as_mut() {
                    photo.override_reason = reason;
                }
            }
            Action::RemoveFace => {
                self.draft.materials.face_photo = None;
                self.ui.face.override_reason.clear();
            }
            Action::LoadFaceThumbnail(sha) => {
                if self.ui.materials.loading.insert(sha.clone()) {
                    self.load_picture(sha, false);
                }
            }
        }
    }

    fn make_face_photo(
        &mut self,
        job: impl FnOnce(
            &crate::documents::Store,
        ) -> Result<
            (
                crate::model::draft::FacePhoto,
                crate::services::documents::Picture,
            ),
            String,
        > + Send
        + 'static,
    ) {
        let (Some(store), Some(draft_path)) = (self.store(), self.draft_path.clone()) else {
            return;
        };
        self.pending_jobs += 1;
        self.worker
            .spawn("face-photo", move || WorkerEvent::FacePhoto {
                draft_path,
                result: job(&store).map(Box::new),
            });
    }

    /// Takes the camera's news: the preview frame, the newest check, errors.
    fn poll_camera(&mut self, ctx: &egui::Context) {
        let Some(worker) = &self.ui.face.worker else {
            return;
        };
        let mut capture = false;
        let mut stop = false;
        for event in worker.poll() {
            match event {
                crate::camera::worker::CameraEvent::Frame(_, frame) => {
                    let size = [frame.width() as usize, frame.height() as usize];
                    let image = egui::ColorImage::from_rgb(size, frame.as_raw());
                    match &mut self.ui.face.preview {
                        Some(tex) => tex.set(image, egui::TextureOptions::LINEAR),
                        None => {
                            self.ui.face.preview = Some(ctx.load_texture(
                                "camera",
                                image,
                                egui::TextureOptions::LINEAR,
                            ));
                        }
                    }
                }
                crate::camera::worker::CameraEvent::Check(_, frame, report) => {
                    if report.passed() {
                        self.ui.face.stable += 1;
                    } else {
                        self.ui.face.stable = 0;
                    }
                    self.ui.face.last_check = Some((frame, *report));
                    capture |= self.ui.face.auto_capture
                        && self.ui.face.stable >= steps::face::stable_needed();
                }
                crate::camera::worker::CameraEvent::Error(err) => {
                    self.ui.face.error = Some(err.user_message());
                    stop = true;
                }
                crate::camera::worker::CameraEvent::DetectorError(err) => {
                    self.ui.face.error = Some(err);
                    stop = true;
                }
            }
        }
        if stop {
            self.ui.face.worker = None;
        } else if capture {
            self.apply(Action::CaptureFace, ctx);
        }
    }

    fn store(&self) -> Option<crate::documents::Store> {
        self.draft_path
            .as_deref()
            .map(crate::documents::Store::for_draft)
    }

    fn attach_files(&mut self, item: FieldKey, mut paths: Vec<PathBuf>) {
        if paths.is_empty() {
            return;
        }
        let first = paths.remove(0);
        // One file per item: the others wait for the user to say where they go.
        self.ui.materials.unassigned.extend(paths);
        let (Some(store), Some(draft_path)) = (self.store(), self.draft_path.clone()) else {
            return;
        };
        self.ui.materials.busy.insert(item);
        self.ui.materials.refusals.remove(&item);
        self.pending_jobs += 1;
        self.worker.spawn("document-import", move || {
            let result = crate::services::documents::import_file(&store, item, &first)
                .map(Box::new)
                .map_err(|e| e.user_message());
            WorkerEvent::DocumentImported {
                draft_path,
                item,
                result,
            }
        });
    }

    fn attach_pasted(&mut self, item: FieldKey, image: std::sync::Arc<egui::ColorImage>) {
        let (Some(store), Some(draft_path)) = (self.store(), self.draft_path.clone()) else {
            return;
        };
        self.ui.materials.busy.insert(item);
        self.pending_jobs += 1;
        self.worker.spawn("document-paste", move || {
            let result = crate::services::documents::png_of(image.size, image.as_raw())
                .map_err(|e| e.user_message())
                .and_then(|png| {
                    crate::services::documents::import_bytes(&store, item, "clipboard.png", &png)
                        .map(Box::new)
                        .map_err(|e| e.user_message())
                });
            WorkerEvent::DocumentImported {
                draft_path,
                item,
                result,
            }
        });
    }

    fn normalize_attachment(&mut self, item: FieldKey, turn: crate::documents::Turn) {
        let Some(attachment) = self
            .draft
            .materials
            .attachments
            .iter()
            .find(|a| a.item == item)
            .cloned()
        else {
            return;
        };
        let (Some(store), Some(draft_path)) = (self.store(), self.draft_path.clone()) else {
            return;
        };
        self.ui.materials.busy.insert(item);
        self.ui.materials.refusals.remove(&item);
        self.pending_jobs += 1;
        self.worker.spawn("document-normalize", move || {
            let result =
                crate::services::documents::normalize_attachment(&store, &attachment, turn)
                    .map_err(|e| e.user_message());
            WorkerEvent::DocumentNormalized {
                draft_path,
                item,
                original: attachment.sha256.clone(),
                result,
            }
        });
    }

    fn load_picture(&mut self, sha256: String, preview: bool) {
        let Some(store) = self.store() else { return };
        self.pending_jobs += 1;
        self.worker.spawn("document-picture", move || {
            let side = if preview {
                crate::services::documents::PREVIEW_SIDE
            } else {
                crate::services::documents::THUMBNAIL_SIDE
            };
            let picture = crate::services::documents::picture(&store, &sha256, side);
            WorkerEvent::Picture {
                sha256,
                preview,
                picture,
            }
        });
    }

    fn go_to_step(&mut self, step: Step) {
        self.ui.step = step;
        self.draft.last_step = step;
        self.ui.steps.confirm_remove_website = None;
        // Saved at once: a step change is a natural moment to keep the work.
        self.note_changes();
        self.save_now();
    }

    fn suggested_file_stem(&self) -> String {
        let name: String = self
            .draft
            .display_name()
            .chars()
            .filter(|c| !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|'))
            .take(40)
            .collect();
        if name.is_empty() {
            format!("beian-{}", self.draft.id)
        } else {
            format!("beian-{name}")
        }
    }

    fn start_editing(&mut self, draft: Draft) {
        let path = self.services.data.draft_path(&draft.id);
        self.load_into_editor(draft, path);
        self.save_now();
    }

    fn load_into_editor(&mut self, draft: Draft, path: PathBuf) {
        self.ui.step = draft.last_step;
        self.ui.revealed.clear();
        self.ui.focus = None;
        self.ui.banner = None;
        self.ui.steps = StepUi::default();
        self.ui.materials = steps::materials::MaterialsUi::default();
        self.ui.face = steps::face::FaceUi {
            choice: self.default_camera.clone(),
            ..steps::face::FaceUi::default()
        };
        self.document_dialog = None;
        self.report = rules::validate(&draft);
        self.seen = draft.clone();
        self.draft = draft;
        self.last_edit = None;
        self.ui.save_status = SaveStatus::Idle;
        self.ui.screen = Screen::Wizard;
        self.settings.last_draft = Some(path.clone());
        self.draft_path = Some(path);
        self.save_settings();
    }

    fn open_path(&mut self, path: PathBuf, remember: bool) {
        self.pending_jobs += 1;
        self.worker.spawn("draft-open", move || {
            let result = draft_io::load_draft(&path).map(Box::new);
            WorkerEvent::Opened {
                path,
                result,
                remember,
            }
        });
    }

    fn is_in_library(&self, path: &Path) -> bool {
        path.parent() == Some(self.services.data.drafts_dir().as_path())
    }

    fn on_opened(
        &mut self,
        path: PathBuf,
        result: Result<Box<Draft>, draft_io::DraftIoError>,
        remember: bool,
    ) {
        match result {
            Ok(draft) => {
                if remember && !self.is_in_library(&path) {
                    self.settings.remember(&path);
                }
                self.load_into_editor(*draft, path);
            }
            Err(err) => {
                let mut text = err.user_message();
                if err.is_damaged_file() && self.is_in_library(&path) {
                    match draft_io::set_aside(&path, Utc::now()) {
                        Ok(aside) => {
                            text.push('\n');
                            text.push_str(&tf(
                                "error.draft.set_aside",
                                &[("path", &aside.display().to_string())],
                            ));
                        }
                        Err(e) => log::warn!("could not set a damaged draft aside: {}", e.kind()),
                    }
                }
                if self.settings.last_draft.as_deref() == Some(path.as_path()) {
                    self.settings.last_draft = None;
                    self.save_settings();
                }
                self.show_error(text);
                self.refresh_library();
            }
        }
    }

    fn show_error(&mut self, text: String) {
        self.ui.banner = Some(Banner {
            severity: Severity::Error,
            text,
        });
    }

    fn refresh_library(&mut self) {
        self.ui.library = None;
        let library = self.services.data.drafts_dir();
        let recent = self.settings.recent.clone();
        self.pending_jobs += 1;
        self.worker.spawn("draft-library", move || {
            WorkerEvent::Library(crate::model::storage::list_drafts(&library, &recent))
        });
    }

    fn save_settings(&mut self) {
        let path = self.services.data.settings_path();
        let settings = self.settings.clone();
        self.pending_jobs += 1;
        self.worker
            .spawn("settings-save", move || WorkerEvent::SettingsSaved {
                result: settings.save(&path).map_err(|e| e.to_string()),
            });
    }

    /// Queues a save of the draft if it is open.
    fn save_now(&mut self) {
        self.last_edit = None;
        if self.ui.screen != Screen::Wizard {
            return;
        }
        if let Some(path) = &self.draft_path {
            if self.saver.save(path.clone(), self.draft.clone()) {
                self.ui.save_status = SaveStatus::Saving;
            } else {
                self.ui.save_status = SaveStatus::Failed(t("save.saver_stopped").into_owned());
            }
        }
    }

    fn poll(&mut self, ctx: &egui::Context) {
        for event in self.worker.poll() {
            self.handle_event(event);
        }
        if let Some(((), paths)) = poll_dialog(&mut self.face_dialog, ctx)
            && let Some(path) = paths.into_iter().next()
        {
            self.ui.face.worker = None;
            self.make_face_photo(move |store| crate::services::face::photo_from_file(store, &path));
        }
        if let Some((item, paths)) = poll_dialog(&mut self.document_dialog, ctx) {
            self.attach_files(item, paths);
        }
        match poll_dialog(&mut self.dialog, ctx) {
            Some((DialogPurpose::Open, Some(path))) => self.open_path(path, true),
            Some((DialogPurpose::SaveAs, Some(path))) => self.save_as(path),
            _ => {}
        }
    }

    fn save_as(&mut self, path: PathBuf) {
        let path = if path.extension().is_none() {
            path.with_extension("ron")
        } else {
            path
        };
        self.settings.remember(&path);
        self.settings.last_draft = Some(path.clone());
        self.draft_path = Some(path);
        self.save_settings();
        self.save_now();
    }

    fn handle_event(&mut self, event: WorkerEvent) {
        if !matches!(event, WorkerEvent::Saved { .. }) {
            self.pending_jobs = self.pending_jobs.saturating_sub(1);
        }
        match event {
            WorkerEvent::Saved { path, result } => {
                if self.draft_path.as_ref() == Some(&path) {
                    self.ui.save_status = match result {
                        Ok(()) => SaveStatus::Saved(Local::now().format("%H:%M:%S").to_string()),
                        Err(err) => SaveStatus::Failed(err.user_message()),
                    };
                }
            }
            WorkerEvent::Opened {
                path,
                result,
                remember,
            } => {
                if self.ui.screen == Screen::Wizard {
                    self.save_now();
                }
                self.on_opened(path, result, remember);
            }
            WorkerEvent::Library(entries) => {
                self.ui.library = Some(
                    entries
                        .into_iter()
                        .map(LibrarySummary::from_entry)
                        .collect(),
                );
            }
            WorkerEvent::DocumentImported {
                draft_path,
                item,
                result,
            } => {
                if self.draft_path.as_ref() != Some(&draft_path) {
                    return;
                }
                self.ui.materials.busy.remove(&item);
                match result {
                    Ok(imported) => {
                        let imported = *imported;
                        if let Some(thumb) = imported.thumbnail {
                            let sha = imported.attachment.sha256.clone();
                            self.ui.materials.loading.insert(sha.clone());
                            self.ui.materials.pending_pictures.push((sha, false, thumb));
                        }
                        self.draft.materials.attachments.retain(|a| a.item != item);
                        self.draft.materials.attachments.push(imported.attachment);
                    }
                    Err(message) => {
                        self.ui.materials.refusals.insert(item, message);
                    }
                }
            }
            WorkerEvent::DocumentNormalized {
                draft_path,
                item,
                original,
                result,
            } => {
                if self.draft_path.as_ref() != Some(&draft_path) {
                    return;
                }
                self.ui.materials.busy.remove(&item);
                match result {
                    Ok((copy, thumb)) => {
                        if let Some(thumb) = thumb {
                            self.ui.materials.loading.insert(copy.sha256.clone());
                            self.ui.materials.pending_pictures.push((
                                copy.sha256.clone(),
                                false,
                                thumb,
                            ));
                        }
                        if let Some(a) = self
                            .draft
                            .materials
                            .attachments
                            .iter_mut()
                            .find(|a| a.item == item && a.sha256 == original)
                        {
                            a.normalized = Some(copy);
                        }
                    }
                    Err(message) => {
                        self.ui.materials.refusals.insert(item, message);
                    }
                }
            }
            WorkerEvent::Picture {
                sha256,
                preview,
                picture,
            } => match picture {
                Some(picture) => self
                    .ui
                    .materials
                    .pending_pictures
                    .push((sha256, preview, picture)),
                None => {
                    self.ui.materials.no_picture.insert(sha256);
                }
            },
            WorkerEvent::FacePhoto { draft_path, result } => {
                if self.draft_path.as_ref() != Some(&draft_path) {
                    return;
                }
                match result {
                    Ok(made) => {
                        let (photo, picture) = *made;
                        self.ui.materials.pending_pictures.push((
                            photo.sha256.clone(),
                            false,
                            picture,
                        ));
                        self.draft.materials.face_photo = Some(photo);
                        self.ui.face.last_check = None;
                    }
                    Err(message) => self.ui.face.error = Some(message),
                }
            }
            WorkerEvent::Cameras(result) => match result {
                Ok(cameras) => {
                    if self.ui.face.choice.is_none() {
                        self.ui.face.choice = cameras
                            .first()
                            .map(|c| crate::camera::CameraChoice::Native(c.index));
                    }
                    if cameras.is_empty() {
                        self.ui.face.error =
                            Some(crate::camera::CameraError::NoCamera.user_message());
                    }
                    self.ui.face.cameras = cameras;
                }
                Err(message) => self.ui.face.error = Some(message),
            },
            WorkerEvent::SampleReady(result) => match result {
                Ok(ready) => {
                    if self.ui.screen == Screen::Wizard {
                        self.save_now();
                    }
                    let (draft, path) = *ready;
                    self.load_into_editor(draft, path);
                    self.save_now();
                }
                Err(message) => self.show_error(message),
            },
            WorkerEvent::SettingsSaved { result } => {
                if let Err(detail) = result {
                    log::warn!("preferences not saved: {detail}");
                }
            }
        }
    }

    /// Notices edits: refreshes the report and the change time, and starts the autosave
    /// countdown.
    fn note_changes(&mut self) {
        if self.ui.screen == Screen::Wizard && self.draft != self.seen {
            self.draft.updated_at = Some(Utc::now());
            self.report = rules::validate(&self.draft);
            self.seen = self.draft.clone();
            self.last_edit = Some(Instant::now());
        }
    }

    fn after_frame(&mut self, ctx: &egui::Context) {
        self.note_changes();
        if let Some(edited) = self.last_edit {
            let waited = edited.elapsed();
            if waited >= AUTOSAVE_DELAY {
                self.save_now();
            } else {
                ctx.request_repaint_after(AUTOSAVE_DELAY - waited);
            }
        }
    }

    /// Saves edits still waiting for the autosave delay, then waits until every
    /// background job (saves, opening, library, preferences) has reported, at most
    /// `timeout`, and applies the results. For tests and shutdown.
    pub fn settle(&mut self, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        self.note_changes();
        if self.last_edit.is_some() {
            self.save_now();
        }
        if !self.saver.flush(timeout) {
            log::warn!("saves still pending after {timeout:?}");
        }
        for event in self.worker.poll() {
            self.handle_event(event);
        }
        while self.pending_jobs > 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            match self.worker.wait(left) {
                Some(event) => self.handle_event(event),
                None => break,
            }
        }
    }

    /// Saves everything before the program ends: the draft (unless it is unchanged on
    /// disk) and the preferences.
    pub fn shutdown(&mut self) {
        self.note_changes();
        self.save_now();
        self.settle(Duration::from_secs(10));
        if let Err(err) = self.settings.save(&self.services.data.settings_path()) {
            log::warn!("preferences not saved at exit: {}", err.kind());
        }
    }
}

/// Takes the answer of a file dialog if it came, keeping the UI polling meanwhile; a
/// dialog whose thread ended without answering is forgotten.
fn poll_dialog<K, T>(
    slot: &mut Option<(K, std::sync::mpsc::Receiver<T>)>,
    ctx: &egui::Context,
) -> Option<(K, T)> {
    let (_, rx) = slot.as_ref()?;
    match rx.try_recv() {
        Ok(answer) => slot.take().map(|(key, _)| (key, answer)),
        Err(std::sync::mpsc::TryRecvError::Empty) => {
            ctx.request_repaint_after(Duration::from_millis(200));
            None
        }
        Err(std::sync::mpsc::TryRecvError::Disconnected) => {
            *slot = None;
            None
        }
    }
}

impl eframe::App for BeianApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        BeianApp::ui(self, ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.shutdown();
    }
}
