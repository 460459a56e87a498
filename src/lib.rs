//! beian (ICP 备案助手): prepare a Chinese ICP filing offline and hand it over as a signed
//! bundle. The library holds everything; `main.rs` only parses the command line.

// The core (no window): re-exported under its old paths, so `beian::model::…` still names
// the same items.
pub use beian_core::{
    bundle, cause, data, documents, forms, html, i18n, jobs, library, model, packages, rules,
    store, vision,
};
// The shipped font files, which the window's fonts and the printed papers share.
use beian_core::fonts as core_fonts;

pub mod action;
pub mod app;
pub mod camera;
pub mod cli;
pub mod desktop;
pub mod fonts;
pub mod lang;
pub mod services;
pub mod steps;
pub mod theme;
pub mod widgets;
