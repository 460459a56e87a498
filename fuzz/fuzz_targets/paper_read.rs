//! A printed paper's photo on arbitrary bytes, as attaching it to a paper's item does:
//! decoded under the limits, its QR code looked for and read, its signature places looked
//! at, and the reading judged against the unit sample; and any text as a QR payload.
#![no_main]

use std::sync::OnceLock;

use beian::forms::Paper;
use beian::model::Draft;
use libfuzzer_sys::fuzz_target;

fn sample() -> &'static (Draft, Vec<Paper>) {
    static SAMPLE: OnceLock<(Draft, Vec<Paper>)> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let draft = beian::store::samples::sample(beian::model::FilingKind::Unit)
            .unwrap_or_default();
        let papers = beian::rules::papers::papers(&draft);
        (draft, papers)
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = beian::forms::qr::Payload::decode(text);
    }
    let (draft, papers) = sample();
    let Some(paper) = papers.first() else {
        return;
    };
    if let Ok(decoded) = beian::documents::decode(data) {
        let gray = decoded.image.to_luma8();
        let reading = beian::forms::scan::read(draft, papers, paper.item, &gray);
        let _ = beian::forms::scan::verdict(draft, papers, paper.item, &reading);
    }
});
