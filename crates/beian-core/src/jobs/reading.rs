//! Reading an attached document's text on a worker thread: the stored content (a photo,
//! a scan, the first page of a PDF) is decoded, read by the shipped text recogniser and
//! turned into what it proposes (`rules::reading`). The models load once per run and
//! are shared by every reading.

use std::sync::{Arc, OnceLock};
use std::time::Instant;

use super::JobError;
use crate::documents::{FileFormat, Store};
use crate::model::ocr_text::PageText;
use crate::rules::data::Tables;
use crate::rules::reading::{Reading, read_fields};
use crate::vision::ocr::{Ocr, OcrError, Scope};

/// The side a PDF page is rendered at for reading (a scanned A4 page at this size reads
/// as well as a photo).
const PDF_SIDE: u32 = 2000;

/// What was read from one stored file.
#[derive(Clone, Debug)]
pub struct DocumentReading {
    /// The content read.
    pub sha256: String,
    /// The lines, where they are in the picture, and the picture's size.
    pub page: PageText,
    /// What they propose.
    pub reading: Reading,
    /// How long recognition took.
    pub millis: u64,
}

fn models() -> Result<&'static Ocr, JobError> {
    static OCR: OnceLock<Result<Ocr, Arc<OcrError>>> = OnceLock::new();
    OCR.get_or_init(|| Ocr::load().map_err(Arc::new))
        .as_ref()
        .map_err(|e| JobError::Ocr(e.clone()))
}

/// Reads the stored content with this hash.
pub fn read_stored(store: &Store, sha256: &str) -> Result<DocumentReading, JobError> {
    let bytes = store.get(sha256).map_err(|e| JobError::Read(Arc::new(e)))?;
    let image = match crate::documents::sniff::sniff(&bytes) {
        FileFormat::Pdf => {
            image::DynamicImage::from(crate::documents::pdf::first_page(&bytes, PDF_SIDE)?)
                .to_rgb8()
        }
        _ => crate::documents::decode(&bytes)?.image.to_rgb8(),
    };
    let ocr = models()?;
    let started = Instant::now();
    let page = ocr.read(&image, Scope::Fields(crate::rules::reading::label_kind))?;
    let today = chrono::Local::now().date_naive();
    let reading = read_fields(&page, today, Tables::get());
    Ok(DocumentReading {
        sha256: sha256.to_owned(),
        page,
        reading,
        millis: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
    })
}
