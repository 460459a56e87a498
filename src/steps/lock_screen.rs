//! The lock screen: shown at start when the library has a staff passphrase, after "下一位
//! 申请人" and after the idle time. It shows no personal data at all (no names, numbers,
//! domains or pictures), only the passphrase field.

use egui::{RichText, Ui};

use crate::action::{Action, StaffAction};
use crate::lang::t;
use crate::theme;

/// Why beian is locked (what the screen says).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockReason {
    /// beian started with a staff passphrase set.
    Startup,
    /// The applicant finished (下一位申请人).
    Handover,
    /// The staff locked it (锁定, or leaving applicant mode).
    Staff,
    /// Nobody used it for the idle time.
    Idle,
}

/// The lock screen's state.
#[derive(Debug)]
pub struct LockUi {
    /// Why it is locked.
    pub reason: LockReason,
    /// The passphrase being typed.
    pub passphrase: String,
    /// The passphrase is being checked.
    pub busy: bool,
    /// The i18n key of the last failure.
    pub error: Option<String>,
}

impl LockUi {
    /// A fresh lock screen.
    pub fn new(reason: LockReason) -> LockUi {
        LockUi {
            reason,
            passphrase: String::new(),
            busy: false,
            error: None,
        }
    }
}

/// Draws the lock screen.
pub fn ui(ui: &mut Ui, lock: &mut LockUi, desk: &str) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.add_space(80.0);
    ui.vertical_centered(|ui| {
        ui.label(
            RichText::new(t(ui, "lock_screen.title"))
                .size(theme::HERO_SIZE)
                .strong(),
        );
        ui.add_space(8.0);
        let reason = match lock.reason {
            LockReason::Startup => "lock_screen.reason.startup",
            LockReason::Handover => "lock_screen.reason.handover",
            LockReason::Staff => "lock_screen.reason.staff",
            LockReason::Idle => "lock_screen.reason.idle",
        };
        ui.label(t(ui, reason));
        if !desk.is_empty() {
            ui.label(RichText::new(desk).color(theme::weak_color(ui)));
        }
        ui.add_space(theme::SECTION_GAP);
        let label = ui.label(t(ui, "lock_screen.passphrase"));
        let field = ui.add_enabled(
            !lock.busy,
            egui::TextEdit::singleline(&mut lock.passphrase)
                .password(true)
                .desired_width(280.0),
        );
        let field = field.labelled_by(label.id);
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if !lock.busy && !field.has_focus() && lock.passphrase.is_empty() {
            field.request_focus();
        }
        ui.add_space(8.0);
        let unlock = ui.add_enabled(
            !lock.busy && !lock.passphrase.is_empty(),
            egui::Button::new(t(ui, "lock_screen.unlock")),
        );
        if (unlock.clicked() || entered) && !lock.busy && !lock.passphrase.is_empty() {
            actions.push(Action::Staff(StaffAction::Unlock));
        }
        if lock.busy {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(t(ui, "lock_screen.checking"));
            });
        }
        if let Some(error) = &lock.error {
            ui.label(
                RichText::new(t(ui, error))
                    .color(theme::severity_color(ui, crate::rules::Severity::Error)),
            );
        }
        ui.add_space(theme::SECTION_GAP);
        ui.label(
            RichText::new(t(ui, "lock_screen.forgotten"))
                .small()
                .color(theme::weak_color(ui)),
        );
    });
    actions
}
