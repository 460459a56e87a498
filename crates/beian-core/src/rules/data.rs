//! The rule tables shipped in `assets/data/` (RON, each with its edition and sources),
//! loaded through [`crate::data`], parsed once and indexed for the checks. A table that
//! fails to parse leaves its checks without data and is listed by [`unavailable_tables`],
//! which `validate` turns into an error that blocks export; `crates/beian-core/tests/core/data_tables.rs` makes
//! sure every shipped table parses.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::data::{self, Table, TableError};
use crate::model::catalog::{self, Catalog};
use crate::model::divisions::Divisions;

/// A rule's provenance: whether a primary source confirms it, and which sources say so.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Provenance {
    /// Confirmed by a vendor or official text; unconfirmed rules give warnings.
    pub confirmed: bool,
    /// Short source names with confidence tags.
    pub sources: Vec<String>,
}

/// City telephone area codes (`assets/data/area_codes.ron`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct AreaCodes {
    /// Data edition.
    pub edition: String,
    /// Where it comes from.
    pub source: String,
    /// Where the codes of the cities in `supplemented` come from (the package lacks them).
    pub supplement_source: String,
    /// The cities whose codes come from `supplement_source`.
    pub supplemented: Vec<String>,
    /// Area codes without the leading 0, by GB/T 2260 city code.
    pub cities: BTreeMap<String, Vec<String>>,
}

/// The mainland mobile number plan (`assets/data/mobile_numbers.ron`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct MobileNumbers {
    /// Data edition.
    pub edition: String,
    /// Where it comes from.
    pub source: String,
    /// Number of digits.
    pub length: usize,
    /// Digit prefixes of valid mobile numbers.
    pub prefixes: Vec<String>,
}

/// Approved top-level domains (`assets/data/tlds.ron`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Tlds {
    /// Data edition.
    pub edition: String,
    /// Where it comes from.
    pub source: String,
    /// Whether the list is confirmed against MIIT's publication.
    pub confirmed: bool,
    /// Suffixes, without the leading dot (Unicode for IDN suffixes).
    pub suffixes: Vec<String>,
    /// Remarks.
    pub notes: Vec<String>,
}

/// A list of words with its provenance.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct WordList {
    /// The words.
    pub words: Vec<String>,
    /// The words whose rule a vendor source confirms (errors rather than warnings).
    pub confirmed_words: Vec<String>,
    /// Whether the list is confirmed.
    pub confirmed: bool,
    /// Sources.
    pub sources: Vec<String>,
}

/// A word in a website name that implies a pre-approval.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ImpliedApproval {
    /// The word.
    pub word: String,
    /// Where it is looked for: `website_name`, `domain` or `both`.
    pub applies_to: String,
    /// The pre-approval kind key it needs.
    pub requires: String,
    /// Confirmed (an error) or only seen (a warning)?
    pub confirmed: bool,
    /// Sources.
    pub sources: Vec<String>,
}

impl WordList {
    /// The first word of the list found in `text` (case-insensitive), and whether its rule
    /// is confirmed.
    pub fn find_in(&self, text: &str) -> Option<(&str, bool)> {
        let lower = text.to_lowercase();
        let word = self
            .words
            .iter()
            .find(|w| !w.is_empty() && lower.contains(&w.to_lowercase()))?;
        Some((
            word.as_str(),
            self.confirmed || self.confirmed_words.contains(word),
        ))
    }

    /// The first word of the list that `text` starts with, and whether it is confirmed.
    pub fn find_at_start(&self, text: &str) -> Option<(&str, bool)> {
        let word = self
            .words
            .iter()
            .find(|w| !w.is_empty() && text.starts_with(w.as_str()))?;
        Some((
            word.as_str(),
            self.confirmed || self.confirmed_words.contains(word),
        ))
    }
}

/// Website-name word lists (`assets/data/forbidden_words.ron`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ForbiddenWords {
    /// Data edition.
    pub edition: String,
    /// Where it comes from.
    pub source: String,
    /// Words a non-national body's website name must not start with.
    pub leading_words_non_national: WordList,
    /// Words personal website names must not contain (national list).
    pub personal_national: WordList,
    /// Further words reported as refused for personal websites.
    pub personal_extended: WordList,
    /// Sensitive words refused everywhere.
    pub sensitive: WordList,
    /// Words that need a pre-approval.
    pub pre_approval_implied: Vec<ImpliedApproval>,
    /// Extra words per province (two-digit code).
    pub provinces: BTreeMap<String, WordList>,
    /// Whether the lists apply to remarks too (unconfirmed: warnings only).
    pub remarks: Provenance,
}

/// A minimum age.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct AgeRule {
    /// Years.
    pub years: u32,
    /// `all`, `personal` (personal filers) or `enterprise` (responsible persons of 单位 filings).
    pub applies_to: String,
    /// Confirmed?
    pub confirmed: bool,
    /// Sources.
    pub sources: Vec<String>,
}

/// Whether people from other provinces may file personal websites here.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct CrossProvince {
    /// Allowed at all.
    pub allowed: bool,
    /// With which residence documents.
    pub accepted_permits: Vec<String>,
    /// Confirmed?
    pub confirmed: bool,
    /// Sources.
    pub sources: Vec<String>,
}

/// A yes/no requirement.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Requirement {
    /// Required.
    pub required: bool,
    /// Confirmed?
    pub confirmed: bool,
    /// Sources.
    pub sources: Vec<String>,
}

/// Whose mobile must be a local number.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct LocalMobile {
    /// `all`, `personal` or `website_responsible`.
    pub scope: String,
    /// Confirmed?
    pub confirmed: bool,
    /// Sources.
    pub sources: Vec<String>,
}

/// The bureau's rule on the subject's responsible person and the legal representative.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct LegalRepRule {
    /// The subject's responsible person must be the legal representative…
    pub subject_responsible_must_be_legal_rep: bool,
    /// …unless an authorization letter is provided.
    pub authorization_letter_allowed: bool,
    /// The website's responsible person must be the subject's.
    pub website_responsible_must_equal_subject_responsible: bool,
    /// Confirmed?
    pub confirmed: bool,
    /// Sources.
    pub sources: Vec<String>,
}

/// A limit on domains in one application.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct MaxDomains {
    /// How many.
    pub count: usize,
    /// `all`, `enterprise` or `personal`.
    pub applies_to: String,
    /// Confirmed?
    pub confirmed: bool,
    /// Sources.
    pub sources: Vec<String>,
}

/// A document a province asks for.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ExtraDocument {
    /// Its name.
    pub name: String,
    /// `all`, `personal`, `unit`…
    pub applies_to: String,
    /// When it is needed, evaluated against the draft (`None`: always).
    pub condition: Option<super::document_specs::DocCondition>,
    /// How it must be signed, shown on its card (not a condition).
    pub signing: Option<String>,
    /// The template beian prints it from (`assets/data/forms.ron`), where it has one.
    #[serde(default)]
    pub form: Option<String>,
    /// Signed by each responsible person of the services (单位): one per distinct person.
    #[serde(default)]
    pub per_person: bool,
    /// The generic checklist item that already asks for this document (e.g.
    /// `domain_certificate`, `authorization`): the province item is then not listed again.
    pub covered_by: Option<String>,
    /// Confirmed?
    pub confirmed: bool,
    /// Sources.
    pub sources: Vec<String>,
}

/// Which domain suffixes a host nature may use in a province.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct TldConstraint {
    /// Host nature key (or `personal`).
    pub host_nature: String,
    /// Allowed suffixes (with the leading dot); empty with `forbidden_suffixes` set means
    /// anything but those.
    pub allowed_suffixes: Vec<String>,
    /// Suffixes this host nature may not use.
    pub forbidden_suffixes: Vec<String>,
    /// Confirmed?
    pub confirmed: bool,
    /// Sources.
    pub sources: Vec<String>,
}

/// One province's rules (`assets/data/provinces.ron`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ProvinceRule {
    /// Name.
    pub name: String,
    /// The name in English prose.
    pub name_en: String,
    /// 简称 used in ICP numbers.
    pub abbreviation: String,
    /// The day (YYYY-MM-DD) the record was last checked against the sources it lists.
    pub reviewed: String,
    /// Other 简称 seen in ICP numbers.
    pub alternate_abbreviations: Vec<String>,
    /// Minimum age of a person filing or responsible.
    pub min_age: Option<AgeRule>,
    /// Out-of-province personal filing.
    pub personal_cross_province: Option<CrossProvince>,
    /// Whether an emergency contact is required.
    pub emergency_contact_required: Option<Requirement>,
    /// Whether a local mobile number is required.
    pub local_mobile_required: Option<LocalMobile>,
    /// The legal-representative rule.
    pub legal_rep_rule: Option<LegalRepRule>,
    /// Limit on domains per application.
    pub max_domains_per_application: Option<MaxDomains>,
    /// Mailing address and certificate address in the same city.
    pub address_same_city: Option<Provenance>,
    /// Extra documents.
    pub extra_documents: Vec<ExtraDocument>,
    /// Domain-suffix constraints by host nature.
    pub tld_constraints: Vec<TldConstraint>,
    /// Other rules, in plain words in both languages, each with where it comes from.
    pub notes: Vec<super::province_notes::ProvinceNote>,
}

impl ProvinceRule {
    /// The name as prose in `locale` says it (the Chinese name where no other is known).
    pub fn display_name(&self, locale: crate::i18n::Locale) -> &str {
        match locale {
            crate::i18n::Locale::En if !self.name_en.is_empty() => &self.name_en,
            _ => &self.name,
        }
    }
}

/// All province rules.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Provinces {
    /// Data edition.
    pub edition: String,
    /// Where it comes from.
    pub source: String,
    /// By two-digit province code.
    pub provinces: BTreeMap<String, ProvinceRule>,
}

/// Abolished region codes still found in resident IDs.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct HistoricalDivisions {
    /// Data edition.
    pub edition: String,
    /// Where it comes from.
    pub source: String,
    /// Name by code.
    pub codes: BTreeMap<String, String>,
    /// Codes newer than the division table's edition (valid, not yet in it).
    pub newer_codes: BTreeMap<String, String>,
}

/// What the bureau checks of a domain's record (`assets/data/domain_facts.ron`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct DomainRules {
    /// Data edition.
    pub edition: String,
    /// Where it comes from.
    pub source: String,
    /// The registration period that must be left, in months.
    pub months_left: u32,
    /// By province code: whether a unit's legal representative may hold the domain.
    pub holder_legal_rep: BTreeMap<String, HolderRule>,
}

/// Whether a province accepts a unit's legal representative as the domain's holder.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct HolderRule {
    /// Accepted?
    pub accepted: bool,
    /// Confirmed?
    pub confirmed: bool,
    /// Sources.
    pub sources: Vec<String>,
}

/// The structure of unified social credit codes (`assets/data/uscc.ron`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Uscc {
    /// Data edition.
    pub edition: String,
    /// Where it comes from.
    pub source: String,
    /// Region parts (characters 3–8) that are not divisions but occur, with what they
    /// mean (national registrations).
    pub regions_outside_divisions: BTreeMap<String, String>,
    /// What the first two characters (registrar and kind) mean.
    pub kinds: BTreeMap<String, String>,
    /// The kinds each host nature (by key) can hold.
    pub host_natures: BTreeMap<String, UsccNature>,
    /// The kinds the code on each certificate type (by `CertType` key) can have: the
    /// registrar that issues the certificate gives the code.
    pub cert_types: BTreeMap<String, UsccNature>,
}

/// The credit-code kinds a host nature can hold.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct UsccNature {
    /// First characters of the code: two (registrar and kind) or one (every kind of that
    /// registrar).
    pub kinds: Vec<String>,
    /// Whether another kind is certainly wrong (an error) or only doubtful (a warning).
    pub confirmed: bool,
}

/// Parses a table; one that does not parse is recorded in `unavailable` and its checks
/// get an empty table.
fn load<T: DeserializeOwned + Default>(table: Table, unavailable: &mut Vec<TableError>) -> T {
    table.load().unwrap_or_else(|err| {
        unavailable.push(err);
        T::default()
    })
}

/// Every table the checks use that could not be read: the rule tables here, the
/// divisions, the certificate and pre-approval catalogues and the document requirements
/// (the reasons for return are `rejection`'s; `rules::missing_tables` lists them all).
/// Empty for a sound build (`crates/beian-core/tests/core/data_tables.rs`).
pub fn unavailable_tables() -> Vec<&'static TableError> {
    let mut out: Vec<&'static TableError> = Tables::get().unavailable.iter().collect();
    out.extend(Divisions::shipped().err());
    out.extend(Catalog::shipped().err());
    out.extend(catalog::pre_approval_types().err());
    out.extend(super::document_specs::specs().err());
    out
}

/// Every table, parsed and indexed.
#[derive(Debug, Default)]
pub struct Tables {
    /// Area codes by city.
    pub area_codes: AreaCodes,
    /// Cities by area code.
    pub cities_by_area_code: HashMap<String, Vec<String>>,
    /// The mobile plan.
    pub mobile: MobileNumbers,
    /// The province of each mobile prefix.
    pub mobile_provinces: super::mobile_provinces::MobileProvinceIndex,
    /// Approved suffixes (lower-case Unicode).
    pub tlds: Tlds,
    tld_set: HashSet<String>,
    /// Website-name words.
    pub words: ForbiddenWords,
    /// Province rules.
    pub provinces: Provinces,
    /// Abolished region codes.
    pub historical: HistoricalDivisions,
    /// The structure of credit codes.
    pub uscc: Uscc,
    /// What is checked of a domain's record.
    pub domain_facts: DomainRules,
    known_regions: HashSet<String>,
    abbreviations: HashMap<String, String>,
    unavailable: Vec<TableError>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(Tables::load);

impl Tables {
    /// The shipped tables.
    pub fn get() -> &'static Tables {
        &TABLES
    }

    fn load() -> Tables {
        let mut unavailable = Vec::new();
        let area_codes: AreaCodes = load(data::AREA_CODES, &mut unavailable);
        let mut cities_by_area_code: HashMap<String, Vec<String>> = HashMap::new();
        for (city, codes) in &area_codes.cities {
            for code in codes {
                cities_by_area_code
                    .entry(code.clone())
                    .or_default()
                    .push(city.clone());
            }
        }
        let tlds: Tlds = load(data::TLDS, &mut unavailable);
        let tld_set = tlds
            .suffixes
            .iter()
            .map(|s| s.trim_start_matches('.').to_lowercase())
            .collect();
        let provinces: Provinces = load(data::PROVINCES, &mut unavailable);
        let mut abbreviations = HashMap::new();
        for (code, p) in &provinces.provinces {
            abbreviations.insert(p.abbreviation.clone(), code.clone());
            for alt in &p.alternate_abbreviations {
                abbreviations.insert(alt.clone(), code.clone());
            }
        }
        let historical: HistoricalDivisions = load(data::HISTORICAL_DIVISIONS, &mut unavailable);
        let mut known_regions: HashSet<String> = historical.codes.keys().cloned().collect();
        known_regions.extend(historical.newer_codes.keys().cloned());
        for p in &Divisions::get().provinces {
            known_regions.insert(p.code.clone());
            for c in &p.children {
                known_regions.insert(c.code.clone());
                known_regions.extend(c.children.iter().map(|d| d.code.clone()));
            }
        }
        Tables {
            area_codes,
            cities_by_area_code,
            mobile: load(data::MOBILE_NUMBERS, &mut unavailable),
            mobile_provinces: super::mobile_provinces::MobileProvinceIndex::load(&mut unavailable),
            tlds,
            tld_set,
            words: load(data::FORBIDDEN_WORDS, &mut unavailable),
            provinces,
            historical,
            uscc: load(data::USCC, &mut unavailable),
            domain_facts: load(data::DOMAIN_FACTS, &mut unavailable),
            known_regions,
            abbreviations,
            unavailable,
        }
    }

    /// Whether a six-digit code is a current or abolished division.
    pub fn is_known_region(&self, code: &str) -> bool {
        self.known_regions.contains(code)
    }

    /// Whether the region part of a credit code (characters 3–8) can occur: a current or
    /// abolished division, or a national registration.
    pub fn is_known_uscc_region(&self, region: &str) -> bool {
        self.is_known_region(region) || self.uscc.regions_outside_divisions.contains_key(region)
    }

    /// Whether the first two digits of a credit code's region part name a province (or a
    /// national registration); a code whose do not cannot exist.
    pub fn is_uscc_province(&self, province: &str) -> bool {
        province.len() == 2
            && (Divisions::get()
                .province(&format!("{province}0000"))
                .is_some()
                || self
                    .uscc
                    .regions_outside_divisions
                    .keys()
                    .any(|r| r.get(..2) == Some(province)))
    }

    /// Whether a domain suffix (lower-case Unicode, no leading dot) is approved.
    pub fn is_approved_suffix(&self, suffix: &str) -> bool {
        self.tld_set.contains(suffix)
    }

    /// The rules of a province, by any of its codes (the first two digits count).
    pub fn province(&self, code: &str) -> Option<&ProvinceRule> {
        self.provinces.provinces.get(code.get(..2)?)
    }

    /// The two-digit province code of an ICP number abbreviation such as 京.
    pub fn province_of_abbreviation(&self, abbreviation: &str) -> Option<&str> {
        self.abbreviations.get(abbreviation).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_the_checks_use_is_available() {
        assert_eq!(unavailable_tables(), Vec::<&TableError>::new());
    }

    #[test]
    fn the_tables_hold_what_the_checks_need() {
        let t = Tables::get();
        assert_eq!(t.provinces.provinces.len(), 31);
        assert_eq!(t.province_of_abbreviation("粤"), Some("44"));
        assert_eq!(t.province_of_abbreviation("黔"), Some("52"));
        assert!(t.is_approved_suffix("com.cn") && t.is_approved_suffix("中国"));
        assert!(!t.is_approved_suffix("invalidtld"));
        assert_eq!(
            t.area_codes.cities.get("440300").map(Vec::as_slice),
            Some(&["755".to_owned()][..])
        );
        assert!(t.mobile.prefixes.iter().any(|p| p == "138"));
        // 崇文区 (merged into 东城区 in 2010) still appears in resident IDs.
        assert!(t.is_known_region("110103"));
        assert!(t.is_known_region("110101"));
        assert!(
            t.words
                .personal_national
                .find_in("某某的博客")
                .is_some_and(|(w, confirmed)| w == "博客" && confirmed)
        );
    }
}
