//! The data tables: every file in `assets/data/*.ron` is in the registry
//! (`beian::data::TABLES`) and parses into its type, so a new table nobody loads, or a
//! broken one, fails `cargo test` instead of silently turning a rule off at run time.

use std::collections::BTreeSet;

use beian::data::{self, Table, TableError, load_table};
use beian::model::DocKind;
use serde::de::DeserializeOwned;

fn parses<T: DeserializeOwned>(table: Table) -> Result<(), TableError> {
    load_table::<T>(table.name, table.source).map(drop)
}

/// Parses a table into the type its owner reads it as.
fn parse_as_its_type(table: Table) -> Result<(), TableError> {
    use beian::rules::data as rules;
    match table.name {
        "area_codes.ron" => parses::<rules::AreaCodes>(table),
        "certificate_types.ron" => parses::<beian::model::catalog::Catalog>(table),
        "divisions.ron" => parses::<beian::model::divisions::Divisions>(table),
        "document_limits.ron" => parses::<beian::documents::inspect::ReadLimits>(table),
        "documents.ron" => parses::<beian::rules::materials::DocSpecs>(table),
        "forbidden_words.ron" => parses::<rules::ForbiddenWords>(table),
        "historical_divisions.ron" => parses::<rules::HistoricalDivisions>(table),
        "mobile_numbers.ron" => parses::<rules::MobileNumbers>(table),
        "pre_approval_types.ron" => parses::<beian::model::catalog::PreApprovalTypes>(table),
        "precheck_limits.ron" => parses::<beian::vision::Limits>(table),
        "provinces.ron" => parses::<rules::Provinces>(table),
        "review_times.ron" => parses::<beian::model::tracking::ReviewTimes>(table),
        "tlds.ron" => parses::<rules::Tlds>(table),
        "uscc.ron" => parses::<rules::Uscc>(table),
        other => panic!("{other} is in beian::data::TABLES but not here: add its type"),
    }
}

#[test]
fn every_file_in_assets_data_is_a_registered_table() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/data");
    let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".ron"))
        .collect();
    let registered: BTreeSet<String> = data::TABLES.iter().map(|t| t.name.to_owned()).collect();
    let unlisted: Vec<_> = on_disk.difference(&registered).collect();
    assert!(
        unlisted.is_empty(),
        "tables in assets/data missing from beian::data::TABLES: {unlisted:?}"
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
        beian::rules::data::unavailable_tables(),
        Vec::<&TableError>::new()
    );
    beian::vision::Limits::get().unwrap();
    beian::documents::inspect::ReadLimits::get().unwrap();
    // Every kind of document has its requirements.
    let kinds = [
        DocKind::SubjectCertificate,
        DocKind::IdFront,
        DocKind::IdBack,
        DocKind::AuthorizationLetter,
        DocKind::DomainCertificate,
        DocKind::PreApproval(beian::model::PreApprovalKind::ALL[0]),
        DocKind::ProvinceDocument(0),
        DocKind::ResidencePermit,
        DocKind::Other(0),
    ];
    for kind in kinds {
        beian::rules::materials::spec(kind).unwrap();
    }
}

#[test]
fn a_broken_table_fails_with_its_name_and_line() {
    let source = data::DIVISIONS
        .source
        .replacen("provinces:", "provinces: 7, extra:", 1);
    let source: &'static str = Box::leak(source.into_boxed_str());
    let err =
        load_table::<beian::model::divisions::Divisions>("divisions.ron", source).unwrap_err();
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
