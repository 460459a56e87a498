//! The final portrait crop (3:4), after ICAO 9303 / ISO/IEC 19794-5 geometry: the head
//! (crown to chin, about 1.6 face boxes) about 75 % of the photo's height, the eyes about
//! 62 % up from the bottom, the face centred left to right. Clamped to the frame.

use image::RgbImage;

use super::detector::Face;

/// Head height over the face box height (crown to chin over brows to chin).
const HEAD_PER_BOX: f32 = 1.6;
/// Head height as a share of the photo's height.
const HEAD_SHARE: f32 = 0.75;
/// Eye line as a share of the height, from the top.
const EYES_FROM_TOP: f32 = 0.38;

/// Crops the portrait around `face`.
pub fn portrait(frame: &RgbImage, face: &Face) -> RgbImage {
    let (fw, fh) = (frame.width() as f32, frame.height() as f32);
    let mut h = (face.height() * HEAD_PER_BOX / HEAD_SHARE).min(fh).max(8.0);
    let mut w = h * 3.0 / 4.0;
    if w > fw {
        w = fw;
        h = w * 4.0 / 3.0;
    }
    let eyes_y = (face.keypoints[0][1] + face.keypoints[1][1]) / 2.0;
    let cx = face.centre()[0];
    let x0 = (cx - w / 2.0).clamp(0.0, (fw - w).max(0.0));
    let y0 = (eyes_y - EYES_FROM_TOP * h).clamp(0.0, (fh - h).max(0.0));
    image::imageops::crop_imm(
        frame,
        x0 as u32,
        y0 as u32,
        w.max(1.0) as u32,
        h.max(1.0) as u32,
    )
    .to_image()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_crop_is_portrait_and_inside_the_frame() {
        let frame = RgbImage::new(640, 480);
        let face = Face {
            score: 0.9,
            bbox: [240.0, 130.0, 400.0, 290.0],
            keypoints: [
                [285.0, 175.0],
                [355.0, 175.0],
                [320.0, 215.0],
                [320.0, 250.0],
                [250.0, 190.0],
                [390.0, 190.0],
            ],
        };
        let crop = portrait(&frame, &face);
        assert!(crop.height() > crop.width());
        assert!((crop.width() as f32 / crop.height() as f32 - 0.75).abs() < 0.01);
        assert!(crop.height() <= 480);
    }
}
