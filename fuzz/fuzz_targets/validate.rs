//! `rules::validate` on drafts whose every text field comes from the fuzzer: a shipped
//! sample draft's strings are replaced, in order, by strings the fuzzer chooses (the
//! structure and enums stay valid), then the rules, the export gate and the read-back run.
#![no_main]

use std::sync::OnceLock;

use arbitrary::{Arbitrary, Unstructured};
use beian::model::{Draft, FilingKind, samples};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn templates() -> &'static [Value] {
    static T: OnceLock<Vec<Value>> = OnceLock::new();
    T.get_or_init(|| {
        [FilingKind::Personal, FilingKind::Unit]
            .into_iter()
            .map(|k| {
                let d = samples::sample(k).expect("the samples load");
                serde_json::to_value(&d).expect("a draft is JSON")
            })
            .collect()
    })
}

/// Replaces string leaves; the fuzzer decides for each whether to keep it.
fn fill(v: &mut Value, u: &mut Unstructured<'_>) {
    match v {
        Value::String(s) => {
            if bool::arbitrary(u).unwrap_or(false) {
                if let Ok(new) = String::arbitrary(u) {
                    *s = new;
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| fill(i, u)),
        Value::Object(map) => map.values_mut().for_each(|i| fill(i, u)),
        _ => {}
    }
}

/// Where to write the draft an input builds (`$BEIAN_FUZZ_DRAFT_OUT`), read once.
fn draft_out() -> Option<&'static std::ffi::OsStr> {
    static OUT: OnceLock<Option<std::ffi::OsString>> = OnceLock::new();
    OUT.get_or_init(|| std::env::var_os("BEIAN_FUZZ_DRAFT_OUT"))
        .as_deref()
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let pick = usize::from(bool::arbitrary(&mut u).unwrap_or(false));
    let Some(template) = templates().get(pick) else {
        return;
    };
    let mut value = template.clone();
    fill(&mut value, &mut u);
    // A string that is not a valid enum key or date simply does not make a draft.
    let Ok(draft) = serde_json::from_value::<Draft>(value) else {
        return;
    };
    // Replaying a crashing input with `BEIAN_FUZZ_DRAFT_OUT=FILE` writes the draft it
    // built, before the rules run: that file is what `tests/fuzz_regressions.rs` keeps.
    if let Some(out) = draft_out() {
        let text = beian::store::draft_io::draft_to_text(&draft).expect("a draft serialises");
        std::fs::write(out, text).expect("the draft file is written");
    }
    let report = beian::rules::validate(&draft);
    let _ = beian::rules::readiness(&draft, &report);
    let _ = beian::rules::finalize(&draft);
});
