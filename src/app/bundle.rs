//! The signed bundle in the application: export from the review step (key password,
//! where to save, progress, cancel, result) and received bundles (open or drop a .zip,
//! verify on a worker, show, import as a draft).

use std::sync::Arc;
use std::sync::atomic::Ordering;

use super::*;
use crate::bundle::Verification;
use crate::services::bundle::{ExportControl, ExportRequest};

/// A received bundle on screen.
#[derive(Debug)]
pub struct Received {
    /// The file.
    pub path: PathBuf,
    /// What verifying it found.
    pub verification: Box<Verification>,
}

impl BeianApp {
    /// Whether the applicant key exists (a file check; the review step asks for a new
    /// password when it does not).
    pub(super) fn refresh_key_state(&mut self) {
        let holder = self.key_holder();
        self.ui.export.has_key = holder.files(self.services.data.root()).exists();
        self.ui.export.holder = holder.clone();
        if self.ui.export.has_key {
            // The credential store may block (a keychain prompt): ask on a worker.
            let data = self.services.data.clone();
            let credentials = self.services.credentials.clone();
            self.worker.spawn("credential-lookup", move || {
                WorkerEvent::PasswordRemembered(crate::services::bundle::is_password_remembered(
                    &data,
                    &holder,
                    credentials.as_ref(),
                ))
            });
        } else {
            self.ui.export.remembered = false;
        }
    }

    /// Whose key signs exports here: at a help desk (the library has a staff passphrase)
    /// the desk's, named after it; otherwise the applicant's own.
    pub(super) fn key_holder(&self) -> crate::bundle::keys::KeyHolder {
        if self.has_staff_key() {
            let desk = self.settings.desk_name.trim();
            let desk = if desk.is_empty() {
                crate::library::locks::default_desk_name()
            } else {
                desk.to_owned()
            };
            crate::bundle::keys::KeyHolder::Desk(desk)
        } else {
            crate::bundle::keys::KeyHolder::Applicant
        }
    }

    pub(super) fn apply_bundle(&mut self, action: BundleAction, ctx: &egui::Context) {
        match action {
            BundleAction::Export => {
                if self.ui.export.running.is_some() {
                    return;
                }
                let name = format!("{}.zip", self.suggested_file_stem());
                self.dialog = Some((
                    DialogPurpose::SaveBundle,
                    self.services.dialog.save_bundle(ctx, &name),
                ));
            }
            BundleAction::ForgetPassword => {
                let data = self.services.data.clone();
                let credentials = self.services.credentials.clone();
                let holder = self.key_holder();
                self.worker.spawn("credential-forget", move || {
                    if let Err(err) = crate::services::bundle::forget_password(
                        &data,
                        &holder,
                        credentials.as_ref(),
                    ) {
                        log::warn!("could not forget the password: {err}");
                    }
                    WorkerEvent::PasswordRemembered(
                        crate::services::bundle::is_password_remembered(
                            &data,
                            &holder,
                            credentials.as_ref(),
                        ),
                    )
                });
            }
            BundleAction::CancelExport => {
                if let Some(control) = &self.ui.export.running {
                    control.cancel.store(true, Ordering::Relaxed);
                }
            }
            BundleAction::OpenDialog => {
                self.dialog = Some((
                    DialogPurpose::OpenBundle,
                    self.services.dialog.open_bundle(ctx),
                ));
            }
            BundleAction::Open(path) => self.open_bundle(path),
            BundleAction::Import => self.import_received(),
            BundleAction::Close => {
                self.ui.received = None;
                self.ui.screen = Screen::Start;
                self.refresh_library();
            }
            BundleAction::PickStaffKey => {
                self.dialog = Some((DialogPurpose::StaffKey, self.services.dialog.open_key(ctx)));
            }
            BundleAction::Countersign => self.ask_where_to_countersign(ctx),
            BundleAction::LoadPicture(sha) => self.load_bundle_picture(sha),
        }
    }

    fn import_received(&mut self) {
        let Some(received) = &self.ui.received else {
            return;
        };
        let Some(app) = received.verification.application.clone() else {
            return;
        };
        let path = received.path.clone();
        let library = self.library.clone();
        self.worker.spawn("bundle-import", move || {
            WorkerEvent::BundleImported(
                crate::services::bundle::import(&path, &app, &library).map(Box::new),
            )
        });
    }

    fn ask_where_to_countersign(&mut self, ctx: &egui::Context) {
        let Some(received) = &self.ui.received else {
            return;
        };
        if self.ui.countersign.running {
            return;
        }
        let stem = received
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "bundle".to_owned());
        let name = format!("{stem}-countersigned.zip");
        self.dialog = Some((
            DialogPurpose::SaveCountersigned,
            self.services.dialog.save_bundle(ctx, &name),
        ));
    }

    fn load_bundle_picture(&mut self, sha: String) {
        let Some(received) = &self.ui.received else {
            return;
        };
        let Some(app) = &received.verification.application else {
            return;
        };
        let Some(file) = app.files.iter().find(|f| f.sha256 == sha).cloned() else {
            return;
        };
        if !self.ui.materials.loading.insert(sha) {
            return;
        }
        let (path, bag_id) = (received.path.clone(), app.bag_id.clone());
        self.worker.spawn("bundle-picture", move || {
            crate::services::bundle::picture(&path, &bag_id, &file)
        });
    }

    /// Verifies a bundle on a worker; the bundle screen opens when the result arrives.
    pub(super) fn open_bundle(&mut self, path: PathBuf) {
        if self.ui.screen == Screen::Wizard {
            self.save_now();
        }
        self.show(Severity::Notice, BannerMessage::Key("received.verifying"));
        let data = self.services.data.clone();
        self.worker.spawn("bundle-verify", move || {
            let verification = Box::new(crate::services::bundle::verify(&path, &data));
            WorkerEvent::BundleVerified { path, verification }
        });
    }

    /// Starts the export to `out` with the password typed on the review step.
    pub(super) fn start_export(&mut self, out: PathBuf, ctx: &egui::Context) {
        let Some(draft_path) = self.draft_path.clone() else {
            return;
        };
        self.save_now();
        let control: Arc<ExportControl> = Arc::default();
        let request = ExportRequest {
            draft: self.draft.clone(),
            library: self.library_for(&draft_path),
            draft_path,
            data: self.services.data.clone(),
            password: std::mem::take(&mut self.ui.export.password),
            remember: self.ui.export.remember,
            credentials: self.services.credentials.clone(),
            holder: self.key_holder(),
            out,
        };
        self.ui.export.password_again.clear();
        self.ui.export.result = None;
        self.ui.export.remember_pending = self.ui.export.remember && !request.password.is_empty();
        self.ui.export.remember_failed = false;
        self.ui.export.running = Some(control.clone());
        let ctx = ctx.clone();
        self.worker.spawn("bundle-export", move || {
            WorkerEvent::Exported(crate::services::bundle::export(
                request,
                &control,
                Some(&ctx),
            ))
        });
    }

    /// Countersigns the bundle shown into `out` on a worker, then verifies the result.
    pub(super) fn start_countersign(&mut self, out: PathBuf) {
        let (Some(received), Some(key)) = (&self.ui.received, self.settings.staff_key.clone())
        else {
            return;
        };
        let bundle = received.path.clone();
        let verified = received.verification.clone();
        let password = std::mem::take(&mut self.ui.countersign.password);
        self.ui.countersign.running = true;
        self.ui.countersign.error = None;
        self.worker.spawn("bundle-countersign", move || {
            WorkerEvent::Countersigned(crate::services::bundle::countersign(
                &bundle, &verified, &key, &password, &out,
            ))
        });
    }

    pub(super) fn on_password_remembered(&mut self, remembered: bool) {
        self.ui.export.remembered = remembered;
        // An export asked to remember the password and the store did not keep it (no
        // keychain on this system): say so rather than ask again silently.
        let exported = matches!(self.ui.export.result, Some(Ok(_)));
        if self.ui.export.remember_pending && exported {
            self.ui.export.remember_failed = !remembered;
            self.ui.export.remember_pending = false;
        }
    }

    pub(super) fn on_countersigned(&mut self, result: Result<PathBuf, JobError>) {
        self.ui.countersign.running = false;
        match result {
            Ok(path) => self.open_bundle(path),
            Err(err) => self.ui.countersign.error = Some(err),
        }
    }

    pub(super) fn on_exported(&mut self, result: Result<crate::bundle::Exported, JobError>) {
        self.ui.export.running = None;
        self.ui.export.result = Some(result);
        self.ui.export.reveal_result = true;
        self.refresh_key_state();
    }

    pub(super) fn on_bundle_verified(&mut self, path: PathBuf, verification: Box<Verification>) {
        self.ui.banner = None;
        self.ui.countersign.error = None;
        self.ui.materials.loading.clear();
        self.ui.received = Some(Received { path, verification });
        self.ui.screen = Screen::Bundle;
    }

    pub(super) fn on_bundle_imported(&mut self, result: Result<Box<(Draft, PathBuf)>, JobError>) {
        match result {
            Ok(ready) => {
                let (draft, path) = *ready;
                self.ui.received = None;
                self.load_into_editor(draft, path);
                self.show(Severity::Notice, BannerMessage::Key("received.imported"));
            }
            Err(err) => self.show_error(err),
        }
    }

    /// A .zip dropped anywhere on the window is opened as a received bundle.
    pub(super) fn take_dropped_bundle(&mut self, ctx: &egui::Context) {
        let dropped: Option<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .find(|p| crate::services::bundle::is_bundle_path(p))
        });
        if let Some(path) = dropped {
            self.open_bundle(path);
        }
    }
}
