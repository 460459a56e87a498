//! The start screen's list of filings: search as you type (name, domain, phone, last
//! characters of a certificate number), filters by state and kind of filing, sorting by
//! any column, and the keyboard (type anywhere to search, ↑/↓ to choose, Enter to open).
//! Only the visible rows are laid out, so thousands of filings stay smooth; the search
//! runs over the index entries only when the search or the list changes.

use chrono::Local;
use egui::{Key, RichText, Ui};

use crate::action::{Action, LibraryAction, TransferAction};
use crate::lang::{Lang as _, t, tf};
use crate::model::Procedure;
use crate::model::index::{IndexEntry, LibraryState, ListView, Query};
use crate::services::library::ListedDrafts;
use crate::theme;
use crate::widgets::named_button;

use super::library_columns::{ROW_HEIGHT, Widths, cell, header_ui, left_aligned};

/// The list's view state (never saved).
#[derive(Debug, Default)]
pub struct ListUi {
    /// The search text as typed.
    pub search: String,
    /// Search, filters and order.
    pub view: ListView,
    /// The positions shown, in order; `None` when they must be computed again.
    shown: Option<Vec<usize>>,
    /// The chosen row (a position in `shown`).
    pub selected: usize,
    /// Whether the search field has taken the focus once.
    focused_once: bool,
    /// The filing whose deletion awaits confirmation (its file and name).
    pub confirm_delete: Option<(std::path::PathBuf, String)>,
    /// The search field's widget id (to give it the focus when the user types).
    search_id: Option<egui::Id>,
    /// Moving filings between computers and the daily overview.
    pub transfer: super::transfer::TransferUi,
    /// The data columns' widths as the user dragged them, as shares of the width they
    /// share (so that they follow the window's size); `None`: the default shares.
    pub column_shares: Option<[f32; 6]>,
}

impl ListUi {
    /// The list changed (read again): compute what is shown on the next frame.
    pub fn invalidate(&mut self) {
        self.shown = None;
    }

    /// The positions shown, computed again when needed.
    pub fn shown(&mut self, entries: &[IndexEntry]) -> &[usize] {
        let view = &self.view;
        let shown = self.shown.get_or_insert_with(|| view.select(entries));
        self.selected = self.selected.min(shown.len().saturating_sub(1));
        shown
    }
}

const LIST_HEIGHT: f32 = 430.0;
/// Draws the list of saved filings (overdue ones marked as of `now`).
pub fn ui(
    ui: &mut Ui,
    library: Option<&ListedDrafts>,
    list: &mut ListUi,
    now: chrono::NaiveDateTime,
) -> Vec<Action> {
    let mut actions = Vec::new();
    heading_ui(ui, library, list, &mut actions);
    let Some(library) = library else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(t(ui, "start.loading"));
        });
        return actions;
    };
    if library.entries.is_empty() && library.damaged.is_empty() {
        ui.label(RichText::new(t(ui, "start.no_drafts")).color(theme::weak_color(ui)));
        return actions;
    }
    let open_selected = controls_ui(ui, list);
    confirm_delete_ui(ui, list, &mut actions);
    let widths = Widths::measure(ui, list.column_shares);
    if header_ui(ui, &mut list.view, &mut list.column_shares, &widths) {
        list.invalidate();
    }
    ui.separator();
    let shown = list.shown(&library.entries).to_vec();
    if open_selected && let Some(path) = shown.get(list.selected).and_then(|&i| library.path(i)) {
        actions.push(Action::OpenPath(path.to_owned()));
    }
    if shown.is_empty() {
        ui.label(RichText::new(t(ui, "start.no_match")).color(theme::weak_color(ui)));
    }
    let selected = list.selected;
    let times = crate::model::tracking::ReviewTimes::get().ok();
    egui::ScrollArea::vertical()
        .id_salt("library-list")
        .max_height(LIST_HEIGHT)
        .auto_shrink([false, true])
        .show_rows(ui, ROW_HEIGHT, shown.len(), |ui, rows| {
            for row in rows {
                let Some(&position) = shown.get(row) else {
                    continue;
                };
                let (Some(entry), Some(path)) =
                    (library.entries.get(position), library.path(position))
                else {
                    continue;
                };
                let flags = RowFlags {
                    is_selected: row == selected,
                    is_overdue: times.is_some_and(|t| entry.is_overdue(t, now)),
                    lock: library.locks.get(path).map(|lock| {
                        let since = lock.since.with_timezone(&Local).format("%H:%M").to_string();
                        tf(
                            ui,
                            "start.locked",
                            &[("desk", &lock.desk), ("time", &since)],
                        )
                    }),
                };
                let response = row_ui(ui, entry, &flags, path, &widths, &mut actions, list);
                if row == selected && list_keys_moved(ui) {
                    response.scroll_to_me(None);
                }
            }
        });
    let chosen = shown
        .get(selected)
        .and_then(|&i| Some((library.path(i)?, library.entries.get(i)?.name.as_str())));
    actions.extend(super::transfer::export_selected_ui(
        ui,
        chosen,
        &list.transfer,
    ));
    damaged_ui(ui, library);
    actions
}

/// "Saved filings (N)", how many the filters show, and the refresh button.
fn heading_ui(
    ui: &mut Ui,
    library: Option<&ListedDrafts>,
    list: &mut ListUi,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        let total = library.map_or(0, |l| l.entries.len());
        let shown = match library {
            Some(l) => list.shown(&l.entries).len(),
            None => 0,
        };
        let heading = if shown == total {
            tf(
                ui,
                "start.saved_drafts.count",
                &[("count", &total.to_string())],
            )
        } else {
            tf(
                ui,
                "start.saved_drafts.count_shown",
                &[("shown", &shown.to_string()), ("count", &total.to_string())],
            )
        };
        ui.label(RichText::new(heading).heading());
        if ui.button(t(ui, "start.refresh")).clicked() {
            actions.push(Action::RefreshLibrary);
        }
    });
}

/// The files that could not be read, each with why.
fn damaged_ui(ui: &mut Ui, library: &ListedDrafts) {
    for (path, error) in &library.damaged {
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        ui.horizontal(|ui| {
            ui.label(RichText::new(tf(ui, "start.damaged.file", &[("file", &file)])).strong());
            ui.label(
                RichText::new(error.user_message(ui.locale()))
                    .color(theme::severity_color(ui, crate::rules::Severity::Error))
                    .small(),
            );
        });
    }
}

fn list_keys_moved(ui: &Ui) -> bool {
    ui.input(|i| i.key_pressed(Key::ArrowDown) || i.key_pressed(Key::ArrowUp))
}

/// The search field and the filters. Returns whether Enter asked to open the chosen row.
fn controls_ui(ui: &mut Ui, list: &mut ListUi) -> bool {
    let mut open = false;
    ui.horizontal(|ui| {
        let nothing_focused = ui.memory(|m| m.focused().is_none());
        // Typing anywhere on the start screen searches.
        if nothing_focused {
            type_to_search(ui, list);
        }
        let label = ui.label(t(ui, "start.search"));
        let response = ui.add(
            egui::TextEdit::singleline(&mut list.search)
                .id_salt("library-search")
                .desired_width(340.0)
                .hint_text(t(ui, "start.search.hint")),
        );
        let response = response.labelled_by(label.id);
        list.search_id = Some(response.id);
        if !list.focused_once {
            list.focused_once = true;
            response.request_focus();
        }
        if response.changed() {
            list.view.query = Query::new(&list.search);
            list.selected = 0;
            list.invalidate();
        }
        let keys_ours = response.has_focus() || nothing_focused;
        if keys_ours {
            ui.input(|i| {
                if i.key_pressed(Key::ArrowDown) {
                    list.selected = list.selected.saturating_add(1);
                }
                if i.key_pressed(Key::ArrowUp) {
                    list.selected = list.selected.saturating_sub(1);
                }
            });
        }
        open =
            (response.lost_focus() || nothing_focused) && ui.input(|i| i.key_pressed(Key::Enter));

        filters_ui(ui, list);
    });
    open
}

/// Text typed while nothing has the focus goes into the search field.
fn type_to_search(ui: &mut Ui, list: &mut ListUi) {
    let typed: String = ui.input(|i| {
        i.events
            .iter()
            .filter_map(|e| match e {
                egui::Event::Text(text) => Some(text.as_str()),
                _ => None,
            })
            .collect()
    });
    if !typed.is_empty() {
        list.search.push_str(&typed);
        list.view.query = Query::new(&list.search);
        list.selected = 0;
        list.invalidate();
        if let Some(id) = list.search_id {
            ui.memory_mut(|m| m.request_focus(id));
        }
    }
}

/// The state and kind filters and the archived switch.
fn filters_ui(ui: &mut Ui, list: &mut ListUi) {
    let state_text = list.view.state.map_or_else(
        || t(ui, "start.filter.any_state").into_owned(),
        |s| s.label(ui.locale()),
    );
    let label = ui.label(t(ui, "start.filter.state"));
    egui::ComboBox::from_id_salt("library-state")
        .selected_text(state_text)
        .show_ui(ui, |ui| {
            let mut changed = ui
                .selectable_value(&mut list.view.state, None, t(ui, "start.filter.any_state"))
                .changed();
            for state in LibraryState::ALL {
                changed |= ui
                    .selectable_value(&mut list.view.state, Some(*state), state.label(ui.locale()))
                    .changed();
            }
            if changed {
                list.invalidate();
            }
        })
        .response
        .labelled_by(label.id);
    let kind_text = list.view.procedure.map_or_else(
        || t(ui, "start.filter.any_kind").into_owned(),
        |p| p.label(ui.locale()),
    );
    let label = ui.label(t(ui, "start.filter.kind"));
    egui::ComboBox::from_id_salt("library-kind")
        .selected_text(kind_text)
        .show_ui(ui, |ui| {
            let mut changed = ui
                .selectable_value(
                    &mut list.view.procedure,
                    None,
                    t(ui, "start.filter.any_kind"),
                )
                .changed();
            for procedure in Procedure::ALL {
                changed |= ui
                    .selectable_value(
                        &mut list.view.procedure,
                        Some(*procedure),
                        procedure.label(ui.locale()),
                    )
                    .changed();
            }
            if changed {
                list.invalidate();
            }
        })
        .response
        .labelled_by(label.id);
    if ui
        .checkbox(
            &mut list.view.show_archived,
            t(ui, "start.filter.show_archived"),
        )
        .changed()
    {
        list.invalidate();
    }
}

/// How a row is marked.
struct RowFlags {
    is_selected: bool,
    is_overdue: bool,
    /// "2号服务台 正在编辑（自 10:14）" when a desk has the draft open.
    lock: Option<String>,
}

fn row_ui(
    ui: &mut Ui,
    entry: &IndexEntry,
    flags: &RowFlags,
    path: &std::path::Path,
    widths: &Widths,
    actions: &mut Vec<Action>,
    list: &mut ListUi,
) -> egui::Response {
    let name = if entry.name.is_empty() {
        t(ui, "start.unnamed").into_owned()
    } else {
        entry.name.clone()
    };
    ui.horizontal(|ui| {
        let [name_w, domain_w, kind_w, state_w, updated_w, progress_w] = widths.columns;
        let long = tf(ui, "start.continue", &[("name", &name)]);
        let open = left_aligned(ui, name_w, |ui| {
            let button = egui::Button::selectable(flags.is_selected, name.as_str()).truncate();
            let response = ui.add(button);
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &long));
            response
        });
        let domains = if entry.domains.is_empty() {
            t(ui, "start.no_domain").into_owned()
        } else {
            crate::i18n::list(ui.locale(), &entry.domains)
        };
        cell(ui, domain_w, &domains);
        cell(
            ui,
            kind_w,
            &format!(
                "{} · {}",
                entry.kind.label(ui.locale()),
                entry.procedure.label(ui.locale())
            ),
        );
        state_tag_ui(ui, entry, flags, state_w);
        let changed = entry.updated_at.map_or_else(
            || t(ui, "start.never").into_owned(),
            |d| d.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string(),
        );
        cell(ui, updated_w, &changed);
        // How much is filled in, while it is being filled in; after that the state says it.
        if matches!(entry.state, LibraryState::Draft | LibraryState::Ready) {
            let percent = (entry.progress * 100.0).round().to_string();
            ui.add(
                egui::ProgressBar::new(entry.progress)
                    .desired_width(progress_w)
                    .text(tf(ui, "start.progress", &[("percent", &percent)])),
            );
        } else {
            cell(ui, progress_w, "—");
        }
        if open.clicked() {
            actions.push(Action::OpenPath(path.to_owned()));
        }
        open.context_menu(|ui| {
            if ui.button(t(ui, "start.row.transfer_export")).clicked() {
                actions.push(TransferAction::Export(path.to_owned()).into());
                ui.close();
            }
        });
        row_buttons_ui(ui, entry, path, &name, actions, list);
        if let Some(lock) = &flags.lock {
            ui.label(RichText::new(lock).color(theme::weak_color(ui)).small());
        }
        open
    })
    .inner
}

/// A row's state as a coloured tag, as the providers' consoles show it; whose move it is
/// on hover.
fn state_tag_ui(ui: &mut Ui, entry: &IndexEntry, flags: &RowFlags, state_w: f32) {
    // The state as a coloured tag, as the providers' consoles show it; whose move
    // it is on hover.
    let waits = entry.state.waits_on().label(ui.locale());
    let mut state_text = if flags.is_overdue {
        tf(
            ui,
            "start.overdue",
            &[("state", &entry.state.label(ui.locale()))],
        )
    } else {
        entry.state.label(ui.locale())
    };
    // Archived rows (shown when asked for, or found by a search) say so.
    if entry.archived {
        state_text = tf(ui, "start.archived_state", &[("state", &state_text)]);
    }
    ui.allocate_ui_with_layout(
        egui::vec2(state_w, ROW_HEIGHT - 4.0),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_width(state_w);
            let (fill, text) = theme::state_tag_colors(ui, entry.state, flags.is_overdue);
            egui::Frame::new()
                .fill(fill)
                .corner_radius(4.0)
                .inner_margin(egui::Margin::symmetric(6, 1))
                .show(ui, |ui| {
                    ui.add(
                        egui::Label::new(RichText::new(state_text).small().color(text)).truncate(),
                    )
                })
                .response
                .on_hover_text(waits);
        },
    );
}

/// A row's buttons: a new website for an approved subject, archive, delete (asked first).
fn row_buttons_ui(
    ui: &mut Ui,
    entry: &IndexEntry,
    path: &std::path::Path,
    name: &str,
    actions: &mut Vec<Action>,
    list: &mut ListUi,
) {
    if entry.state == LibraryState::Approved
        && named_button(
            ui,
            &t(ui, "start.row.new_website"),
            &tf(ui, "start.row.new_website.name", &[("name", name)]),
        )
        .on_hover_text(t(ui, "tracking.new_website_for_subject.hint"))
        .clicked()
    {
        actions.push(LibraryAction::NewWebsiteFor(path.to_owned()).into());
    }
    let (text, long) = if entry.archived {
        ("start.row.unarchive", "start.row.unarchive.name")
    } else {
        ("start.row.archive", "start.row.archive.name")
    };
    if named_button(ui, &t(ui, text), &tf(ui, long, &[("name", name)])).clicked() {
        actions.push(LibraryAction::SetArchived(path.to_owned(), !entry.archived).into());
    }
    if crate::widgets::danger_button(
        ui,
        &t(ui, "start.row.delete"),
        &tf(ui, "start.row.delete.name", &[("name", name)]),
    )
    .clicked()
    {
        list.confirm_delete = Some((path.to_owned(), name.to_owned()));
    }
}

/// Deleting cannot be undone: ask first, naming the filing.
fn confirm_delete_ui(ui: &mut Ui, list: &mut ListUi, actions: &mut Vec<Action>) {
    let Some((path, name)) = list.confirm_delete.clone() else {
        return;
    };
    theme::banner_frame(ui, crate::rules::Severity::Warning).show(ui, |ui| {
        ui.label(RichText::new(tf(ui, "start.delete.confirm", &[("name", &name)])).strong());
        ui.horizontal(|ui| {
            if ui.button(t(ui, "start.delete.yes")).clicked() {
                actions.push(LibraryAction::Delete(path.clone()).into());
                list.confirm_delete = None;
            }
            if ui.button(t(ui, "start.delete.no")).clicked() {
                list.confirm_delete = None;
            }
        });
    });
}
