//! Phone numbers and e-mail: mobile numbers against the number plan, landlines with an
//! area code that must belong to the city of the mailing address, and e-mail syntax.

use super::arg::Arg;
use super::data::Tables;
use super::finding::Findings;
use crate::model::IssueCode;

fn digits_only(raw: &str) -> (String, bool) {
    let mut out = String::new();
    let mut widened = false;
    for c in raw.trim().chars() {
        match c {
            '0'..='9' => out.push(c),
            '\u{FF10}'..='\u{FF19}' => {
                widened = true;
                out.push(char::from(b'0' + (c as u32 - 0xFF10) as u8));
            }
            ' ' | '-' | '\u{3000}' | '－' => {}
            _ => {
                out.push('?');
            }
        }
    }
    (out, widened)
}

/// Strips a +86 / 0086 / 86 country prefix from a digit string.
fn strip_country(d: &str) -> &str {
    for p in ["0086", "86"] {
        if let Some(rest) = d.strip_prefix(p)
            && rest.len() >= 10
        {
            return rest;
        }
    }
    d
}

/// Checks a mainland mobile number. Returns the 11 digits when valid.
pub fn check_mobile(raw: &str, tables: &Tables) -> (Option<String>, Findings) {
    let mut f = Findings::default();
    let trimmed = raw.trim().trim_start_matches('+');
    let (d, widened) = digits_only(trimmed);
    if widened {
        f.notice(
            IssueCode::MobileNormalized,
            vec![("value", d.clone().into())],
        );
    }
    let d = strip_country(&d).to_owned();
    let length = if tables.mobile.length == 0 {
        11
    } else {
        tables.mobile.length
    };
    if d.contains('?') || d.len() != length || !d.starts_with('1') {
        f.error(IssueCode::MobileFormat, Vec::new());
        return (None, f);
    }
    if !tables.mobile.prefixes.is_empty()
        && !tables
            .mobile
            .prefixes
            .iter()
            .any(|p| d.starts_with(p.as_str()))
    {
        f.error(
            IssueCode::MobilePrefix,
            vec![("prefix", d.chars().take(3).collect::<String>().into())],
        );
        return (None, f);
    }
    (Some(d), f)
}

/// A landline split into area code (without 0) and local number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Landline {
    /// Area code without the leading 0, e.g. `755`.
    pub area_code: String,
    /// Local number, 7 or 8 digits.
    pub local: String,
}

/// Splits a landline into area code and number, trying two- and three-digit area codes
/// against the table when there is no separator.
fn split_landline(raw: &str, tables: &Tables) -> Option<Landline> {
    let raw = raw.trim();
    // An extension after 转 / ext / # is allowed and ignored.
    let main = raw
        .split(['转', '#', 'x', 'X', '，', ','])
        .next()
        .unwrap_or(raw)
        .trim();
    let main: String = match main
        .strip_prefix("+86")
        .or_else(|| main.strip_prefix("0086"))
    {
        // After a country code the 0 of the area code is dropped; put it back.
        Some(m) => {
            let m = m.trim_start_matches([' ', '-']);
            if m.starts_with('0') {
                m.to_owned()
            } else {
                format!("0{m}")
            }
        }
        None => main.to_owned(),
    };
    let cleaned: String = main
        .chars()
        .filter(|c| !matches!(c, ' ' | '(' | ')' | '（' | '）'))
        .collect();
    let (area, local) = match cleaned.split_once(['-', '－']) {
        Some((a, l)) => (a.to_owned(), l.replace(['-', '－'], "")),
        None => {
            let candidates = [3usize, 4];
            let found = candidates.iter().find_map(|n| {
                let a = cleaned.get(..*n)?;
                let code = a.strip_prefix('0')?;
                let local = cleaned.get(*n..)?;
                tables
                    .cities_by_area_code
                    .contains_key(code)
                    .then(|| (a.to_owned(), local.to_owned()))
            });
            found?
        }
    };
    let area = area.strip_prefix('0')?.to_owned();
    let valid = (2..=3).contains(&area.len())
        && area.bytes().all(|b| b.is_ascii_digit())
        && (7..=8).contains(&local.len())
        && local.bytes().all(|b| b.is_ascii_digit())
        && !local.starts_with('0');
    valid.then_some(Landline {
        area_code: area,
        local,
    })
}

/// Checks the second phone (联系方式2): a landline with area code, or another mobile. When
/// `city` (a GB/T 2260 city code of the mailing address) is known, the area code must be
/// that city's.
pub fn check_phone2(raw: &str, city: Option<&str>, tables: &Tables) -> Findings {
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    if digits.starts_with('1') && digits.len() == 11 {
        return check_mobile(raw, tables).1;
    }
    check_landline(raw, city, tables)
}

/// Checks a landline; see [`check_phone2`].
pub fn check_landline(raw: &str, city: Option<&str>, tables: &Tables) -> Findings {
    let mut f = Findings::default();
    let Some(line) = split_landline(raw, tables) else {
        f.error(IssueCode::LandlineFormat, Vec::new());
        return f;
    };
    let Some(cities) = tables.cities_by_area_code.get(&line.area_code) else {
        f.error(
            IssueCode::LandlineAreaUnknown,
            vec![("code", Arg::Text(format!("0{}", line.area_code)))],
        );
        return f;
    };
    if let Some(city) = city.filter(|c| !c.is_empty())
        && tables.area_codes.cities.contains_key(city)
        && !cities.iter().any(|c| c == city)
    {
        let expected = tables.area_codes.cities.get(city).map(|codes| {
            codes
                .iter()
                .map(|c| format!("0{c}"))
                .collect::<Vec<_>>()
                .join(" / ")
        });
        f.error(
            IssueCode::LandlineAreaMismatch,
            vec![
                ("code", Arg::Text(format!("0{}", line.area_code))),
                ("expected", expected.unwrap_or_default().into()),
            ],
        );
    }
    f
}

/// Checks an e-mail address: one `@`, a local part and a domain with a dot, no spaces or
/// control characters, within RFC 5321 lengths. Full-width ＠ is refused with a hint.
pub fn check_email(raw: &str) -> Findings {
    let mut f = Findings::default();
    let e = raw.trim();
    if e.contains('＠') {
        f.error(IssueCode::EmailFullwidthAt, Vec::new());
        return f;
    }
    let Some((local, domain)) = e.rsplit_once('@') else {
        f.error(IssueCode::EmailFormat, Vec::new());
        return f;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = domain.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.chars().all(char::is_alphabetic));
    if !local_ok || !domain_ok {
        f.error(IssueCode::EmailFormat, Vec::new());
        return f;
    }
    f.extend(super::domains::check_lookalike(domain));
    f
}

/// The digits of a phone number for comparing two numbers, ignoring formatting.
pub fn phone_key(raw: &str) -> String {
    let d: String = raw.chars().filter(char::is_ascii_digit).collect();
    strip_country(&d).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(f: &Findings) -> Vec<&'static str> {
        f.iter().map(|x| x.code.key()).collect()
    }

    #[test]
    fn mobile_numbers() {
        let t = Tables::get();
        for good in [
            "13800138000",
            "138 0013 8000",
            "+86 13800138000",
            "199-1234-5678",
            "１３８００１３８０００",
        ] {
            let (n, f) = check_mobile(good, t);
            assert!(!f.has_errors(), "{good}: {:?}", codes(&f));
            assert_eq!(n.unwrap().len(), 11);
        }
        for (bad, code) in [
            ("1380013800", "mobile.format"),
            ("23800138000", "mobile.format"),
            ("12000000000", "mobile.prefix"),
            ("138001380001", "mobile.format"),
            ("138abc38000", "mobile.format"),
        ] {
            let (_, f) = check_mobile(bad, t);
            assert_eq!(codes(&f), vec![code], "{bad}");
        }
    }

    #[test]
    fn landlines_and_their_city() {
        let t = Tables::get();
        assert!(check_landline("0755-12345678", Some("440300"), t).is_empty());
        assert!(check_landline("075512345678", Some("440300"), t).is_empty());
        assert!(check_landline("010-87654321", Some("110100"), t).is_empty());
        assert!(check_landline("(021) 1234 5678", None, t).is_empty());
        assert!(check_landline("+86 755 12345678", Some("440300"), t).is_empty());
        assert!(check_landline("0755-12345678转123", Some("440300"), t).is_empty());
        assert_eq!(
            codes(&check_landline("010-87654321", Some("440300"), t)),
            vec!["landline.area_mismatch"]
        );
        assert_eq!(
            codes(&check_landline("12345678", None, t)),
            vec!["landline.format"]
        );
        assert_eq!(
            codes(&check_landline("0755-123", None, t)),
            vec!["landline.format"]
        );
        assert_eq!(
            codes(&check_landline("0600-12345678", None, t)),
            vec!["landline.area_unknown"]
        );
        // A mobile is accepted as the second phone.
        assert!(check_phone2("13800138000", Some("440300"), t).is_empty());
    }

    #[test]
    fn email_addresses() {
        for good in [
            "a@example.com",
            "zhang.san+icp@example.com.cn",
            "x@例子.中国",
        ] {
            assert!(check_email(good).is_empty(), "{good}");
        }
        for (bad, code) in [
            ("a@b", "email.format"),
            ("a.example.com", "email.format"),
            ("a@@b.com", "email.format"),
            ("a b@c.com", "email.format"),
            ("a＠b.com", "email.fullwidth_at"),
            (".a@b.com", "email.format"),
            ("a@b.c0m", "email.format"),
        ] {
            assert_eq!(codes(&check_email(bad)), vec![code], "{bad}");
        }
        // A Cyrillic а in the domain passes for example.cn.
        let f = check_email("a@exаmple.cn");
        assert_eq!(codes(&f), vec!["domain.mixed_script"]);
        assert!(f.has_errors());
        assert!(check_email("a@例子abc.cn").is_empty());
    }
}
