//! Step 1, 备案类型: region, 个人 or 单位, host nature, certificate, domain and cloud
//! service — what the provider verifies before anything else.

use egui::Ui;

use crate::action::Action;
use crate::i18n::t;
use crate::model::catalog::Catalog;
use crate::model::divisions::{Division, Divisions};
use crate::model::{CloudMode, Draft, Field, FieldKey, FilingKind, HostNature, Scope};
use crate::widgets::Form;

fn key(field: Field) -> FieldKey {
    FieldKey::new(Scope::Filing, field)
}

fn options(list: &[Division]) -> Vec<(&str, &str)> {
    list.iter()
        .map(|d| (d.code.as_str(), d.name.as_str()))
        .collect()
}

/// Draws the filing-type step.
pub fn ui(ui: &mut Ui, draft: &mut Draft, form: &mut Form<'_>) -> Vec<Action> {
    let filing = &mut draft.filing;
    Form::section(ui, "section.region");
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
        egui::RichText::new(t("hint.region"))
            .small()
            .color(crate::theme::weak_color()),
    );

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
        |c| c.label(),
    );
    form.text(ui, key(Field::CertNumber), &mut filing.cert_number);

    Form::section(ui, "section.domain_cloud");
    form.text(ui, key(Field::Domain), &mut filing.domain);
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
    Vec::new()
}
