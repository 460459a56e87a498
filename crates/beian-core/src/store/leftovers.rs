//! Temporary files left behind by a save that was interrupted (beian killed, the machine
//! switched off) between creating its `.beian-*.tmp` file and renaming it into place.
//! They hold a draft, an attachment or an index in an unknown state, and nothing refers
//! to them: they are removed when beian or its library starts.
//!
//! A save in progress holds a lock on its temporary file
//! ([`draft_io::write_atomic`](crate::store::draft_io::write_atomic)), which the operating system
//! releases when the process dies; a file whose lock can be taken is therefore
//! abandoned, while another beian's save under way (another window, another desk on a
//! shared folder) is left alone.

use std::fs;
use std::path::Path;

/// Whether a file name is one of `write_atomic`'s temporary files.
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with(".beian-") && name.ends_with(".tmp")
}

/// Removes abandoned temporary files from `dir` and from the attachment folders
/// (`*.files`) in it. Returns how many were removed. Problems (an unreadable folder, a
/// file that cannot be removed) are logged and skipped: cleaning never stops a start.
pub fn remove_leftover_temp_files(dir: &Path) -> usize {
    let mut removed = remove_in(dir);
    let Ok(entries) = fs::read_dir(dir) else {
        return removed;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let is_store = entry.file_type().is_ok_and(|t| t.is_dir())
            && path.extension().is_some_and(|x| x == "files");
        if is_store {
            removed += remove_in(&path);
        }
    }
    if removed > 0 {
        log::info!("removed {removed} temporary files left by interrupted saves");
    }
    removed
}

fn remove_in(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let is_temp = entry.file_name().to_str().is_some_and(is_temp_name)
            && entry.file_type().is_ok_and(|t| t.is_file());
        if is_temp && abandoned_removed(&entry.path()) {
            removed += 1;
        }
    }
    removed
}

/// Removes the file if no save holds its lock; returns whether it was removed.
fn abandoned_removed(path: &Path) -> bool {
    let Ok(file) = fs::File::open(path) else {
        return false;
    };
    match file.try_lock() {
        Ok(()) => match fs::remove_file(path) {
            Ok(()) => true,
            Err(err) => {
                log::warn!("cannot remove a left-over temporary file: {}", err.kind());
                false
            }
        },
        // A save is writing it right now.
        Err(fs::TryLockError::WouldBlock) => false,
        Err(fs::TryLockError::Error(err)) => {
            log::debug!("cannot lock a temporary file: {}", err.kind());
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abandoned_temp_files_go_and_others_stay() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("d.files");
        fs::create_dir(&store).unwrap();
        fs::write(dir.path().join(".beian-abc.tmp"), b"half").unwrap();
        fs::write(store.join(".beian-def.tmp"), b"half").unwrap();
        fs::write(dir.path().join("d.ron"), b"()").unwrap();
        fs::write(dir.path().join("notes.tmp"), b"mine").unwrap();
        // A save under way holds its lock: left alone.
        let busy = dir.path().join(".beian-busy.tmp");
        let held = fs::File::create(&busy).unwrap();
        held.lock().unwrap();

        assert_eq!(remove_leftover_temp_files(dir.path()), 2);
        assert!(!dir.path().join(".beian-abc.tmp").exists());
        assert!(!store.join(".beian-def.tmp").exists());
        assert!(dir.path().join("d.ron").exists());
        assert!(dir.path().join("notes.tmp").exists());
        assert!(busy.exists());
        drop(held);
        assert_eq!(remove_leftover_temp_files(dir.path()), 1);
        assert_eq!(remove_leftover_temp_files(&dir.path().join("missing")), 0);
    }
}
