//! Website names and ICP numbers: length and character rules, words a name must not
//! start with or contain (data, with which word matched), and 备案号 formats with the
//! province abbreviation.

use super::arg::Arg;
use super::data::Tables;
use super::finding::Findings;
use crate::model::IssueCode;
use crate::model::PreApprovalKind;

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// What a website name check needs to know about the filing.
#[derive(Clone, Copy, Debug, Default)]
pub struct NameContext<'a> {
    /// A personal filing (stricter word lists).
    pub personal: bool,
    /// The filing province's two-digit code, for province word lists.
    pub province: Option<&'a str>,
    /// Pre-approvals the website holds.
    pub pre_approvals: &'a [PreApprovalKind],
}

/// Checks a website name (网站名称).
pub fn check_website_name(raw: &str, ctx: NameContext<'_>, tables: &Tables) -> Findings {
    let mut f = Findings::default();
    let name = raw.trim();
    // One Chinese character, letter or digit counts as one; the symbols "()-" and spaces
    // do not count.
    let counted = name
        .chars()
        .filter(|c| is_cjk(*c) || c.is_ascii_alphanumeric())
        .count();
    if counted < 3 {
        f.error(
            IssueCode::WebsiteNameTooShort,
            vec![("count", Arg::Count(counted as u64))],
        );
    }
    if name.chars().count() > 50 {
        f.error(
            IssueCode::WebsiteNameTooLong,
            vec![("count", Arg::Count(name.chars().count() as u64))],
        );
    }
    if ctx.personal && counted > 10 {
        f.notice(
            IssueCode::WebsiteNameLongPersonal,
            vec![("count", Arg::Count(counted as u64))],
        );
    }
    let meaningful: Vec<char> = name.chars().filter(|c| !c.is_whitespace()).collect();
    if !meaningful.is_empty() && meaningful.iter().all(char::is_ascii_digit) {
        f.error(IssueCode::WebsiteNameDigitsOnly, Vec::new());
    } else if !meaningful.is_empty() && meaningful.iter().all(|c| c.is_ascii_alphabetic()) {
        f.error(IssueCode::WebsiteNameLatinOnly, Vec::new());
    }
    if name.contains('.') && super::domains::check_domain(name, tables).0.is_some()
        || name.to_lowercase().starts_with("www.")
        || name.contains("://")
    {
        f.error(IssueCode::WebsiteNameIsDomain, Vec::new());
    }
    if let Some(bad) = name.chars().find(|c| {
        !(is_cjk(*c)
            || c.is_ascii_alphanumeric()
            || matches!(c, '(' | ')' | '（' | '）' | '-' | ' '))
    }) {
        f.warning(
            IssueCode::WebsiteNameSymbol,
            vec![("char", bad.to_string().into())],
        );
    }
    // Whether a national body may use these words cannot be told from the draft: a
    // warning the user acknowledges.
    if let Some((word, _)) = tables.words.leading_words_non_national.find_at_start(name) {
        f.warning(
            IssueCode::WebsiteNameLeadingWord,
            vec![("word", word.to_owned().into())],
        );
    }
    forbidden_words(
        &mut f,
        name,
        ctx,
        tables,
        true,
        [
            IssueCode::WebsiteNameForbiddenWord,
            IssueCode::WebsiteNameProvinceWord,
            IssueCode::WebsiteNameSensitiveWord,
        ],
    );
    for implied in tables
        .words
        .pre_approval_implied
        .iter()
        .filter(|i| i.applies_to != "domain")
    {
        let needed = PreApprovalKind::from_key(&implied.requires);
        if name.to_lowercase().contains(&implied.word.to_lowercase())
            && needed.is_some_and(|k| !ctx.pre_approvals.contains(&k))
        {
            let kind = needed.map_or(Arg::Text(String::new()), Arg::PreApproval);
            f.warning(
                IssueCode::WebsiteNameNeedsPreApproval,
                vec![("word", implied.word.clone().into()), ("kind", kind)],
            );
            break;
        }
    }
    f
}

/// Looks `text` up in the forbidden-word lists: for personal filings the personal lists
/// (national, then extended) and the province's, for every filing the sensitive words.
/// `codes` are the issue codes of the three kinds of match. A match is an error when its
/// word's rule is confirmed and `applies_confirmed` (the lists are confirmed to apply to
/// this kind of text), a warning otherwise.
fn forbidden_words(
    f: &mut Findings,
    text: &str,
    ctx: NameContext<'_>,
    tables: &Tables,
    applies_confirmed: bool,
    codes: [IssueCode; 3],
) {
    let [personal_code, province_code, sensitive_code] = codes;
    let words = &tables.words;
    let mut found = |code, hit: Option<(&str, bool)>| {
        if let Some((word, confirmed)) = hit {
            f.error_if(
                confirmed && applies_confirmed,
                code,
                vec![("word", word.to_owned().into())],
            );
        }
    };
    if ctx.personal {
        found(
            personal_code,
            words
                .personal_national
                .find_in(text)
                .or_else(|| words.personal_extended.find_in(text)),
        );
        found(
            province_code,
            ctx.province
                .and_then(|p| words.provinces.get(p))
                .and_then(|list| list.find_in(text)),
        );
    }
    found(sensitive_code, words.sensitive.find_in(text));
}

/// Checks a remark (备注) of the subject or a website with the word lists of website
/// names: users report that the bureaus apply them to remarks too (rules.md §7.7). The
/// data says whether that is confirmed; until it is, every match is a warning.
pub fn check_remark(raw: &str, ctx: NameContext<'_>, tables: &Tables) -> Findings {
    let mut f = Findings::default();
    forbidden_words(
        &mut f,
        raw.trim(),
        ctx,
        tables,
        tables.words.remarks.confirmed,
        [
            IssueCode::RemarkForbiddenWord,
            IssueCode::RemarkProvinceWord,
            IssueCode::RemarkSensitiveWord,
        ],
    );
    f
}

/// A parsed ICP number such as 京ICP备12345678号-2.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IcpNumber {
    /// The province abbreviation, e.g. 京.
    pub abbreviation: String,
    /// The digits.
    pub serial: String,
    /// The website suffix (`-2`), if any.
    pub website: Option<String>,
}

/// Parses an ICP 备案号: `<简称>ICP备<8 to 10 digits>号` with an optional `-N` (website)
/// suffix, optionally followed by A, X or K (app, mini program, quick app).
pub fn parse_icp_number(raw: &str) -> Option<IcpNumber> {
    let t = raw.trim().replace('－', "-");
    let mut chars = t.chars();
    let abbreviation = chars.next()?.to_string();
    let rest = chars.as_str().strip_prefix("ICP备")?;
    let (serial, tail) = rest.split_once('号')?;
    if !(8..=10).contains(&serial.len()) || !serial.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let website = if tail.is_empty() {
        None
    } else {
        let n = tail.strip_prefix('-')?;
        let digits = n.trim_end_matches(['A', 'X', 'K']);
        if digits.is_empty()
            || !digits.bytes().all(|b| b.is_ascii_digit())
            || n.len() > digits.len() + 1
        {
            return None;
        }
        Some(format!("-{n}"))
    };
    Some(IcpNumber {
        abbreviation,
        serial: serial.to_owned(),
        website,
    })
}

/// Checks an ICP number; `province` is the filing province's two-digit code, whose
/// abbreviation the number must carry. `website` says whether a `-N` suffix is expected.
pub fn check_icp_number(
    raw: &str,
    province: Option<&str>,
    website: bool,
    tables: &Tables,
) -> Findings {
    let mut f = Findings::default();
    let Some(n) = parse_icp_number(raw) else {
        f.error(IssueCode::IcpNumberFormat, Vec::new());
        return f;
    };
    match tables.province_of_abbreviation(&n.abbreviation) {
        None => f.error(
            IssueCode::IcpNumberAbbreviation,
            vec![("abbreviation", n.abbreviation.clone().into())],
        ),
        Some(code) => {
            if let Some(p) = province.and_then(|p| p.get(..2))
                && p != code
            {
                let expected = tables
                    .province(p)
                    .map(|r| r.abbreviation.clone())
                    .unwrap_or_default();
                f.error(
                    IssueCode::IcpNumberProvince,
                    vec![
                        ("abbreviation", n.abbreviation.clone().into()),
                        ("expected", expected.into()),
                    ],
                );
            }
        }
    }
    if website && n.website.is_none() {
        f.warning(IssueCode::IcpNumberWebsiteSuffix, Vec::new());
    }
    // Website serials count from 1: -0 (or -00) is never issued.
    if let Some(suffix) = &n.website
        && suffix
            .trim_start_matches('-')
            .trim_end_matches(['A', 'X', 'K'])
            .bytes()
            .all(|b| b == b'0')
    {
        f.error(IssueCode::IcpNumberWebsiteZero, Vec::new());
    }
    if !website && n.website.is_some() {
        f.error(IssueCode::IcpNumberSubjectHasSuffix, Vec::new());
    }
    f
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn codes(f: &Findings) -> Vec<&'static str> {
        f.iter().map(|x| x.code.key()).collect()
    }

    fn personal() -> NameContext<'static> {
        NameContext {
            personal: true,
            province: Some("11"),
            pre_approvals: &[],
        }
    }

    #[test]
    fn website_names() {
        let t = Tables::get();
        assert!(check_website_name("张三的读书笔记", personal(), t).is_empty());
        assert!(check_website_name("示例科技官网", NameContext::default(), t).is_empty());
        let f = check_website_name("张三的博客", personal(), t);
        assert_eq!(codes(&f), vec!["website.name.forbidden_word"]);
        assert_eq!(f.iter().next().unwrap().args[0].1, Arg::Text("博客".into()));
        assert!(f.has_errors());
        assert_eq!(
            codes(&check_website_name("12345", personal(), t)),
            vec!["website.name.digits_only"]
        );
        assert_eq!(
            codes(&check_website_name("MyHomePage", NameContext::default(), t)),
            vec!["website.name.latin_only"]
        );
        assert!(
            codes(&check_website_name(
                "example.com",
                NameContext::default(),
                t
            ))
            .contains(&"website.name.is_domain")
        );
        assert_eq!(
            codes(&check_website_name("读书", personal(), t)),
            vec!["website.name.too_short"]
        );
        assert_eq!(
            codes(&check_website_name(
                "中国示例科技官网",
                NameContext::default(),
                t
            )),
            vec!["website.name.leading_word"]
        );
        assert_eq!(
            codes(&check_website_name(
                "示例新闻中心",
                NameContext::default(),
                t
            )),
            vec!["website.name.needs_pre_approval"]
        );
        let ctx = NameContext {
            pre_approvals: &[PreApprovalKind::News],
            ..NameContext::default()
        };
        assert!(check_website_name("示例新闻中心", ctx, t).is_empty());
    }

    #[test]
    fn remarks_are_checked_with_the_name_word_lists() {
        let t = Tables::get();
        assert!(check_remark("本站记录读书心得", personal(), t).is_empty());
        assert!(check_remark("本站是公司的博客", NameContext::default(), t).is_empty());
        let f = check_remark("这是我的个人博客", personal(), t);
        assert_eq!(codes(&f), vec!["remark.forbidden_word"]);
        assert_eq!(f.iter().next().unwrap().args[0].1, Arg::Text("博客".into()));
        assert!(!f.has_errors(), "unconfirmed for remarks: a warning");
        let f = check_remark("介绍反腐工作", NameContext::default(), t);
        assert_eq!(codes(&f), vec!["remark.sensitive_word"]);
    }

    #[test]
    fn icp_numbers() {
        let t = Tables::get();
        assert!(check_icp_number("京ICP备16020626号", Some("11"), false, t).is_empty());
        assert!(check_icp_number("京ICP备16020626号-8", Some("110000"), true, t).is_empty());
        assert!(check_icp_number("浙ICP备2021024435号", Some("33"), false, t).is_empty());
        assert_eq!(
            codes(&check_icp_number("京ICP备16020626号", Some("44"), false, t)),
            vec!["icp_number.province"]
        );
        assert_eq!(
            codes(&check_icp_number("京ICP证16020626号", None, false, t)),
            vec!["icp_number.format"]
        );
        assert_eq!(
            codes(&check_icp_number("京ICP备1602号", None, false, t)),
            vec!["icp_number.format"]
        );
        assert_eq!(
            codes(&check_icp_number("X ICP备16020626号", None, false, t)),
            vec!["icp_number.format"]
        );
        assert_eq!(
            codes(&check_icp_number(
                "京ICP备16020626号-8",
                Some("11"),
                false,
                t
            )),
            vec!["icp_number.subject_has_suffix"]
        );
        // Website serials start at 1.
        assert!(check_icp_number("粤ICP备12345678号-1", Some("44"), true, t).is_empty());
        assert!(check_icp_number("粤ICP备12345678号-10", Some("44"), true, t).is_empty());
        for zero in [
            "粤ICP备12345678号-0",
            "粤ICP备12345678号-00",
            "粤ICP备12345678号-0X",
        ] {
            let f = check_icp_number(zero, Some("44"), true, t);
            assert_eq!(codes(&f), vec!["icp_number.website_zero"], "{zero}");
            assert!(f.has_errors());
        }
        assert_eq!(
            parse_icp_number("粤ICP备12345678号-3X")
                .unwrap()
                .website
                .as_deref(),
            Some("-3X")
        );
    }
}
