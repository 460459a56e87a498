//! Results coming back from worker threads and file dialogs, applied on the UI thread.

use super::*;

impl BeianApp {
    /// A job stopped on an internal error: say so (the draft is safe: jobs work on copies
    /// and the saver writes atomically), and end what was waiting for it, so that no
    /// spinner turns forever.
    fn on_job_failed(&mut self, job: &str, error: JobError) {
        match job {
            "bundle-export" => {
                self.ui.export.running = None;
                self.ui.export.result = Some(Err(error.clone()));
                self.ui.export.reveal_result = true;
            }
            "staff-passphrase" | "staff-unlock" | "library-convert" => {
                self.ui.staff.busy = false;
                self.ui.staff.progress = None;
                self.conversion = None;
                if let Some(lock) = &mut self.ui.lock {
                    lock.busy = false;
                }
            }
            _ => {}
        }
        self.ui.materials.loading.clear();
        self.show_error(error);
    }

    /// Whether a worker's result is for the draft still open (the user may have moved on).
    fn is_open_draft(&self, draft_path: &Path) -> bool {
        self.draft_path.as_deref() == Some(draft_path)
    }

    pub(super) fn poll(&mut self, ctx: &egui::Context) {
        for event in self.worker.poll() {
            self.handle_event(event);
        }
        if let Some((person, paths)) = poll_dialog(&mut self.face_dialog, ctx)
            && let Some(path) = paths.into_iter().next()
        {
            self.ui.face.worker = None;
            self.make_face_photo(person, move |store| {
                crate::services::face::photo_from_file(store, &path)
            });
        }
        if let Some((item, paths)) = poll_dialog(&mut self.document_dialog, ctx) {
            self.attach_files(item, paths);
        }
        if let Some(((app, package), mut paths)) = poll_dialog(&mut self.package_dialog, ctx)
            && !paths.is_empty()
        {
            self.read_package(app, package, paths.remove(0));
        }
        // A dialog the user cancelled answers `None`: nothing to do.
        if let Some((purpose, Some(path))) = poll_dialog(&mut self.dialog, ctx) {
            match purpose {
                DialogPurpose::Open => self.open_path(path, true),
                DialogPurpose::SaveAs => self.save_as(path),
                DialogPurpose::OpenBundle => self.open_bundle(path),
                DialogPurpose::SaveBundle => self.start_export(path, ctx),
                DialogPurpose::StaffKey => {
                    self.settings.staff_key = Some(path);
                    self.save_settings();
                }
                DialogPurpose::SaveCountersigned => self.start_countersign(path),
                DialogPurpose::SaveTransfer(draft) => self.start_transfer_export(draft, path),
                DialogPurpose::OpenTransfer => {
                    self.start_transfer_import(path, crate::services::transfer::OnConflict::Ask);
                }
                DialogPurpose::SaveOverview => self.start_overview(path),
                DialogPurpose::SavePaper(item) => self.start_paper(item, path),
                DialogPurpose::SaveAllPapers => self.start_all_papers(path),
            }
        }
        if let Some(url) = self.ui.steps.library.transfer.open_url.take() {
            ctx.open_url(egui::OpenUrl::new_tab(url));
        }
        if let Some(url) = self.ui.materials.open_url.take() {
            ctx.open_url(egui::OpenUrl::new_tab(url));
        }
        self.take_dropped_bundle(ctx);
    }

    /// Applies one worker result; each kind has its own handler, and a new kind of
    /// result does not compile until it is handled.
    pub(super) fn handle_event(&mut self, event: WorkerEvent) {
        match event {
            WorkerEvent::Failed { job, error } => self.on_job_failed(&job, error),
            WorkerEvent::Saved { path, result } => self.on_saved(&path, result),
            WorkerEvent::Opened {
                path,
                result,
                remember,
                held_by,
            } => self.on_opened_event(path, result, remember, held_by),
            WorkerEvent::LockRenewed => {}
            WorkerEvent::LockTakenOver(result) => self.on_lock_taken_over(result),
            WorkerEvent::Library(library) => self.on_library(*library),
            WorkerEvent::Picture {
                sha256,
                preview,
                picture,
            } => self.on_picture(sha256, preview, picture),
            event @ (WorkerEvent::DocumentImported { .. }
            | WorkerEvent::PackageRead { .. }
            | WorkerEvent::DocumentNormalized { .. }
            | WorkerEvent::DocumentRead { .. }
            | WorkerEvent::FacePhoto { .. }) => self.on_draft_event(event),
            WorkerEvent::Cameras(result) => self.on_cameras(result),
            WorkerEvent::SampleReady(result) => self.on_sample_ready(result),
            WorkerEvent::LibraryChanged(result) => self.on_library_changed(result),
            WorkerEvent::Exported(result) => self.on_exported(result),
            WorkerEvent::BundleVerified { path, verification } => {
                self.on_bundle_verified(path, verification);
            }
            WorkerEvent::BundleImported(result) => self.on_bundle_imported(result),
            WorkerEvent::Countersigned(result) => self.on_countersigned(result),
            WorkerEvent::PasswordRemembered(remembered) => self.on_password_remembered(remembered),
            WorkerEvent::Staff(event) => self.on_staff_event(event),
            WorkerEvent::TransferExported(result) => self.on_transfer_exported(result),
            WorkerEvent::TransferImported { file, result } => {
                self.on_transfer_imported(file, result);
            }
            WorkerEvent::OverviewWritten(result) => self.on_overview_written(result),
            WorkerEvent::PaperPrinted { item, result } => self.on_paper_printed(item, result),
            WorkerEvent::PapersPrinted(result) => self.on_papers_printed(result),
            WorkerEvent::SettingsSaved { result } => {
                if let Err(err) = result {
                    log::warn!("preferences not saved: {}", err.kind());
                }
            }
        }
    }

    /// What a worker made for the open draft (documents, packages, the face photo); news
    /// of a draft closed meanwhile is dropped.
    fn on_draft_event(&mut self, event: WorkerEvent) {
        let open = match &event {
            WorkerEvent::DocumentImported { draft_path, .. }
            | WorkerEvent::PackageRead { draft_path, .. }
            | WorkerEvent::DocumentNormalized { draft_path, .. }
            | WorkerEvent::DocumentRead { draft_path, .. }
            | WorkerEvent::FacePhoto { draft_path, .. } => self.is_open_draft(draft_path),
            _ => false,
        };
        if !open {
            return;
        }
        match event {
            WorkerEvent::DocumentImported { item, result, .. } => {
                self.on_document_imported(item, result);
            }
            WorkerEvent::PackageRead {
                app,
                package,
                file_name,
                result,
                ..
            } => self.on_package_read((app, package), file_name, result),
            WorkerEvent::DocumentNormalized {
                item,
                original,
                result,
                ..
            } => self.on_document_normalized(item, &original, result),
            WorkerEvent::DocumentRead {
                item,
                sha256,
                result,
                ..
            } => self.on_document_read(item, sha256, result),
            WorkerEvent::FacePhoto { person, result, .. } => self.on_face_photo(person, result),
            _ => {}
        }
    }

    /// A draft was read: the one open so far is saved and released first.
    fn on_opened_event(
        &mut self,
        path: PathBuf,
        result: Result<Box<Draft>, draft_io::DraftIoError>,
        remember: bool,
        held_by: Option<crate::library::locks::DraftLock>,
    ) {
        if self.ui.screen == Screen::Wizard {
            self.save_now();
            self.release_lock();
        }
        self.on_opened(path, result, remember, held_by);
    }

    /// The library was read: the list shows it, filtered and sorted again.
    fn on_library(&mut self, library: crate::services::library::ListedDrafts) {
        self.ui.library = Some(library);
        self.ui.steps.library.invalidate();
    }

    /// Taking over a draft another desk held: editable now, or why not.
    fn on_lock_taken_over(&mut self, result: Result<(), JobError>) {
        match result {
            Ok(()) => {
                self.ui.read_only = None;
                self.lock_renewed = Some(Instant::now());
            }
            Err(err) => self.show_error(err),
        }
    }

    /// A picture made on a worker waits to be uploaded on the next frame; a file with no
    /// picture is remembered, so it is not asked for again.
    fn on_picture(
        &mut self,
        sha256: String,
        preview: bool,
        picture: Option<crate::services::documents::Picture>,
    ) {
        match picture {
            Some(picture) => self
                .ui
                .materials
                .pending_pictures
                .push((sha256, preview, picture)),
            None => {
                self.ui.materials.no_picture.insert(sha256);
            }
        }
    }

    /// A failed save also raises a banner (the status in the top bar is easy to miss); the
    /// file keeps the previous save and the next change saves again (`note_changes`). A
    /// save that works again takes the banner down.
    fn on_saved(&mut self, path: &Path, result: Result<(), draft_io::DraftIoError>) {
        if self.draft_path.as_deref() != Some(path) {
            return;
        }
        let save_banner = matches!(
            self.ui.banner,
            Some(Banner {
                message: BannerMessage::SaveFailed(_),
                ..
            })
        );
        match result {
            Ok(()) => {
                self.ui.save_status =
                    SaveStatus::Saved(Local::now().format("%H:%M:%S").to_string());
                if save_banner {
                    self.ui.banner = None;
                }
            }
            Err(err) => {
                let err: JobError = err.into();
                let first = !matches!(self.ui.save_status, SaveStatus::Failed(_));
                if first || save_banner {
                    self.show(Severity::Error, BannerMessage::SaveFailed(err.clone()));
                }
                self.ui.save_status = SaveStatus::Failed(err);
            }
        }
    }

    fn on_document_imported(
        &mut self,
        item: FieldKey,
        result: Result<Box<crate::services::documents::Imported>, JobError>,
    ) {
        self.ui.materials.busy.remove(&item);
        match result {
            Ok(imported) => {
                let imported = *imported;
                if let Some(thumb) = imported.thumbnail {
                    let sha = imported.attachment.sha256.clone();
                    self.ui.materials.queue_thumbnail(sha, thumb);
                }
                let sha = imported.attachment.sha256.clone();
                self.draft.materials.attachments.retain(|a| a.item != item);
                self.draft.materials.attachments.push(imported.attachment);
                self.read_document(item, sha);
            }
            Err(err) => {
                self.ui.materials.refusals.insert(item, err);
            }
        }
    }

    fn on_document_normalized(
        &mut self,
        item: FieldKey,
        original: &str,
        result: Result<
            (
                crate::model::draft::NormalizedCopy,
                Option<crate::services::documents::Picture>,
            ),
            JobError,
        >,
    ) {
        self.ui.materials.busy.remove(&item);
        match result {
            Ok((copy, thumb)) => {
                if let Some(thumb) = thumb {
                    self.ui
                        .materials
                        .queue_thumbnail(copy.sha256.clone(), thumb);
                }
                if let Some(a) = self
                    .draft
                    .materials
                    .attachments
                    .iter_mut()
                    .find(|a| a.item == item && a.sha256 == original)
                {
                    a.normalized = Some(copy);
                }
            }
            Err(err) => {
                self.ui.materials.refusals.insert(item, err);
            }
        }
    }

    fn on_face_photo(
        &mut self,
        person: String,
        result: Result<
            Box<(
                crate::model::draft::FacePhoto,
                crate::services::documents::Picture,
            )>,
            JobError,
        >,
    ) {
        match result {
            Ok(made) => {
                let (mut photo, picture) = *made;
                self.ui
                    .materials
                    .queue_thumbnail(photo.sha256.clone(), picture);
                photo.person = person;
                self.draft.materials.set_face_photo(photo);
                self.ui.face.last_check = None;
            }
            Err(err) => self.ui.face.error = Some(err),
        }
    }

    fn on_cameras(&mut self, result: Result<Vec<crate::camera::native::CameraInfo>, JobError>) {
        match result {
            Ok(cameras) => {
                self.ui.face.no_camera = cameras.is_empty();
                if self.ui.face.choice.is_none() {
                    // Without a webcam the demonstration is offered, next to "use an
                    // existing photo".
                    self.ui.face.choice = Some(
                        cameras
                            .first()
                            .map_or(crate::camera::CameraChoice::Demo, |c| {
                                crate::camera::CameraChoice::Native(c.index)
                            }),
                    );
                }
                self.ui.face.cameras = cameras;
            }
            Err(err) => {
                self.ui.face.no_camera = true;
                self.ui.face.error = Some(err);
            }
        }
    }

    fn on_sample_ready(&mut self, result: Result<Box<(Draft, PathBuf)>, JobError>) {
        match result {
            Ok(ready) => {
                if self.ui.screen == Screen::Wizard {
                    self.save_now();
                }
                let (draft, path) = *ready;
                self.load_into_editor(draft, path);
                self.save_now();
            }
            Err(err) => self.show_error(err),
        }
    }
}

/// Takes the answer of a file dialog if it came, keeping the UI polling meanwhile; a
/// dialog whose thread ended without answering is forgotten.
fn poll_dialog<K, T>(
    slot: &mut Option<(K, std::sync::mpsc::Receiver<T>)>,
    ctx: &egui::Context,
) -> Option<(K, T)> {
    let (_, rx) = slot.as_ref()?;
    match rx.try_recv() {
        Ok(answer) => slot.take().map(|(key, _)| (key, answer)),
        Err(std::sync::mpsc::TryRecvError::Empty) => {
            ctx.request_repaint_after(Duration::from_millis(200));
            None
        }
        Err(std::sync::mpsc::TryRecvError::Disconnected) => {
            *slot = None;
            None
        }
    }
}
