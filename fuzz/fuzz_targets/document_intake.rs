//! Document intake on arbitrary bytes: the real format, decoding under the limits,
//! measuring, PDF page counts and first-page previews, normalising.
#![no_main]

use beian::documents::{self, Target, Turn};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = documents::sniff(data);
    match documents::inspect(data) {
        Ok(m) if m.format == Some(documents::FileFormat::Pdf) => {
            let _ = documents::pdf::first_page(data, 256);
        }
        Ok(_) => {
            if let Ok(d) = documents::decode(data) {
                let turn = match data.len() % 4 {
                    0 => Turn::None,
                    1 => Turn::Right,
                    2 => Turn::Half,
                    _ => Turn::Left,
                };
                let target = Target {
                    max_bytes: 2 * 1024 * 1024,
                    max_long_side: 1600,
                    min_short_side: 300,
                    turn,
                };
                let _ = documents::normalize::normalize_decoded(d.image, &d.measures, target);
            }
        }
        Err(_) => {}
    }
});
