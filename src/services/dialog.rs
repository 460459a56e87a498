//! The system file dialog behind a trait. The real one uses `rfd` asynchronously: the
//! dialog future is made on the UI thread (macOS wants that) and awaited on a named
//! thread, so the UI keeps drawing while the dialog is open.

use crate::i18n::Locale;
use crate::lang::Lang as _;
use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

/// What the user picked in a file dialog: a path, or nothing when cancelled.
pub type DialogAnswer = Receiver<Option<PathBuf>>;

/// Asks the user for files. Answers arrive on the returned channel.
pub trait FileDialog {
    /// Ask for a draft file to open.
    fn open_draft(&self, ctx: &egui::Context) -> DialogAnswer;
    /// Ask where to save a draft, suggesting a file name.
    fn save_draft(&self, ctx: &egui::Context, suggested_name: &str) -> DialogAnswer;
    /// Ask for one or more document files (images or PDFs).
    fn pick_documents(&self, ctx: &egui::Context) -> Receiver<Vec<PathBuf>>;
    /// Ask for an existing face photo (pictures only). The fake answers it from the same
    /// queue as documents.
    fn pick_photo(&self, ctx: &egui::Context) -> Receiver<Vec<PathBuf>> {
        self.pick_documents(ctx)
    }
    /// Ask for an APP package or certificate file (.apk, .ipa, .hap, .app,
    /// .mobileprovision, .cer…). The fake answers it from the same queue as documents.
    fn pick_package(&self, ctx: &egui::Context) -> Receiver<Vec<PathBuf>> {
        self.pick_documents(ctx)
    }
    /// Ask for a bundle (.zip) to open.
    fn open_bundle(&self, ctx: &egui::Context) -> DialogAnswer;
    /// Ask where to write a bundle, suggesting a file name.
    fn save_bundle(&self, ctx: &egui::Context, suggested_name: &str) -> DialogAnswer;
    /// Ask for a minisign secret key file (a help-desk key).
    fn open_key(&self, ctx: &egui::Context) -> DialogAnswer;
    /// Ask for a draft transfer file (`.beiandraft`) to import.
    fn open_transfer(&self, ctx: &egui::Context) -> DialogAnswer;
    /// Ask where to write a draft transfer file, suggesting a file name.
    fn save_transfer(&self, ctx: &egui::Context, suggested_name: &str) -> DialogAnswer;
    /// Ask where to write the daily overview (HTML), suggesting a file name.
    fn save_overview(&self, ctx: &egui::Context, suggested_name: &str) -> DialogAnswer;
    /// Ask where to write a printed paper (PDF), suggesting a file name.
    fn save_paper(&self, ctx: &egui::Context, suggested_name: &str) -> DialogAnswer;
    /// A question waiting for beian's own file picker (when the system has no file
    /// dialog); the app takes it, draws the picker and answers on its channel.
    fn take_in_app_request(&self) -> Option<PickerRequest> {
        None
    }
}

pub use crate::store::file_choice::{DialogMode, DialogSpec};

/// Where the picker's answer goes.
#[derive(Debug)]
pub enum PickerReply {
    /// One file, or `None` when cancelled.
    One(SyncSender<Option<PathBuf>>),
    /// Several files (none when cancelled).
    Many(SyncSender<Vec<PathBuf>>),
}

impl PickerReply {
    /// Answers with the chosen files (the first only for a one-file question; none is a
    /// cancel).
    pub fn send(self, paths: Vec<PathBuf>) {
        let sent = match self {
            PickerReply::One(tx) => tx.send(paths.into_iter().next()).is_ok(),
            PickerReply::Many(tx) => tx.send(paths).is_ok(),
        };
        if !sent {
            log::debug!("file picker answered after the app stopped listening");
        }
    }
}

/// A question for beian's own picker.
#[derive(Debug)]
pub struct PickerRequest {
    /// What is asked.
    pub spec: DialogSpec,
    /// Where the answer goes.
    pub reply: PickerReply,
    /// The first question of this run: the picker says that the system has no file
    /// dialog (once).
    pub first_use: bool,
}

/// The operating system's file dialog, through `rfd`.
#[derive(Debug, Default)]
pub struct RfdFileDialog;

/// The rfd dialog for `spec`. Filters are case-sensitive on some systems: opening also
/// shows the upper-case extensions.
fn rfd_dialog(locale: Locale, spec: &DialogSpec) -> rfd::AsyncFileDialog {
    let mut extensions = spec.extensions.clone();
    if !matches!(spec.mode, DialogMode::Save { .. }) {
        extensions.extend(spec.extensions.iter().map(|e| e.to_uppercase()));
    }
    let dialog = rfd::AsyncFileDialog::new()
        .set_title(crate::i18n::t(locale, spec.title_key))
        .add_filter(crate::i18n::t(locale, spec.filter_key), &extensions);
    match &spec.mode {
        DialogMode::Save { suggested_name } => dialog.set_file_name(suggested_name),
        DialogMode::Open | DialogMode::OpenMany => dialog,
    }
}

/// Shows the system dialog for one file and waits for it (on the calling thread).
pub(crate) fn rfd_one_blocking(locale: Locale, spec: &DialogSpec) -> Option<PathBuf> {
    let dialog = rfd_dialog(locale, spec);
    let answer = match spec.mode {
        DialogMode::Save { .. } => pollster::block_on(dialog.save_file()),
        DialogMode::Open | DialogMode::OpenMany => pollster::block_on(dialog.pick_file()),
    };
    answer.map(|h| h.path().to_path_buf())
}

/// Shows the system dialog for several files and waits for it (on the calling thread).
pub(crate) fn rfd_many_blocking(locale: Locale, spec: &DialogSpec) -> Vec<PathBuf> {
    pollster::block_on(rfd_dialog(locale, spec).pick_files())
        .unwrap_or_default()
        .iter()
        .map(|h| h.path().to_path_buf())
        .collect()
}

/// Runs `job` on a named thread and answers on a channel, repainting when done.
pub(crate) fn answer_on_thread<T: Send + 'static>(
    ctx: &egui::Context,
    job: impl FnOnce() -> T + Send + 'static,
) -> Receiver<T> {
    let (tx, rx) = sync_channel(1);
    let ctx = ctx.clone();
    let spawned = std::thread::Builder::new()
        .name("file-dialog".to_owned())
        .spawn(move || {
            if tx.send(job()).is_err() {
                log::debug!("file dialog answered after the app stopped listening");
            }
            ctx.request_repaint();
        });
    if let Err(err) = spawned {
        log::error!("cannot start the file dialog thread: {err}");
    }
    rx
}

fn await_on_thread(
    ctx: &egui::Context,
    future: impl std::future::Future<Output = Option<rfd::FileHandle>> + Send + 'static,
) -> DialogAnswer {
    answer_on_thread(ctx, move || {
        pollster::block_on(future).map(|h| h.path().to_path_buf())
    })
}

impl RfdFileDialog {
    /// Asks for one file (the dialog is made here, on the UI thread, as macOS wants).
    pub fn one(&self, ctx: &egui::Context, spec: &DialogSpec) -> DialogAnswer {
        let dialog = rfd_dialog(ctx.locale(), spec);
        match spec.mode {
            DialogMode::Save { .. } => await_on_thread(ctx, dialog.save_file()),
            DialogMode::Open | DialogMode::OpenMany => await_on_thread(ctx, dialog.pick_file()),
        }
    }

    /// Asks for several files.
    pub fn many(&self, ctx: &egui::Context, spec: &DialogSpec) -> Receiver<Vec<PathBuf>> {
        let future = rfd_dialog(ctx.locale(), spec).pick_files();
        answer_on_thread(ctx, move || {
            pollster::block_on(future)
                .unwrap_or_default()
                .iter()
                .map(|h| h.path().to_path_buf())
                .collect()
        })
    }
}

impl FileDialog for RfdFileDialog {
    fn open_draft(&self, ctx: &egui::Context) -> DialogAnswer {
        self.one(ctx, &DialogSpec::open_draft())
    }

    fn pick_documents(&self, ctx: &egui::Context) -> Receiver<Vec<PathBuf>> {
        self.many(ctx, &DialogSpec::documents())
    }

    fn pick_photo(&self, ctx: &egui::Context) -> Receiver<Vec<PathBuf>> {
        self.many(ctx, &DialogSpec::photo())
    }

    fn pick_package(&self, ctx: &egui::Context) -> Receiver<Vec<PathBuf>> {
        self.many(ctx, &DialogSpec::package())
    }

    fn save_draft(&self, ctx: &egui::Context, suggested_name: &str) -> DialogAnswer {
        self.one(ctx, &DialogSpec::save_draft(suggested_name))
    }

    fn open_bundle(&self, ctx: &egui::Context) -> DialogAnswer {
        self.one(ctx, &DialogSpec::open_bundle())
    }

    fn open_key(&self, ctx: &egui::Context) -> DialogAnswer {
        self.one(ctx, &DialogSpec::open_key())
    }

    fn save_bundle(&self, ctx: &egui::Context, suggested_name: &str) -> DialogAnswer {
        self.one(ctx, &DialogSpec::save_bundle(suggested_name))
    }

    fn open_transfer(&self, ctx: &egui::Context) -> DialogAnswer {
        self.one(ctx, &DialogSpec::open_transfer())
    }

    fn save_transfer(&self, ctx: &egui::Context, suggested_name: &str) -> DialogAnswer {
        self.one(ctx, &DialogSpec::save_transfer(suggested_name))
    }

    fn save_overview(&self, ctx: &egui::Context, suggested_name: &str) -> DialogAnswer {
        self.one(ctx, &DialogSpec::save_overview(suggested_name))
    }

    fn save_paper(&self, ctx: &egui::Context, suggested_name: &str) -> DialogAnswer {
        self.one(ctx, &DialogSpec::save_paper(suggested_name))
    }
}

/// A file dialog that answers at once from a queue of prepared answers (cancel when the
/// queue is empty). For tests and for scripted demos.
#[derive(Clone, Debug, Default)]
pub struct FakeFileDialog {
    answers: Arc<Mutex<VecDeque<Option<PathBuf>>>>,
    document_answers: Arc<Mutex<VecDeque<Vec<PathBuf>>>>,
    asked: Arc<Mutex<Vec<String>>>,
}

impl FakeFileDialog {
    /// Queues the answer to the next question.
    pub fn answer(&self, path: Option<PathBuf>) {
        if let Ok(mut q) = self.answers.lock() {
            q.push_back(path);
        }
    }

    /// Queues the answer to the next request for documents.
    pub fn answer_documents(&self, paths: Vec<PathBuf>) {
        if let Ok(mut q) = self.document_answers.lock() {
            q.push_back(paths);
        }
    }

    /// The questions asked so far (`open` or `save:<suggested name>`).
    pub fn asked(&self) -> Vec<String> {
        self.asked.lock().map(|a| a.clone()).unwrap_or_default()
    }

    fn reply(&self, question: String) -> DialogAnswer {
        let (tx, rx) = sync_channel(1);
        if let Ok(mut a) = self.asked.lock() {
            a.push(question);
        }
        let answer = self
            .answers
            .lock()
            .ok()
            .and_then(|mut q| q.pop_front())
            .flatten();
        // The receiver is alive: this cannot fail.
        let _sent = tx.send(answer).is_ok();
        rx
    }
}

impl FileDialog for FakeFileDialog {
    fn open_draft(&self, _ctx: &egui::Context) -> DialogAnswer {
        self.reply("open".to_owned())
    }

    fn save_draft(&self, _ctx: &egui::Context, suggested_name: &str) -> DialogAnswer {
        self.reply(format!("save:{suggested_name}"))
    }

    fn open_bundle(&self, _ctx: &egui::Context) -> DialogAnswer {
        self.reply("open_bundle".to_owned())
    }

    fn save_bundle(&self, _ctx: &egui::Context, suggested_name: &str) -> DialogAnswer {
        self.reply(format!("save_bundle:{suggested_name}"))
    }

    fn open_key(&self, _ctx: &egui::Context) -> DialogAnswer {
        self.reply("open_key".to_owned())
    }

    fn open_transfer(&self, _ctx: &egui::Context) -> DialogAnswer {
        self.reply("open_transfer".to_owned())
    }

    fn save_transfer(&self, _ctx: &egui::Context, suggested_name: &str) -> DialogAnswer {
        self.reply(format!("save_transfer:{suggested_name}"))
    }

    fn save_overview(&self, _ctx: &egui::Context, suggested_name: &str) -> DialogAnswer {
        self.reply(format!("save_overview:{suggested_name}"))
    }

    fn save_paper(&self, _ctx: &egui::Context, suggested_name: &str) -> DialogAnswer {
        self.reply(format!("save_paper:{suggested_name}"))
    }

    fn pick_documents(&self, _ctx: &egui::Context) -> Receiver<Vec<PathBuf>> {
        let (tx, rx) = sync_channel(1);
        if let Ok(mut a) = self.asked.lock() {
            a.push("documents".to_owned());
        }
        let answer = self
            .document_answers
            .lock()
            .ok()
            .and_then(|mut q| q.pop_front())
            .unwrap_or_default();
        // The receiver is alive: this cannot fail.
        let _sent = tx.send(answer).is_ok();
        rx
    }
}
