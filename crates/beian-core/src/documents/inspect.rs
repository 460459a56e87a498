//! Reading a document file safely and measuring it: the real format, dimensions after the
//! EXIF orientation, metadata (location included), colourfulness, glare, and for PDFs the
//! page count. Decoding runs under `image`'s limits, and the declared size is checked
//! before any pixel is decoded, so no file can make beian allocate more than
//! [`ReadLimits::max_decode_bytes`] (`assets/data/document_limits.ron`). Without those
//! limits no file is read at all.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageReader, Limits};

use super::sniff::sniff;
pub use crate::model::measures::{FileFormat, Measures};

pub use super::limits::{InspectError, ReadLimits};

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
