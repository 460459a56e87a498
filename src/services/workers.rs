//! Named worker threads: a long-lived saver that writes drafts atomically (newest version
//! wins when saves pile up), and one-off jobs (opening a draft, the library, documents,
//! the face photo, samples, bundles, preferences) whose results come back as
//! [`WorkerEvent`]s that the UI thread polls each frame. Failures stay typed
//! ([`JobError`]) until a screen draws them.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, TrySendError, sync_channel};
use std::time::Duration;

use super::error::JobError;
use crate::model::Draft;
use crate::store::draft_io::{self, DraftIoError};
use crate::store::sealed::Library;

/// A result delivered to the UI thread.
#[derive(Debug)]
pub enum WorkerEvent {
    /// A job stopped on an internal error (it panicked) before reporting.
    Failed {
        /// The job's (thread's) name, which says what was running.
        job: String,
        /// [`JobError::Internal`].
        error: JobError,
    },
    /// A draft was written (or failed to be).
    Saved {
        /// Where.
        path: PathBuf,
        /// Whether it worked.
        result: Result<(), DraftIoError>,
    },
    /// A draft file was read (or failed to be).
    Opened {
        /// Which file.
        path: PathBuf,
        /// The draft or the reason.
        result: Result<Box<Draft>, DraftIoError>,
        /// Whether the file is an outside file to remember in the recent list.
        remember: bool,
        /// Another desk that holds the draft open (then it opens read-only).
        held_by: Option<crate::library::locks::DraftLock>,
    },
    /// A draft lock was renewed or released (nothing to show).
    LockRenewed,
    /// The draft's edit lock was taken over from a desk whose lock had expired (or not).
    LockTakenOver(Result<(), JobError>),
    /// The library was read and summarised.
    Library(Box<super::library::ListedDrafts>),
    /// A filing of the library was duplicated (the new draft and its file, to open),
    /// archived or deleted (nothing to open), or that failed.
    LibraryChanged(Result<Option<Box<(Draft, PathBuf)>>, JobError>),
    /// A document was imported (or refused).
    DocumentImported {
        /// The draft it belongs to.
        draft_path: PathBuf,
        /// The item.
        item: crate::model::FieldKey,
        /// The attachment and its thumbnail, or why it was refused.
        result: Result<Box<super::documents::Imported>, JobError>,
    },
    /// An APP package or certificate file was read (or refused).
    PackageRead {
        /// The draft it belongs to.
        draft_path: PathBuf,
        /// The APP.
        app: usize,
        /// Its package block.
        package: usize,
        /// The file's name, shown beside the values.
        file_name: String,
        /// What the file says, or why it cannot be read.
        result: Result<Box<crate::packages::PackageReading>, crate::packages::PackageError>,
    },
    /// A normalised copy was made (or not).
    DocumentNormalized {
        /// The draft it belongs to.
        draft_path: PathBuf,
        /// The item.
        item: crate::model::FieldKey,
        /// The content hash of the original it was made from.
        original: String,
        /// The copy and its thumbnail, or why it could not be made.
        result: Result<
            (
                crate::model::draft::NormalizedCopy,
                Option<super::documents::Picture>,
            ),
            JobError,
        >,
    },
    /// The text of an attached document was read (or could not be).
    DocumentRead {
        /// The draft it belongs to.
        draft_path: PathBuf,
        /// The item the document is attached to.
        item: crate::model::FieldKey,
        /// The content read.
        sha256: String,
        /// What was read and proposed, or why nothing could be.
        result: Result<Box<super::reading::DocumentReading>, JobError>,
    },
    /// A picture of stored content was made.
    Picture {
        /// Which content.
        sha256: String,
        /// Whether it is the large preview.
        preview: bool,
        /// The picture, if the content could be drawn.
        picture: Option<super::documents::Picture>,
    },
    /// A face photo was made (or not).
    FacePhoto {
        /// Whose photo it is (a `FacePerson` key).
        person: String,
        /// The draft it belongs to.
        draft_path: PathBuf,
        /// The photo and its thumbnail, or why it could not be made.
        result: Result<Box<(crate::model::draft::FacePhoto, super::documents::Picture)>, JobError>,
    },
    /// The webcams were listed.
    Cameras(Result<Vec<crate::camera::native::CameraInfo>, JobError>),
    /// A sample filing was prepared.
    SampleReady(Result<Box<(Draft, PathBuf)>, JobError>),
    /// An export finished, failed or was cancelled.
    Exported(Result<crate::bundle::Exported, JobError>),
    /// A received bundle was verified.
    BundleVerified {
        /// The bundle.
        path: PathBuf,
        /// What the checks found.
        verification: Box<crate::bundle::Verification>,
    },
    /// Whether a password is remembered for the applicant key.
    PasswordRemembered(bool),
    /// A received bundle was countersigned into a new file (or could not be).
    Countersigned(Result<PathBuf, JobError>),
    /// A received bundle became a draft (or could not).
    BundleImported(Result<Box<(Draft, PathBuf)>, JobError>),
    /// A staff-key job finished (unlock, passphrase, conversion).
    Staff(super::staff::StaffEvent),
    /// A draft transfer file was written (or could not be).
    TransferExported(Result<crate::bundle::transfer::Written, JobError>),
    /// A draft transfer file was imported, found already there or in conflict (or could
    /// not be read).
    TransferImported {
        /// The transfer file.
        file: PathBuf,
        /// What the import did.
        result: Result<super::transfer::ImportOutcome, JobError>,
    },
    /// The daily overview was written to this file (or could not be).
    OverviewWritten(Result<PathBuf, JobError>),
    /// The paper of a checklist item was printed to this file (or why not, in words).
    PaperPrinted {
        /// The item.
        item: crate::model::FieldKey,
        /// Where, or why not.
        result: Result<PathBuf, crate::forms::PrintError>,
    },
    /// Every paper was printed (or why not).
    PapersPrinted(Result<crate::forms::print_all::PrintedAll, crate::forms::PrintError>),
    /// The preferences were written (or failed to be).
    SettingsSaved {
        /// Whether it worked.
        result: std::io::Result<()>,
    },
}

/// How many results may wait for the UI thread before workers pause.
const EVENT_QUEUE: usize = 64;

/// Starts one-off jobs on named threads and collects their results, counting the jobs
/// whose result has not arrived yet (saves from [`DraftSaver`] are not counted: it has
/// its own flush).
pub struct Worker {
    tx: SyncSender<WorkerEvent>,
    rx: Receiver<WorkerEvent>,
    ctx: Option<egui::Context>,
    pending: Cell<usize>,
}

impl Default for Worker {
    fn default() -> Self {
        let (tx, rx) = sync_channel(EVENT_QUEUE);
        Worker {
            tx,
            rx,
            ctx: None,
            pending: Cell::new(0),
        }
    }
}

impl Worker {
    /// Lets workers wake the UI when a result arrives.
    pub fn set_context(&mut self, ctx: &egui::Context) {
        self.ctx = Some(ctx.clone());
    }

    /// A sender for long-lived workers such as [`DraftSaver`].
    pub fn sender(&self) -> SyncSender<WorkerEvent> {
        self.tx.clone()
    }

    /// Runs `job` on a thread named `name`; its result arrives through [`Worker::poll`].
    /// A job that panics reports [`WorkerEvent::Failed`] with [`JobError::Internal`]
    /// instead, so that nothing waits for it forever.
    pub fn spawn(&self, name: &str, job: impl FnOnce() -> WorkerEvent + Send + 'static) {
        let tx = self.tx.clone();
        let ctx = self.ctx.clone();
        let job_name = name.to_owned();
        let spawned = std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                let event = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(job)) {
                    Ok(event) => event,
                    Err(_) => {
                        // The panic's text may quote what the user typed: only the job's
                        // name is logged.
                        log::error!("worker job {job_name} hit an internal error");
                        WorkerEvent::Failed {
                            job: job_name,
                            error: JobError::Internal,
                        }
                    }
                };
                if tx.send(event).is_err() {
                    log::debug!("a worker finished after the app stopped listening");
                }
                if let Some(ctx) = ctx {
                    ctx.request_repaint();
                }
            });
        match spawned {
            Ok(_) => self.pending.set(self.pending.get() + 1),
            Err(err) => log::error!("cannot start worker thread: {err}"),
        }
    }

    /// How many started jobs have not reported yet.
    pub fn pending(&self) -> usize {
        self.pending.get()
    }

    fn arrived(&self, event: &WorkerEvent) {
        if !matches!(event, WorkerEvent::Saved { .. }) {
            self.pending.set(self.pending.get().saturating_sub(1));
        }
    }

    /// The results that arrived since the last call.
    pub fn poll(&self) -> Vec<WorkerEvent> {
        let events: Vec<WorkerEvent> = self.rx.try_iter().collect();
        events.iter().for_each(|e| self.arrived(e));
        events
    }

    /// Waits up to `timeout` for the next result (tests and shutdown only).
    pub fn wait(&self, timeout: Duration) -> Option<WorkerEvent> {
        let event = self.rx.recv_timeout(timeout).ok()?;
        self.arrived(&event);
        Some(event)
    }
}

enum SaveJob {
    Save(PathBuf, Box<Draft>),
    Flush(SyncSender<()>),
}

/// The thread that writes drafts to disk.
pub struct DraftSaver {
    jobs: SyncSender<SaveJob>,
}

/// How many saves may wait; more are merged (only the newest draft per file is written).
const SAVE_QUEUE: usize = 16;

impl DraftSaver {
    /// Starts the saver thread; results go to `events`, and `ctx` is woken for each. Saves
    /// into the `library` folder also update its index.
    pub fn start(
        events: SyncSender<WorkerEvent>,
        ctx: Option<egui::Context>,
        library: Library,
    ) -> DraftSaver {
        let (jobs, rx) = sync_channel::<SaveJob>(SAVE_QUEUE);
        let spawned = std::thread::Builder::new()
            .name("draft-saver".to_owned())
            .spawn(move || save_loop(&rx, &events, ctx.as_ref(), &library));
        if let Err(err) = spawned {
            log::error!("cannot start the draft saver: {err}");
        }
        DraftSaver { jobs }
    }

    /// Queues a save of `draft` to `path`. Returns false when the saver is gone.
    pub fn save(&self, path: PathBuf, draft: Draft) -> bool {
        match self.jobs.try_send(SaveJob::Save(path, Box::new(draft))) {
            Ok(()) => true,
            // A full queue means the disk is slow: wait for room rather than drop a save.
            Err(TrySendError::Full(job)) => self.jobs.send(job).is_ok(),
            Err(TrySendError::Disconnected(_)) => false,
        }
    }

    /// Waits until every queued save is written, at most `timeout`. Returns whether it
    /// finished in time.
    pub fn flush(&self, timeout: Duration) -> bool {
        let (tx, rx) = sync_channel(1);
        if self.jobs.send(SaveJob::Flush(tx)).is_err() {
            return false;
        }
        !matches!(rx.recv_timeout(timeout), Err(RecvTimeoutError::Timeout))
    }
}

fn save_loop(
    rx: &Receiver<SaveJob>,
    events: &SyncSender<WorkerEvent>,
    ctx: Option<&egui::Context>,
    library: &Library,
) {
    while let Ok(first) = rx.recv() {
        // Merge what piled up: the newest draft for each file wins.
        let mut pending: BTreeMap<PathBuf, Box<Draft>> = BTreeMap::new();
        let mut flushes = Vec::new();
        for job in std::iter::once(first).chain(rx.try_iter()) {
            match job {
                SaveJob::Save(path, draft) => {
                    pending.insert(path, draft);
                }
                SaveJob::Flush(ack) => flushes.push(ack),
            }
        }
        for (path, draft) in pending {
            let result = draft_io::save_draft(&library.for_file(&path), &draft, &path);
            match &result {
                Err(err) => log::warn!("saving a draft failed: {}", err.message_key()),
                Ok(()) if path.parent() == Some(library.dir()) => {
                    if let Err(err) = crate::library::index::note_saved(library, &path, &draft) {
                        log::warn!("updating the library index failed: {}", err.kind());
                    }
                }
                Ok(()) => {}
            }
            if events.send(WorkerEvent::Saved { path, result }).is_err() {
                return;
            }
            if let Some(ctx) = ctx {
                ctx.request_repaint();
            }
        }
        for ack in flushes {
            // The waiter may have given up; nothing to do then.
            let _answered = ack.send(()).is_ok();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_that_panics_reports_an_internal_error_and_is_no_longer_pending() {
        let worker = Worker::default();
        worker.spawn("test-panic", || panic!("a defect"));
        assert_eq!(worker.pending(), 1);
        let event = worker.wait(Duration::from_secs(10));
        assert!(
            matches!(
                &event,
                Some(WorkerEvent::Failed { job, error: JobError::Internal }) if job == "test-panic"
            ),
            "{event:?}"
        );
        assert_eq!(worker.pending(), 0, "nothing waits for it any more");
        assert!(
            JobError::Internal
                .user_message(crate::i18n::Locale::ZhCn)
                .contains("您的草稿是安全的")
        );
    }
}
