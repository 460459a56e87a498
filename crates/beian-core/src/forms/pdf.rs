//! A paper laid out on A4 and written as PDF (krilla): the title, the paragraphs, the
//! ruled table of values, the signature, seal and date areas left blank, the QR code in
//! the top corner of every page and a grey footer. The layout is made first as a list of
//! drawing operations per page, then written; fonts are embedded as subsets and nothing
//! varies between two writes of the same paper (no creation date).

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke, StrokeDash};
use krilla::text::{Font, GlyphId, KrillaGlyph};

use super::layout::{Fonts, Which, break_lines};

/// A4 in points.
pub const PAGE: (f32, f32) = (595.28, 841.89);
const MARGIN: f32 = 72.0;
const TOP: f32 = 112.0;
const BOTTOM: f32 = 64.0;
const BODY: f32 = 12.0;
const LEADING: f32 = 21.0;
const QR_SIDE: f32 = 80.0;
/// The QR code's top-left corner (with its quiet zone).
const QR_AT: (f32, f32) = (PAGE.0 - MARGIN - QR_SIDE + 12.0, 22.0);

/// Where the modules of a QR code `n` modules wide sit on the page: the top-left corner
/// of the code itself (inside its quiet zone of four modules) and its side, in points.
pub fn code_box(n: usize) -> ((f32, f32), f32) {
    let module = QR_SIDE / (n as f32 + 8.0);
    (
        (QR_AT.0 + 4.0 * module, QR_AT.1 + 4.0 * module),
        module * n as f32,
    )
}
/// A 42 mm seal, in points.
pub const SEAL: f32 = 119.0;

/// One drawing operation on a page.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// A line of text with its baseline at `y`, grey or black.
    Text {
        /// Left edge.
        x: f32,
        /// Baseline.
        y: f32,
        /// Font size in points.
        size: f32,
        /// Grey (the footer, captions) rather than black.
        grey: bool,
        /// The text.
        text: String,
    },
    /// A ruled line.
    Line {
        /// From.
        from: (f32, f32),
        /// To.
        to: (f32, f32),
        /// Width in points.
        width: f32,
        /// Dashed (guides such as the seal area) rather than solid.
        dashed: bool,
    },
    /// A dashed circle (where the seal goes).
    Circle {
        /// Centre.
        centre: (f32, f32),
        /// Radius.
        radius: f32,
    },
    /// Where a signature goes (not drawn): above the line after "…（签字）：", for the
    /// check of a returned scan.
    SignatureArea {
        /// Left, top, width, height.
        rect: (f32, f32, f32, f32),
        /// Who signs there.
        role: String,
    },
    /// The QR code, `side` points square, top left at `at`.
    Qr {
        /// Top-left corner.
        at: (f32, f32),
        /// Side.
        side: f32,
    },
}

/// Pages of operations, filled from the top.
pub struct Layout {
    /// The finished pages.
    pub pages: Vec<Vec<Op>>,
    current: Vec<Op>,
    y: f32,
}

impl Default for Layout {
    fn default() -> Self {
        Layout::new()
    }
}

impl Layout {
    /// An empty first page.
    pub fn new() -> Layout {
        Layout {
            pages: Vec::new(),
            current: Vec::new(),
            y: TOP,
        }
    }

    /// The width text may take.
    pub fn text_width() -> f32 {
        PAGE.0 - 2.0 * MARGIN
    }

    /// The height of the signature block: `signatures` lines, the date, and the lower half
    /// of the seal below the date when there is one.
    pub fn signature_block_height(signatures: usize, seal: bool) -> f32 {
        let lines = (signatures + 1) as f32 * 2.0 * LEADING;
        lines + if seal { SEAL / 2.0 } else { 0.0 }
    }

    /// Makes room for `height` points, starting a new page when this one is full.
    pub fn room(&mut self, height: f32) {
        if self.y + height > PAGE.1 - BOTTOM && !self.current.is_empty() {
            self.pages.push(std::mem::take(&mut self.current));
            self.y = TOP;
        }
    }

    /// Moves down by `by` points.
    pub fn skip(&mut self, by: f32) {
        self.y += by;
    }

    /// The title, centred.
    pub fn title(&mut self, text: &str) {
        let size = 20.0;
        self.room(40.0);
        let width = Fonts::get().width(text, size);
        self.current.push(Op::Text {
            x: (PAGE.0 - width) / 2.0,
            y: self.y,
            size,
            grey: false,
            text: text.to_owned(),
        });
        self.y += 40.0;
    }

    /// A paragraph; indented by two characters unless it is a salutation (`致：…`, or a
    /// short line ending in `：`).
    pub fn paragraph(&mut self, text: &str) {
        let salutation =
            text.starts_with("致：") || (text.ends_with('：') && text.chars().count() < 30);
        let indent = if salutation { 0.0 } else { 2.0 * BODY };
        let first = break_lines(text, BODY, Layout::text_width() - indent);
        // Lines after the first take the full width: break the rest again.
        let mut lines = Vec::new();
        if let Some(head) = first.first() {
            lines.push((indent, head.clone()));
            let rest: String = text.chars().skip(head.chars().count()).collect();
            let rest = rest.trim_start();
            if !rest.is_empty() {
                for line in break_lines(rest, BODY, Layout::text_width()) {
                    lines.push((0.0, line));
                }
            }
        }
        for (indent, line) in lines {
            self.room(LEADING);
            self.current.push(Op::Text {
                x: MARGIN + indent,
                y: self.y,
                size: BODY,
                grey: false,
                text: line,
            });
            self.y += LEADING;
        }
        self.y += 4.0;
    }

    fn line(&mut self, from: (f32, f32), to: (f32, f32), dashed: bool) {
        self.current.push(Op::Line {
            from,
            to,
            width: if dashed { 0.6 } else { 0.8 },
            dashed,
        });
    }

    /// A ruled table of label and value; a row that does not fit moves to the next page.
    pub fn table(&mut self, rows: &[(String, String)]) {
        let (left, right) = (MARGIN, PAGE.0 - MARGIN);
        let split = left + 150.0;
        let pad = 7.0;
        let row_leading = 18.0;
        self.y += 4.0;
        for (label, value) in rows {
            let labels = break_lines(label, BODY, split - left - 2.0 * pad);
            let values = break_lines(value, BODY, right - split - 2.0 * pad);
            let n = labels.len().max(values.len()).max(1);
            let height = n as f32 * row_leading + 2.0 * pad;
            self.room(height);
            let top = self.y - BODY - pad + 2.0;
            self.line((left, top), (right, top), false);
            self.line((left, top + height), (right, top + height), false);
            self.line((left, top), (left, top + height), false);
            self.line((split, top), (split, top + height), false);
            self.line((right, top), (right, top + height), false);
            for (column, x) in [(&labels, left + pad), (&values, split + pad)] {
                for (i, text) in column.iter().enumerate() {
                    self.current.push(Op::Text {
                        x,
                        y: self.y + pad + i as f32 * row_leading,
                        size: BODY,
                        grey: false,
                        text: text.clone(),
                    });
                }
            }
            self.y += height;
        }
        self.y += 12.0;
    }

    /// A part's heading, kept on the page with the two lines after it.
    pub fn heading(&mut self, text: &str) {
        let size = 14.0;
        self.room(LEADING * 3.0);
        self.y += 8.0;
        self.current.push(Op::Text {
            x: MARGIN,
            y: self.y,
            size,
            grey: false,
            text: text.to_owned(),
        });
        self.y += LEADING + 2.0;
    }

    /// A box to tick, drawn as lines (no shipped font has ☐ or ✓), with its tick when
    /// `ticked`; its top-left corner at `(x, y)`.
    fn checkbox(&mut self, x: f32, y: f32, ticked: bool) {
        let s = BODY - 1.0;
        self.line((x, y), (x + s, y), false);
        self.line((x + s, y), (x + s, y + s), false);
        self.line((x + s, y + s), (x, y + s), false);
        self.line((x, y + s), (x, y), false);
        if ticked {
            let tick = [(x + 2.0, y + s * 0.55), (x + s * 0.42, y + s - 2.0)];
            self.current.push(Op::Line {
                from: tick[0],
                to: tick[1],
                width: 1.6,
                dashed: false,
            });
            self.current.push(Op::Line {
                from: tick[1],
                to: (x + s + 1.5, y - 1.5),
                width: 1.6,
                dashed: false,
            });
        }
    }

    /// A row of boxes with their labels, ticked or left for the applicant.
    pub fn choices(&mut self, choices: &[(String, bool)]) {
        if choices.is_empty() {
            return;
        }
        self.room(LEADING);
        let mut x = MARGIN + 2.0 * BODY;
        for (label, ticked) in choices {
            let width = Fonts::get().width(label, BODY);
            if x + BODY + 6.0 + width > PAGE.0 - MARGIN {
                self.y += LEADING;
                self.room(LEADING);
                x = MARGIN + 2.0 * BODY;
            }
            self.checkbox(x, self.y - BODY + 1.0, *ticked);
            self.current.push(Op::Text {
                x: x + BODY + 5.0,
                y: self.y,
                size: BODY,
                grey: false,
                text: label.clone(),
            });
            x += BODY + 5.0 + width + 2.0 * BODY;
        }
        self.y += LEADING + 4.0;
    }

    /// What the applicant writes by hand: a grey note saying what, then `lines` ruled
    /// lines to write on.
    pub fn write_lines(&mut self, note: &str, lines: u8) {
        let notes = break_lines(note, 10.0, Layout::text_width());
        // The note stays on the page with its first two lines.
        self.room(notes.len() as f32 * 16.0 + 2.0 * LEADING * 1.4);
        for line in notes {
            self.room(LEADING);
            self.current.push(Op::Text {
                x: MARGIN,
                y: self.y,
                size: 10.0,
                grey: true,
                text: line,
            });
            self.y += 16.0;
        }
        for _ in 0..lines {
            self.room(LEADING * 1.4);
            self.y += LEADING * 1.4;
            self.line(
                (MARGIN, self.y - 6.0),
                (PAGE.0 - MARGIN, self.y - 6.0),
                false,
            );
        }
        self.y += 6.0;
    }

    /// A signature line: the role, then a blank line to sign on.
    pub fn signature(&mut self, role: &str) {
        self.room(LEADING * 2.0);
        self.y += LEADING;
        let label = format!("{role}（签字）：");
        let width = Fonts::get().width(&label, BODY);
        self.current.push(Op::Text {
            x: MARGIN,
            y: self.y,
            size: BODY,
            grey: false,
            text: label,
        });
        // The line ends before the seal area on the right.
        let x = MARGIN + width;
        let end = (x + 150.0).min(PAGE.0 - MARGIN - SEAL - 12.0).max(x + 90.0);
        self.line((x, self.y + 3.0), (end, self.y + 3.0), false);
        self.current.push(Op::SignatureArea {
            // Above the line, clear of it (a signature sits on the line and rises above).
            rect: (x + 4.0, self.y - 24.0, end - x - 8.0, 20.0),
            role: role.to_owned(),
        });
        self.y += LEADING;
    }

    /// Where the seal goes: a dashed 42 mm circle at the right, level with the last
    /// signature and the date (a seal overlaps the signature it certifies), with a caption.
    pub fn seal(&mut self, caption: &str) {
        let centre = (PAGE.0 - MARGIN - SEAL / 2.0, self.y);
        self.current.push(Op::Circle {
            centre,
            radius: SEAL / 2.0,
        });
        let width = Fonts::get().width(caption, 8.0);
        self.current.push(Op::Text {
            x: centre.0 - width / 2.0,
            y: centre.1 + 3.0,
            size: 8.0,
            grey: true,
            text: caption.to_owned(),
        });
    }

    /// The date line, handwritten or left blank.
    pub fn date(&mut self, handwritten: bool) {
        self.room(LEADING * 2.0);
        self.y += LEADING;
        let text = if handwritten {
            "日期：________年____月____日".to_owned()
        } else {
            "日期：（留空，由接入服务单位填写）".to_owned()
        };
        self.current.push(Op::Text {
            x: MARGIN,
            y: self.y,
            size: BODY,
            grey: false,
            text,
        });
        self.y += LEADING;
    }

    /// Closes the last page; each page gets the QR code and the footer (`footer(page,
    /// pages)` gives its lines).
    pub fn finish(mut self, footer: impl Fn(usize, usize) -> Vec<String>) -> Vec<Vec<Op>> {
        if !self.current.is_empty() || self.pages.is_empty() {
            self.pages.push(std::mem::take(&mut self.current));
        }
        let n = self.pages.len();
        for (i, page) in self.pages.iter_mut().enumerate() {
            page.push(Op::Qr {
                at: QR_AT,
                side: QR_SIDE,
            });
            for (j, line) in footer(i + 1, n).into_iter().enumerate() {
                page.push(Op::Text {
                    x: MARGIN,
                    y: PAGE.1 - 52.0 + j as f32 * 12.0,
                    size: 8.0,
                    grey: true,
                    text: line,
                });
            }
        }
        self.pages
    }
}

fn stroke(width: f32, dashed: bool) -> Stroke {
    Stroke {
        paint: rgb::Color::new(0, 0, 0).into(),
        width,
        dash: dashed.then(|| StrokeDash {
            array: vec![4.0, 3.0],
            offset: 0.0,
        }),
        ..Stroke::default()
    }
}

fn fill(grey: bool) -> Fill {
    let level = if grey { 110 } else { 0 };
    Fill {
        paint: rgb::Color::new(level, level, level).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// A run of text in one font: the font, the text, each glyph's id and advance in ems.
type Run = (Which, String, Vec<(u32, f32)>);

/// The text of a line split into runs of one font each.
fn runs(text: &str) -> Vec<Run> {
    let fonts = Fonts::get();
    let mut out: Vec<Run> = Vec::new();
    for c in text.chars() {
        let Some(p) = fonts.place(c) else { continue };
        match out.last_mut() {
            Some((which, s, glyphs)) if *which == p.font => {
                s.push(c);
                glyphs.push((p.glyph, p.advance));
            }
            _ => out.push((p.font, c.to_string(), vec![(p.glyph, p.advance)])),
        }
    }
    out
}

/// A QR code's modules: its side, and whether each module is dark, row by row.
pub type QrModules = (usize, Vec<bool>);

/// Writes `pages` as a PDF titled `title`, each page with its QR code (several papers
/// may go into one file, to print them all at once).
pub fn write_pages(pages: &[(&[Op], &QrModules)], title: &str) -> Result<Vec<u8>, String> {
    let noto = Font::new(crate::fonts::NOTO_SANS_SC.into(), 0).ok_or("Noto Sans SC")?;
    let droid = Font::new(crate::fonts::DROID_SANS_FALLBACK.into(), 0).ok_or("Droid Sans")?;
    let mut document = krilla::Document::new();
    document.set_metadata(
        krilla::metadata::Metadata::new()
            .title(title.to_owned())
            .language("zh-CN".to_owned())
            .creator("ICP 备案助手 (beian)".to_owned()),
    );
    let settings = PageSettings::from_wh(PAGE.0, PAGE.1).ok_or("page size")?;
    for (ops, qr) in pages.iter().copied() {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    grey,
                    text,
                } => {
                    surface.set_fill(Some(fill(*grey)));
                    surface.set_stroke(None);
                    let mut at = *x;
                    for (which, run, glyphs) in runs(text) {
                        let font = match which {
                            Which::Noto => noto.clone(),
                            Which::Droid => droid.clone(),
                        };
                        let mut placed = Vec::new();
                        let mut offset = 0;
                        let mut width = 0.0;
                        for ((glyph, advance), c) in glyphs.iter().zip(run.chars()) {
                            let len = c.len_utf8();
                            placed.push(KrillaGlyph::new(
                                GlyphId::new(*glyph),
                                *advance,
                                0.0,
                                0.0,
                                0.0,
                                offset..offset + len,
                                None,
                            ));
                            offset += len;
                            width += advance * size;
                        }
                        surface.draw_glyphs(
                            Point::from_xy(at, *y),
                            &placed,
                            font,
                            &run,
                            *size,
                            false,
                        );
                        at += width;
                    }
                }
                Op::Line {
                    from,
                    to,
                    width,
                    dashed,
                } => {
                    let mut path = PathBuilder::new();
                    path.move_to(from.0, from.1);
                    path.line_to(to.0, to.1);
                    if let Some(path) = path.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(stroke(*width, *dashed)));
                        surface.draw_path(&path);
                    }
                }
                Op::Circle { centre, radius } => {
                    let mut path = PathBuilder::new();
                    // Four cubic arcs (k = 0.5523 of the radius).
                    let (cx, cy, r) = (centre.0, centre.1, *radius);
                    let k = 0.552_284_8 * r;
                    path.move_to(cx + r, cy);
                    path.cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
                    path.cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
                    path.cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
                    path.cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
                    path.close();
                    if let Some(path) = path.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(stroke(0.6, true)));
                        surface.draw_path(&path);
                    }
                }
                Op::SignatureArea { .. } => {}
                Op::Qr { at, side } => {
                    let (n, dark) = qr;
                    // A quiet zone of four modules around the code.
                    let module = side / (*n as f32 + 8.0);
                    let mut path = PathBuilder::new();
                    for (i, is_dark) in dark.iter().enumerate() {
                        if !*is_dark {
                            continue;
                        }
                        let (row, col) = (i / n, i % n);
                        let x = at.0 + (col as f32 + 4.0) * module;
                        let y = at.1 + (row as f32 + 4.0) * module;
                        if let Some(rect) = Rect::from_xywh(x, y, module, module) {
                            path.push_rect(rect);
                        }
                    }
                    if let Some(path) = path.finish() {
                        surface.set_stroke(None);
                        surface.set_fill(Some(fill(false)));
                        surface.draw_path(&path);
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| format!("{e:?}"))
}
