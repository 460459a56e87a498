//! One-click fixes that keep a document's content: turn it upright, scale it down and
//! re-encode it as JPEG until it meets the size limit, which also drops every piece of
//! metadata (location included). The original stays in the store untouched.

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::DynamicImage;

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

fn encode_jpeg(
    pixels: &[u8],
    width: u32,
    height: u32,
    greyscale: bool,
    quality: u8,
) -> Result<Vec<u8>, InspectError> {
    let (w, h) = match (u16::try_from(width), u16::try_from(height)) {
        (Ok(w), Ok(h)) => (w, h),
        _ => return Err(InspectError::TooManyPixels { width, height }),
    };
    let mut out = Vec::with_capacity(pixels.len() / 8);
    let colour = if greyscale {
        jpeg_encoder::ColorType::Luma
    } else {
        jpeg_encoder::ColorType::Rgb
    };
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality);
    // 4:2:0 chroma, as cameras write: half the work of 4:4:4 and no visible loss on paper.
    encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::F_2_2);
    encoder
        .encode(pixels, w, h, colour)
        .map_err(|e| InspectError::Damaged(e.to_string()))?;
    Ok(out)
}

/// Pixels in one of the two layouts the encoder takes.
struct Pixels {
    data: Vec<u8>,
    width: u32,
    height: u32,
    greyscale: bool,
}

impl Pixels {
    fn of(image: DynamicImage, greyscale: bool) -> Pixels {
        let (width, height) = (image.width(), image.height());
        let data = if greyscale {
            image.into_luma8().into_raw()
        } else {
            image.into_rgb8().into_raw()
        };
        Pixels {
            data,
            width,
            height,
            greyscale,
        }
    }

    /// A copy scaled so that its longer side is `long_side` (SIMD convolution, bilinear).
    fn scaled(&self, long_side: u32) -> Result<Pixels, InspectError> {
        let (w, h) = (self.width, self.height);
        if w.max(h) <= long_side {
            return Ok(Pixels {
                data: self.data.clone(),
                width: w,
                height: h,
                greyscale: self.greyscale,
            });
        }
        let factor = f64::from(long_side) / f64::from(w.max(h));
        let nw = ((f64::from(w) * factor).round() as u32).max(1);
        let nh = ((f64::from(h) * factor).round() as u32).max(1);
        let kind = if self.greyscale {
            PixelType::U8
        } else {
            PixelType::U8x3
        };
        let fail = |e: &dyn std::fmt::Display| InspectError::Damaged(e.to_string());
        let src = ImageRef::new(w, h, &self.data, kind).map_err(|e| fail(&e))?;
        let mut dst = Image::new(nw, nh, kind);
        let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Bilinear));
        Resizer::new()
            .resize(&src, &mut dst, &options)
            .map_err(|e| fail(&e))?;
        Ok(Pixels {
            data: dst.into_vec(),
            width: nw,
            height: nh,
            greyscale: self.greyscale,
        })
    }
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
    let image = match target.turn {
        Turn::None => image,
        Turn::Right => image.rotate90(),
        Turn::Half => image.rotate180(),
        Turn::Left => image.rotate270(),
    };
    // A turn moves the corners the emblem test looks at: measure the turned picture.
    let mut measures = measures.clone();
    if target.turn != Turn::None {
        super::stats::measure(&image, &mut measures);
    }
    let pixels = Pixels::of(image, measures.stored_greyscale);
    let mut long_side = target.max_long_side.min(pixels.width.max(pixels.height));
    loop {
        let candidate = pixels.scaled(long_side)?;
        for quality in QUALITIES {
            let out = encode_jpeg(
                &candidate.data,
                candidate.width,
                candidate.height,
                candidate.greyscale,
                quality,
            )?;
            if out.len() as u64 <= target.max_bytes {
                // Colour and brightness statistics do not change with scale.
                let m = Measures {
                    format: Some(FileFormat::Jpeg),
                    byte_len: out.len() as u64,
                    width: candidate.width,
                    height: candidate.height,
                    exif_orientation: 0,
                    has_exif: false,
                    has_location: false,
                    pages: None,
                    ..measures.clone()
                };
                return Ok(Normalized {
                    bytes: out,
                    measures: m,
                });
            }
        }
        let short = f64::from(candidate.width.min(candidate.height)) * 0.8;
        if (short as u32) < target.min_short_side {
            return Err(InspectError::Damaged(format!(
                "cannot reach {} bytes without losing legibility",
                target.max_bytes
            )));
        }
        long_side = (f64::from(long_side) * 0.8) as u32;
    }
}
