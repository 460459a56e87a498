//! One-click fixes that keep a document's content: turn it upright, scale it down and
//! re-encode it as JPEG until it meets the size limit, which also drops every piece of
//! metadata (location included). The original stays in the store untouched.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageEncoder as _};

use super::inspect::{Decoded, InspectError, Measures, decode};
use super::sniff::FileFormat;

/// A quarter turn clockwise, applied on top of the EXIF orientation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Turn {
    /// As it is.
    #[default]
    None,
    /// 90° clockwise.
    Right,
    /// 180°.
    Half,
    /// 90° anticlockwise.
    Left,
}

/// What the normalised file must meet.
#[derive(Clone, Copy, Debug)]
pub struct Target {
    /// Largest file size in bytes.
    pub max_bytes: u64,
    /// Longest side in pixels (larger photos are scaled down; text stays readable).
    pub max_long_side: u32,
    /// The shortest side the result may be scaled down to.
    pub min_short_side: u32,
    /// Extra rotation chosen by the user.
    pub turn: Turn,
}

/// A normalised file and its measures.
pub struct Normalized {
    /// JPEG bytes without metadata.
    pub bytes: Vec<u8>,
    /// What the new file measures.
    pub measures: Measures,
}

/// JPEG qualities tried in turn before scaling further down.
const QUALITIES: [u8; 4] = [90, 85, 80, 72];

fn encode_jpeg(image: &DynamicImage, quality: u8) -> Result<Vec<u8>, InspectError> {
    let rgb = image.to_rgb8();
    let mut out = Vec::with_capacity(rgb.len() / 6);
    JpegEncoder::new_with_quality(Cursor::new(&mut out), quality)
        .write_image(
            rgb.as_raw(),
            rgb.width(),
            rgb.height(),
            image::ExtendedColorType::Rgb8,
        )
        .map_err(|e| InspectError::Damaged(e.to_string()))?;
    Ok(out)
}

fn scaled(image: &DynamicImage, long_side: u32) -> DynamicImage {
    let (w, h) = (image.width(), image.height());
    if w.max(h) <= long_side {
        return image.clone();
    }
    let factor = f64::from(long_side) / f64::from(w.max(h));
    let nw = ((f64::from(w) * factor).round() as u32).max(1);
    let nh = ((f64::from(h) * factor).round() as u32).max(1);
    image.resize_exact(nw, nh, FilterType::Triangle)
}

/// Normalises an image file for a target. Fails with the reason when the file cannot be
/// read, or when even the smallest readable version is larger than the limit.
pub fn normalize(bytes: &[u8], target: Target) -> Result<Normalized, InspectError> {
    let Decoded { image, measures } = decode(bytes)?;
    normalize_decoded(image, &measures, target)
}

/// Normalises an image already decoded upright.
pub fn normalize_decoded(
    image: DynamicImage,
    measures: &Measures,
    target: Target,
) -> Result<Normalized, InspectError> {
    let mut image = match target.turn {
        Turn::None => image,
        Turn::Right => image.rotate90(),
        Turn::Half => image.rotate180(),
        Turn::Left => image.rotate270(),
    };
    if measures.stored_greyscale {
        image = DynamicImage::ImageLuma8(image.to_luma8());
    }
    let mut long_side = target.max_long_side.min(image.width().max(image.height()));
    loop {
        let candidate = scaled(&image, long_side);
        for quality in QUALITIES {
            let out = encode_jpeg(&candidate, quality)?;
            if out.len() as u64 <= target.max_bytes {
                let mut m = Measures {
                    format: Some(FileFormat::Jpeg),
                    byte_len: out.len() as u64,
                    width: candidate.width(),
                    height: candidate.height(),
                    stored_greyscale: measures.stored_greyscale,
                    ..Measures::default()
                };
                super::stats::measure(&candidate, &mut m);
                return Ok(Normalized {
                    bytes: out,
                    measures: m,
                });
            }
        }
        let next = (f64::from(long_side) * 0.8) as u32;
        let short = f64::from(candidate.width().min(candidate.height())) * 0.8;
        if (short as u32) < target.min_short_side {
            return Err(InspectError::Damaged(format!(
                "cannot reach {} bytes without losing legibility",
                target.max_bytes
            )));
        }
        long_side = next;
    }
}
