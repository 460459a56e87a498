//! The parts of the websites and subject steps that depend on the kind of filing: each
//! website's own cloud service (备案云服务 per website, defaulting to the filing's), and the
//! notes on what a kind fixes or leaves out, each saying which kind to file instead.

use egui::{RichText, Ui};

use crate::action::Action;
use crate::lang::t;
use crate::model::draft::Website;
use crate::model::edit::Edit;
use crate::model::{CloudMode, Field, FieldKey, Scope};
use crate::theme;
use crate::widgets::Form;

/// A website's cloud service: "the filing's" until the user gives it its own, then the
/// mode and the server IP or authorization code, checked like the filing's.
pub fn cloud_ui(
    ui: &mut Ui,
    form: &mut Form<'_>,
    index: usize,
    website: &mut Website,
    filing_cloud: &str,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let key = |field| FieldKey::new(Scope::Website(index), field);
    let mut same = website.cloud.is_none();
    ui.horizontal(|ui| {
        let response = ui.checkbox(&mut same, t(ui, "website.cloud_same"));
        if response.changed() {
            actions.push(
                Edit::OwnCloud {
                    website: index,
                    own: !same,
                }
                .into(),
            );
        }
        if website.cloud.is_none() {
            ui.label(RichText::new(filing_cloud).strong());
        }
    });
    if let Some(cloud) = website.cloud.as_mut() {
        let mut mode = Some(cloud.mode);
        form.choice(
            ui,
            key(Field::CloudMode),
            &mut mode,
            CloudMode::ALL,
            CloudMode::label,
        );
        if let Some(mode) = mode {
            cloud.mode = mode;
        }
        match cloud.mode {
            CloudMode::ServerIp => form.text(ui, key(Field::ServerIp), &mut cloud.server_ip),
            CloudMode::AuthCode => form.text(ui, key(Field::AuthCode), &mut cloud.auth_code),
        };
    }
    actions
}

/// A note in the weak colour under a fixed field or in place of hidden ones.
pub fn note(ui: &mut Ui, key: &str) {
    ui.label(
        RichText::new(t(ui, key))
            .small()
            .color(theme::weak_color(ui)),
    );
}
