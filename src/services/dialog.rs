//! The system file dialog behind a trait. The real one uses `rfd` asynchronously: the
//! dialog future is made on the UI thread (macOS wants that) and awaited on a named
//! thread, so the UI keeps drawing while the dialog is open.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, sync_channel};
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
}

/// The operating system's file dialog, through `rfd`.
#[derive(Debug, Default)]
pub struct RfdFileDialog;

fn await_on_thread(
    ctx: &egui::Context,
    future: impl std::future::Future<Output = Option<rfd::FileHandle>> + Send + 'static,
) -> DialogAnswer {
    let (tx, rx) = sync_channel(1);
    let ctx = ctx.clone();
    let spawned = std::thread::Builder::new()
        .name("file-dialog".to_owned())
        .spawn(move || {
            let answer = pollster::block_on(future).map(|h| h.path().to_path_buf());
            if tx.send(answer).is_err() {
                log::debug!("file dialog answered after the app stopped listening");
            }
            ctx.request_repaint();
        });
    if let Err(err) = spawned {
        log::error!("cannot start the file dialog thread: {err}");
    }
    rx
}

impl FileDialog for RfdFileDialog {
    fn open_draft(&self, ctx: &egui::Context) -> DialogAnswer {
        let future = rfd::AsyncFileDialog::new()
            .set_title(crate::i18n::t("dialog.open_title"))
            .add_filter(crate::i18n::t("dialog.filter_drafts"), &["ron"])
            .pick_file();
        await_on_thread(ctx, future)
    }

    fn pick_documents(&self, ctx: &egui::Context) -> Receiver<Vec<PathBuf>> {
        let future = rfd::AsyncFileDialog::new()
            .set_title(crate::i18n::t("dialog.documents_title"))
            .add_filter(
                crate::i18n::t("dialog.filter_documents"),
                &[
                    "jpg", "jpeg", "png", "webp", "pdf", "JPG", "JPEG", "PNG", "PDF",
                ],
            )
            .pick_files();
        let (tx, rx) = sync_channel(1);
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("file-dialog".to_owned())
            .spawn(move || {
                let answer: Vec<PathBuf> = pollster::block_on(future)
                    .unwrap_or_default()
                    .iter()
                    .map(|h| h.path().to_path_buf())
                    .collect();
                if tx.send(answer).is_err() {
                    log::debug!("file dialog answered after the app stopped listening");
                }
                ctx.request_repaint();
            });
        if let Err(err) = spawned {
            log::error!("cannot start the file dialog thread: {err}");
        }
        rx
    }

    fn save_draft(&self, ctx: &egui::Context, suggested_name: &str) -> DialogAnswer {
        let future = rfd::AsyncFileDialog::new()
            .set_title(crate::i18n::t("dialog.save_title"))
            .add_filter(crate::i18n::t("dialog.filter_drafts"), &["ron"])
            .set_file_name(suggested_name)
            .save_file();
        await_on_thread(ctx, future)
    }

    fn open_bundle(&self, ctx: &egui::Context) -> DialogAnswer {
        let future = rfd::AsyncFileDialog::new()
            .set_title(crate::i18n::t("dialog.open_bundle_title"))
            .add_filter(crate::i18n::t("dialog.filter_bundles"), &["zip", "ZIP"])
            .pick_file();
        await_on_thread(ctx, future)
    }

    fn open_key(&self, ctx: &egui::Context) -> DialogAnswer {
        let future = rfd::AsyncFileDialog::new()
            .set_title(crate::i18n::t("dialog.open_key_title"))
            .add_filter(crate::i18n::t("dialog.filter_keys"), &["key"])
            .pick_file();
        await_on_thread(ctx, future)
    }

    fn save_bundle(&self, ctx: &egui::Context, suggested_name: &str) -> DialogAnswer {
        let future = rfd::AsyncFileDialog::new()
            .set_title(crate::i18n::t("dialog.save_bundle_title"))
            .add_filter(crate::i18n::t("dialog.filter_bundles"), &["zip"])
            .set_file_name(suggested_name)
            .save_file();
        await_on_thread(ctx, future)
    }

    fn open_transfer(&self, ctx: &egui::Context) -> DialogAnswer {
        let ext = crate::bundle::transfer::EXTENSION;
        let future = rfd::AsyncFileDialog::new()
            .set_title(crate::i18n::t("dialog.open_transfer_title"))
            .add_filter(crate::i18n::t("dialog.filter_transfers"), &[ext])
            .pick_file();
        await_on_thread(ctx, future)
    }

    fn save_transfer(&self, ctx: &egui::Context, suggested_name: &str) -> DialogAnswer {
        let ext = crate::bundle::transfer::EXTENSION;
        let future = rfd::AsyncFileDialog::new()
            .set_title(crate::i18n::t("dialog.save_transfer_title"))
            .add_filter(crate::i18n::t("dialog.filter_transfers"), &[ext])
            .set_file_name(suggested_name)
            .save_file();
        await_on_thread(ctx, future)
    }

    fn save_overview(&self, ctx: &egui::Context, suggested_name: &str) -> DialogAnswer {
        let future = rfd::AsyncFileDialog::new()
            .set_title(crate::i18n::t("dialog.save_overview_title"))
            .add_filter(crate::i18n::t("dialog.filter_html"), &["html", "htm"])
            .set_file_name(suggested_name)
            .save_file();
        await_on_thread(ctx, future)
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
