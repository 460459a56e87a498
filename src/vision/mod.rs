//! The face-verification photo's pre-checks: a real face detector (BlazeFace on rten) and
//! model-free measures of framing, background, light and sharpness. No user interface.

pub mod crop;
pub mod detector;
pub mod precheck;

pub use detector::{Detector, DetectorError, Face};
pub use precheck::{CheckId, CheckResult, Detectors, Limits, PreCheck, precheck};
