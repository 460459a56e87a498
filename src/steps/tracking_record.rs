//! Recording the filing's next stage on the tracking step: the date and time (the SMS
//! window needs a time), a note, the fields a return sent back, and an approval's numbers,
//! each checked as it is typed; then one button per stage that can come next.

use std::collections::BTreeSet;

use egui::{RichText, Ui};

use crate::action::Action;
use crate::lang::{Lang as _, t, tf};
use crate::model::draft::SubmissionEvent;
use crate::model::edit::Edit;
use crate::model::tracking;
use crate::model::{Draft, FieldKey, SubmissionState};
use crate::rules::Severity;
use crate::theme;

/// What the tracking step is typing (never saved).
#[derive(Debug, Default)]
pub struct TrackingUi {
    /// The day of the next event (`YYYY-MM-DD`), today's when the form is first shown.
    pub date: String,
    /// Whether the date was filled with today's: once, so that a date cleared to type
    /// another is not filled again under the typing.
    pub date_filled: bool,
    /// The time of day of the next event (`HH:MM`), optional.
    pub time: String,
    /// The fields a return names.
    pub fields: BTreeSet<FieldKey>,
    /// The numbers typed for an approval: the subject's, then one per website, APP and
    /// mini-program; `None` until the form is first shown (it starts from the draft's).
    pub numbers: Option<crate::model::approval::ApprovalNumbers>,
    /// The event whose removal awaits confirmation.
    pub confirm_remove: Option<usize>,
    /// Whether staff actions are offered (deleting entries, a new website for the
    /// subject); not in applicant mode, where the applicant edits their own filing only.
    pub staff: bool,
}

#[allow(clippy::too_many_arguments)]
pub(super) fn record_ui(
    ui: &mut Ui,
    draft: &Draft,
    next: &[SubmissionState],
    note: &mut String,
    state: &mut TrackingUi,
    now: chrono::NaiveDateTime,
    actions: &mut Vec<Action>,
) {
    ui.add_space(theme::SECTION_GAP);
    ui.label(RichText::new(t(ui, "tracking.record")).strong());
    if !state.date_filled {
        state.date_filled = true;
        if state.date.is_empty() {
            state.date = now.format("%Y-%m-%d").to_string();
        }
    }
    text_row(ui, "tracking.date", &mut state.date, "hint.tracking_date");
    text_row(ui, "tracking.time", &mut state.time, "hint.tracking_time");
    text_row(ui, "tracking.note", note, "hint.tracking_note");
    let moment = tracking::check_event_time(&draft.submission, &state.date, &state.time, now);
    if let Err(err) = &moment {
        ui.label(
            RichText::new(t(ui, err.message_key()))
                .color(theme::severity_color(ui, Severity::Error)),
        );
    }
    if next
        .iter()
        .any(|n| tracking::needs_time(*n, &state.date, &state.time, now))
    {
        ui.label(
            RichText::new(t(ui, "tracking.error.sms_time"))
                .color(theme::severity_color(ui, Severity::Warning)),
        );
    }
    if next.iter().any(|s| s.is_rejection()) {
        returned_fields_ui(ui, draft, state);
    }
    let approval_ok = if next.contains(&SubmissionState::Approved) {
        approval_form_ui(ui, draft, state)
    } else {
        false
    };
    ui.horizontal_wrapped(|ui| {
        for next_state in next {
            let needs_time = tracking::needs_time(*next_state, &state.date, &state.time, now);
            let allowed = moment.is_ok()
                && !needs_time
                && (*next_state != SubmissionState::Approved || approval_ok);
            if ui
                .add_enabled(
                    allowed,
                    egui::Button::new(tf(
                        ui,
                        "tracking.mark",
                        &[("state", &next_state.label(ui.locale()))],
                    )),
                )
                .clicked()
            {
                let event = event_from(state, *next_state, note, now);
                state.time.clear();
                actions.push(Edit::RecordSubmission(Box::new(event)).into());
            }
        }
    });
}

/// Which fields the bureau or the provider sent back, ticked from a list.
fn returned_fields_ui(ui: &mut Ui, draft: &Draft, state: &mut TrackingUi) {
    egui::CollapsingHeader::new(t(ui, "tracking.pick_fields"))
        .id_salt("tracking_fields")
        .show(ui, |ui| {
            // One field a line, as a list to tick, not running text.
            ui.vertical(|ui| {
                for field in tracking::returnable_fields(draft) {
                    let mut on = state.fields.contains(&field);
                    if ui
                        .checkbox(&mut on, crate::widgets::readback::place(ui.locale(), field))
                        .changed()
                    {
                        if on {
                            state.fields.insert(field);
                        } else {
                            state.fields.remove(&field);
                        }
                    }
                }
            });
        });
}

/// The event a click on "record: …" makes from what was typed (the returned fields and
/// the approval's numbers are taken out of the form with it).
fn event_from(
    state: &mut TrackingUi,
    next_state: SubmissionState,
    note: &mut String,
    now: chrono::NaiveDateTime,
) -> SubmissionEvent {
    let mut event = SubmissionEvent {
        state: next_state,
        date: state.date.trim().to_owned(),
        time: tracking::recorded_time(&state.date, &state.time, now),
        note: std::mem::take(note),
        ..SubmissionEvent::default()
    };
    if next_state.is_rejection() {
        event.fields = std::mem::take(&mut state.fields).into_iter().collect();
    }
    if next_state == SubmissionState::Approved
        && let Some(numbers) = state.numbers.take()
    {
        numbers.into_event(&mut event);
    }
    event
}

/// The numbers an approval records, checked as they are typed; whether they can be saved.
fn approval_form_ui(ui: &mut Ui, draft: &Draft, state: &mut TrackingUi) -> bool {
    let numbers = state
        .numbers
        .get_or_insert_with(|| crate::model::approval::approval_defaults(draft));
    numbers.fit(draft);
    ui.add_space(8.0);
    ui.label(RichText::new(t(ui, "tracking.approval_numbers")).strong());
    text_row(
        ui,
        "tracking.subject_number",
        &mut numbers.subject,
        "hint.issued_number",
    );
    let findings = crate::rules::tracking::check_approval(draft, numbers);
    findings_ui(ui, &findings.subject, &t(ui, "tracking.subject_number"));
    let n = |i: usize| (i + 1).to_string();
    for (i, number) in numbers.websites.iter_mut().enumerate() {
        let label = tf(
            ui,
            "tracking.website_number",
            &[("n", &n(i)), ("domain", draft.website_domain(i).trim())],
        );
        number_row(ui, &label, number, "hint.website_number");
        if let Some(f) = findings.websites.get(i) {
            findings_ui(ui, f, &label);
        }
    }
    for (i, number) in numbers.apps.iter_mut().enumerate() {
        let name = draft.apps.get(i).map_or("", |a| a.name.trim());
        let label = tf(ui, "tracking.app_number", &[("n", &n(i)), ("name", name)]);
        number_row(ui, &label, number, "hint.app_number");
        if let Some(f) = findings.apps.get(i) {
            findings_ui(ui, f, &label);
        }
    }
    for (i, number) in numbers.minis.iter_mut().enumerate() {
        let name = draft.mini_programs.get(i).map_or("", |m| m.name.trim());
        let label = tf(ui, "tracking.mini_number", &[("n", &n(i)), ("name", name)]);
        number_row(ui, &label, number, "hint.mini_number");
        if let Some(f) = findings.minis.get(i) {
            findings_ui(ui, f, &label);
        }
    }
    !findings.has_errors()
}

fn number_row(ui: &mut Ui, label: &str, value: &mut String, hint_key: &str) {
    ui.horizontal(|ui| {
        let l = ui.label(label);
        ui.add(
            egui::TextEdit::singleline(value)
                .desired_width(theme::INPUT_WIDTH)
                .hint_text(t(ui, hint_key)),
        )
        .labelled_by(l.id);
    });
}

fn findings_ui(ui: &mut Ui, findings: &crate::rules::Findings, label: &str) {
    for f in findings.iter() {
        ui.label(
            RichText::new(f.message(ui.locale(), label))
                .small()
                .color(theme::severity_color(ui, f.severity)),
        );
    }
}

pub(super) fn text_row(ui: &mut Ui, label_key: &str, value: &mut String, hint_key: &str) {
    ui.horizontal(|ui| {
        let label = ui.label(t(ui, label_key));
        ui.add(
            egui::TextEdit::singleline(value)
                .desired_width(theme::INPUT_WIDTH)
                .hint_text(t(ui, hint_key)),
        )
        .labelled_by(label.id);
    });
}
