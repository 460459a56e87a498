//! The data tables shipped in `assets/data/` (RON, each with its edition and sources): the
//! one registry of every table, compiled in, and the one loader that turns a table's text
//! into its type or a [`TableError`] naming the table and the line.
//!
//! It sits at the bottom of the tree and imports nothing from the rest of beian, so
//! `model`, `documents`, `rules` and `vision` all load their tables through it. A table
//! that does not parse is never replaced by an empty or permissive one behind the user's
//! back: each owner keeps the `Result` ([`Shipped`]) and says that its check could not
//! run, and `crates/beian-core/tests/core/data_tables.rs` parses every file of `assets/data/` into its type.

use std::sync::OnceLock;

use serde::de::DeserializeOwned;

/// One shipped table: its file name in `assets/data/` and its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Table {
    /// The file name, e.g. `divisions.ron`.
    pub name: &'static str,
    /// The file's text, compiled in.
    pub source: &'static str,
}

impl Table {
    /// Parses the table into `T`.
    pub fn load<T: DeserializeOwned>(self) -> Result<T, TableError> {
        load_table(self.name, self.source)
    }
}

/// Lists the tables once: each becomes a constant, and [`TABLES`] holds them all. The
/// file name and the compiled-in path come from the same literal, so they cannot differ.
macro_rules! tables {
    ($($(#[$doc:meta])* $id:ident = $file:literal;)*) => {
        $(
            $(#[$doc])*
            pub const $id: Table = Table {
                name: $file,
                source: include_str!(concat!("../../../assets/data/", $file)),
            };
        )*
        /// Every table in `assets/data/`, by file name.
        pub const TABLES: &[Table] = &[$($id),*];
    };
}

tables! {
    /// The pick lists of an APP filing (`model::catalog::AppCatalog`).
    APP_CATALOG = "app_catalog.ron";
    /// City telephone area codes (`rules::data::AreaCodes`).
    AREA_CODES = "area_codes.ron";
    /// Certificate types per host nature (`model::catalog::Catalog`).
    CERTIFICATE_TYPES = "certificate_types.ron";
    /// GB/T 2260 divisions (`model::divisions::Divisions`).
    DIVISIONS = "divisions.ron";
    /// What the bureau checks of a domain's record (`rules::data::DomainRules`).
    DOMAIN_FACTS = "domain_facts.ron";
    /// Limits on reading document files (`documents::inspect::ReadLimits`).
    DOCUMENT_LIMITS = "document_limits.ron";
    /// What each kind of document must be (`rules::materials::DocSpecs`).
    DOCUMENTS = "documents.ron";
    /// Website-name word lists (`rules::data::ForbiddenWords`).
    FORBIDDEN_WORDS = "forbidden_words.ron";
    /// The papers beian prints filled in (`forms::templates::Templates`).
    FORMS = "forms.ron";
    /// Abolished region codes still found in ID numbers (`rules::data::HistoricalDivisions`).
    HISTORICAL_DIVISIONS = "historical_divisions.ron";
    /// The mobile number plan (`rules::data::MobileNumbers`).
    MOBILE_NUMBERS = "mobile_numbers.ron";
    /// The province of each mobile prefix (`rules::local_mobile::MobileProvinces`).
    MOBILE_PROVINCES = "mobile_provinces.ron";
    /// The words that ask for a "不涉及…" letter (`rules::not_involved::NotInvolved`).
    NOT_INVOLVED = "not_involved.ron";
    /// Pre-approval types offered (`model::catalog::PreApprovalTypes`).
    PRE_APPROVAL_TYPES = "pre_approval_types.ron";
    /// Limits of the face-photo pre-checks (`vision::Limits`).
    PRECHECK_LIMITS = "precheck_limits.ron";
    /// Each province's bureau rules (`rules::data::Provinces`).
    PROVINCES = "provinces.ron";
    /// The common reasons a filing is returned and what answers each
    /// (`rules::rejection::RejectionCauses`).
    REJECTION_CAUSES = "rejection_causes.ron";
    /// How long each stage after submission usually takes (`model::tracking::ReviewTimes`).
    REVIEW_TIMES = "review_times.ron";
    /// Approved domain suffixes (`rules::data::Tlds`).
    TLDS = "tlds.ron";
    /// The structure of unified social credit codes (`rules::data::Uscc`).
    USCC = "uscc.ron";
}

/// Why a shipped table cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    /// The text is not valid RON, or does not have the table's fields and types.
    #[error("data table {table} is malformed at line {line}, column {column}: {message}")]
    Malformed {
        /// The table's file name.
        table: &'static str,
        /// The line of the problem, from 1.
        line: usize,
        /// The column of the problem, from 1.
        column: usize,
        /// What RON says is wrong.
        message: String,
    },
    /// The table parses but lacks an entry beian needs.
    #[error("data table {table} has no entry {key}")]
    MissingEntry {
        /// The table's file name.
        table: &'static str,
        /// The entry looked for.
        key: &'static str,
    },
}

impl TableError {
    /// The file name of the table concerned.
    pub fn table(&self) -> &'static str {
        match self {
            TableError::Malformed { table, .. } | TableError::MissingEntry { table, .. } => table,
        }
    }
}

/// Parses the text of the table `name` into `T`.
pub fn load_table<T: DeserializeOwned>(
    name: &'static str,
    source: &'static str,
) -> Result<T, TableError> {
    ron::from_str(source).map_err(|err| TableError::Malformed {
        table: name,
        line: err.span.start.line,
        column: err.span.start.col,
        message: err.code.to_string(),
    })
}

/// A shipped table parsed on first use, kept with its error: the owner's `static`.
pub struct Shipped<T> {
    table: Table,
    parsed: OnceLock<Result<T, TableError>>,
}

impl<T: DeserializeOwned> Shipped<T> {
    /// The table, not parsed yet.
    pub const fn new(table: Table) -> Shipped<T> {
        Shipped {
            table,
            parsed: OnceLock::new(),
        }
    }

    /// The parsed table, or why it cannot be used.
    pub fn get(&self) -> Result<&T, &TableError> {
        self.parsed.get_or_init(|| self.table.load()).as_ref()
    }

    /// Which table this is.
    pub fn table(&self) -> Table {
        self.table
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Edition {
        edition: String,
    }

    #[test]
    fn a_broken_table_names_itself_and_its_line() {
        let err = load_table::<Edition>("example.ron", "(\n    edition: 2026,\n)").unwrap_err();
        match &err {
            TableError::Malformed {
                table,
                line,
                column,
                ..
            } => {
                assert_eq!((*table, *line), ("example.ron", 2));
                assert!(*column > 1, "{err}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(err.table(), "example.ron");
        assert!(err.to_string().contains("example.ron"), "{err}");
    }

    #[test]
    fn a_shipped_table_keeps_its_error() {
        static BROKEN: Shipped<Edition> = Shipped::new(Table {
            name: "broken.ron",
            source: "(edition: ",
        });
        assert_eq!(BROKEN.get().unwrap_err().table(), "broken.ron");
        assert!(BROKEN.get().is_err(), "the error stays");
        static GOOD: Shipped<Edition> = Shipped::new(Table {
            name: "good.ron",
            source: "(edition: \"2026-11\")",
        });
        assert_eq!(GOOD.get().unwrap().edition, "2026-11");
    }
}
