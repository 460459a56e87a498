//! Printing a paper from the materials step: where to write it (the save dialog), writing
//! the PDF on a worker, and opening it in the system's viewer.

use super::*;

impl BeianApp {
    /// Asks where to write the paper of `item`, suggesting its file name.
    pub(super) fn ask_paper(&mut self, item: crate::model::FieldKey, ctx: &egui::Context) {
        let Some(paper) = crate::forms::papers(&self.draft)
            .into_iter()
            .find(|p| p.item == item)
        else {
            return;
        };
        let name = crate::forms::file_name(&self.draft, &paper);
        let answer = self.services.dialog.save_paper(ctx, &name);
        self.dialog = Some((DialogPurpose::SavePaper(item), answer));
    }

    /// Writes the paper of `item` to `path` on a worker.
    pub(super) fn start_paper(&mut self, item: crate::model::FieldKey, path: PathBuf) {
        let draft = self.draft.clone();
        self.ui.materials.printed.remove(&item);
        self.worker.spawn("paper-print", move || {
            let result = crate::forms::papers(&draft)
                .into_iter()
                .find(|p| p.item == item)
                .ok_or(crate::forms::FormError::Templates.into())
                .and_then(|paper| crate::forms::print_to(&draft, &paper, &path))
                .map(|()| path);
            WorkerEvent::PaperPrinted { item, result }
        });
    }

    /// The paper was written: it opens in the system's viewer; or the card says why not.
    pub(super) fn on_paper_printed(
        &mut self,
        item: crate::model::FieldKey,
        result: Result<PathBuf, crate::forms::PrintError>,
    ) {
        if let Ok(path) = &result {
            self.ui.materials.open_url = Some(crate::services::overview::file_url(path));
        }
        self.ui.materials.printed.insert(item, result);
    }
}
