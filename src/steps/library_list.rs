//! The start screen's list of filings: search as you type (name, domain, phone, last
//! characters of a certificate number), filters by state and kind of filing, sorting by
//! any column, and the keyboard (type anywhere to search, ↑/↓ to choose, Enter to open).
//! Only the visible rows are laid out, so thousands of filings stay smooth; the search
//! runs over the index entries only when the search or the list changes.

use chrono::Local;
use egui::{Key, RichText, Ui};

use crate::action::{Action, LibraryAction, TransferAction};
use crate::i18n::{t, tf};
use crate::model::Procedure;
use crate::model::index::{IndexEntry, LibraryState, ListView, Query, SortKey};
use crate::services::library::Library;
use crate::theme;
use crate::widgets::named_button;

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

const ROW_HEIGHT: f32 = 26.0;
const LIST_HEIGHT: f32 = 430.0;
/// The data columns, each with its share of the width left beside the actions and its
/// narrowest width.
const COLUMNS: [(SortKey, f32, f32); 6] = [
    (SortKey::Name, 0.25, 120.0),
    (SortKey::Domain, 0.18, 90.0),
    (SortKey::Procedure, 0.18, 90.0),
    (SortKey::State, 0.15, 90.0),
    (SortKey::Updated, 0.14, 110.0),
    (SortKey::Progress, 0.10, 70.0),
];

/// The widths of the list's columns for the width available: the actions keep the room
/// their buttons need at the right; the data columns share the rest.
struct Widths {
    columns: [f32; 6],
}

impl Widths {
    fn measure(ui: &Ui, shares: Option<[f32; 6]>) -> Widths {
        let font = egui::TextStyle::Button.resolve(ui.style());
        let text_width = |key: &str| {
            ui.fonts_mut(|f| {
                f.layout_no_wrap(t(key).into_owned(), font.clone(), egui::Color32::WHITE)
                    .size()
                    .x
            })
        };
        let padding = ui.spacing().button_padding.x * 2.0 + ui.spacing().item_spacing.x;
        let actions = [
            "start.row.new_website",
            "start.row.unarchive",
            "start.row.delete",
        ]
        .iter()
        .map(|k| text_width(k) + padding)
        .sum::<f32>()
            + 8.0;
        let spacing = ui.spacing().item_spacing.x * COLUMNS.len() as f32;
        let data = (ui.available_width() - actions - spacing).max(0.0);
        let minimum: f32 = COLUMNS.iter().map(|c| c.2).sum();
        let mut columns = COLUMNS.map(|(_, share, min)| {
            if data <= minimum {
                min
            } else {
                min + (data - minimum) * share
            }
        });
        if let Some(shares) = shares
            && data > minimum
        {
            for ((column, share), (_, _, min)) in columns.iter_mut().zip(shares).zip(COLUMNS) {
                *column = (data * share).max(min);
            }
        }
        Widths { columns }
    }

    /// The shares of the data width the columns take, after the border right of column
    /// `i` was dragged `dx` to the right: column `i` grows (or shrinks) and the columns to
    /// its right give (or take) the room, the nearest first; none goes below its least
    /// width.
    fn dragged(&self, i: usize, dx: f32) -> Option<[f32; 6]> {
        let mut columns = self.columns;
        let mins = COLUMNS.map(|c| c.2);
        let left = *columns.get(i)?;
        let left_min = *mins.get(i)?;
        // What the columns to the right can give.
        let slack: f32 = columns
            .iter()
            .zip(mins)
            .skip(i + 1)
            .map(|(c, m)| (c - m).max(0.0))
            .sum();
        let dx = dx.clamp(left_min - left, slack);
        *columns.get_mut(i)? += dx;
        if dx >= 0.0 {
            let mut owed = dx;
            for (column, min) in columns.iter_mut().zip(mins).skip(i + 1) {
                let give = owed.min((*column - min).max(0.0));
                *column -= give;
                owed -= give;
            }
        } else {
            *columns.get_mut(i + 1)? -= dx;
        }
        let total: f32 = columns.iter().sum::<f32>().max(1.0);
        Some(columns.map(|c| c / total))
    }
}

/// Draws the list of saved filings (overdue ones marked as of `now`).
pub fn ui(
    ui: &mut Ui,
    library: Option<&Library>,
    list: &mut ListUi,
    now: chrono::NaiveDateTime,
) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        let total = library.map_or(0, |l| l.entries.len());
        let shown = match library {
            Some(l) => list.shown(&l.entries).len(),
            None => 0,
        };
        let heading = if shown == total {
            tf("start.saved_drafts.count", &[("count", &total.to_string())])
        } else {
            tf(
                "start.saved_drafts.count_shown",
                &[("shown", &shown.to_string()), ("count", &total.to_string())],
            )
        };
        ui.label(RichText::new(heading).heading());
        if ui.button(t("start.refresh")).clicked() {
            actions.push(Action::RefreshLibrary);
        }
    });
    let Some(library) = library else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(t("start.loading"));
        });
        return actions;
    };
    if library.entries.is_empty() && library.damaged.is_empty() {
        ui.label(RichText::new(t("start.no_drafts")).color(theme::weak_color(ui)));
        return actions;
    }
    let open_selected = controls_ui(ui, list);
    confirm_delete_ui(ui, list, &mut actions);
    let widths = Widths::measure(ui, list.column_shares);
    header_ui(ui, list, &widths);
    ui.separator();
    let shown = list.shown(&library.entries).to_vec();
    if open_selected && let Some(path) = shown.get(list.selected).and_then(|&i| library.path(i)) {
        actions.push(Action::OpenPath(path.to_owned()));
    }
    if shown.is_empty() {
        ui.label(RichText::new(t("start.no_match")).color(theme::weak_color(ui)));
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
                        tf("start.locked", &[("desk", &lock.desk), ("time", &since)])
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
    for (path, error) in &library.damaged {
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        ui.horizontal(|ui| {
            ui.label(RichText::new(tf("start.damaged.file", &[("file", &file)])).strong());
            ui.label(
                RichText::new(error.user_message())
                    .color(theme::severity_color(ui, crate::rules::Severity::Error))
                    .small(),
            );
        });
    }
    actions
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
        let label = ui.label(t("start.search"));
        let response = ui.add(
            egui::TextEdit::singleline(&mut list.search)
                .id_salt("library-search")
                .desired_width(340.0)
                .hint_text(t("start.search.hint")),
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

        let state_text = list.view.state.map_or_else(
            || t("start.filter.any_state").into_owned(),
            LibraryState::label,
        );
        let label = ui.label(t("start.filter.state"));
        egui::ComboBox::from_id_salt("library-state")
            .selected_text(state_text)
            .show_ui(ui, |ui| {
                let mut changed = ui
                    .selectable_value(&mut list.view.state, None, t("start.filter.any_state"))
                    .changed();
                for state in LibraryState::ALL {
                    changed |= ui
                        .selectable_value(&mut list.view.state, Some(*state), state.label())
                        .changed();
                }
                if changed {
                    list.invalidate();
                }
            })
            .response
            .labelled_by(label.id);
        let kind_text = list
            .view
            .procedure
            .map_or_else(|| t("start.filter.any_kind").into_owned(), Procedure::label);
        let label = ui.label(t("start.filter.kind"));
        egui::ComboBox::from_id_salt("library-kind")
            .selected_text(kind_text)
            .show_ui(ui, |ui| {
                let mut changed = ui
                    .selectable_value(&mut list.view.procedure, None, t("start.filter.any_kind"))
                    .changed();
                for procedure in Procedure::ALL {
                    changed |= ui
                        .selectable_value(
                            &mut list.view.procedure,
                            Some(*procedure),
                            procedure.label(),
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
                t("start.filter.show_archived"),
            )
            .changed()
        {
            list.invalidate();
        }
    });
    open
}

/// The column headings; clicking one sorts by it, clicking it again reverses the order.
fn header_ui(ui: &mut Ui, list: &mut ListUi, widths: &Widths) {
    let header = ui.horizontal(|ui| {
        for ((key, _, _), width) in COLUMNS.into_iter().zip(widths.columns) {
            let mark = match (list.view.sort == key, list.view.reversed) {
                (true, false) => " ▼",
                (true, true) => " ▲",
                (false, _) => "",
            };
            let text = format!("{}{mark}", key.label());
            let name = tf("start.sort_by", &[("column", &key.label())]);
            let button = egui::Button::new(RichText::new(text).strong()).frame(false);
            let response = left_aligned(ui, width, |ui| ui.add(button));
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
            if response.clicked() {
                if list.view.sort == key {
                    list.view.reversed = !list.view.reversed;
                } else {
                    list.view.sort = key;
                    list.view.reversed = false;
                }
                list.invalidate();
            }
        }
    });
    resize_handles_ui(ui, list, widths, header.response.rect);
}

/// Borders between the header's columns that can be dragged to widen one column at the
/// expense of those to its right (the cursor shows it); a double click, or the border's
/// context menu, goes back to the default widths.
fn resize_handles_ui(ui: &mut Ui, list: &mut ListUi, widths: &Widths, header: egui::Rect) {
    let gap = ui.spacing().item_spacing.x;
    let mut x = header.left();
    for i in 0..COLUMNS.len() - 1 {
        let Some(&width) = widths.columns.get(i) else {
            break;
        };
        x += width + gap / 2.0;
        let rect = egui::Rect::from_center_size(
            egui::pos2(x, header.center().y),
            egui::vec2(8.0, header.height()),
        );
        x += gap / 2.0;
        let response = ui.interact(
            rect,
            ui.make_persistent_id(("library-column-border", i)),
            egui::Sense::click_and_drag(),
        );
        let name = COLUMNS
            .get(i)
            .map(|(key, _, _)| tf("start.resize_column", &[("column", &key.label())]))
            .unwrap_or_default();
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Splitter, true, &name));
        let response = response.on_hover_cursor(egui::CursorIcon::ResizeColumn);
        if response.hovered() || response.dragged() {
            ui.painter().vline(
                rect.center().x,
                rect.y_range(),
                ui.visuals().widgets.hovered.fg_stroke,
            );
        }
        response.context_menu(|ui| {
            if ui.button(t("start.reset_columns")).clicked() {
                list.column_shares = None;
                ui.close();
            }
        });
        if response.double_clicked() {
            list.column_shares = None;
        } else if response.dragged()
            && let Some(pointer) = response.interact_pointer_pos()
            && let Some(shares) = widths.dragged(i, pointer.x - rect.center().x)
        {
            list.column_shares = Some(shares);
        }
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
        t("start.unnamed").into_owned()
    } else {
        entry.name.clone()
    };
    ui.horizontal(|ui| {
        let [name_w, domain_w, kind_w, state_w, updated_w, progress_w] = widths.columns;
        let long = tf("start.continue", &[("name", &name)]);
        let open = left_aligned(ui, name_w, |ui| {
            let button = egui::Button::selectable(flags.is_selected, name.as_str()).truncate();
            let response = ui.add(button);
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &long));
            response
        });
        let domains = if entry.domains.is_empty() {
            t("start.no_domain").into_owned()
        } else {
            crate::i18n::list(&entry.domains)
        };
        cell(ui, domain_w, &domains);
        cell(
            ui,
            kind_w,
            &format!("{} · {}", entry.kind.label(), entry.procedure.label()),
        );
        // The state as a coloured tag, as the providers' consoles show it; whose move
        // it is on hover.
        let waits = entry.state.waits_on().label();
        let mut state_text = if flags.is_overdue {
            tf("start.overdue", &[("state", &entry.state.label())])
        } else {
            entry.state.label()
        };
        // Archived rows (shown when asked for, or found by a search) say so.
        if entry.archived {
            state_text = tf("start.archived_state", &[("state", &state_text)]);
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
                            egui::Label::new(RichText::new(state_text).small().color(text))
                                .truncate(),
                        )
                    })
                    .response
                    .on_hover_text(waits);
            },
        );
        let changed = entry.updated_at.map_or_else(
            || t("start.never").into_owned(),
            |d| d.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string(),
        );
        cell(ui, updated_w, &changed);
        // How much is filled in, while it is being filled in; after that the state says it.
        if matches!(entry.state, LibraryState::Draft | LibraryState::Ready) {
            let percent = (entry.progress * 100.0).round().to_string();
            ui.add(
                egui::ProgressBar::new(entry.progress)
                    .desired_width(progress_w)
                    .text(tf("start.progress", &[("percent", &percent)])),
            );
        } else {
            cell(ui, progress_w, "—");
        }
        if open.clicked() {
            actions.push(Action::OpenPath(path.to_owned()));
        }
        open.context_menu(|ui| {
            if ui.button(t("start.row.transfer_export")).clicked() {
                actions.push(TransferAction::Export(path.to_owned()).into());
                ui.close();
            }
        });
        if entry.state == LibraryState::Approved
            && named_button(
                ui,
                &t("start.row.new_website"),
                &tf("start.row.new_website.name", &[("name", &name)]),
            )
            .on_hover_text(t("tracking.new_website_for_subject.hint"))
            .clicked()
        {
            actions.push(LibraryAction::NewWebsiteFor(path.to_owned()).into());
        }
        let (text, long) = if entry.archived {
            ("start.row.unarchive", "start.row.unarchive.name")
        } else {
            ("start.row.archive", "start.row.archive.name")
        };
        if named_button(ui, &t(text), &tf(long, &[("name", &name)])).clicked() {
            actions.push(LibraryAction::SetArchived(path.to_owned(), !entry.archived).into());
        }
        if crate::widgets::danger_button(
            ui,
            &t("start.row.delete"),
            &tf("start.row.delete.name", &[("name", &name)]),
        )
        .clicked()
        {
            list.confirm_delete = Some((path.to_owned(), name.clone()));
        }
        if let Some(lock) = &flags.lock {
            ui.label(RichText::new(lock).color(theme::weak_color(ui)).small());
        }
        open
    })
    .inner
}

/// Deleting cannot be undone: ask first, naming the filing.
fn confirm_delete_ui(ui: &mut Ui, list: &mut ListUi, actions: &mut Vec<Action>) {
    let Some((path, name)) = list.confirm_delete.clone() else {
        return;
    };
    theme::banner_frame(ui, crate::rules::Severity::Warning).show(ui, |ui| {
        ui.label(RichText::new(tf("start.delete.confirm", &[("name", &name)])).strong());
        ui.horizontal(|ui| {
            if ui.button(t("start.delete.yes")).clicked() {
                actions.push(LibraryAction::Delete(path.clone()).into());
                list.confirm_delete = None;
            }
            if ui.button(t("start.delete.no")).clicked() {
                list.confirm_delete = None;
            }
        });
    });
}

fn cell(ui: &mut Ui, width: f32, text: &str) {
    left_aligned(ui, width, |ui| {
        ui.add(egui::Label::new(RichText::new(text).color(theme::weak_color(ui))).truncate())
    });
}

/// A column `width` wide whose content starts at its left edge (as a table's cells do).
fn left_aligned<R>(ui: &mut Ui, width: f32, add: impl FnOnce(&mut Ui) -> R) -> R {
    ui.allocate_ui_with_layout(
        egui::vec2(width, ROW_HEIGHT - 4.0),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_width(width);
            add(ui)
        },
    )
    .inner
}
