//! Where beian keeps its files: the data folder (platform default, or `BEIAN_DATA_DIR`),
//! the draft library in it, and the user's preferences.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::i18n::Locale;
use crate::model::draft::Draft;
use crate::store::draft_io::{self, DraftIoError};
use crate::store::sealed::Library;

/// The environment variable that overrides the data folder (tests, demos, portable use).
pub const DATA_DIR_ENV: &str = "BEIAN_DATA_DIR";

/// The folder beian keeps drafts and preferences in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// A data folder at `root`.
    pub fn at(root: impl Into<PathBuf>) -> DataDir {
        DataDir { root: root.into() }
    }

    /// The data folder from `BEIAN_DATA_DIR`, or the platform's (e.g.
    /// `~/.local/share/beian` on Linux, `%APPDATA%\beian\beian\data` on Windows,
    /// `~/Library/Application Support/cn.beian.beian` on macOS).
    pub fn from_env() -> DataDir {
        if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
            return DataDir::at(dir);
        }
        match directories::ProjectDirs::from("cn", "beian", "beian") {
            Some(dirs) => DataDir::at(dirs.data_dir()),
            None => DataDir::at(".beian"),
        }
    }

    /// The root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The draft library.
    pub fn drafts_dir(&self) -> PathBuf {
        self.root.join("drafts")
    }

    /// The path of the draft with this identifier in the library.
    pub fn draft_path(&self, id: &str) -> PathBuf {
        self.drafts_dir().join(format!("{id}.ron"))
    }

    /// The preferences file.
    pub fn settings_path(&self) -> PathBuf {
        self.root.join("settings.ron")
    }

    /// The marker that says the window is open: written at start, removed when beian
    /// closes normally. Found at the next start, it means beian died while running.
    pub fn running_marker_path(&self) -> PathBuf {
        self.root.join("running")
    }
}

/// The user's preferences, kept between sessions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The interface language.
    pub locale: Locale,
    /// The draft that was open when beian was closed.
    pub last_draft: Option<PathBuf>,
    /// Draft files opened or saved outside the library, newest first.
    pub recent: Vec<PathBuf>,
    /// This desk's name, shown to other desks sharing the library (empty: the
    /// computer's name).
    pub desk_name: String,
    /// The help-desk secret key last used to countersign a bundle.
    pub staff_key: Option<PathBuf>,
    /// Lock after this many seconds without input, when a staff passphrase is set
    /// (`None`: the default, [`DEFAULT_AUTO_LOCK_SECS`]; 0: never).
    pub auto_lock_secs: Option<u64>,
}

/// Five minutes: the default idle time before beian locks.
pub const DEFAULT_AUTO_LOCK_SECS: u64 = 300;

/// How many outside draft files the start screen remembers.
pub const MAX_RECENT: usize = 20;

impl Settings {
    /// Reads the preferences; missing or unreadable preferences give the defaults (they
    /// hold nothing the user typed, so nothing is lost).
    pub fn load(path: &Path) -> Settings {
        match fs::read_to_string(path) {
            Ok(text) => ron::from_str(&text).unwrap_or_else(|err| {
                log::warn!("preferences unreadable, using defaults: {}", err.code);
                Settings::default()
            }),
            Err(_) => Settings::default(),
        }
    }

    /// Writes the preferences atomically.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(std::io::Error::other)?;
        draft_io::write_atomic(path, text.as_bytes())
    }

    /// The idle time before beian locks (`None`: never).
    pub fn auto_lock(&self) -> Option<std::time::Duration> {
        match self.auto_lock_secs.unwrap_or(DEFAULT_AUTO_LOCK_SECS) {
            0 => None,
            secs => Some(std::time::Duration::from_secs(secs)),
        }
    }

    /// Remembers a draft file opened or saved outside the library.
    pub fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(MAX_RECENT);
    }
}

/// One draft file found in the library or the recent list.
#[derive(Debug)]
pub struct LibraryEntry {
    /// Where it is.
    pub path: PathBuf,
    /// The draft, or why it could not be read.
    pub draft: Result<Draft, DraftIoError>,
}

/// Reads every draft in the library folder and the given outside files, newest change
/// first; unreadable ones are listed with their error.
pub fn list_drafts(library: &Library, recent: &[PathBuf]) -> Vec<LibraryEntry> {
    let mut paths: Vec<PathBuf> = match fs::read_dir(library.dir()) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .collect(),
        Err(_) => Vec::new(),
    };
    for p in recent {
        if p.exists() && !paths.contains(p) {
            paths.push(p.clone());
        }
    }
    let mut entries: Vec<LibraryEntry> = paths
        .into_iter()
        .map(|path| LibraryEntry {
            draft: draft_io::load_draft(&library.for_file(&path), &path),
            path,
        })
        .collect();
    entries.sort_by(|a, b| {
        let key = |e: &LibraryEntry| e.draft.as_ref().ok().and_then(|d| d.updated_at);
        key(b).cmp(&key(a)).then_with(|| a.path.cmp(&b.path))
    });
    entries
}
