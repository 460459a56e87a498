//! beian's own file picker in a headless window whose file dialog finds no system dialog,
//! and the small steps the picker's tests take.

use std::path::Path;
use std::time::{Duration, Instant};

use beian::app::{BeianApp, Services};
use beian::services::AutoFileDialog;
use beian::services::dialog_probe::Backend;
use beian::store::storage::DataDir;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use super::settle;

/// A headless beian over `data` whose file dialog finds no system dialog.
pub fn harness(data: &Path) -> Harness<'static, BeianApp> {
    let app = BeianApp::new(
        &egui::Context::default(),
        Services {
            dialog: Box::new(AutoFileDialog::with_backend(Backend::BuiltIn)),
            data: DataDir::at(data),
            credentials: std::sync::Arc::new(
                beian::services::credentials::MemoryCredentials::default(),
            ),
        },
    );
    let mut harness = Harness::builder()
        .with_size([1100.0, 3200.0])
        .with_context_setup(|ctx| {
            beian::fonts::install(ctx);
            beian::theme::install(ctx);
        })
        .build_ui_state(|ui, app: &mut BeianApp| app.ui(ui), app);
    settle(&mut harness);
    harness
}

/// Clicks the widget labelled `label`, and draws on: a window that opens is measured on
/// its first frame and shown on the next.
pub fn click(h: &mut Harness<'static, BeianApp>, label: &str) {
    super::click(h, label);
    h.run_steps(2);
}

/// Draws until a widget labelled `label` appears (the picker reads folders on a thread).
pub fn wait_for(h: &mut Harness<'static, BeianApp>, label: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while h.query_by_label(label).is_none() {
        assert!(Instant::now() < deadline, "{label:?} never appeared");
        std::thread::sleep(Duration::from_millis(10));
        h.run_steps(1);
    }
}

/// Types `dir` into the picker's path bar and goes there.
pub fn go_to(h: &mut Harness<'static, BeianApp>, dir: &Path) {
    h.get_by_label("位置")
        .set_text_value_accesskit(&dir.display().to_string());
    h.run_steps(1);
    click(h, "前往");
}

pub fn is_open(h: &Harness<'static, BeianApp>) -> bool {
    h.state().ui.picker.is_some()
}
