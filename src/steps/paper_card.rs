//! A printable paper's part of its materials card: "print filled-in form", what to do by
//! hand (who signs, pen, seal, date, photo), where it was saved, and why it cannot be
//! printed yet when the draft lacks a value it repeats.

use egui::{RichText, Ui};

use crate::action::{Action, DocumentAction};
use crate::forms::templates::Signer;
use crate::forms::{self, Paper};
use crate::lang::{Lang as _, t, tf};
use crate::model::Draft;
use crate::rules::Severity;
use crate::theme;
use crate::widgets::named_button;

use super::materials_state::MaterialsUi;

/// What the signer must do by hand, one instruction a line.
fn instructions(ui: &Ui, draft: &Draft, paper: &Paper) -> Vec<String> {
    let Ok(template) = forms::template(paper) else {
        return Vec::new();
    };
    let values = forms::fill::values(draft, paper.person);
    let value = |k: &str| values.get(k).cloned().unwrap_or_default();
    let unit = draft.is_unit();
    let sign = match (template.signer, unit) {
        (Signer::LegalRep, true) => tf(
            ui,
            "paper.sign.legal_rep",
            &[("name", &value("legal_rep_name"))],
        ),
        (Signer::LegalRep, false) => tf(
            ui,
            "paper.sign.applicant",
            &[("name", &value("subject_name"))],
        ),
        (Signer::Person, _) => tf(
            ui,
            "paper.sign.person",
            &[
                ("role", &value("person_role")),
                ("name", &value("person_name")),
            ],
        ),
        (Signer::LegalRepAndPerson, _) => tf(
            ui,
            "paper.sign.both",
            &[
                ("rep", &value("legal_rep_name")),
                ("name", &value("person_name")),
            ],
        ),
    };
    let mut out = vec![sign, t(ui, "paper.pen").into_owned()];
    if template.seal && unit {
        out.push(t(ui, "paper.seal").into_owned());
    }
    out.push(
        t(
            ui,
            if template.date == "handwritten" {
                "paper.date.handwritten"
            } else {
                "paper.date.blank"
            },
        )
        .into_owned(),
    );
    out.push(t(ui, "paper.photo").into_owned());
    out
}

/// Draws the print part of the card of `paper`.
pub fn print_ui(
    ui: &mut Ui,
    draft: &Draft,
    paper: &Paper,
    state: &MaterialsUi,
    actions: &mut Vec<Action>,
) {
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(t(ui, "paper.title")).strong());
        ui.label(RichText::new(t(ui, "paper.explain")).small());
        for (n, line) in instructions(ui, draft, paper).iter().enumerate() {
            ui.label(RichText::new(format!("{}. {line}", n + 1)).small());
        }
        let ready = forms::filled(draft, paper);
        if let Err(err) = &ready {
            ui.label(
                RichText::new(err.message(ui.locale()))
                    .small()
                    .color(theme::severity_color(ui, Severity::Warning)),
            );
        }
        let what = paper.item.label(ui.locale());
        let name = tf(ui, "paper.print_named", &[("what", &what)]);
        let button = ui.add_enabled_ui(ready.is_ok(), |ui| {
            named_button(ui, &t(ui, "paper.print"), &name)
        });
        if button.inner.clicked() {
            actions.push(DocumentAction::PrintPaper(paper.item).into());
        }
        matched_ui(ui, draft, paper);
        match state.printed.get(&paper.item) {
            Some(Ok(path)) => {
                ui.label(
                    RichText::new(tf(
                        ui,
                        "paper.saved",
                        &[("path", &path.display().to_string())],
                    ))
                    .small()
                    .color(theme::weak_color(ui)),
                );
            }
            Some(Err(why)) => failure_ui(ui, why),
            None => {}
        }
    });
}

/// "The check code matches" when the attached photo is this paper, signed, with today's
/// values (its problems, if any, are listed with the attachment's other findings).
fn matched_ui(ui: &mut Ui, draft: &Draft, paper: &Paper) {
    let Some(reading) = draft
        .materials
        .attachments
        .iter()
        .find(|a| a.item == paper.item)
        .and_then(|a| a.paper.as_ref())
    else {
        return;
    };
    // Only this paper matters for "matches" (the others would name another paper).
    if let forms::scan::Verdict::Matches { unsigned } =
        forms::scan::verdict(draft, std::slice::from_ref(paper), paper.item, reading)
        && unsigned.is_empty()
    {
        ui.label(
            RichText::new(format!(
                "{} {}",
                theme::status_mark(crate::rules::StepStatus::Complete),
                t(ui, "forms.scan.matches")
            ))
            .small()
            .color(theme::status_color(ui, crate::rules::StepStatus::Complete)),
        );
    }
}

/// The card at the top of the materials step when the filing has papers to print: which,
/// and "print all" (every paper in one file to print, each also on its own).
pub fn all_ui(
    ui: &mut Ui,
    draft: &Draft,
    papers: &[Paper],
    state: &MaterialsUi,
    actions: &mut Vec<Action>,
) {
    if papers.is_empty() {
        return;
    }
    ui.add_space(theme::SECTION_GAP);
    theme::card_frame(ui).show(ui, |ui| {
        // As wide as the materials cards below it.
        ui.set_width(ui.available_width().min(theme::CARD_MAX_WIDTH));
        ui.label(
            RichText::new(tf(
                ui,
                "paper.all.title",
                &[("n", &papers.len().to_string())],
            ))
            .strong(),
        );
        for paper in papers {
            // The paper's own (Chinese) title, and in English which item it is.
            let mut line = format!("• {}", forms::display_name(draft, paper));
            if ui.locale() == crate::i18n::Locale::En {
                line = format!("{line} — {}", paper.item.label(ui.locale()));
            }
            ui.label(RichText::new(line).small());
        }
        ui.label(
            RichText::new(t(ui, "paper.all.explain"))
                .small()
                .color(theme::weak_color(ui)),
        );
        if named_button(ui, &t(ui, "paper.all.print"), &t(ui, "paper.all.print")).clicked() {
            actions.push(DocumentAction::PrintAllPapers.into());
        }
        match &state.printed_all {
            Some(Ok(printed)) => {
                if let Some(combined) = &printed.combined {
                    ui.label(
                        RichText::new(tf(
                            ui,
                            "paper.all.saved",
                            &[
                                ("path", &combined.display().to_string()),
                                ("dir", &printed.dir.display().to_string()),
                            ],
                        ))
                        .small()
                        .color(theme::weak_color(ui)),
                    );
                }
                for (item, why) in &printed.skipped {
                    ui.label(
                        RichText::new(format!(
                            "{}：{}",
                            item.label(ui.locale()),
                            why.message(ui.locale())
                        ))
                        .small()
                        .color(theme::severity_color(ui, Severity::Warning)),
                    );
                }
            }
            Some(Err(why)) => failure_ui(ui, why),
            None => {}
        }
    });
}

/// Why a paper (or every paper) was not printed, in red under its button.
fn failure_ui(ui: &mut Ui, why: &forms::PrintError) {
    ui.label(
        RichText::new(why.message(ui.locale()))
            .small()
            .color(theme::severity_color(ui, Severity::Error)),
    );
}
