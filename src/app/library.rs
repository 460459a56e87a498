//! `LibraryAction`: what the start screen's list does to a saved filing — start a
//! 新增网站 draft for its subject, archive it, delete it — each on a worker thread, the
//! list read again afterwards.

use super::*;
use crate::action::LibraryAction;

impl BeianApp {
    pub(super) fn apply_library(&mut self, action: LibraryAction) {
        let library = self.library.clone();
        match action {
            LibraryAction::NewWebsiteFor(path) => {
                self.worker.spawn("library-new-website", move || {
                    WorkerEvent::LibraryChanged(
                        crate::services::library::new_website_for(&library, &path)
                            .map(|made| Some(Box::new(made))),
                    )
                });
            }
            LibraryAction::SetArchived(path, archived) => {
                self.worker.spawn("library-archive", move || {
                    WorkerEvent::LibraryChanged(
                        crate::services::library::set_archived(&library, &path, archived)
                            .map(|()| None),
                    )
                });
            }
            LibraryAction::Delete(path) => {
                if self.draft_path.as_ref() == Some(&path) {
                    self.close_draft();
                }
                self.worker.spawn("library-delete", move || {
                    WorkerEvent::LibraryChanged(
                        crate::services::library::delete(&library, &path).map(|()| None),
                    )
                });
            }
        }
    }

    pub(super) fn on_library_changed(
        &mut self,
        result: Result<Option<Box<(Draft, PathBuf)>>, JobError>,
    ) {
        match result {
            Ok(Some(made)) => {
                let (draft, path) = *made;
                self.load_into_editor(draft, path);
            }
            Ok(None) => self.refresh_library(),
            Err(err) => {
                self.show_error(err);
                self.refresh_library();
            }
        }
    }
}
