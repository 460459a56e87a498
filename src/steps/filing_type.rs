//! Step 1, 备案类型: the kind of filing (determined from what is on record, or chosen by
//! the help desk) with the record numbers it needs, then region, 个人 or 单位, host
//! nature, certificate, domain and cloud service — what the provider verifies before
//! anything else.

use egui::Ui;

use crate::action::Action;
use crate::lang::{Lang as _, t};
use crate::model::catalog::Catalog;
use crate::model::divisions::{Division, Divisions};
use crate::model::draft::FilingType;
use crate::model::edit::Edit;
use crate::model::{CloudMode, Draft, Field, FieldKey, FilingKind, HostNature, Procedure, Scope};
use crate::widgets::Form;

fn key(field: Field) -> FieldKey {
    FieldKey::new(Scope::Filing, field)
}

fn options(list: &[Division]) -> Vec<(&str, &str)> {
    list.iter()
        .map(|d| (d.code.as_str(), d.name.as_str()))
        .collect()
}

/// The kind of filing: its choice and explanation, the questions that determine it, and
/// the fields it needs (subject number, legacy password, cancellation reason).
fn procedure_ui(ui: &mut Ui, draft: &mut Draft, form: &mut Form<'_>, actions: &mut Vec<Action>) {
    Form::section(ui, "section.procedure");
    ui.label(
        egui::RichText::new(t(ui, "hint.procedure"))
            .small()
            .color(crate::theme::weak_color(ui)),
    );
    let current = draft.filing.procedure;
    let mut answers = draft.filing.answers;
    let before = answers;
    ui.checkbox(
        &mut answers.has_subject_number,
        t(ui, "procedure.question.has_subject_number"),
    );
    if answers.has_subject_number {
        ui.indent("procedure.questions", |ui| {
            ui.checkbox(
                &mut answers.subject_filed_here,
                t(ui, "procedure.question.subject_filed_here"),
            );
            ui.checkbox(
                &mut answers.has_website_number,
                t(ui, "procedure.question.has_website_number"),
            );
        });
    }
    if answers != before {
        actions.push(Edit::AnswerProcedureQuestions(answers).into());
    }
    let mut chosen = Some(current);
    form.choice(
        ui,
        key(Field::Procedure),
        &mut chosen,
        Procedure::ALL,
        Procedure::label,
    );
    if let Some(chosen) = chosen
        && chosen != current
    {
        actions.push(Edit::ChooseProcedure(chosen).into());
    }
    ui.label(egui::RichText::new(t(ui, &current.explanation_key())).strong());
    ui.label(
        egui::RichText::new(t(ui, &current.guidance_key()))
            .small()
            .color(crate::theme::weak_color(ui)),
    );
    let subject = &mut draft.subject;
    let subject_key = |field| FieldKey::new(Scope::Subject, field);
    // A number typed before the kind changed stays visible so that its issue can be read.
    if current.needs_subject_number() || !subject.icp_number.trim().is_empty() {
        form.text(ui, subject_key(Field::IcpNumber), &mut subject.icp_number);
    }
    if current.may_use_password() {
        form.password(
            ui,
            subject_key(Field::IcpPassword),
            &mut subject.icp_password,
        );
        ui.label(
            egui::RichText::new(t(ui, "hint.procedure.password"))
                .small()
                .color(crate::theme::weak_color(ui)),
        );
    }
    if current.is_cancellation() {
        form.multiline(
            ui,
            key(Field::CancelReason),
            &mut draft.filing.cancel_reason,
        );
    }
}

/// The region the certificate number names, offered with one click where the region
/// chosen differs: all of it for a person's ID, the province for a unit's credit code.
fn region_from_certificate_ui(ui: &mut Ui, draft: &mut Draft) {
    let today = chrono::Local::now().date_naive();
    let Some([province, city, district]) = crate::rules::region_of_certificate(draft, today) else {
        return;
    };
    let f = &draft.filing;
    let unit = draft.is_unit();
    let same = if unit {
        f.province == province
    } else {
        f.province == province && f.city == city && f.district == district
    };
    if same {
        return;
    }
    let name = Divisions::get().region_name(&province, &city, &district);
    let key = if unit {
        "filing.region_from_credit_code"
    } else {
        "filing.region_from_id"
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(
            egui::RichText::new(crate::i18n::tf(ui.locale(), key, &[("region", &name)])).color(
                crate::theme::severity_color(ui, crate::rules::Severity::Notice),
            ),
        );
        if ui
            .button(crate::i18n::tf(
                ui.locale(),
                "filing.use_region",
                &[("region", &name)],
            ))
            .clicked()
        {
            let f = &mut draft.filing;
            if f.province != province {
                f.city.clear();
                f.district.clear();
            }
            f.province = province;
            if !unit {
                f.city = city;
                f.district = district;
            }
        }
    });
}

/// What the chosen province's bureau asks beyond the common rules (`ProvinceRule.notes`,
/// each with its source), once a province is chosen.
fn province_notes_ui(ui: &mut Ui, province: &str) {
    let Some(rule) =
        crate::rules::data::Tables::get().province(province.get(..2).unwrap_or_default())
    else {
        return;
    };
    if rule.notes.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(crate::i18n::tf(
        ui.locale(),
        "filing.province_notes",
        &[("province", rule.display_name(ui.locale()))],
    ))
    .id_salt("filing.province_notes")
    .default_open(true)
    .show(ui, |ui| {
        let locale = ui.locale();
        for note in &rule.notes {
            // The requirement in plain words; where it comes from, small beside it.
            let source = crate::i18n::t(ui.locale(), note.source.key());
            let source = if note.dated {
                crate::i18n::tf(ui.locale(), "note_source.dated", &[("source", &source)])
            } else {
                source.into_owned()
            };
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(format!("• {}", note.text(locale))).small());
                ui.label(
                    egui::RichText::new(source)
                        .small()
                        .color(crate::theme::weak_color(ui)),
                );
            });
        }
    });
}

/// Draws the filing-type step; `materials` holds the documents' pictures and readings
/// (the certificate can be read from its document here).
pub fn ui(
    ui: &mut Ui,
    draft: &mut Draft,
    form: &mut Form<'_>,
    materials: &mut super::materials::MaterialsUi,
) -> Vec<Action> {
    let mut actions = Vec::new();
    procedure_ui(ui, draft, form, &mut actions);
    Form::section(ui, "section.region");
    region_ui(ui, form, &mut draft.filing);
    region_from_certificate_ui(ui, draft);
    let filing = &mut draft.filing;
    province_notes_ui(ui, &filing.province);

    Form::section(ui, "section.subject_type");
    let mut kind = Some(filing.kind);
    form.choice(
        ui,
        key(Field::Kind),
        &mut kind,
        FilingKind::ALL,
        FilingKind::label,
    );
    if let Some(kind) = kind {
        filing.kind = kind;
    }
    if filing.kind == FilingKind::Unit {
        form.choice(
            ui,
            key(Field::HostNature),
            &mut filing.host_nature,
            HostNature::ALL,
            HostNature::label,
        );
    }
    let allowed = Catalog::get().subject_cert_types(filing.kind, filing.host_nature);
    form.choice(
        ui,
        key(Field::CertType),
        &mut filing.cert_type,
        allowed,
        crate::model::CertType::label,
    );
    form.text(ui, key(Field::CertNumber), &mut filing.cert_number);
    super::reading::certificate_zone(ui, draft, materials, &mut actions);

    Form::section(ui, "section.domain_cloud");
    no_website_ui(ui, draft, &mut actions);
    domain_cloud_ui(ui, form, &mut draft.filing);
    actions
}

/// "本次不备案网站": a filing of APPs or mini-programs only. Ticking it deletes the websites
/// entered, so it asks first when they hold anything.
fn no_website_ui(ui: &mut Ui, draft: &Draft, actions: &mut Vec<Action>) {
    let id = egui::Id::unique("filing_type.no_website_confirm");
    let asking = ui.data(|d| d.get_temp::<bool>(id)).unwrap_or(false);
    let mut checked = draft.filing.no_website;
    if ui
        .checkbox(&mut checked, t(ui, "filing.no_website"))
        .changed()
    {
        let holds_something = !draft.filing.domain.trim().is_empty()
            || draft.websites.iter().any(|w| {
                !(w.name.trim().is_empty()
                    && w.domain.trim().is_empty()
                    && w.homepage.trim().is_empty())
            });
        if checked && holds_something {
            ui.data_mut(|d| d.insert_temp(id, true));
        } else {
            actions.push(Edit::SetNoWebsite(checked).into());
        }
    }
    if asking {
        crate::theme::card_frame(ui).show(ui, |ui| {
            ui.label(
                egui::RichText::new(t(ui, "filing.no_website_confirm")).color(
                    crate::theme::severity_color(ui, crate::rules::Severity::Warning),
                ),
            );
            ui.horizontal(|ui| {
                let yes = t(ui, "filing.no_website_confirm_yes");
                if crate::widgets::danger_button(ui, &yes, &yes).clicked() {
                    actions.push(Edit::SetNoWebsite(true).into());
                    ui.data_mut(|d| d.remove::<bool>(id));
                }
                if ui.button(t(ui, "common.cancel")).clicked() {
                    ui.data_mut(|d| d.remove::<bool>(id));
                }
            });
        });
    }
    if draft.filing.no_website {
        super::website_kind::note(ui, "filing.no_website_note");
    }
}

/// The province, city and district the filing is made in (the lists follow each other).
fn region_ui(ui: &mut Ui, form: &mut Form<'_>, filing: &mut FilingType) {
    let divisions = Divisions::get();
    if form.region(
        ui,
        key(Field::Province),
        &mut filing.province,
        &options(&divisions.provinces),
    ) {
        filing.city.clear();
        filing.district.clear();
    }
    let cities = divisions
        .province(&filing.province)
        .map(|p| p.children.as_slice())
        .unwrap_or_default();
    if form.region(ui, key(Field::City), &mut filing.city, &options(cities)) {
        filing.district.clear();
    }
    let districts = divisions
        .city(&filing.province, &filing.city)
        .map(|c| c.children.as_slice())
        .unwrap_or_default();
    if !districts.is_empty() {
        form.region(
            ui,
            key(Field::District),
            &mut filing.district,
            &options(districts),
        );
    }
    ui.label(
        egui::RichText::new(t(ui, "hint.region"))
            .small()
            .color(crate::theme::weak_color(ui)),
    );
}

/// The domain and how the cloud service is named (server IP or authorisation code).
fn domain_cloud_ui(ui: &mut Ui, form: &mut Form<'_>, filing: &mut FilingType) {
    if filing.no_website {
        form.issues(ui, key(Field::Domain));
    } else {
        form.text(ui, key(Field::Domain), &mut filing.domain);
    }
    let mut mode = Some(filing.cloud.mode);
    form.choice(
        ui,
        key(Field::CloudMode),
        &mut mode,
        CloudMode::ALL,
        CloudMode::label,
    );
    if let Some(mode) = mode {
        filing.cloud.mode = mode;
    }
    match filing.cloud.mode {
        CloudMode::ServerIp => form.text(ui, key(Field::ServerIp), &mut filing.cloud.server_ip),
        CloudMode::AuthCode => form.text(ui, key(Field::AuthCode), &mut filing.cloud.auth_code),
    };
}
