//! Starting the desktop window: wgpu first, glow (OpenGL) if wgpu cannot start, so that
//! machines without a GPU driver (Windows VMs, software-only Linux) still get a window.

use crate::app::{BeianApp, Services};
use crate::services::AutoFileDialog;
use crate::store::storage::DataDir;

/// The window title.
pub const WINDOW_TITLE: &str = "ICP 备案助手 – beian";

/// Which renderer to try first (`BEIAN_RENDERER=glow` skips wgpu).
/// The packages' 256-pixel icon, for the window's title bar, task bar and switcher.
const ICON_PNG: &[u8] =
    include_bytes!("../packaging/linux/icons/hicolor/256x256/apps/cn.beian.beian.png");

/// The window icon, decoded from [`ICON_PNG`].
pub fn window_icon() -> Option<egui::IconData> {
    let image = image::load_from_memory_with_format(ICON_PNG, image::ImageFormat::Png)
        .ok()?
        .to_rgba8();
    Some(egui::IconData {
        width: image.width(),
        height: image.height(),
        rgba: image.into_raw(),
    })
}

fn with_icon(viewport: egui::ViewportBuilder) -> egui::ViewportBuilder {
    match window_icon() {
        Some(icon) => viewport.with_icon(icon),
        None => viewport,
    }
}

fn renderers() -> Vec<eframe::Renderer> {
    match std::env::var("BEIAN_RENDERER").as_deref() {
        Ok("glow") => vec![eframe::Renderer::Glow],
        Ok("wgpu") => vec![eframe::Renderer::Wgpu],
        _ => vec![eframe::Renderer::Wgpu, eframe::Renderer::Glow],
    }
}

/// Opens the window and runs until it is closed.
pub fn run(
    data: DataDir,
    locale: Option<crate::i18n::Locale>,
    camera_file: Option<std::path::PathBuf>,
) -> anyhow::Result<()> {
    if let Some(locale) = locale {
        let path = data.settings_path();
        let mut settings = crate::store::storage::Settings::load(&path);
        if settings.locale != locale {
            settings.locale = locale;
            settings.save(&path)?;
        }
    }
    // Checked once, on a thread, while the window opens.
    let dialog = AutoFileDialog::detect();
    let mut last_error = None;
    for renderer in renderers() {
        let options = eframe::NativeOptions {
            renderer,
            viewport: with_icon(
                egui::ViewportBuilder::default()
                    .with_title(WINDOW_TITLE)
                    .with_app_id("cn.beian.beian")
                    .with_inner_size([1100.0, 760.0])
                    .with_min_inner_size([760.0, 520.0]),
            ),
            persist_window: true,
            // Window geometry lives with the drafts, so BEIAN_DATA_DIR moves everything.
            persistence_path: Some(data.root().join("window.ron")),
            ..Default::default()
        };
        let data = data.clone();
        let camera_file = camera_file.clone();
        let dialog = dialog.clone();
        let result = eframe::run_native(
            "beian",
            options,
            Box::new(move |cc| {
                let services = Services {
                    dialog: Box::new(dialog),
                    data,
                    credentials: std::sync::Arc::new(crate::services::credentials::OsCredentials),
                };
                let mut app = BeianApp::new(&cc.egui_ctx, services);
                if let Some(path) = camera_file {
                    app.set_default_camera(crate::camera::CameraChoice::File(path));
                }
                Ok(Box::new(app))
            }),
        );
        match result {
            Ok(()) => return Ok(()),
            Err(err) => {
                log::warn!("{renderer:?} renderer failed: {err}; trying the next one");
                last_error = Some(err);
            }
        }
    }
    match last_error {
        Some(err) => Err(anyhow::anyhow!("no renderer could open a window: {err}")),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_window_icon_decodes() {
        let icon = super::window_icon().unwrap_or_default();
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    }
}
