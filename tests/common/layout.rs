//! Layout checks read from the AccessKit tree (shared by the layout and snapshot tests).

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::NodeT as _;

type H = Harness<'static, beian::app::BeianApp>;

/// Every node of the tree with its label and rectangle.
pub fn nodes(h: &H) -> Vec<(String, egui::accesskit::Role, egui::Rect)> {
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
pub fn problems(h: &H, width: f32, screen: &str) -> Vec<String> {
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
    found.extend(
        unnamed(h)
            .into_iter()
            .map(|(role, rect)| format!("{screen}: a {role:?} at {rect:?} has no name")),
    );
    found
}

/// The interactive widgets without an accessible name (a screen reader says only
/// "button").
fn unnamed(h: &H) -> Vec<(Role, egui::Rect)> {
    let mut out = Vec::new();
    let mut stack = vec![h.root()];
    while let Some(node) = stack.pop() {
        let ak = node.accesskit_node();
        let role = ak.role();
        let interactive = matches!(
            role,
            Role::Button
                | Role::CheckBox
                | Role::RadioButton
                | Role::TextInput
                | Role::MultilineTextInput
                | Role::ComboBox
                | Role::Link
                | Role::Slider
                | Role::SpinButton
        );
        if interactive
            && ak.label().is_none_or(|l| l.trim().is_empty())
            && let Some(b) = ak.bounding_box()
        {
            let rect = egui::Rect::from_min_max(
                egui::pos2(b.x0 as f32, b.y0 as f32),
                egui::pos2(b.x1 as f32, b.y1 as f32),
            );
            out.push((role, rect));
        }
        stack.extend(node.children());
    }
    out
}
