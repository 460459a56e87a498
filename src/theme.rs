//! The look of beian: the only place with colours, spacing and text sizes.

// Raw colour constructors are banned elsewhere (clippy.toml); this is where they belong.
#![allow(clippy::disallowed_methods)]

use egui::{Color32, Margin, Stroke, Visuals};

use crate::rules::{Severity, StepStatus};

/// Width of the step list on the left.
pub const STEP_LIST_WIDTH: f32 = 210.0;
/// Width of the label column in forms.
pub const LABEL_WIDTH: f32 = 170.0;
/// Width of text inputs in forms.
pub const INPUT_WIDTH: f32 = 360.0;
/// The widest a column of read-only text grows (the review's read-back): wider lines
/// are hard to read.
pub const READABLE_WIDTH: f32 = 960.0;
/// Space between form sections.
pub const SECTION_GAP: f32 = 14.0;
/// Inner margin of cards (start-screen entries, websites).
pub const CARD_MARGIN: Margin = Margin::same(10);
/// Size of step titles.
pub const TITLE_SIZE: f32 = 22.0;
/// Size of the start screen's heading.
pub const HERO_SIZE: f32 = 28.0;

/// Installs beian's style in a context.
pub fn install(ctx: &egui::Context) {
    // The colours below are chosen for a light background; forms are read in daylight.
    ctx.set_theme(egui::Theme::Light);
    let mut visuals = Visuals::light();
    // Checkboxes, radio buttons and buttons at rest get a visible outline: egui's light
    // theme draws them almost white on white.
    visuals.widgets.inactive.bg_stroke = Stroke::new(1.0, Color32::from_gray(150));
    visuals.widgets.inactive.bg_fill = Color32::from_gray(236);
    ctx.set_visuals_of(egui::Theme::Light, visuals);
    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(10.0, 5.0);
        style.spacing.interact_size.y = 26.0;
        for (text_style, font) in style.text_styles.iter_mut() {
            font.size = match text_style {
                egui::TextStyle::Small => 12.0,
                egui::TextStyle::Body | egui::TextStyle::Button => 15.0,
                egui::TextStyle::Monospace => 14.0,
                egui::TextStyle::Heading => 20.0,
                egui::TextStyle::Name(_) => font.size,
            };
        }
    });
}

/// The colour of an issue's text.
pub fn severity_color(severity: Severity) -> Color32 {
    match severity {
        Severity::Error => Color32::from_rgb(0xc0, 0x1c, 0x28),
        Severity::Warning => Color32::from_rgb(0xa0, 0x5a, 0x00),
        Severity::Notice => Color32::from_rgb(0x1c, 0x5d, 0x99),
    }
}

/// The colour of a step's status mark.
pub fn status_color(status: StepStatus) -> Color32 {
    match status {
        StepStatus::NotStarted => Color32::from_gray(150),
        StepStatus::InProgress => Color32::from_rgb(0x1c, 0x5d, 0x99),
        StepStatus::HasProblems => Color32::from_rgb(0xc0, 0x1c, 0x28),
        StepStatus::Complete => Color32::from_rgb(0x26, 0x80, 0x3a),
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
    state: crate::model::index::LibraryState,
    is_overdue: bool,
) -> (Color32, Color32) {
    use crate::model::index::LibraryState as S;
    let blue = (
        Color32::from_rgb(0xe8, 0xf1, 0xfb),
        Color32::from_rgb(0x1c, 0x5d, 0x99),
    );
    let amber = (
        Color32::from_rgb(0xfd, 0xf4, 0xe3),
        Color32::from_rgb(0x8a, 0x4b, 0x00),
    );
    let red = (
        Color32::from_rgb(0xfd, 0xec, 0xec),
        Color32::from_rgb(0xc0, 0x1c, 0x28),
    );
    let green = (
        Color32::from_rgb(0xe6, 0xf4, 0xea),
        Color32::from_rgb(0x26, 0x80, 0x3a),
    );
    let grey = (Color32::from_gray(238), Color32::from_gray(80));
    if is_overdue {
        return red;
    }
    match state {
        S::Draft => grey,
        S::Ready => green,
        S::Submitted | S::AtBureau => blue,
        S::Sms => amber,
        S::Approved => green,
        S::Returned => red,
        S::Withdrawn => grey,
    }
}

/// The colour of secondary text (hints, read-only values' captions).
pub fn weak_color() -> Color32 {
    Color32::from_gray(110)
}

/// The colour of a destructive button's text (delete, remove, discard), the same red
/// everywhere.
pub fn danger_color() -> Color32 {
    Color32::from_rgb(0xc0, 0x1c, 0x28)
}

/// The colour of the required-field marker.
pub fn required_color() -> Color32 {
    Color32::from_rgb(0xc0, 0x1c, 0x28)
}

/// The frame of a card.
pub fn card_frame() -> egui::Frame {
    egui::Frame::new()
        .inner_margin(CARD_MARGIN)
        .corner_radius(6.0)
        .stroke(Stroke::new(1.0, Color32::from_gray(210)))
        .fill(Color32::from_gray(250))
}

/// The frame of a card while files are dragged over the window (a drop target).
pub fn drop_target_frame() -> egui::Frame {
    card_frame()
        .stroke(Stroke::new(2.0, Color32::from_rgb(0x1c, 0x5d, 0x99)))
        .fill(Color32::from_rgb(0xee, 0xf4, 0xfb))
}

/// The frame of an error banner.
pub fn banner_frame(severity: Severity) -> egui::Frame {
    let fill = match severity {
        Severity::Error => Color32::from_rgb(0xfd, 0xec, 0xec),
        Severity::Warning => Color32::from_rgb(0xfd, 0xf4, 0xe3),
        Severity::Notice => Color32::from_rgb(0xe8, 0xf1, 0xfb),
    };
    egui::Frame::new()
        .inner_margin(CARD_MARGIN)
        .corner_radius(6.0)
        .stroke(Stroke::new(1.0, severity_color(severity)))
        .fill(fill)
}
