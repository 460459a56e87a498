//! The received-bundle screen: each check with its outcome and reasons, who signed (and
//! whether the key is trusted), then — only when everything holds — the filing read-only
//! with its photo and documents, and a button to continue it as a draft.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use egui::{RichText, Ui};

use crate::action::{Action, BundleAction};
use crate::bundle::verify::{Outcome, SignerInfo};
use crate::bundle::{Application, Verification};
use crate::lang::{Lang as _, t, tf};
use crate::rules::{Severity, StepStatus};
use crate::theme;
use crate::widgets::readback::{self, FileCard, Pictures};

/// The help desk's countersign panel (never saved; the password is dropped after use).
#[derive(Debug, Default)]
pub struct CountersignUi {
    /// The key password as typed.
    pub password: String,
    /// Whether a countersignature is being made.
    pub running: bool,
    /// Why the last attempt failed.
    pub error: Option<crate::services::JobError>,
}

/// Draws the screen of a verified (or refused) bundle.
pub fn ui(
    ui: &mut Ui,
    path: &Path,
    v: &Verification,
    thumbnails: &HashMap<String, egui::TextureHandle>,
    loading: &HashSet<String>,
    countersign: &mut CountersignUi,
    staff_key: Option<&Path>,
) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        if ui.button(t(ui, "received.back")).clicked() {
            actions.push(BundleAction::Close.into());
        }
        ui.label(
            RichText::new(t(ui, "received.title"))
                .size(theme::TITLE_SIZE)
                .strong(),
        );
    });
    file_ui(ui, path, v);
    ui.add_space(theme::SECTION_GAP);

    checks_ui(ui, v);
    for signer in v.signer.iter().chain(&v.countersigners) {
        signer_ui(ui, signer);
    }
    if v.signer.is_some() {
        holder_ui(ui, v.info.as_ref());
    }

    let Some(app) = &v.application else {
        ui.add_space(theme::SECTION_GAP);
        ui.label(RichText::new(t(ui, "received.nothing_shown")).color(theme::weak_color(ui)));
        return actions;
    };
    ui.add_space(theme::SECTION_GAP);
    if ui
        .button(RichText::new(t(ui, "received.import")).strong())
        .on_hover_text(t(ui, "received.import_hint"))
        .clicked()
    {
        actions.push(BundleAction::Import.into());
    }
    countersign_ui(ui, countersign, staff_key, &mut actions);
    filing_ui(ui, app, thumbnails, loading, &mut actions);
    actions
}

/// The bundle's file name, size and SHA-256.
fn file_ui(ui: &mut Ui, path: &Path, v: &Verification) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    ui.label(
        RichText::new(tf(
            ui,
            "received.file",
            &[
                ("name", &name),
                ("bytes", &crate::i18n::size(ui.locale(), v.byte_len)),
            ],
        ))
        .color(theme::weak_color(ui)),
    );
    ui.add(
        egui::Label::new(
            RichText::new(format!("SHA-256 {}", v.file_sha256))
                .monospace()
                .small(),
        )
        .selectable(true),
    );
}

/// The verdict, then each check with its mark and the problems it found.
fn checks_ui(ui: &mut Ui, v: &Verification) {
    let verdict = if v.is_ok() {
        (t(ui, "received.verified"), Severity::Notice)
    } else {
        (t(ui, "received.refused"), Severity::Error)
    };
    theme::banner_frame(ui, verdict.1).show(ui, |ui| {
        ui.label(
            RichText::new(verdict.0)
                .strong()
                .color(theme::severity_color(ui, verdict.1)),
        );
    });
    ui.add_space(8.0);
    for check in &v.checks {
        let (mark, colour) = match check.outcome {
            Outcome::Passed => (
                theme::status_mark(StepStatus::Complete),
                theme::status_color(ui, StepStatus::Complete),
            ),
            Outcome::Failed(_) => ("×", theme::severity_color(ui, Severity::Error)),
            Outcome::Skipped | Outcome::Absent => ("○", theme::weak_color(ui)),
        };
        let outcome = match check.outcome {
            Outcome::Passed => "passed",
            Outcome::Failed(_) => "failed",
            Outcome::Skipped => "skipped",
            Outcome::Absent => "absent",
        };
        ui.label(
            RichText::new(tf(
                ui,
                "verify.check_line",
                &[
                    ("mark", mark),
                    (
                        "check",
                        &t(ui, &format!("verify.check.{}", check.kind.key())),
                    ),
                    ("outcome", &t(ui, &format!("verify.outcome.{outcome}"))),
                ],
            ))
            .color(colour),
        );
        if let Outcome::Failed(problems) = &check.outcome {
            for p in problems {
                ui.label(
                    RichText::new(format!("    {}", p.user_message(ui.locale())))
                        .color(theme::severity_color(ui, Severity::Error)),
                );
            }
        }
    }
}

/// Help-desk staff add their signature to a verified bundle, into a new file.
fn countersign_ui(
    ui: &mut Ui,
    state: &mut CountersignUi,
    staff_key: Option<&Path>,
    actions: &mut Vec<Action>,
) {
    ui.add_space(theme::SECTION_GAP);
    ui.label(RichText::new(t(ui, "countersign.title")).strong());
    ui.horizontal_wrapped(|ui| {
        let key = staff_key.map_or_else(
            || t(ui, "countersign.no_key").into_owned(),
            |p| p.display().to_string(),
        );
        ui.label(tf(ui, "countersign.key", &[("key", &key)]));
        if ui.button(t(ui, "countersign.choose_key")).clicked() {
            actions.push(BundleAction::PickStaffKey.into());
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label(t(ui, "countersign.password"));
        ui.add_enabled(
            !state.running,
            egui::TextEdit::singleline(&mut state.password)
                .password(true)
                .desired_width(theme::INPUT_WIDTH),
        )
        .labelled_by(label.id);
        let ready = staff_key.is_some() && !state.password.is_empty() && !state.running;
        if ui
            .add_enabled(ready, egui::Button::new(t(ui, "countersign.start")))
            .on_hover_text(t(ui, "countersign.hint"))
            .clicked()
        {
            actions.push(BundleAction::Countersign.into());
        }
        if state.running {
            ui.spinner();
        }
    });
    if let Some(error) = &state.error {
        ui.label(
            RichText::new(error.user_message(ui.locale()))
                .color(theme::severity_color(ui, Severity::Error)),
        );
    }
}

/// Whose key made the applicant's signature, as the signed `bag-info.txt` says: the
/// applicant's own or a help desk's (signing for the applicant at the desk).
fn holder_ui(ui: &mut Ui, info: Option<&crate::bundle::bag::BagInfo>) {
    let desk = info
        .filter(|i| i.signer_holder.as_deref() == Some("desk"))
        .map(|i| i.signer_desk.clone().unwrap_or_default());
    let who = match &desk {
        Some(desk) => tf(ui, "summary.signed_by.desk", &[("desk", desk)]),
        None => t(ui, "summary.signed_by.applicant").into_owned(),
    };
    ui.label(
        RichText::new(tf(ui, "received.holder", &[("who", &who)])).color(theme::weak_color(ui)),
    );
}

fn signer_ui(ui: &mut Ui, s: &SignerInfo) {
    let who = match &s.trusted_as {
        Some(name) => tf(ui, "verify.trusted_as", &[("name", name)]),
        None => t(ui, "verify.untrusted").into_owned(),
    };
    let colour = if s.trusted_as.is_some() {
        theme::status_color(ui, StepStatus::Complete)
    } else {
        theme::severity_color(ui, Severity::Warning)
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(tf(
            ui,
            "received.signed_by",
            &[
                ("role", &t(ui, &format!("verify.role.{}", s.role.key()))),
                ("date", &s.date),
            ],
        ));
        ui.add(
            egui::Label::new(RichText::new(s.key_id.short_code()).monospace().strong())
                .selectable(true),
        );
        ui.label(RichText::new(who).color(colour));
    });
}

fn filing_ui(
    ui: &mut Ui,
    app: &Application,
    thumbnails: &HashMap<String, egui::TextureHandle>,
    loading: &HashSet<String>,
    actions: &mut Vec<Action>,
) {
    let mut sections = crate::model::readback::sections(ui.locale(), &app.filing);
    for section in &mut sections {
        section.rows.retain(|r| !r.value.is_empty());
    }
    readback::sections_ui(ui, "received_section", &sections, None, actions);
    // Each declaration as its sentence, who confirmed it and when below (a sentence does
    // not fit a label column).
    let declarations = crate::bundle::summary::declaration_rows(ui.locale(), &app.filing);
    if !declarations.is_empty() {
        ui.add_space(theme::SECTION_GAP);
        ui.label(RichText::new(t(ui, "summary.declarations")).heading());
        ui.separator();
        ui.scope(|ui| {
            ui.set_max_width(ui.available_width().min(theme::READABLE_WIDTH));
            for (text, confirmed) in declarations {
                ui.add(egui::Label::new(RichText::new(text).strong()).wrap());
                ui.add(
                    egui::Label::new(RichText::new(confirmed).color(theme::weak_color(ui)))
                        .selectable(true)
                        .wrap(),
                );
                ui.add_space(theme::space::S);
            }
        });
    }
    ui.add_space(theme::SECTION_GAP);
    ui.label(RichText::new(t(ui, "summary.files")).heading());
    ui.separator();
    let cards: Vec<FileCard> = app
        .files
        .iter()
        .map(|file| FileCard {
            title: match file.item {
                Some(item) => item.label(ui.locale()),
                None => t(ui, "summary.face_photo").into_owned(),
            },
            sha256: Some(file.sha256.clone()),
            caption: format!(
                "{}\n{}",
                file.original_name,
                crate::i18n::size(ui.locale(), file.byte_len)
            )
            .trim()
            .to_owned(),
            field: None,
            required: true,
        })
        .collect();
    let pictures = Pictures {
        thumbnails,
        loading,
        no_picture: None,
    };
    let load = |sha: String| BundleAction::LoadPicture(sha).into();
    readback::files_ui(ui, &cards, &pictures, None, &load, actions);
}
