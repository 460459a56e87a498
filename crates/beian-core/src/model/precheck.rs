//! What a face pre-check found, as drafts and bundles store it: each check with its
//! measured value and limit. The checks themselves are in `vision`; these are only the
//! file-format types, so that a draft does not depend on the detector.

use serde::{Deserialize, Serialize};

/// Which check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckId {
    /// Exactly one face.
    FaceCount,
    /// Face big enough.
    TooFar,
    /// Face not too big.
    TooClose,
    /// Face centred left–right.
    CentredX,
    /// Face at the right height.
    CentredY,
    /// The whole head in the frame.
    HeadInFrame,
    /// Head not tilted.
    Level,
    /// Background near white.
    BackgroundWhite,
    /// Background evenly lit.
    BackgroundEven,
    /// Background without colour cast.
    BackgroundNeutral,
    /// Face not too dark.
    FaceNotDark,
    /// Face not too bright.
    FaceNotBright,
    /// Little clipping on the face.
    NotClipped,
    /// No strong side light.
    EvenLight,
    /// Sharp.
    Sharp,
    /// Eyes visible (no sunglasses).
    EyesVisible,
}

impl CheckId {
    /// The stable key.
    pub fn key(self) -> &'static str {
        match self {
            CheckId::FaceCount => "face_count",
            CheckId::TooFar => "too_far",
            CheckId::TooClose => "too_close",
            CheckId::CentredX => "centred_x",
            CheckId::CentredY => "centred_y",
            CheckId::HeadInFrame => "head_in_frame",
            CheckId::Level => "level",
            CheckId::BackgroundWhite => "background_white",
            CheckId::BackgroundEven => "background_even",
            CheckId::BackgroundNeutral => "background_neutral",
            CheckId::FaceNotDark => "face_not_dark",
            CheckId::FaceNotBright => "face_not_bright",
            CheckId::NotClipped => "not_clipped",
            CheckId::EvenLight => "even_light",
            CheckId::Sharp => "sharp",
            CheckId::EyesVisible => "eyes_visible",
        }
    }

    /// The i18n key of the check's name.
    pub fn name_key(self) -> String {
        format!("precheck.check.{}", self.key())
    }
}

/// One check's outcome.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckResult {
    /// Which check.
    pub id: CheckId,
    /// What was measured (absent when it could not be, e.g. without a face).
    pub value: Option<f32>,
    /// The limit, as text (e.g. `>= 200`).
    pub limit: String,
    /// Whether it passed.
    pub passed: bool,
    /// The i18n key of what to tell the person (their next move when it failed).
    pub guidance_key: String,
}

/// The outcome of all checks on one frame.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PreCheck {
    /// Each check.
    pub checks: Vec<CheckResult>,
    /// The faces found (the main one first).
    pub faces: Vec<[f32; 4]>,
    /// The main face's eye, nose and mouth points.
    pub landmarks: Vec<[f32; 2]>,
    /// The detector used.
    pub detector: String,
    /// Frame size.
    pub frame: [u32; 2],
}

impl PreCheck {
    /// Whether every check passed.
    pub fn passed(&self) -> bool {
        !self.checks.is_empty() && self.checks.iter().all(|c| c.passed)
    }

    /// The first failing check (what to fix first).
    pub fn first_failure(&self) -> Option<&CheckResult> {
        self.checks.iter().find(|c| !c.passed)
    }
}
