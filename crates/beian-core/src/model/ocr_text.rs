//! Text read from a document image (by `vision::ocr`), as plain data: the lines with their
//! place in the image and in the document's upright frame, and each character's
//! confidence. `rules::reading` turns it into proposed field values; nothing here is
//! ever saved with a draft.

/// One recognised line of text.
#[derive(Clone, Debug, PartialEq)]
pub struct TextLine {
    /// The characters, as read (not normalised).
    pub text: String,
    /// The recogniser's probability of each character of `text`, in order.
    pub confidence: Vec<f32>,
    /// The line's corners in image pixels, in reading order: top left, top right,
    /// bottom right, bottom left (as the text reads, whatever the image's rotation).
    pub quad: [[f32; 2]; 4],
    /// The line's box in the document's upright frame (image pixels, rotated so that
    /// the text reads left to right): left, top, right, bottom.
    pub upright: [f32; 4],
}

impl TextLine {
    /// The height of the upright box.
    pub fn height(&self) -> f32 {
        self.upright[3] - self.upright[1]
    }

    /// The vertical centre of the upright box.
    pub fn centre_y(&self) -> f32 {
        (self.upright[1] + self.upright[3]) / 2.0
    }

    /// The lowest character confidence (1 for an empty line).
    pub fn min_confidence(&self) -> f32 {
        self.confidence.iter().copied().fold(1.0, f32::min)
    }
}

/// Everything read from one image.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageText {
    /// The image's width and height in pixels.
    pub size: [u32; 2],
    /// How far the document is turned in the image, clockwise, in degrees (0, 90, 180
    /// or 270, the nearest quarter turn).
    pub turn_deg: u16,
    /// The recognised lines, top to bottom in the upright frame.
    pub lines: Vec<TextLine>,
}

/// What a short line of a document is, for deciding which long lines beside it to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    /// The label of a field that is wanted (名称, 住所, 公民身份号码 …).
    Wanted,
    /// The label of a field nobody asked for (类型, 经营范围 …): its value is not read.
    Unwanted,
    /// Not a label.
    NotALabel,
}
