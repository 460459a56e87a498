//! Local mobile numbers: the province a mobile number is registered in (from its first
//! seven digits, `assets/data/mobile_provinces.ron`, generated from the geocoding data of
//! PyPI `phonenumbers`), and the rule of the provinces whose bureau wants the responsible
//! persons' mobiles to be local numbers (`local_mobile_required` in `provinces.ron`).
//!
//! A prefix the table does not name gets no verdict: beian does not guess where a number
//! is registered.

use super::arg::Arg;
use super::data::Tables;
use super::finding::Findings;
use crate::model::IssueCode;

pub use super::mobile_provinces::{MobileProvinceIndex, MobileProvinces};

/// Whose mobile number is being checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Holder {
    /// The filing is a personal one (the person is also the website's responsible person).
    pub personal_filing: bool,
    /// The number is a website responsible person's.
    pub website_responsible: bool,
}

impl Holder {
    /// Whether a rule with this scope (`all`, `personal`, `website_responsible`) covers
    /// this holder. An unknown scope covers everyone, so a typo in the table does not
    /// silently turn the rule off.
    pub fn is_covered_by(self, scope: &str) -> bool {
        match scope {
            "personal" => self.personal_filing,
            "website_responsible" => self.website_responsible || self.personal_filing,
            _ => true,
        }
    }
}

/// Checks an 11-digit mobile number (already checked by `contacts::check_mobile`) against
/// the filing province's local-mobile rule: a number registered in another province is an
/// error where a primary source confirms the rule, a warning otherwise. No rule, a scope
/// that does not cover the holder, or a prefix the table does not name: no finding.
pub fn check_local_mobile(
    mobile: &str,
    holder: Holder,
    filing_province: &str,
    tables: &Tables,
) -> Findings {
    let mut f = Findings::default();
    let Some(rule) = tables
        .province(filing_province)
        .and_then(|p| p.local_mobile_required.as_ref())
    else {
        return f;
    };
    if !holder.is_covered_by(&rule.scope) {
        return f;
    }
    let Some(registered) = tables.mobile_provinces.province_of(mobile) else {
        return f;
    };
    let filing = filing_province.get(..2).unwrap_or_default();
    if registered != filing {
        f.error_if(
            rule.confirmed,
            IssueCode::MobileNotLocal,
            vec![
                ("number_province", Arg::Province(registered.to_owned())),
                ("province", Arg::Province(filing.to_owned())),
            ],
        );
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::data::{LocalMobile, ProvinceRule};
    use std::collections::BTreeMap;

    fn codes(f: &Findings) -> Vec<(&'static str, bool)> {
        f.iter()
            .map(|x| (x.code.key(), x.severity == crate::rules::Severity::Error))
            .collect()
    }

    #[test]
    fn the_shipped_table_names_provinces_of_known_prefixes() {
        let t = Tables::get();
        // 1300000 is 山东省济南市 in the geocoder, 13510 广东省深圳市, 13910 北京市.
        assert_eq!(t.mobile_provinces.province_of("13000001234"), Some("37"));
        assert_eq!(t.mobile_provinces.province_of("13510001234"), Some("44"));
        assert_eq!(t.mobile_provinces.province_of("13910001234"), Some("11"));
        assert_eq!(t.mobile_provinces.province_of("1"), None);
        assert_eq!(t.mobile_provinces.province_of("abcdefghijk"), None);
    }

    #[test]
    fn runs_that_overlap_or_are_malformed_are_refused() {
        let table = |runs: &[(&str, &str)]| {
            let mut provinces: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for (p, r) in runs {
                provinces.entry((*p).into()).or_default().push((*r).into());
            }
            MobileProvinceIndex::new(MobileProvinces {
                prefix_digits: 7,
                provinces,
                ..Default::default()
            })
        };
        let ok = table(&[("11", "1300000-1300009"), ("44", "1300010")]).unwrap();
        assert_eq!(ok.province_of("13000091111"), Some("11"));
        assert_eq!(ok.province_of("13000101111"), Some("44"));
        assert_eq!(ok.province_of("13000111111"), None);
        assert_eq!(ok.expand().count(), 11);
        assert!(table(&[("11", "1300000-1300009"), ("44", "1300005")]).is_err());
        assert!(table(&[("11", "130000-130009")]).is_err());
        assert!(table(&[("11", "1300009-1300000")]).is_err());
        assert!(table(&[("11", "13000x0")]).is_err());
    }

    /// A table with one province rule and a tiny prefix table: 1300000–1300009 in 北京,
    /// 1300010 in 广东, everything else unknown.
    fn tables(scope: &str, confirmed: bool) -> Tables {
        let mut provinces = BTreeMap::new();
        provinces.insert("11".to_owned(), vec!["1300000-1300009".to_owned()]);
        provinces.insert("44".to_owned(), vec!["1300010".to_owned()]);
        let mut t = Tables::default();
        t.mobile_provinces = MobileProvinceIndex::new(MobileProvinces {
            prefix_digits: 7,
            provinces,
            ..Default::default()
        })
        .unwrap();
        t.provinces.provinces.insert(
            "11".into(),
            ProvinceRule {
                local_mobile_required: Some(LocalMobile {
                    scope: scope.into(),
                    confirmed,
                    sources: Vec::new(),
                }),
                ..Default::default()
            },
        );
        t
    }

    #[test]
    fn a_number_from_another_province_is_refused_where_the_rule_covers_its_holder() {
        const LOCAL: &str = "13000051234";
        const GUANGDONG: &str = "13000101234";
        const UNKNOWN: &str = "13000201234";
        let personal = Holder {
            personal_filing: true,
            website_responsible: false,
        };
        let subject = Holder {
            personal_filing: false,
            website_responsible: false,
        };
        let website = Holder {
            personal_filing: false,
            website_responsible: true,
        };
        let warn = vec![("mobile.not_local", false)];
        let error = vec![("mobile.not_local", true)];
        let none: Vec<(&str, bool)> = Vec::new();
        // (scope, confirmed, number, holder, filing province) -> findings
        let cases = [
            ("all", false, GUANGDONG, subject, "110000", &warn),
            ("all", true, GUANGDONG, subject, "110105", &error),
            ("all", true, LOCAL, subject, "110000", &none),
            ("all", true, UNKNOWN, subject, "110000", &none),
            ("all", true, GUANGDONG, subject, "440000", &none),
            ("personal", true, GUANGDONG, personal, "110000", &error),
            ("personal", true, GUANGDONG, subject, "110000", &none),
            ("personal", true, GUANGDONG, website, "110000", &none),
            (
                "website_responsible",
                false,
                GUANGDONG,
                website,
                "110000",
                &warn,
            ),
            (
                "website_responsible",
                false,
                GUANGDONG,
                personal,
                "110000",
                &warn,
            ),
            (
                "website_responsible",
                false,
                GUANGDONG,
                subject,
                "110000",
                &none,
            ),
        ];
        for (scope, confirmed, number, holder, province, expected) in cases {
            let t = tables(scope, confirmed);
            let f = check_local_mobile(number, holder, province, &t);
            assert_eq!(
                &codes(&f),
                expected,
                "{scope} {confirmed} {number} {holder:?} {province}"
            );
        }
        // The message names the number's province and the filing province.
        let t = tables("all", true);
        let f = check_local_mobile(GUANGDONG, subject, "11", &t);
        let message = f
            .iter()
            .next()
            .unwrap()
            .message(crate::i18n::Locale::ZhCn, "");
        assert!(
            message.contains("广东省") && message.contains("北京市"),
            "{message}"
        );
    }
}
