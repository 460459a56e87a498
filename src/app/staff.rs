//! `StaffAction`: the staff passphrase, the lock screen, applicant mode and encryption at
//! rest. The passphrase jobs and the conversion run on worker threads
//! (`services::staff`); their results come back as [`StaffEvent`]s.
//!
//! - With a staff passphrase set, beian starts locked, and locks after the idle time.
//! - Applicant mode shows the open filing only: no start screen, no other file.
//!   "下一位申请人" saves and closes it and locks; only the passphrase leaves the mode.
//! - Locking forgets the library's key, so an encrypted library cannot be read until the
//!   next unlock; saving goes on (it needs only the public key).

use std::sync::Arc;

use super::*;
use crate::action::StaffAction;
use crate::services::staff::{self, Progress, StaffEvent};
use crate::steps::lock_screen::{LockReason, LockUi};
use crate::steps::staff_settings::StaffMessage;
use crate::store::sealed;

impl BeianApp {
    /// Whether the library has a staff passphrase (as read at start and after each job).
    pub fn has_staff_key(&self) -> bool {
        self.ui.staff.key.has_key
    }

    /// Whether beian shows the lock screen.
    pub fn is_locked(&self) -> bool {
        self.ui.lock.is_some()
    }

    pub(super) fn apply_staff(&mut self, action: StaffAction) {
        let library = self.library.clone();
        match action {
            StaffAction::OpenSettings => {
                if self.ui.applicant {
                    return;
                }
                self.ui.staff = crate::steps::staff_settings::StaffUi {
                    key: staff::key_state(library.dir()),
                    ..Default::default()
                };
                self.ui.screen = Screen::Staff;
            }
            StaffAction::CloseSettings => {
                let key = self.ui.staff.key.clone();
                self.ui.staff = crate::steps::staff_settings::StaffUi {
                    key,
                    ..Default::default()
                };
                self.ui.screen = Screen::Start;
                self.refresh_library();
            }
            StaffAction::SaveSettings => self.save_settings(),
            StaffAction::SubmitPassphrase => self.submit_passphrase(library),
            StaffAction::Convert(seal) => {
                let progress = Arc::new(Progress::default());
                self.ui.staff.busy = true;
                self.ui.staff.confirm_convert = None;
                self.ui.staff.message = None;
                self.ui.staff.progress = Some((0, 0));
                self.conversion = Some(progress.clone());
                self.worker.spawn("library-convert", move || {
                    WorkerEvent::Staff(staff::convert(&library, seal, &progress))
                });
            }
            StaffAction::Lock => self.lock(LockReason::Staff),
            StaffAction::HandOver => {
                if self.has_staff_key() && self.ui.screen == Screen::Wizard {
                    self.ui.applicant = true;
                    self.save_now();
                }
            }
            StaffAction::NextApplicant => {
                self.save_now();
                self.close_draft();
                self.ui.applicant = false;
                self.lock(LockReason::Handover);
            }
            StaffAction::Unlock => {
                let Some(lock) = &mut self.ui.lock else {
                    return;
                };
                if lock.busy || lock.passphrase.is_empty() {
                    return;
                }
                lock.busy = true;
                lock.error = None;
                let passphrase = std::mem::take(&mut lock.passphrase);
                self.worker.spawn("staff-unlock", move || {
                    staff_event(staff::unlock(&library, &passphrase))
                });
            }
        }
    }

    fn submit_passphrase(&mut self, library: sealed::Library) {
        let ui = &mut self.ui.staff;
        if ui.new != ui.confirm {
            ui.message = Some(StaffMessage::new(
                "staff.passphrase.mismatch",
                Vec::new(),
                true,
            ));
            return;
        }
        if ui.new.chars().count() < sealed::MIN_PASSPHRASE_CHARS {
            let count = sealed::MIN_PASSPHRASE_CHARS.to_string();
            ui.message = Some(StaffMessage::new(
                "vault.error.too_short",
                vec![("count".into(), count)],
                true,
            ));
            return;
        }
        ui.busy = true;
        ui.message = None;
        let new = std::mem::take(&mut ui.new);
        ui.confirm.clear();
        let old = std::mem::take(&mut ui.old);
        let has_key = ui.key.has_key;
        let work = self.key_work_factor;
        self.worker.spawn("staff-passphrase", move || {
            staff_event(if has_key {
                staff::change_passphrase(&library, &old, &new, work)
            } else {
                staff::set_passphrase(&library, &new, work)
            })
        });
    }

    /// Shows the lock screen and forgets the library's key. The open draft stays in
    /// memory (and keeps being saved) but nothing of it is drawn.
    pub(super) fn lock(&mut self, reason: LockReason) {
        if !self.has_staff_key() {
            return;
        }
        self.save_now();
        self.ui.focus = None;
        self.library.lock();
        self.ui.lock = Some(LockUi::new(reason));
        log::info!("locked");
    }

    pub(super) fn on_staff_event(&mut self, event: StaffEvent) {
        let library = self.services.data.drafts_dir();
        match event {
            StaffEvent::Unlocked(result) => {
                let Some(lock) = &mut self.ui.lock else {
                    return;
                };
                lock.busy = false;
                match result {
                    Ok(()) => {
                        let reason = lock.reason;
                        self.ui.lock = None;
                        self.last_activity = self.clock.mark();
                        if reason != LockReason::Idle {
                            self.ui.applicant = false;
                        }
                        if std::mem::take(&mut self.ui.resume_start) {
                            self.resume_start();
                        } else if self.ui.screen == Screen::Start {
                            self.refresh_library();
                        }
                        log::info!("unlocked");
                    }
                    Err(err) => lock.error = Some(err.message_key().to_owned()),
                }
            }
            StaffEvent::PassphraseSet(result) | StaffEvent::PassphraseChanged(result) => {
                let ui = &mut self.ui.staff;
                ui.busy = false;
                ui.key = staff::key_state(&library);
                ui.message = Some(match result {
                    Ok(()) => StaffMessage::new("staff.passphrase.done", Vec::new(), false),
                    Err(err) => StaffMessage::new(err.message_key(), Vec::new(), true),
                });
            }
            StaffEvent::Converted { sealed, result } => {
                self.conversion = None;
                let ui = &mut self.ui.staff;
                ui.busy = false;
                ui.progress = None;
                ui.key = staff::key_state(&library);
                ui.message = Some(match result {
                    Ok(done) => {
                        let key = if sealed {
                            "staff.encryption.done_on"
                        } else {
                            "staff.encryption.done_off"
                        };
                        StaffMessage::new(
                            key,
                            vec![("count".into(), done.changed.to_string())],
                            false,
                        )
                    }
                    Err(err) => StaffMessage::new(err.message_key(), Vec::new(), true),
                });
            }
        }
    }

    /// Counts input as activity, locks after the idle time, and keeps a running
    /// conversion's progress bar moving.
    pub(super) fn watch_idle(&mut self, ctx: &egui::Context) {
        if let Some(progress) = &self.conversion {
            self.ui.staff.progress = Some(progress.get());
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        let active = ctx.input(|i| !i.events.is_empty());
        if active {
            self.last_activity = self.clock.mark();
        }
        if self.is_locked() || !self.has_staff_key() || self.ui.staff.busy {
            return;
        }
        let Some(limit) = self.settings.auto_lock() else {
            return;
        };
        let idle = self.clock.since(self.last_activity);
        if idle >= limit {
            self.lock(LockReason::Idle);
        } else {
            ctx.request_repaint_after(limit - idle);
        }
    }
}

fn staff_event(event: StaffEvent) -> WorkerEvent {
    WorkerEvent::Staff(event)
}
