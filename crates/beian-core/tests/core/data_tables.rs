//! The data tables: every file in `assets/data/*.ron` is in the registry
//! (`beian_core::data::TABLES`) and parses into its type, so a new table nobody loads, or a
//! broken one, fails `cargo test` instead of silently turning a rule off at run time.

use std::collections::BTreeSet;

use beian_core::data::{self, Table, TableError, load_table};
use beian_core::model::DocKind;
use serde::de::DeserializeOwned;

fn parses<T: DeserializeOwned>(table: Table) -> Result<(), TableError> {
    load_table::<T>(table.name, table.source).map(drop)
}

/// Parses a table into the type its owner reads it as.
fn parse_as_its_type(table: Table) -> Result<(), TableError> {
    use beian_core::rules::data as rules;
    match table.name {
        "area_codes.ron" => parses::<rules::AreaCodes>(table),
        "app_catalog.ron" => parses::<beian_core::model::catalog::AppCatalog>(table),
        "certificate_types.ron" => parses::<beian_core::model::catalog::Catalog>(table),
        "divisions.ron" => parses::<beian_core::model::divisions::Divisions>(table),
        "domain_facts.ron" => parses::<rules::DomainRules>(table),
        "document_limits.ron" => parses::<beian_core::documents::inspect::ReadLimits>(table),
        "documents.ron" => parses::<beian_core::rules::materials::DocSpecs>(table),
        "forms.ron" => parses::<beian_core::forms::templates::Templates>(table),
        "forbidden_words.ron" => parses::<rules::ForbiddenWords>(table),
        "historical_divisions.ron" => parses::<rules::HistoricalDivisions>(table),
        "mobile_numbers.ron" => parses::<rules::MobileNumbers>(table),
        "mobile_provinces.ron" => parses::<beian_core::rules::local_mobile::MobileProvinces>(table),
        "not_involved.ron" => parses::<beian_core::rules::not_involved::NotInvolved>(table),
        "pre_approval_types.ron" => parses::<beian_core::model::catalog::PreApprovalTypes>(table),
        "precheck_limits.ron" => parses::<beian_core::vision::Limits>(table),
        "provinces.ron" => parses::<rules::Provinces>(table),
        "rejection_causes.ron" => parses::<beian_core::rules::rejection::RejectionCauses>(table),
        "review_times.ron" => parses::<beian_core::model::tracking::ReviewTimes>(table),
        "tlds.ron" => parses::<rules::Tlds>(table),
        "uscc.ron" => parses::<rules::Uscc>(table),
        other => panic!("{other} is in beian_core::data::TABLES but not here: add its type"),
    }
}

#[test]
fn every_file_in_assets_data_is_a_registered_table() {
    let dir =
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("assets/data");
    let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".ron"))
        .collect();
    let registered: BTreeSet<String> = data::TABLES.iter().map(|t| t.name.to_owned()).collect();
    let unlisted: Vec<_> = on_disk.difference(&registered).collect();
    assert!(
        unlisted.is_empty(),
        "tables in assets/data missing from beian_core::data::TABLES: {unlisted:?}"
    );
    // A registered table's file is compiled in, so it exists; the sets are equal.
    assert_eq!(on_disk, registered);
    for table in data::TABLES {
        let text = std::fs::read_to_string(dir.join(table.name)).unwrap();
        assert_eq!(text, table.source, "{} differs from the build", table.name);
    }
}

#[test]
fn every_table_parses_into_its_type() {
    let errors: Vec<String> = data::TABLES
        .iter()
        .filter_map(|t| parse_as_its_type(*t).err())
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn the_tables_in_use_are_available() {
    assert_eq!(
        beian_core::rules::missing_tables(),
        Vec::<&TableError>::new()
    );
    beian_core::vision::Limits::get().unwrap();
    beian_core::documents::inspect::ReadLimits::get().unwrap();
    // Every kind of document has its requirements.
    let kinds = [
        DocKind::SubjectCertificate,
        DocKind::IdFront,
        DocKind::IdBack,
        DocKind::AuthorizationLetter,
        DocKind::DomainCertificate,
        DocKind::PreApproval(beian_core::model::PreApprovalKind::ALL[0]),
        DocKind::ProvinceDocument(0),
        DocKind::NotInvolved(beian_core::model::PreApprovalKind::InternetFinance),
        DocKind::ResidencePermit,
        DocKind::Other(0),
    ];
    for kind in kinds {
        beian_core::rules::materials::spec(kind).unwrap();
    }
}

#[test]
fn a_broken_table_fails_with_its_name_and_line() {
    let source = data::DIVISIONS
        .source
        .replacen("provinces:", "provinces: 7, extra:", 1);
    let source: &'static str = Box::leak(source.into_boxed_str());
    let err =
        load_table::<beian_core::model::divisions::Divisions>("divisions.ron", source).unwrap_err();
    let TableError::Malformed { table, line, .. } = &err else {
        panic!("{err:?}");
    };
    assert_eq!(*table, "divisions.ron");
    let expected = source
        .lines()
        .position(|l| l.contains("provinces: 7"))
        .unwrap()
        + 1;
    assert_eq!(*line, expected, "{err}");
}

/// Every mainland city-level entry of `divisions.ron` (prefecture-level cities and the
/// directly administered county-level units such as 神农架林区 or 五家渠市) has an area
/// code, each a code of the table; 台湾, 香港 and 澳门 are outside +86.
#[test]
fn every_mainland_city_and_county_level_unit_has_an_area_code() {
    let tables = beian_core::rules::data::Tables::get();
    let mut missing = Vec::new();
    for province in &beian_core::model::divisions::Divisions::get().provinces {
        if ["71", "81", "82"]
            .iter()
            .any(|c| province.code.starts_with(c))
        {
            continue;
        }
        for city in &province.children {
            match tables.area_codes.cities.get(&city.code) {
                Some(codes) if !codes.is_empty() => {}
                _ => missing.push(format!("{} {}", city.code, city.name)),
            }
        }
    }
    assert!(
        missing.is_empty(),
        "cities without an area code: {missing:?}"
    );
    // Merged codes map to the neighbour's, and the units the package lacks are there.
    for (city, code) in [
        ("410200", "371"), // 开封 → 郑州's 0371
        ("210400", "24"),  // 抚顺
        ("210500", "24"),  // 本溪
        ("211200", "24"),  // 铁岭
        ("450800", "775"), // 贵港
        ("451100", "774"), // 贺州
        ("451300", "772"), // 来宾
        ("620300", "935"), // 金昌
        ("620200", "937"), // 嘉峪关
        ("341600", "558"), // 亳州
        ("429021", "719"), // 神农架林区
        ("659004", "994"), // 五家渠市
        ("469002", "898"), // 琼海市
        ("419001", "391"), // 济源市
    ] {
        let codes = tables.area_codes.cities.get(city).unwrap();
        assert!(codes.iter().any(|c| c == code), "{city}: {codes:?}");
    }
    for city in &tables.area_codes.supplemented {
        assert!(tables.area_codes.cities.contains_key(city), "{city}");
    }
    assert!(!tables.area_codes.supplement_source.is_empty());
}

/// The mobile-prefix table agrees with phonenumbers on every prefix: the runs re-expand to
/// exactly the number of prefixes and the SHA-256 of the expansion that the generating
/// script computed from the package (`scripts/make-phone-data.py`), and every geocoder
/// entry the script sampled lies in the province its zh name begins with.
#[test]
fn the_mobile_prefix_table_agrees_with_phonenumbers() {
    use sha2::{Digest, Sha256};
    let index = &beian_core::rules::data::Tables::get().mobile_provinces;
    let table = &index.table;
    assert_eq!(table.prefix_digits, 7);
    let mut hasher = Sha256::new();
    let mut count = 0u64;
    let mut last = 0u32;
    for (prefix, province) in index.expand() {
        assert!(prefix > last, "prefixes out of order at {prefix}");
        last = prefix;
        hasher.update(format!("{prefix} {province}\n").as_bytes());
        count += 1;
    }
    assert_eq!(count, table.expanded_count);
    let digest: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(digest, table.expanded_sha256);
    assert!(table.samples.len() >= 50, "{}", table.samples.len());
    let divisions = beian_core::model::divisions::Divisions::get();
    for (key, place) in &table.samples {
        let province = divisions
            .provinces
            .iter()
            .find(|p| {
                let short = p
                    .name
                    .trim_end_matches("省")
                    .trim_end_matches("市")
                    .trim_end_matches("壮族自治区")
                    .trim_end_matches("回族自治区")
                    .trim_end_matches("维吾尔自治区")
                    .trim_end_matches("自治区");
                place.starts_with(short)
            })
            .unwrap_or_else(|| panic!("{key} {place}: no province"));
        // The first and last 11-digit numbers under the geocoder key.
        for fill in ['0', '9'] {
            let number: String = key
                .chars()
                .chain(std::iter::repeat(fill))
                .take(11)
                .collect();
            assert_eq!(
                index.province_of(&number),
                province.code.get(..2),
                "{number} ({key} {place})"
            );
        }
    }
}

/// Each province record says when it was last checked against its sources: a real date,
/// not in the future, and not before the sources were collected (November 2026).
#[test]
fn every_province_record_has_its_review_date() {
    let provinces = &beian_core::rules::data::Tables::get().provinces.provinces;
    assert_eq!(provinces.len(), 31);
    let today = chrono::Local::now().date_naive();
    let collected = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    for (code, rule) in provinces {
        let date = chrono::NaiveDate::parse_from_str(&rule.reviewed, "%Y-%m-%d")
            .unwrap_or_else(|_| panic!("{code} {}: reviewed {:?}", rule.name, rule.reviewed));
        assert!(
            date <= today,
            "{code} {}: reviewed {date} is in the future",
            rule.name
        );
        assert!(date >= collected, "{code} {}: reviewed {date}", rule.name);
    }
}
