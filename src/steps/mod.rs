//! One file per screen of the wizard. Each `ui` binds inputs directly to the draft and
//! returns the [`crate::action::Action`]s it needs for anything else.

pub mod app_details;
pub mod apps;
pub mod credit_check;
pub mod face;
pub mod filing_type;
mod library_columns;
pub mod library_list;
pub mod lock_screen;
pub mod material_card;
pub mod materials;
pub mod materials_state;
pub mod minis;
pub mod paper_card;
pub mod reading;
pub mod received;
pub mod review;
pub mod review_help;
pub mod staff_settings;
pub mod start;
pub mod subject;
pub mod tracking;
pub mod tracking_record;
pub mod transfer;
pub mod website_kind;
pub mod websites;

/// Transient state of the steps (never saved).
#[derive(Debug, Default)]
pub struct StepUi {
    /// The website whose removal awaits confirmation.
    pub confirm_remove_website: Option<usize>,
    /// The note typed for the next submission event.
    pub event_note: String,
    /// The start screen's list of filings.
    pub library: library_list::ListUi,
    /// The rest of the next submission event (date, fields, numbers).
    pub tracking: tracking::TrackingUi,
}
