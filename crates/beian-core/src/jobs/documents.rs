//! Document work off the UI thread: importing files into a draft's attachment store
//! (read, check, store, thumbnail), normalising them, and making thumbnails of files
//! already attached. Each job is a plain function so tests can call it directly; the app
//! runs them on its named worker threads.

use std::path::Path;

use chrono::Utc;

use crate::data::TableError;
use crate::documents::inspect::ReadLimits;
use crate::documents::{self, FileFormat, InspectError, Store, Target, Turn};
use crate::i18n::Locale;
use crate::model::Draft;
use crate::model::draft::{Attachment, NormalizedCopy, PaperReading};
use crate::model::{Field, FieldKey};
use crate::rules::materials;

/// Longest side of thumbnails, in pixels.
pub const THUMBNAIL_SIDE: u32 = 320;
/// Longest side of the large preview, in pixels.
pub const PREVIEW_SIDE: u32 = 1600;
/// Longest side a scanned paper in a PDF is rendered at to read its QR code.
const PAPER_SIDE: u32 = 2400;

/// Pixels ready to become a texture: straight RGBA, row by row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picture {
    /// Width and height.
    pub size: [usize; 2],
    /// RGBA bytes.
    pub rgba: Vec<u8>,
}

impl Picture {
    fn from_image(image: &image::DynamicImage, side: u32) -> Picture {
        let small = image.thumbnail(side, side).to_rgba8();
        Picture {
            size: [small.width() as usize, small.height() as usize],
            rgba: small.into_raw(),
        }
    }
}

/// Why an import failed, for the message.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read from disk.
    #[error("cannot read the file: {0}")]
    Read(std::io::Error),
    /// The file is not usable.
    #[error(transparent)]
    Inspect(#[from] InspectError),
    /// The store could not be written.
    #[error("cannot store the file: {0}")]
    Store(std::io::Error),
}

impl ImportError {
    /// The message in `locale`.
    pub fn user_message(&self, locale: Locale) -> String {
        match self {
            ImportError::Read(e) => {
                crate::i18n::tf(locale, "document.error.read", &[("detail", &e.to_string())])
            }
            ImportError::Inspect(e) => e.user_message(locale),
            ImportError::Store(e) => crate::i18n::tf(
                locale,
                "document.error.store",
                &[("detail", &e.to_string())],
            ),
        }
    }
}

/// A file attached successfully.
#[derive(Debug)]
pub struct Imported {
    /// The new attachment.
    pub attachment: Attachment,
    /// Its thumbnail.
    pub thumbnail: Option<Picture>,
}

/// Reads a file to import (not one of the library's own: those go through the store),
/// refusing one larger than any document before reading it.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, ImportError> {
    let len = std::fs::metadata(path).map_err(ImportError::Read)?.len();
    if len > ReadLimits::get()?.max_file_bytes {
        return Err(InspectError::TooLarge { byte_len: len }.into());
    }
    std::fs::read(path).map_err(ImportError::Read)
}

/// A picture of file content (the first page of a PDF), at most `side` pixels long.
pub fn thumbnail_of(bytes: &[u8], format: FileFormat, side: u32) -> Option<Picture> {
    if format == FileFormat::Pdf {
        let page = documents::pdf::first_page(bytes, side).ok()?;
        return Some(Picture {
            size: [page.width() as usize, page.height() as usize],
            rgba: page.into_raw(),
        });
    }
    documents::decode(bytes)
        .ok()
        .map(|d| Picture::from_image(&d.image, side))
}

/// Checks bytes and puts them in the store as an attachment of `item`.
pub fn import_bytes(
    store: &Store,
    item: FieldKey,
    name: &str,
    bytes: &[u8],
) -> Result<Imported, ImportError> {
    import_bytes_for(store, item, name, bytes, None)
}

/// Checks bytes and puts them in the store as an attachment of `item` of `draft`: when
/// the item is a paper beian prints, its photo is also read for the paper's QR code and
/// blank signature places ([`crate::forms::scan::read`]).
pub fn import_bytes_for(
    store: &Store,
    item: FieldKey,
    name: &str,
    bytes: &[u8],
    draft: Option<&Draft>,
) -> Result<Imported, ImportError> {
    let format = documents::inspect::precheck(bytes)?;
    let papers = draft.map(crate::rules::papers::papers).unwrap_or_default();
    let is_paper = papers.iter().any(|p| p.item == item);
    let (measures, thumbnail, gray) = if format == FileFormat::Pdf {
        let m = documents::pdf::inspect(bytes)?;
        let gray = is_paper
            .then(|| documents::pdf::first_page(bytes, PAPER_SIDE).ok())
            .flatten()
            .map(|page| image::DynamicImage::ImageRgba8(page).to_luma8());
        (m, thumbnail_of(bytes, format, THUMBNAIL_SIDE), gray)
    } else {
        let decoded = documents::decode(bytes)?;
        let thumb = Picture::from_image(&decoded.image, THUMBNAIL_SIDE);
        let gray = is_paper.then(|| decoded.image.to_luma8());
        (decoded.measures, Some(thumb), gray)
    };
    let paper = match (draft, gray) {
        (Some(draft), Some(gray)) => Some(crate::forms::scan::read(draft, &papers, item, &gray)),
        (Some(_), None) if is_paper => Some(PaperReading::default()),
        _ => None,
    };
    let sha256 = store.put(bytes).map_err(ImportError::Store)?;
    Ok(Imported {
        attachment: Attachment {
            item,
            sha256,
            original_name: name.to_owned(),
            measures,
            normalized: None,
            added_at: Some(Utc::now()),
            paper,
        },
        thumbnail,
    })
}

/// Reads a file from disk and imports it.
pub fn import_file(store: &Store, item: FieldKey, path: &Path) -> Result<Imported, ImportError> {
    import_file_for(store, item, path, None)
}

/// Reads a file from disk and imports it as an attachment of `item` of `draft`
/// ([`import_bytes_for`]).
pub fn import_file_for(
    store: &Store,
    item: FieldKey,
    path: &Path,
    draft: Option<&Draft>,
) -> Result<Imported, ImportError> {
    let bytes = read_limited(path)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    import_bytes_for(store, item, &name, &bytes, draft)
}

/// Normalises an attachment's original for its kind (upright, within the size limit, no
/// metadata) and stores the copy.
pub fn normalize_attachment(
    store: &Store,
    attachment: &Attachment,
    turn: Turn,
) -> Result<(NormalizedCopy, Option<Picture>), ImportError> {
    let Field::Document(kind) = attachment.item.field else {
        return Err(InspectError::NotADocument.into());
    };
    let bytes = store.get(&attachment.sha256).map_err(ImportError::Read)?;
    let table = |e: TableError| ImportError::Inspect(InspectError::Table(e));
    let spec = materials::spec(kind).map_err(table)?;
    let specs = materials::specs().map_err(|e| table(e.clone()))?;
    let target = Target {
        max_bytes: spec.max_bytes,
        max_long_side: specs.normalized_long_side,
        min_short_side: spec.min_short_side,
        turn,
    };
    let out = documents::normalize(&bytes, target)?;
    let sha256 = store.put(&out.bytes).map_err(ImportError::Store)?;
    let thumbnail = thumbnail_of(&out.bytes, FileFormat::Jpeg, THUMBNAIL_SIDE);
    Ok((
        NormalizedCopy {
            sha256,
            measures: out.measures,
        },
        thumbnail,
    ))
}

/// Makes a picture of a stored file (a thumbnail or the large preview).
pub fn picture(store: &Store, sha256: &str, side: u32) -> Option<Picture> {
    let bytes = store.get(sha256).ok()?;
    let format = documents::sniff(&bytes);
    thumbnail_of(&bytes, format, side)
}

/// Encodes straight RGBA pixels as PNG (for pictures pasted from the clipboard).
pub fn png_of(size: [usize; 2], rgba: &[u8]) -> Result<Vec<u8>, ImportError> {
    use image::ImageEncoder as _;
    let (w, h) = (
        u32::try_from(size[0]).unwrap_or(0),
        u32::try_from(size[1]).unwrap_or(0),
    );
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(rgba, w, h, image::ExtendedColorType::Rgba8)
        .map_err(|e| ImportError::Inspect(InspectError::Damaged(e.to_string())))?;
    Ok(out)
}
