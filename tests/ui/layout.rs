//! Layout checks from the AccessKit tree, over the screens of both samples, in both
//! languages, at the smallest supported window (1024×700) and a large one (1440×900):
//! no short text squeezed over three or more lines into a narrow column, nothing past the
//! window's right edge, no internal source tag in what users read, and each step opening
//! at its top.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use beian::action::Action;
use beian::i18n::Locale;
use beian::model::{FilingKind, Step};
use beian::services::FakeFileDialog;
use common::layout::{nodes, problems};
use common::{apply, harness_sized, open_sample};
use egui_kittest::kittest::NodeT as _;

const SIZES: [[f32; 2]; 2] = [[1024.0, 700.0], [1440.0, 900.0]];

#[test]
fn every_step_of_both_samples_is_laid_out_inside_the_window_in_both_languages() {
    let mut found = Vec::new();
    for locale in Locale::ALL {
        for size in SIZES {
            for kind in [FilingKind::Personal, FilingKind::Unit] {
                let data = tempfile::tempdir().unwrap();
                let dialog = FakeFileDialog::default();
                let mut h = harness_sized(data.path(), &dialog, size);
                apply(&mut h, Action::SetLocale(locale));
                open_sample(&mut h, kind);
                for step in Step::ALL {
                    apply(&mut h, Action::GoToStep(step));
                    let screen = format!("{locale:?} {}×{} {kind:?} {step:?}", size[0], size[1]);
                    found.extend(problems(&h, size[0], &screen));
                }
                apply(&mut h, Action::CloseDraft);
                let screen = format!("{locale:?} {}×{} start", size[0], size[1]);
                found.extend(problems(&h, size[0], &screen));
            }
        }
    }
    assert!(
        found.is_empty(),
        "{} problems:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn a_step_opens_at_its_top() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness_sized(data.path(), &dialog, [1024.0, 700.0]);
    open_sample(&mut h, FilingKind::Unit);
    for step in Step::ALL {
        apply(&mut h, Action::GoToStep(step));
        // Scroll to the lowest widget, then go to the next step.
        let mut lowest: Option<(f64, egui_kittest::Node<'_>)> = None;
        let mut stack = vec![h.root()];
        while let Some(node) = stack.pop() {
            if let Some(b) = node.accesskit_node().bounding_box()
                && lowest.as_ref().is_none_or(|(y, _)| b.y1 > *y)
            {
                lowest = Some((b.y1, node));
            }
            stack.extend(node.children());
        }
        lowest.unwrap().1.scroll_to_me();
        h.run_steps(3);
    }
    for step in Step::ALL {
        apply(&mut h, Action::GoToStep(step));
        let heading_text = beian::i18n::tf(
            beian::i18n::Locale::ZhCn,
            "step.heading",
            &[
                ("n", &(step.index() + 1).to_string()),
                (
                    "title",
                    &beian::i18n::t(beian::i18n::Locale::ZhCn, &step.title_key()),
                ),
            ],
        );
        let heading = nodes(&h)
            .into_iter()
            .find(|(label, _, _)| *label == heading_text)
            .map(|(_, _, rect)| rect)
            .unwrap_or_else(|| panic!("{step:?}: no heading"));
        assert!(
            heading.min.y >= 0.0 && heading.max.y < 200.0,
            "{step:?}: the heading is at {heading:?}, not at the top"
        );
    }
}
