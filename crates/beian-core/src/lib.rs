//! The core of beian (ICP 备案助手): everything without a window — the filing and its
//! files (`model`), the rules a bureau applies (`rules`), document intake (`documents`),
//! face and text recognition (`vision`), the signed bundle (`bundle`), the shipped data
//! tables (`data`) and the interface's words (`i18n`). It depends on no UI or camera
//! crate: the app crate `beian` draws it, and the compiler keeps the layering.

pub mod bundle;
pub mod cause;
pub mod data;
pub mod documents;
pub mod fonts;
pub mod forms;
pub mod html;
pub mod i18n;
pub mod jobs;
pub mod library;
pub mod model;
pub mod packages;
pub mod rules;
pub mod store;
pub mod vision;
