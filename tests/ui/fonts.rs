//! Every text beian can show has its glyphs in the shipped fonts: the harness panics on a
//! missing glyph, so laying out each text is the check.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers outside #[test] fns.

use beian::i18n::{self, Locale};
use egui_kittest::Harness;

fn lay_out_all(texts: &[String]) {
    let mut harness = Harness::builder()
        .with_size([4000.0, 400.0])
        .with_context_setup(beian::fonts::install)
        .build_ui(|ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                for text in texts {
                    ui.label(text.as_str());
                    ui.label(egui::RichText::new(text.as_str()).monospace());
                }
            });
        });
    harness.run();
}

#[test]
fn every_ui_string_renders_in_both_languages() {
    let mut texts: Vec<String> = Vec::new();
    for locale in Locale::ALL {
        texts.extend(i18n::texts(locale).map(str::to_owned));
        texts.push(locale.native_name().to_owned());
    }
    texts.push(beian::desktop::WINDOW_TITLE.to_owned());
    // Marks drawn by the program itself.
    for status in ["○", "◐", "▲", "●", "■", "•", "*", "—", "…"] {
        texts.push(status.to_owned());
    }
    lay_out_all(&texts);
}

#[test]
fn every_region_name_renders() {
    let divisions = beian::model::divisions::Divisions::get();
    let mut texts = Vec::new();
    for p in &divisions.provinces {
        texts.push(p.name.clone());
        for c in &p.children {
            texts.push(c.name.clone());
            texts.extend(c.children.iter().map(|d| d.name.clone()));
        }
    }
    assert!(texts.len() > 3000);
    lay_out_all(&texts);
}

#[test]
fn rare_name_characters_render() {
    lay_out_all(&["王堃 李喆 张玥 陈昇 赵珺 龑 刘蔚".to_owned()]);
}
