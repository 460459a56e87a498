//! The window, driven through AccessKit with egui_kittest: every step, the library, the help desk, the file picker, the camera, and what the applicant sees and signs.

#[path = "../common/mod.rs"]
mod common;

mod app;
mod apps;
mod bundle_ui;
mod face;
mod file_picker;
mod fonts;
mod form_typing;
mod help_desk;
mod language;
mod layout;
mod library;
mod papers;
mod reading_ui;
mod review_help;
mod review_tracking;
mod rule_fixes_ui;
mod rules_ui;
mod saves;
mod transfer;
mod websites_and_faces;
mod what_is_signed;
mod wizard;
