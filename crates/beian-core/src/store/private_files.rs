//! Files readable by their owner only, written so that a reader sees the old file or the
//! new one and never a mixture. The floor under both the draft files (`draft_io`) and the
//! encrypted library (`sealed`), so that neither reaches up into the other.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Creates a folder (and its parents) readable by its owner only.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Writes `bytes` to `path` so that a reader sees either the old file or the new one,
/// never a mixture: a temporary file in the same folder, flushed to disk, then renamed.
/// The file is readable by its owner only.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    create_private_dir(&dir)?;
    // tempfile creates the file with mode 0600 on Unix.
    let mut tmp = tempfile::Builder::new()
        .prefix(".beian-")
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    // Held until the rename: a start that finds the file unlocked knows its writer died
    // (see `leftovers`), and leaves it alone while a save is under way. A folder without
    // locks (some network shares) still saves.
    if let Err(err) = tmp.as_file().lock() {
        log::debug!("cannot lock the temporary file: {}", err.kind());
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    #[cfg(unix)]
    {
        // Make the rename itself durable; failure here does not lose data.
        if let Ok(d) = fs::File::open(&dir)
            && let Err(err) = d.sync_all()
        {
            log::debug!("could not sync folder after saving: {}", err.kind());
        }
    }
    Ok(())
}
