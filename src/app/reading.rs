//! Reading the text of attached documents: started when a document that can fill fields
//! is attached (the licence, the photo or emblem side of a resident ID), on a worker
//! thread; when it is done, empty fields are filled directly (marked "read from the
//! document" until confirmed) and the rest wait for the user's choice. A document whose
//! certificate number differs from the filing's is someone else's: it fills nothing.

use super::*;
use crate::model::edit::Edit;
use crate::rules::reading_fill::{ProposalState, other_person, proposals, targets};
use crate::steps::reading::ReadingState;

impl BeianApp {
    /// Starts reading the document attached to `item`, if its text can fill fields.
    pub(super) fn read_document(&mut self, item: FieldKey, sha256: String) {
        if targets(&self.draft, item).is_empty() {
            return;
        }
        let (Some(store), Some(draft_path)) = (self.store(), self.draft_path.clone()) else {
            return;
        };
        self.ui
            .materials
            .readings
            .insert(item, ReadingState::Busy(sha256.clone()));
        self.worker.spawn("document-read", move || {
            let result = crate::services::reading::read_stored(&store, &sha256).map(Box::new);
            WorkerEvent::DocumentRead {
                draft_path,
                item,
                sha256,
                result,
            }
        });
    }

    pub(super) fn on_document_read(
        &mut self,
        item: FieldKey,
        sha256: String,
        result: Result<Box<crate::services::reading::DocumentReading>, JobError>,
    ) {
        // A reading of a file that was replaced meanwhile is of no use.
        let attached = self
            .draft
            .materials
            .attachments
            .iter()
            .any(|a| a.item == item && a.sha256 == sha256);
        if !attached {
            return;
        }
        match result {
            Ok(done) => {
                log::debug!(
                    "document read in {} ms: {} lines, {} numbers",
                    done.millis,
                    done.page.lines.len(),
                    done.reading.numbers.len()
                );
                let found = proposals(&self.draft, item, &done.reading);
                // Another person's document fills nothing until the user says whose it is.
                if self.ui.read_only.is_none() && other_person(&found).is_none() {
                    for p in found {
                        if p.state() == ProposalState::Empty {
                            Edit::FillFromDocument {
                                field: p.field,
                                value: p.value,
                            }
                            .apply(&mut self.draft);
                        }
                    }
                }
                self.ui
                    .materials
                    .readings
                    .insert(item, ReadingState::done(*done));
            }
            Err(err) => {
                self.ui
                    .materials
                    .readings
                    .insert(item, ReadingState::Failed(sha256, err));
            }
        }
    }
}
