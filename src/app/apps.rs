//! The work behind the APP blocks: choosing a package or certificate file, reading it on
//! a worker (only its manifest and signatures), and filling the block with what it says.

use super::*;
use crate::action::AppAction;
use crate::packages::PackageReading;

impl BeianApp {
    pub(super) fn apply_app(&mut self, action: AppAction, ctx: &egui::Context) {
        match action {
            AppAction::Pick { app, package } => {
                self.package_dialog =
                    Some(((app, package), self.services.dialog.pick_package(ctx)));
            }
            AppAction::Read { app, package, path } => self.read_package(app, package, path),
        }
    }

    /// Reads `path` for the block `package` of APP `app` on a worker.
    pub(super) fn read_package(&mut self, app: usize, package: usize, path: PathBuf) {
        let Some(draft_path) = self.draft_path.clone() else {
            return;
        };
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.ui
            .apps
            .reading
            .insert((app, package), file_name.clone());
        self.ui.apps.refused.remove(&(app, package));
        self.worker
            .spawn("package-read", move || WorkerEvent::PackageRead {
                draft_path,
                app,
                package,
                file_name,
                result: crate::packages::read_file(&path).map(Box::new),
            });
    }

    /// Fills a block with what was read, or keeps why it could not be.
    pub(super) fn on_package_read(
        &mut self,
        at: (usize, usize),
        file_name: String,
        result: Result<Box<PackageReading>, crate::packages::PackageError>,
    ) {
        if self.ui.apps.reading.remove(&at).is_none() {
            // The block was removed (or the APPs renumbered) while the file was read.
            return;
        }
        let reading = match result {
            Ok(reading) => reading,
            Err(err) => {
                self.ui.apps.refused.insert(at, err);
                return;
            }
        };
        let Some(block) = self
            .draft
            .apps
            .get_mut(at.0)
            .and_then(|a| a.packages.get_mut(at.1))
        else {
            return;
        };
        crate::packages::fill_block(block, &reading, file_name, chrono::Utc::now());
    }
}
