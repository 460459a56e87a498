//! Form rows: a label, an input bound to a draft field, and the field's issues under it.
//! Every input is labelled for screen readers (and so for UI tests), and takes the keyboard
//! focus when the user jumps to its field from the review step.

use egui::{Align, Layout, RichText, Ui};

use crate::lang::{Lang as _, t};
use crate::model::draft::Validity;
use crate::model::{Field, FieldKey, Scope};
use crate::rules::{Report, Severity};
use crate::theme;

/// What form rows need to know: the report, whether empty required fields are flagged
/// yet, and which field should take the focus.
pub struct Form<'a> {
    /// The current report.
    pub report: &'a Report,
    /// Whether to show "required" issues (after the user moved past the step, or came
    /// from the review step).
    pub reveal_required: bool,
    /// The field to focus, taken by the row that draws it.
    pub focus: &'a mut Option<FieldKey>,
    /// What the rows' own buttons asked for (e.g. 核对无误 under a value read from a
    /// document); the caller adds them to the step's actions.
    pub actions: Vec<crate::action::Action>,
}

impl Form<'_> {
    fn label(&self, ui: &mut Ui, key: FieldKey, label_key: &str) -> egui::Response {
        let required = self.report.is_required(key);
        let size = egui::vec2(theme::LABEL_WIDTH, ui.spacing().interact_size.y);
        ui.allocate_ui_with_layout(size, Layout::right_to_left(Align::Center), |ui| {
            if required {
                ui.label(RichText::new("*").color(theme::required_color(ui)));
            }
            ui.add(egui::Label::new(t(ui, label_key)).wrap())
        })
        .inner
    }

    fn take_focus(&mut self, key: FieldKey, response: &egui::Response) {
        if *self.focus == Some(key) {
            response.request_focus();
            response.scroll_to_me(Some(Align::Center));
            *self.focus = None;
        }
    }

    /// Shows the issues of a field under its input; a value read from a document and not
    /// confirmed yet has its 核对无误 button here too, where the mark is shown.
    pub fn issues(&mut self, ui: &mut Ui, key: FieldKey) {
        self.issues_unless_typing(ui, key, None);
    }

    /// Like [`Form::issues`], quiet while the user is typing into `input` (the field's
    /// input): a number half typed is not an error yet; its issues show when the field
    /// loses the focus. Issues that would appear while a mouse button is held wait for its
    /// release, so that nothing moves under a click.
    fn issues_unless_typing(&mut self, ui: &mut Ui, key: FieldKey, input: Option<&egui::Response>) {
        let typing_id = egui::Id::unique(("form-typing", key.widget_salt()));
        let shown_id = egui::Id::unique(("form-issues-shown", key.widget_salt()));
        let mut typing = ui.data(|d| d.get_temp::<bool>(typing_id)).unwrap_or(false);
        if let Some(input) = input {
            if input.changed() && input.has_focus() {
                typing = true;
            }
            if !input.has_focus() {
                typing = false;
            }
        }
        ui.data_mut(|d| d.insert_temp(typing_id, typing));
        if typing {
            return;
        }
        let any = self
            .report
            .for_field(key)
            .any(|i| !i.is_missing() || self.reveal_required);
        let shown_before = ui.data(|d| d.get_temp::<bool>(shown_id)).unwrap_or(false);
        if any && !shown_before && ui.input(|i| i.pointer.any_down()) {
            ui.ctx().request_repaint();
            return;
        }
        ui.data_mut(|d| d.insert_temp(shown_id, any));
        let mut confirm = false;
        for issue in self.report.for_field(key) {
            if issue.is_missing() && !self.reveal_required {
                continue;
            }
            ui.horizontal(|ui| {
                ui.add_space(theme::LABEL_WIDTH + ui.spacing().item_spacing.x);
                let mark = match issue.severity {
                    Severity::Error => "■",
                    Severity::Warning => "▲",
                    Severity::Notice => "•",
                };
                ui.add(
                    egui::Label::new(
                        RichText::new(format!("{mark} {}", issue.message(ui.locale())))
                            .color(theme::severity_color(ui, issue.severity))
                            .small(),
                    )
                    .wrap(),
                );
            });
            if issue.code == crate::model::IssueCode::ReadFromDocument {
                ui.horizontal(|ui| {
                    ui.add_space(theme::LABEL_WIDTH + ui.spacing().item_spacing.x);
                    confirm |= confirm_reading_button(ui, key).clicked();
                });
            }
        }
        if confirm {
            self.actions
                .push(crate::model::edit::Edit::ConfirmReading(key).into());
        }
    }

    /// A one-line text field labelled with the field's own name.
    pub fn text(&mut self, ui: &mut Ui, key: FieldKey, value: &mut String) -> egui::Response {
        let label_key = key.label_key();
        self.text_as(ui, key, &label_key, value)
    }

    /// A one-line text field with a label other than the field's name.
    pub fn text_as(
        &mut self,
        ui: &mut Ui,
        key: FieldKey,
        label_key: &str,
        value: &mut String,
    ) -> egui::Response {
        self.text_input(ui, key, label_key, value, false)
    }

    /// A password field (the characters are hidden).
    pub fn password(&mut self, ui: &mut Ui, key: FieldKey, value: &mut String) -> egui::Response {
        let label_key = key.label_key();
        self.text_input(ui, key, &label_key, value, true)
    }

    fn text_input(
        &mut self,
        ui: &mut Ui,
        key: FieldKey,
        label_key: &str,
        value: &mut String,
        is_password: bool,
    ) -> egui::Response {
        let hint_key = format!("hint.{}", &label_key["field.".len().min(label_key.len())..]);
        let response = ui
            .horizontal(|ui| {
                let label = self.label(ui, key, label_key);
                let mut edit = egui::TextEdit::singleline(value)
                    .id_salt(key.widget_salt())
                    .desired_width(theme::INPUT_WIDTH)
                    .password(is_password);
                if crate::i18n::has_key(ui.locale(), &hint_key) {
                    edit = edit.hint_text(t(ui, &hint_key));
                }
                ui.add(edit).labelled_by(label.id)
            })
            .inner;
        if response.lost_focus() {
            normalise_date(key, value);
        }
        self.take_focus(key, &response);
        self.issues_unless_typing(ui, key, Some(&response));
        response
    }

    /// A multi-line text field.
    pub fn multiline(&mut self, ui: &mut Ui, key: FieldKey, value: &mut String) -> egui::Response {
        let label_key = key.label_key();
        let response = ui
            .horizontal(|ui| {
                let label = self.label(ui, key, &label_key);
                ui.add(
                    egui::TextEdit::multiline(value)
                        .id_salt(key.widget_salt())
                        .desired_width(theme::INPUT_WIDTH)
                        .desired_rows(3),
                )
                .labelled_by(label.id)
            })
            .inner;
        self.take_focus(key, &response);
        self.issues(ui, key);
        response
    }

    /// A long value without spaces (a public key in hex): wrapped in a box of at most four
    /// lines that scrolls, so that 500 characters do not push the form away.
    pub fn long_value(&mut self, ui: &mut Ui, key: FieldKey, value: &mut String) -> egui::Response {
        let label_key = key.label_key();
        self.long_value_as(ui, key, &label_key, value)
    }

    /// A long value with a label other than the field's name.
    pub fn long_value_as(
        &mut self,
        ui: &mut Ui,
        key: FieldKey,
        label_key: &str,
        value: &mut String,
    ) -> egui::Response {
        let response = ui
            .horizontal(|ui| {
                let label = self.label(ui, key, label_key);
                let rows = 4.0;
                let height = ui.text_style_height(&egui::TextStyle::Body) * rows + 8.0;
                egui::ScrollArea::vertical()
                    .id_salt(("long-value", key.widget_salt()))
                    .max_height(height)
                    .show(ui, |ui| {
                        ui.add(
                            egui::TextEdit::multiline(value)
                                .id_salt(key.widget_salt())
                                .desired_width(theme::INPUT_WIDTH)
                                .desired_rows(2),
                        )
                        .labelled_by(label.id)
                    })
                    .inner
            })
            .inner;
        self.take_focus(key, &response);
        self.issues(ui, key);
        response
    }

    /// A value carried over from an earlier step, shown read-only.
    pub fn read_only(&mut self, ui: &mut Ui, label_key: &str, value: &str) {
        ui.horizontal(|ui| {
            let size = egui::vec2(theme::LABEL_WIDTH, ui.spacing().interact_size.y);
            ui.allocate_ui_with_layout(size, Layout::right_to_left(Align::Center), |ui| {
                ui.label(t(ui, label_key));
            });
            let shown = if value.trim().is_empty() {
                RichText::new(t(ui, "common.not_filled")).color(theme::weak_color(ui))
            } else {
                RichText::new(value).strong()
            };
            ui.label(shown);
            ui.label(
                RichText::new(t(ui, "common.from_type_step"))
                    .color(theme::weak_color(ui))
                    .small(),
            );
        });
    }

    /// A drop-down choice of one of `options` (or none yet).
    pub fn choice<T: Copy + PartialEq>(
        &mut self,
        ui: &mut Ui,
        key: FieldKey,
        value: &mut Option<T>,
        options: &[T],
        name: impl Fn(T, crate::i18n::Locale) -> String,
    ) -> egui::Response {
        let label_key = key.label_key();
        let locale = ui.locale();
        let response = ui
            .horizontal(|ui| {
                let label = self.label(ui, key, &label_key);
                let selected =
                    value.map_or_else(|| t(ui, "common.choose").into_owned(), |v| name(v, locale));
                let mut changed = false;
                let mut response = egui::ComboBox::from_id_salt(key.widget_salt())
                    .width(theme::INPUT_WIDTH)
                    .selected_text(selected)
                    .show_ui(ui, |ui| {
                        for option in options {
                            if ui
                                .selectable_label(*value == Some(*option), name(*option, locale))
                                .clicked()
                            {
                                *value = Some(*option);
                                changed = true;
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
                if changed {
                    response.mark_changed();
                }
                response
            })
            .inner;
        self.take_focus(key, &response);
        self.issues(ui, key);
        response
    }

    /// A drop-down choice of a region code among `(code, name)` options, with a filter box
    /// at the top (typing 广东 or 4403 narrows the list).
    pub fn region(
        &mut self,
        ui: &mut Ui,
        key: FieldKey,
        value: &mut String,
        options: &[(&str, &str)],
    ) -> bool {
        let label_key = key.label_key();
        let mut changed = false;
        let filter_id = ui.make_persistent_id((key.widget_salt(), "filter"));
        let mut filter: String = ui.data_mut(|d| d.get_temp(filter_id)).unwrap_or_default();
        let response = ui
            .horizontal(|ui| {
                let label = self.label(ui, key, &label_key);
                let selected = options
                    .iter()
                    .find(|(code, _)| *code == value.as_str())
                    .map_or_else(
                        || t(ui, "common.choose").into_owned(),
                        |(_, n)| (*n).to_owned(),
                    );
                egui::ComboBox::from_id_salt(key.widget_salt())
                    .width(theme::INPUT_WIDTH)
                    .height(360.0)
                    .selected_text(selected)
                    .show_ui(ui, |ui| {
                        let filter_label = ui.label(t(ui, "common.filter"));
                        let edit = ui
                            .add(
                                egui::TextEdit::singleline(&mut filter)
                                    .id_salt((key.widget_salt(), "filter_input"))
                                    .hint_text(t(ui, "hint.filter")),
                            )
                            .labelled_by(filter_label.id);
                        if !edit.has_focus() && !edit.lost_focus() && filter.is_empty() {
                            edit.request_focus();
                        }
                        let needle = filter.trim();
                        let mut shown = 0;
                        for (code, name) in options {
                            if !needle.is_empty()
                                && !name.contains(needle)
                                && !code.starts_with(needle)
                            {
                                continue;
                            }
                            shown += 1;
                            if ui
                                .selectable_label(value.as_str() == *code, *name)
                                .clicked()
                            {
                                *value = (*code).to_owned();
                                changed = true;
                            }
                        }
                        if shown == 0 {
                            ui.label(
                                RichText::new(t(ui, "common.no_match"))
                                    .color(theme::weak_color(ui)),
                            );
                        }
                    })
                    .response
                    .labelled_by(label.id)
            })
            .inner;
        if changed {
            filter.clear();
        }
        ui.data_mut(|d| d.insert_temp(filter_id, filter));
        self.take_focus(key, &response);
        self.issues(ui, key);
        changed
    }

    /// The validity of a certificate: start, end, and a 长期 (no end) box.
    pub fn validity(&mut self, ui: &mut Ui, scope: Scope, validity: &mut Validity) {
        self.text(
            ui,
            FieldKey::new(scope, Field::ValidityStart),
            &mut validity.start,
        );
        let end_key = FieldKey::new(scope, Field::ValidityEnd);
        let response = ui
            .horizontal(|ui| {
                let label = self.label(ui, end_key, &end_key.label_key());
                let edit = ui
                    .add_enabled(
                        !validity.long_term,
                        egui::TextEdit::singleline(&mut validity.end)
                            .id_salt(end_key.widget_salt())
                            .desired_width(theme::INPUT_WIDTH - 110.0)
                            .hint_text(t(ui, "hint.date")),
                    )
                    .labelled_by(label.id);
                ui.checkbox(&mut validity.long_term, t(ui, "common.long_term"));
                edit
            })
            .inner;
        if response.lost_focus() {
            normalise_date(end_key, &mut validity.end);
        }
        self.take_focus(end_key, &response);
        self.issues_unless_typing(ui, end_key, Some(&response));
    }

    /// A section heading inside a step.
    pub fn section(ui: &mut Ui, title_key: &str) {
        ui.add_space(theme::SECTION_GAP);
        ui.label(RichText::new(t(ui, title_key)).heading());
        ui.separator();
    }
}

/// The 核对无误 button of a value read from a document, announced with the field's name.
pub fn confirm_reading_button(ui: &mut Ui, key: FieldKey) -> egui::Response {
    let name = crate::i18n::tf(
        ui.locale(),
        "reading.confirm.named",
        &[("field", &key.label(ui.locale()))],
    );
    super::named_button(ui, &t(ui, "reading.confirm"), &name)
}

/// A date typed another way (2019/6/1, 2019.06.01, 20190601, 2019年6月1日) is written as
/// the bureau's forms write it, 2019-06-01, when its field loses the focus; what is not a
/// date is left for the checks to explain.
fn normalise_date(key: FieldKey, value: &mut String) {
    if !matches!(
        key.field,
        Field::ValidityStart | Field::ValidityEnd | Field::DomainExpiry
    ) {
        return;
    }
    if let Some(date) = crate::rules::people::parse_date(value) {
        let written = date.format("%Y-%m-%d").to_string();
        if *value != written {
            *value = written;
        }
    }
}
