//! The declarations before export, each with its own checkbox and text: the information
//! is true, the other people named agreed, the provider's terms were read. Who declares is
//! a name typed or a person of the filing chosen; when the filing changes after a
//! declaration, it is shown as changed and must be ticked again.

use egui::{RichText, Ui};

use crate::action::Action;
use crate::lang::{Lang as _, t, tf};
use crate::model::Draft;
use crate::model::declarations::{self, DeclarationKind, DeclarationStatus};
use crate::model::edit::Edit;
use crate::rules::Severity;
use crate::theme;

/// Draws the declarations panel. Who declares is read from the filing
/// ([`declarations::declarant`]) and changed through [`Edit::SetDeclarant`], so it belongs
/// to this filing alone.
pub(super) fn ui(ui: &mut Ui, draft: &Draft, actions: &mut Vec<Action>) {
    ui.add_space(theme::SECTION_GAP);
    ui.label(RichText::new(t(ui, "declaration.title")).heading());
    ui.separator();
    let people = declarations::people(draft);
    let who = declarations::declarant(draft);
    declarant_ui(ui, &people, &who, actions);
    let fingerprint = declarations::content_fingerprint(draft);
    let required = declarations::required(draft);
    for kind in DeclarationKind::ALL
        .iter()
        .copied()
        .filter(|k| required.contains(k))
    {
        declaration_ui(ui, draft, kind, &fingerprint, &who, actions);
        if kind == DeclarationKind::Terms {
            terms_help_ui(ui);
        }
    }
    if who.name.trim().is_empty() {
        ui.label(
            RichText::new(t(ui, "declaration.name_first"))
                .small()
                .color(theme::weak_color(ui)),
        );
    }
}

/// Who declares: typed, or one of the filing's people chosen.
fn declarant_ui(
    ui: &mut Ui,
    people: &[declarations::NamedPerson],
    who: &declarations::Declarant,
    actions: &mut Vec<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(t(ui, "declaration.by"));
        let mut name = who.name.clone();
        let typed = ui
            .add(
                egui::TextEdit::singleline(&mut name)
                    .desired_width(theme::INPUT_WIDTH / 2.0)
                    .hint_text(t(ui, "hint.declarant")),
            )
            .labelled_by(label.id);
        if typed.changed() {
            actions.push(Edit::SetDeclarant(declarations::Declarant { name, person: None }).into());
        }
        // The people of the filing, to choose instead of typing.
        if !people.is_empty() {
            ui.label(RichText::new(t(ui, "declaration.or_choose")).color(theme::weak_color(ui)));
        }
        for p in people {
            let chosen = who.person == Some(p.field);
            let response = ui
                .selectable_label(chosen, &p.name)
                .on_hover_text(crate::widgets::readback::place(ui.locale(), p.field));
            let name = tf(ui, "declaration.choose", &[("name", &p.name)]);
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::Button, true, chosen, &name)
            });
            if response.clicked() {
                actions.push(
                    Edit::SetDeclarant(declarations::Declarant {
                        name: p.name.clone(),
                        person: Some(p.field),
                    })
                    .into(),
                );
            }
        }
    });
}

/// One declaration: its box (ticked by the declarant) and when it was made or that the
/// filing changed since.
fn declaration_ui(
    ui: &mut Ui,
    draft: &Draft,
    kind: DeclarationKind,
    fingerprint: &str,
    who: &declarations::Declarant,
    actions: &mut Vec<Action>,
) {
    let status = declarations::status_for(draft, kind, fingerprint);
    let text = declarations::text(ui.locale(), draft, kind);
    let mut checked = status == DeclarationStatus::Current;
    let can_tick = checked || !who.name.trim().is_empty();
    let response = ui.add_enabled(can_tick, egui::Checkbox::new(&mut checked, text));
    if response.changed() {
        let edit = if checked {
            Edit::Declare {
                kind,
                by: who.name.trim().to_owned(),
                person: who.person,
                at: chrono::Utc::now(),
            }
        } else {
            Edit::WithdrawDeclaration(kind)
        };
        actions.push(edit.into());
    }
    let note = match (status, declarations::made(draft, kind)) {
        (DeclarationStatus::Changed, _) => Some((
            t(ui, "declaration.changed").into_owned(),
            theme::severity_color(ui, Severity::Warning),
        )),
        (DeclarationStatus::Current, Some(made)) => {
            let at = made
                .at
                .map(|at| crate::i18n::beijing_time(ui.locale(), &at))
                .unwrap_or_default();
            let mut line = tf(ui, "declaration.made", &[("by", &made.by), ("at", &at)]);
            if made.sample {
                line.push_str(&t(ui, "summary.declared_sample"));
            }
            Some((line, theme::weak_color(ui)))
        }
        _ => None,
    };
    if let Some((line, colour)) = note {
        ui.horizontal(|ui| {
            ui.add_space(24.0);
            ui.label(RichText::new(line).small().color(colour));
        });
    }
}

/// Which terms the terms declaration means and where to read them: beian works offline
/// and cannot show the provider's text, so it says where it is.
fn terms_help_ui(ui: &mut Ui) {
    ui.indent("terms-help", |ui| {
        egui::CollapsingHeader::new(RichText::new(t(ui, "declaration.terms.what")).small())
            .id_salt("terms-what")
            .show(ui, |ui| {
                ui.set_max_width(ui.available_width().min(theme::READABLE_WIDTH));
                ui.add(
                    egui::Label::new(
                        RichText::new(t(ui, "declaration.terms.where"))
                            .color(theme::weak_color(ui)),
                    )
                    .wrap(),
                );
            });
    });
}
