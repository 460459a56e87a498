//! How a form field behaves while it is typed into: its issues wait until it loses the
//! focus (a number half typed is not an error yet), and a date typed another way is
//! written as the bureau writes it when the field is left.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use beian::action::Action;
use beian::model::{FilingKind, Step};
use beian::services::FakeFileDialog;
use common::{apply, clear_and_type, harness, open_sample};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

type H = Harness<'static, beian::app::BeianApp>;

/// Moves the focus to another input, as a click there does.
fn leave(h: &mut H) {
    h.get_by_label("单位名称").focus();
    h.run_steps(3);
}

/// How many error lines (marked ■) the window shows.
fn error_lines(h: &H) -> usize {
    h.query_all_by_label_contains("■ ").count()
}

#[test]
fn a_number_half_typed_is_not_an_error_until_the_field_is_left() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    open_sample(&mut h, FilingKind::Unit);
    apply(&mut h, Action::GoToStep(Step::Subject));
    assert_eq!(error_lines(&h), 0, "the sample has no errors");

    clear_and_type(&mut h, "法定代表人证件号码", 0, "3501021988");
    assert_eq!(
        h.state().draft.subject.legal_rep.cert_number,
        "3501021988",
        "what is typed goes into the draft at once"
    );
    let too_short = "居民身份证号应为 18 位";
    assert!(
        h.query_by_label_contains(too_short).is_none(),
        "no error under the number while it is typed"
    );

    leave(&mut h);
    assert!(
        h.query_by_label_contains(too_short).is_some(),
        "the incomplete number is an error once the field is left"
    );
}

#[test]
fn a_date_typed_with_slashes_is_written_with_dashes_when_the_field_is_left() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    open_sample(&mut h, FilingKind::Unit);
    apply(&mut h, Action::GoToStep(Step::Subject));

    clear_and_type(&mut h, "主体证件有效期起", 0, "2019/6/1");
    assert_eq!(h.state().draft.subject.cert_validity.start, "2019/6/1");
    leave(&mut h);
    assert_eq!(h.state().draft.subject.cert_validity.start, "2019-06-01");

    // Not a date: left as typed, for the check to explain.
    clear_and_type(&mut h, "主体证件有效期起", 0, "2019/13/45");
    leave(&mut h);
    assert_eq!(h.state().draft.subject.cert_validity.start, "2019/13/45");
    assert!(error_lines(&h) >= 1);
}

#[test]
fn an_error_waits_for_the_mouse_button_so_that_the_field_clicked_does_not_move() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    open_sample(&mut h, FilingKind::Unit);
    apply(&mut h, Action::GoToStep(Step::Subject));
    clear_and_type(&mut h, "法定代表人证件号码", 0, "3501021988");

    // The next field, below the one with the pending error, pressed with the mouse.
    let target = "法定代表人证件有效期起";
    let before = h.get_by_label(target).rect();
    let pos = before.center();
    h.event(egui::Event::PointerMoved(pos));
    h.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.run_steps(3);
    assert_eq!(
        h.get_by_label(target).rect(),
        before,
        "nothing moves while the button is held"
    );
    h.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("居民身份证号应为 18 位")
            .is_some(),
        "the error shows once the button is released"
    );
    assert!(
        h.get_by_label(target).rect().min.y > before.min.y,
        "and the fields below make room for it"
    );
    assert!(
        h.get_by_label(target).is_focused(),
        "the click went where it was aimed"
    );
}
