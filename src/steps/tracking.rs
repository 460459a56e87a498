//! Step 6, 提交后跟踪: where the filing stands after it left beian — the provider's first
//! review, the bureau's review, rejections with their reasons, and the number issued.
//! beian sends nothing anywhere: the user records each change as the provider reports it.

use egui::{RichText, Ui};

use super::StepUi;
use crate::action::Action;
use crate::i18n::{t, tf};
use crate::model::edit::Edit;
use crate::model::{Draft, SubmissionState};
use crate::theme;

/// The states that can follow `current` (the first submission when there is none).
pub fn next_states(current: Option<SubmissionState>) -> &'static [SubmissionState] {
    use SubmissionState::*;
    match current {
        None | Some(ProviderRejected) | Some(BureauRejected) => &[SubmittedToProvider],
        Some(SubmittedToProvider) => &[SubmittedToBureau, ProviderRejected, Withdrawn],
        Some(SubmittedToBureau) => &[Approved, BureauRejected, Withdrawn],
        Some(Approved) | Some(Withdrawn) => &[],
    }
}

/// Draws the tracking step.
pub fn ui(ui: &mut Ui, draft: &mut Draft, state: &mut StepUi) -> Vec<Action> {
    let mut actions = Vec::new();
    let current = draft.submission.current();
    ui.add_space(theme::SECTION_GAP);
    let status = current.map_or_else(
        || t("tracking.not_submitted").into_owned(),
        SubmissionState::label,
    );
    ui.label(RichText::new(tf("tracking.current", &[("state", &status)])).heading());
    if let Some(state) = current {
        ui.label(
            RichText::new(t(&format!("tracking.explain.{}", state.key())))
                .color(theme::weak_color()),
        );
    }

    ui.add_space(theme::SECTION_GAP);
    ui.label(RichText::new(t("tracking.history")).strong());
    ui.separator();
    if draft.submission.events.is_empty() {
        ui.label(RichText::new(t("tracking.no_history")).color(theme::weak_color()));
    }
    for (i, event) in draft.submission.events.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&event.date).monospace());
            ui.label(RichText::new(event.state.label()).strong());
            if !event.note.is_empty() {
                ui.label(&event.note);
            }
            if ui
                .small_button(tf("tracking.remove", &[("n", &(i + 1).to_string())]))
                .clicked()
            {
                actions.push(Edit::RemoveSubmissionEvent(i).into());
            }
        });
    }

    let next = next_states(current);
    if !next.is_empty() {
        ui.add_space(theme::SECTION_GAP);
        ui.label(RichText::new(t("tracking.record")).strong());
        ui.horizontal(|ui| {
            let label = ui.label(t("tracking.note"));
            ui.add(
                egui::TextEdit::singleline(&mut state.event_note)
                    .desired_width(theme::INPUT_WIDTH)
                    .hint_text(t("hint.tracking_note")),
            )
            .labelled_by(label.id);
        });
        ui.horizontal_wrapped(|ui| {
            for next_state in next {
                if ui
                    .button(tf("tracking.mark", &[("state", &next_state.label())]))
                    .clicked()
                {
                    actions.push(
                        Edit::RecordSubmission {
                            state: *next_state,
                            date: chrono::Local::now().format("%Y-%m-%d").to_string(),
                            note: std::mem::take(&mut state.event_note),
                        }
                        .into(),
                    );
                }
            }
        });
    }
    if current == Some(SubmissionState::Approved) {
        ui.add_space(theme::SECTION_GAP);
        ui.horizontal(|ui| {
            let label = ui.label(t("tracking.issued_number"));
            ui.add(
                egui::TextEdit::singleline(&mut draft.submission.issued_icp_number)
                    .desired_width(theme::INPUT_WIDTH)
                    .hint_text(t("hint.issued_number")),
            )
            .labelled_by(label.id);
        });
        ui.add_space(theme::SECTION_GAP);
        if ui.button(t("tracking.new_website_for_subject")).clicked() {
            actions.push(Action::NewWebsiteForSubject);
        }
        ui.label(
            RichText::new(t("tracking.new_website_for_subject.hint"))
                .small()
                .color(theme::weak_color()),
        );
    }
    actions
}
