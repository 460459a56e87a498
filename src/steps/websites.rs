//! Step 3, 网站信息: one or more websites, each with name, domain, homepage, pre-approvals
//! and (for 单位 filings) its own responsible person. Websites can be added, removed (with
//! confirmation) and reordered.

use egui::{RichText, Ui};

use super::StepUi;
use crate::action::Action;
use crate::lang::{Lang as _, t, tf};
use crate::model::draft::PreApproval;
use crate::model::edit::Edit;
use crate::model::{CloudMode, DomainFacts, Draft, Field, FieldKey, Scope, Website};
use crate::steps::subject::person_ui;
use crate::steps::website_kind;
use crate::theme;
use crate::widgets::Form;

/// Draws the websites step.
pub fn ui(ui: &mut Ui, draft: &mut Draft, form: &mut Form<'_>, state: &mut StepUi) -> Vec<Action> {
    let mut actions = Vec::new();
    let unit = draft.is_unit();
    let count = draft.websites.len();
    let procedure = draft.procedure();
    if !procedure.lists_websites() {
        // 注销主体 cancels every website with the subject: nothing to list.
        ui.add_space(theme::SECTION_GAP);
        website_kind::note(ui, "website.none_for_procedure");
        return actions;
    }
    if draft.filing.no_website {
        // A filing of APPs or mini-programs only: their sections follow.
        ui.add_space(theme::SECTION_GAP);
        website_kind::note(ui, "website.none_filed");
        form.issues(ui, FieldKey::new(Scope::Filing, Field::Domain));
        return actions;
    }
    let asks = Asks {
        unit,
        cloud: match draft.filing.cloud.mode {
            CloudMode::ServerIp => draft.filing.cloud.server_ip.clone(),
            CloudMode::AuthCode => draft.filing.cloud.auth_code.clone(),
        },
        primary_domain: draft.filing.domain.clone(),
        forbids_numbers: procedure.forbids_website_numbers(),
        details: procedure.asks_website_details(),
        fixed: procedure.fixes_identity(),
        needs_domain_facts: procedure.needs_materials(),
    };
    if !asks.details {
        ui.add_space(theme::SECTION_GAP);
        website_kind::note(ui, "website.only_numbers");
    }
    for index in 0..count {
        let Some(website) = draft.websites.get_mut(index) else {
            break;
        };
        ui.add_space(theme::SECTION_GAP);
        theme::card_frame(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            header_ui(ui, website, index, count, state, &mut actions);
            actions.extend(fields_ui(ui, form, website, index, &asks));
        });
    }
    ui.add_space(theme::SECTION_GAP);
    if procedure.may_add_websites() {
        if ui.button(t(ui, "website.add")).clicked() {
            actions.push(Edit::AddWebsite.into());
        }
    } else {
        // A 变更 filing only removes domains: another website is a 新增网站 filing.
        ui.add_enabled(false, egui::Button::new(t(ui, "website.add")));
        website_kind::note(ui, "website.add_needs_new_website");
    }
    actions
}

/// What the kind of filing asks of each website, and the filing's values it shows.
struct Asks {
    unit: bool,
    cloud: String,
    primary_domain: String,
    forbids_numbers: bool,
    details: bool,
    fixed: bool,
    needs_domain_facts: bool,
}

/// A website's title with its move and remove buttons (removing asks first).
fn header_ui(
    ui: &mut Ui,
    website: &Website,
    index: usize,
    count: usize,
    state: &mut StepUi,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        let title = if website.name.trim().is_empty() {
            tf(
                ui,
                "website.title_unnamed",
                &[("n", &(index + 1).to_string())],
            )
        } else {
            tf(
                ui,
                "website.title",
                &[
                    ("n", &(index + 1).to_string()),
                    ("name", website.name.trim()),
                ],
            )
        };
        ui.label(RichText::new(title).heading());
        let n = (index + 1).to_string();
        if index > 0 && ui.button(tf(ui, "website.move_up", &[("n", &n)])).clicked() {
            actions.push(
                Edit::MoveWebsite {
                    from: index,
                    to: index - 1,
                }
                .into(),
            );
        }
        if index + 1 < count
            && ui
                .button(tf(ui, "website.move_down", &[("n", &n)]))
                .clicked()
        {
            actions.push(
                Edit::MoveWebsite {
                    from: index,
                    to: index + 1,
                }
                .into(),
            );
        }
        if !website.is_primary {
            if state.confirm_remove_website == Some(index) {
                if ui
                    .button(tf(ui, "website.confirm_remove", &[("n", &n)]))
                    .clicked()
                {
                    state.confirm_remove_website = None;
                    actions.push(Edit::RemoveWebsite(index).into());
                }
                if ui.button(t(ui, "common.cancel")).clicked() {
                    state.confirm_remove_website = None;
                }
            } else if ui.button(tf(ui, "website.remove", &[("n", &n)])).clicked() {
                state.confirm_remove_website = Some(index);
            }
        }
    });
}

/// A website's fields, as its kind of filing asks for them.
fn fields_ui(
    ui: &mut Ui,
    form: &mut Form<'_>,
    website: &mut Website,
    index: usize,
    asks: &Asks,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let key = |field| FieldKey::new(Scope::Website(index), field);
    if asks.details {
        form.text(ui, key(Field::Name), &mut website.name);
    }
    if website.is_primary {
        form.read_only(ui, "field.website.domain", &asks.primary_domain);
    } else if asks.fixed {
        form.read_only(ui, "field.website.domain", &website.domain);
    } else {
        form.text(ui, key(Field::Domain), &mut website.domain);
    }
    if asks.fixed {
        website_kind::note(ui, "website.domain_fixed");
    }
    if asks.details {
        form.text(ui, key(Field::Homepage), &mut website.homepage);
        if asks.needs_domain_facts {
            domain_facts_ui(ui, form, index, &mut website.domain_facts);
        }
        actions.extend(website_kind::cloud_ui(
            ui,
            form,
            index,
            website,
            &asks.cloud,
        ));
    }
    // New domains have no number yet; a number typed before the kind changed
    // stays visible so that its issue can be read and the number cleared.
    if !asks.forbids_numbers || !website.icp_number.trim().is_empty() {
        form.text(ui, key(Field::IcpNumber), &mut website.icp_number);
    }
    if asks.unit && asks.details {
        pre_approval_ui(
            ui,
            form,
            FieldKey::new(Scope::Website(index), Field::PreApproval),
            &mut website.no_pre_approval,
            &mut website.pre_approvals,
        );
        Form::section(ui, "section.website_responsible");
        if ui
            .button(t(ui, "website.copy_subject_responsible"))
            .clicked()
        {
            actions.push(Edit::CopySubjectResponsible(index).into());
        }
        person_ui(
            ui,
            form,
            Scope::WebsiteResponsible(index),
            &mut website.responsible,
            true,
        );
    }
    if asks.details {
        form.multiline(ui, key(Field::Remark), &mut website.remark);
    }
    actions
}

/// The domain's record as the registrar shows it: registrar, holder, expiry, real-name
/// verification (what the bureau checks of a domain).
fn domain_facts_ui(ui: &mut Ui, form: &mut Form<'_>, index: usize, facts: &mut DomainFacts) {
    let key = |field| FieldKey::new(Scope::Website(index), field);
    Form::section(ui, "section.domain_facts");
    ui.label(
        RichText::new(t(ui, "domain_facts.explain"))
            .small()
            .color(theme::weak_color(ui)),
    );
    form.text(ui, key(Field::DomainRegistrar), &mut facts.registrar);
    form.text(ui, key(Field::DomainHolder), &mut facts.holder);
    form.text(ui, key(Field::DomainExpiry), &mut facts.expiry);
    form.choice(
        ui,
        key(Field::DomainRealName),
        &mut facts.real_name_verified,
        &[true, false],
        |done, locale| {
            let phrase = if done {
                "domain_facts.real_name.done"
            } else {
                "domain_facts.real_name.not_done"
            };
            t(&locale, phrase).into_owned()
        },
    );
}

/// 前置或专项审批 of a website or APP: "以上都不涉及", or the types held with their numbers.
pub(crate) fn pre_approval_ui(
    ui: &mut Ui,
    form: &mut Form<'_>,
    key: FieldKey,
    no_pre_approval: &mut bool,
    items: &mut Vec<PreApproval>,
) {
    Form::section(ui, "section.pre_approval");
    let response = ui.checkbox(no_pre_approval, t(ui, "pre_approval.none"));
    if *form.focus == Some(key) {
        response.request_focus();
        response.scroll_to_me(Some(egui::Align::Center));
        *form.focus = None;
    }
    if !*no_pre_approval {
        ui.label(
            RichText::new(t(ui, "pre_approval.explain"))
                .small()
                .color(theme::weak_color(ui)),
        );
        for kind in crate::model::catalog::pre_approval_kinds() {
            let position = items.iter().position(|p| p.kind == *kind);
            let mut checked = position.is_some();
            ui.horizontal(|ui| {
                if ui.checkbox(&mut checked, kind.label(ui.locale())).changed() {
                    if checked {
                        items.push(PreApproval {
                            kind: *kind,
                            number: String::new(),
                        });
                    } else {
                        items.retain(|p| p.kind != *kind);
                    }
                }
                if let Some(item) = items.iter_mut().find(|p| p.kind == *kind) {
                    let label = ui.label(t(ui, "pre_approval.number"));
                    ui.add(
                        egui::TextEdit::singleline(&mut item.number)
                            .id_salt(format!("{}:{}", key.widget_salt(), kind.key()))
                            .hint_text(t(ui, "hint.pre_approval_number")),
                    )
                    .labelled_by(label.id);
                }
            });
        }
    }
    form.issues(ui, key);
}
