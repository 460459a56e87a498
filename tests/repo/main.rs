//! The source tree's own checks: the layers, the translations, ARCHITECTURE.md naming
//! every file, and the window's functions kept short.

mod architecture;
mod function_length;
mod i18n;
mod layers;
