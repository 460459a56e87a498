//! The staff settings: this desk's name, the staff passphrase (set or change), the idle
//! time after which beian locks, and encryption at rest of the library with progress.

use egui::{RichText, Ui};

use crate::action::{Action, StaffAction};
use crate::lang::{t, tf};
use crate::rules::Severity;
use crate::services::staff::KeyState;
use crate::theme;

/// What the last staff job said: an i18n key with its arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffMessage {
    /// The message's i18n key.
    pub key: String,
    /// Its placeholders' values.
    pub args: Vec<(String, String)>,
    /// Whether it reports a failure.
    pub failed: bool,
}

impl StaffMessage {
    /// A message with arguments.
    pub fn new(key: &str, args: Vec<(String, String)>, failed: bool) -> StaffMessage {
        StaffMessage {
            key: key.to_owned(),
            args,
            failed,
        }
    }
}

/// The staff settings' fields and the state of their jobs.
#[derive(Debug, Default)]
pub struct StaffUi {
    /// The current passphrase (to change it).
    pub old: String,
    /// The new passphrase.
    pub new: String,
    /// The new passphrase again.
    pub confirm: String,
    /// A passphrase job or a conversion is running.
    pub busy: bool,
    /// Files done and in all of a running conversion.
    pub progress: Option<(usize, usize)>,
    /// What the last job said.
    pub message: Option<StaffMessage>,
    /// The staff key's state, read when the screen opened and after each job.
    pub key: KeyState,
    /// Asked to turn encryption on or off, waiting for confirmation.
    pub confirm_convert: Option<bool>,
}

fn password_row(ui: &mut Ui, label: &str, value: &mut String, enabled: bool) {
    ui.horizontal(|ui| {
        let label = ui.add_sized([theme::LABEL_WIDTH, 20.0], egui::Label::new(t(ui, label)));
        ui.add_enabled(
            enabled,
            egui::TextEdit::singleline(value)
                .password(true)
                .desired_width(theme::INPUT_WIDTH),
        )
        .labelled_by(label.id);
    });
}

/// A settings card `inner` wide.
fn card(ui: &mut Ui, inner: f32, content: impl FnOnce(&mut Ui)) {
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(inner);
        content(ui);
    });
}

/// Draws the staff settings.
pub fn ui(
    ui: &mut Ui,
    staff: &mut StaffUi,
    desk_name: &mut String,
    auto_lock_minutes: &mut u32,
) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        if ui.button(t(ui, "staff.back")).clicked() {
            actions.push(Action::Staff(StaffAction::CloseSettings));
        }
        ui.label(
            RichText::new(t(ui, "staff.title"))
                .size(theme::TITLE_SIZE)
                .strong(),
        );
    });
    ui.add_space(theme::SECTION_GAP);
    // One column of cards of one width, at a readable width; what the last action did
    // (or that it is working) at the top, where it is seen.
    let width = ui.available_width().min(theme::READABLE_WIDTH);
    ui.set_max_width(width);
    let inner = width - theme::CARD_MARGIN.sum().x - 2.0;
    status_ui(ui, staff);
    card(ui, inner, |ui| desk_card(ui, desk_name, &mut actions));
    ui.add_space(theme::SECTION_GAP);
    card(ui, inner, |ui| passphrase_card(ui, staff, &mut actions));
    ui.add_space(theme::SECTION_GAP);
    card(ui, inner, |ui| {
        auto_lock_card(ui, auto_lock_minutes, &mut actions);
    });
    ui.add_space(theme::SECTION_GAP);
    card(ui, inner, |ui| encryption_card(ui, staff, &mut actions));
    actions
}

/// What is running, and what the last action did.
fn status_ui(ui: &mut Ui, staff: &StaffUi) {
    if staff.busy && staff.progress.is_none() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(t(ui, "staff.working"));
        });
        ui.add_space(theme::SECTION_GAP);
    }
    if let Some(StaffMessage { key, args, failed }) = &staff.message {
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let severity = if *failed {
            Severity::Error
        } else {
            Severity::Notice
        };
        theme::banner_frame(ui, severity).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(tf(ui, key, &args)).color(theme::severity_color(ui, severity)));
        });
        ui.add_space(theme::SECTION_GAP);
    }
}

/// This desk's name, shown to other desks sharing the library.
fn desk_card(ui: &mut Ui, desk_name: &mut String, actions: &mut Vec<Action>) {
    ui.label(RichText::new(t(ui, "staff.desk.title")).strong());
    ui.horizontal(|ui| {
        let label = ui.add_sized(
            [theme::LABEL_WIDTH, 20.0],
            egui::Label::new(t(ui, "staff.desk")),
        );
        let edit = ui
            .add(egui::TextEdit::singleline(desk_name).desired_width(theme::INPUT_WIDTH))
            .labelled_by(label.id);
        if edit.lost_focus() || edit.changed() {
            actions.push(Action::Staff(StaffAction::SaveSettings));
        }
    });
    ui.label(
        RichText::new(t(ui, "staff.desk.hint"))
            .small()
            .color(theme::weak_color(ui)),
    );
}

/// Setting or changing the staff passphrase.
fn passphrase_card(ui: &mut Ui, staff: &mut StaffUi, actions: &mut Vec<Action>) {
    ui.label(RichText::new(t(ui, "staff.passphrase.title")).strong());
    ui.label(t(ui, "staff.passphrase.explain"));
    ui.label(
        RichText::new(t(ui, "staff.passphrase.forgotten"))
            .color(theme::severity_color(ui, Severity::Warning)),
    );
    let enabled = !staff.busy;
    if staff.key.has_key {
        password_row(ui, "staff.passphrase.old", &mut staff.old, enabled);
    }
    password_row(ui, "staff.passphrase.new", &mut staff.new, enabled);
    password_row(ui, "staff.passphrase.confirm", &mut staff.confirm, enabled);
    let label = if staff.key.has_key {
        "staff.passphrase.change"
    } else {
        "staff.passphrase.set"
    };
    let ready = !staff.new.is_empty() && (!staff.key.has_key || !staff.old.is_empty());
    if ui
        .add_enabled(enabled && ready, egui::Button::new(t(ui, label)))
        .clicked()
    {
        actions.push(Action::Staff(StaffAction::SubmitPassphrase));
    }
}

/// How long beian waits without input before it locks.
fn auto_lock_card(ui: &mut Ui, auto_lock_minutes: &mut u32, actions: &mut Vec<Action>) {
    ui.label(RichText::new(t(ui, "staff.auto_lock.title")).strong());
    ui.horizontal(|ui| {
        let label = ui.add_sized(
            [theme::LABEL_WIDTH, 20.0],
            egui::Label::new(t(ui, "staff.auto_lock")),
        );
        let drag = ui
            .add(
                egui::DragValue::new(auto_lock_minutes)
                    .range(0..=120)
                    .suffix(t(ui, "staff.auto_lock.unit")),
            )
            .labelled_by(label.id);
        if drag.changed() {
            actions.push(Action::Staff(StaffAction::SaveSettings));
        }
    });
    ui.label(
        RichText::new(t(ui, "staff.auto_lock.hint"))
            .small()
            .color(theme::weak_color(ui)),
    );
}

/// Encryption at rest: its state, turning it on or off (asked first), its progress.
fn encryption_card(ui: &mut Ui, staff: &mut StaffUi, actions: &mut Vec<Action>) {
    ui.label(RichText::new(t(ui, "staff.encryption.title")).strong());
    ui.label(t(ui, "staff.encryption.explain"));
    let state = if staff.key.sealed {
        "staff.encryption.on"
    } else {
        "staff.encryption.off"
    };
    ui.label(RichText::new(t(ui, state)).strong());
    if staff.key.unconverted > 0 && !staff.busy {
        ui.label(
            RichText::new(tf(
                ui,
                "staff.encryption.unfinished",
                &[("count", &staff.key.unconverted.to_string())],
            ))
            .color(theme::severity_color(ui, Severity::Warning)),
        );
    }
    if !staff.key.has_key {
        ui.label(RichText::new(t(ui, "staff.encryption.needs_key")).color(theme::weak_color(ui)));
    } else if let Some(seal) = staff.confirm_convert {
        let question = if seal {
            "staff.encryption.confirm_on"
        } else {
            "staff.encryption.confirm_off"
        };
        ui.label(t(ui, question));
        ui.horizontal(|ui| {
            if ui.button(t(ui, "staff.encryption.go")).clicked() {
                actions.push(Action::Staff(StaffAction::Convert(seal)));
            }
            if ui.button(t(ui, "common.cancel")).clicked() {
                staff.confirm_convert = None;
            }
        });
    } else if !staff.busy {
        ui.horizontal(|ui| {
            let (label, seal) = if staff.key.sealed {
                ("staff.encryption.turn_off", false)
            } else {
                ("staff.encryption.turn_on", true)
            };
            if ui.button(t(ui, label)).clicked() {
                staff.confirm_convert = Some(seal);
            }
            if staff.key.unconverted > 0 && ui.button(t(ui, "staff.encryption.finish")).clicked() {
                actions.push(Action::Staff(StaffAction::Convert(staff.key.sealed)));
            }
        });
    }
    if let Some((done, total)) = staff.progress {
        let fraction = if total == 0 {
            0.0
        } else {
            done as f32 / total as f32
        };
        ui.add(egui::ProgressBar::new(fraction).text(tf(
            ui,
            "staff.encryption.progress",
            &[("done", &done.to_string()), ("total", &total.to_string())],
        )));
    }
}
