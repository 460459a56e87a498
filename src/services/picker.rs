//! Listing a folder for beian's own file picker on a named thread (the folder logic is
//! `store::file_choice`), so a large folder never blocks a frame.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, sync_channel};

use crate::store::file_choice::{ListError, Listing, list_dir};

/// The answer of [`spawn_list`].
pub type Listed = Receiver<Result<Listing, ListError>>;

/// Lists `dir` on a named thread; `done` runs after the answer was sent (to repaint).
pub fn spawn_list(dir: PathBuf, done: impl FnOnce() + Send + 'static) -> Listed {
    let (tx, rx) = sync_channel(1);
    let spawned = std::thread::Builder::new()
        .name("picker-list".to_owned())
        .spawn(move || {
            if tx.send(list_dir(&dir)).is_err() {
                log::debug!("folder listed after the picker moved on");
            }
            done();
        });
    if let Err(err) = spawned {
        log::error!("cannot start the folder listing thread: {err}");
    }
    rx
}

/// Makes the picture of a file for the picker's preview on a thread (a picture, or a
/// PDF's first page, at most `side` pixels long); `None` when it has none (unreadable,
/// too large, not a picture). `done` runs when it is ready.
pub fn spawn_preview(
    path: PathBuf,
    side: u32,
    done: impl FnOnce() + Send + 'static,
) -> std::sync::mpsc::Receiver<Option<super::documents::Picture>> {
    let (tx, rx) = sync_channel(1);
    let spawned = std::thread::Builder::new()
        .name("picker-preview".to_owned())
        .spawn(move || {
            let picture = super::documents::read_limited(&path)
                .ok()
                .and_then(|bytes| {
                    let format = crate::documents::sniff::sniff(&bytes);
                    super::documents::thumbnail_of(&bytes, format, side)
                });
            if tx.send(picture).is_err() {
                log::debug!("preview made after the picker moved on");
            }
            done();
        });
    if let Err(err) = spawned {
        log::error!("cannot start the preview thread: {err}");
    }
    rx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_a_large_folder_on_a_thread() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..2000 {
            std::fs::write(dir.path().join(format!("f{i:05}.ron")), b"").unwrap();
        }
        let rx = spawn_list(dir.path().to_path_buf(), || {});
        let listing = rx
            .recv_timeout(std::time::Duration::from_secs(20))
            .unwrap()
            .unwrap();
        assert_eq!(listing.entries.len(), 2000);
        assert_eq!(listing.entries.first().unwrap().name, "f00000.ron");
    }
}
