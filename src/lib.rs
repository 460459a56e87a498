//! beian (ICP 备案助手): prepare a Chinese ICP filing offline and hand it over as a signed
//! bundle. The library holds everything; `main.rs` only parses the command line.

pub mod action;
pub mod app;
pub mod bundle;
pub mod camera;
pub mod cli;
pub mod data;
pub mod desktop;
pub mod documents;
pub mod fonts;
pub mod i18n;
pub mod model;
pub mod rules;
pub mod services;
pub mod steps;
pub mod theme;
pub mod vision;
pub mod widgets;
