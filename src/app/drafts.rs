//! The open draft's life: starting, opening (on a worker), saving (debounced, on step
//! change and exit, by the saver thread), the library list and the preferences.

use super::*;
use crate::library::locks::{self, DraftLock, LockOutcome};

impl BeianApp {
    pub(super) fn go_to_step(&mut self, step: Step) {
        if step == Step::Review {
            self.refresh_key_state();
        }
        self.ui.step = step;
        self.draft.last_step = step;
        self.ui.steps.confirm_remove_website = None;
        // Saved at once: a step change is a natural moment to keep the work.
        self.note_changes();
        self.save_now();
    }

    /// Saves the draft and goes back to the start screen.
    pub(super) fn close_draft(&mut self) {
        self.save_now();
        // The lock goes before the list is read, on the same worker, so the start screen
        // never shows the draft just closed as open at this desk.
        let release = self.take_lock_release();
        self.ui.screen = Screen::Start;
        self.ui.undo = None;
        self.draft_path = None;
        self.settings.last_draft = None;
        self.save_settings();
        self.load_library(release);
    }

    pub(super) fn suggested_file_stem(&self) -> String {
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

    pub(super) fn start_editing(&mut self, draft: Draft) {
        let path = self.services.data.draft_path(&draft.id);
        self.load_into_editor(draft, path);
        self.save_now();
    }

    pub(super) fn load_into_editor(&mut self, draft: Draft, path: PathBuf) {
        self.ui.step = draft.last_step;
        self.ui.revealed.clear();
        self.ui.focus = None;
        self.ui.banner = None;
        self.ui.steps = steps::StepUi::default();
        self.ui.undo = None;
        self.ui.materials = steps::materials::MaterialsUi::default();
        self.ui.face = steps::face::FaceUi {
            choice: self.default_camera.clone(),
            ..steps::face::FaceUi::default()
        };
        self.document_dialog = None;
        self.package_dialog = None;
        self.ui.apps = steps::apps::AppsUi::default();
        self.ui.export.result = None;
        self.ui.export.password.clear();
        self.ui.export.password_again.clear();
        // The key and credential store are looked at when the review step shows.
        if draft.last_step == Step::Review {
            self.refresh_key_state();
        }
        self.report = rules::validate_on(&draft, self.clock.today());
        self.seen = draft.clone();
        self.draft = draft;
        self.last_edit = None;
        self.ui.save_status = SaveStatus::Idle;
        self.ui.screen = Screen::Wizard;
        self.ui.read_only = None;
        self.ui.confirm_take_over = false;
        // Locked on the next frame (see `renew_lock_if_due`); a draft opened from a file
        // replaces this with what taking the lock found.
        let every = Duration::from_secs(locks::LOCK_RENEW_SECS);
        self.lock_renewed = Some(
            Instant::now()
                .checked_sub(every)
                .unwrap_or_else(Instant::now),
        );
        self.settings.last_draft = Some(path.clone());
        self.draft_path = Some(path);
        self.save_settings();
    }

    pub(super) fn open_path(&mut self, path: PathBuf, remember: bool) {
        let mine = self.my_lock();
        let library = self.library_for(&path);
        self.worker.spawn("draft-open", move || {
            let result = draft_io::load_draft(&library, &path).map(Box::new);
            let held_by = result.as_ref().ok().and_then(|_| take_lock(&path, &mine));
            WorkerEvent::Opened {
                path,
                result,
                remember,
                held_by,
            }
        });
    }

    /// This desk's lock as it would be taken now.
    fn my_lock(&self) -> DraftLock {
        let desk = if self.settings.desk_name.trim().is_empty() {
            locks::default_desk_name()
        } else {
            self.settings.desk_name.trim().to_owned()
        };
        DraftLock::new(&desk, &self.session, Utc::now())
    }

    /// Takes the edit lock of `path` now (at start-up, before the first frame); returns
    /// who holds it when that is another desk.
    pub(super) fn lock_draft(&mut self, path: &Path) -> Option<DraftLock> {
        take_lock(path, &self.my_lock())
    }

    /// Gives up the open draft's lock (on a worker).
    pub(super) fn release_lock(&mut self) {
        let Some(release) = self.take_lock_release() else {
            return;
        };
        self.worker.spawn("draft-unlock", move || {
            release.run();
            WorkerEvent::LockRenewed
        });
    }

    /// The release of the open draft's lock, if this window holds one, to run on a worker.
    fn take_lock_release(&mut self) -> Option<LockRelease> {
        self.lock_renewed.take()?;
        Some(LockRelease {
            path: self.draft_path.clone()?,
            session: self.session.clone(),
        })
    }

    /// Renews the open draft's lock when it is due, so other desks see it is alive.
    fn renew_lock_if_due(&mut self, ctx: &egui::Context) {
        let Some(renewed) = self.lock_renewed else {
            return;
        };
        let every = Duration::from_secs(locks::LOCK_RENEW_SECS);
        if renewed.elapsed() < every {
            ctx.request_repaint_after(every.saturating_sub(renewed.elapsed()));
            return;
        }
        let Some(path) = self.draft_path.clone() else {
            return;
        };
        self.lock_renewed = Some(Instant::now());
        let mine = self.my_lock();
        self.worker.spawn("draft-lock", move || {
            // Renew only a lock that is still ours (another desk may have taken it over
            // after it expired, e.g. while this computer slept).
            let ours = locks::read(&path).is_none_or(|held| held.session == mine.session);
            if ours && let Err(err) = locks::renew(&path, &mine) {
                log::warn!("renewing a draft lock failed: {}", err.kind());
            }
            WorkerEvent::LockRenewed
        });
    }

    /// Takes over the lock of the draft shown read-only (the user confirmed that the
    /// other desk's lock expired).
    pub(super) fn take_over_lock(&mut self) {
        self.ui.confirm_take_over = false;
        let Some(path) = self.draft_path.clone() else {
            return;
        };
        let mine = self.my_lock();
        self.worker.spawn("draft-lock", move || {
            WorkerEvent::LockTakenOver(
                locks::renew(&path, &mine).map_err(|e| JobError::Write(std::sync::Arc::new(e))),
            )
        });
    }

    pub(super) fn is_in_library(&self, path: &Path) -> bool {
        path.parent() == Some(self.services.data.drafts_dir().as_path())
    }

    pub(super) fn on_opened(
        &mut self,
        path: PathBuf,
        result: Result<Box<Draft>, draft_io::DraftIoError>,
        remember: bool,
        held_by: Option<DraftLock>,
    ) {
        match result {
            Ok(draft) => {
                if remember && !self.is_in_library(&path) {
                    self.settings.remember(&path);
                }
                self.load_into_editor(*draft, path);
                self.lock_renewed = held_by.is_none().then(Instant::now);
                self.ui.read_only = held_by;
            }
            Err(err) => {
                let damaged = err.is_damaged_file();
                let err = JobError::from(err);
                let mut message = BannerMessage::Failed(err.clone());
                if damaged && self.is_in_library(&path) {
                    match draft_io::set_aside(&path, Utc::now()) {
                        Ok(aside) => message = BannerMessage::SetAside(err, aside),
                        Err(e) => log::warn!("could not set a damaged draft aside: {}", e.kind()),
                    }
                }
                if self.settings.last_draft.as_deref() == Some(path.as_path()) {
                    self.settings.last_draft = None;
                    self.save_settings();
                }
                self.show(Severity::Error, message);
                self.refresh_library();
            }
        }
    }

    pub(super) fn show(&mut self, severity: Severity, message: BannerMessage) {
        self.ui.banner = Some(Banner { severity, message });
    }

    pub(super) fn show_error(&mut self, err: JobError) {
        self.show(Severity::Error, BannerMessage::Failed(err));
    }

    pub(super) fn refresh_library(&mut self) {
        self.load_library(None);
    }

    /// Reads the library on a worker, after releasing a lock first when given one.
    fn load_library(&mut self, release: Option<LockRelease>) {
        self.ui.library = None;
        let library = self.library.clone();
        let recent = self.settings.recent.clone();
        self.worker.spawn("draft-library", move || {
            if let Some(release) = release {
                release.run();
            }
            WorkerEvent::Library(Box::new(crate::services::library::load(&library, &recent)))
        });
    }

    pub(super) fn save_settings(&mut self) {
        let path = self.services.data.settings_path();
        let settings = self.settings.clone();
        self.worker
            .spawn("settings-save", move || WorkerEvent::SettingsSaved {
                result: settings.save(&path),
            });
    }

    /// Queues a save of the draft if it is open.
    pub(super) fn save_now(&mut self) {
        self.last_edit = None;
        // A draft another desk edits is shown, never written.
        if self.ui.screen != Screen::Wizard || self.ui.read_only.is_some() {
            return;
        }
        if let Some(path) = &self.draft_path {
            if self.saver.save(path.clone(), self.draft.clone()) {
                self.ui.save_status = SaveStatus::Saving;
            } else {
                self.ui.save_status = SaveStatus::SaverStopped;
            }
        }
    }

    pub(super) fn save_as(&mut self, path: PathBuf) {
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

    /// Notices edits: refreshes the report and the change time, and starts the autosave
    /// countdown.
    pub(super) fn note_changes(&mut self) {
        if self.ui.screen == Screen::Wizard && self.draft != self.seen {
            self.draft.updated_at = Some(Utc::now());
            self.report = rules::validate_on(&self.draft, self.clock.today());
            self.seen = self.draft.clone();
            self.last_edit = Some(Instant::now());
        }
    }

    pub(super) fn after_frame(&mut self, ctx: &egui::Context) {
        self.note_changes();
        self.renew_lock_if_due(ctx);
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
        while self.worker.pending() > 0 {
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

    /// Writes the running marker; returns whether one was already there (beian died
    /// while running last time).
    pub(super) fn mark_running(&self) -> bool {
        let marker = self.services.data.running_marker_path();
        let found = marker.exists();
        if let Err(err) = draft_io::write_atomic(&marker, std::process::id().to_string().as_bytes())
        {
            log::warn!("cannot write the running marker: {}", err.kind());
        }
        found
    }

    /// Removes the running marker: beian is closing normally.
    pub(super) fn clear_running_mark(&self) {
        let marker = self.services.data.running_marker_path();
        if let Err(err) = std::fs::remove_file(&marker)
            && err.kind() != std::io::ErrorKind::NotFound
        {
            log::warn!("cannot remove the running marker: {}", err.kind());
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
        if self.lock_renewed.take().is_some()
            && let Some(path) = &self.draft_path
            && let Err(err) = locks::release(path, &self.session)
        {
            log::warn!("releasing a draft lock failed: {}", err.kind());
        }
        self.clear_running_mark();
    }
}

/// Takes the lock of `path` for `mine`; returns the other desk's lock when it holds it.
/// A lock that cannot be written (a read-only folder) does not stop the user working.
fn take_lock(path: &Path, mine: &DraftLock) -> Option<DraftLock> {
    match locks::acquire(path, mine) {
        Ok(LockOutcome::Acquired) => None,
        Ok(LockOutcome::HeldBy(held)) => Some(held),
        Err(err) => {
            log::warn!("taking a draft lock failed: {}", err.kind());
            None
        }
    }
}

/// Releasing the open draft's edit lock (a small file beside it), done on a worker.
struct LockRelease {
    path: PathBuf,
    session: String,
}

impl LockRelease {
    fn run(self) {
        if let Err(err) = locks::release(&self.path, &self.session) {
            log::warn!("releasing a draft lock failed: {}", err.kind());
        }
    }
}
