//! The look of beian: the only place with colours, spacing and text sizes.
//!
//! A small visual system: one type scale ([`TypeScale`] sizes installed in the style),
//! one spacing scale ([`space`]), one card style, one readable width for forms and text,
//! and one palette per theme (light and dark) used the same way everywhere — a status
//! has the same colour in the step list, the review's marks and the saved-filings tags.

// Raw colour constructors are banned elsewhere (clippy.toml); this is where they belong.
#![allow(clippy::disallowed_methods)]

use egui::{Color32, Margin, Stroke, Ui, Visuals};

use crate::rules::{Severity, StepStatus};

/// The spacing scale: every gap in beian is one of these.
pub mod space {
    /// Between a value and its caption.
    pub const XS: f32 = 4.0;
    /// Between items in a row or lines in a group.
    pub const S: f32 = 8.0;
    /// Between form sections.
    pub const M: f32 = 14.0;
    /// Between a screen's blocks (heading, cards, lists).
    pub const L: f32 = 24.0;
}

/// The type scale: small print, body text, headings, step titles, the start screen's title.
pub struct TypeScale;

impl TypeScale {
    /// Captions, hints, table headers.
    pub const SMALL: f32 = 12.0;
    /// Body text, buttons, inputs.
    pub const BODY: f32 = 15.0;
    /// Section headings.
    pub const HEADING: f32 = 18.0;
    /// Step titles.
    pub const TITLE: f32 = 22.0;
    /// The start screen's title.
    pub const HERO: f32 = 28.0;
}

/// Width of the step list on the left.
pub const STEP_LIST_WIDTH: f32 = 210.0;
/// Width of the label column in forms.
pub const LABEL_WIDTH: f32 = 170.0;
/// Width of text inputs in forms.
pub const INPUT_WIDTH: f32 = 360.0;
/// The widest a column of text or a form grows: wider lines are hard to read, and a form
/// stretched across a 1920-pixel window loses its labels.
pub const READABLE_WIDTH: f32 = 960.0;
/// Space between form sections.
pub const SECTION_GAP: f32 = space::M;
/// The widest a materials card grows, so that its lines stay short enough to read.
pub const CARD_MAX_WIDTH: f32 = 760.0;
/// Inner margin of cards (start-screen entries, websites).
pub const CARD_MARGIN: Margin = Margin::same(10);
/// Size of step titles.
pub const TITLE_SIZE: f32 = TypeScale::TITLE;
/// Size of the start screen's heading.
pub const HERO_SIZE: f32 = TypeScale::HERO;

/// The colours of one theme.
struct Palette {
    weak: Color32,
    error: Color32,
    warning: Color32,
    notice: Color32,
    success: Color32,
    not_started: Color32,
    error_fill: Color32,
    warning_fill: Color32,
    notice_fill: Color32,
    success_fill: Color32,
    grey_fill: Color32,
    grey_text: Color32,
    card_fill: Color32,
    card_stroke: Color32,
    widget_stroke: Color32,
    widget_fill: Color32,
    /// Body text (egui's dark theme draws it a mid grey, too faint to read forms by).
    text: Option<Color32>,
}

const LIGHT: Palette = Palette {
    weak: Color32::from_gray(100),
    error: Color32::from_rgb(0xc0, 0x1c, 0x28),
    warning: Color32::from_rgb(0x8a, 0x4b, 0x00),
    notice: Color32::from_rgb(0x1c, 0x5d, 0x99),
    success: Color32::from_rgb(0x26, 0x80, 0x3a),
    not_started: Color32::from_gray(150),
    error_fill: Color32::from_rgb(0xfd, 0xec, 0xec),
    warning_fill: Color32::from_rgb(0xfd, 0xf4, 0xe3),
    notice_fill: Color32::from_rgb(0xe8, 0xf1, 0xfb),
    success_fill: Color32::from_rgb(0xe6, 0xf4, 0xea),
    grey_fill: Color32::from_gray(238),
    grey_text: Color32::from_gray(80),
    card_fill: Color32::from_gray(250),
    card_stroke: Color32::from_gray(210),
    widget_stroke: Color32::from_gray(150),
    widget_fill: Color32::from_gray(236),
    text: None,
};

const DARK: Palette = Palette {
    weak: Color32::from_gray(165),
    error: Color32::from_rgb(0xff, 0x8a, 0x8a),
    warning: Color32::from_rgb(0xf0, 0xb4, 0x5a),
    notice: Color32::from_rgb(0x8c, 0xbf, 0xf5),
    success: Color32::from_rgb(0x7c, 0xd3, 0x8e),
    not_started: Color32::from_gray(130),
    error_fill: Color32::from_rgb(0x4a, 0x1e, 0x22),
    warning_fill: Color32::from_rgb(0x45, 0x33, 0x14),
    notice_fill: Color32::from_rgb(0x1a, 0x33, 0x4d),
    success_fill: Color32::from_rgb(0x1b, 0x3d, 0x25),
    grey_fill: Color32::from_gray(60),
    grey_text: Color32::from_gray(215),
    card_fill: Color32::from_gray(36),
    card_stroke: Color32::from_gray(75),
    widget_stroke: Color32::from_gray(120),
    widget_fill: Color32::from_gray(60),
    text: Some(Color32::from_gray(220)),
};

fn palette(ui: &Ui) -> &'static Palette {
    if ui.visuals().dark_mode {
        &DARK
    } else {
        &LIGHT
    }
}

/// Installs beian's style in a context, for both themes; which one is shown follows the
/// system unless the user chose one (View menu), and egui remembers the choice.
pub fn install(ctx: &egui::Context) {
    for (theme, mut visuals, colours) in [
        (egui::Theme::Light, Visuals::light(), &LIGHT),
        (egui::Theme::Dark, Visuals::dark(), &DARK),
    ] {
        // Checkboxes, radio buttons and buttons at rest get a visible outline: egui's
        // themes draw them barely apart from the background.
        visuals.widgets.inactive.bg_stroke = Stroke::new(1.0, colours.widget_stroke);
        visuals.widgets.inactive.bg_fill = colours.widget_fill;
        if let Some(text) = colours.text {
            visuals.widgets.noninteractive.fg_stroke.color = text;
            visuals.widgets.inactive.fg_stroke.color = text;
        }
        visuals.error_fg_color = colours.error;
        visuals.warn_fg_color = colours.warning;
        ctx.set_visuals_of(theme, visuals);
    }
    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = egui::vec2(space::S, 6.0);
        style.spacing.button_padding = egui::vec2(10.0, 5.0);
        style.spacing.interact_size.y = 26.0;
        for (text_style, font) in style.text_styles.iter_mut() {
            font.size = match text_style {
                egui::TextStyle::Small => TypeScale::SMALL,
                egui::TextStyle::Body | egui::TextStyle::Button => TypeScale::BODY,
                egui::TextStyle::Monospace => 14.0,
                egui::TextStyle::Heading => TypeScale::HEADING + 2.0,
                egui::TextStyle::Name(_) => font.size,
            };
        }
    });
}

/// The colour of an issue's text.
pub fn severity_color(ui: &Ui, severity: Severity) -> Color32 {
    let p = palette(ui);
    match severity {
        Severity::Error => p.error,
        Severity::Warning => p.warning,
        Severity::Notice => p.notice,
    }
}

/// The colour of a step's status mark.
pub fn status_color(ui: &Ui, status: StepStatus) -> Color32 {
    let p = palette(ui);
    match status {
        StepStatus::NotStarted => p.not_started,
        StepStatus::InProgress => p.notice,
        StepStatus::HasProblems => p.error,
        StepStatus::Complete => p.success,
    }
}

/// The mark shown before a step's name for its status (glyphs the shipped fonts have).
pub fn status_mark(status: StepStatus) -> &'static str {
    match status {
        StepStatus::NotStarted => "○",
        StepStatus::InProgress => "◐",
        StepStatus::HasProblems => "▲",
        StepStatus::Complete => "●",
    }
}

/// The fill and text colours of a filing's state tag in the saved-filings list: blue
/// while with the provider or the bureau, amber while the applicant must act, red when
/// returned or overdue, green when approved, grey otherwise.
pub fn state_tag_colors(
    ui: &Ui,
    state: crate::model::index::LibraryState,
    is_overdue: bool,
) -> (Color32, Color32) {
    use crate::model::index::LibraryState as S;
    let p = palette(ui);
    let blue = (p.notice_fill, p.notice);
    let amber = (p.warning_fill, p.warning);
    let red = (p.error_fill, p.error);
    let green = (p.success_fill, p.success);
    let grey = (p.grey_fill, p.grey_text);
    if is_overdue {
        return red;
    }
    match state {
        S::Draft | S::Withdrawn => grey,
        S::Ready | S::Approved => green,
        S::Submitted | S::AtBureau => blue,
        S::Sms => amber,
        S::Returned => red,
    }
}

/// The colour of secondary text (hints, read-only values' captions).
pub fn weak_color(ui: &Ui) -> Color32 {
    palette(ui).weak
}

/// The colour of a destructive button's text (delete, remove, discard), the same red
/// everywhere.
pub fn danger_color(ui: &Ui) -> Color32 {
    palette(ui).error
}

/// The colour of the required-field marker.
pub fn required_color(ui: &Ui) -> Color32 {
    palette(ui).error
}

/// What a file picker row's icon shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IconKind {
    /// A folder.
    Folder,
    /// A picture (JPEG, PNG, WebP…).
    Image,
    /// A PDF.
    Pdf,
    /// A draft or a bundle of beian's.
    Draft,
    /// Anything else.
    Other,
}

/// The colour of a file picker icon (the folder, or the band on a page).
pub fn icon_color(ui: &Ui, kind: IconKind) -> Color32 {
    let p = palette(ui);
    match kind {
        IconKind::Folder => p.warning,
        IconKind::Image => p.success,
        IconKind::Pdf => p.error,
        IconKind::Draft => p.notice,
        IconKind::Other => p.not_started,
    }
}

/// The fill of a page icon.
pub fn page_fill(ui: &Ui) -> Color32 {
    palette(ui).card_fill
}

/// The frame of a card.
pub fn card_frame(ui: &Ui) -> egui::Frame {
    let p = palette(ui);
    egui::Frame::new()
        .inner_margin(CARD_MARGIN)
        .corner_radius(6.0)
        .stroke(Stroke::new(1.0, p.card_stroke))
        .fill(p.card_fill)
}

/// The frame of a card while files are dragged over the window (a drop target).
pub fn drop_target_frame(ui: &Ui) -> egui::Frame {
    let p = palette(ui);
    card_frame(ui)
        .stroke(Stroke::new(2.0, p.notice))
        .fill(p.notice_fill)
}

/// The frame of an error banner.
pub fn banner_frame(ui: &Ui, severity: Severity) -> egui::Frame {
    let p = palette(ui);
    let fill = match severity {
        Severity::Error => p.error_fill,
        Severity::Warning => p.warning_fill,
        Severity::Notice => p.notice_fill,
    };
    egui::Frame::new()
        .inner_margin(CARD_MARGIN)
        .corner_radius(6.0)
        .stroke(Stroke::new(1.0, severity_color(ui, severity)))
        .fill(fill)
}
