//! Picture statistics for the document checks, on a reduced copy (at most 512 pixels on
//! the long side), so they cost little whatever the photo's size.

use image::DynamicImage;

use crate::model::measures::Measures;

/// Fills in colourfulness, glare, median brightness, its spread and the red share of the top-left
/// corner.
pub fn measure(image: &DynamicImage, m: &mut Measures) {
    let small = reduced(image, 512);
    let (w, h) = small.dimensions();
    let n = (w as usize) * (h as usize);
    if n == 0 {
        return;
    }
    // Colourfulness (Hasler and Süsstrunk 2003): spread and mean of the opponent
    // channels rg = R - G and yb = (R + G) / 2 - B.
    let (mut sum_rg, mut sum_yb, mut sq_rg, mut sq_yb) = (0f64, 0f64, 0f64, 0f64);
    let mut histogram = [0u32; 256];
    let mut clipped = 0usize;
    let mut red_top_left = 0u32;
    let mut coloured = 0u32;
    let mut top_left_total = 0u32;
    for (i, p) in small.pixels().enumerate() {
        let [r, g, b] = p.0.map(f64::from);
        let rg = r - g;
        let yb = (r + g) / 2.0 - b;
        sum_rg += rg;
        sum_yb += yb;
        sq_rg += rg * rg;
        sq_yb += yb * yb;
        let luma = (0.299 * r + 0.587 * g + 0.114 * b)
            .round()
            .clamp(0.0, 255.0) as usize;
        if let Some(bin) = histogram.get_mut(luma) {
            *bin += 1;
        }
        if p.0.iter().all(|c| *c >= 250) {
            clipped += 1;
        }
        let (max, min) = (
            p.0.iter().max().copied().unwrap_or(0),
            p.0.iter().min().copied().unwrap_or(0),
        );
        if max - min > 40 {
            coloured += 1;
        }
        let (x, y) = ((i as u32) % w, (i as u32) / w);
        if x < w * 3 / 10 && y < h * 4 / 10 {
            top_left_total += 1;
            if r > 150.0 && r > g * 1.6 && r > b * 1.6 {
                red_top_left += 1;
            }
        }
    }
    let nf = n as f64;
    let (mean_rg, mean_yb) = (sum_rg / nf, sum_yb / nf);
    let var_rg = (sq_rg / nf - mean_rg * mean_rg).max(0.0);
    let var_yb = (sq_yb / nf - mean_yb * mean_yb).max(0.0);
    let colourfulness =
        (var_rg + var_yb).sqrt() + 0.3 * (mean_rg * mean_rg + mean_yb * mean_yb).sqrt();
    m.colourfulness = colourfulness as f32;
    m.colour_fraction = coloured as f32 / n as f32;
    let mut seen = 0u32;
    let half = (n as u32).div_ceil(2);
    m.median_luma = histogram
        .iter()
        .position(|c| {
            seen += c;
            seen >= half
        })
        .and_then(|p| u8::try_from(p).ok())
        .unwrap_or(0);
    let (mut sum, mut sq) = (0f64, 0f64);
    for (luma, count) in histogram.iter().enumerate() {
        let (l, c) = (luma as f64, f64::from(*count));
        sum += l * c;
        sq += l * l * c;
    }
    let mean = sum / nf;
    m.luma_spread = (sq / nf - mean * mean).max(0.0).sqrt() as f32;
    m.top_left_red = if top_left_total == 0 {
        0.0
    } else {
        red_top_left as f32 / top_left_total as f32
    };
    m.glare_fraction = glare(clipped, n, m.median_luma);
}

/// A copy at most `side` pixels on its long side, averaged over boxes (SIMD), as RGB.
fn reduced(image: &DynamicImage, side: u32) -> image::RgbImage {
    use fast_image_resize::images::{Image, ImageRef};
    use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
    let (w, h) = (image.width(), image.height());
    let owned;
    let rgb = match image {
        DynamicImage::ImageRgb8(rgb) => rgb,
        other => {
            owned = other.to_rgb8();
            &owned
        }
    };
    if w.max(h) <= side || w == 0 || h == 0 {
        return rgb.clone();
    }
    let factor = f64::from(side) / f64::from(w.max(h));
    let nw = ((f64::from(w) * factor).round() as u32).max(1);
    let nh = ((f64::from(h) * factor).round() as u32).max(1);
    let resized = ImageRef::new(w, h, rgb.as_raw(), PixelType::U8x3)
        .ok()
        .and_then(|src| {
            let mut dst = Image::new(nw, nh, PixelType::U8x3);
            let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Box));
            Resizer::new().resize(&src, &mut dst, &options).ok()?;
            image::RgbImage::from_raw(nw, nh, dst.into_vec())
        });
    resized.unwrap_or_else(|| image.thumbnail(side, side).to_rgb8())
}

/// The share of clipped pixels (`clipped` of `total`), counted only when the paper around
/// them is not itself clipped (a flatbed scan's pure white page is not glare).
fn glare(clipped: usize, total: usize, median_luma: u8) -> f32 {
    if median_luma >= 245 || total == 0 {
        return 0.0;
    }
    clipped as f32 / total as f32
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage};

    fn measures(img: RgbImage) -> Measures {
        let mut m = Measures::default();
        measure(&DynamicImage::ImageRgb8(img), &mut m);
        m
    }

    #[test]
    fn grey_pages_have_no_colour_and_photos_do() {
        let grey = RgbImage::from_fn(300, 200, |x, _| Rgb([(x % 255) as u8; 3]));
        assert!(measures(grey).colourfulness < 1.0);
        let colour = RgbImage::from_fn(300, 200, |x, y| {
            Rgb([(x % 255) as u8, (y % 255) as u8, 120])
        });
        assert!(measures(colour).colourfulness > 20.0);
    }

    #[test]
    fn glare_is_a_bright_patch_on_darker_paper() {
        let photo = RgbImage::from_fn(400, 300, |x, y| {
            if (150..250).contains(&x) && (100..200).contains(&y) {
                Rgb([255, 255, 255])
            } else {
                Rgb([200, 195, 185])
            }
        });
        let m = measures(photo);
        assert!(
            (m.glare_fraction - 10_000.0 / 120_000.0).abs() < 0.02,
            "{}",
            m.glare_fraction
        );
        let scan = RgbImage::from_fn(400, 300, |x, _| {
            if x < 20 {
                Rgb([0, 0, 0])
            } else {
                Rgb([255, 255, 255])
            }
        });
        assert_eq!(measures(scan).glare_fraction, 0.0);
    }

    #[test]
    fn a_red_emblem_top_left_is_noticed() {
        let back = RgbImage::from_fn(400, 250, |x, y| {
            if x < 80 && y < 80 {
                Rgb([220, 30, 30])
            } else {
                Rgb([230, 230, 220])
            }
        });
        assert!(measures(back).top_left_red > 0.2);
    }
}
