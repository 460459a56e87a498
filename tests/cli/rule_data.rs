//! Rules that read the data tables of issue 11: the local-mobile rule of the provinces
//! that require one (`local_mobile_required` in `provinces.ron`, numbers placed by
//! `mobile_provinces.ron`), and landlines in the cities whose area code the package data
//! lacked. Each case changes a complete sample and names the issue it must produce, or
//! that it must produce none.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers outside #[test] fns.

use crate::common::today;
use beian::model::{Draft, FilingKind};
use beian::rules::contacts::check_landline;
use beian::rules::data::Tables;
use beian::rules::{Severity, validate_on};

/// A number registered in 北京 (1380013…), 广东 (1300040…), 湖南 (1300730…) and 天津
/// (1300012…) according to phonenumbers' geocoding data, and one the data does not name.
const BEIJING: &str = "13800138000";
const GUANGDONG: &str = "13000401234";
const HUNAN: &str = "13007301234";
const TIANJIN: &str = "13000121234";
const UNNAMED: &str = "13000051234";

/// The `mobile.not_local` findings of a draft: (field, severity).
fn not_local(draft: &Draft) -> Vec<(String, Severity)> {
    validate_on(draft, today())
        .issues
        .into_iter()
        .filter(|i| i.code.key() == "mobile.not_local")
        .map(|i| (i.field.to_string(), i.severity))
        .collect()
}

fn personal_in(province: &str, city: &str, district: &str, mobile: &str) -> Draft {
    let mut d = beian::store::samples::sample(FilingKind::Personal).unwrap();
    d.filing.province = province.into();
    d.filing.city = city.into();
    d.filing.district = district.into();
    d.subject.responsible.mobile = mobile.into();
    d
}

#[test]
fn the_tables_place_the_numbers_used_here() {
    let index = &Tables::get().mobile_provinces;
    for (number, province) in [
        (BEIJING, Some("11")),
        (GUANGDONG, Some("44")),
        (HUNAN, Some("43")),
        (TIANJIN, Some("12")),
        (UNNAMED, None),
    ] {
        assert_eq!(index.province_of(number), province, "{number}");
    }
}

#[test]
fn a_personal_filing_needs_a_local_mobile_where_the_province_says_so() {
    const RESPONSIBLE: &str = "subject.responsible.mobile";
    let warning = |s| vec![(RESPONSIBLE.to_owned(), s)];
    // 北京: scope all, unconfirmed ([OLD]) → a warning for another province's number.
    let beijing = |m| personal_in("110000", "110100", "110105", m);
    assert_eq!(not_local(&beijing(BEIJING)), vec![]);
    assert_eq!(not_local(&beijing(GUANGDONG)), warning(Severity::Warning));
    assert_eq!(not_local(&beijing(UNNAMED)), vec![], "no verdict");
    // 湖南: scope personal, confirmed ([K]) → an error.
    let hunan = |m| personal_in("430000", "430100", "430102", m);
    assert_eq!(not_local(&hunan(HUNAN)), vec![]);
    assert_eq!(not_local(&hunan(BEIJING)), warning(Severity::Error));
    // 广东 has no such rule.
    let guangdong = |m| personal_in("440000", "440300", "440305", m);
    assert_eq!(not_local(&guangdong(BEIJING)), vec![]);
    // The message names where the number is registered.
    let report = validate_on(&hunan(BEIJING), today());
    let issue = report
        .issues
        .iter()
        .find(|i| i.code.key() == "mobile.not_local")
        .unwrap();
    let message = issue.message(beian::i18n::Locale::ZhCn);
    assert!(
        message.contains("北京市") && message.contains("湖南省"),
        "{message}"
    );
}

#[test]
fn a_unit_filing_in_tianjin_needs_local_mobiles_of_website_responsible_persons_only() {
    // 天津: scope website_responsible, unconfirmed.
    let mut d = beian::store::samples::sample(FilingKind::Unit).unwrap();
    d.filing.province = "120000".into();
    d.filing.city = "120100".into();
    d.filing.district = "120101".into();
    d.subject.responsible.mobile = GUANGDONG.into();
    for w in &mut d.websites {
        w.responsible.mobile = TIANJIN.into();
    }
    assert_eq!(not_local(&d), vec![], "the subject's person is not covered");
    d.websites[0].responsible.mobile = BEIJING.into();
    assert_eq!(
        not_local(&d),
        vec![(
            "websites[0].responsible.mobile".to_owned(),
            Severity::Warning
        )]
    );
}

#[test]
fn landlines_in_cities_the_package_lacked_are_checked_against_their_code() {
    let t = Tables::get();
    let codes = |raw: &str, city: &str| -> Vec<&'static str> {
        check_landline(raw, Some(city), t)
            .iter()
            .map(|f| f.code.key())
            .collect()
    };
    // (landline, city) → codes. Before this table had 贵港, 开封, 神农架林区, 五家渠市,
    // 琼海市 …, any valid area code passed there (no mismatch could be found).
    let cases: &[(&str, &str, &[&str])] = &[
        ("0775-1234567", "450800", &[]),                         // 贵港
        ("010-12345678", "450800", &["landline.area_mismatch"]), // 贵港
        ("0371-12345678", "410200", &[]),                        // 开封 → 郑州's code
        ("0378-1234567", "410200", &["landline.area_unknown"]),  // 开封's withdrawn code
        ("0719-1234567", "429021", &[]),                         // 神农架林区
        ("0898-12345678", "469002", &[]),                        // 琼海市
        ("0994-1234567", "659004", &[]),                         // 五家渠市
        ("0991-1234567", "659004", &["landline.area_mismatch"]), // 五家渠市, not 乌鲁木齐
        ("024-12345678", "210400", &[]),                         // 抚顺 → 024
        ("0935-1234567", "620300", &[]),                         // 金昌
        ("0937-1234567", "620200", &[]),                         // 嘉峪关
        ("0558-1234567", "341600", &[]),                         // 亳州
    ];
    for (raw, city, expected) in cases {
        assert_eq!(&codes(raw, city), expected, "{raw} in {city}");
    }
}

/// A resident ID number with its GB 11643 check character.
fn resident_id(body17: &str) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body17
        .chars()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).unwrap() * w)
        .sum();
    let check = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][(sum % 11) as usize];
    format!("{body17}{check}")
}

fn validate_cli(args: &[&str]) -> (Option<i32>, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_beian"))
        .env_remove("BEIAN_LANG")
        .env("RUST_LOG", "off")
        .args(["--lang", "en", "validate"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[test]
fn validate_takes_the_kind_of_filing_where_a_rule_depends_on_it() {
    let minor = resident_id("11010520150101001");
    let cases: &[(&[&str], i32, &str)] = &[
        // 湖南: local mobiles for personal filings (confirmed).
        (
            &[
                "mobile",
                BEIJING,
                "--province",
                "湖南",
                "--kind",
                "personal",
            ],
            1,
            "mobile.not_local",
        ),
        (
            &["mobile", BEIJING, "--province", "湖南", "--kind", "unit"],
            0,
            "",
        ),
        (
            &["mobile", HUNAN, "--province", "湖南", "--kind", "personal"],
            0,
            "",
        ),
        (&["mobile", BEIJING, "--province", "湖南"], 2, "--kind"),
        // 北京: every filing, unconfirmed: a warning, still acceptable.
        (
            &["mobile", GUANGDONG, "--province", "北京"],
            0,
            "mobile.not_local",
        ),
        (&["mobile", GUANGDONG], 0, ""),
        // 湖南: personal filers must be 18.
        (
            &[
                "resident-id",
                &minor,
                "--province",
                "湖南",
                "--kind",
                "personal",
            ],
            1,
            "person.too_young",
        ),
        (
            &[
                "resident-id",
                &minor,
                "--province",
                "湖南",
                "--kind",
                "unit",
            ],
            0,
            "",
        ),
        (&["resident-id", &minor, "--province", "湖南"], 2, "--kind"),
        (&["resident-id", &minor], 0, ""),
        // Personal website names are stricter; --kind personal is --personal.
        (
            &[
                "website-name",
                "张三的博客",
                "--kind",
                "personal",
                "--province",
                "北京",
            ],
            1,
            "website.name.forbidden_word",
        ),
    ];
    for (args, code, expected) in cases {
        let (status, text) = validate_cli(args);
        assert_eq!(status, Some(*code), "{args:?}: {text}");
        assert!(text.contains(expected), "{args:?}: {text}");
    }
    let (_, text) = validate_cli(&["mobile", BEIJING, "--province", "湖南", "--kind", "unit"]);
    assert!(!text.contains("mobile.not_local"), "{text}");
}

#[test]
fn province_notes_read_as_plain_requirements_in_both_languages() {
    let tables = beian::rules::data::Tables::get();
    let mut count = 0;
    for code in ["11", "31", "32", "44", "50", "65"] {
        let Some(rule) = tables.province(code) else {
            continue;
        };
        for note in &rule.notes {
            count += 1;
            for text in [&note.zh, &note.en] {
                assert!(!text.trim().is_empty(), "{code}: an empty note");
                for tag in ["[K]", "[OLD]", "[S]", "HW-kb", "TC-", "doc_0", "rules.md"] {
                    assert!(!text.contains(tag), "{code}: {text:?} carries {tag}");
                }
            }
            assert!(
                !note
                    .en
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                    || note.en.contains('('),
                "{code}: {:?} is not translated",
                note.en
            );
        }
    }
    assert!(count > 10, "{count} notes checked");
}
