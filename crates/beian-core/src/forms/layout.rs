//! Text on the printed papers: which shipped font draws each character (Noto Sans SC,
//! then Droid Sans Fallback for rare name characters), how wide a run is, and where a
//! paragraph breaks into lines (UAX #14: between ideographs, never before `，。、；：？！）》」`
//! or after `（《「`, and inside a word longer than the line, such as a long domain).
//!
//! A character neither font has would print as an empty box without any error (the PDF
//! writer does not check), so [`Fonts::missing`] finds them and the papers refuse them.

use std::sync::LazyLock;

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// One shipped font, measured.
pub struct Face {
    /// The font's bytes.
    pub bytes: &'static [u8],
    /// Units per em.
    pub units_per_em: f32,
}

impl Face {
    fn font(&self) -> Option<FontRef<'static>> {
        FontRef::new(self.bytes).ok()
    }

    /// The glyph of `c` and its advance in ems, when the font has it.
    pub fn glyph(&self, c: char) -> Option<(u32, f32)> {
        let font = self.font()?;
        let gid = font.charmap().map(c)?;
        if gid.to_u32() == 0 {
            return None;
        }
        let advance = font
            .glyph_metrics(Size::unscaled(), LocationRef::default())
            .advance_width(gid)?;
        Some((gid.to_u32(), advance / self.units_per_em))
    }
}

/// The two fonts, in the order they are tried.
pub struct Fonts {
    /// Noto Sans SC (GB2312 subset).
    pub noto: Face,
    /// Droid Sans Fallback.
    pub droid: Face,
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let face = |bytes: &'static [u8]| Face {
        bytes,
        units_per_em: FontRef::new(bytes)
            .map(|f| {
                f.metrics(Size::unscaled(), LocationRef::default())
                    .units_per_em
            })
            .map_or(1000.0, f32::from),
    };
    Fonts {
        noto: face(crate::fonts::NOTO_SANS_SC),
        droid: face(crate::fonts::DROID_SANS_FALLBACK),
    }
});

/// Which font draws a character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    /// Noto Sans SC.
    Noto,
    /// Droid Sans Fallback.
    Droid,
}

/// One glyph placed: its font, id, advance in ems and the text it stands for.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    /// The font.
    pub font: Which,
    /// The glyph id.
    pub glyph: u32,
    /// The advance, in ems.
    pub advance: f32,
    /// The character.
    pub text: char,
}

impl Fonts {
    /// The shipped fonts.
    pub fn get() -> &'static Fonts {
        &FONTS
    }

    /// How `c` is drawn, or `None` when neither font has it.
    pub fn place(&self, c: char) -> Option<Placed> {
        let (font, (glyph, advance)) = self
            .noto
            .glyph(c)
            .map(|g| (Which::Noto, g))
            .or_else(|| self.droid.glyph(c).map(|g| (Which::Droid, g)))?;
        Some(Placed {
            font,
            glyph,
            advance,
            text: c,
        })
    }

    /// The characters of `text` that neither font draws (line breaks aside).
    pub fn missing(&self, text: &str) -> Vec<char> {
        let mut out: Vec<char> = text
            .chars()
            .filter(|c| *c != '\n' && self.place(*c).is_none())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .filter_map(|c| self.place(c))
            .map(|p| p.advance * size)
            .sum()
    }
}

/// Breaks `text` into lines at most `width` points wide at `size` points: at the line
/// break opportunities of UAX #14, at each `\n`, and inside a piece longer than a line.
pub fn break_lines(text: &str, size: f32, width: f32) -> Vec<String> {
    let fonts = Fonts::get();
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0.0;
        let mut start = 0;
        let mut pieces: Vec<&str> = Vec::new();
        for (at, _) in unicode_linebreak::linebreaks(paragraph) {
            if let Some(piece) = paragraph.get(start..at) {
                pieces.push(piece);
            }
            start = at;
        }
        for piece in pieces {
            let piece_width = fonts.width(piece, size);
            if line_width + piece_width.min(width) > width && !line.is_empty() {
                lines.push(line.trim_end().to_owned());
                line.clear();
                line_width = 0.0;
            }
            if piece_width <= width {
                line.push_str(piece);
                line_width += piece_width;
                continue;
            }
            // A piece wider than the line (a long domain or key): broken by characters.
            for c in piece.chars() {
                let w = fonts.width(&c.to_string(), size);
                if line_width + w > width && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                }
                line.push(c);
                line_width += w;
            }
        }
        lines.push(line.trim_end().to_owned());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_name_characters_come_from_the_fallback_and_boxes_are_missing() {
        let fonts = Fonts::get();
        assert_eq!(fonts.place('张').map(|p| p.font), Some(Which::Noto));
        assert_eq!(fonts.place('堃').map(|p| p.font), Some(Which::Droid));
        assert!(fonts.missing("张三 example.com 123").is_empty());
        assert_eq!(fonts.missing("a☐✓"), vec!['☐', '✓']);
    }

    #[test]
    fn lines_break_between_ideographs_and_keep_punctuation_attached() {
        let text = "兹授权王五为本单位的网站负责人，负责下列互联网信息服务的备案事宜。";
        let lines = break_lines(text, 12.0, 120.0);
        assert!(lines.len() > 2, "{lines:?}");
        for line in &lines {
            assert!(Fonts::get().width(line, 12.0) <= 120.5, "{line}");
            assert!(!line.starts_with('，') && !line.starts_with('。'), "{line}");
        }
        assert_eq!(lines.concat(), text);
        let long = "a-very-long-subdomain-name.example-company-name.com.cn";
        let broken = break_lines(long, 12.0, 80.0);
        assert!(broken.len() > 1);
        assert_eq!(broken.concat(), long);
        assert_eq!(break_lines("一\n二", 12.0, 100.0), vec!["一", "二"]);
    }
}
