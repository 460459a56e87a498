//! Text detection post-processing (DB, "differentiable binarisation"): the detector's
//! probability map is thresholded, split into 8-connected components, and each component
//! becomes an oriented rectangle (principal axes of its pixels), grown back by the
//! "unclip" distance the model was trained to shrink text by.

use image::RgbImage;

/// Pixels of the map at or above this probability are text.
pub const BINARY_THRESHOLD: f32 = 0.3;
/// A component whose mean probability is below this is dropped.
pub const BOX_THRESHOLD: f32 = 0.6;
/// Components smaller than this many map pixels are dropped.
pub const MIN_PIXELS: usize = 10;
/// The unclip ratio (PaddleOCR's default).
pub const UNCLIP_RATIO: f32 = 1.5;
/// The detector's input: the long side scaled to this many pixels (960, PaddleOCR's
/// default, reads the test photos no better and costs 15 % more).
pub const DET_LONG_SIDE: u32 = 896;

/// An oriented text box in image pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextBox {
    /// Centre.
    pub centre: [f32; 2],
    /// Unit vector along the box's long side (sign not yet meaningful).
    pub axis: [f32; 2],
    /// Length along `axis`, unclipped.
    pub length: f32,
    /// Thickness across `axis`, unclipped.
    pub thickness: f32,
    /// Mean probability of the component.
    pub score: f32,
}

impl TextBox {
    /// Length over thickness.
    pub fn aspect(&self) -> f32 {
        self.length / self.thickness.max(1.0)
    }

    /// The four corners in reading order, for reading direction `dir` (a unit vector):
    /// top left, top right, bottom right, bottom left.
    pub fn corners(&self, dir: [f32; 2]) -> [[f32; 2]; 4] {
        let u = self.oriented_axis(dir);
        let v = [-u[1], u[0]];
        let (hl, ht) = (self.length / 2.0, self.thickness / 2.0);
        let [cx, cy] = self.centre;
        let at = |a: f32, b: f32| [cx + u[0] * a + v[0] * b, cy + u[1] * a + v[1] * b];
        [at(-hl, -ht), at(hl, -ht), at(hl, ht), at(-hl, ht)]
    }

    /// The box's axis, or its opposite, whichever points along `dir`. A box much
    /// thicker than long (a single character) reads along `dir` itself.
    pub fn oriented_axis(&self, dir: [f32; 2]) -> [f32; 2] {
        let [ax, ay] = self.axis;
        let dot = ax * dir[0] + ay * dir[1];
        if dot.abs() < 0.5 {
            dir
        } else if dot < 0.0 {
            [-ax, -ay]
        } else {
            [ax, ay]
        }
    }
}

/// The detector's input size for an image: the long side at [`DET_LONG_SIDE`], both
/// sides multiples of 32 (at least 32).
pub fn input_size(width: u32, height: u32) -> (u32, u32) {
    let long = width.max(height).max(1) as f32;
    let scale = DET_LONG_SIDE as f32 / long;
    let round32 = |v: u32| ((v as f32 * scale / 32.0).round() as u32).max(1) * 32;
    (round32(width), round32(height))
}

/// The detector's input tensor data (1×3×h×w, BGR, ImageNet mean and deviation) for an
/// image already resized to the input size.
pub fn input_data(resized: &RgbImage) -> Vec<f32> {
    const MEAN: [f32; 3] = [0.485, 0.456, 0.406];
    const STD: [f32; 3] = [0.229, 0.224, 0.225];
    let plane = (resized.width() * resized.height()) as usize;
    let mut data = vec![0f32; plane * 3];
    let (b, rest) = data.split_at_mut(plane);
    let (g, r) = rest.split_at_mut(plane);
    for (((px, bb), gg), rr) in resized.pixels().zip(b).zip(g).zip(r) {
        // Channel 0 is blue, as the model was trained on OpenCV's BGR images.
        *bb = (f32::from(px.0[2]) / 255.0 - MEAN[0]) / STD[0];
        *gg = (f32::from(px.0[1]) / 255.0 - MEAN[1]) / STD[1];
        *rr = (f32::from(px.0[0]) / 255.0 - MEAN[2]) / STD[2];
    }
    data
}

/// Writes crop pixels (RGB, row-major) as the classifier's input: three planes, BGR,
/// ImageNet mean and deviation (as [`input_data`]).
pub fn write_normalised(dst: &mut [f32], crop: &[[f32; 3]]) {
    const MEAN: [f32; 3] = [0.485, 0.456, 0.406];
    const STD: [f32; 3] = [0.229, 0.224, 0.225];
    let plane = crop.len();
    let channels = [2usize, 1, 0].into_iter().zip(MEAN).zip(STD);
    for (k, ((channel, mean), std)) in channels.enumerate() {
        let Some(out) = dst.get_mut(k * plane..(k + 1) * plane) else {
            return;
        };
        for (o, px) in out.iter_mut().zip(crop) {
            let v = px.get(channel).copied().unwrap_or(0.0);
            *o = (v / 255.0 - mean) / std;
        }
    }
}

/// The text boxes in a probability map of `map_w` × `map_h` (row-major), in the pixels
/// of an image `scale` times larger in x and y.
pub fn boxes(map: &[f32], map_w: usize, map_h: usize, scale: [f32; 2]) -> Vec<TextBox> {
    let n = map_w * map_h;
    if map.len() < n || n == 0 {
        return Vec::new();
    }
    let mut seen: Vec<bool> = map.iter().take(n).map(|p| *p < BINARY_THRESHOLD).collect();
    let mut out = Vec::new();
    let mut stack = Vec::new();
    let mut pixels: Vec<(usize, usize)> = Vec::new();
    for start in 0..n {
        if seen.get(start).copied().unwrap_or(true) {
            continue;
        }
        if let Some(s) = seen.get_mut(start) {
            *s = true;
        }
        stack.push(start);
        pixels.clear();
        let mut prob_sum = 0.0;
        while let Some(i) = stack.pop() {
            let (x, y) = (i % map_w, i / map_w);
            pixels.push((x, y));
            prob_sum += map.get(i).copied().unwrap_or(0.0);
            for dy in -1i64..=1 {
                for dx in -1i64..=1 {
                    let (nx, ny) = (x as i64 + dx, y as i64 + dy);
                    if nx < 0 || ny < 0 || nx >= map_w as i64 || ny >= map_h as i64 {
                        continue;
                    }
                    let j = ny as usize * map_w + nx as usize;
                    if let Some(s) = seen.get_mut(j)
                        && !*s
                    {
                        *s = true;
                        stack.push(j);
                    }
                }
            }
        }
        let score = prob_sum / pixels.len() as f32;
        if pixels.len() < MIN_PIXELS || score < BOX_THRESHOLD {
            continue;
        }
        if let Some(b) = oriented_box(&pixels, scale, score) {
            out.push(b);
        }
    }
    out
}

/// The oriented rectangle around a component's pixels (principal axes), unclipped.
fn oriented_box(pixels: &[(usize, usize)], scale: [f32; 2], score: f32) -> Option<TextBox> {
    let count = pixels.len() as f32;
    let point =
        |&(x, y): &(usize, usize)| [(x as f32 + 0.5) * scale[0], (y as f32 + 0.5) * scale[1]];
    let (mut mx, mut my) = (0.0, 0.0);
    for p in pixels.iter().map(point) {
        mx += p[0];
        my += p[1];
    }
    mx /= count;
    my /= count;
    let (mut sxx, mut syy, mut sxy) = (0.0, 0.0, 0.0);
    for p in pixels.iter().map(point) {
        let (dx, dy) = (p[0] - mx, p[1] - my);
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
    }
    let angle = 0.5 * (2.0 * sxy).atan2(sxx - syy);
    let u = [angle.cos(), angle.sin()];
    let v = [-u[1], u[0]];
    let (mut u0, mut u1, mut v0, mut v1) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
    for p in pixels.iter().map(point) {
        let (dx, dy) = (p[0] - mx, p[1] - my);
        let a = dx * u[0] + dy * u[1];
        let b = dx * v[0] + dy * v[1];
        u0 = u0.min(a);
        u1 = u1.max(a);
        v0 = v0.min(b);
        v1 = v1.max(b);
    }
    // Each pixel covers a cell of the map: widen by one map pixel.
    let cell = (scale[0] + scale[1]) / 2.0;
    let (len, thick) = (u1 - u0 + cell, v1 - v0 + cell);
    if !(len.is_finite() && thick.is_finite()) || thick < 2.0 * cell {
        return None;
    }
    let (cu, cv) = ((u0 + u1) / 2.0, (v0 + v1) / 2.0);
    let centre = [mx + u[0] * cu + v[0] * cv, my + u[1] * cu + v[1] * cv];
    let d = len * thick * UNCLIP_RATIO / (2.0 * (len + thick));
    let (length, thickness, axis) = if len >= thick {
        (len + 2.0 * d, thick + 2.0 * d, u)
    } else {
        (thick + 2.0 * d, len + 2.0 * d, v)
    };
    Some(TextBox {
        centre,
        axis,
        length,
        thickness,
        score,
    })
}

/// The dominant text direction of a page: the score-and-size-weighted mean of the boxes'
/// axes (as doubled angles, since an axis has no sign), as a unit vector with a
/// non-negative x (or pointing down when vertical). Only boxes clearly longer than thick
/// vote.
pub fn dominant_axis(boxes: &[TextBox]) -> [f32; 2] {
    let (mut c, mut s) = (0.0f32, 0.0f32);
    for b in boxes.iter().filter(|b| b.aspect() >= 1.8) {
        let w = b.length * b.thickness;
        let a = b.axis[1].atan2(b.axis[0]);
        c += w * (2.0 * a).cos();
        s += w * (2.0 * a).sin();
    }
    if c == 0.0 && s == 0.0 {
        return [1.0, 0.0];
    }
    let a = 0.5 * s.atan2(c);
    let u = [a.cos(), a.sin()];
    if u[0] < -1e-6 || (u[0].abs() <= 1e-6 && u[1] < 0.0) {
        [-u[0], -u[1]]
    } else {
        u
    }
}

/// Samples the box (in reading direction `dir`) from the image into `out_w` × `out_h`
/// pixels, bilinearly, as RGB triples row by row.
pub fn crop(
    image: &RgbImage,
    b: &TextBox,
    dir: [f32; 2],
    out_w: usize,
    out_h: usize,
) -> Vec<[f32; 3]> {
    let u = b.oriented_axis(dir);
    let v = [-u[1], u[0]];
    let (w, h) = (image.width() as i64, image.height() as i64);
    let raw = image.as_raw();
    let px = |x: i64, y: i64| -> [f32; 3] {
        let (x, y) = (x.clamp(0, w - 1), y.clamp(0, h - 1));
        let i = ((y * w + x) * 3) as usize;
        match raw.get(i..i + 3) {
            Some([r, g, b]) => [f32::from(*r), f32::from(*g), f32::from(*b)],
            _ => [0.0; 3],
        }
    };
    let mut out = Vec::with_capacity(out_w * out_h);
    for j in 0..out_h {
        let fb = ((j as f32 + 0.5) / out_h as f32 - 0.5) * b.thickness;
        for i in 0..out_w {
            let fa = ((i as f32 + 0.5) / out_w as f32 - 0.5) * b.length;
            let x = b.centre[0] + u[0] * fa + v[0] * fb - 0.5;
            let y = b.centre[1] + u[1] * fa + v[1] * fb - 0.5;
            let (x0, y0) = (x.floor(), y.floor());
            let (tx, ty) = (x - x0, y - y0);
            let (x0, y0) = (x0 as i64, y0 as i64);
            let (p00, p10, p01, p11) = (
                px(x0, y0),
                px(x0 + 1, y0),
                px(x0, y0 + 1),
                px(x0 + 1, y0 + 1),
            );
            let mut c = [0f32; 3];
            for (k, ck) in c.iter_mut().enumerate() {
                let g = |p: [f32; 3]| p.get(k).copied().unwrap_or(0.0);
                *ck = (g(p00) * (1.0 - tx) + g(p10) * tx) * (1.0 - ty)
                    + (g(p01) * (1.0 - tx) + g(p11) * tx) * ty;
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn a_horizontal_bar_becomes_one_long_box() {
        let (w, h) = (40, 12);
        let mut map = vec![0f32; w * h];
        for y in 4..8 {
            for x in 5..35 {
                map[y * w + x] = 0.9;
            }
        }
        let found = boxes(&map, w, h, [2.0, 2.0]);
        assert_eq!(found.len(), 1);
        let b = found[0];
        assert!((b.centre[0] - 40.0).abs() < 1.0, "{b:?}");
        assert!((b.centre[1] - 12.0).abs() < 1.0, "{b:?}");
        assert!(b.axis[0].abs() > 0.99, "{b:?}");
        // 60 × 8 pixels, unclipped by 60·8·1.5 / (2·68) ≈ 5.3 on every side.
        assert!((b.length - 70.6).abs() < 1.0, "{b:?}");
        assert!((b.thickness - 18.6).abs() < 1.0, "{b:?}");
    }

    #[test]
    fn weak_and_tiny_components_are_dropped() {
        let (w, h) = (20, 20);
        let mut map = vec![0f32; w * h];
        for x in 2..18 {
            map[2 * w + x] = 0.4; // above the binary threshold, below the box threshold
            map[3 * w + x] = 0.4;
        }
        map[10 * w + 10] = 0.99; // a single pixel
        assert!(boxes(&map, w, h, [1.0, 1.0]).is_empty());
    }

    #[test]
    fn the_dominant_axis_of_vertical_lines_points_down() {
        let vertical = TextBox {
            centre: [10.0, 10.0],
            axis: [0.0, -1.0],
            length: 100.0,
            thickness: 10.0,
            score: 0.9,
        };
        let a = dominant_axis(&[vertical, vertical]);
        assert!(a[1] > 0.99, "{a:?}");
        assert_eq!(input_size(2000, 1400), (896, 640));
    }
}
