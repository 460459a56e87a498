//! Certificate numbers: 居民身份证 (GB 11643-1999), 统一社会信用代码 (GB 32100-2015),
//! 组织机构代码 (GB 11714-1997), and the formats of passports, permits and residence
//! permits. Each check takes one value and returns what is wrong with it, so the same
//! functions serve the draft checks and `beian validate`.

use super::arg::Arg;
use crate::model::IssueCode;
use chrono::{Datelike as _, NaiveDate};

use super::data::Tables;
use super::finding::Findings;
use crate::model::CertType;

const RIC_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RIC_CHECK: &[u8; 11] = b"10X98765432";

/// The check character of the first 17 digits of a resident ID (ISO 7064 MOD 11-2).
pub fn ric_check_char(body: &str) -> Option<char> {
    if body.len() != 17 || !body.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = body
        .bytes()
        .zip(RIC_WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    RIC_CHECK.get((sum % 11) as usize).copied().map(char::from)
}

/// What a valid resident ID tells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResidentId {
    /// The number, normalised (ASCII, upper-case X).
    pub number: String,
    /// The six-digit region code.
    pub region: String,
    /// The date of birth.
    pub birth: NaiveDate,
}

impl ResidentId {
    /// Age in whole years on `today`.
    pub fn age_on(&self, today: NaiveDate) -> u32 {
        let mut age = today.year() - self.birth.year();
        if (today.month(), today.day()) < (self.birth.month(), self.birth.day()) {
            age -= 1;
        }
        u32::try_from(age).unwrap_or(0)
    }
}

/// Checks an 18-character resident ID number (GB 11643-1999).
pub fn check_resident_id(
    raw: &str,
    today: NaiveDate,
    tables: &Tables,
) -> (Option<ResidentId>, Findings) {
    let mut f = Findings::default();
    let (number, widened) = normalize_code(raw);
    if widened || raw.trim() != number {
        f.notice(
            IssueCode::RicNormalized,
            vec![("value", number.clone().into())],
        );
    }
    if number.chars().count() != 18 {
        f.error(
            IssueCode::RicLength,
            vec![("length", Arg::Count(number.chars().count() as u64))],
        );
        return (None, f);
    }
    // 18 characters are 18 bytes only when all are ASCII; otherwise byte 17 may fall
    // inside a character, and the value has characters that are not digits anyway.
    let Some((body, check)) = number.split_at_checked(17).filter(|(body, check)| {
        body.bytes().all(|b| b.is_ascii_digit())
            && check.bytes().all(|b| b.is_ascii_digit() || b == b'X')
    }) else {
        f.error(IssueCode::RicCharset, Vec::new());
        return (None, f);
    };
    let date = body.get(6..14).unwrap_or_default();
    let birth = NaiveDate::parse_from_str(date, "%Y%m%d").ok();
    let Some(birth) = birth.filter(|b| b.year() >= 1900) else {
        f.error(
            IssueCode::RicBirthDate,
            vec![("date", date.to_owned().into())],
        );
        return (None, f);
    };
    if birth > today {
        f.error(
            IssueCode::RicBirthFuture,
            vec![("date", birth.to_string().into())],
        );
    }
    let region = body.get(..6).unwrap_or_default().to_owned();
    if !tables.is_known_region(&region) {
        f.error(
            IssueCode::RicRegionUnknown,
            vec![("code", region.clone().into())],
        );
    }
    if let Some(expected) = ric_check_char(body)
        && !check.starts_with(expected)
    {
        f.error(
            IssueCode::RicChecksum,
            vec![("expected", expected.to_string().into())],
        );
    }
    let id = (!f.has_errors()).then(|| ResidentId {
        number: number.clone(),
        region,
        birth,
    });
    (id, f)
}
pub use super::credit_codes::{
    check_org_code, check_uscc, normalize_code, org_code_check_char, uscc_check_char,
};

fn all(s: &str, pred: impl Fn(u8) -> bool) -> bool {
    s.bytes().all(pred)
}

/// Checks the format of a personal certificate other than the resident ID.
pub fn check_other_personal(cert: CertType, raw: &str, today: NaiveDate) -> Findings {
    let (v, _) = normalize_code(raw);
    let mut f = Findings::default();
    let digits = |s: &str| all(s, |b| b.is_ascii_digit());
    let ok = match cert {
        // Chinese passports: E/G + 8 digits, or E + letter + 7 digits; foreign passports vary:
        // 5 to 17 letters and digits.
        CertType::Passport => {
            (5..=17).contains(&v.len()) && all(&v, |b| b.is_ascii_uppercase() || b.is_ascii_digit())
        }
        // 港澳居民来往内地通行证: H or M + 8 digits (10 for older cards).
        CertType::HkMacaoPermit => {
            (v.starts_with('H') || v.starts_with('M'))
                && matches!(v.len(), 9 | 11)
                && v.get(1..).is_some_and(digits)
        }
        // 台湾居民来往大陆通行证: 8 digits (10 digits on older cards).
        CertType::TaiwanPermit => matches!(v.len(), 8 | 10) && digits(&v),
        // 港澳/台湾居民居住证: 18 characters like a resident ID, region 810000/820000/830000.
        CertType::HkMacaoResidence | CertType::TaiwanResidence => {
            let prefixes: &[&str] = if cert == CertType::HkMacaoResidence {
                &["810000", "820000"]
            } else {
                &["830000"]
            };
            if !prefixes.iter().any(|p| v.starts_with(p)) {
                f.error(
                    IssueCode::ResidenceRegion,
                    vec![("expected", prefixes.join(" / ").into())],
                );
                return f;
            }
            f.extend(check_resident_id_structure(&v, today));
            return f;
        }
        // 外国人永久居留身份证: 15 characters (3 letters + 12 digits, before 2023) or 18
        // characters starting with 9 (2023 edition).
        CertType::ForeignPermanentResident => {
            (v.len() == 15
                && v.split_at_checked(3).is_some_and(|(letters, number)| {
                    all(letters, |b| b.is_ascii_uppercase()) && digits(number)
                }))
                || (v.len() == 18
                    && v.starts_with('9')
                    && v.get(..17)
                        .and_then(ric_check_char)
                        .is_some_and(|c| v.ends_with(c)))
        }
        _ => true,
    };
    if !ok {
        f.error(IssueCode::CertFormat, vec![("cert", Arg::Cert(cert))]);
    }
    f
}

/// The structure and check character of an 18-character number in resident-ID form,
/// without the region table (for residence permits, whose region part is fixed).
fn check_resident_id_structure(v: &str, today: NaiveDate) -> Findings {
    let mut f = Findings::default();
    if v.len() != 18
        || !v
            .get(..17)
            .is_some_and(|body| all(body, |b| b.is_ascii_digit()))
    {
        f.error(
            IssueCode::RicLength,
            vec![("length", Arg::Count(v.chars().count() as u64))],
        );
        return f;
    }
    // From here the number is 18 ASCII characters.
    let date = v.get(6..14).unwrap_or_default();
    match NaiveDate::parse_from_str(date, "%Y%m%d") {
        Ok(b) if b <= today => {}
        _ => f.error(
            IssueCode::RicBirthDate,
            vec![("date", date.to_owned().into())],
        ),
    }
    if let Some(expected) = v.get(..17).and_then(ric_check_char)
        && !v.ends_with(expected)
    {
        f.error(
            IssueCode::RicChecksum,
            vec![("expected", expected.to_string().into())],
        );
    }
    f
}

/// Checks a certificate number of any type. Returns the parsed resident ID when it is one.
pub fn check_cert(
    cert: CertType,
    raw: &str,
    today: NaiveDate,
    tables: &Tables,
) -> (Option<ResidentId>, Findings) {
    match cert {
        CertType::ResidentId => check_resident_id(raw, today, tables),
        CertType::BusinessLicense | CertType::UsccCertificate => (None, check_uscc(raw, tables).1),
        CertType::OrgCode => {
            let (v, _) = normalize_code(raw);
            // Many organisations now hold a USCC in place of the old code.
            if v.chars().count() == 18 {
                (None, check_uscc(raw, tables).1)
            } else {
                (None, check_org_code(raw))
            }
        }
        c if c.is_personal() => (None, check_other_personal(c, raw, today)),
        _ => {
            let mut f = Findings::default();
            let trimmed = raw.trim();
            if trimmed.chars().count() > 64 || trimmed.chars().any(char::is_control) {
                f.error(IssueCode::CertFormat, vec![("cert", Arg::Cert(cert))]);
            }
            (None, f)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
    }

    fn codes(f: &Findings) -> Vec<&'static str> {
        f.iter().map(|x| x.code.key()).collect()
    }

    #[test]
    fn resident_ids_from_the_standard_and_stdnum_pass() {
        let t = Tables::get();
        for good in [
            "11010519491231002X",
            "360426199101010071",
            "120103198806018241",
            "11010519491231002x",
        ] {
            let (id, f) = check_resident_id(good, today(), t);
            assert!(!f.has_errors(), "{good}: {:?}", codes(&f));
            assert!(id.is_some());
        }
        let (id, _) = check_resident_id("11010519491231002X", today(), t);
        let id = id.unwrap();
        assert_eq!(id.birth, NaiveDate::from_ymd_opt(1949, 12, 31).unwrap());
        assert_eq!(id.age_on(today()), 76);
    }

    #[test]
    fn resident_id_problems_are_named() {
        let t = Tables::get();
        let cases = [
            ("360426199101010072", "ric.checksum"),
            ("36042619910101007", "ric.length"),
            ("3604261991010100A1", "ric.charset"),
            ("360426199102300071", "ric.birth_date"),
            ("360426209901010071", "ric.birth_future"),
            ("990426199101010071", "ric.region_unknown"),
        ];
        for (value, code) in cases {
            let (_, f) = check_resident_id(value, today(), t);
            assert!(codes(&f).contains(&code), "{value}: {:?}", codes(&f));
        }
    }

    #[test]
    fn full_width_digits_are_normalised_and_said() {
        let (id, f) = check_resident_id(
            "１１０１０５１９４９１２３１００２ｘ",
            today(),
            Tables::get(),
        );
        assert_eq!(id.unwrap().number, "11010519491231002X");
        assert!(codes(&f).contains(&"ric.normalized"));
        assert!(!f.has_errors());
    }

    #[test]
    fn uscc_examples() {
        let t = Tables::get();
        for good in [
            "91350100M000100Y43",
            "92370102MAD4CX6AX6",
            "91110000600001760P",
        ] {
            let (_, f) = check_uscc(good, t);
            assert!(f.is_empty(), "{good}: {:?}", codes(&f));
        }
        let (_, f) = check_uscc("91350100M000100Y44", t);
        assert_eq!(codes(&f), vec!["uscc.checksum"]);
        assert!(!f.has_errors(), "a checksum failure is a warning");
        let (_, f) = check_uscc("91350100M000100YI3", t);
        assert_eq!(codes(&f), vec!["uscc.charset"]);
        let (_, f) = check_uscc("9135010", t);
        assert_eq!(codes(&f), vec!["uscc.length"]);
    }

    #[test]
    fn impossible_region_parts_are_errors() {
        let t = Tables::get();
        // A national registration (region 100000) and a division code are possible.
        for good in ["51100000500000000Y", "91350100M000100Y43"] {
            let (_, f) = check_uscc(good, t);
            assert!(!f.has_errors(), "{good}: {:?}", codes(&f));
        }
        for (bad, code) in [
            ("911A0000MA00000000", "uscc.region_letter"),
            ("91000000MA00000000", "uscc.province_unknown"),
            ("91990000MA00000000", "uscc.province_unknown"),
            ("91720000MA00000000", "uscc.province_unknown"),
        ] {
            let (id, f) = check_uscc(bad, t);
            assert!(codes(&f).contains(&code), "{bad}: {:?}", codes(&f));
            assert!(f.has_errors() && id.is_none(), "{bad}: {:?}", codes(&f));
        }
        // A six-digit code of a real province that the tables do not know stays a warning.
        let (_, f) = check_uscc("91359900MA00000000", t);
        assert!(
            codes(&f).contains(&"uscc.region_unknown"),
            "{:?}",
            codes(&f)
        );
        assert!(!f.has_errors(), "{:?}", codes(&f));
    }

    #[test]
    fn the_checksum_warning_says_why_it_is_only_a_warning() {
        for locale in [crate::i18n::Locale::ZhCn, crate::i18n::Locale::En] {
            let (_, f) = check_uscc("91350100M000100Y44", Tables::get());
            let message = f.iter().next().unwrap().message(locale, "");
            let pilot = match locale {
                crate::i18n::Locale::ZhCn => "试点",
                crate::i18n::Locale::En => "pilot",
            };
            assert!(message.contains(pilot), "{message}");
        }
    }

    #[test]
    fn org_code_examples() {
        assert!(check_org_code("D2143569-X").is_empty());
        assert!(check_org_code("d2143569x").is_empty());
        assert_eq!(
            codes(&check_org_code("D2143569-2")),
            vec!["org_code.checksum"]
        );
        assert_eq!(codes(&check_org_code("000000000")), vec!["org_code.zero"]);
        assert_eq!(codes(&check_org_code("D214-35")), vec!["org_code.format"]);
    }

    #[test]
    fn permit_formats() {
        let ok = |c, v: &str| check_other_personal(c, v, today()).is_empty();
        assert!(ok(CertType::Passport, "E12345678"));
        assert!(ok(CertType::HkMacaoPermit, "H12345678"));
        assert!(ok(CertType::HkMacaoPermit, "M1234567890"));
        assert!(!ok(CertType::HkMacaoPermit, "X12345678"));
        assert!(ok(CertType::TaiwanPermit, "12345678"));
        assert!(!ok(CertType::TaiwanPermit, "1234567"));
        let hk = format!("810000199001010{}", "07");
        let hk = format!("{hk}{}", ric_check_char(&hk).unwrap());
        assert!(ok(CertType::HkMacaoResidence, &hk), "{hk}");
        assert!(!ok(CertType::TaiwanResidence, &hk));
        assert!(ok(CertType::ForeignPermanentResident, "USA123456789012"));
        let fpr = "93310019900101001";
        let fpr = format!("{fpr}{}", ric_check_char(fpr).unwrap());
        assert!(ok(CertType::ForeignPermanentResident, &fpr));
        assert!(!ok(CertType::ForeignPermanentResident, "US1234567890123"));
    }

    /// Values whose characters take several bytes, including some whose lengths in bytes
    /// match a format's (15 and 18 bytes) so that a byte offset falls inside a character.
    const MULTI_BYTE: [&str; 9] = [
        "١١٠١٠٥١٩٤٩١٢٣١٠٠٢X",
        "一二三四五六七八九十一二三四五六七八",
        "11010519491231😀02X",
        "😀1101😀0519😀491231😀",
        "éééééééééééééééééé",
        "810000éééééé",
        "830000éééééé",
        "99éééééééé",
        "😀USA12345678",
    ];

    #[test]
    fn multi_byte_values_are_refused_without_panicking() {
        let t = Tables::get();
        for v in MULTI_BYTE {
            let (normalized, widened) = normalize_code(v);
            assert!(!widened, "{v}");
            assert!(normalized.chars().count() <= v.chars().count(), "{v}");
            let (id, f) = check_resident_id(v, today(), t);
            assert!(id.is_none() && f.has_errors(), "{v}: {:?}", codes(&f));
            let (code, f) = check_uscc(v, t);
            assert!(code.is_none() && f.has_errors(), "{v}: {:?}", codes(&f));
            let f = check_org_code(v);
            assert!(f.has_errors(), "{v}: {:?}", codes(&f));
            for cert in CertType::ALL.iter().copied() {
                let (id, f) = check_cert(cert, v, today(), t);
                assert!(id.is_none(), "{cert:?} {v}");
                // Certificates of a known format refuse the value; the others are free
                // text, kept as typed.
                let has_format = cert.is_personal()
                    || matches!(
                        cert,
                        CertType::BusinessLicense | CertType::UsccCertificate | CertType::OrgCode
                    );
                if has_format {
                    assert!(f.has_errors(), "{cert:?} {v}: {:?}", codes(&f));
                }
            }
        }
    }

    #[test]
    fn arabic_indic_digits_are_a_charset_error() {
        let t = Tables::get();
        for v in [
            "١١٠١٠٥١٩٤٩١٢٣١٠٠٢X",
            "一二三四五六七八九十一二三四五六七八",
            "éééééééééééééééééé",
        ] {
            let (_, f) = check_resident_id(v, today(), t);
            assert_eq!(codes(&f), vec!["ric.charset"], "{v}");
            let (_, f) = check_cert(CertType::ResidentId, v, today(), t);
            assert_eq!(codes(&f), vec!["ric.charset"], "{v}");
        }
    }

    #[test]
    fn a_uscc_names_the_character_it_refuses() {
        let (_, f) = check_uscc("éééééééééééééééééé", Tables::get());
        assert_eq!(codes(&f), vec!["uscc.charset"]);
        let arg = f.iter().next().and_then(|x| x.args.first()).map(|a| &a.1);
        assert_eq!(arg, Some(&Arg::Text("é".into())));
        let (_, f) = check_uscc("١١٠١٠٥١٩٤٩١٢٣١٠٠٢X", Tables::get());
        let arg = f.iter().next().and_then(|x| x.args.first()).map(|a| &a.1);
        assert_eq!(arg, Some(&Arg::Text("١".into())));
    }

    #[test]
    fn an_org_code_of_eighteen_bytes_but_six_characters_is_not_taken_for_a_uscc() {
        let (_, f) = check_cert(CertType::OrgCode, "一二三四五六", today(), Tables::get());
        assert_eq!(codes(&f), vec!["org_code.format"]);
    }
}
