//! The work behind the materials step and the face photo: importing and normalising
//! files, pictures for thumbnails and previews, and the camera's news.

use super::*;

impl BeianApp {
    pub(super) fn apply_documents(&mut self, action: DocumentAction, ctx: &egui::Context) {
        match action {
            DocumentAction::Pick(item) => {
                self.document_dialog = Some((item, self.services.dialog.pick_documents(ctx)));
            }
            DocumentAction::Attach { item, paths } => self.attach_files(item, paths),
            DocumentAction::AttachPasted { item, image } => self.attach_pasted(item, image),
            DocumentAction::Normalize { item, turn } => self.normalize_attachment(item, turn),
            DocumentAction::LoadThumbnail(sha) => self.load_picture(sha, false),
            DocumentAction::LoadPreview(sha) => self.load_picture(sha, true),
            DocumentAction::PrintPaper(item) => self.ask_paper(item, ctx),
            DocumentAction::PrintAllPapers => self.ask_all_papers(ctx),
        }
    }

    pub(super) fn apply_face(&mut self, action: FaceAction, ctx: &egui::Context) {
        match action {
            FaceAction::ListCameras => {
                self.worker.spawn("camera-list", || {
                    WorkerEvent::Cameras(crate::camera::native::list().map_err(JobError::from))
                });
            }
            FaceAction::StartCamera { person, choice } => {
                self.ui.face.target = Some(person);
                self.ui.face.error = None;
                self.ui.face.stable = 0;
                self.ui.face.last_check = None;
                self.ui.face.reveal_preview = true;
                self.ui.face.preview = None;
                self.ui.face.worker = Some(crate::camera::worker::CameraWorker::start(
                    choice,
                    Some(ctx.clone()),
                ));
            }
            FaceAction::StopCamera => self.ui.face.worker = None,
            FaceAction::Capture(person) => {
                if let Some((frame, check)) = self.ui.face.last_check.clone()
                    && check.passed()
                {
                    self.ui.face.worker = None;
                    self.make_face_photo(person, move |store| {
                        crate::services::face::make_photo(store, &frame, "camera")
                    });
                }
            }
            FaceAction::PickPhoto(person) => {
                self.face_dialog = Some((person, self.services.dialog.pick_photo(ctx)));
            }
            FaceAction::LoadThumbnail(sha) => {
                if self.ui.materials.loading.insert(sha.clone()) {
                    self.load_picture(sha, false);
                }
            }
        }
    }

    pub(super) fn make_face_photo(
        &mut self,
        person: String,
        job: impl FnOnce(
            &crate::documents::Store,
        ) -> Result<
            (
                crate::model::draft::FacePhoto,
                crate::services::documents::Picture,
            ),
            JobError,
        > + Send
        + 'static,
    ) {
        let (Some(store), Some(draft_path)) = (self.store(), self.draft_path.clone()) else {
            return;
        };
        self.worker
            .spawn("face-photo", move || WorkerEvent::FacePhoto {
                draft_path,
                person,
                result: job(&store).map(Box::new),
            });
    }

    /// Takes the camera's news: the preview frame, the newest check, errors.
    pub(super) fn poll_camera(&mut self, ctx: &egui::Context) {
        let Some(worker) = &self.ui.face.worker else {
            return;
        };
        let mut capture = false;
        let mut stop = false;
        for event in worker.poll() {
            match event {
                crate::camera::worker::CameraEvent::Frame(_, frame) => {
                    let size = [frame.width() as usize, frame.height() as usize];
                    let image = egui::ColorImage::from_rgb(size, frame.as_raw());
                    match &mut self.ui.face.preview {
                        Some(tex) => tex.set(image, egui::TextureOptions::LINEAR),
                        None => {
                            self.ui.face.preview = Some(ctx.load_texture(
                                "camera",
                                image,
                                egui::TextureOptions::LINEAR,
                            ));
                        }
                    }
                }
                crate::camera::worker::CameraEvent::Check(_, frame, report) => {
                    if report.passed() {
                        self.ui.face.stable += 1;
                    } else {
                        self.ui.face.stable = 0;
                    }
                    self.ui.face.last_check = Some((frame, *report));
                    capture |= self.ui.face.auto_capture
                        && self.ui.face.stable >= steps::face::stable_needed();
                }
                crate::camera::worker::CameraEvent::Error(err) => {
                    self.ui.face.error = Some(err.into());
                    stop = true;
                }
                crate::camera::worker::CameraEvent::DetectorError(err) => {
                    self.ui.face.error = Some(JobError::Detector(err));
                    stop = true;
                }
            }
        }
        if stop {
            self.ui.face.worker = None;
        } else if capture && let Some(person) = self.ui.face.target.clone() {
            self.apply_face(FaceAction::Capture(person), ctx);
        }
    }

    pub(super) fn store(&self) -> Option<crate::documents::Store> {
        self.draft_path
            .as_deref()
            .map(|path| crate::documents::Store::for_draft(&self.library_for(path), path))
    }

    pub(super) fn attach_files(&mut self, item: FieldKey, mut paths: Vec<PathBuf>) {
        if paths.is_empty() {
            return;
        }
        let first = paths.remove(0);
        // One file per item: the others wait for the user to say where they go.
        self.ui.materials.unassigned.extend(paths);
        let (Some(store), Some(draft_path)) = (self.store(), self.draft_path.clone()) else {
            return;
        };
        self.ui.materials.busy.insert(item);
        self.ui.materials.refusals.remove(&item);
        // A printed paper's photo is read against the filing as it is now.
        let draft = self.draft.clone();
        self.worker.spawn("document-import", move || {
            let result =
                crate::services::documents::import_file_for(&store, item, &first, Some(&draft))
                    .map(Box::new)
                    .map_err(JobError::from);
            WorkerEvent::DocumentImported {
                draft_path,
                item,
                result,
            }
        });
    }

    pub(super) fn attach_pasted(
        &mut self,
        item: FieldKey,
        image: std::sync::Arc<egui::ColorImage>,
    ) {
        let (Some(store), Some(draft_path)) = (self.store(), self.draft_path.clone()) else {
            return;
        };
        self.ui.materials.busy.insert(item);
        let draft = self.draft.clone();
        self.worker.spawn("document-paste", move || {
            let result = crate::services::documents::png_of(image.size, image.as_raw())
                .map_err(JobError::from)
                .and_then(|png| {
                    crate::services::documents::import_bytes_for(
                        &store,
                        item,
                        "clipboard.png",
                        &png,
                        Some(&draft),
                    )
                    .map(Box::new)
                    .map_err(JobError::from)
                });
            WorkerEvent::DocumentImported {
                draft_path,
                item,
                result,
            }
        });
    }

    pub(super) fn normalize_attachment(&mut self, item: FieldKey, turn: crate::documents::Turn) {
        let Some(attachment) = self
            .draft
            .materials
            .attachments
            .iter()
            .find(|a| a.item == item)
            .cloned()
        else {
            return;
        };
        let (Some(store), Some(draft_path)) = (self.store(), self.draft_path.clone()) else {
            return;
        };
        self.ui.materials.busy.insert(item);
        self.ui.materials.refusals.remove(&item);
        self.worker.spawn("document-normalize", move || {
            let result =
                crate::services::documents::normalize_attachment(&store, &attachment, turn)
                    .map_err(JobError::from);
            WorkerEvent::DocumentNormalized {
                draft_path,
                item,
                original: attachment.sha256.clone(),
                result,
            }
        });
    }

    pub(super) fn load_picture(&mut self, sha256: String, preview: bool) {
        let Some(store) = self.store() else { return };
        self.worker.spawn("document-picture", move || {
            let side = if preview {
                crate::services::documents::PREVIEW_SIDE
            } else {
                crate::services::documents::THUMBNAIL_SIDE
            };
            let picture = crate::services::documents::picture(&store, &sha256, side);
            WorkerEvent::Picture {
                sha256,
                preview,
                picture,
            }
        });
    }

    /// Removes a document or a face photo and offers to undo it for a few seconds. The
    /// files stay in the attachment store and a document's reading stays in memory, so an
    /// undo brings back exactly what was there.
    pub(super) fn remove_with_undo(&mut self, removal: crate::action::Removal) {
        use crate::model::edit::Removed;
        let removed = match &removal {
            crate::action::Removal::Attachment(item) => {
                self.ui.materials.refusals.remove(item);
                Removed::attachment(&self.draft, *item)
            }
            crate::action::Removal::Face(person) => Removed::face(&self.draft, person),
        };
        let Some(removed) = removed else {
            return;
        };
        removed.removal().apply(&mut self.draft);
        self.ui.undo = Some(super::UndoOffer {
            removed,
            until: Instant::now() + Duration::from_secs(super::UNDO_SECS),
        });
    }
}
