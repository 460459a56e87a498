//! An APP's own fields on the services step, above its package blocks: 名称, 服务内容
//! (from the shipped categories), 语言, 前置审批 (as for a website), the third-party SDKs,
//! the domains it calls and the public IPs of its servers, and the remark.

use egui::Ui;

use crate::lang::{Lang as _, t, tf};
use crate::model::apps::{App, LANGUAGES, Sdk, language_name};
use crate::model::catalog::AppCatalog;
use crate::model::{CloudMode, Field, FieldKey, Scope};
use crate::steps::website_kind::note;
use crate::theme;
use crate::widgets::{Form, danger_button};

/// What the fields need to know of the filing.
#[derive(Clone, Copy, Debug)]
pub struct Asks {
    /// A 单位 filing (前置审批 is asked).
    pub unit: bool,
    /// How the filing proves its hosting (an authorisation code gives no IP).
    pub cloud: CloudMode,
}

/// Draws APP `index`'s own fields.
pub fn ui(
    ui: &mut Ui,
    form: &mut Form<'_>,
    app: &mut App,
    index: usize,
    asks: Asks,
    confirm_remove: &mut Option<(usize, usize)>,
) {
    let key = |field| FieldKey::new(Scope::App(index), field);
    form.text(ui, key(Field::Name), &mut app.name);
    service_content(ui, form, app, index);
    language(ui, form, app, index);
    if asks.unit {
        crate::steps::websites::pre_approval_ui(
            ui,
            form,
            key(Field::PreApproval),
            &mut app.no_pre_approval,
            &mut app.pre_approvals,
        );
    }
    sdks(ui, form, app, index, confirm_remove);
    Form::section(ui, "section.app_access");
    note(ui, "apps.domains.explain");
    form.multiline(ui, key(Field::Domain), &mut app.domains);
    note(
        ui,
        match asks.cloud {
            CloudMode::ServerIp => "apps.ips.explain_optional",
            CloudMode::AuthCode => "apps.ips.explain_needed",
        },
    );
    form.multiline(ui, key(Field::ServerIp), &mut app.server_ips);
    form.multiline(ui, key(Field::Remark), &mut app.remark);
}

fn service_content(ui: &mut Ui, form: &mut Form<'_>, app: &mut App, index: usize) {
    let catalog = AppCatalog::get();
    let mut chosen = catalog
        .service_contents
        .iter()
        .position(|c| c.key == app.service_content.trim());
    let options: Vec<usize> = (0..catalog.service_contents.len()).collect();
    form.choice(
        ui,
        FieldKey::new(Scope::App(index), Field::ServiceContent),
        &mut chosen,
        &options,
        |i, locale| {
            catalog
                .service_contents
                .get(i)
                .map_or_else(String::new, |c| c.name(locale).to_owned())
        },
    );
    if let Some(choice) = chosen.and_then(|i| catalog.service_contents.get(i)) {
        app.service_content.clone_from(&choice.key);
    }
}

fn language(ui: &mut Ui, form: &mut Form<'_>, app: &mut App, index: usize) {
    let mut language = LANGUAGES.iter().position(|(tag, _)| *tag == app.language);
    let options: Vec<usize> = (0..LANGUAGES.len()).collect();
    form.choice(
        ui,
        FieldKey::new(Scope::App(index), Field::Language),
        &mut language,
        &options,
        |i, locale| {
            LANGUAGES
                .get(i)
                .map_or_else(String::new, |(tag, _)| language_name(tag, locale))
        },
    );
    if let Some((tag, _)) = language.and_then(|i| LANGUAGES.get(i)) {
        app.language = (*tag).to_owned();
    }
}

/// 第三方SDK: "none" or a list of vendor and type, with a row added or removed at a time.
fn sdks(
    ui: &mut Ui,
    form: &mut Form<'_>,
    app: &mut App,
    index: usize,
    confirm_remove: &mut Option<(usize, usize)>,
) {
    let key = FieldKey::new(Scope::App(index), Field::Sdk);
    Form::section(ui, "section.app_sdk");
    note(ui, "apps.sdk.explain");
    let response = ui.checkbox(&mut app.no_sdk, t(ui, "apps.sdk.none"));
    if *form.focus == Some(key) {
        response.request_focus();
        response.scroll_to_me(Some(egui::Align::Center));
        *form.focus = None;
    }
    if !app.no_sdk {
        let kinds = &AppCatalog::get().sdk_kinds;
        let mut remove = None;
        for (n, sdk) in app.sdks.iter_mut().enumerate() {
            let number = (n + 1).to_string();
            ui.horizontal_wrapped(|ui| {
                let label = ui.label(tf(ui, "apps.sdk.vendor", &[("n", &number)]));
                ui.add(
                    egui::TextEdit::singleline(&mut sdk.vendor)
                        .id_salt(format!("{}:vendor:{n}", key.widget_salt()))
                        .desired_width(theme::INPUT_WIDTH * 0.6)
                        .hint_text(t(ui, "hint.app.sdk_vendor")),
                )
                .labelled_by(label.id);
                let selected = kinds.iter().find(|k| k.key == sdk.kind).map_or_else(
                    || t(ui, "common.choose").into_owned(),
                    |k| k.name(ui.locale()).to_owned(),
                );
                let kind_label = ui.label(t(ui, "apps.sdk.kind"));
                egui::ComboBox::from_id_salt(format!("{}:kind:{n}", key.widget_salt()))
                    .selected_text(selected)
                    .show_ui(ui, |ui| {
                        for kind in kinds {
                            let name = kind.name(ui.locale()).to_owned();
                            ui.selectable_value(&mut sdk.kind, kind.key.clone(), name);
                        }
                    })
                    .response
                    .labelled_by(kind_label.id);
                let name = tf(ui, "apps.sdk.remove", &[("n", &number)]);
                let filled = !sdk.vendor.trim().is_empty();
                if *confirm_remove == Some((index, n)) {
                    let confirm = tf(ui, "apps.confirm_remove_named", &[("what", &name)]);
                    if danger_button(ui, &t(ui, "apps.confirm_remove"), &confirm).clicked() {
                        remove = Some(n);
                    }
                    if ui.button(t(ui, "common.cancel")).clicked() {
                        *confirm_remove = None;
                    }
                } else if danger_button(ui, &t(ui, "apps.sdk.remove_short"), &name).clicked() {
                    // An empty row goes at once; a filled one asks first.
                    if filled {
                        *confirm_remove = Some((index, n));
                    } else {
                        remove = Some(n);
                    }
                }
            });
        }
        if let Some(n) = remove {
            app.sdks.remove(n);
            *confirm_remove = None;
        }
        if ui.button(t(ui, "apps.sdk.add")).clicked() {
            app.sdks.push(Sdk::default());
        }
    }
    form.issues(ui, key);
}
