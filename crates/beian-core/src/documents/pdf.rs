//! PDF documents: the page count, and a picture of the first page for previews, with the
//! pure-Rust `hayro` renderer. PDFs come from strangers: parsing and drawing run inside
//! `catch_unwind`, so a renderer bug ends that preview, not the application.

use std::panic::{AssertUnwindSafe, catch_unwind};

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::{LoadPdfError, Pdf};
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings, render};
use image::RgbaImage;

use super::limits::{InspectError, ReadLimits};
use super::sniff::FileFormat;
use crate::model::measures::Measures;

fn open(bytes: &[u8]) -> Result<Pdf, InspectError> {
    let data = bytes.to_vec();
    let parsed = catch_unwind(AssertUnwindSafe(|| Pdf::new(data)))
        .map_err(|_| InspectError::Damaged("the PDF could not be parsed".to_owned()))?;
    match parsed {
        Ok(pdf) => Ok(pdf),
        Err(LoadPdfError::Decryption(_)) => {
            Err(InspectError::Damaged("the PDF is encrypted".to_owned()))
        }
        Err(_) => Err(InspectError::Damaged("not a valid PDF".to_owned())),
    }
}

/// Measures a PDF: its size and page count.
pub fn inspect(bytes: &[u8]) -> Result<Measures, InspectError> {
    let pdf = open(bytes)?;
    let pages = pdf.pages().len();
    if pages == 0 {
        return Err(InspectError::Damaged("the PDF has no pages".to_owned()));
    }
    if pages > ReadLimits::get()?.max_pdf_pages {
        return Err(InspectError::Damaged(format!("the PDF has {pages} pages")));
    }
    Ok(Measures {
        format: Some(FileFormat::Pdf),
        byte_len: bytes.len() as u64,
        pages: u32::try_from(pages).ok(),
        ..Measures::default()
    })
}

/// Draws the first page with its longer side `max_side` pixels, on white.
pub fn first_page(bytes: &[u8], max_side: u32) -> Result<RgbaImage, InspectError> {
    let pdf = open(bytes)?;
    let drawn = catch_unwind(AssertUnwindSafe(|| {
        let page = pdf.pages().first()?;
        let (w, h) = page.render_dimensions();
        if !(w.is_finite() && h.is_finite()) || w <= 0.0 || h <= 0.0 {
            return None;
        }
        let scale = (max_side as f32 / w.max(h)).min(4.0);
        let settings = PixmapSettings {
            x_scale: scale,
            y_scale: scale,
            bg_color: WHITE,
        };
        let cache = RenderCache::new();
        let pixmap = render(
            page,
            &cache,
            &InterpreterSettings::default(),
            &RenderSettings::default(),
            &settings,
        );
        let (pw, ph) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
        // Opaque on white: premultiplied and straight RGBA are the same.
        RgbaImage::from_raw(pw, ph, pixmap.data_as_u8_slice().to_vec())
    }))
    .map_err(|_| InspectError::Damaged("the PDF page could not be drawn".to_owned()))?;
    drawn.ok_or_else(|| InspectError::Damaged("the PDF page could not be drawn".to_owned()))
}
