//! The face-verification photo's pre-checks: a real face detector (BlazeFace on rten) and
//! model-free measures of framing, background, light and sharpness; and text recognition on
//! document photos (`ocr`). No user interface.

#![warn(clippy::string_slice, clippy::indexing_slicing)]

pub mod crop;
pub mod detector;
pub mod ocr;
pub mod precheck;

pub use detector::{Detector, DetectorError, Face};
pub use precheck::{CheckId, CheckResult, Detectors, Limits, PreCheck, precheck};
