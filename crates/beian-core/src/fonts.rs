//! The fonts beian ships, for the window and for the papers it prints: Noto Sans SC
//! (GB2312 subset, OFL-1.1) for Chinese and Latin, then Droid Sans Fallback (Apache-2.0)
//! for rarer name characters such as 堃 喆 玥 昇 珺. `scripts/make-fonts.sh` makes both
//! files reproducibly.

/// Noto Sans CJK SC Regular, subset to GB2312 and common punctuation.
pub const NOTO_SANS_SC: &[u8] =
    include_bytes!("../../../assets/fonts/NotoSansSC-Regular-GB2312.otf");
/// Droid Sans Fallback Full: every GBK Hanzi.
pub const DROID_SANS_FALLBACK: &[u8] =
    include_bytes!("../../../assets/fonts/DroidSansFallbackFull.ttf");
