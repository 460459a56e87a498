//! The start screen: start a new filing, continue a saved one, or open a sample.

use std::path::PathBuf;

use chrono::{DateTime, Local, Utc};
use egui::{RichText, Ui};

use crate::action::Action;
use crate::i18n::{t, tf};
use crate::model::draft_io::{self, DraftIoError};
use crate::model::storage::LibraryEntry;
use crate::model::{Draft, FilingKind};
use crate::theme;

/// What the start screen shows of a saved draft.
#[derive(Clone, Debug, PartialEq)]
pub struct LibrarySummary {
    /// The file.
    pub path: PathBuf,
    /// Applicant name (may be empty).
    pub name: String,
    /// The primary domain (may be empty).
    pub domain: String,
    /// 个人 or 单位.
    pub kind: Option<FilingKind>,
    /// Last change.
    pub updated_at: Option<DateTime<Utc>>,
    /// Share of required fields filled.
    pub progress: f32,
    /// Why the file cannot be opened, translated.
    pub error: Option<String>,
}

impl LibrarySummary {
    /// Summarises a library entry (runs on the library thread: validation is pure).
    pub fn from_entry(entry: LibraryEntry) -> LibrarySummary {
        match entry.draft {
            Ok(draft) => LibrarySummary {
                name: draft.display_name().to_owned(),
                domain: draft.filing.domain.trim().to_owned(),
                kind: Some(draft.filing.kind),
                updated_at: draft.updated_at,
                progress: crate::rules::validate(&draft).progress(),
                error: None,
                path: entry.path,
            },
            Err(err) => LibrarySummary {
                name: String::new(),
                domain: String::new(),
                kind: None,
                updated_at: None,
                progress: 0.0,
                error: Some(err.user_message()),
                path: entry.path,
            },
        }
    }
}

/// The shipped sample filing of a kind.
pub fn sample(kind: FilingKind) -> Result<Draft, DraftIoError> {
    let (text, name) = match kind {
        FilingKind::Personal => (
            include_str!("../../assets/samples/sample-personal.ron"),
            "sample-personal.ron",
        ),
        FilingKind::Unit => (
            include_str!("../../assets/samples/sample-unit.ron"),
            "sample-unit.ron",
        ),
    };
    draft_io::parse_draft(text, std::path::Path::new(name))
}

/// Draws the start screen.
pub fn ui(ui: &mut Ui, library: Option<&[LibrarySummary]>) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.add_space(12.0);
    ui.label(
        RichText::new(t("start.heading"))
            .size(theme::HERO_SIZE)
            .strong(),
    );
    ui.label(RichText::new(t("start.subheading")).color(theme::weak_color()));
    ui.add_space(theme::SECTION_GAP);

    ui.horizontal(|ui| {
        for kind in FilingKind::ALL {
            theme::card_frame().show(ui, |ui| {
                ui.set_width(300.0);
                ui.vertical(|ui| {
                    let key = format!("start.new_{}", kind.key());
                    if ui.button(RichText::new(t(&key)).strong()).clicked() {
                        actions.push(Action::NewDraft(*kind));
                    }
                    ui.label(
                        RichText::new(t(&format!("{key}.hint")))
                            .color(theme::weak_color())
                            .small(),
                    );
                });
            });
        }
    });
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button(t("start.open_file")).clicked() {
            actions.push(Action::OpenDialog);
        }
        for kind in FilingKind::ALL {
            if ui
                .button(t(&format!("start.sample_{}", kind.key())))
                .clicked()
            {
                actions.push(Action::OpenSample(*kind));
            }
        }
    });

    ui.add_space(theme::SECTION_GAP);
    ui.horizontal(|ui| {
        ui.label(RichText::new(t("start.saved_drafts")).heading());
        if ui.button(t("start.refresh")).clicked() {
            actions.push(Action::RefreshLibrary);
        }
    });
    ui.separator();
    match library {
        None => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(t("start.loading"));
            });
        }
        Some([]) => {
            ui.label(RichText::new(t("start.no_drafts")).color(theme::weak_color()));
        }
        Some(entries) => {
            for entry in entries {
                entry_ui(ui, entry, &mut actions);
                ui.add_space(6.0);
            }
        }
    }
    actions
}

fn entry_ui(ui: &mut Ui, entry: &LibrarySummary, actions: &mut Vec<Action>) {
    theme::card_frame().show(ui, |ui| {
        ui.set_width(ui.available_width().min(720.0));
        if let Some(error) = &entry.error {
            ui.label(RichText::new(t("start.damaged")).strong());
            ui.label(
                RichText::new(error)
                    .color(theme::severity_color(crate::rules::Severity::Error))
                    .small(),
            );
            return;
        }
        let name = if entry.name.is_empty() {
            t("start.unnamed").into_owned()
        } else {
            entry.name.clone()
        };
        ui.horizontal(|ui| {
            let open = ui.button(RichText::new(tf("start.continue", &[("name", &name)])).strong());
            if open.clicked() {
                actions.push(Action::OpenPath(entry.path.clone()));
            }
            if let Some(kind) = entry.kind {
                ui.label(RichText::new(kind.label()).color(theme::weak_color()));
            }
        });
        ui.horizontal(|ui| {
            let domain = if entry.domain.is_empty() {
                t("start.no_domain").into_owned()
            } else {
                entry.domain.clone()
            };
            ui.label(domain);
            ui.separator();
            let changed = entry.updated_at.map_or_else(
                || t("start.never").into_owned(),
                |d| d.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string(),
            );
            ui.label(tf("start.last_change", &[("time", &changed)]));
            ui.separator();
            let percent = (entry.progress * 100.0).round().to_string();
            ui.add(
                egui::ProgressBar::new(entry.progress)
                    .desired_width(120.0)
                    .text(tf("start.progress", &[("percent", &percent)])),
            );
        });
    });
}
