//! A province bureau's requirements that beian does not check itself, as the applicant
//! reads them: plain words in both languages and where each comes from (never the
//! research tags of the data's sources).

use serde::Deserialize;

/// A requirement of a province's bureau that beian does not check itself, as the
/// applicant reads it.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct ProvinceNote {
    /// The requirement in Chinese.
    pub zh: String,
    /// The same in English.
    pub en: String,
    /// Where it comes from.
    pub source: NoteSource,
    /// Whether the source is older text that may be out of date.
    pub dated: bool,
}

impl ProvinceNote {
    /// The requirement in `locale`.
    pub fn text(&self, locale: crate::i18n::Locale) -> &str {
        match locale {
            crate::i18n::Locale::ZhCn => &self.zh,
            crate::i18n::Locale::En => &self.en,
        }
    }
}

/// Where a province note comes from, named to users in plain words (`note_source.*`).
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub enum NoteSource {
    /// Huawei Cloud's ICP knowledge base.
    HuaweiCloud,
    /// Tencent Cloud's (older) per-province requirements.
    TencentCloud,
    /// Alibaba Cloud's ICP help.
    AlibabaCloud,
    /// A public report, not a provider's text.
    Community,
}

impl NoteSource {
    /// The i18n key naming it.
    pub fn key(self) -> &'static str {
        match self {
            NoteSource::HuaweiCloud => "note_source.huawei",
            NoteSource::TencentCloud => "note_source.tencent",
            NoteSource::AlibabaCloud => "note_source.alibaba",
            NoteSource::Community => "note_source.community",
        }
    }
}
