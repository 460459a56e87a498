//! The materials step's view state (never saved): the documents' thumbnails and their
//! textures, files waiting to be assigned, the items being checked, refusals, what was
//! read from each document, the viewer; and what arrives in a frame by drop or paste
//! (given to the card under the pointer). The materials step, its cards and the reading
//! panel all use it.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crate::action::{Action, DocumentAction};
use crate::model::FieldKey;
use crate::services::JobError;
use crate::services::reading::DocumentReading;

/// Transient state of the materials step.
#[derive(Default)]
pub struct MaterialsUi {
    /// Thumbnails by content hash.
    pub thumbnails: HashMap<String, egui::TextureHandle>,
    /// Hashes whose thumbnail is being made.
    pub loading: HashSet<String>,
    /// Items with a file being imported or normalised.
    pub busy: HashSet<FieldKey>,
    /// The last refusal per item, already translated.
    pub refusals: HashMap<FieldKey, crate::services::JobError>,
    /// Files dropped or pasted without a target, waiting to be assigned.
    pub unassigned: Vec<PathBuf>,
    /// The item shown large, with its zoom.
    pub viewer: Option<(FieldKey, f32)>,
    /// The large picture of the viewed item.
    pub preview: Option<(String, egui::TextureHandle)>,
    /// Content that could not be drawn (shown as a file card).
    pub no_picture: HashSet<String>,
    /// Whether the last paste found no item under the pointer.
    pub paste_missed: bool,
    /// Pictures made by workers, waiting to become textures: (hash, is preview, picture).
    pub pending_pictures: Vec<(String, bool, crate::services::documents::Picture)>,
    /// The text read from items' documents (licence, ID card sides).
    pub readings: HashMap<FieldKey, ReadingState>,
    /// Printed papers by item: where the PDF was written, or why it was not.
    pub printed: HashMap<FieldKey, Result<PathBuf, crate::forms::PrintError>>,
    /// What "print all" wrote, or why it could not.
    pub printed_all: Option<Result<crate::forms::print_all::PrintedAll, crate::forms::PrintError>>,
    /// A printed paper to open in the system's viewer on the next frame.
    pub open_url: Option<String>,
}

impl MaterialsUi {
    /// Queues a thumbnail made by a worker, to become a texture on the next frame.
    pub fn queue_thumbnail(
        &mut self,
        sha256: String,
        picture: crate::services::documents::Picture,
    ) {
        self.loading.insert(sha256.clone());
        self.pending_pictures.push((sha256, false, picture));
    }

    /// Turns pictures made by workers into textures (on the UI thread, with its context).
    pub fn upload_pictures(&mut self, ctx: &egui::Context) {
        for (sha, preview, picture) in std::mem::take(&mut self.pending_pictures) {
            let image = egui::ColorImage::from_rgba_unmultiplied(picture.size, &picture.rgba);
            let name = if preview {
                format!("preview:{sha}")
            } else {
                format!("thumb:{sha}")
            };
            let texture = ctx.load_texture(name, image, egui::TextureOptions::LINEAR);
            if preview {
                self.loading.remove(&format!("preview:{sha}"));
                self.preview = Some((sha, texture));
            } else {
                self.loading.remove(&sha);
                self.thumbnails.insert(sha, texture);
            }
        }
    }
}

impl std::fmt::Debug for MaterialsUi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MaterialsUi")
            .field("thumbnails", &self.thumbnails.len())
            .field("busy", &self.busy)
            .field("unassigned", &self.unassigned)
            .finish_non_exhaustive()
    }
}

/// The files dropped on the window this frame that are documents to attach (a dropped
/// bundle is opened as a received bundle, not attached).
pub(super) fn dropped_documents(ctx: &egui::Context) -> Vec<PathBuf> {
    ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .filter(|p| !crate::services::bundle::is_bundle_path(p))
            .collect()
    })
}

/// Files dropped and a picture pasted in this frame, given to the card under the pointer.
pub(super) struct Incoming {
    pointer: Option<egui::Pos2>,
    dropped: Vec<PathBuf>,
    pasted: Option<std::sync::Arc<egui::ColorImage>>,
    pub(super) hovering: bool,
    dropped_on_card: bool,
    pasted_on_card: bool,
}

impl Incoming {
    pub(super) fn read(ctx: &egui::Context) -> Incoming {
        Incoming {
            pointer: ctx.pointer_latest_pos(),
            dropped: dropped_documents(ctx),
            pasted: ctx.input(|i| {
                i.events.iter().find_map(|e| match e {
                    egui::Event::PasteImage(image) => Some(image.clone()),
                    _ => None,
                })
            }),
            hovering: ctx.input(|i| !i.raw.hovered_files.is_empty()),
            dropped_on_card: false,
            pasted_on_card: false,
        }
    }

    /// Attaches what came in to `item` when the pointer is over its card (`rect`).
    pub(super) fn offer(&mut self, rect: egui::Rect, item: FieldKey, actions: &mut Vec<Action>) {
        if !self.pointer.is_some_and(|p| rect.contains(p)) {
            return;
        }
        if !self.dropped.is_empty() {
            self.dropped_on_card = true;
            let paths = self.dropped.clone();
            actions.push(DocumentAction::Attach { item, paths }.into());
        }
        if let Some(image) = &self.pasted {
            self.pasted_on_card = true;
            let image = image.clone();
            actions.push(DocumentAction::AttachPasted { item, image }.into());
        }
    }

    /// Files dropped beside every card wait to be assigned; a paste that missed says so.
    pub(super) fn finish(self, state: &mut MaterialsUi) {
        if self.pasted.is_some() {
            state.paste_missed = !self.pasted_on_card;
        }
        if !self.dropped.is_empty() && !self.dropped_on_card {
            state.unassigned.extend(self.dropped);
        }
    }
}

/// The reading of one item's document.
#[derive(Debug)]
pub enum ReadingState {
    /// Being read (the content's hash).
    Busy(String),
    /// Read.
    Done(Box<Done>),
    /// It could not be read (the content's hash and why).
    Failed(String, JobError),
}

/// A finished reading and what the user did with it.
#[derive(Debug)]
pub struct Done {
    /// What was read.
    pub reading: DocumentReading,
    /// Proposals the user set aside (by field).
    pub dismissed: HashSet<FieldKey>,
    /// The proposal under the pointer, whose region is drawn stronger.
    pub hovered: Option<FieldKey>,
}

impl ReadingState {
    /// A finished reading, nothing set aside yet.
    pub fn done(reading: DocumentReading) -> ReadingState {
        ReadingState::Done(Box::new(Done {
            reading,
            dismissed: HashSet::new(),
            hovered: None,
        }))
    }
}
