//! Step 4, 材料与核验: the documents this filing needs, each with why, what a good file
//! looks like, its file (thumbnail, checks, one-click fixes), picked with the file dialog,
//! dropped on its card, or pasted. The face photo arrives with its own feature (#5).

use egui::{RichText, Ui};

use super::material_card;
use super::materials_state::Incoming;
pub use super::materials_state::MaterialsUi;
use crate::action::{Action, DocumentAction};
use crate::i18n::Locale;
use crate::i18n::fill;
use crate::lang::{Lang as _, t, tf};
use crate::model::{DocKind, Draft, Field, FieldKey, Scope};
use crate::rules::materials::{ChecklistItem, checklist};
use crate::rules::{Report, Severity};
use crate::theme;

/// The group heading an item belongs under.
fn group_key(key: FieldKey) -> (u8, usize) {
    match key.scope {
        Scope::Subject | Scope::LegalRep => (0, 0),
        Scope::SubjectResponsible => (1, 0),
        Scope::WebsiteResponsible(i) => (2, i),
        Scope::Website(i) => (3, i),
        Scope::AppResponsible(i) => (4, i),
        Scope::App(i) => (5, i),
        Scope::MiniResponsible(i) => (6, i),
        _ => (7, 0),
    }
}

fn group_title(locale: Locale, group: (u8, usize)) -> String {
    match group.0 {
        0 => t(&locale, "materials.group.subject").into_owned(),
        1 => t(&locale, "materials.group.subject_responsible").into_owned(),
        2 => tf(
            &locale,
            "materials.group.website_responsible",
            &[("n", &(group.1 + 1).to_string())],
        ),
        3 => tf(
            &locale,
            "materials.group.website",
            &[("n", &(group.1 + 1).to_string())],
        ),
        4 => tf(
            &locale,
            "materials.group.app_responsible",
            &[("n", &(group.1 + 1).to_string())],
        ),
        5 => tf(
            &locale,
            "materials.group.app",
            &[("n", &(group.1 + 1).to_string())],
        ),
        6 => tf(
            &locale,
            "materials.group.mini_responsible",
            &[("n", &(group.1 + 1).to_string())],
        ),
        _ => t(&locale, "materials.group.other").into_owned(),
    }
}

/// Draws the materials step.
pub fn ui(
    ui: &mut Ui,
    draft: &Draft,
    report: &Report,
    reveal: bool,
    state: &mut MaterialsUi,
    face: &mut super::face::FaceUi,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let mut items = checklist(draft);
    // The papers beian prints, once a frame (in checklist order).
    let papers = crate::rules::papers::papers_for(draft, &items);
    // One heading per group: a responsible person's letters join their ID cards.
    items.sort_by_key(|item| group_key(item.key));
    ui.add_space(theme::SECTION_GAP);
    if !draft.procedure().needs_materials() {
        // Cancellations are confirmed by SMS: no documents, no face verification.
        ui.label(RichText::new(t(ui, "materials.none_for_procedure")).strong());
        ui.label(RichText::new(draft.procedure().label(ui.locale())).color(theme::weak_color(ui)));
        return actions;
    }
    ui.label(RichText::new(t(ui, "materials.intro")).color(theme::weak_color(ui)));
    super::paper_card::all_ui(ui, draft, &papers, state, &mut actions);

    // Files dropped outside any card, or pasted, wait here for the user to assign them.
    if !state.unassigned.is_empty() {
        unassigned_ui(ui, &items, state, &mut actions);
    }
    let mut incoming = Incoming::read(ui.ctx());
    if state.paste_missed {
        ui.label(
            RichText::new(t(ui, "materials.paste_hint"))
                .color(theme::severity_color(ui, Severity::Warning)),
        );
    }

    let mut current_group = None;
    for item in &items {
        let group = group_key(item.key);
        if current_group != Some(group) {
            current_group = Some(group);
            ui.add_space(theme::SECTION_GAP);
            ui.label(RichText::new(group_title(ui.locale(), group)).heading());
            ui.separator();
        }
        let paper = papers.iter().find(|p| p.item == item.key);
        let response = item_ui(
            ui,
            draft,
            report,
            reveal,
            (item, paper),
            state,
            incoming.hovering,
            &mut actions,
        );
        incoming.offer(response.rect, item.key, &mut actions);
    }
    incoming.finish(state);

    actions.extend(super::face::ui(ui, draft, face, &state.thumbnails));
    viewer_ui(ui, draft, state, &mut actions);
    actions
}

#[allow(clippy::too_many_arguments)]
fn item_ui(
    ui: &mut Ui,
    draft: &Draft,
    report: &Report,
    reveal: bool,
    (item, paper): (&ChecklistItem, Option<&crate::forms::Paper>),
    state: &mut MaterialsUi,
    hovering_files: bool,
    actions: &mut Vec<Action>,
) -> egui::Response {
    let attachment = draft
        .materials
        .attachments
        .iter()
        .find(|a| a.item == item.key);
    let frame = if hovering_files {
        theme::drop_target_frame(ui)
    } else {
        theme::card_frame(ui)
    };
    frame
        .show(ui, |ui| {
            ui.set_width(ui.available_width().min(theme::CARD_MAX_WIDTH));
            ui.horizontal(|ui| {
                let title = RichText::new(card_title(ui, item)).strong();
                ui.label(title);
                let tag = if item.required {
                    t(ui, "materials.required")
                } else {
                    t(ui, "materials.optional")
                };
                ui.label(RichText::new(tag).small().color(theme::weak_color(ui)));
            });
            let reason = fill(&t(ui, item.reason_key), &[("detail", &item.detail)]);
            ui.label(RichText::new(reason).small());
            if let Some(signing) = &item.signing {
                ui.label(RichText::new(fill(&t(ui, "doc.signing"), &[("how", signing)])).small());
            }
            if let Field::Document(kind) = item.key.field {
                ui.label(
                    RichText::new(t(ui, &format!("doc.{}.good", kind.base_key())))
                        .small()
                        .color(theme::weak_color(ui)),
                );
            }
            if let Some(paper) = paper {
                super::paper_card::print_ui(ui, draft, paper, state, actions);
            }
            ui.horizontal(|ui| {
                if let Some(a) = attachment {
                    material_card::thumbnail_ui(ui, item.key, a, state, actions);
                }
                ui.vertical(|ui| {
                    material_card::status_ui(ui, report, reveal, item, attachment, state);
                    material_card::buttons_ui(ui, item, attachment, state, actions);
                });
            });
            super::reading::panel(ui, draft, item.key, state, actions);
        })
        .response
}

fn unassigned_ui(
    ui: &mut Ui,
    items: &[ChecklistItem],
    state: &mut MaterialsUi,
    actions: &mut Vec<Action>,
) {
    ui.add_space(theme::SECTION_GAP);
    theme::banner_frame(ui, Severity::Notice).show(ui, |ui| {
        ui.label(RichText::new(t(ui, "materials.unassigned")).strong());
        let mut dismiss = None;
        for (index, path) in state.unassigned.iter().enumerate() {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            ui.horizontal_wrapped(|ui| {
                ui.label(&name);
                egui::ComboBox::from_id_salt(("assign", index))
                    .selected_text(tf(ui, "materials.assign_to", &[("file", &name)]))
                    .show_ui(ui, |ui| {
                        for item in items {
                            if ui
                                .selectable_label(false, item.key.label(ui.locale()))
                                .clicked()
                            {
                                actions.push(
                                    DocumentAction::Attach {
                                        item: item.key,
                                        paths: vec![path.clone()],
                                    }
                                    .into(),
                                );
                                dismiss = Some(index);
                            }
                        }
                    });
                if ui
                    .button(tf(ui, "materials.discard", &[("file", &name)]))
                    .clicked()
                {
                    dismiss = Some(index);
                }
            });
        }
        if let Some(index) = dismiss {
            state.unassigned.remove(index);
        }
    });
}

fn viewer_ui(ui: &mut Ui, draft: &Draft, state: &mut MaterialsUi, actions: &mut Vec<Action>) {
    let Some((key, mut zoom)) = state.viewer else {
        return;
    };
    let Some(a) = draft.materials.attachments.iter().find(|a| a.item == key) else {
        state.viewer = None;
        return;
    };
    let sha = a.effective_sha256().to_owned();
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::unique("document_viewer")).show(ui.ctx(), |ui| {
        ui.set_max_size(ui.ctx().content_rect().size() * 0.85);
        ui.horizontal(|ui| {
            ui.label(RichText::new(key.label(ui.locale())).strong());
            ui.add(egui::Slider::new(&mut zoom, 0.25..=4.0).text(t(ui, "materials.zoom")));
            if ui.button(t(ui, "materials.close_viewer")).clicked() {
                close = true;
            }
        });
        match state.preview.as_ref().filter(|(s, _)| *s == sha) {
            Some((_, tex)) => {
                egui::ScrollArea::both().show(ui, |ui| {
                    let size = tex.size_vec2() * zoom;
                    ui.add(egui::Image::from_texture(tex).fit_to_exact_size(size));
                });
            }
            None => {
                ui.spinner();
                if state.loading.insert(format!("preview:{sha}")) {
                    actions.push(DocumentAction::LoadPreview(sha.clone()).into());
                }
            }
        }
    });
    if close || modal.should_close() {
        state.viewer = None;
        state.preview = None;
    } else if let Some(v) = state.viewer.as_mut() {
        v.1 = zoom;
    }
}

/// A card's title: the item's name; a province's own document is called by the name the
/// province gives it (for whom, when each responsible person signs one).
fn card_title(ui: &Ui, item: &ChecklistItem) -> String {
    match item.key.field {
        Field::Document(DocKind::ProvinceDocument(_)) if !item.detail.is_empty() => {
            tf(ui, "materials.province_title", &[("name", &item.detail)])
        }
        _ => item.key.label(ui.locale()),
    }
}
