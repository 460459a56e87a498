//! The fonts beian ships: egui's own Latin fonts first, then Noto Sans SC (GB2312 subset,
//! OFL-1.1) for Chinese, then Droid Sans Fallback (Apache-2.0) for rarer name characters
//! such as 堃 喆 玥 昇 珺. `scripts/make-fonts.sh` makes both files reproducibly.

use std::sync::Arc;

pub use crate::core_fonts::{DROID_SANS_FALLBACK, NOTO_SANS_SC};

/// The font definitions beian uses: egui's defaults with the CJK fonts as fallbacks of
/// both families.
pub fn definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "noto_sans_sc".to_owned(),
        Arc::new(egui::FontData::from_static(NOTO_SANS_SC)),
    );
    fonts.font_data.insert(
        "droid_sans_fallback".to_owned(),
        Arc::new(egui::FontData::from_static(DROID_SANS_FALLBACK)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        let list = fonts.families.entry(family).or_default();
        list.push("noto_sans_sc".to_owned());
        list.push("droid_sans_fallback".to_owned());
    }
    fonts
}

/// Installs beian's fonts in a context.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}
