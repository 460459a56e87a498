//! RON text → Draft, with the layout check and migration; a draft that loads must save
//! and load again (a save that cannot be read back would lose the filing).
#![no_main]

use std::path::Path;

use beian::store::draft_io::{draft_to_text, parse_draft};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("fuzz.ron");
    if let Ok(draft) = parse_draft(text, path) {
        let saved = draft_to_text(&draft).expect("a loaded draft serialises");
        let again = parse_draft(&saved, path).expect("a saved draft loads again");
        assert_eq!(
            draft_to_text(&again).ok().as_deref(),
            Some(saved.as_str()),
            "save, load, save gives the same text"
        );
    }
});
