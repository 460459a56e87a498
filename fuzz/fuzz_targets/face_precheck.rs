//! The face pre-check on arbitrary image bytes, as `beian precheck` runs it: decode under
//! the document limits, then both detectors and every check.
#![no_main]

use std::sync::OnceLock;

use beian::vision::{Detectors, precheck};
use libfuzzer_sys::fuzz_target;

fn detectors() -> &'static Detectors {
    static D: OnceLock<Detectors> = OnceLock::new();
    D.get_or_init(|| Detectors::load().expect("the shipped models load"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = beian::documents::decode(data) else {
        return;
    };
    let frame = decoded.image.to_rgb8();
    if let Ok(report) = precheck(&frame, detectors(), true) {
        let _ = report.passed();
    }
});
