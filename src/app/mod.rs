//! The application: the open draft, its report, the UI state and the services. This file
//! is the router: [`BeianApp::apply`] handles navigation, draft files and the language
//! itself and hands every other [`Action`] to its owner (draft edits to
//! [`crate::model::edit::Edit::apply`], documents and the face photo to `documents.rs`,
//! bundles to `bundle.rs`). Drawing is in `frame.rs`, worker results in `events.rs`,
//! the draft's life (open, save, close, safe start) in `drafts.rs`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{Local, Utc};
use egui::{RichText, Ui};

use crate::action::{Action, BundleAction, DocumentAction, FaceAction};
use crate::i18n::Locale;
use crate::lang::{Lang, t, tf};
use crate::model::{Draft, FieldKey, Step};
use crate::rules::{self, Report, Severity};
use crate::services::dialog::DialogAnswer;
use crate::services::library::ListedDrafts;
use crate::services::{DraftSaver, FileDialog, JobError, Worker, WorkerEvent};
use crate::steps;
use crate::store::draft_io;
use crate::store::sealed::Library;
use crate::store::storage::{DataDir, Settings};
use crate::widgets::{self, Form};
use crate::{fonts, theme};

mod apps;
mod bundle;
mod documents;
mod drafts;
mod events;
mod frame;
mod library;
mod papers;
mod picker;
mod reading;
mod staff;
mod transfer;

pub use bundle::Received;
pub use picker::PickerSession;

/// How long after the last keystroke the draft is saved.
pub const AUTOSAVE_DELAY: Duration = Duration::from_millis(1500);

/// What beian talks to outside its own state.
pub struct Services {
    /// The file dialog (the system's or beian's own picker, `AutoFileDialog`; a fake in tests).
    pub dialog: Box<dyn FileDialog>,
    /// Where drafts and preferences live.
    pub data: DataDir,
    /// Where the signing key's password is remembered when the user asks.
    pub credentials: std::sync::Arc<dyn crate::services::credentials::CredentialStore>,
}

/// Which screen is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// Start a filing or open a saved one.
    Start,
    /// The step-by-step form.
    Wizard,
    /// A received bundle, verified.
    Bundle,
    /// The staff settings (desk, passphrase, idle time, encryption).
    Staff,
}

/// A message shown above the content until dismissed.
#[derive(Clone, Debug)]
pub struct Banner {
    /// How serious.
    pub severity: Severity,
    /// What it says, put into words when drawn.
    pub message: BannerMessage,
}

/// What a banner says; translated while drawing, so it follows a language switch.
#[derive(Clone, Debug)]
pub enum BannerMessage {
    /// A fixed message, by its i18n key.
    Key(&'static str),
    /// A background job failed.
    Failed(JobError),
    /// A draft could not be read and was renamed to this path so nothing overwrites it.
    SetAside(JobError, PathBuf),
    /// Saving the open draft failed; the previous save is kept and the next change tries
    /// again.
    SaveFailed(JobError),
}

impl Banner {
    /// The banner's text in `locale`.
    pub fn text(&self, locale: Locale) -> String {
        match &self.message {
            BannerMessage::Key(key) => t(&locale, key).into_owned(),
            BannerMessage::Failed(err) => err.user_message(locale),
            BannerMessage::SetAside(err, aside) => format!(
                "{}\n{}",
                err.user_message(locale),
                tf(
                    &locale,
                    "error.draft.set_aside",
                    &[("path", &aside.display().to_string())]
                )
            ),
            BannerMessage::SaveFailed(err) => tf(
                &locale,
                "save.failed_banner",
                &[("detail", &err.user_message(locale))],
            ),
        }
    }
}

/// Where the last save stands.
#[derive(Clone, Debug)]
pub enum SaveStatus {
    /// Nothing to report.
    Idle,
    /// A save is queued.
    Saving,
    /// Saved at this local time.
    Saved(String),
    /// The last save failed.
    Failed(JobError),
    /// The saver thread is gone, so nothing can be saved.
    SaverStopped,
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
    pub library: Option<ListedDrafts>,
    /// What happened to the last save.
    pub save_status: SaveStatus,
    /// Transient state of the steps.
    pub steps: steps::StepUi,
    /// Transient state of the materials step (thumbnails, imports, viewer).
    pub materials: steps::materials::MaterialsUi,
    /// The face photo section (camera, checks).
    pub face: steps::face::FaceUi,
    /// The APP blocks (packages being read, files refused).
    pub apps: steps::apps::AppsUi,
    /// The export panel of the review step.
    pub export: steps::review::ExportUi,
    /// The received bundle shown on the bundle screen.
    pub received: Option<Received>,
    /// The countersign panel of the bundle screen.
    pub countersign: steps::received::CountersignUi,
    /// The draft that was open when beian last stopped without closing normally; the
    /// start screen offers it instead of reopening it blindly (it may be what crashed).
    pub interrupted: Option<PathBuf>,
    /// Another desk edits the open draft: it is shown read-only.
    pub read_only: Option<crate::library::locks::DraftLock>,
    /// The user asked to take over an expired lock and is asked to confirm.
    pub confirm_take_over: bool,
    /// The lock screen, while locked (nothing else is drawn).
    pub lock: Option<steps::lock_screen::LockUi>,
    /// Applicant mode: only the open filing is visible.
    pub applicant: bool,
    /// The staff settings and the library's staff key state.
    pub staff: steps::staff_settings::StaffUi,
    /// Reopening the last draft and listing the library wait for the first unlock.
    pub resume_start: bool,
    /// beian's own file picker, while open (the system has no file dialog).
    pub picker: Option<PickerSession>,
    /// The folder the own picker showed last in this run (the next one starts there).
    pub picker_dirs: std::collections::HashMap<&'static str, PathBuf>,
    /// The About box is open.
    pub about: bool,
    /// The last removal, offered for undo until it expires.
    pub undo: Option<UndoOffer>,
    /// "下一位申请人" was pressed and waits for its confirmation.
    pub confirm_next_applicant: bool,
    /// Whether the About box was drawn on the last frame.
    pub about_drawn: bool,
    /// The window title last set.
    pub window_title: String,
    /// The screen, step and filing drawn last (a new one opens at its top).
    pub last_view: Option<(Screen, Step, String)>,
}

/// How long the undo of a removal is offered.
pub const UNDO_SECS: u64 = 10;

/// A removal the user can still take back.
#[derive(Clone, Debug)]
pub struct UndoOffer {
    /// What was taken.
    pub removed: crate::model::edit::Removed,
    /// Until when the offer is shown.
    pub until: Instant,
}

enum DialogPurpose {
    Open,
    SaveAs,
    OpenBundle,
    SaveBundle,
    StaffKey,
    SaveCountersigned,
    /// Where to write the transfer file of the draft at this path.
    SaveTransfer(PathBuf),
    OpenTransfer,
    SaveOverview,
    /// Where to write the printed paper of this checklist item.
    SavePaper(crate::model::FieldKey),
    /// Where to write every paper in one file (each also on its own, in a folder beside it).
    SaveAllPapers,
}

/// An APP's package block: (APP, block).
type PackageBlock = (usize, usize);

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
    /// The package block a file dialog was opened for, and its answer.
    package_dialog: Option<(PackageBlock, std::sync::mpsc::Receiver<Vec<PathBuf>>)>,
    /// The file dialog for a person's existing face photo (their `FacePerson` key).
    face_dialog: Option<(String, std::sync::mpsc::Receiver<Vec<PathBuf>>)>,
    default_camera: Option<crate::camera::CameraChoice>,
    /// Tells this running beian apart in draft locks.
    session: String,
    /// When the open draft's lock was last renewed (None: no lock held).
    lock_renewed: Option<Instant>,
    /// The last input (for the idle lock).
    last_activity: crate::services::clock::Mark,
    /// The progress of a running conversion to or from encrypted form.
    conversion: Option<std::sync::Arc<crate::services::staff::Progress>>,
    /// A running marker was found at start: beian died last time.
    crashed_last_time: bool,
    /// Where the window reads the time (the system's; fixed for the snapshot pictures).
    clock: crate::services::clock::Clock,
    /// The scrypt work factor new staff keys are wrapped at: the product's, unless a test
    /// asks for a cheaper one through [`BeianApp::set_key_work_factor`].
    key_work_factor: crate::store::sealed::WorkFactor,
    /// The draft library, with its staff key once unlocked (shared with the saver and
    /// the workers; locking drops the key for all of them).
    library: Library,
}

impl UiState {
    /// The start screen, nothing open.
    fn new() -> UiState {
        UiState {
            screen: Screen::Start,
            step: Step::FilingType,
            revealed: BTreeSet::new(),
            focus: None,
            banner: None,
            library: None,
            save_status: SaveStatus::Idle,
            steps: steps::StepUi::default(),
            materials: steps::materials::MaterialsUi::default(),
            apps: steps::apps::AppsUi::default(),
            face: steps::face::FaceUi::default(),
            export: steps::review::ExportUi::default(),
            received: None,
            countersign: steps::received::CountersignUi::default(),
            interrupted: None,
            read_only: None,
            confirm_take_over: false,
            lock: None,
            applicant: false,
            staff: steps::staff_settings::StaffUi::default(),
            resume_start: false,
            picker: None,
            picker_dirs: std::collections::HashMap::new(),
            about: false,
            undo: None,
            confirm_next_applicant: false,
            last_view: None,
            about_drawn: false,
            window_title: String::new(),
        }
    }
}

impl BeianApp {
    /// Sets up fonts and style in `ctx`, reads the preferences and reopens the draft that
    /// was open last time (before the first frame, so nothing waits on it).
    pub fn new(ctx: &egui::Context, services: Services) -> BeianApp {
        fonts::install(ctx);
        theme::install(ctx);
        let settings = Settings::load(&services.data.settings_path());
        crate::lang::set(ctx, settings.locale);
        let mut worker = Worker::default();
        worker.set_context(ctx);
        let library = Library::open(services.data.drafts_dir());
        let saver = DraftSaver::start(worker.sender(), Some(ctx.clone()), library.clone());
        let draft = Draft::default();
        let mut app = BeianApp {
            report: rules::validate_on(&draft, chrono::Local::now().date_naive()),
            seen: draft.clone(),
            draft,
            draft_path: None,
            ui: UiState::new(),
            settings,
            services,
            worker,
            saver,
            last_edit: None,
            dialog: None,
            document_dialog: None,
            package_dialog: None,
            face_dialog: None,
            default_camera: None,
            session: format!(
                "{}-{}",
                std::process::id(),
                chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
            ),
            lock_renewed: None,
            last_activity: crate::services::clock::Clock::System.mark(),
            conversion: None,
            crashed_last_time: false,
            clock: crate::services::clock::Clock::System,
            key_work_factor: crate::store::sealed::WorkFactor::PRODUCT,
            library,
        };
        // Saves interrupted last time (beian killed mid-write) leave temporary files.
        crate::store::leftovers::remove_leftover_temp_files(app.services.data.root());
        crate::store::leftovers::remove_leftover_temp_files(&app.services.data.drafts_dir());
        app.crashed_last_time = app.mark_running();
        app.ui.staff.key = crate::services::staff::key_state(&app.services.data.drafts_dir());
        if app.has_staff_key() {
            // Nothing of the library is shown (or read, when it is encrypted) before the
            // staff passphrase.
            app.ui.lock = Some(steps::lock_screen::LockUi::new(
                steps::lock_screen::LockReason::Startup,
            ));
            app.ui.resume_start = true;
        } else {
            app.resume_start();
        }
        app
    }

    /// What starting does once the library may be read: reopen the draft open last time
    /// (unless beian died with it), or list the library.
    fn resume_start(&mut self) {
        let app = self;
        let crashed = app.crashed_last_time;
        if let Some(path) = app.settings.last_draft.clone() {
            if crashed {
                // Reopening the draft that was open when beian died could crash it again
                // at every start: the start screen offers it instead.
                log::warn!("beian did not close normally last time; not reopening the draft");
                app.ui.interrupted = Some(path);
                app.settings.last_draft = None;
                app.save_settings();
            } else {
                let result = draft_io::load_draft(&app.library_for(&path), &path).map(Box::new);
                let held_by = result.as_ref().ok().and_then(|_| app.lock_draft(&path));
                app.on_opened(path, result, false, held_by);
            }
        }
        if app.ui.screen == Screen::Start {
            app.refresh_library();
        }
    }

    /// The library handle to read and write `path` with: the draft library's (holding
    /// its key) for its own files, a locked one for a draft kept elsewhere.
    pub(crate) fn library_for(&self, path: &std::path::Path) -> Library {
        self.library.for_file(path)
    }

    /// Wraps staff keys made or changed from now on at `work` (tests: a cheap factor, so
    /// that unlocking takes milliseconds; the product never calls this).
    pub fn set_key_work_factor(&mut self, work: crate::store::sealed::WorkFactor) {
        self.key_work_factor = work;
    }

    /// The work factor new staff keys are wrapped at.
    pub fn key_work_factor(&self) -> crate::store::sealed::WorkFactor {
        self.key_work_factor
    }

    /// Reads the time from `clock` from now on (a fixed moment for pictures that must
    /// hold still); the checks run again against its day.
    pub fn set_clock(&mut self, clock: crate::services::clock::Clock) {
        if std::mem::discriminant(&clock) != std::mem::discriminant(&self.clock) {
            self.last_activity = clock.mark();
        }
        self.clock = clock;
        self.report = rules::validate_on(&self.draft, clock.today());
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

    /// Handles one action: navigation and files here, everything else by its owner.
    pub fn apply(&mut self, action: Action, ctx: &egui::Context) {
        // In applicant mode the applicant edits their own filing only: staff actions are
        // not offered, and refused here should one still arrive.
        if self.ui.applicant && is_staff_only(&action) {
            log::info!("a staff action was refused in applicant mode");
            return;
        }
        match action {
            Action::NewDraft(kind) => self.start_editing(Draft::new(kind, Utc::now())),
            Action::NewWebsiteForSubject => {
                self.save_now();
                let next = self.draft.new_website_for_subject(Utc::now());
                self.start_editing(next);
            }
            Action::OpenSample(kind) => self.open_sample(kind),
            Action::OpenPath(path) => {
                if self.ui.interrupted.as_ref() == Some(&path) {
                    self.ui.interrupted = None;
                }
                self.open_path(path, false);
            }
            Action::OpenDialog => {
                self.dialog = Some((DialogPurpose::Open, self.services.dialog.open_draft(ctx)));
            }
            Action::SaveAsDialog => {
                let name = format!("{}.ron", self.suggested_file_stem());
                let answer = self.services.dialog.save_draft(ctx, &name);
                self.dialog = Some((DialogPurpose::SaveAs, answer));
            }
            Action::CloseDraft => self.close_draft(),
            Action::DismissMessage => self.ui.banner = None,
            Action::DismissInterrupted => self.ui.interrupted = None,
            Action::RefreshLibrary => self.refresh_library(),
            Action::GoToStep(step) => self.go_to_step(step),
            Action::Next => self.next_step(),
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
                self.save_settings();
            }
            Action::Edit(edit) => {
                if let Some(field) = edit.apply(&mut self.draft) {
                    self.ui.focus = Some(field);
                }
            }
            Action::Documents(action) => self.apply_documents(action, ctx),
            Action::Face(action) => self.apply_face(action, ctx),
            Action::App(action) => self.apply_app(action, ctx),
            Action::Bundle(action) => self.apply_bundle(action, ctx),
            Action::Library(action) => self.apply_library(action),
            Action::Staff(action) => self.apply_staff(action),
            Action::AskTakeOver => self.ui.confirm_take_over = true,
            Action::CancelTakeOver => self.ui.confirm_take_over = false,
            Action::TakeOverLock => self.take_over_lock(),
            Action::Transfer(action) => self.apply_transfer(action, ctx),
            Action::Picker(action) => self.apply_picker(action, ctx),
            Action::ShowAbout => self.ui.about = true,
            Action::Remove(removal) => self.remove_with_undo(removal),
            Action::Undo => {
                if let Some(offer) = self.ui.undo.take() {
                    crate::model::edit::Edit::Restore(offer.removed).apply(&mut self.draft);
                }
            }
            Action::DismissUndo => self.ui.undo = None,
            Action::CloseAbout => self.ui.about = false,
        }
    }
}

impl BeianApp {
    /// A sample filing, made on a worker with its documents and photo.
    fn open_sample(&mut self, kind: crate::jobs::samples::Sample) {
        let library = self.library.clone();
        let now = self.clock.now();
        self.worker.spawn("sample", move || {
            WorkerEvent::SampleReady(
                crate::services::samples::create(kind, &library, now).map(Box::new),
            )
        });
    }

    /// On to the next step; the one left shows what it still needs.
    fn next_step(&mut self) {
        if let Some(next) = self.ui.step.next() {
            self.ui.revealed.insert(self.ui.step);
            self.go_to_step(next);
        }
    }
}

/// beian closing normally (also when a test drops the app) removes the running marker; a
/// panic unwinding through here leaves it, so the next start knows.
impl Drop for BeianApp {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            self.clear_running_mark();
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

/// Actions only staff may take (hidden, and refused, in applicant mode): starting other
/// filings, deleting tracking entries, the library.
fn is_staff_only(action: &Action) -> bool {
    matches!(
        action,
        Action::NewWebsiteForSubject
            | Action::NewDraft(_)
            | Action::OpenSample(_)
            | Action::OpenPath(_)
            | Action::OpenDialog
            | Action::Library(_)
            | Action::Edit(crate::model::edit::Edit::RemoveSubmissionEvent { .. })
    )
}
