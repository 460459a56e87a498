//! 统一社会信用代码 (GB 32100-2015) and 组织机构代码 (GB 11714-1997): structure, region,
//! registrar and kind, and check characters.

use super::arg::Arg;
use super::data::Tables;
use super::finding::Findings;
use crate::model::IssueCode;

const USCC_ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

fn uscc_value(c: u8) -> Option<u32> {
    USCC_ALPHABET
        .iter()
        .position(|a| *a == c)
        .and_then(|p| u32::try_from(p).ok())
}

/// A certificate number as typed (a credit code, an ID number…) made comparable:
/// replaces full-width digits and letters by their ASCII forms, upper-cases, and drops
/// spaces and hyphens; says whether anything changed beyond case and separators.
pub fn normalize_code(raw: &str) -> (String, bool) {
    let mut out = String::with_capacity(raw.len());
    let mut widened = false;
    for c in raw.trim().chars() {
        let c = match c {
            '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
                widened = true;
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        };
        if c == ' ' || c == '-' || c == '\u{3000}' {
            continue;
        }
        out.push(c.to_ascii_uppercase());
    }
    (out, widened)
}

/// The check character of the first 17 characters of a unified social credit code.
pub fn uscc_check_char(body: &str) -> Option<char> {
    if body.len() != 17 {
        return None;
    }
    let mut sum = 0;
    for (b, w) in body.bytes().zip(USCC_WEIGHTS) {
        sum += uscc_value(b)? * w;
    }
    let index = (31 - sum % 31) % 31;
    USCC_ALPHABET.get(index as usize).copied().map(char::from)
}

/// Checks a 统一社会信用代码 (GB 32100-2015). A region part that no code can have is an
/// error; a wrong check character is a warning, because a few real codes from the pilot
/// period fail it, so the user compares with the licence and may confirm and proceed.
pub fn check_uscc(raw: &str, tables: &Tables) -> (Option<String>, Findings) {
    let mut f = Findings::default();
    let (code, widened) = normalize_code(raw);
    if widened {
        f.notice(
            IssueCode::UsccNormalized,
            vec![("value", code.clone().into())],
        );
    }
    if code.chars().count() != 18 {
        f.error(
            IssueCode::UsccLength,
            vec![("length", Arg::Count(code.chars().count() as u64))],
        );
        return (None, f);
    }
    if let Some(bad) = code
        .chars()
        .find(|c| u8::try_from(*c).ok().and_then(uscc_value).is_none())
    {
        f.error(
            IssueCode::UsccCharset,
            vec![("char", bad.to_string().into())],
        );
        return (None, f);
    }
    // From here the code is 18 ASCII characters.
    let region = code.get(2..8).unwrap_or_default();
    let province = code.get(2..4).unwrap_or_default();
    // Characters 3–8 are a division code: with a letter, or without a province, no such
    // code can exist. A six-digit code that is not (yet) in the tables may be real.
    if !region.bytes().all(|b| b.is_ascii_digit()) {
        f.error(
            IssueCode::UsccRegionLetter,
            vec![("code", region.to_owned().into())],
        );
    } else if !tables.is_uscc_province(province) {
        f.error(
            IssueCode::UsccProvinceUnknown,
            vec![("code", province.to_owned().into())],
        );
    } else if !tables.is_known_uscc_region(region) {
        f.warning(
            IssueCode::UsccRegionUnknown,
            vec![("code", region.to_owned().into())],
        );
    }
    if let Some(expected) = code.get(..17).and_then(uscc_check_char)
        && !code.ends_with(expected)
    {
        f.warning(
            IssueCode::UsccChecksum,
            vec![("expected", expected.to_string().into())],
        );
    }
    let ok = !f.has_errors();
    (ok.then_some(code), f)
}

const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

/// The check character of an 8-character organisation code body.
pub fn org_code_check_char(body: &str) -> Option<char> {
    if body.len() != 8 {
        return None;
    }
    let mut sum = 0;
    for (c, w) in body.chars().zip(ORG_WEIGHTS) {
        sum += c.to_digit(36)? * w;
    }
    Some(match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        n => char::from_digit(n, 10)?,
    })
}

/// Checks a 组织机构代码 (GB 11714-1997), written `XXXXXXXX-X` or without the hyphen.
pub fn check_org_code(raw: &str) -> Findings {
    let mut f = Findings::default();
    let (code, _) = normalize_code(raw);
    if code.len() != 9
        || !code
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
    {
        f.error(IssueCode::OrgCodeFormat, Vec::new());
        return f;
    }
    if code.bytes().all(|b| b == b'0') {
        f.error(IssueCode::OrgCodeZero, Vec::new());
        return f;
    }
    match code.get(..8).and_then(org_code_check_char) {
        Some(expected) if !code.ends_with(expected) => {
            f.error(
                IssueCode::OrgCodeChecksum,
                vec![("expected", expected.to_string().into())],
            );
        }
        Some(_) => {}
        None => f.error(IssueCode::OrgCodeFormat, Vec::new()),
    }
    f
}
