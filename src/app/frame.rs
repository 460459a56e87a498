//! The frame: top bar, banner, the screen shown (start, wizard with its step list and
//! navigation, received bundle), and the save status. Drawing only; the [`Action`]s the
//! pieces return are applied by [`BeianApp::apply`].

use super::*;
use crate::i18n::Locale;

impl BeianApp {
    /// Draws one frame.
    pub fn ui(&mut self, ui: &mut Ui) {
        crate::lang::set(ui.ctx(), self.settings.locale);
        self.poll(ui.ctx());
        self.update_window_title(ui.ctx());
        let about_fresh = self.ui.about && !self.ui.about_drawn;
        self.ui.about_drawn = self.ui.about;
        // A screen or step just shown opens at its top, not at the last one's offset.
        let view = (self.ui.screen, self.ui.step, self.draft.id.clone());
        let fresh = self.ui.last_view.as_ref() != Some(&view);
        self.ui.last_view = Some(view);
        let scroll = || scroll_area(fresh);
        self.watch_idle(ui.ctx());
        let mut actions = Vec::new();
        egui::Panel::top("top_bar").show(ui, |ui| actions.extend(self.top_bar_ui(ui)));
        if let Some(lock) = &mut self.ui.lock {
            let desk = self.settings.desk_name.trim().to_owned();
            egui::CentralPanel::default().show(ui, |ui| {
                actions.extend(steps::lock_screen::ui(ui, lock, &desk));
            });
            if self.ui.about {
                actions.extend(widgets::about::ui(ui.ctx(), about_fresh));
            }
            for action in actions {
                self.apply(action, ui.ctx());
            }
            self.after_frame(ui.ctx());
            return;
        }
        if self.ui.applicant && self.ui.screen != Screen::Wizard {
            // Applicant mode shows one filing only; anything else is behind the lock.
            actions.push(Action::Staff(crate::action::StaffAction::NextApplicant));
        }
        match self.ui.screen {
            Screen::Staff => actions.extend(self.staff_screen_ui(ui, fresh)),
            Screen::Start => {
                egui::CentralPanel::default().show(ui, |ui| {
                    scroll().show(ui, |ui| {
                        actions.extend(self.banner_ui(ui));
                        actions.extend(steps::start::ui(
                            ui,
                            self.ui.library.as_ref(),
                            &mut self.ui.steps.library,
                            self.ui.interrupted.as_deref(),
                            self.clock.local_now(),
                        ));
                    });
                });
            }
            Screen::Wizard => actions.extend(self.wizard_ui(ui, fresh)),
            Screen::Bundle => actions.extend(self.bundle_screen_ui(ui, fresh)),
        }
        if self.ui.confirm_next_applicant {
            actions.extend(self.confirm_next_applicant_ui(ui.ctx()));
        }
        // Over the screen: the About box, and beian's own file picker (topmost).
        if self.ui.about {
            actions.extend(widgets::about::ui(ui.ctx(), about_fresh));
        }
        actions.extend(self.picker_ui(ui.ctx()));
        for action in actions {
            self.apply(action, ui.ctx());
        }
        self.after_frame(ui.ctx());
    }

    /// The staff settings screen (the idle time is shown in minutes, kept in seconds).
    fn staff_screen_ui(&mut self, ui: &mut Ui, fresh: bool) -> Vec<Action> {
        let mut actions = Vec::new();
        egui::CentralPanel::default().show(ui, |ui| {
            scroll_area(fresh).show(ui, |ui| {
                actions.extend(self.banner_ui(ui));
                let mut minutes = self
                    .settings
                    .auto_lock_secs
                    .unwrap_or(crate::store::storage::DEFAULT_AUTO_LOCK_SECS)
                    .div_ceil(60) as u32;
                let before = minutes;
                actions.extend(steps::staff_settings::ui(
                    ui,
                    &mut self.ui.staff,
                    &mut self.settings.desk_name,
                    &mut minutes,
                ));
                if minutes != before {
                    self.settings.auto_lock_secs = Some(u64::from(minutes) * 60);
                }
            });
        });

        actions
    }

    /// A received bundle: what its verification found, and the filing it holds.
    fn bundle_screen_ui(&mut self, ui: &mut Ui, fresh: bool) -> Vec<Action> {
        let mut actions = Vec::new();
        self.ui.materials.upload_pictures(ui.ctx());
        egui::CentralPanel::default().show(ui, |ui| {
            scroll_area(fresh)
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    actions.extend(self.banner_ui(ui));
                    if let Some(received) = &self.ui.received {
                        actions.extend(steps::received::ui(
                            ui,
                            &received.path,
                            &received.verification,
                            &self.ui.materials.thumbnails,
                            &self.ui.materials.loading,
                            &mut self.ui.countersign,
                            self.settings.staff_key.as_deref(),
                        ));
                    }
                });
        });

        actions
    }

    /// The window's title names the filing open (never while locked), so that a desk with
    /// several windows, and the task bar, say which is which.
    fn update_window_title(&mut self, ctx: &egui::Context) {
        let app = t(ctx, "app.title").into_owned();
        let title = if self.ui.screen == Screen::Wizard && !self.is_locked() {
            let name = self.draft.display_name();
            let name = if name.is_empty() {
                t(ctx, "start.unnamed").into_owned()
            } else {
                name.to_owned()
            };
            format!("{name} — {app}")
        } else {
            app
        };
        if self.ui.window_title != title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.ui.window_title = title;
        }
    }

    /// "下一位申请人" asks before it closes the applicant's filing and locks beian.
    fn confirm_next_applicant_ui(&mut self, ctx: &egui::Context) -> Vec<Action> {
        let mut actions = Vec::new();
        let mut close = false;
        let modal = egui::Modal::new(egui::Id::unique("confirm_next_applicant")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.label(RichText::new(t(ui, "applicant.next.confirm.title")).strong());
            ui.add(egui::Label::new(t(ui, "applicant.next.confirm")).wrap());
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let text = t(ui, "applicant.next.confirm.yes");
                if crate::widgets::danger_button(ui, &text, &text).clicked() {
                    actions.push(crate::action::StaffAction::NextApplicant.into());
                    close = true;
                }
                if ui.button(t(ui, "common.cancel")).clicked() {
                    close = true;
                }
            });
        });
        if close || modal.should_close() {
            self.ui.confirm_next_applicant = false;
        }
        actions
    }

    pub(super) fn top_bar_ui(&mut self, ui: &mut Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        ui.horizontal(|ui| {
            ui.label(RichText::new(t(ui, "app.title")).strong());
            ui.separator();
            if self.is_locked() {
                // Nothing but the language.
            } else if self.ui.applicant {
                ui.label(RichText::new(t(ui, "applicant.mode")).strong());
                // Asks first: the applicant's filing is on the screen beside it.
                if ui
                    .button(t(ui, "applicant.next"))
                    .on_hover_text(t(ui, "applicant.next_hint"))
                    .clicked()
                {
                    self.ui.confirm_next_applicant = true;
                }
                if ui
                    .button(t(ui, "applicant.leave"))
                    .on_hover_text(t(ui, "applicant.leave_hint"))
                    .clicked()
                {
                    actions.push(crate::action::StaffAction::Lock.into());
                }
            } else {
                actions.extend(self.staff_menu_ui(ui));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button(t(ui, "about.open")).clicked() {
                    actions.push(Action::ShowAbout);
                }
                ui.menu_button(t(ui, "view.menu"), view_menu_ui);
                for locale in Locale::ALL.into_iter().rev() {
                    let selected = self.settings.locale == locale;
                    if ui
                        .selectable_label(selected, locale.native_name())
                        .on_hover_text(t(ui, "menu.language"))
                        .clicked()
                        && !selected
                    {
                        actions.push(Action::SetLocale(locale));
                    }
                }
            });
        });
        actions
    }

    /// The top bar's buttons in staff mode.
    fn staff_menu_ui(&mut self, ui: &mut Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        {
            if self.ui.screen == Screen::Wizard {
                if ui.button(t(ui, "menu.home")).clicked() {
                    actions.push(Action::CloseDraft);
                }
                if ui.button(t(ui, "menu.save_as")).clicked() {
                    actions.push(Action::SaveAsDialog);
                }
            }
            if ui.button(t(ui, "menu.open")).clicked() {
                actions.push(Action::OpenDialog);
            }
            if ui
                .button(t(ui, "menu.open_bundle"))
                .on_hover_text(t(ui, "menu.open_bundle_hint"))
                .clicked()
            {
                actions.push(crate::action::BundleAction::OpenDialog.into());
            }
            if self.ui.screen == Screen::Start && ui.button(t(ui, "staff.open")).clicked() {
                actions.push(crate::action::StaffAction::OpenSettings.into());
            }
            if self.has_staff_key() {
                if self.ui.screen == Screen::Wizard
                    && ui
                        .button(t(ui, "applicant.hand_over"))
                        .on_hover_text(t(ui, "applicant.hand_over_hint"))
                        .clicked()
                {
                    actions.push(crate::action::StaffAction::HandOver.into());
                }
                if ui.button(t(ui, "staff.lock_now")).clicked() {
                    actions.push(crate::action::StaffAction::Lock.into());
                }
            }
        }
        actions
    }

    /// The undo offer of the last removal, above the navigation bar until it expires.
    fn undo_bar_ui(&mut self, ui: &mut Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        let now = Instant::now();
        if self.ui.undo.as_ref().is_some_and(|o| o.until <= now) {
            self.ui.undo = None;
        }
        let Some(offer) = &self.ui.undo else {
            return actions;
        };
        ui.ctx().request_repaint_after(offer.until - now);
        let what = match &offer.removed {
            crate::model::edit::Removed::Attachments(item, _) => item.label(ui.locale()),
            crate::model::edit::Removed::Face(_, photo) => self
                .draft
                .face_persons()
                .into_iter()
                .find(|p| p.key == photo.person)
                .map_or_else(
                    || t(ui, "summary.face_photo").into_owned(),
                    |p| p.photo_title(ui.locale()),
                ),
        };
        egui::Panel::bottom("undo_bar").show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal_wrapped(|ui| {
                ui.label(tf(ui, "undo.removed", &[("what", &what)]));
                if ui
                    .button(RichText::new(t(ui, "undo.undo")).strong())
                    .clicked()
                {
                    actions.push(Action::Undo);
                }
                if ui.button(t(ui, "common.dismiss")).clicked() {
                    actions.push(Action::DismissUndo);
                }
            });
            ui.add_space(4.0);
        });
        actions
    }

    pub(super) fn banner_ui(&self, ui: &mut Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        if let Some(banner) = &self.ui.banner {
            theme::banner_frame(ui, banner.severity).show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        RichText::new(banner.text(ui.locale()))
                            .color(theme::severity_color(ui, banner.severity)),
                    );
                    if ui.button(t(ui, "common.dismiss")).clicked() {
                        actions.push(Action::DismissMessage);
                    }
                });
            });
            ui.add_space(theme::SECTION_GAP);
        }
        actions
    }

    /// Another desk edits this draft: say who and since when; once their lock expired,
    /// offer to take it over (after a confirmation).
    fn read_only_ui(&self, ui: &mut Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        let Some(held) = &self.ui.read_only else {
            return actions;
        };
        let desk = if held.desk.is_empty() {
            t(ui, "lock.unknown_desk").into_owned()
        } else {
            held.desk.clone()
        };
        let since = held
            .since
            .with_timezone(&chrono::Local)
            .format("%H:%M")
            .to_string();
        let stale = held.is_stale(chrono::Utc::now());
        theme::banner_frame(ui, Severity::Warning).show(ui, |ui| {
            ui.label(
                RichText::new(tf(ui, "lock.held", &[("desk", &desk), ("time", &since)])).strong(),
            );
            let minutes = crate::library::locks::LOCK_EXPIRY_MINUTES.to_string();
            if !stale {
                ui.label(tf(ui, "lock.read_only", &[("minutes", &minutes)]));
            } else if self.ui.confirm_take_over {
                ui.label(tf(ui, "lock.take_over.confirm", &[("desk", &desk)]));
                ui.horizontal(|ui| {
                    if ui.button(t(ui, "lock.take_over.yes")).clicked() {
                        actions.push(Action::TakeOverLock);
                    }
                    if ui.button(t(ui, "lock.take_over.no")).clicked() {
                        actions.push(Action::CancelTakeOver);
                    }
                });
            } else {
                ui.label(tf(ui, "lock.stale", &[("minutes", &minutes)]));
                if ui.button(t(ui, "lock.take_over")).clicked() {
                    actions.push(Action::AskTakeOver);
                }
            }
        });
        ui.add_space(theme::SECTION_GAP);
        actions
    }

    pub(super) fn wizard_ui(&mut self, ui: &mut Ui, fresh: bool) -> Vec<Action> {
        let mut actions = Vec::new();
        egui::Panel::left("step_list")
            .exact_size(theme::STEP_LIST_WIDTH)
            .resizable(false)
            .show(ui, |ui| {
                actions.extend(widgets::step_list::ui(
                    ui,
                    self.ui.step,
                    &self.report,
                    self.draft.services_held(),
                ))
            });
        let (status_text, failed) = self.save_status_text(ui.locale());
        egui::Panel::bottom("nav_bar").show(ui, |ui| {
            ui.add_space(4.0);
            actions.extend(widgets::nav::ui(ui, self.ui.step, &status_text, failed));
            ui.add_space(4.0);
        });
        actions.extend(self.undo_bar_ui(ui));
        egui::CentralPanel::default().show(ui, |ui| {
            scroll_area(fresh)
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    // Forms and their text keep a readable width in a wide window.
                    ui.set_max_width(ui.available_width().min(theme::READABLE_WIDTH));
                    actions.extend(self.banner_ui(ui));
                    actions.extend(self.read_only_ui(ui));
                    let editable = self.ui.read_only.is_none();
                    let step = self.ui.step;
                    step_heading_ui(ui, step, self.draft.services_held());
                    if step == Step::Materials {
                        self.poll_camera(ui.ctx());
                    }
                    actions.extend(self.step_body_ui(ui, step, editable));
                    ui.add_space(24.0);
                });
        });
        actions
    }

    /// The step's form, and the actions it asked for (only moving around when the filing
    /// is shown read-only).
    fn step_body_ui(&mut self, ui: &mut Ui, step: Step, editable: bool) -> Vec<Action> {
        let mut form = Form {
            report: &self.report,
            reveal_required: self.ui.revealed.contains(&step),
            focus: &mut self.ui.focus,
            actions: Vec::new(),
        };
        if !editable {
            ui.disable();
        }
        let step_actions = match step {
            Step::FilingType => {
                self.ui.materials.upload_pictures(ui.ctx());
                steps::filing_type::ui(ui, &mut self.draft, &mut form, &mut self.ui.materials)
            }
            Step::Subject => steps::subject::ui(ui, &mut self.draft, &mut form),
            Step::Websites => {
                let mut actions =
                    steps::websites::ui(ui, &mut self.draft, &mut form, &mut self.ui.steps);
                if self.draft.procedure().asks_website_details() {
                    actions.extend(steps::apps::ui(
                        ui,
                        &mut self.draft,
                        &mut form,
                        &mut self.ui.apps,
                    ));
                    actions.extend(steps::minis::ui(
                        ui,
                        &mut self.draft,
                        &mut form,
                        &mut self.ui.apps.confirm_remove_mini,
                    ));
                }
                actions
            }
            Step::Materials => {
                self.ui.materials.upload_pictures(ui.ctx());
                let reveal = self.ui.revealed.contains(&Step::Materials);
                steps::materials::ui(
                    ui,
                    &self.draft,
                    &self.report,
                    reveal,
                    &mut self.ui.materials,
                    &mut self.ui.face,
                )
            }
            Step::Review => steps::review::ui(
                ui,
                &self.draft,
                &self.report,
                &mut self.ui.export,
                &self.ui.materials,
            ),
            Step::Tracking => {
                let steps = &mut self.ui.steps;
                steps.tracking.staff = !self.ui.applicant;
                steps::tracking::ui(
                    ui,
                    &self.draft,
                    &mut steps.event_note,
                    &mut steps.tracking,
                    self.clock.local_now(),
                )
            }
        };
        // Read-only: only moving around is possible.
        let step_actions = step_actions.into_iter().chain(form.actions);
        step_actions
            .filter(|a| {
                editable
                    || matches!(
                        a,
                        Action::GoTo(_) | Action::GoToStep(_) | Action::Next | Action::Back
                    )
            })
            .collect()
    }

    pub(super) fn save_status_text(&self, locale: Locale) -> (String, bool) {
        match &self.ui.save_status {
            SaveStatus::Idle => (String::new(), false),
            SaveStatus::Saving => (t(&locale, "save.saving").into_owned(), false),
            SaveStatus::Saved(time) => (tf(&locale, "save.saved_at", &[("time", time)]), false),
            SaveStatus::Failed(err) => (
                tf(
                    &locale,
                    "save.failed",
                    &[("detail", &err.user_message(locale))],
                ),
                true,
            ),
            SaveStatus::SaverStopped => (t(&locale, "save.saver_stopped").into_owned(), true),
        }
    }
}

/// The View menu: the colours (following the system, or light, or dark) and the text
/// size (also Ctrl + = / Ctrl + - / Ctrl + 0). egui keeps both with the window's size in
/// the window state, so they are there next time.
fn view_menu_ui(ui: &mut Ui) {
    use egui::gui_zoom::kb_shortcuts;
    ui.label(RichText::new(t(ui, "view.theme")).strong());
    let mut preference = ui.ctx().options(|o| o.theme_preference);
    let before = preference;
    for (choice, key) in [
        (egui::ThemePreference::System, "view.theme_system"),
        (egui::ThemePreference::Light, "view.theme_light"),
        (egui::ThemePreference::Dark, "view.theme_dark"),
    ] {
        ui.radio_value(&mut preference, choice, t(ui, key));
    }
    if preference != before {
        ui.ctx().set_theme(preference);
    }
    ui.separator();
    let percent = (ui.ctx().zoom_factor() * 100.0).round().to_string();
    ui.label(RichText::new(tf(ui, "view.zoom", &[("percent", &percent)])).strong());
    let ctx = ui.ctx().clone();
    for (key, shortcut) in [
        ("view.zoom_in", kb_shortcuts::ZOOM_IN),
        ("view.zoom_out", kb_shortcuts::ZOOM_OUT),
        ("view.zoom_reset", kb_shortcuts::ZOOM_RESET),
    ] {
        let button = egui::Button::new(t(ui, key)).shortcut_text(ctx.format_shortcut(&shortcut));
        if ui.add(button).clicked() {
            match key {
                "view.zoom_in" => egui::gui_zoom::zoom_in(&ctx),
                "view.zoom_out" => egui::gui_zoom::zoom_out(&ctx),
                _ => ctx.set_zoom_factor(1.0),
            }
        }
    }
    ui.separator();
    ui.label(
        RichText::new(t(ui, "view.remembered"))
            .small()
            .color(theme::weak_color(ui)),
    );
}

/// The vertical scroll area of a screen; `fresh` (just shown) opens it at its top.
fn scroll_area(fresh: bool) -> egui::ScrollArea {
    let area = egui::ScrollArea::vertical();
    if fresh {
        area.vertical_scroll_offset(0.0)
    } else {
        area
    }
}

/// "Step N: title" and what the step asks.
fn step_heading_ui(ui: &mut Ui, step: Step, held: crate::model::step::ServicesHeld) {
    ui.label(
        RichText::new(tf(
            ui,
            "step.heading",
            &[
                ("n", &(step.index() + 1).to_string()),
                ("title", &t(ui, &step.title_key_for(held))),
            ],
        ))
        .size(theme::TITLE_SIZE)
        .strong(),
    );
    ui.label(RichText::new(t(ui, &step.intro_key_for(held))).color(theme::weak_color(ui)));
}
