//! The values that fill an issue message's placeholders, kept raw until the message is
//! drawn: a label, a size or a list is put into words in the reader's language at that
//! moment, so that a language switch re-renders every message (and a worker thread never
//! freezes one in the wrong language).

use serde::{Serialize, Serializer};

use crate::i18n::{self, Locale};
use crate::model::{CertType, FieldKey, FilingKind, HostNature, PreApprovalKind, Procedure};

/// A value for one `{name}` placeholder of an issue message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    /// Text from the draft or a data table (a domain, a word, a date), shown as it is.
    Text(String),
    /// A whole number (a count, an age, a page number).
    Count(u64),
    /// A file size, shown in KB or MB.
    Bytes(u64),
    /// A share from 0 to 100, shown as a whole percentage.
    Percent(u8),
    /// A certificate type, named in the reader's language.
    Cert(CertType),
    /// A host nature, named in the reader's language.
    Nature(HostNature),
    /// 个人 or 单位, named in the reader's language.
    Kind(FilingKind),
    /// A pre-approval type, named in the reader's language.
    PreApproval(PreApprovalKind),
    /// A kind of filing (备案类型), named in the reader's language.
    Procedure(Procedure),
    /// A fixed phrase, by its i18n key.
    Phrase(&'static str),
    /// A province by its two-digit code, named in the reader's language.
    Province(String),
    /// A checklist item or field, named in the reader's language.
    Item(FieldKey),
    /// Several values, listed the way the reader's language lists them.
    List(Vec<Arg>),
}

impl Arg {
    /// The value in words, in `locale`.
    pub fn render(&self, locale: Locale) -> String {
        match self {
            Arg::Text(text) => text.clone(),
            Arg::Count(n) => n.to_string(),
            Arg::Bytes(bytes) => format_bytes(*bytes),
            Arg::Percent(p) => p.to_string(),
            Arg::Cert(c) => c.label(locale),
            Arg::Nature(n) => n.label(locale),
            Arg::Kind(k) => k.label(locale),
            Arg::PreApproval(p) => p.label(locale),
            Arg::Procedure(p) => p.label(locale),
            Arg::Phrase(key) => i18n::t(locale, key).into_owned(),
            Arg::Province(code) => super::data::Tables::get()
                .province(code)
                .map_or_else(|| code.clone(), |p| p.display_name(locale).to_owned()),
            Arg::Item(key) => key.label(locale),
            Arg::List(items) => {
                let separator = match locale {
                    Locale::ZhCn => "、",
                    Locale::En => ", ",
                };
                items
                    .iter()
                    .map(|a| a.render(locale))
                    .collect::<Vec<_>>()
                    .join(separator)
            }
        }
    }
}

/// A size as people read it: whole kilobytes under a megabyte, megabytes with one decimal
/// above (the units are the same in both languages).
pub fn format_bytes(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes < MIB {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{:.1} MB", bytes as f64 / MIB as f64)
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_owned())
    }
}

/// Machine-readable output (`beian check --json`) carries the raw value: text as text,
/// numbers as numbers, choices by their stable key, lists as arrays.
impl Serialize for Arg {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Arg::Text(text) => serializer.serialize_str(text),
            Arg::Count(n) | Arg::Bytes(n) => serializer.serialize_u64(*n),
            Arg::Percent(p) => serializer.serialize_u8(*p),
            Arg::Cert(c) => serializer.serialize_str(c.key()),
            Arg::Nature(n) => serializer.serialize_str(n.key()),
            Arg::Kind(k) => serializer.serialize_str(k.key()),
            Arg::PreApproval(p) => serializer.serialize_str(p.key()),
            Arg::Procedure(p) => serializer.serialize_str(p.key()),
            Arg::Phrase(key) => serializer.serialize_str(key),
            // The official (Chinese) name, as the draft and the bureau write it.
            Arg::Province(code) => serializer.serialize_str(
                super::data::Tables::get()
                    .province(code)
                    .map_or(code.as_str(), |p| p.name.as_str()),
            ),
            Arg::Item(key) => serializer.serialize_str(&key.to_string()),
            Arg::List(items) => items.serialize(serializer),
        }
    }
}

/// The arguments of one message, by placeholder name.
pub type Args = Vec<(&'static str, Arg)>;

/// Fills the message of `code` in `locale`: `{field}` becomes `field_label`,
/// every other placeholder its argument in words.
pub fn message(
    locale: Locale,
    code: crate::model::IssueCode,
    field_label: &str,
    args: &[(&'static str, Arg)],
) -> String {
    let rendered: Vec<(&str, String)> = args.iter().map(|(k, v)| (*k, v.render(locale))).collect();
    let mut pairs: Vec<(&str, &str)> = vec![("field", field_label)];
    pairs.extend(rendered.iter().map(|(k, v)| (*k, v.as_str())));
    i18n::tf(locale, &code.i18n_key(), &pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(format_bytes(10 * 1024), "10 KB");
        assert_eq!(format_bytes(5 * 1024 * 1024 + 512 * 1024), "5.5 MB");
    }

    #[test]
    fn labels_follow_the_locale() {
        let arg = Arg::List(vec![Arg::Cert(CertType::ResidentId), Arg::Text("x".into())]);
        let en = arg.render(Locale::En);
        let zh = arg.render(Locale::ZhCn);
        assert_ne!(en, zh);
        assert!(zh.contains('、'), "{zh}");
        assert!(en.contains(", "), "{en}");
    }
}
