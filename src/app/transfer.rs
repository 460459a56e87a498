//! `TransferAction`: moving a filing between computers (export a library draft as a
//! transfer file, import one, the question when its draft is already here in another
//! version) and printing the daily overview, each on a worker thread.

use super::*;
use crate::action::TransferAction;
use crate::services::transfer::{ImportOutcome, OnConflict};
use crate::steps::transfer::{Busy, PendingConflict, TransferMessage};

impl BeianApp {
    pub(super) fn apply_transfer(&mut self, action: TransferAction, ctx: &egui::Context) {
        match action {
            TransferAction::Export(path) => {
                let stem = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "draft".to_owned());
                let name = format!(
                    "{}.{}",
                    crate::bundle::safety::ascii_name(&stem),
                    crate::bundle::transfer::EXTENSION
                );
                let answer = self.services.dialog.save_transfer(ctx, &name);
                self.dialog = Some((DialogPurpose::SaveTransfer(path), answer));
            }
            TransferAction::Import => {
                let answer = self.services.dialog.open_transfer(ctx);
                self.dialog = Some((DialogPurpose::OpenTransfer, answer));
            }
            TransferAction::Resolve(choice) => {
                if let Some(conflict) = self.ui.steps.library.transfer.conflict.take() {
                    self.start_transfer_import(conflict.file, choice);
                }
            }
            TransferAction::CancelImport => {
                let state = &mut self.ui.steps.library.transfer;
                if state.conflict.take().is_some() {
                    state.message = Some(TransferMessage::ImportCancelled);
                }
            }
            TransferAction::PrintOverview => {
                let name = crate::services::overview::suggested_name(Local::now().date_naive());
                let answer = self.services.dialog.save_overview(ctx, &name);
                self.dialog = Some((DialogPurpose::SaveOverview, answer));
            }
            TransferAction::DismissMessage => self.ui.steps.library.transfer.message = None,
        }
    }

    pub(super) fn start_transfer_export(&mut self, draft: PathBuf, out: PathBuf) {
        self.begin(Busy::Exporting);
        let library = self.library_for(&draft);
        self.worker.spawn("transfer-export", move || {
            WorkerEvent::TransferExported(crate::services::transfer::export(&library, &draft, &out))
        });
    }

    pub(super) fn start_transfer_import(&mut self, file: PathBuf, choice: OnConflict) {
        self.begin(Busy::Importing);
        let library = self.library.clone();
        self.worker.spawn("transfer-import", move || {
            let result = crate::services::transfer::import(&library, &file, choice);
            WorkerEvent::TransferImported { file, result }
        });
    }

    pub(super) fn start_overview(&mut self, out: PathBuf) {
        self.begin(Busy::Overview);
        let library = self.library.clone();
        let (now, locale) = (self.clock.local_now(), self.settings.locale);
        self.worker.spawn("overview", move || {
            WorkerEvent::OverviewWritten(crate::services::overview::write(
                &library, &out, now, locale,
            ))
        });
    }

    fn begin(&mut self, busy: Busy) {
        let state = &mut self.ui.steps.library.transfer;
        state.busy = Some(busy);
        state.message = None;
    }

    pub(super) fn on_transfer_exported(
        &mut self,
        result: Result<crate::bundle::transfer::Written, JobError>,
    ) {
        let state = &mut self.ui.steps.library.transfer;
        state.busy = None;
        state.message = Some(match result {
            Ok(written) => TransferMessage::Exported {
                path: written.path,
                attachments: written.attachments,
            },
            Err(err) => TransferMessage::Failed(err),
        });
    }

    /// An import that wrote a draft (or found it already here) opens it, saying what
    /// happened; a conflict asks; a failure is said on the start screen.
    pub(super) fn on_transfer_imported(
        &mut self,
        file: PathBuf,
        result: Result<ImportOutcome, JobError>,
    ) {
        let state = &mut self.ui.steps.library.transfer;
        state.busy = None;
        let (draft, path, key) = match result {
            Err(err) => {
                state.message = Some(TransferMessage::Failed(err));
                return;
            }
            Ok(ImportOutcome::Conflict {
                existing,
                existing_name,
                incoming_name,
            }) => {
                state.conflict = Some(PendingConflict {
                    file,
                    existing,
                    existing_name,
                    incoming_name,
                });
                return;
            }
            Ok(ImportOutcome::Imported { draft, path }) => (draft, path, "transfer.imported"),
            Ok(ImportOutcome::AlreadyThere { draft, path }) => {
                (draft, path, "transfer.already_there")
            }
            Ok(ImportOutcome::Copied { draft, path }) => (draft, path, "transfer.copied"),
            Ok(ImportOutcome::Replaced { draft, path, .. }) => (draft, path, "transfer.replaced"),
        };
        self.load_into_editor(*draft, path);
        self.show(Severity::Notice, BannerMessage::Key(key));
    }

    pub(super) fn on_overview_written(&mut self, result: Result<PathBuf, JobError>) {
        let state = &mut self.ui.steps.library.transfer;
        state.busy = None;
        match result {
            Ok(path) => {
                state.open_url = Some(crate::services::overview::file_url(&path));
                state.message = Some(TransferMessage::OverviewWritten(path));
            }
            Err(err) => state.message = Some(TransferMessage::Failed(err)),
        }
    }
}
