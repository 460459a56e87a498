//! Step 6, 提交后跟踪: the filing's progress through the provider's initial review, the
//! MIIT SMS verification and the bureau's review, as dated events with notes. It shows
//! on whom the filing waits and for how long against the usual time, the SMS window, and
//! after approval the issued numbers with the footer link each website must carry. A
//! return records its reason and the fields concerned, which the wizard then marks.

use egui::{RichText, Ui};

use crate::action::Action;
use crate::lang::{Lang as _, t, tf};
use crate::model::draft::SubmissionEvent;
use crate::model::edit::Edit;
use crate::model::tracking::{self, ReviewTimes, Usual};
use crate::model::{Draft, SubmissionState};
use crate::rules::Severity;
use crate::theme;
use crate::widgets::readback::place;

use super::tracking_record;

pub use super::tracking_record::TrackingUi;

/// Draws the tracking step as of `now` (this computer's wall clock).
pub fn ui(
    ui: &mut Ui,
    draft: &Draft,
    note: &mut String,
    state: &mut TrackingUi,
    now: chrono::NaiveDateTime,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let current = draft.submission.current();
    ui.add_space(theme::SECTION_GAP);
    let status = current.map_or_else(
        || t(ui, "tracking.not_submitted").into_owned(),
        |s| s.label(ui.locale()),
    );
    ui.label(RichText::new(tf(ui, "tracking.current", &[("state", &status)])).heading());
    let apps_only = draft.filing.no_website;
    if let Some(state) = current {
        // A filing without a website shows its numbers in its APPs, not in a footer.
        let key = match state {
            SubmissionState::Approved if apps_only => "tracking.explain.approved_apps".to_owned(),
            state => format!("tracking.explain.{}", state.key()),
        };
        ui.label(RichText::new(t(ui, &key)).color(theme::weak_color(ui)));
    }
    timeline_ui(ui, current);
    waiting_ui(ui, draft, now);
    sms_ui(ui, draft, now);
    police_filing_ui(ui, current, apps_only);
    returned_ui(ui, draft, &mut actions);

    ui.add_space(theme::SECTION_GAP);
    ui.label(RichText::new(t(ui, "tracking.history")).strong());
    ui.separator();
    if draft.submission.events.is_empty() {
        ui.label(RichText::new(t(ui, "tracking.no_history")).color(theme::weak_color(ui)));
    }
    for (i, event) in draft.submission.events.iter().enumerate() {
        let confirm = state.staff.then_some(&mut state.confirm_remove);
        event_ui(ui, i, event, confirm, &mut actions);
    }

    let next = tracking::next_states(current);
    if !next.is_empty() {
        tracking_record::record_ui(ui, draft, next, note, state, now, &mut actions);
    }
    if current == Some(SubmissionState::Approved) {
        approved_ui(ui, draft, state.staff, &mut actions);
    }
    actions
}

/// One entry of the history; with `confirm` (staff only), its delete button.
fn event_ui(
    ui: &mut Ui,
    i: usize,
    event: &SubmissionEvent,
    mut confirm: Option<&mut Option<usize>>,
    actions: &mut Vec<Action>,
) {
    let n = (i + 1).to_string();
    ui.horizontal_wrapped(|ui| {
        let when = format!("{} {}", event.date, event.time);
        ui.label(RichText::new(when.trim()).monospace());
        ui.label(RichText::new(event.state.label(ui.locale())).strong());
        if !event.note.is_empty() {
            ui.label(&event.note);
        }
        if !event.subject_number.is_empty() {
            ui.label(RichText::new(&event.subject_number).monospace());
        }
        if let Some(confirm) = confirm.as_deref_mut()
            && *confirm != Some(i)
            && ui
                .small_button(
                    RichText::new(tf(ui, "tracking.remove", &[("n", &n)]))
                        .color(theme::danger_color(ui)),
                )
                .clicked()
        {
            *confirm = Some(i);
        }
    });
    if let Some(confirm) = confirm
        && *confirm == Some(i)
    {
        confirm_remove_ui(ui, i, event, confirm, actions);
    }
    if !event.fields.is_empty() {
        let fields: Vec<String> = event
            .fields
            .iter()
            .map(|f| place(ui.locale(), *f))
            .collect();
        ui.label(
            RichText::new(tf(
                ui,
                "tracking.fields_named",
                &[("fields", &crate::i18n::list(ui.locale(), &fields))],
            ))
            .small()
            .color(theme::weak_color(ui)),
        );
    }
}

/// Asks before an event is removed. Removing an approval that wrote numbers into the
/// filing offers the choice: take them back too (the filing returns to how it was before
/// the approval was recorded), or keep them.
fn confirm_remove_ui(
    ui: &mut Ui,
    i: usize,
    event: &SubmissionEvent,
    confirm: &mut Option<usize>,
    actions: &mut Vec<Action>,
) {
    let n = (i + 1).to_string();
    let wrote_numbers = event.state == SubmissionState::Approved
        && (!event.subject_number.trim().is_empty()
            || event
                .website_numbers
                .iter()
                .chain(&event.app_numbers)
                .chain(&event.mini_numbers)
                .any(|w| !w.trim().is_empty()));
    theme::banner_frame(ui, Severity::Warning).show(ui, |ui| {
        let question = if wrote_numbers {
            "tracking.confirm_remove.approval"
        } else {
            "tracking.confirm_remove"
        };
        ui.add(
            egui::Label::new(tf(
                ui,
                question,
                &[("n", &n), ("state", &event.state.label(ui.locale()))],
            ))
            .wrap(),
        );
        ui.horizontal_wrapped(|ui| {
            let remove = |keep_numbers| -> Action {
                Edit::RemoveSubmissionEvent {
                    index: i,
                    keep_numbers,
                }
                .into()
            };
            if wrote_numbers {
                let text = t(ui, "tracking.remove_with_numbers");
                if crate::widgets::danger_button(ui, &text, &text).clicked() {
                    actions.push(remove(false));
                    *confirm = None;
                }
                let text = t(ui, "tracking.remove_keep_numbers");
                if crate::widgets::danger_button(ui, &text, &text).clicked() {
                    actions.push(remove(true));
                    *confirm = None;
                }
            } else {
                let text = tf(ui, "tracking.remove_confirmed", &[("n", &n)]);
                if crate::widgets::danger_button(ui, &text, &text).clicked() {
                    actions.push(remove(false));
                    *confirm = None;
                }
            }
            if ui.button(t(ui, "common.cancel")).clicked() {
                *confirm = None;
            }
        });
    });
}

/// The stages from preparing to filed, as the providers' consoles show them: passed,
/// current, sent back, ahead.
fn timeline_ui(ui: &mut Ui, current: Option<SubmissionState>) {
    if current == Some(SubmissionState::Withdrawn) {
        return;
    }
    use crate::rules::StepStatus;
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        let marks = crate::model::timeline::timeline(current);
        for (i, (key, mark)) in crate::model::timeline::TIMELINE
            .iter()
            .zip(marks)
            .enumerate()
        {
            if i > 0 {
                ui.label(RichText::new("—").color(theme::weak_color(ui)));
            }
            let (status, strong) = match mark {
                crate::model::timeline::StageMark::Done => (StepStatus::Complete, false),
                crate::model::timeline::StageMark::Current => (StepStatus::InProgress, true),
                crate::model::timeline::StageMark::Returned => (StepStatus::HasProblems, true),
                crate::model::timeline::StageMark::Ahead => (StepStatus::NotStarted, false),
            };
            let colour = theme::status_color(ui, status);
            let text = RichText::new(format!("{} {}", theme::status_mark(status), t(ui, key)))
                .color(colour);
            ui.label(if strong { text.strong() } else { text });
        }
    });
}

/// After approval: the public-security network filing (公安联网备案) is due within 30 days
/// of the site going live.
fn police_filing_ui(ui: &mut Ui, current: Option<SubmissionState>, apps_only: bool) {
    if current != Some(SubmissionState::Approved) {
        return;
    }
    ui.add_space(8.0);
    let body = if apps_only {
        "tracking.police.body_apps"
    } else {
        "tracking.police.body"
    };
    theme::banner_frame(ui, Severity::Notice).show(ui, |ui| {
        ui.label(RichText::new(t(ui, "tracking.police.title")).strong());
        ui.add(egui::Label::new(t(ui, body)).wrap());
    });
}

/// On whom the filing waits, since when, and how that compares with the usual time.
fn waiting_ui(ui: &mut Ui, draft: &Draft, now: chrono::NaiveDateTime) {
    let times = match ReviewTimes::get() {
        Ok(times) => times,
        Err(err) => {
            ui.label(
                RichText::new(tf(
                    ui,
                    "tracking.times_unavailable",
                    &[("table", err.table())],
                ))
                .color(theme::severity_color(ui, Severity::Warning)),
            );
            return;
        }
    };
    let Some(w) = tracking::waiting(&draft.submission, times, now) else {
        return;
    };
    ui.add_space(8.0);
    let party = t(ui, &format!("tracking.party.{}", w.on.key()));
    ui.label(RichText::new(tf(ui, "tracking.waits_on", &[("party", &party)])).strong());
    let waited = match w.usual {
        Some(Usual::Hours(_)) => tf(ui, "tracking.waited_hours", &[("n", &w.hours.to_string())]),
        _ => tf(
            ui,
            "tracking.waited_days",
            &[("n", &w.working_days.to_string())],
        ),
    };
    let usual = match w.usual {
        Some(Usual::WorkingDays { min, max }) if min == max => {
            tf(ui, "tracking.usual_day", &[("n", &max.to_string())])
        }
        Some(Usual::WorkingDays { min, max }) => tf(
            ui,
            "tracking.usual_days",
            &[("min", &min.to_string()), ("max", &max.to_string())],
        ),
        Some(Usual::Hours(h)) => tf(ui, "tracking.usual_hours", &[("n", &h.to_string())]),
        None => String::new(),
    };
    let colour = if w.is_overdue {
        theme::severity_color(ui, Severity::Warning)
    } else {
        theme::weak_color(ui)
    };
    ui.label(RichText::new(format!("{waited} {usual}").trim().to_owned()).color(colour));
    if w.is_overdue {
        ui.label(
            RichText::new(t(ui, "tracking.overdue"))
                .small()
                .color(colour),
        );
    }
}

/// Who receives the MIIT SMS (before and while it is awaited) and the 24-hour window.
fn sms_ui(ui: &mut Ui, draft: &Draft, now: chrono::NaiveDateTime) {
    let current = draft.submission.current();
    if !matches!(
        current,
        Some(SubmissionState::SubmittedToBureau | SubmissionState::SmsReceived)
    ) {
        return;
    }
    ui.add_space(8.0);
    theme::card_frame(ui).show(ui, |ui| {
        ui.label(RichText::new(t(ui, "tracking.sms.title")).strong());
        let recipients = tracking::sms_recipients(draft);
        if recipients.is_empty() {
            ui.label(t(ui, "tracking.sms.none"));
        }
        for (_, name, mobile) in recipients {
            ui.label(tf(
                ui,
                "tracking.sms.to",
                &[("name", &name), ("mobile", &mobile)],
            ));
        }
        ui.label(
            RichText::new(tf(
                ui,
                "tracking.sms.rules",
                &[
                    ("hours", &tracking::SMS_VALID_HOURS.to_string()),
                    ("n", &tracking::SMS_WRONG_ENTRIES_ALLOWED.to_string()),
                ],
            ))
            .small()
            .color(theme::weak_color(ui)),
        );
        if let Some(left) = tracking::sms_minutes_left(&draft.submission, now) {
            let (text, severity) = if left == 0 {
                (t(ui, "tracking.sms.expired").into_owned(), Severity::Error)
            } else {
                (
                    tf(
                        ui,
                        "tracking.sms.left",
                        &[
                            ("hours", &(left / 60).to_string()),
                            ("minutes", &(left % 60).to_string()),
                        ],
                    ),
                    Severity::Warning,
                )
            };
            ui.label(
                RichText::new(text)
                    .strong()
                    .color(theme::severity_color(ui, severity)),
            );
        }
    });
}

/// After a return: its reason and a jump to the first field it named.
fn returned_ui(ui: &mut Ui, draft: &Draft, actions: &mut Vec<Action>) {
    let Some(last) = draft.submission.last() else {
        return;
    };
    if !last.state.is_rejection() {
        return;
    }
    ui.add_space(8.0);
    theme::banner_frame(ui, Severity::Warning).show(ui, |ui| {
        if !last.note.is_empty() {
            ui.label(tf(ui, "tracking.return_reason", &[("reason", &last.note)]));
        }
        if let Some(first) = last.fields.first() {
            let fields: Vec<String> = last.fields.iter().map(|f| place(ui.locale(), *f)).collect();
            ui.label(tf(
                ui,
                "tracking.fields_named",
                &[("fields", &crate::i18n::list(ui.locale(), &fields))],
            ));
            if ui.button(t(ui, "tracking.go_to_first")).clicked() {
                actions.push(Action::GoTo(*first));
            }
        }
    });
}

/// The numbers issued to APPs, with where an APP must show its number, and to
/// mini-programs and quick apps.
fn issued_services_ui(ui: &mut Ui, draft: &Draft) {
    let apps: Vec<(usize, &str, &str)> = draft
        .apps
        .iter()
        .enumerate()
        .map(|(i, a)| (i, a.name.trim(), a.icp_number.trim()))
        .filter(|(_, _, number)| !number.is_empty())
        .collect();
    let minis: Vec<(usize, &str, &str)> = draft
        .mini_programs
        .iter()
        .enumerate()
        .map(|(i, m)| (i, m.name.trim(), m.icp_number.trim()))
        .filter(|(_, _, number)| !number.is_empty())
        .collect();
    let n = |i: usize| (i + 1).to_string();
    for (i, name, number) in apps {
        theme::card_frame(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let title = tf(
                ui,
                "tracking.issued_app",
                &[("n", &n(i)), ("name", name), ("number", number)],
            );
            ui.label(RichText::new(title).strong());
            ui.label(tf(ui, "tracking.app_display", &[("number", number)]));
            if crate::widgets::named_button(
                ui,
                &t(ui, "tracking.copy_number"),
                &tf(ui, "tracking.copy_app_number", &[("n", &n(i))]),
            )
            .clicked()
            {
                ui.ctx().copy_text(number.to_owned());
            }
        });
    }
    for (i, name, number) in minis {
        theme::card_frame(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let title = tf(
                ui,
                "tracking.issued_mini",
                &[("n", &n(i)), ("name", name), ("number", number)],
            );
            ui.label(RichText::new(title).strong());
            ui.label(t(ui, "tracking.mini_display"));
        });
    }
}

/// The issued numbers, the footer link of each website ready to copy, and a new filing
/// for another website of the subject.
fn approved_ui(ui: &mut Ui, draft: &Draft, staff: bool, actions: &mut Vec<Action>) {
    ui.add_space(theme::SECTION_GAP);
    let (title, hint) = if draft.websites.is_empty() {
        ("tracking.numbers.title", "tracking.numbers.hint")
    } else {
        ("tracking.footer.title", "tracking.footer.hint")
    };
    ui.label(RichText::new(t(ui, title)).strong());
    ui.label(
        RichText::new(t(ui, hint))
            .small()
            .color(theme::weak_color(ui)),
    );
    // Drafts from before the approval form kept the number only in the submission.
    let subject = match draft.subject.icp_number.trim() {
        "" => draft.submission.issued_icp_number.trim(),
        number => number,
    };
    if !subject.is_empty() {
        ui.label(tf(ui, "tracking.issued_subject", &[("number", subject)]));
    }
    for (i, w) in draft.websites.iter().enumerate() {
        let number = w.icp_number.trim();
        if number.is_empty() {
            continue;
        }
        let snippet = tracking::footer_snippet(number);
        theme::card_frame(ui).show(ui, |ui| {
            ui.label(
                RichText::new(tf(
                    ui,
                    "tracking.footer.website",
                    &[
                        ("n", &(i + 1).to_string()),
                        ("domain", draft.website_domain(i).trim()),
                        ("number", number),
                    ],
                ))
                .strong(),
            );
            ui.add(egui::Label::new(RichText::new(&snippet).monospace()).selectable(true));
            if crate::widgets::named_button(
                ui,
                &t(ui, "tracking.footer.copy"),
                &tf(
                    ui,
                    "tracking.footer.copy_named",
                    &[("n", &(i + 1).to_string())],
                ),
            )
            .clicked()
            {
                ui.ctx().copy_text(snippet.clone());
            }
        });
    }
    issued_services_ui(ui, draft);
    if !staff {
        return;
    }
    ui.add_space(theme::SECTION_GAP);
    if ui
        .button(t(ui, "tracking.new_website_for_subject"))
        .clicked()
    {
        actions.push(Action::NewWebsiteForSubject);
    }
    ui.label(
        RichText::new(t(ui, "tracking.new_website_for_subject.hint"))
            .small()
            .color(theme::weak_color(ui)),
    );
}
