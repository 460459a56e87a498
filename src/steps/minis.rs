//! Mini-programs and quick apps on the services step: each one's platform, AppID, name,
//! 服务内容 (up to five types), 前置审批 (answered even when none applies), description and,
//! for 单位 filings, its responsible person. They are filed on their own platforms (微信,
//! 支付宝, 抖音, 百度, 快应用), so the step says that beian gives the values and papers for
//! that platform's form; no domain, IP, package or key is asked.

use egui::{RichText, Ui};

use crate::action::Action;
use crate::lang::{t, tf};
use crate::model::apps::{MiniPlatform, MiniProgram};
use crate::model::edit::Edit;
use crate::model::{Draft, Field, FieldKey, Scope};
use crate::steps::website_kind::note;
use crate::theme;
use crate::widgets::{Form, danger_button, named_button};

/// Draws the mini-programs and quick apps of the filing, and the button that adds one.
pub fn ui(
    ui: &mut Ui,
    draft: &mut Draft,
    form: &mut Form<'_>,
    confirm: &mut Option<usize>,
) -> Vec<Action> {
    let mut actions = Vec::new();
    Form::section(ui, "section.minis");
    note(ui, "minis.intro");
    let unit = draft.is_unit();
    for index in 0..draft.mini_programs.len() {
        let Some(mini) = draft.mini_programs.get_mut(index) else {
            break;
        };
        ui.add_space(theme::SECTION_GAP);
        theme::card_frame(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            header(ui, mini, index, confirm, &mut actions);
            fields(ui, form, mini, index);
            if unit {
                Form::section(ui, "section.mini_responsible");
                let copy = tf(
                    ui,
                    "minis.copy_subject_responsible",
                    &[("n", &(index + 1).to_string())],
                );
                if named_button(ui, &t(ui, "website.copy_subject_responsible"), &copy).clicked() {
                    actions.push(Edit::CopySubjectResponsibleToMini(index).into());
                }
                crate::steps::subject::person_ui(
                    ui,
                    form,
                    Scope::MiniResponsible(index),
                    &mut mini.responsible,
                    true,
                );
            }
        });
    }
    ui.add_space(theme::SECTION_GAP);
    if ui.button(t(ui, "minis.add")).clicked() {
        actions.push(Edit::AddMini.into());
    }
    actions
}

fn header(
    ui: &mut Ui,
    mini: &MiniProgram,
    index: usize,
    confirm: &mut Option<usize>,
    actions: &mut Vec<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        let n = (index + 1).to_string();
        let title = if mini.name.trim().is_empty() {
            tf(ui, "minis.title_unnamed", &[("n", &n)])
        } else {
            tf(ui, "minis.title", &[("n", &n), ("name", mini.name.trim())])
        };
        ui.label(RichText::new(title).heading());
        let remove = tf(ui, "minis.remove", &[("n", &n)]);
        if *confirm == Some(index) {
            let sure = tf(ui, "apps.confirm_remove_named", &[("what", &remove)]);
            if danger_button(ui, &t(ui, "apps.confirm_remove"), &sure).clicked() {
                *confirm = None;
                actions.push(Edit::RemoveMini(index).into());
            }
            if ui.button(t(ui, "common.cancel")).clicked() {
                *confirm = None;
            }
        } else if danger_button(ui, &remove, &remove).clicked() {
            *confirm = Some(index);
        }
    });
}

fn fields(ui: &mut Ui, form: &mut Form<'_>, mini: &mut MiniProgram, index: usize) {
    let key = |field| FieldKey::new(Scope::Mini(index), field);
    let mut platform = Some(mini.platform);
    form.choice(
        ui,
        key(Field::Platform),
        &mut platform,
        MiniPlatform::ALL,
        MiniPlatform::label,
    );
    if let Some(chosen) = platform {
        mini.platform = chosen;
    }
    form.text(ui, key(Field::AppId), &mut mini.app_id);
    form.text(ui, key(Field::Name), &mut mini.name);
    form.multiline(ui, key(Field::ServiceContent), &mut mini.service_types);
    ui.horizontal(|ui| {
        ui.add_space(theme::LABEL_WIDTH + ui.spacing().item_spacing.x);
        ui.checkbox(&mut mini.no_pre_approval, t(ui, "minis.no_pre_approval"));
    });
    if !mini.no_pre_approval {
        form.multiline(ui, key(Field::PreApproval), &mut mini.pre_approvals);
    } else {
        form.issues(ui, key(Field::PreApproval));
    }
    form.multiline(ui, key(Field::Remark), &mut mini.description);
    let count = mini.description.trim().chars().count();
    ui.horizontal(|ui| {
        ui.add_space(theme::LABEL_WIDTH + ui.spacing().item_spacing.x);
        ui.label(
            RichText::new(tf(
                ui,
                "minis.description_count",
                &[("count", &count.to_string())],
            ))
            .small()
            .color(theme::weak_color(ui)),
        );
    });
}
