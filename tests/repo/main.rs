//! The source tree's own checks: the layers, the translations, ARCHITECTURE.md naming
//! every file, no import circles but the natural one, and the window's functions kept short.

mod architecture;
mod circles;
mod function_length;
mod i18n;
mod layers;
