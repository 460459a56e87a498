//! The province each mobile prefix is registered in, as shipped
//! (`assets/data/mobile_provinces.ron`, generated from the geocoding data of PyPI
//! `phonenumbers`), indexed for look-ups: runs of prefixes sorted by their first one.
//! The local-mobile rule that uses it is `local_mobile`.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::data::{self, TableError};

/// The table as shipped (`assets/data/mobile_provinces.ron`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct MobileProvinces {
    /// Data edition (the package version).
    pub edition: String,
    /// Where it comes from.
    pub source: String,
    /// How many leading digits a prefix has (7).
    pub prefix_digits: usize,
    /// How many prefixes the runs expand to.
    pub expanded_count: u64,
    /// SHA-256 of the lines `PREFIX PROVINCE\n` of the expansion, in prefix order.
    pub expanded_sha256: String,
    /// Geocoder entries (a prefix of 3 to 7 digits) with the place the package names.
    pub samples: BTreeMap<String, String>,
    /// Runs of prefixes (`START-END` or one `PREFIX`) by two-digit province code.
    pub provinces: BTreeMap<String, Vec<String>>,
}

/// One run of consecutive prefixes registered in one province.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Run {
    start: u32,
    end: u32,
    province: String,
}

/// The table, indexed for look-ups: runs sorted by their first prefix.
#[derive(Clone, Debug, Default)]
pub struct MobileProvinceIndex {
    /// The table's own description of itself (count, checksum, samples).
    pub table: MobileProvinces,
    runs: Vec<Run>,
}

fn bad_run(run: &str) -> TableError {
    TableError::Malformed {
        table: data::MOBILE_PROVINCES.name,
        line: 0,
        column: 0,
        message: format!("bad prefix run {run:?}"),
    }
}

impl MobileProvinceIndex {
    /// Loads the shipped table; a table that does not parse, or whose runs are malformed
    /// or overlap, is recorded in `unavailable` and leaves the index empty.
    pub fn load(unavailable: &mut Vec<TableError>) -> MobileProvinceIndex {
        match data::MOBILE_PROVINCES
            .load::<MobileProvinces>()
            .and_then(MobileProvinceIndex::new)
        {
            Ok(index) => index,
            Err(err) => {
                unavailable.push(err);
                MobileProvinceIndex::default()
            }
        }
    }

    /// Indexes a parsed table.
    pub fn new(table: MobileProvinces) -> Result<MobileProvinceIndex, TableError> {
        let mut runs = Vec::new();
        for (province, list) in &table.provinces {
            for run in list {
                let (a, b) = run.split_once('-').unwrap_or((run, run));
                let digits_ok = |s: &str| {
                    s.len() == table.prefix_digits && s.bytes().all(|c| c.is_ascii_digit())
                };
                if !digits_ok(a) || !digits_ok(b) {
                    return Err(bad_run(run));
                }
                let (Ok(start), Ok(end)) = (a.parse::<u32>(), b.parse::<u32>()) else {
                    return Err(bad_run(run));
                };
                if start > end {
                    return Err(bad_run(run));
                }
                runs.push(Run {
                    start,
                    end,
                    province: province.clone(),
                });
            }
        }
        runs.sort_by_key(|r| r.start);
        if let Some(pair) = runs.windows(2).find(|w| match w {
            [a, b] => a.end >= b.start,
            _ => false,
        }) && let Some(second) = pair.get(1)
        {
            return Err(bad_run(&second.start.to_string()));
        }
        Ok(MobileProvinceIndex { table, runs })
    }

    /// The two-digit code of the province an 11-digit mobile number is registered in, or
    /// `None` when the table does not name its prefix.
    pub fn province_of(&self, mobile: &str) -> Option<&str> {
        let prefix: u32 = mobile.get(..self.table.prefix_digits)?.parse().ok()?;
        let after = self.runs.partition_point(|r| r.start <= prefix);
        let run = self.runs.get(after.checked_sub(1)?)?;
        (run.end >= prefix).then_some(run.province.as_str())
    }

    /// Every prefix with its province, in prefix order (the expansion of the runs).
    pub fn expand(&self) -> impl Iterator<Item = (u32, &str)> {
        self.runs
            .iter()
            .flat_map(|r| (r.start..=r.end).map(move |p| (p, r.province.as_str())))
    }
}
