//! Reading a document file safely and measuring it: the real format, dimensions after the
//! EXIF orientation, metadata (location included), colourfulness, glare, and for PDFs the
//! page count. Decoding runs under `image`'s limits, and the declared size is checked
//! before any pixel is decoded, so no file can make beian allocate more than
//! [`ReadLimits::max_decode_bytes`] (`assets/data/document_limits.ron`). Without those
//! limits no file is read at all.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
use serde::Deserialize;

use super::sniff::sniff;
use crate::data::{self, Shipped, TableError};
pub use crate::model::measures::{FileFormat, Measures};

/// The limits on reading a file (`assets/data/document_limits.ron`).
#[derive(Clone, Debug, Deserialize)]
pub struct ReadLimits {
    /// Data edition.
    pub edition: String,
    /// Why these values.
    pub source: String,
    /// Files larger than this are refused without being decoded.
    pub max_file_bytes: u64,
    /// The most memory one decode may use.
    pub max_decode_bytes: u64,
    /// The most pixels an image may declare.
    pub max_pixels: u64,
    /// The longest side an image may declare, in pixels.
    pub max_side: u32,
    /// PDFs with more pages than this are refused.
    pub max_pdf_pages: usize,
}

static READ_LIMITS: Shipped<ReadLimits> = Shipped::new(data::DOCUMENT_LIMITS);

impl ReadLimits {
    /// The shipped limits; without them no file can be read safely.
    pub fn get() -> Result<&'static ReadLimits, InspectError> {
        READ_LIMITS
            .get()
            .map_err(|e| InspectError::Table(e.clone()))
    }
}

/// Why a file cannot be used at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InspectError {
    /// The file is empty.
    #[error("the file is empty")]
    Empty,
    /// The file is too large to be a document scan.
    #[error("the file is {byte_len} bytes, more than any scan needs")]
    TooLarge {
        /// Its size.
        byte_len: u64,
    },
    /// The bytes are not an image or PDF (whatever the name says).
    #[error("not an image or PDF")]
    NotADocument,
    /// An image format beian does not take.
    #[error("{0:?} files are not accepted")]
    Unsupported(FileFormat),
    /// The image declares more pixels than any document photo has (a decompression bomb).
    #[error("the image declares {width}×{height} pixels")]
    TooManyPixels {
        /// Declared width.
        width: u32,
        /// Declared height.
        height: u32,
    },
    /// The file is damaged: truncated, bad checksums, invalid data.
    #[error("the file is damaged: {0}")]
    Damaged(String),
    /// A table beian needs to read or judge documents could not be read, so no file is
    /// taken rather than one taken unchecked.
    #[error(transparent)]
    Table(TableError),
}

impl InspectError {
    /// The i18n key of the message shown to the user.
    pub fn message_key(&self) -> &'static str {
        match self {
            InspectError::Empty => "document.error.empty",
            InspectError::TooLarge { .. } => "document.error.too_large",
            InspectError::NotADocument => "document.error.not_a_document",
            InspectError::Unsupported(FileFormat::Heic) => "document.error.heic",
            InspectError::Unsupported(_) => "document.error.unsupported",
            InspectError::TooManyPixels { .. } => "document.error.too_many_pixels",
            InspectError::Damaged(_) => "document.error.damaged",
            InspectError::Table(_) => "document.error.table",
        }
    }

    /// The message in the current locale.
    pub fn user_message(&self) -> String {
        let detail = match self {
            InspectError::TooLarge { byte_len } => format!("{:.1} MB", *byte_len as f64 / 1e6),
            InspectError::Unsupported(f) => f.display_name().to_owned(),
            InspectError::TooManyPixels { width, height } => format!("{width}×{height}"),
            InspectError::Damaged(d) => d.clone(),
            InspectError::Table(e) => e.table().to_owned(),
            _ => String::new(),
        };
        crate::i18n::tf(self.message_key(), &[("detail", &detail)])
    }
}

/// A decoded, upright image with its measures.
pub struct Decoded {
    /// The pixels, upright.
    pub image: DynamicImage,
    /// What was measured.
    pub measures: Measures,
}

fn limits(read: &ReadLimits) -> Limits {
    let mut l = Limits::default();
    l.max_image_width = Some(read.max_side);
    l.max_image_height = Some(read.max_side);
    l.max_alloc = Some(read.max_decode_bytes);
    l
}

fn damaged(err: image::ImageError) -> InspectError {
    match err {
        image::ImageError::Limits(_) => InspectError::TooManyPixels {
            width: 0,
            height: 0,
        },
        other => InspectError::Damaged(other.to_string()),
    }
}

/// Checks the size and format of a file before decoding.
pub fn precheck(bytes: &[u8]) -> Result<FileFormat, InspectError> {
    if bytes.is_empty() {
        return Err(InspectError::Empty);
    }
    let byte_len = bytes.len() as u64;
    if byte_len > ReadLimits::get()?.max_file_bytes {
        return Err(InspectError::TooLarge { byte_len });
    }
    match sniff(bytes) {
        FileFormat::Unknown => Err(InspectError::NotADocument),
        f @ (FileFormat::Jpeg | FileFormat::Png | FileFormat::Webp | FileFormat::Pdf) => Ok(f),
        other => Err(InspectError::Unsupported(other)),
    }
}

/// Whether a JPEG ends with its end-of-image marker (some writers pad with zeros after it).
fn has_jpeg_end(bytes: &[u8]) -> bool {
    let trimmed = bytes
        .iter()
        .rposition(|b| *b != 0)
        .and_then(|end| bytes.get(..=end))
        .unwrap_or_default();
    let tail = trimmed
        .get(trimmed.len().saturating_sub(64)..)
        .unwrap_or_default();
    tail.windows(2).any(|w| w == [0xFF, 0xD9])
}

/// Decodes an image file upright and measures it.
pub fn decode(bytes: &[u8]) -> Result<Decoded, InspectError> {
    let format = precheck(bytes)?;
    let image_format = match format {
        FileFormat::Jpeg => image::ImageFormat::Jpeg,
        FileFormat::Png => image::ImageFormat::Png,
        FileFormat::Webp => image::ImageFormat::WebP,
        other => return Err(InspectError::Unsupported(other)),
    };
    // JPEG decoders fill a truncated file's missing part with grey rather than fail; a
    // whole JPEG ends with its end-of-image marker.
    if format == FileFormat::Jpeg && !has_jpeg_end(bytes) {
        return Err(InspectError::Damaged(
            "the JPEG file is cut short".to_owned(),
        ));
    }
    let read = ReadLimits::get()?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), image_format);
    reader.limits(limits(read));
    let mut decoder = reader.into_decoder().map_err(damaged)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > read.max_pixels
        || width > read.max_side
        || height > read.max_side
    {
        return Err(InspectError::TooManyPixels { width, height });
    }
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let exif = decoder.exif_metadata().ok().flatten();
    let stored_greyscale = matches!(
        decoder.color_type(),
        image::ColorType::L8
            | image::ColorType::L16
            | image::ColorType::La8
            | image::ColorType::La16
    );
    let mut image = DynamicImage::from_decoder(decoder).map_err(damaged)?;
    image.apply_orientation(orientation);
    let exif_orientation = exif
        .as_deref()
        .and_then(super::exif::orientation)
        .unwrap_or(0);
    let mut measures = Measures {
        format: Some(format),
        byte_len: bytes.len() as u64,
        width: image.width(),
        height: image.height(),
        exif_orientation,
        has_exif: exif.is_some(),
        has_location: exif.as_deref().is_some_and(super::exif::has_location),
        stored_greyscale,
        ..Measures::default()
    };
    super::stats::measure(&image, &mut measures);
    Ok(Decoded { image, measures })
}

/// Inspects any accepted file: images are decoded and measured, PDFs parsed for their
/// page count.
pub fn inspect(bytes: &[u8]) -> Result<Measures, InspectError> {
    match precheck(bytes)? {
        FileFormat::Pdf => super::pdf::inspect(bytes),
        _ => decode(bytes).map(|d| d.measures),
    }
}
