//! Results coming back from worker threads and file dialogs, applied on the UI thread.

use super::*;

impl BeianApp {
    /// Whether a worker's result is for the draft still open (the user may have moved on).
    fn is_open_draft(&self, draft_path: &Path) -> bool {
        self.draft_path.as_deref() == Some(draft_path)
    }

    pub(super) fn poll(&mut self, ctx: &egui::Context) {
        for event in self.worker.poll() {
            self.handle_event(event);
        }
        if let Some(((), paths)) = poll_dialog(&mut self.face_dialog, ctx)
            && let Some(path) = paths.into_iter().next()
        {
            self.ui.face.worker = None;
            self.make_face_photo(move |store| crate::services::face::photo_from_file(store, &path));
        }
        if let Some((item, paths)) = poll_dialog(&mut self.document_dialog, ctx) {
            self.attach_files(item, paths);
        }
        match poll_dialog(&mut self.dialog, ctx) {
            Some((DialogPurpose::Open, Some(path))) => self.open_path(path, true),
            Some((DialogPurpose::SaveAs, Some(path))) => self.save_as(path),
            Some((DialogPurpose::OpenBundle, Some(path))) => self.open_bundle(path),
            Some((DialogPurpose::SaveBundle, Some(path))) => self.start_export(path, ctx),
            Some((DialogPurpose::StaffKey, Some(path))) => {
                self.settings.staff_key = Some(path);
                self.save_settings();
            }
            Some((DialogPurpose::SaveCountersigned, Some(path))) => self.start_countersign(path),
            _ => {}
        }
        self.take_dropped_bundle(ctx);
    }

    pub(super) fn handle_event(&mut self, event: WorkerEvent) {
        if !matches!(event, WorkerEvent::Saved { .. }) {
            self.pending_jobs = self.pending_jobs.saturating_sub(1);
        }
        match event {
            WorkerEvent::Saved { path, result } => {
                if self.draft_path.as_ref() == Some(&path) {
                    self.ui.save_status = match result {
                        Ok(()) => SaveStatus::Saved(Local::now().format("%H:%M:%S").to_string()),
                        Err(err) => SaveStatus::Failed(err.into()),
                    };
                }
            }
            WorkerEvent::Opened {
                path,
                result,
                remember,
            } => {
                if self.ui.screen == Screen::Wizard {
                    self.save_now();
                }
                self.on_opened(path, result, remember);
            }
            WorkerEvent::Library(entries) => {
                self.ui.library = Some(entries);
            }
            WorkerEvent::DocumentImported {
                draft_path,
                item,
                result,
            } => {
                if !self.is_open_draft(&draft_path) {
                    return;
                }
                self.ui.materials.busy.remove(&item);
                match result {
                    Ok(imported) => {
                        let imported = *imported;
                        if let Some(thumb) = imported.thumbnail {
                            let sha = imported.attachment.sha256.clone();
                            self.ui.materials.queue_thumbnail(sha, thumb);
                        }
                        self.draft.materials.attachments.retain(|a| a.item != item);
                        self.draft.materials.attachments.push(imported.attachment);
                    }
                    Err(message) => {
                        self.ui.materials.refusals.insert(item, message);
                    }
                }
            }
            WorkerEvent::DocumentNormalized {
                draft_path,
                item,
                original,
                result,
            } => {
                if !self.is_open_draft(&draft_path) {
                    return;
                }
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
                    Err(message) => {
                        self.ui.materials.refusals.insert(item, message);
                    }
                }
            }
            WorkerEvent::Picture {
                sha256,
                preview,
                picture,
            } => match picture {
                Some(picture) => self
                    .ui
                    .materials
                    .pending_pictures
                    .push((sha256, preview, picture)),
                None => {
                    self.ui.materials.no_picture.insert(sha256);
                }
            },
            WorkerEvent::FacePhoto { draft_path, result } => {
                if !self.is_open_draft(&draft_path) {
                    return;
                }
                match result {
                    Ok(made) => {
                        let (photo, picture) = *made;
                        self.ui
                            .materials
                            .queue_thumbnail(photo.sha256.clone(), picture);
                        self.draft.materials.face_photo = Some(photo);
                        self.ui.face.last_check = None;
                    }
                    Err(message) => self.ui.face.error = Some(message),
                }
            }
            WorkerEvent::Cameras(result) => match result {
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
                Err(message) => {
                    self.ui.face.no_camera = true;
                    self.ui.face.error = Some(message);
                }
            },
            WorkerEvent::SampleReady(result) => match result {
                Ok(ready) => {
                    if self.ui.screen == Screen::Wizard {
                        self.save_now();
                    }
                    let (draft, path) = *ready;
                    self.load_into_editor(draft, path);
                    self.save_now();
                }
                Err(message) => self.show_error(message),
            },
            event @ (WorkerEvent::Exported(_)
            | WorkerEvent::BundleVerified { .. }
            | WorkerEvent::BundleImported(_)
            | WorkerEvent::Countersigned(_)
            | WorkerEvent::PasswordRemembered(_)) => self.on_bundle_event(event),
            WorkerEvent::SettingsSaved { result } => {
                if let Err(detail) = result {
                    log::warn!("preferences not saved: {detail}");
                }
            }
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
