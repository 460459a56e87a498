//! The pre-checks of a face-verification frame: exactly one face, framing, background,
//! exposure, sharpness and sunglasses, each with its measured value, its limit, whether it
//! passed and what to tell the person. Pure: a frame in, a report out.

use image::RgbImage;
use serde::{Deserialize, Serialize};

use super::detector::{DETECTOR_VERSION, Detector, DetectorError, Face};
use crate::data::{self, Shipped};
pub use crate::model::precheck::{CheckId, CheckResult, PreCheck};

/// The limits, from `assets/data/precheck_limits.ron`.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Limits {
    /// Data edition.
    pub edition: String,
    /// Least detector score of a face.
    pub min_face_score: f32,
    /// Least face box height, share of the frame.
    pub min_face_height: f32,
    /// Largest face box height, share of the frame.
    pub max_face_height: f32,
    /// Largest horizontal offset of the face centre, share of the width.
    pub max_offset_x: f32,
    /// Largest vertical offset from 45 % of the height, share of the height.
    pub max_offset_y: f32,
    /// Room above the face box for hair, in box heights (background measure).
    pub hair_margin: f32,
    /// Room the frame must leave above the face box, in box heights.
    pub head_margin: f32,
    /// Largest eye-line angle, degrees.
    pub max_roll_degrees: f32,
    /// Least background luma.
    pub min_background_luma: f32,
    /// Largest background luma deviation.
    pub max_background_std: f32,
    /// Largest spread of background cell means.
    pub max_background_cells: f32,
    /// Largest background colour cast (|Cb−128| + |Cr−128|).
    pub max_colour_cast: f32,
    /// Least face luma.
    pub min_face_luma: f32,
    /// Largest face luma.
    pub max_face_luma: f32,
    /// Largest share of clipped face pixels.
    pub max_clipped: f32,
    /// Largest ratio of the brighter face half over the darker.
    pub max_side_light: f32,
    /// Least contrast-normalised Laplacian variance.
    pub min_sharpness: f32,
    /// Least eye-to-cheek brightness ratio.
    pub min_eye_to_cheek: f32,
    /// Passing frames in a row before capture.
    pub stable_frames: u32,
}

static LIMITS: Shipped<Limits> = Shipped::new(data::PRECHECK_LIMITS);

impl Limits {
    /// The shipped limits; without them no frame can pass.
    pub fn get() -> Result<&'static Limits, DetectorError> {
        LIMITS.get().map_err(|e| DetectorError::Limits(e.clone()))
    }
}

/// The detectors a pre-check uses: the fast one every frame, the full-range one to find
/// small faces in the background when `thorough`.
pub struct Detectors {
    /// Short-range detector.
    pub front: Detector,
    /// Full-range detector.
    pub back: Detector,
}

impl Detectors {
    /// Loads both models.
    pub fn load() -> Result<Detectors, DetectorError> {
        Ok(Detectors {
            front: Detector::front()?,
            back: Detector::back()?,
        })
    }
}

fn luma(p: &image::Rgb<u8>) -> f32 {
    0.299 * f32::from(p[0]) + 0.587 * f32::from(p[1]) + 0.114 * f32::from(p[2])
}

struct Region {
    x0: u32,
    y0: u32,
    x1: u32,
    y1: u32,
}

fn clamp_region(frame: &RgbImage, x0: f32, y0: f32, x1: f32, y1: f32) -> Region {
    let (w, h) = (frame.width() as f32, frame.height() as f32);
    Region {
        x0: x0.clamp(0.0, w) as u32,
        y0: y0.clamp(0.0, h) as u32,
        x1: x1.clamp(0.0, w) as u32,
        y1: y1.clamp(0.0, h) as u32,
    }
}

fn result(
    id: CheckId,
    value: Option<f32>,
    limit: String,
    passed: bool,
    fail_key: &str,
) -> CheckResult {
    CheckResult {
        id,
        value,
        limit,
        passed,
        guidance_key: if passed {
            "precheck.ok".to_owned()
        } else {
            fail_key.to_owned()
        },
    }
}

/// Runs every check on a frame. `thorough` also runs the full-range detector to count
/// small faces in the background (≈ 57 ms more); the live preview runs it every few
/// frames, a capture always.
pub fn precheck(
    frame: &RgbImage,
    detectors: &Detectors,
    thorough: bool,
) -> Result<PreCheck, DetectorError> {
    let limits = Limits::get()?;
    let mut faces = detectors.front.detect(frame, limits.min_face_score)?;
    if thorough {
        for extra in detectors.back.detect(frame, limits.min_face_score)? {
            let overlaps = faces.iter().any(|f| overlap(f, &extra));
            if !overlaps {
                faces.push(extra);
            }
        }
    }
    // The main face is the largest.
    faces.sort_by(|a, b| (b.width() * b.height()).total_cmp(&(a.width() * a.height())));
    Ok(assess(frame, &faces, limits))
}

fn overlap(a: &Face, b: &Face) -> bool {
    let w = (a.bbox[2].min(b.bbox[2]) - a.bbox[0].max(b.bbox[0])).max(0.0);
    let h = (a.bbox[3].min(b.bbox[3]) - a.bbox[1].max(b.bbox[1])).max(0.0);
    w * h > 0.2 * (a.width() * a.height()).min(b.width() * b.height())
}

/// The checks given the faces found.
pub fn assess(frame: &RgbImage, faces: &[Face], limits: &Limits) -> PreCheck {
    let (w, h) = (frame.width() as f32, frame.height() as f32);
    let mut checks = Vec::new();
    let count_key = if faces.is_empty() {
        "precheck.guide.no_face"
    } else {
        "precheck.guide.others"
    };
    checks.push(result(
        CheckId::FaceCount,
        Some(faces.len() as f32),
        "= 1".to_owned(),
        faces.len() == 1,
        count_key,
    ));
    let Some(face) = faces.first() else {
        return PreCheck {
            checks,
            faces: Vec::new(),
            landmarks: Vec::new(),
            detector: DETECTOR_VERSION.to_owned(),
            frame: [frame.width(), frame.height()],
        };
    };
    // Framing.
    let fh = face.height() / h;
    checks.push(result(
        CheckId::TooFar,
        Some(fh),
        format!(">= {:.2}", limits.min_face_height),
        fh >= limits.min_face_height,
        "precheck.guide.closer",
    ));
    checks.push(result(
        CheckId::TooClose,
        Some(fh),
        format!("<= {:.2}", limits.max_face_height),
        fh <= limits.max_face_height,
        "precheck.guide.back",
    ));
    let [cx, cy] = face.centre();
    let dx = (cx - w / 2.0) / w;
    let x_key = if dx < 0.0 {
        "precheck.guide.right"
    } else {
        "precheck.guide.left"
    };
    checks.push(result(
        CheckId::CentredX,
        Some(dx.abs()),
        format!("<= {:.2}", limits.max_offset_x),
        dx.abs() <= limits.max_offset_x,
        x_key,
    ));
    let dy = (cy - h * 0.45) / h;
    let y_key = if dy < 0.0 {
        "precheck.guide.lower"
    } else {
        "precheck.guide.higher"
    };
    checks.push(result(
        CheckId::CentredY,
        Some(dy.abs()),
        format!("<= {:.2}", limits.max_offset_y),
        dy.abs() <= limits.max_offset_y,
        y_key,
    ));
    let head_top = face.bbox[1] - limits.head_margin * face.height();
    let head_left = face.bbox[0] - 0.4 * face.width();
    let head_right = face.bbox[2] + 0.4 * face.width();
    let inside = head_top >= 0.0 && head_left >= 0.0 && head_right <= w && face.bbox[3] <= h;
    checks.push(result(
        CheckId::HeadInFrame,
        Some(head_top.min(head_left).min(w - head_right)),
        ">= 0".to_owned(),
        inside,
        "precheck.guide.head_cut",
    ));
    let [e1, e2] = [face.keypoints[0], face.keypoints[1]];
    let roll = (e2[1] - e1[1]).atan2(e2[0] - e1[0]).to_degrees();
    checks.push(result(
        CheckId::Level,
        Some(roll),
        format!("|x| <= {:.0}°", limits.max_roll_degrees),
        roll.abs() <= limits.max_roll_degrees,
        "precheck.guide.level",
    ));

    background(frame, face, limits, &mut checks);
    face_light(frame, face, limits, &mut checks);
    // What to fix first: light makes every other measure unreliable, then distance and
    // position, then the rest.
    checks.sort_by_key(|c| priority(c.id));

    PreCheck {
        checks,
        faces: faces.iter().map(|f| f.bbox).collect(),
        landmarks: face.keypoints[..4].to_vec(),
        detector: DETECTOR_VERSION.to_owned(),
        frame: [frame.width(), frame.height()],
    }
}

fn priority(id: CheckId) -> u8 {
    match id {
        CheckId::FaceCount => 0,
        CheckId::FaceNotDark | CheckId::FaceNotBright => 1,
        CheckId::TooFar | CheckId::TooClose => 2,
        CheckId::CentredX | CheckId::CentredY | CheckId::HeadInFrame => 3,
        CheckId::BackgroundWhite | CheckId::BackgroundEven | CheckId::BackgroundNeutral => 4,
        CheckId::Level => 5,
        CheckId::NotClipped | CheckId::EvenLight => 6,
        CheckId::Sharp => 7,
        CheckId::EyesVisible => 8,
    }
}

/// Background: the rows above the face's middle, outside the head (box widened 1.8 times,
/// from the hair margin down).
fn background(frame: &RgbImage, face: &Face, limits: &Limits, checks: &mut Vec<CheckResult>) {
    let (w, _) = frame.dimensions();
    let [cx, cy] = face.centre();
    let head = clamp_region(
        frame,
        cx - 0.9 * face.width(),
        face.bbox[1] - limits.hair_margin * face.height(),
        cx + 0.9 * face.width(),
        frame.height() as f32,
    );
    let bottom = cy.clamp(0.0, frame.height() as f32) as u32;
    let mut values = Vec::new();
    let (mut sr, mut sg, mut sb) = (0f64, 0f64, 0f64);
    // 3 × 2 cells for evenness.
    let mut cells = [(0f64, 0u32); 6];
    for y in (0..bottom).step_by(2) {
        for x in (0..w).step_by(2) {
            if x >= head.x0 && x < head.x1 && y >= head.y0 {
                continue;
            }
            let p = frame.get_pixel(x, y);
            let l = luma(p);
            values.push(l);
            sr += f64::from(p[0]);
            sg += f64::from(p[1]);
            sb += f64::from(p[2]);
            let cell =
                (x * 3 / w.max(1)).min(2) as usize + 3 * ((y * 2 / bottom.max(1)).min(1) as usize);
            if let Some((sum, count)) = cells.get_mut(cell) {
                *sum += f64::from(l);
                *count += 1;
            }
        }
    }
    let min_samples = (frame.width() * frame.height() / 4) as usize / 20;
    if values.len() < min_samples.max(50) {
        // The face fills the frame: there is no background to judge (the size check says so).
        for id in [
            CheckId::BackgroundWhite,
            CheckId::BackgroundEven,
            CheckId::BackgroundNeutral,
        ] {
            checks.push(result(
                id,
                None,
                "-".to_owned(),
                false,
                "precheck.guide.back",
            ));
        }
        return;
    }
    let n = values.len() as f32;
    let mean = values.iter().sum::<f32>() / n;
    let std = (values.iter().map(|v| (v - mean).powi(2)).sum::<f32>() / n).sqrt();
    let means: Vec<f64> = cells
        .iter()
        .filter(|c| c.1 > 0)
        .map(|c| c.0 / f64::from(c.1))
        .collect();
    let spread = means.iter().cloned().fold(f64::MIN, f64::max)
        - means.iter().cloned().fold(f64::MAX, f64::min);
    let nf = n as f64;
    let (r, g, b) = (sr / nf, sg / nf, sb / nf);
    let cb = -0.168_736 * r - 0.331_264 * g + 0.5 * b;
    let cr = 0.5 * r - 0.418_688 * g - 0.081_312 * b;
    let cast = (cb.abs() + cr.abs()) as f32;
    checks.push(result(
        CheckId::BackgroundWhite,
        Some(mean),
        format!(">= {:.0}", limits.min_background_luma),
        mean >= limits.min_background_luma,
        "precheck.guide.background_white",
    ));
    let even = std <= limits.max_background_std && spread as f32 <= limits.max_background_cells;
    checks.push(result(
        CheckId::BackgroundEven,
        Some(std.max(spread as f32 / 2.0)),
        format!(
            "std <= {:.0}, cells <= {:.0}",
            limits.max_background_std, limits.max_background_cells
        ),
        even,
        "precheck.guide.background_even",
    ));
    checks.push(result(
        CheckId::BackgroundNeutral,
        Some(cast),
        format!("<= {:.0}", limits.max_colour_cast),
        cast <= limits.max_colour_cast,
        "precheck.guide.background_cast",
    ));
}

/// Face light and sharpness, on the skin core (the ellipse in the central 70 % × 84 % of
/// the box) and the box.
fn face_light(frame: &RgbImage, face: &Face, limits: &Limits, checks: &mut Vec<CheckResult>) {
    let b = clamp_region(
        frame,
        face.bbox[0],
        face.bbox[1],
        face.bbox[2],
        face.bbox[3],
    );
    let [cx, cy] = face.centre();
    let (rx, ry) = (0.35 * face.width(), 0.42 * face.height());
    let (mut core_sum, mut core_n) = (0f64, 0u32);
    let (mut left_sum, mut left_n, mut right_sum, mut right_n) = (0f64, 0u32, 0f64, 0u32);
    let (mut clipped, mut total) = (0u32, 0u32);
    let (mut sum, mut sq) = (0f64, 0f64);
    let mut lap = Vec::new();
    for y in b.y0..b.y1 {
        for x in b.x0..b.x1 {
            let l = luma(frame.get_pixel(x, y));
            total += 1;
            if l <= 5.0 || l >= 250.0 {
                clipped += 1;
            }
            sum += f64::from(l);
            sq += f64::from(l) * f64::from(l);
            let (ux, uy) = ((x as f32 - cx) / rx.max(1.0), (y as f32 - cy) / ry.max(1.0));
            if ux * ux + uy * uy <= 1.0 {
                core_sum += f64::from(l);
                core_n += 1;
                if (x as f32) < cx {
                    left_sum += f64::from(l);
                    left_n += 1;
                } else {
                    right_sum += f64::from(l);
                    right_n += 1;
                }
            }
            if x > b.x0 && y > b.y0 && x + 1 < b.x1 && y + 1 < b.y1 {
                let n = luma(frame.get_pixel(x - 1, y))
                    + luma(frame.get_pixel(x + 1, y))
                    + luma(frame.get_pixel(x, y - 1))
                    + luma(frame.get_pixel(x, y + 1));
                lap.push(n - 4.0 * l);
            }
        }
    }
    if core_n == 0 || total == 0 {
        return;
    }
    let core = (core_sum / f64::from(core_n)) as f32;
    checks.push(result(
        CheckId::FaceNotDark,
        Some(core),
        format!(">= {:.0}", limits.min_face_luma),
        core >= limits.min_face_luma,
        "precheck.guide.more_light",
    ));
    checks.push(result(
        CheckId::FaceNotBright,
        Some(core),
        format!("<= {:.0}", limits.max_face_luma),
        core <= limits.max_face_luma,
        "precheck.guide.less_light",
    ));
    let clip = clipped as f32 / total as f32;
    checks.push(result(
        CheckId::NotClipped,
        Some(clip),
        format!("<= {:.2}", limits.max_clipped),
        clip <= limits.max_clipped,
        "precheck.guide.clipped",
    ));
    let left = left_sum / f64::from(left_n.max(1));
    let right = right_sum / f64::from(right_n.max(1));
    let ratio = (left.max(right) / left.min(right).max(1.0)) as f32;
    checks.push(result(
        CheckId::EvenLight,
        Some(ratio),
        format!("<= {:.2}", limits.max_side_light),
        ratio <= limits.max_side_light,
        "precheck.guide.side_light",
    ));
    let mean = sum / f64::from(total);
    let var = (sq / f64::from(total) - mean * mean).max(1.0);
    let lap_mean = lap.iter().map(|v| f64::from(*v)).sum::<f64>() / lap.len().max(1) as f64;
    let lap_var = lap
        .iter()
        .map(|v| (f64::from(*v) - lap_mean).powi(2))
        .sum::<f64>()
        / lap.len().max(1) as f64;
    let sharpness = (lap_var / var) as f32;
    checks.push(result(
        CheckId::Sharp,
        Some(sharpness),
        format!(">= {:.3}", limits.min_sharpness),
        sharpness >= limits.min_sharpness,
        "precheck.guide.blurred",
    ));
    // Sunglasses: the eyes' surroundings against the skin core.
    let r = (0.08 * face.width()).max(2.0);
    let mut eye_sum = 0f64;
    let mut eye_n = 0u32;
    for e in face.keypoints.iter().take(2) {
        let reg = clamp_region(frame, e[0] - r, e[1] - r, e[0] + r, e[1] + r);
        for y in reg.y0..reg.y1 {
            for x in reg.x0..reg.x1 {
                eye_sum += f64::from(luma(frame.get_pixel(x, y)));
                eye_n += 1;
            }
        }
    }
    let eyes = (eye_sum / f64::from(eye_n.max(1))) as f32 / core.max(1.0);
    checks.push(result(
        CheckId::EyesVisible,
        Some(eyes),
        format!(">= {:.2}", limits.min_eye_to_cheek),
        eyes >= limits.min_eye_to_cheek,
        "precheck.guide.sunglasses",
    ));
}
