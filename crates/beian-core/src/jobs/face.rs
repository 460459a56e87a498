//! Making the face photo off the UI thread: the thorough pre-check of the chosen frame
//! (both detectors), the portrait crop, JPEG encoding without metadata, and storing it in
//! the draft's attachment store with its report.

use std::path::Path;

use chrono::Utc;
use image::RgbImage;

use super::documents::Picture;
use super::error::JobError;
use crate::documents::Store;
use crate::model::draft::FacePhoto;
use crate::vision::{Detectors, Limits, crop, precheck};

/// Checks, crops and stores a frame as the face photo. The photo is kept even when a
/// check fails (the help desk may override), with `passed` saying so.
pub fn make_photo(
    store: &Store,
    frame: &RgbImage,
    source: &str,
) -> Result<(FacePhoto, Picture), JobError> {
    let detectors = Detectors::load()?;
    let limits = Limits::get()?;
    let report = precheck(frame, &detectors, true)?;
    let faces = detectors.front.detect(frame, limits.min_face_score)?;
    let main = faces
        .iter()
        .max_by(|a, b| (a.width() * a.height()).total_cmp(&(b.width() * b.height())));
    let portrait = match main {
        Some(face) => crop::portrait(frame, face),
        None => frame.clone(),
    };
    let (w, h) = (
        u16::try_from(portrait.width()).map_err(|e| JobError::Encode(crate::cause::cause(e)))?,
        u16::try_from(portrait.height()).map_err(|e| JobError::Encode(crate::cause::cause(e)))?,
    );
    let mut jpeg = Vec::new();
    jpeg_encoder::Encoder::new(&mut jpeg, 92)
        .encode(portrait.as_raw(), w, h, jpeg_encoder::ColorType::Rgb)
        .map_err(|e| JobError::Encode(crate::cause::cause(e)))?;
    let sha256 = store
        .put(&jpeg)
        .map_err(|e| JobError::from(super::documents::ImportError::Store(e)))?;
    let thumb = image::DynamicImage::ImageRgb8(portrait)
        .thumbnail(300, 400)
        .to_rgba8();
    let picture = Picture {
        size: [thumb.width() as usize, thumb.height() as usize],
        rgba: thumb.into_raw(),
    };
    let photo = FacePhoto {
        // Whose it is is set by the caller, who knows for whom it was taken.
        person: String::new(),
        sha256,
        captured_at: Some(Utc::now()),
        passed: report.passed(),
        override_reason: String::new(),
        report: Some(report),
        source: source.to_owned(),
    };
    Ok((photo, picture))
}

/// Uses an existing photo: read safely, then the same checks as a camera frame.
pub fn photo_from_file(store: &Store, path: &Path) -> Result<(FacePhoto, Picture), JobError> {
    let bytes = std::fs::read(path).map_err(|e| JobError::Read(std::sync::Arc::new(e)))?;
    let decoded = crate::documents::decode(&bytes)?;
    make_photo(store, &decoded.image.to_rgb8(), "file")
}
