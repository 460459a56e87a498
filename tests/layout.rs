//! Layout checks from the AccessKit tree, over the screens of both samples, in both
//! languages, at the smallest supported window (1024×700) and a large one (1440×900):
//! no short text squeezed over three or more lines into a narrow column, nothing past the
//! window's right edge, no internal source tag in what users read, and each step opening
//! at its top.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use beian::action::Action;
use beian::i18n::Locale;
use beian::model::{FilingKind, Step};
use beian::services::FakeFileDialog;
use common::{apply, harness_sized, open_sample};
use egui_kittest::Harness;
use egui_kittest::kittest::NodeT as _;

type H = Harness<'static, beian::app::BeianApp>;

const SIZES: [[f32; 2]; 2] = [[1024.0, 700.0], [1440.0, 900.0]];

/// Every node of the tree with its label and rectangle.
fn nodes(h: &H) -> Vec<(String, egui::accesskit::Role, egui::Rect)> {
    let mut out = Vec::new();
    let root = h.root();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        let ak = node.accesskit_node();
        if let Some(bounds) = ak.bounding_box() {
            let label = ak.label().or_else(|| ak.value()).unwrap_or_default();
            let rect = egui::Rect::from_min_max(
                egui::pos2(bounds.x0 as f32, bounds.y0 as f32),
                egui::pos2(bounds.x1 as f32, bounds.y1 as f32),
            );
            out.push((label, ak.role(), rect));
        }
        stack.extend(node.children());
    }
    out
}

/// The problems of the screen shown, by what is wrong and where.
fn problems(h: &H, width: f32, screen: &str) -> Vec<String> {
    let mut found = Vec::new();
    // The body text's line height (14 px type).
    let line = 20.0;
    for (label, role, rect) in nodes(h) {
        if rect.width() <= 0.0 || rect.height() <= 0.0 {
            continue;
        }
        if rect.max.x > width + 1.0 {
            found.push(format!(
                "{screen}: {role:?} {label:?} ends at x={:.0}, past the window's {width}",
                rect.max.x
            ));
        }
        let short = !label.is_empty() && label.chars().count() <= 40 && !label.contains('\n');
        if short
            && role == egui::accesskit::Role::Label
            && rect.height() >= 2.5 * line
            && rect.width() < width / 5.0
        {
            found.push(format!(
                "{screen}: {label:?} is squeezed into {:.0}×{:.0}",
                rect.width(),
                rect.height()
            ));
        }
        for tag in ["[K]", "[OLD]", "[S]", "TC-old", "HW-kb", "rules.md"] {
            if label.contains(tag) {
                found.push(format!("{screen}: {label:?} shows the source tag {tag}"));
            }
        }
    }
    found
}

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
            "step.heading",
            &[
                ("n", &(step.index() + 1).to_string()),
                ("title", &beian::i18n::t(&step.title_key())),
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
