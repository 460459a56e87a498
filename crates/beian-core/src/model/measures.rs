//! What checking a document file measured, as drafts store it (so the rules can judge a
//! file without reading it again), and the file formats beian tells apart. Measuring is
//! done by `documents`; these are only the file-format types.

use serde::{Deserialize, Serialize};

/// A file format beian can tell apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileFormat {
    /// JPEG.
    Jpeg,
    /// PNG.
    Png,
    /// WebP.
    Webp,
    /// GIF.
    Gif,
    /// BMP.
    Bmp,
    /// TIFF.
    Tiff,
    /// HEIC/HEIF (iPhone photos).
    Heic,
    /// PDF.
    Pdf,
    /// Anything else.
    Unknown,
}

impl FileFormat {
    /// The name shown to users.
    pub fn display_name(self) -> &'static str {
        match self {
            FileFormat::Jpeg => "JPEG",
            FileFormat::Png => "PNG",
            FileFormat::Webp => "WebP",
            FileFormat::Gif => "GIF",
            FileFormat::Bmp => "BMP",
            FileFormat::Tiff => "TIFF",
            FileFormat::Heic => "HEIC",
            FileFormat::Pdf => "PDF",
            FileFormat::Unknown => "?",
        }
    }
}

/// What was measured about a usable file. Stored with the attachment, so the rules can
/// judge it without reading the file again.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Measures {
    /// The real format.
    pub format: Option<FileFormat>,
    /// Size in bytes.
    pub byte_len: u64,
    /// Width as displayed (after the EXIF orientation), in pixels; 0 for PDFs.
    pub width: u32,
    /// Height as displayed, in pixels; 0 for PDFs.
    pub height: u32,
    /// The EXIF orientation tag (1 = upright; 0 when absent).
    pub exif_orientation: u8,
    /// Whether the file carries EXIF metadata.
    pub has_exif: bool,
    /// Whether the metadata includes a location.
    pub has_location: bool,
    /// Whether the pixels are stored as greyscale.
    pub stored_greyscale: bool,
    /// Colourfulness (Hasler and Süsstrunk, 0 for grey, about 15 for a dull colour scan,
    /// 40 and more for vivid photos).
    pub colourfulness: f32,
    /// Share of strongly coloured pixels (chroma above 40 of 255), from 0 to 1: a colour
    /// copy of a printed page has its seal, emblem or coloured border; a photocopy has none.
    pub colour_fraction: f32,
    /// Share of the picture clipped to white in patches brighter than the paper around
    /// them (glare), from 0 to 1.
    pub glare_fraction: f32,
    /// Median brightness, 0 to 255.
    pub median_luma: u8,
    /// How much the brightness spreads: its standard deviation, 0 to 128 (0 for a picture
    /// of one colour).
    pub luma_spread: f32,
    /// Share of strongly red pixels in the top-left corner (the national emblem of an ID
    /// card's back side), from 0 to 1.
    pub top_left_red: f32,
    /// Pages, for PDFs.
    pub pages: Option<u32>,
}

impl Measures {
    /// The shorter side in pixels.
    pub fn short_side(&self) -> u32 {
        self.width.min(self.height)
    }
}
