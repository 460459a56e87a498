//! The staff key of the library and its jobs, off the UI thread: unlocking (scrypt takes
//! about a second on purpose), setting or changing the staff passphrase, and turning
//! encryption at rest on or off with progress (the index is rebuilt afterwards, since
//! every file's stamp changed).

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::store::sealed::{self, Converted, SealError};

/// What a staff job finished with.
#[derive(Debug)]
pub enum StaffEvent {
    /// The lock screen's passphrase was checked.
    Unlocked(Result<(), Arc<SealError>>),
    /// A staff passphrase was set for a library that had none.
    PassphraseSet(Result<(), Arc<SealError>>),
    /// The staff passphrase was changed.
    PassphraseChanged(Result<(), Arc<SealError>>),
    /// The library was converted (`sealed`: to encrypted form, or back to clear).
    Converted {
        /// The direction.
        sealed: bool,
        /// How many files changed, or why it stopped.
        result: Result<Converted, Arc<SealError>>,
    },
}

/// How far a conversion is: files done of all.
#[derive(Debug, Default)]
pub struct Progress {
    /// Files converted so far.
    pub done: AtomicUsize,
    /// Files to convert.
    pub total: AtomicUsize,
}

impl Progress {
    /// Done and total, as read now.
    pub fn get(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }
}

/// What the staff settings show about a library's staff key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyState {
    /// A staff passphrase is set.
    pub has_key: bool,
    /// The library's files are (to be) encrypted.
    pub sealed: bool,
    /// Files not yet in the form asked for (an interrupted conversion).
    pub unconverted: usize,
    /// The staff key file could not be read.
    pub damaged: bool,
}

/// Reads the staff key's state (a small file and one folder listing).
pub fn key_state(library: &Path) -> KeyState {
    match sealed::vault(library) {
        Ok(Some(vault)) => KeyState {
            has_key: true,
            sealed: vault.sealed,
            unconverted: sealed::unconverted(library).unwrap_or(0),
            damaged: false,
        },
        Ok(None) => KeyState::default(),
        Err(_) => KeyState {
            has_key: true,
            damaged: true,
            ..KeyState::default()
        },
    }
}

/// Unlocks the library with the staff passphrase.
pub fn unlock(library: &sealed::Library, passphrase: &str) -> StaffEvent {
    StaffEvent::Unlocked(library.unlock(passphrase).map_err(Arc::new))
}

/// Sets the first staff passphrase, the key wrapped at `work`.
pub fn set_passphrase(
    library: &sealed::Library,
    passphrase: &str,
    work: sealed::WorkFactor,
) -> StaffEvent {
    StaffEvent::PassphraseSet(
        library
            .create(passphrase, work)
            .map(|_| ())
            .map_err(Arc::new),
    )
}

/// Changes the staff passphrase, the key wrapped again at `work`.
pub fn change_passphrase(
    library: &sealed::Library,
    old: &str,
    new: &str,
    work: sealed::WorkFactor,
) -> StaffEvent {
    StaffEvent::PassphraseChanged(library.change_passphrase(old, new, work).map_err(Arc::new))
}

/// Converts the library's files in place, then rebuilds its index.
pub fn convert(library: &sealed::Library, seal: bool, progress: &Progress) -> StaffEvent {
    let result = library.convert(seal, &mut |done, total| {
        progress.total.store(total, Ordering::Relaxed);
        progress.done.store(done, Ordering::Relaxed);
    });
    if result.is_ok() {
        // Every converted file has a new stamp: read them once now, not at the next
        // start.
        let listing = crate::library::index::refresh(library);
        if !listing.unreadable.is_empty() {
            // The list shows them as damaged; only how many goes to the log.
            log::warn!(
                "{} library files unreadable after the conversion",
                listing.unreadable.len()
            );
        }
    }
    log::info!(
        "library conversion finished (to {} form)",
        if seal { "encrypted" } else { "clear" }
    );
    StaffEvent::Converted {
        sealed: seal,
        result: result.map_err(Arc::new),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn key_state_follows_the_staff_key_and_conversion() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(key_state(dir.path()), KeyState::default());
        crate::store::draft_io::write_atomic(&dir.path().join("a.ron"), b"x").unwrap();
        let library = sealed::Library::open(dir.path());
        assert!(matches!(
            set_passphrase(&library, "staff passphrase", sealed::WorkFactor::new(10)),
            StaffEvent::PassphraseSet(Ok(()))
        ));
        let state = key_state(dir.path());
        assert!(state.has_key && !state.sealed);
        let progress = Progress::default();
        let event = convert(&library, true, &progress);
        assert!(
            matches!(event, StaffEvent::Converted { sealed: true, result: Ok(c) } if c.changed == 1)
        );
        assert_eq!(progress.get(), (1, 1));
        let state = key_state(dir.path());
        assert!(state.sealed && state.unconverted == 0);
        library.lock();
        assert!(!library.is_unlocked());
    }
}
