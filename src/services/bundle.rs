//! Bundle work on named threads: export (unlock or make the key, write, sign) with
//! progress and cancel, verification of a received bundle, pictures of its files, and
//! import as a new draft. Results come back as [`WorkerEvent`]s.

use super::error::JobError;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use super::WorkerEvent;
use super::credentials::{CredentialStore, account_for};
use crate::bundle::{self, Application, KeyFiles, TrustedKeys, Verification};
use crate::documents::Store;
use crate::model::Draft;
use crate::store::sealed::Library;
use crate::store::storage::DataDir;

/// Progress and cancel flag of a running export, shared with the UI.
#[derive(Debug, Default)]
pub struct ExportControl {
    /// Payload bytes written.
    pub done: AtomicU64,
    /// Payload bytes in all (0 until known).
    pub total: AtomicU64,
    /// Set by the UI to stop.
    pub cancel: AtomicBool,
}

impl ExportControl {
    /// Progress from 0 to 1.
    pub fn fraction(&self) -> f32 {
        let total = self.total.load(Ordering::Relaxed);
        if total == 0 {
            0.0
        } else {
            self.done.load(Ordering::Relaxed) as f32 / total as f32
        }
    }
}

/// What an export needs.
pub struct ExportRequest {
    /// The draft as it is now.
    pub draft: Draft,
    /// Where it is saved (its documents are beside it).
    pub draft_path: PathBuf,
    /// The library it is kept in (whose key opens its documents).
    pub library: Library,
    /// The data folder (holding the applicant key).
    pub data: DataDir,
    /// The key password the user typed (empty: use the remembered one).
    pub password: String,
    /// Whether to remember a typed password in the credential store.
    pub remember: bool,
    /// The credential store.
    pub credentials: Arc<dyn CredentialStore>,
    /// Whose key signs: the applicant's own, or the help desk's.
    pub holder: crate::bundle::keys::KeyHolder,
    /// Where to write.
    pub out: PathBuf,
}

/// Seals the draft, opens (or first makes) the applicant key and writes the bundle.
pub fn export(
    request: ExportRequest,
    control: &ExportControl,
    ctx: Option<&egui::Context>,
) -> Result<bundle::Exported, JobError> {
    let filing = crate::rules::finalize(&request.draft)?;
    let files = request.holder.files(request.data.root());
    let account = account_for(&files);
    let typed = !request.password.is_empty();
    let password = if typed {
        request.password
    } else {
        match request.credentials.get(&account) {
            Ok(Some(p)) => p,
            _ => return Err(JobError::NoPassword),
        }
    };
    let opened = if files.exists() {
        files.unlock(&password)
    } else {
        files.generate(&password)
    };
    let signer = match opened {
        Ok(s) => s.held_by(request.holder.clone()),
        Err(crate::bundle::KeyError::WrongPassword) if !typed => {
            // The key was replaced since: the remembered password is of no use now.
            if let Err(err) = request.credentials.forget(&account) {
                log::warn!("could not forget a stale password: {err}");
            }
            return Err(JobError::StalePassword);
        }
        Err(e) => return Err(e.into()),
    };
    if typed
        && request.remember
        && let Err(err) = request.credentials.set(&account, &password)
    {
        log::warn!("the credential store refused the password: {err}");
    }
    let store = Store::for_draft(&request.library, &request.draft_path);
    let mut last_repaint = std::time::Instant::now();
    bundle::export(
        &filing,
        &store,
        &signer,
        chrono::Local::now().date_naive(),
        &request.out,
        &mut |p| {
            control.total.store(p.total, Ordering::Relaxed);
            control.done.store(p.done, Ordering::Relaxed);
            if let Some(ctx) = ctx
                && last_repaint.elapsed().as_millis() > 50
            {
                last_repaint = std::time::Instant::now();
                ctx.request_repaint();
            }
        },
        &control.cancel,
    )
    .map_err(JobError::from)
}

/// Verifies a bundle against the data folder's trusted keys.
pub fn verify(path: &Path, data: &DataDir) -> Verification {
    let trusted = match TrustedKeys::load(&TrustedKeys::default_path(data.root())) {
        Ok(t) => t,
        Err(err) => {
            log::warn!("trusted keys unreadable: {}", err.message_key());
            TrustedKeys::default()
        }
    };
    bundle::verify(path, &trusted)
}

/// A thumbnail of one file of a verified bundle, keyed by its hash.
pub fn picture(path: &Path, bag_id: &str, file: &bundle::BundledFile) -> WorkerEvent {
    let picture =
        bundle::verify::read_payload(path, bag_id, &file.path, &file.sha256, MAX_FILE_BYTES)
            .ok()
            .and_then(|bytes| {
                let format = crate::documents::sniff(&bytes);
                super::documents::thumbnail_of(&bytes, format, super::documents::THUMBNAIL_SIDE)
            });
    WorkerEvent::Picture {
        sha256: file.sha256.clone(),
        preview: false,
        picture,
    }
}

/// The largest photo or document read back from a bundle.
const MAX_FILE_BYTES: u64 = 64 << 20;

/// Makes a new draft from a verified bundle: a fresh id, every file copied into the new
/// draft's store and checked against its hash, the draft saved. Returns it with its path.
pub fn import(
    path: &Path,
    app: &Application,
    library: &Library,
) -> Result<(Draft, PathBuf), JobError> {
    let now = chrono::Utc::now();
    let mut draft = app.to_draft(crate::model::draft::new_id(now));
    draft.updated_at = Some(now);
    let draft_path = library.dir().join(format!("{}.ron", draft.id));
    let store = Store::for_draft(library, &draft_path);
    for file in &app.files {
        let bytes = bundle::verify::read_payload(
            path,
            &app.bag_id,
            &file.path,
            &file.sha256,
            MAX_FILE_BYTES,
        )?;
        let stored = store
            .put(&bytes)
            .map_err(|e| JobError::Write(Arc::new(e)))?;
        if stored != file.sha256 {
            return Err(crate::bundle::Problem::Changed(file.path.clone()).into());
        }
    }
    crate::store::draft_io::save_draft(library, &draft, &draft_path)?;
    Ok((draft, draft_path))
}

/// Opens the help-desk key with `password` and writes `bundle` countersigned to `out`,
/// provided it is still the bundle `verified` describes. Returns `out`.
pub fn countersign(
    bundle: &Path,
    verified: &Verification,
    key: &Path,
    password: &str,
    out: &Path,
) -> Result<PathBuf, JobError> {
    let signer = KeyFiles::at(key).unlock(password)?;
    let today = chrono::Local::now().date_naive();
    let done = bundle::countersign(bundle, verified, &signer, today, out)?;
    Ok(done.path)
}

/// Shares an export's control with the worker.
pub type SharedControl = Arc<ExportControl>;

/// Whether a dropped or picked file is a bundle (by its extension).
pub fn is_bundle_path(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

/// Whether a password is remembered for `holder`'s key in `data`.
pub fn is_password_remembered(
    data: &DataDir,
    holder: &crate::bundle::keys::KeyHolder,
    credentials: &dyn CredentialStore,
) -> bool {
    let account = account_for(&holder.files(data.root()));
    matches!(credentials.get(&account), Ok(Some(_)))
}

/// Forgets the remembered password of `holder`'s key in `data`.
pub fn forget_password(
    data: &DataDir,
    holder: &crate::bundle::keys::KeyHolder,
    credentials: &dyn CredentialStore,
) -> Result<(), JobError> {
    credentials
        .forget(&account_for(&holder.files(data.root())))
        .map_err(JobError::from)
}
