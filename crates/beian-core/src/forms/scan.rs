//! A signed paper photographed and attached: its QR code found and read, and compared with
//! what beian would print now for that checklist item — the right paper, another filing's
//! or another item's paper, or one printed before its values changed. From the QR code's
//! corners the page is located in the photo, so the signature areas can be looked at: a
//! paper whose signature line is still blank is warned about.

use image::GrayImage;
use rqrr::BitGrid as _;

use super::pdf::{Op, code_box};
use super::qr::Payload;
use super::{Paper, payload};
use crate::model::draft::PaperReading;
use crate::model::{Draft, FieldKey};

/// The longest side a photo is searched at first (a 12 MP photo is halved: the code,
/// 28 mm wide, keeps about three pixels per module).
const SEARCH_SIDE: u32 = 2000;
/// Above this share of dark pixels a signature area holds a signature.
const SIGNED_INK: f32 = 0.012;

/// What the photo of a signed paper shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// No QR code of beian's was found (a photo of another paper, or the code is covered
    /// or out of focus).
    NoCode,
    /// A paper of another filing.
    OtherFiling,
    /// A paper of this filing, but for another item (e.g. another person's letter).
    OtherPaper {
        /// The item it was printed for.
        item: String,
    },
    /// The right paper, but printed before values on it changed: print and sign again.
    Outdated,
    /// The right paper with the values printed now; the signature areas found blank, if
    /// any (by who signs there).
    Matches {
        /// Signature areas that look blank.
        unsigned: Vec<String>,
    },
}

impl Verdict {
    /// The verdict's stable key: `matches`, `unsigned`, `outdated`, `other_paper`,
    /// `other_filing` or `no_code` (`beian inspect --json`, the bundle's application).
    pub fn key(&self) -> &'static str {
        match self {
            Verdict::NoCode => "no_code",
            Verdict::OtherFiling => "other_filing",
            Verdict::OtherPaper { .. } => "other_paper",
            Verdict::Outdated => "outdated",
            Verdict::Matches { unsigned } if unsigned.is_empty() => "matches",
            Verdict::Matches { .. } => "unsigned",
        }
    }

    /// The i18n key of the verdict's message.
    pub fn message_key(&self) -> &'static str {
        match self {
            Verdict::NoCode => "forms.scan.no_code",
            Verdict::OtherFiling => "forms.scan.other_filing",
            Verdict::OtherPaper { .. } => "forms.scan.other_paper",
            Verdict::Outdated => "forms.scan.outdated",
            Verdict::Matches { unsigned } if unsigned.is_empty() => "forms.scan.matches",
            Verdict::Matches { .. } => "forms.scan.unsigned",
        }
    }
}

/// A QR code found: what it says, and its corners in the picture (top-left, top-right,
/// bottom-right, bottom-left), in the picture's pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// The payload.
    pub payload: Payload,
    /// The corners.
    pub corners: [(f32, f32); 4],
    /// Modules per side.
    pub modules: usize,
}

fn detect(gray: &GrayImage, scale: f32) -> Option<Found> {
    let (w, h) = gray.dimensions();
    let mut prepared =
        rqrr::PreparedImage::prepare_from_greyscale(w as usize, h as usize, |x, y| {
            gray.get_pixel(x as u32, y as u32).0[0]
        });
    for grid in prepared.detect_grids() {
        let Ok((_, text)) = grid.decode() else {
            continue;
        };
        let Some(payload) = Payload::decode(&text) else {
            continue;
        };
        let corner = |i: usize| {
            let p = grid.bounds[i];
            (p.x as f32 * scale, p.y as f32 * scale)
        };
        return Some(Found {
            payload,
            corners: [corner(0), corner(1), corner(2), corner(3)],
            modules: grid.grid.size(),
        });
    }
    None
}

/// A copy `k` times smaller on each side, each pixel the mean of a `k` × `k` box (fast
/// enough for a 12 MP photo).
fn shrink(gray: &GrayImage, k: u32) -> GrayImage {
    let (w, h) = (gray.width() / k, gray.height() / k);
    let area = k * k;
    GrayImage::from_fn(w, h, |x, y| {
        let mut sum = 0u32;
        for dy in 0..k {
            for dx in 0..k {
                sum += u32::from(gray.get_pixel(x * k + dx, y * k + dy).0[0]);
            }
        }
        image::Luma([(sum / area) as u8])
    })
}

/// Finds and reads beian's QR code in a photo: first on a reduced copy, then at full size.
pub fn find_code(gray: &GrayImage) -> Option<Found> {
    let long = gray.width().max(gray.height());
    let k = long.div_ceil(SEARCH_SIDE);
    if k > 1
        && let Some(found) = detect(&shrink(gray, k), k as f32)
    {
        return Some(found);
    }
    detect(gray, 1.0).or_else(|| detect(&binarised(gray), 1.0))
}

/// Black and white at the middle of the picture's brightness range: the grey edges a
/// renderer or a scanner leaves around each module can keep the finder patterns from
/// being recognised.
fn binarised(gray: &GrayImage) -> GrayImage {
    let (mut lo, mut hi) = (255u8, 0u8);
    for p in gray.pixels() {
        lo = lo.min(p.0[0]);
        hi = hi.max(p.0[0]);
    }
    let mid = (u16::from(lo) + u16::from(hi)) / 2;
    GrayImage::from_fn(gray.width(), gray.height(), |x, y| {
        let v = u16::from(gray.get_pixel(x, y).0[0]);
        image::Luma([if v < mid { 0 } else { 255 }])
    })
}

/// Maps page points to picture pixels from the code's three corners (an affine map: a
/// photo taken roughly square-on).
fn page_to_picture(found: &Found) -> impl Fn(f32, f32) -> (f32, f32) + '_ {
    let ((x0, y0), side) = code_box(found.modules);
    let [tl, tr, _, bl] = found.corners;
    // rqrr's corners lie one module beyond the code on the right and at the bottom (its
    // grid runs from 0 to size + 1).
    let n = found.modules.max(1) as f32;
    let span = side * (n + 1.0) / n;
    let ux = ((tr.0 - tl.0) / span, (tr.1 - tl.1) / span);
    let uy = ((bl.0 - tl.0) / span, (bl.1 - tl.1) / span);
    move |x, y| {
        let (dx, dy) = (x - x0, y - y0);
        (tl.0 + ux.0 * dx + uy.0 * dy, tl.1 + ux.1 * dx + uy.1 * dy)
    }
}

/// The share of dark pixels in a page rectangle of the picture (dark: well below the
/// brightness of the paper around it).
fn ink(gray: &GrayImage, map: &impl Fn(f32, f32) -> (f32, f32), rect: (f32, f32, f32, f32)) -> f32 {
    let (x, y, w, h) = rect;
    let steps = 60usize;
    let rows = 12usize;
    let mut samples = Vec::with_capacity(steps * rows);
    for j in 0..rows {
        for i in 0..steps {
            let (px, py) = map(
                x + w * (i as f32 + 0.5) / steps as f32,
                y + h * (j as f32 + 0.5) / rows as f32,
            );
            if px < 0.0 || py < 0.0 {
                continue;
            }
            if let Some(p) = gray.get_pixel_checked(px as u32, py as u32) {
                samples.push(p.0[0]);
            }
        }
    }
    if samples.len() < steps * rows / 2 {
        return 0.0;
    }
    let mut sorted = samples.clone();
    sorted.sort_unstable();
    // The paper: the brighter part of the area.
    let paper = f32::from(sorted[sorted.len() * 3 / 4]);
    let dark = samples
        .iter()
        .filter(|v| f32::from(**v) < paper * 0.55)
        .count();
    dark as f32 / samples.len() as f32
}

/// Reads the photo of a paper attached to `item` of `draft` (whose papers are `papers`):
/// the code it carries and, when it is this item's paper with today's values, the
/// signature places that look blank. Kept on the attachment, so that the verdict follows
/// later changes of the draft without reading the photo again.
pub fn read(draft: &Draft, papers: &[Paper], item: FieldKey, gray: &GrayImage) -> PaperReading {
    let Some(found) = find_code(gray) else {
        return PaperReading::default();
    };
    let mut reading = PaperReading {
        code: Some(found.payload.encode()),
        unsigned: Vec::new(),
    };
    if matches!(
        verdict(draft, papers, item, &reading),
        Verdict::Matches { .. }
    ) && let Some(paper) = papers.iter().find(|p| p.item == item)
    {
        reading.unsigned = unsigned_areas(draft, paper, &found, gray);
    }
    reading
}

/// The verdict on what was read off a paper attached to `item`, against the draft as it
/// is now (cheap: no picture is looked at).
pub fn verdict(draft: &Draft, papers: &[Paper], item: FieldKey, reading: &PaperReading) -> Verdict {
    let Some(code) = reading.code.as_deref().and_then(Payload::decode) else {
        return Verdict::NoCode;
    };
    if code.filing != draft.id {
        return Verdict::OtherFiling;
    }
    if code.item != super::qr::item_tag(&item.to_string()) {
        // Name the item it was printed for, when it is one of this filing's papers.
        let other = papers
            .iter()
            .map(|p| p.item.to_string())
            .find(|key| super::qr::item_tag(key) == code.item)
            .unwrap_or_default();
        return Verdict::OtherPaper { item: other };
    }
    let Some(paper) = papers.iter().find(|p| p.item == item) else {
        return Verdict::Outdated;
    };
    match payload(draft, paper) {
        Ok(now) if now.fingerprint == code.fingerprint => Verdict::Matches {
            unsigned: reading.unsigned.clone(),
        },
        _ => Verdict::Outdated,
    }
}

/// Judges the photo of a signed paper attached to `item` of `draft`.
pub fn check(draft: &Draft, papers: &[Paper], item: FieldKey, gray: &GrayImage) -> Verdict {
    verdict(draft, papers, item, &read(draft, papers, item, gray))
}

/// The signature areas of the page photographed (the one its code names; the only one
/// of a one-page paper) that look blank in the photo.
fn unsigned_areas(draft: &Draft, paper: &Paper, found: &Found, gray: &GrayImage) -> Vec<String> {
    let Ok(pages) = super::layout(draft, paper) else {
        return Vec::new();
    };
    let map = page_to_picture(found);
    let page = found
        .payload
        .page
        .map_or(0, |p| p.saturating_sub(1) as usize);
    pages
        .get(page)
        .into_iter()
        .flatten()
        .filter_map(|op| match op {
            Op::SignatureArea { rect, role } if ink(gray, &map, *rect) < SIGNED_INK => {
                Some(role.clone())
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Plain printouts of several filings (each code a different pattern), scanned from
    /// low to ordinary resolution: the code is found in every one. (A longer payload made
    /// smaller modules that were missed in a third of these.)
    #[test]
    fn the_code_is_found_on_printouts_of_many_filings_at_low_resolution() {
        let mut d = crate::store::samples::sample(crate::model::FilingKind::Unit).unwrap();
        for _ in 0..6 {
            d.id = crate::model::draft::new_id(chrono::Utc::now());
            let paper = crate::rules::papers::papers(&d)
                .into_iter()
                .find(|p| p.template == "authorization")
                .unwrap();
            let pdf = super::super::render(&d, &paper).unwrap();
            for side in [1300u32, 2000] {
                let page = crate::documents::pdf::first_page(&pdf, side).unwrap();
                let gray = image::DynamicImage::ImageRgba8(page).to_luma8();
                let found = find_code(&gray).unwrap_or_else(|| panic!("{} at {side}", d.id));
                assert_eq!(found.payload.filing, d.id);
            }
        }
    }
}
