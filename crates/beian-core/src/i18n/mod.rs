//! Translation of every user-facing string.
//!
//! The tables live in `assets/i18n/` (one RON map per locale) and are compiled into the
//! binary. There is no current locale: every function that makes text is given the
//! [`Locale`] to make it in, so text made on any thread, in any process, is in the language
//! of whoever asked for it. A key missing from a table shows as `⟦key⟧`, which the i18n
//! tests turn into a failure.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

/// A language the user interface is available in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    /// Simplified Chinese, the default.
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Locale {
    /// Every supported locale, default first.
    pub const ALL: [Locale; 2] = [Locale::ZhCn, Locale::En];

    /// The BCP 47 tag, as used in file names and on the command line.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
        }
    }

    /// The locale for a BCP 47 tag such as `zh-CN`, `zh`, `en-US`.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let lower = tag.to_ascii_lowercase();
        if lower.starts_with("zh") {
            Some(Locale::ZhCn)
        } else if lower.starts_with("en") {
            Some(Locale::En)
        } else {
            None
        }
    }

    /// The language's own name, shown in the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::ZhCn => "中文",
            Locale::En => "English",
        }
    }

    fn table(self) -> &'static BTreeMap<String, String> {
        match self {
            Locale::ZhCn => &ZH_CN,
            Locale::En => &EN,
        }
    }
}

/// The raw text of a locale's table, as shipped.
pub fn table_source(locale: Locale) -> &'static str {
    match locale {
        Locale::ZhCn => include_str!("../../../../assets/i18n/zh-CN.ron"),
        Locale::En => include_str!("../../../../assets/i18n/en.ron"),
    }
}

/// Parses a locale table; an error names the line, so that a broken table fails its test.
pub fn parse_table(source: &str) -> Result<BTreeMap<String, String>, ron::error::SpannedError> {
    ron::from_str(source)
}

fn load(locale: Locale) -> BTreeMap<String, String> {
    match parse_table(table_source(locale)) {
        Ok(table) => table,
        Err(err) => {
            log::error!("translation table {} is malformed: {err}", locale.tag());
            BTreeMap::new()
        }
    }
}

static ZH_CN: LazyLock<BTreeMap<String, String>> = LazyLock::new(|| load(Locale::ZhCn));
static EN: LazyLock<BTreeMap<String, String>> = LazyLock::new(|| load(Locale::En));

/// Whether `key` exists in the table of `locale`.
pub fn has_key(locale: Locale, key: &str) -> bool {
    locale.table().contains_key(key)
}

/// Every key of a locale's table.
pub fn keys(locale: Locale) -> impl Iterator<Item = &'static str> {
    locale.table().keys().map(String::as_str)
}

/// Every text of a locale's table.
pub fn texts(locale: Locale) -> impl Iterator<Item = &'static str> {
    locale.table().values().map(String::as_str)
}

/// The text for `key` in `locale`, or `⟦key⟧` when the table lacks it.
pub fn t(locale: Locale, key: &str) -> Cow<'static, str> {
    match locale.table().get(key) {
        Some(text) => Cow::Borrowed(text.as_str()),
        None => Cow::Owned(format!("⟦{key}⟧")),
    }
}

/// The text for `key` in `locale` with `{name}` placeholders filled in.
pub fn tf(locale: Locale, key: &str, args: &[(&str, &str)]) -> String {
    fill(&t(locale, key), args)
}

/// Items of a list joined as `locale` writes them: 甲、乙 in Chinese, "a, b" in English.
pub fn list(locale: Locale, items: &[String]) -> String {
    items.join(&t(locale, "list.separator"))
}

/// A file size as people read it: 820 KB, 1.0 MB, 2.3 GB (1024-based, as file managers
/// on Windows show them); under a kilobyte in bytes.
pub fn size(locale: Locale, bytes: u64) -> String {
    const UNITS: [&str; 3] = ["KB", "MB", "GB"];
    if bytes < 1024 {
        return tf(locale, "size.bytes", &[("n", &bytes.to_string())]);
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    let name = UNITS.get(unit).copied().unwrap_or("GB");
    if value < 10.0 {
        format!("{value:.1} {name}")
    } else {
        format!("{value:.0} {name}")
    }
}

/// A moment shown to people in China: Beijing time (UTC+8), named as such; what is
/// recorded stays UTC.
pub fn beijing_time(locale: Locale, at: &chrono::DateTime<chrono::Utc>) -> String {
    // Eight hours east is always a valid offset; UTC is shown, named, if it ever were not.
    let local = match chrono::FixedOffset::east_opt(8 * 3600) {
        Some(offset) => at
            .with_timezone(&offset)
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        None => return at.format("%Y-%m-%d %H:%M UTC").to_string(),
    };
    tf(locale, "time.beijing", &[("time", &local)])
}

/// Replaces each `{name}` in `template` by its value in `args`.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_key_is_visible() {
        assert_eq!(t(Locale::En, "no.such.key"), "⟦no.such.key⟧");
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(fill("{a} and {b}", &[("a", "x"), ("b", "y")]), "x and y");
    }

    #[test]
    fn tags_round_trip() {
        for l in Locale::ALL {
            assert_eq!(Locale::from_tag(l.tag()), Some(l));
        }
        assert_eq!(Locale::from_tag("fr"), None);
    }
}
