//! The window's language. It is part of the window's state, like its style: the window
//! puts the user's choice into its egui context at the start of each frame ([`set`]), and
//! every piece of the interface reads it from the `Ui` it is drawing into. No thread or
//! process holds a current language, so two windows (or two tests) in different languages
//! never disturb each other, and text made off the window's thread is given its language.

use std::borrow::Cow;

use crate::i18n::{self, Locale};

/// Where the language of some text comes from: a `Ui` or `Context` (the window's choice)
/// or a [`Locale`] passed along.
pub trait Lang {
    /// The language to write in.
    fn locale(&self) -> Locale;
}

impl Lang for Locale {
    fn locale(&self) -> Locale {
        *self
    }
}

impl Lang for egui::Context {
    fn locale(&self) -> Locale {
        self.data(|d| d.get_temp::<Locale>(id()))
            .unwrap_or_default()
    }
}

impl Lang for egui::Ui {
    fn locale(&self) -> Locale {
        self.ctx().locale()
    }
}

fn id() -> egui::Id {
    egui::Id::unique("beian.window_language")
}

/// Makes `locale` the language of the window behind `ctx`.
pub fn set(ctx: &egui::Context, locale: Locale) {
    ctx.data_mut(|d| d.insert_temp(id(), locale));
}

/// The text for `key` in the language of `lang`.
pub fn t(lang: &impl Lang, key: &str) -> Cow<'static, str> {
    i18n::t(lang.locale(), key)
}

/// The text for `key` in the language of `lang`, with `{name}` placeholders filled in.
pub fn tf(lang: &impl Lang, key: &str, args: &[(&str, &str)]) -> String {
    i18n::tf(lang.locale(), key, args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_window_has_its_own_language() {
        let english = egui::Context::default();
        let chinese = egui::Context::default();
        set(&english, Locale::En);
        set(&chinese, Locale::ZhCn);
        assert_eq!(t(&english, "list.separator"), ", ");
        assert_eq!(t(&chinese, "list.separator"), "、");
        assert_eq!(egui::Context::default().locale(), Locale::ZhCn);
    }
}
