//! The file dialog beian runs with: the system's when it has one, else beian's own picker.
//! [`AutoFileDialog`] checks the system once at start-up on a named thread
//! (`dialog_probe`); a question asked before the check answered waits for it on the
//! dialog's own thread, never on the UI thread. Questions for the own picker are queued
//! as [`PickerRequest`]s that the app takes each frame, draws (`widgets::file_picker`)
//! and answers on the same channel types as the system dialog, so callers do not change.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use super::dialog::{
    DialogAnswer, DialogSpec, FileDialog, RfdFileDialog, rfd_many_blocking, rfd_one_blocking,
};
use super::dialog_probe::{self, Backend};
use crate::lang::Lang as _;

/// How long a question waits for the start-up check before using the own picker.
pub const PROBE_WAIT: Duration = Duration::from_secs(4);

pub use super::dialog::{PickerReply, PickerRequest};

#[derive(Debug, Default)]
struct Decision {
    backend: Mutex<Option<Backend>>,
    decided: Condvar,
}

impl Decision {
    fn set(&self, backend: Backend) {
        if let Ok(mut slot) = self.backend.lock() {
            *slot = Some(backend);
        }
        self.decided.notify_all();
    }

    fn now(&self) -> Option<Backend> {
        self.backend.lock().ok().and_then(|b| *b)
    }

    /// Waits for the check up to `wait`; no answer by then is no system dialog.
    fn wait(&self, wait: Duration) -> Backend {
        let Ok(slot) = self.backend.lock() else {
            return Backend::BuiltIn;
        };
        match self.decided.wait_timeout_while(slot, wait, |b| b.is_none()) {
            Ok((slot, _)) => slot.unwrap_or(Backend::BuiltIn),
            Err(_) => Backend::BuiltIn,
        }
    }
}

/// The system's file dialog when it has one, beian's own picker otherwise.
#[derive(Clone, Debug)]
pub struct AutoFileDialog {
    decision: Arc<Decision>,
    queue: Arc<Mutex<VecDeque<PickerRequest>>>,
    notice_given: Arc<AtomicBool>,
}

impl AutoFileDialog {
    /// Chooses by `BEIAN_FILE_DIALOG`, else starts checking the system on a named thread.
    pub fn detect() -> AutoFileDialog {
        if let Some(backend) = dialog_probe::from_env() {
            return AutoFileDialog::with_backend(backend);
        }
        let dialog = AutoFileDialog::undecided();
        let decision = Arc::clone(&dialog.decision);
        let spawned = std::thread::Builder::new()
            .name("file-dialog-check".to_owned())
            .spawn(move || {
                let backend = dialog_probe::probe();
                if backend == Backend::BuiltIn {
                    log::info!("no system file dialog; beian uses its own file picker");
                }
                decision.set(backend);
            });
        if let Err(err) = spawned {
            log::error!("cannot start the file dialog check: {err}; using the own picker");
            dialog.decision.set(Backend::BuiltIn);
        }
        dialog
    }

    /// Uses `backend`, without checking (tests, and the environment variable).
    pub fn with_backend(backend: Backend) -> AutoFileDialog {
        let dialog = AutoFileDialog::undecided();
        dialog.decision.set(backend);
        dialog
    }

    fn undecided() -> AutoFileDialog {
        AutoFileDialog {
            decision: Arc::default(),
            queue: Arc::default(),
            notice_given: Arc::default(),
        }
    }

    /// The backend in use, once known.
    pub fn backend(&self) -> Option<Backend> {
        self.decision.now()
    }

    fn enqueue(&self, spec: DialogSpec, reply: PickerReply) {
        enqueue(&self.queue, &self.notice_given, spec, reply);
    }

    fn one(&self, ctx: &egui::Context, spec: DialogSpec) -> DialogAnswer {
        match self.decision.now() {
            Some(Backend::System) => RfdFileDialog.one(ctx, &spec),
            Some(Backend::BuiltIn) => {
                let (tx, rx) = sync_channel(1);
                self.enqueue(spec, PickerReply::One(tx));
                ctx.request_repaint();
                rx
            }
            None => {
                let (tx, rx) = sync_channel(1);
                let this = self.clone();
                let locale = ctx.locale();
                after_check(ctx, move || match this.decision.wait(PROBE_WAIT) {
                    Backend::System => {
                        if tx.send(rfd_one_blocking(locale, &spec)).is_err() {
                            log::debug!("file dialog answered after the app stopped");
                        }
                    }
                    Backend::BuiltIn => this.enqueue(spec, PickerReply::One(tx)),
                });
                rx
            }
        }
    }

    fn many(&self, ctx: &egui::Context, spec: DialogSpec) -> Receiver<Vec<PathBuf>> {
        match self.decision.now() {
            Some(Backend::System) => RfdFileDialog.many(ctx, &spec),
            Some(Backend::BuiltIn) => {
                let (tx, rx) = sync_channel(1);
                self.enqueue(spec, PickerReply::Many(tx));
                ctx.request_repaint();
                rx
            }
            None => {
                let (tx, rx) = sync_channel(1);
                let this = self.clone();
                let locale = ctx.locale();
                after_check(ctx, move || match this.decision.wait(PROBE_WAIT) {
                    Backend::System => {
                        if tx.send(rfd_many_blocking(locale, &spec)).is_err() {
                            log::debug!("file dialog answered after the app stopped");
                        }
                    }
                    Backend::BuiltIn => this.enqueue(spec, PickerReply::Many(tx)),
                });
                rx
            }
        }
    }
}

/// Runs `job` (which waits for the check) on a named thread, then repaints.
fn after_check(ctx: &egui::Context, job: impl FnOnce() + Send + 'static) {
    let ctx = ctx.clone();
    let spawned = std::thread::Builder::new()
        .name("file-dialog".to_owned())
        .spawn(move || {
            job();
            ctx.request_repaint();
        });
    if let Err(err) = spawned {
        log::error!("cannot start the file dialog thread: {err}");
    }
}

fn enqueue(
    queue: &Mutex<VecDeque<PickerRequest>>,
    notice_given: &AtomicBool,
    spec: DialogSpec,
    reply: PickerReply,
) {
    let first_use = !notice_given.swap(true, Ordering::SeqCst);
    match queue.lock() {
        Ok(mut q) => q.push_back(PickerRequest {
            spec,
            reply,
            first_use,
        }),
        Err(_) => {
            log::error!("the file picker queue is unusable; answering cancel");
            reply.send(Vec::new());
        }
    }
}

impl FileDialog for AutoFileDialog {
    fn open_draft(&self, ctx: &egui::Context) -> DialogAnswer {
        self.one(ctx, DialogSpec::open_draft())
    }

    fn save_draft(&self, ctx: &egui::Context, suggested_name: &str) -> DialogAnswer {
        self.one(ctx, DialogSpec::save_draft(suggested_name))
    }

    fn pick_documents(&self, ctx: &egui::Context) -> Receiver<Vec<PathBuf>> {
        self.many(ctx, DialogSpec::documents())
    }

    fn pick_photo(&self, ctx: &egui::Context) -> Receiver<Vec<PathBuf>> {
        self.many(ctx, DialogSpec::photo())
    }

    fn pick_package(&self, ctx: &egui::Context) -> Receiver<Vec<PathBuf>> {
        self.many(ctx, DialogSpec::package())
    }

    fn open_bundle(&self, ctx: &egui::Context) -> DialogAnswer {
        self.one(ctx, DialogSpec::open_bundle())
    }

    fn save_bundle(&self, ctx: &egui::Context, suggested_name: &str) -> DialogAnswer {
        self.one(ctx, DialogSpec::save_bundle(suggested_name))
    }

    fn open_key(&self, ctx: &egui::Context) -> DialogAnswer {
        self.one(ctx, DialogSpec::open_key())
    }

    fn open_transfer(&self, ctx: &egui::Context) -> DialogAnswer {
        self.one(ctx, DialogSpec::open_transfer())
    }

    fn save_transfer(&self, ctx: &egui::Context, suggested_name: &str) -> DialogAnswer {
        self.one(ctx, DialogSpec::save_transfer(suggested_name))
    }

    fn save_overview(&self, ctx: &egui::Context, suggested_name: &str) -> DialogAnswer {
        self.one(ctx, DialogSpec::save_overview(suggested_name))
    }

    fn save_paper(&self, ctx: &egui::Context, suggested_name: &str) -> DialogAnswer {
        self.one(ctx, DialogSpec::save_paper(suggested_name))
    }

    fn take_in_app_request(&self) -> Option<PickerRequest> {
        self.queue.lock().ok().and_then(|mut q| q.pop_front())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_own_picker_gets_the_questions_and_says_so_once() {
        let dialog = AutoFileDialog::with_backend(Backend::BuiltIn);
        let ctx = egui::Context::default();
        let first = dialog.open_draft(&ctx);
        let second = dialog.pick_documents(&ctx);
        let asked = dialog.take_in_app_request().unwrap();
        assert_eq!(asked.spec, DialogSpec::open_draft());
        assert!(asked.first_use);
        asked
            .reply
            .send(vec![PathBuf::from("a.ron"), PathBuf::from("b.ron")]);
        assert_eq!(first.recv().unwrap(), Some(PathBuf::from("a.ron")));
        let asked = dialog.take_in_app_request().unwrap();
        assert!(!asked.first_use);
        assert_eq!(asked.spec.mode, super::super::dialog::DialogMode::OpenMany);
        asked.reply.send(Vec::new());
        assert_eq!(second.recv().unwrap(), Vec::<PathBuf>::new());
        assert!(dialog.take_in_app_request().is_none());
    }

    #[test]
    fn a_question_before_the_check_waits_for_it_off_the_ui_thread() {
        let dialog = AutoFileDialog::undecided();
        let ctx = egui::Context::default();
        let answer = dialog.save_draft(&ctx, "x.ron");
        assert!(dialog.take_in_app_request().is_none());
        dialog.decision.set(Backend::BuiltIn);
        let mut asked = None;
        for _ in 0..200 {
            asked = dialog.take_in_app_request();
            if asked.is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let asked = asked.unwrap();
        assert_eq!(asked.spec, DialogSpec::save_draft("x.ron"));
        asked.reply.send(vec![PathBuf::from("/tmp/x.ron")]);
        assert_eq!(
            answer.recv_timeout(Duration::from_secs(5)).unwrap(),
            Some(PathBuf::from("/tmp/x.ron"))
        );
    }
}
