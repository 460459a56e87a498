//! The face verification photo, inside step 4: live preview with an oval guide, each
//! check as a light with its message, capture only after the checks pass over several
//! frames in a row (or automatically), acceptance or retake, "use an existing photo",
//! and a help-desk override recorded with its reason; one card per person who must verify.

use egui::{Color32, RichText, Ui};

use crate::action::{Action, FaceAction};
use crate::camera::CameraChoice;
use crate::camera::native::CameraInfo;
use crate::i18n::Locale;
use crate::lang::{Lang as _, t, tf};
use crate::model::Draft;
use crate::model::draft::FacePhoto;
use crate::model::edit::Edit;
use crate::model::face::FacePerson;
use crate::rules::{Severity, StepStatus};
use crate::theme;
use crate::vision::PreCheck;
use crate::widgets::named_button;

/// Transient state of the face photo section.
#[derive(Default)]
pub struct FaceUi {
    /// The running camera, if any.
    pub worker: Option<crate::camera::worker::CameraWorker>,
    /// The preview texture.
    pub preview: Option<egui::TextureHandle>,
    /// The newest pre-check and the frame it judged.
    pub last_check: Option<(std::sync::Arc<image::RgbImage>, PreCheck)>,
    /// Passing checks in a row.
    pub stable: u32,
    /// Take the photo as soon as the checks are stable.
    pub auto_capture: bool,
    /// Webcams found.
    pub cameras: Vec<CameraInfo>,
    /// The chosen source.
    pub choice: Option<CameraChoice>,
    /// The last camera or detector problem, translated.
    pub error: Option<crate::services::JobError>,
    /// Whether the webcams have been looked for since the section was shown.
    pub listed: bool,
    /// Whether the last look found none.
    pub no_camera: bool,
    /// The person the camera was started for (a [`FacePerson`] key).
    pub target: Option<String>,
    /// The reason typed for an override, per person.
    pub override_reasons: std::collections::HashMap<String, String>,
    /// The camera was just started: bring its preview and the capture button into view.
    pub reveal_preview: bool,
    /// People retaking their photo, with the photo they had (its SHA-256): it is kept,
    /// and shown, until a new one replaces it or the retake is cancelled.
    pub retaking: std::collections::HashMap<String, String>,
}

impl std::fmt::Debug for FaceUi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FaceUi")
            .field("stable", &self.stable)
            .field("error", &self.error)
            .finish_non_exhaustive()
    }
}

/// Frames in a row that must pass before capture.
pub fn stable_needed() -> u32 {
    crate::vision::Limits::get().map_or(8, |l| l.stable_frames)
}

/// Draws the face photo section: the camera choice, then one card per person who must
/// verify ([`Draft::face_persons`]), each with its photo or the ways to take it. The camera
/// is shared: its live preview shows in the card of the person it was started for.
pub fn ui(
    ui: &mut Ui,
    draft: &Draft,
    state: &mut FaceUi,
    thumbnails: &std::collections::HashMap<String, egui::TextureHandle>,
) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.add_space(theme::SECTION_GAP);
    ui.label(RichText::new(t(ui, "face.title")).heading());
    ui.separator();
    ui.label(
        RichText::new(t(ui, "face.intro"))
            .small()
            .color(theme::weak_color(ui)),
    );
    let people = draft.face_photos();
    if people.len() > 1 {
        ui.label(
            RichText::new(tf(ui, "face.several", &[("n", &people.len().to_string())]))
                .small()
                .color(theme::weak_color(ui)),
        );
    }
    // A retake ends when a new photo replaced the one it started from (or it is gone).
    state.retaking.retain(|key, sha| {
        people
            .iter()
            .any(|(p, photo)| &p.key == key && photo.is_some_and(|photo| &photo.sha256 == sha))
    });
    let waiting = people
        .iter()
        .any(|(person, photo)| photo.is_none() || state.retaking.contains_key(&person.key));
    if waiting {
        camera_choice_ui(ui, state, &mut actions);
    }
    for (person, photo) in &people {
        // Each card has an id of its own, so that what changes above it (the camera list
        // arriving) does not renumber the widgets inside.
        ui.push_id(("face_card", &person.key), |ui| {
            theme::card_frame(ui).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(RichText::new(person.label(ui.locale())).strong());
                match photo {
                    Some(photo) if state.retaking.contains_key(&person.key) => {
                        retake_ui(ui, person, photo, state, thumbnails, &mut actions);
                    }
                    Some(photo) => photo_ui(ui, person, photo, state, thumbnails, &mut actions),
                    None => capture_ui(ui, person, state, &mut actions),
                }
            });
        });
        ui.add_space(theme::SECTION_GAP);
    }
    actions
}

/// The accessible name of a per-person button: what it does and for whom.
fn for_person(locale: Locale, action: &str, person: &FacePerson) -> String {
    tf(
        &locale,
        "face.for_person",
        &[("action", action), ("person", &person.label(locale))],
    )
}

fn photo_ui(
    ui: &mut Ui,
    person: &FacePerson,
    photo: &FacePhoto,
    state: &mut FaceUi,
    thumbnails: &std::collections::HashMap<String, egui::TextureHandle>,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        thumbnail_ui(ui, photo, thumbnails, egui::vec2(150.0, 200.0), actions);
        ui.vertical(|ui| {
            let (text, color) = if photo.passed {
                (
                    t(ui, "face.accepted"),
                    theme::status_color(ui, StepStatus::Complete),
                )
            } else if !photo.override_reason.is_empty() {
                (
                    t(ui, "face.overridden"),
                    theme::severity_color(ui, Severity::Warning),
                )
            } else {
                (
                    t(ui, "face.failed"),
                    theme::severity_color(ui, Severity::Error),
                )
            };
            ui.label(RichText::new(text).color(color));
            if !photo.passed {
                failed_checks_ui(ui, photo);
            }
            let reason = state
                .override_reasons
                .entry(person.key.clone())
                .or_default();
            if !photo.passed && photo.override_reason.is_empty() {
                override_ui(ui, person, reason, actions);
            }
            // Stable ids: the thumbnail beside them may arrive a frame later.
            ui.push_id(("photo_actions", &person.key), |ui| {
                ui.horizontal_wrapped(|ui| {
                    // Retaking keeps this photo until a new one is taken.
                    let text = t(ui, "face.retake");
                    if named_button(ui, &text, &for_person(ui.locale(), &text, person)).clicked() {
                        reason.clear();
                        state
                            .retaking
                            .insert(person.key.clone(), photo.sha256.clone());
                    }
                    let text = t(ui, "face.discard");
                    if crate::widgets::danger_button(
                        ui,
                        &text,
                        &for_person(ui.locale(), &text, person),
                    )
                    .clicked()
                    {
                        reason.clear();
                        actions.push(Action::Remove(crate::action::Removal::Face(
                            person.key.clone(),
                        )));
                    }
                })
            });
        });
    });
}

/// A help-desk reason to accept a photo that failed a check, and the button that does.
fn override_ui(ui: &mut Ui, person: &FacePerson, reason: &mut String, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        let label = ui.label(t(ui, "face.override_reason"));
        ui.add(
            egui::TextEdit::singleline(reason)
                .id_salt(("face_override", &person.key))
                .desired_width(260.0),
        )
        .labelled_by(label.id);
        let ok = !reason.trim().is_empty();
        let text = t(ui, "face.override");
        if ui
            .add_enabled_ui(ok, |ui| {
                named_button(ui, &text, &for_person(ui.locale(), &text, person))
            })
            .inner
            .clicked()
        {
            actions.push(
                Edit::OverrideFace {
                    person: person.key.clone(),
                    reason: reason.trim().to_owned(),
                }
                .into(),
            );
        }
    });
}

fn camera_choice_ui(ui: &mut Ui, state: &mut FaceUi, actions: &mut Vec<Action>) {
    if !state.listed {
        state.listed = true;
        actions.push(FaceAction::ListCameras.into());
    }
    if state.no_camera {
        ui.label(
            RichText::new(t(ui, "face.no_camera_hint"))
                .small()
                .color(theme::weak_color(ui)),
        );
    }
    ui.horizontal_wrapped(|ui| {
        let selected = match &state.choice {
            Some(CameraChoice::Native(i)) => {
                state.cameras.iter().find(|c| c.index == *i).map_or_else(
                    || tf(ui, "face.camera_n", &[("n", &i.to_string())]),
                    |c| c.name.clone(),
                )
            }
            Some(CameraChoice::File(p)) => tf(
                ui,
                "face.camera_file",
                &[("path", &p.display().to_string())],
            ),
            Some(CameraChoice::Demo) => t(ui, "face.demo_camera").into_owned(),
            None => t(ui, "face.choose_camera").into_owned(),
        };
        let label = ui.label(t(ui, "face.camera"));
        egui::ComboBox::from_id_salt("camera_choice")
            .selected_text(selected)
            .show_ui(ui, |ui| {
                for c in &state.cameras {
                    if ui.selectable_label(false, &c.name).clicked() {
                        state.choice = Some(CameraChoice::Native(c.index));
                    }
                }
                if ui
                    .selectable_label(false, t(ui, "face.demo_camera"))
                    .clicked()
                {
                    state.choice = Some(CameraChoice::Demo);
                }
            })
            .response
            .labelled_by(label.id);
        if ui.button(t(ui, "face.refresh_cameras")).clicked() {
            actions.push(FaceAction::ListCameras.into());
        }
        if state.worker.is_some() && ui.button(t(ui, "face.stop")).clicked() {
            actions.push(FaceAction::StopCamera.into());
        }
    });
    if let Some(error) = &state.error {
        ui.label(
            RichText::new(format!("■ {}", error.user_message(ui.locale())))
                .color(theme::severity_color(ui, Severity::Error)),
        );
    }
}

/// The photo's picture within `max`, or a spinner while it is made.
fn thumbnail_ui(
    ui: &mut Ui,
    photo: &FacePhoto,
    thumbnails: &std::collections::HashMap<String, egui::TextureHandle>,
    max: egui::Vec2,
    actions: &mut Vec<Action>,
) {
    match thumbnails.get(&photo.sha256) {
        Some(tex) => {
            ui.add(egui::Image::from_texture(tex).max_size(max));
        }
        None => {
            ui.spinner();
            actions.push(FaceAction::LoadThumbnail(photo.sha256.clone()).into());
        }
    }
}

/// The checks a photo failed, each with what to change (as the live camera says them).
fn failed_checks_ui(ui: &mut Ui, photo: &FacePhoto) {
    let Some(report) = &photo.report else {
        return;
    };
    for c in report.checks.iter().filter(|c| !c.passed) {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("■").color(theme::severity_color(ui, Severity::Error)));
            ui.label(RichText::new(t(ui, &c.id.name_key())).strong());
            ui.label(t(ui, &c.guidance_key));
        });
    }
}

/// A retake in progress: the photo kept so far, small, and the ways to take a new one;
/// cancelling keeps the photo.
fn retake_ui(
    ui: &mut Ui,
    person: &FacePerson,
    photo: &FacePhoto,
    state: &mut FaceUi,
    thumbnails: &std::collections::HashMap<String, egui::TextureHandle>,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        thumbnail_ui(ui, photo, thumbnails, egui::vec2(60.0, 80.0), actions);
        ui.vertical(|ui| {
            ui.label(
                RichText::new(t(ui, "face.retake.kept"))
                    .small()
                    .color(theme::weak_color(ui)),
            );
            let text = t(ui, "face.retake.cancel");
            // A stable id: the thumbnail beside it may arrive a frame later.
            let cancel = ui
                .push_id(("retake_cancel", &person.key), |ui| {
                    named_button(ui, &text, &for_person(ui.locale(), &text, person))
                })
                .inner;
            if cancel.clicked() {
                state.retaking.remove(&person.key);
                if state.target.as_deref() == Some(person.key.as_str()) {
                    actions.push(FaceAction::StopCamera.into());
                }
            }
        });
    });
    capture_ui(ui, person, state, actions);
}

/// The ways to take one person's photo; the live preview when the camera runs for them.
fn capture_ui(ui: &mut Ui, person: &FacePerson, state: &mut FaceUi, actions: &mut Vec<Action>) {
    let is_target = state.target.as_deref() == Some(person.key.as_str());
    ui.horizontal_wrapped(|ui| {
        if state.worker.is_none() || !is_target {
            let text = t(ui, "face.start");
            if ui
                .add_enabled_ui(state.choice.is_some(), |ui| {
                    named_button(ui, &text, &for_person(ui.locale(), &text, person))
                })
                .inner
                .clicked()
                && let Some(choice) = state.choice.clone()
            {
                actions.push(
                    FaceAction::StartCamera {
                        person: person.key.clone(),
                        choice,
                    }
                    .into(),
                );
            }
        }
        let text = t(ui, "face.use_file");
        if named_button(ui, &text, &for_person(ui.locale(), &text, person)).clicked() {
            actions.push(FaceAction::PickPhoto(person.key.clone()).into());
        }
    });
    if is_target && (state.worker.is_some() || state.last_check.is_some()) {
        live_ui(ui, person, state, actions);
    }
}

fn live_ui(ui: &mut Ui, person: &FacePerson, state: &mut FaceUi, actions: &mut Vec<Action>) {
    let row = ui.horizontal_top(|ui| {
        preview_ui(ui, state);
        // Beside the preview: what to do now, the capture button, then only the checks
        // that fail (the passing ones as a count), so the button never moves away.
        ui.vertical(|ui| guidance_ui(ui, person, state, actions));
    });
    // Just started: once the first frame shows, bring the preview and the button into
    // view, not the form above them.
    if state.preview.is_some() && std::mem::take(&mut state.reveal_preview) {
        row.response.scroll_to_me(Some(egui::Align::Center));
    }
}

/// The camera's picture with the oval where the face should be (green once it passes).
fn preview_ui(ui: &mut Ui, state: &FaceUi) {
    if let Some(tex) = &state.preview {
        let size = tex.size_vec2() * (480.0 / tex.size_vec2().x.max(1.0));
        let response = ui.add(egui::Image::from_texture(tex).fit_to_exact_size(size));
        // The oval guide where the face should be.
        let r = response.rect;
        let centre = egui::pos2(r.center().x, r.top() + r.height() * 0.45);
        let radius = egui::vec2(r.width() * 0.17, r.height() * 0.30);
        let passed = state.last_check.as_ref().is_some_and(|(_, c)| c.passed());
        let colour = if passed {
            theme::status_color(ui, StepStatus::Complete)
        } else {
            Color32::WHITE
        };
        ui.painter().add(egui::epaint::EllipseShape::stroke(
            centre,
            radius,
            egui::Stroke::new(2.0, colour),
        ));
    } else {
        ui.spinner();
    }
}

/// Beside the preview: what to do now, the capture button, the failing checks.
fn guidance_ui(ui: &mut Ui, person: &FacePerson, state: &mut FaceUi, actions: &mut Vec<Action>) {
    if let Some((_, check)) = &state.last_check {
        if let Some(first) = check.first_failure() {
            ui.label(
                RichText::new(t(ui, &first.guidance_key))
                    .strong()
                    .color(theme::severity_color(ui, Severity::Warning)),
            );
        } else {
            ui.label(
                RichText::new(t(ui, "face.all_good"))
                    .strong()
                    .color(theme::status_color(ui, StepStatus::Complete)),
            );
        }
    }
    let needed = stable_needed();
    ui.label(
        RichText::new(tf(
            ui,
            "face.stable",
            &[
                ("n", &state.stable.min(needed).to_string()),
                ("of", &needed.to_string()),
            ],
        ))
        .small(),
    );
    let ready = state.stable >= needed;
    if ui
        .add_enabled(
            ready,
            egui::Button::new(RichText::new(t(ui, "face.capture")).strong()),
        )
        .clicked()
    {
        actions.push(FaceAction::Capture(person.key.clone()).into());
    }
    ui.checkbox(&mut state.auto_capture, t(ui, "face.auto_capture"));
    ui.label(
        RichText::new(t(ui, "face.confirm_checklist"))
            .small()
            .color(theme::weak_color(ui)),
    );
    if let Some((_, check)) = &state.last_check {
        ui.add_space(6.0);
        let passing = check.checks.iter().filter(|c| c.passed).count();
        for c in check.checks.iter().filter(|c| !c.passed) {
            ui.horizontal(|ui| {
                ui.label(RichText::new("■").color(theme::severity_color(ui, Severity::Error)));
                ui.label(RichText::new(t(ui, &c.id.name_key())).small());
            });
        }
        ui.horizontal(|ui| {
            ui.label(RichText::new("●").color(theme::status_color(ui, StepStatus::Complete)));
            ui.label(
                RichText::new(tf(
                    ui,
                    "face.checks_passing",
                    &[
                        ("n", &passing.to_string()),
                        ("of", &check.checks.len().to_string()),
                    ],
                ))
                .small(),
            );
        });
    }
}
