//! What each kind of document must be (formats, size, resolution, colour) and the
//! thresholds that judge a file, from `assets/data/documents.ron`; and when a province's
//! extra document is needed ([`DocCondition`], written in `assets/data/provinces.ron`).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::data::{self, Shipped, TableError};
use crate::documents::FileFormat;
use crate::model::{DocKind, HostNature, Procedure};

/// When a province's extra document is needed, as data the checklist evaluates against
/// the draft (`materials::checklist`). Written in `provinces.ron` as, e.g.,
/// `WebsitesAtLeast(30)` or `All([ApplicantAgeAtLeast(16), ApplicantAgeBelow(18)])`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub enum DocCondition {
    /// The subject has at least this many websites: this filing's, plus one already on
    /// record when the kind of filing adds a website to a filed subject.
    WebsitesAtLeast(usize),
    /// The applicant of a personal filing is at least this old (from the resident ID).
    ApplicantAgeAtLeast(u32),
    /// The applicant of a personal filing is younger than this (from the resident ID).
    ApplicantAgeBelow(u32),
    /// The subject's responsible person is not the legal representative (单位).
    SubjectResponsibleNotLegalRep,
    /// A website's responsible person is not the legal representative (单位).
    WebsiteResponsibleNotLegalRep,
    /// The kind of filing is one of these.
    Procedure(Vec<Procedure>),
    /// The host nature is one of these.
    HostNature(Vec<HostNature>),
    /// Every condition holds.
    All(Vec<DocCondition>),
    /// At least one condition holds.
    Any(Vec<DocCondition>),
}

/// What files of one kind must be.
#[derive(Clone, Debug, Deserialize)]
pub struct DocSpec {
    /// Image formats accepted.
    pub formats: Vec<FileFormat>,
    /// Whether a PDF is accepted too (a warning: no source confirms it).
    pub pdf_allowed: bool,
    /// Largest file, in bytes.
    pub max_bytes: u64,
    /// Smallest file, in bytes (0: no minimum).
    pub min_bytes: u64,
    /// Shortest side, in pixels, to read the text.
    pub min_short_side: u32,
    /// A card (landscape) rather than a page.
    pub card: bool,
    /// Must be in colour.
    pub colour: bool,
    /// Must be square (an icon).
    #[serde(default)]
    pub square: bool,
    /// Must not be a plain picture of one colour (a placeholder icon).
    #[serde(default)]
    pub not_plain: bool,
}

/// The measured values beyond which a file is flagged, for every kind.
#[derive(Clone, Debug, Deserialize)]
pub struct DocThresholds {
    /// Below this share of strongly coloured pixels a colour file looks like a photocopy.
    pub min_colour_fraction: f32,
    /// Above this share of glare the text may be unreadable.
    pub max_glare_fraction: f32,
    /// Above this share of red in the top-left corner an ID front looks like the back.
    pub max_front_top_left_red: f32,
    /// Below this spread of brightness (its standard deviation, 0–128) a picture is
    /// plain: one colour, a placeholder.
    #[serde(default)]
    pub min_luma_spread: f32,
}

/// The document requirements as shipped.
#[derive(Clone, Debug, Deserialize)]
pub struct DocSpecs {
    /// Data edition.
    pub edition: String,
    /// Where it comes from.
    pub source: String,
    /// By kind key (`DocKind::base_key`).
    pub kinds: BTreeMap<String, DocSpec>,
    /// The measured values that flag a file.
    pub thresholds: DocThresholds,
    /// Long side of normalised copies.
    pub normalized_long_side: u32,
}

static SPECS: Shipped<DocSpecs> = Shipped::new(data::DOCUMENTS);

/// The shipped requirements, or why they cannot be read.
pub fn specs() -> Result<&'static DocSpecs, &'static TableError> {
    SPECS.get()
}

/// The requirements for a kind; without them its files cannot be judged.
pub fn spec(kind: DocKind) -> Result<&'static DocSpec, TableError> {
    let specs = specs().map_err(Clone::clone)?;
    specs
        .kinds
        .get(kind.base_key())
        .ok_or(TableError::MissingEntry {
            table: data::DOCUMENTS.name,
            key: kind.base_key(),
        })
}

/// The measured values that flag a file.
pub(super) fn thresholds() -> Result<&'static DocThresholds, TableError> {
    specs().map(|s| &s.thresholds).map_err(Clone::clone)
}
