//! Printing a paper from the materials step: where to write it (the save dialog), writing
//! the PDF on a worker, and opening it in the system's viewer.

use super::*;

impl BeianApp {
    /// Asks where to write the paper of `item`, suggesting its file name.
    pub(super) fn ask_paper(&mut self, item: crate::model::FieldKey, ctx: &egui::Context) {
        let Some(paper) = crate::rules::papers::paper_of(&self.draft, item) else {
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
            let result = crate::rules::papers::paper_of(&draft, item)
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

    /// Asks where to write every paper in one file, suggesting a name after the subject.
    pub(super) fn ask_all_papers(&mut self, ctx: &egui::Context) {
        let subject = self.draft.subject.name.trim();
        let name = if subject.is_empty() {
            "备案表格.pdf".to_owned()
        } else {
            format!("备案表格-{}.pdf", crate::forms::safe_name(subject))
        };
        let answer = self.services.dialog.save_paper(ctx, &name);
        self.dialog = Some((DialogPurpose::SaveAllPapers, answer));
    }

    /// Writes every paper on a worker: all in `path`, each also in the folder beside it.
    pub(super) fn start_all_papers(&mut self, path: PathBuf) {
        let draft = self.draft.clone();
        self.ui.materials.printed_all = None;
        self.worker.spawn("paper-print-all", move || {
            let papers = crate::rules::papers::papers(&draft);
            let dir = crate::forms::print_all::folder_beside(&path);
            WorkerEvent::PapersPrinted(crate::forms::print_all::print_all(
                &draft, &papers, &dir, &path,
            ))
        });
    }

    /// Every paper was written: the combined file opens in the system's viewer.
    pub(super) fn on_papers_printed(
        &mut self,
        result: Result<crate::forms::print_all::PrintedAll, crate::forms::PrintError>,
    ) {
        if let Ok(Some(path)) = result.as_ref().map(|p| p.combined.as_ref()) {
            self.ui.materials.open_url = Some(crate::services::overview::file_url(path));
        }
        self.ui.materials.printed_all = Some(result);
    }
}
