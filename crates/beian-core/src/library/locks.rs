//! Edit locks for drafts in a shared library folder: opening a draft for editing writes
//! `<draft>.lock` beside it (created exclusively, so two desks cannot both take it), with
//! the desk's name and when it was taken; the open desk renews it while the draft is
//! open and removes it on close. Another desk sees who edits it and opens it read-only.
//! A lock not renewed for [`LOCK_EXPIRY_MINUTES`] was left by a desk that crashed or lost
//! the share: it can be taken over, after the user confirms.

use std::fs::OpenOptions;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::store::draft_io;

/// A lock not renewed for this long is stale.
pub const LOCK_EXPIRY_MINUTES: i64 = 10;
/// How often the open desk renews its lock.
pub const LOCK_RENEW_SECS: u64 = 60;

/// Who holds a draft open for editing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DraftLock {
    /// The desk's name (preferences; the computer's name by default).
    pub desk: String,
    /// Tells this running beian apart from another on the same desk.
    pub session: String,
    /// When it was taken.
    pub since: DateTime<Utc>,
    /// When it was last renewed.
    pub renewed: DateTime<Utc>,
}

impl Default for DraftLock {
    fn default() -> Self {
        DraftLock {
            desk: String::new(),
            session: String::new(),
            since: DateTime::<Utc>::UNIX_EPOCH,
            renewed: DateTime::<Utc>::UNIX_EPOCH,
        }
    }
}

impl DraftLock {
    /// A new lock for `desk` / `session` taken at `now`.
    pub fn new(desk: &str, session: &str, now: DateTime<Utc>) -> DraftLock {
        DraftLock {
            desk: desk.to_owned(),
            session: session.to_owned(),
            since: now,
            renewed: now,
        }
    }

    /// Whether it was not renewed for [`LOCK_EXPIRY_MINUTES`] at `now`.
    pub fn is_stale(&self, now: DateTime<Utc>) -> bool {
        now - self.renewed > Duration::minutes(LOCK_EXPIRY_MINUTES)
    }
}

/// What trying to lock a draft found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LockOutcome {
    /// The draft is ours to edit.
    Acquired,
    /// Someone else holds it (stale or not).
    HeldBy(DraftLock),
}

/// The lock file of the draft at `draft`.
pub fn lock_path(draft: &Path) -> PathBuf {
    let stem = draft
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "draft".to_owned());
    draft.with_file_name(format!("{stem}.lock"))
}

/// Reads the lock of the draft at `draft`, if there is a readable one.
pub fn read(draft: &Path) -> Option<DraftLock> {
    let text = std::fs::read_to_string(lock_path(draft)).ok()?;
    ron::from_str(&text).ok()
}

fn encode(lock: &DraftLock) -> io::Result<String> {
    ron::to_string(lock).map_err(io::Error::other)
}

/// Takes the lock of the draft at `draft` for `mine` unless another session holds it.
/// A lock file that cannot be read (half written by a crashed desk) counts as stale.
pub fn acquire(draft: &Path, mine: &DraftLock) -> io::Result<LockOutcome> {
    let path = lock_path(draft);
    match OpenOptions::new().write(true).create_new(true).open(&path) {
        Ok(mut file) => {
            file.write_all(encode(mine)?.as_bytes())?;
            file.sync_all()?;
            return Ok(LockOutcome::Acquired);
        }
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {}
        Err(err) => return Err(err),
    }
    match read(draft) {
        Some(held) if held.session == mine.session => {
            renew(draft, mine)?;
            Ok(LockOutcome::Acquired)
        }
        Some(held) => Ok(LockOutcome::HeldBy(held)),
        None => Ok(LockOutcome::HeldBy(DraftLock::default())),
    }
}

/// Renews (or, after a confirmed take-over, replaces) the lock with `mine`.
pub fn renew(draft: &Path, mine: &DraftLock) -> io::Result<()> {
    draft_io::write_atomic(&lock_path(draft), encode(mine)?.as_bytes())
}

/// Removes the lock if it is ours (a lock another desk took over stays).
pub fn release(draft: &Path, session: &str) -> io::Result<()> {
    match read(draft) {
        Some(held) if held.session != session => Ok(()),
        _ => match std::fs::remove_file(lock_path(draft)) {
            Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
            _ => Ok(()),
        },
    }
}

/// The name this computer goes by when no desk name is set.
pub fn default_desk_name() -> String {
    ["COMPUTERNAME", "HOSTNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|n| !n.trim().is_empty()))
        .or_else(|| {
            std::fs::read_to_string("/etc/hostname")
                .ok()
                .map(|n| n.trim().to_owned())
                .filter(|n| !n.is_empty())
        })
        .unwrap_or_else(|| "beian".to_owned())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn a_second_desk_sees_the_first_and_a_stale_lock_can_be_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let draft = dir.path().join("a.ron");
        std::fs::write(&draft, "()").unwrap();
        let t0 = Utc::now();
        let desk1 = DraftLock::new("1号服务台", "s1", t0);
        let desk2 = DraftLock::new("2号服务台", "s2", t0);
        assert_eq!(acquire(&draft, &desk1).unwrap(), LockOutcome::Acquired);
        // The same session again: still ours.
        assert_eq!(acquire(&draft, &desk1).unwrap(), LockOutcome::Acquired);
        let LockOutcome::HeldBy(held) = acquire(&draft, &desk2).unwrap() else {
            panic!("desk 2 took a held lock");
        };
        assert_eq!(held.desk, "1号服务台");
        assert!(!held.is_stale(t0 + Duration::minutes(5)));
        assert!(held.is_stale(t0 + Duration::minutes(LOCK_EXPIRY_MINUTES + 1)));
        // Desk 2 releasing does not remove desk 1's lock.
        release(&draft, "s2").unwrap();
        assert!(read(&draft).is_some());
        // Taken over after expiry (the user confirmed): desk 1's release leaves it.
        renew(&draft, &desk2).unwrap();
        release(&draft, "s1").unwrap();
        assert_eq!(read(&draft).unwrap().desk, "2号服务台");
        release(&draft, "s2").unwrap();
        assert!(read(&draft).is_none());
        assert_eq!(acquire(&draft, &desk1).unwrap(), LockOutcome::Acquired);
    }

    #[test]
    fn an_unreadable_lock_counts_as_held_by_nobody_known_and_stale() {
        let dir = tempfile::tempdir().unwrap();
        let draft = dir.path().join("a.ron");
        std::fs::write(lock_path(&draft), "(desk: \"half").unwrap();
        let mine = DraftLock::new("1", "s1", Utc::now());
        let LockOutcome::HeldBy(held) = acquire(&draft, &mine).unwrap() else {
            panic!("took a lock file that exists");
        };
        assert!(held.is_stale(Utc::now()));
        assert!(!default_desk_name().is_empty());
    }
}
