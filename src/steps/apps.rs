//! The APPs of a filing, on the services step: each APP's name, 服务内容, language and
//! remark, and one block per package with its platform, 包名, 公钥 and 签名MD5值. Dropping
//! a package or certificate on a block (or choosing one) reads the values on a worker;
//! the block says what was read from where, offers the public key's other renderings to
//! copy, and shows what could get the filing returned beside the field it concerns.

use std::collections::BTreeMap;
use std::path::PathBuf;

use egui::{RichText, Ui};

use crate::action::{Action, AppAction};
use crate::lang::{Lang as _, t, tf};
use crate::model::apps::{App, AppPackage, Platform};
use crate::model::edit::Edit;
use crate::model::{Draft, Field, FieldKey, Scope};
use crate::packages::{CertificateInfo, KeyRendering, PackageError};
use crate::steps::website_kind::note;
use crate::theme;
use crate::widgets::{Form, danger_button, named_button};

/// The view state of the APP blocks.
#[derive(Debug, Default)]
pub struct AppsUi {
    /// Packages being read, by (APP, block): the file's name.
    pub reading: BTreeMap<(usize, usize), String>,
    /// Why the last file dropped on a block could not be read.
    pub refused: BTreeMap<(usize, usize), PackageError>,
    /// The APP or package block whose removal awaits confirmation.
    pub confirm_remove: Option<(usize, Option<usize>)>,
    /// The SDK row (APP, row) whose removal awaits confirmation.
    pub confirm_remove_sdk: Option<(usize, usize)>,
    /// The mini-program whose removal awaits confirmation.
    pub confirm_remove_mini: Option<usize>,
}

/// APP负责人 (单位 filings): who answers for the APP, with a copy of the subject's.
fn responsible_ui(
    ui: &mut Ui,
    form: &mut Form<'_>,
    app: &mut App,
    index: usize,
    actions: &mut Vec<Action>,
) {
    Form::section(ui, "section.app_responsible");
    let copy = tf(
        ui,
        "apps.copy_subject_responsible",
        &[("n", &(index + 1).to_string())],
    );
    if named_button(ui, &t(ui, "website.copy_subject_responsible"), &copy).clicked() {
        actions.push(Edit::CopySubjectResponsibleToApp(index).into());
    }
    crate::steps::subject::person_ui(
        ui,
        form,
        Scope::AppResponsible(index),
        &mut app.responsible,
        true,
    );
}

/// Draws the APPs of the filing and the button that adds one.
pub fn ui(ui: &mut Ui, draft: &mut Draft, form: &mut Form<'_>, state: &mut AppsUi) -> Vec<Action> {
    let mut actions = Vec::new();
    Form::section(ui, "section.apps");
    note(ui, "apps.intro");
    let dropped = dropped_packages(ui.ctx());
    let pointer = ui.ctx().pointer_latest_pos();
    let count = draft.apps.len();
    let unit = draft.is_unit();
    let asks = crate::steps::app_details::Asks {
        unit,
        cloud: draft.filing.cloud.mode,
    };
    for index in 0..count {
        let Some(app) = draft.apps.get_mut(index) else {
            break;
        };
        ui.add_space(theme::SECTION_GAP);
        theme::card_frame(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            app_header(ui, app, index, state, &mut actions);
            crate::steps::app_details::ui(
                ui,
                form,
                app,
                index,
                asks,
                &mut state.confirm_remove_sdk,
            );
            let packages = app.packages.len();
            for p in 0..packages {
                let Some(package) = app.packages.get_mut(p) else {
                    break;
                };
                ui.add_space(theme::space::S);
                let rect = theme::card_frame(ui)
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        package_ui(ui, form, package, (index, p), state, &mut actions);
                    })
                    .response
                    .rect;
                if let (Some(path), true) =
                    (dropped.first(), pointer.is_some_and(|at| rect.contains(at)))
                {
                    actions.push(read_action(index, p, path.clone()));
                }
            }
            form.issues(ui, FieldKey::new(Scope::App(index), Field::Packages));
            ui.add_space(theme::space::S);
            if ui
                .button(tf(
                    ui,
                    "apps.add_package",
                    &[("n", &(index + 1).to_string())],
                ))
                .clicked()
            {
                actions.push(Edit::AddAppPackage(index).into());
            }
            if unit {
                responsible_ui(ui, form, app, index, &mut actions);
            }
        });
    }
    ui.add_space(theme::SECTION_GAP);
    if ui.button(t(ui, "apps.add")).clicked() {
        actions.push(Edit::AddApp.into());
    }
    actions
}

fn read_action(app: usize, package: usize, path: PathBuf) -> Action {
    Action::App(AppAction::Read { app, package, path })
}

/// The files dropped on the window this frame (a dropped bundle is opened instead).
fn dropped_packages(ctx: &egui::Context) -> Vec<PathBuf> {
    ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .filter(|p| !crate::services::bundle::is_bundle_path(p))
            .collect()
    })
}

fn app_header(ui: &mut Ui, app: &App, index: usize, state: &mut AppsUi, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        let n = (index + 1).to_string();
        let title = if app.name.trim().is_empty() {
            tf(ui, "apps.title_unnamed", &[("n", &n)])
        } else {
            tf(ui, "apps.title", &[("n", &n), ("name", app.name.trim())])
        };
        ui.label(RichText::new(title).heading());
        remove_buttons(
            ui,
            (index, None),
            &tf(ui, "apps.remove", &[("n", &n)]),
            state,
            actions,
        );
    });
}

/// A remove button that asks first: "删除…" becomes "确认删除" and "取消".
fn remove_buttons(
    ui: &mut Ui,
    target: (usize, Option<usize>),
    name: &str,
    state: &mut AppsUi,
    actions: &mut Vec<Action>,
) {
    if state.confirm_remove == Some(target) {
        let confirm = tf(ui, "apps.confirm_remove_named", &[("what", name)]);
        if danger_button(ui, &t(ui, "apps.confirm_remove"), &confirm).clicked() {
            state.confirm_remove = None;
            // A file still being read for a block that goes (or moves) is forgotten.
            state.reading.clear();
            state.refused.clear();
            actions.push(match target {
                (app, None) => Edit::RemoveApp(app).into(),
                (app, Some(package)) => Edit::RemoveAppPackage(app, package).into(),
            });
        }
        if ui.button(t(ui, "common.cancel")).clicked() {
            state.confirm_remove = None;
        }
    } else if danger_button(ui, name, name).clicked() {
        state.confirm_remove = Some(target);
    }
}

fn package_ui(
    ui: &mut Ui,
    form: &mut Form<'_>,
    package: &mut AppPackage,
    at: (usize, usize),
    state: &mut AppsUi,
    actions: &mut Vec<Action>,
) {
    let (app, p) = at;
    let key = |field| FieldKey::new(Scope::AppPackage(app, p), field);
    package_header(ui, package.platform, at, state, actions);
    note(ui, "apps.package.drop_hint");
    let mut platform = Some(package.platform);
    form.choice(
        ui,
        key(Field::Platform),
        &mut platform,
        Platform::ALL,
        Platform::label,
    );
    if let Some(chosen) = platform {
        package.platform = chosen;
    }
    package_status(ui, package, at, state);
    let name_label = match package.platform {
        Platform::Ios => "field.app_package.bundle_id",
        _ => "field.app_package.package_name",
    };
    form.text_as(
        ui,
        key(Field::PackageName),
        name_label,
        &mut package.package_name,
    );
    form.long_value(ui, key(Field::PublicKey), &mut package.public_key);
    let fingerprint_label = match package.platform {
        Platform::Ios | Platform::Harmony => "field.app_package.fingerprint_sha1",
        _ => "field.app_package.fingerprint",
    };
    form.long_value_as(
        ui,
        key(Field::Fingerprint),
        fingerprint_label,
        &mut package.fingerprint,
    );
    copy_row(ui, package, at);
    if let Some(cert) = package
        .read
        .as_ref()
        .and_then(|r| certificate(&r.certificate))
    {
        renderings_ui(ui, &cert, at);
    }
}

/// A block's title, with its choose-file and remove buttons.
fn package_header(
    ui: &mut Ui,
    platform: Platform,
    at: (usize, usize),
    state: &mut AppsUi,
    actions: &mut Vec<Action>,
) {
    let (app, p) = at;
    let n = (p + 1).to_string();
    ui.horizontal_wrapped(|ui| {
        let title = tf(
            ui,
            "apps.package.title",
            &[("n", &n), ("platform", &platform.label(ui.locale()))],
        );
        ui.label(RichText::new(title).strong());
        let pick = tf(
            ui,
            "apps.package.pick_named",
            &[("n", &n), ("app", &(app + 1).to_string())],
        );
        if named_button(ui, &t(ui, "apps.package.pick"), &pick).clicked() {
            actions.push(Action::App(AppAction::Pick { app, package: p }));
        }
        let remove = tf(
            ui,
            "apps.package.remove",
            &[("n", &n), ("app", &(app + 1).to_string())],
        );
        remove_buttons(ui, (app, Some(p)), &remove, state, actions);
    });
}

/// What is happening to a block's file: being read, refused, or where its values came
/// from.
fn package_status(ui: &mut Ui, package: &AppPackage, at: (usize, usize), state: &AppsUi) {
    if let Some(file) = state.reading.get(&at) {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(tf(ui, "apps.package.reading", &[("file", file)]));
        });
    }
    if let Some(err) = state.refused.get(&at) {
        ui.label(
            RichText::new(err.user_message(ui.locale()))
                .color(theme::severity_color(ui, crate::rules::Severity::Error)),
        );
    }
    if let Some(read) = &package.read {
        source_line(ui, read);
    }
}

/// One-click copies of the values a provider's form asks for.
fn copy_row(ui: &mut Ui, package: &AppPackage, at: (usize, usize)) {
    let whose = tf(
        ui,
        "apps.package.whose",
        &[
            ("n", &(at.1 + 1).to_string()),
            ("app", &(at.0 + 1).to_string()),
        ],
    );
    ui.horizontal_wrapped(|ui| {
        ui.add_space(theme::LABEL_WIDTH + ui.spacing().item_spacing.x);
        for (label_key, value) in [
            ("apps.package.copy_name", &package.package_name),
            ("apps.package.copy_key", &package.public_key),
            ("apps.package.copy_fingerprint", &package.fingerprint),
        ] {
            let text = t(ui, label_key).into_owned();
            let name = format!("{text}（{whose}）");
            let enabled = !value.trim().is_empty();
            let response = ui
                .add_enabled_ui(enabled, |ui| named_button(ui, &text, &name))
                .inner;
            if response.clicked() {
                ui.ctx().copy_text(value.trim().to_owned());
            }
        }
    });
}

/// Where the values came from: the file, the certificate and its validity.
fn source_line(ui: &mut Ui, read: &crate::model::apps::PackageSource) {
    let until = read
        .not_after
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let scheme = t(ui, &format!("package.scheme.{}", read.scheme));
    let text = tf(
        ui,
        "apps.package.read_from",
        &[
            ("file", &read.file_name),
            ("scheme", &scheme),
            (
                "subject",
                crate::packages::cert::common_name(&read.subject).unwrap_or(&read.subject),
            ),
            ("until", &until),
        ],
    );
    ui.label(RichText::new(text).small().color(theme::weak_color(ui)));
}

/// The certificate kept as evidence (DER in base64).
fn certificate(base64: &str) -> Option<CertificateInfo> {
    let der = crate::packages::cert::base64_decode(base64)?;
    CertificateInfo::from_der(&der).ok()
}

/// The public key's other renderings, each with a copy button: the providers' forms
/// disagree on which one they want.
fn renderings_ui(ui: &mut Ui, cert: &CertificateInfo, at: (usize, usize)) {
    egui::CollapsingHeader::new(t(ui, "apps.package.other_renderings"))
        .id_salt(("app-renderings", at.0, at.1))
        .show(ui, |ui| {
            for (rendering, value) in cert.renderings() {
                let name = t(ui, &format!("package.rendering.{}", rendering.key())).into_owned();
                ui.horizontal(|ui| {
                    let copy = tf(ui, "apps.package.copy_named", &[("what", &name)]);
                    if named_button(ui, &t(ui, "apps.package.copy"), &copy).clicked() {
                        ui.ctx().copy_text(value.clone());
                    }
                    ui.label(RichText::new(&name).small());
                });
                let shown =
                    if rendering == KeyRendering::ModulusDecimal || value.chars().count() <= 96 {
                        value
                    } else {
                        let head: String = value.chars().take(48).collect();
                        let tail: String = value
                            .chars()
                            .rev()
                            .take(24)
                            .collect::<Vec<_>>()
                            .into_iter()
                            .rev()
                            .collect();
                        format!("{head}…{tail}")
                    };
                ui.add(egui::Label::new(RichText::new(shown).monospace().small()).wrap());
            }
        });
}
