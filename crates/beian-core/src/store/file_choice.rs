//! What a file question asks for ([`DialogSpec`]: title, filter, open one, several or
//! save), and the folder logic of beian's own file picker (used when the system has no
//! file dialog): listing a folder, folders first then names, filtering by extension
//! without regard to case, hidden files, going up, the quick places, and the file name of
//! a save (default extension, no overwrite without a confirmation). Drawn by
//! `widgets::file_picker`; `services::picker` lists on a thread.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};

/// What a file dialog asks for: its title and filter (i18n keys), the extensions it
/// shows (lower case, no dot; the first is added to a saved name without one), and
/// whether it opens one file, several, or saves. The questions beian asks are made in
/// `services::dialog`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DialogSpec {
    /// The i18n key of the title.
    pub title_key: &'static str,
    /// The i18n key of the filter's name.
    pub filter_key: &'static str,
    /// The extensions shown, lower case.
    pub extensions: Vec<String>,
    /// Open one, open several, or save.
    pub mode: DialogMode,
}

/// What a file dialog answers with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogMode {
    /// One existing file.
    Open,
    /// One or more existing files.
    OpenMany,
    /// Where to write a file, suggesting a name.
    Save {
        /// The name offered.
        suggested_name: String,
    },
}

/// One entry of a folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The file or folder name (lossy for names that are not Unicode).
    pub name: String,
    /// Its full path.
    pub path: PathBuf,
    /// A folder (or a link to one).
    pub is_dir: bool,
    /// The file's size in bytes (None for a folder or when unreadable).
    pub size: Option<u64>,
    /// When it was last changed, when known.
    pub modified: Option<std::time::SystemTime>,
}

impl Entry {
    /// A dot-file, hidden unless asked.
    pub fn is_hidden(&self) -> bool {
        self.name.starts_with('.')
    }
}

/// A folder read, sorted (folders first, then names).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Listing {
    /// The folder.
    pub dir: PathBuf,
    /// Its entries, sorted by [`compare`].
    pub entries: Vec<Entry>,
}

/// Why a folder could not be listed.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum ListError {
    /// The folder does not exist (any more).
    #[error("the folder does not exist")]
    NotFound,
    /// The user may not read it.
    #[error("no permission to read the folder")]
    PermissionDenied,
    /// The path is a file, not a folder.
    #[error("not a folder")]
    NotAFolder,
    /// Another error from the system, with its text.
    #[error("the folder cannot be read: {0}")]
    Other(String),
    /// The listing thread could not be started or stopped without answering.
    #[error("the folder listing stopped")]
    Stopped,
}

impl ListError {
    fn from_io(err: &std::io::Error) -> ListError {
        match err.kind() {
            std::io::ErrorKind::NotFound => ListError::NotFound,
            std::io::ErrorKind::PermissionDenied => ListError::PermissionDenied,
            std::io::ErrorKind::NotADirectory => ListError::NotAFolder,
            _ => ListError::Other(err.to_string()),
        }
    }

    /// The i18n key of the message shown in the picker.
    pub fn message_key(&self) -> &'static str {
        match self {
            ListError::NotFound => "picker.error.not_found",
            ListError::PermissionDenied => "picker.error.permission",
            ListError::NotAFolder => "picker.error.not_folder",
            ListError::Other(_) => "picker.error.other",
            ListError::Stopped => "picker.error.stopped",
        }
    }
}

/// Folders before files, then names without regard to case, then the exact names.
pub fn compare(a: &Entry, b: &Entry) -> Ordering {
    b.is_dir
        .cmp(&a.is_dir)
        .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        .then_with(|| a.name.cmp(&b.name))
}

/// Reads `dir` (blocking; `services::picker::spawn_list` runs it on a thread). Entries that cannot be
/// read are left out; a folder that cannot be read is an error.
pub fn list_dir(dir: &Path) -> Result<Listing, ListError> {
    let read = std::fs::read_dir(dir).map_err(|e| ListError::from_io(&e))?;
    let mut entries = Vec::new();
    for item in read.flatten() {
        let path = item.path();
        let is_dir = match item.file_type() {
            Ok(kind) if kind.is_symlink() => path.is_dir(),
            Ok(kind) => kind.is_dir(),
            Err(_) => continue,
        };
        let meta = if is_dir { None } else { item.metadata().ok() };
        entries.push(Entry {
            name: item.file_name().to_string_lossy().into_owned(),
            path,
            is_dir,
            size: meta.as_ref().map(std::fs::Metadata::len),
            modified: meta.and_then(|m| m.modified().ok()),
        });
    }
    entries.sort_by(compare);
    Ok(Listing {
        dir: dir.to_path_buf(),
        entries,
    })
}

/// Whether a file name has one of `extensions` (lower case, no dot), ignoring case. No
/// extensions: every file matches.
pub fn matches_extension(name: &str, extensions: &[String]) -> bool {
    if extensions.is_empty() {
        return true;
    }
    Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| extensions.contains(&e))
}

/// The positions in `listing` of what the picker shows: every folder and the files with a
/// wanted extension, dot-files only when `show_hidden`.
pub fn visible(listing: &Listing, extensions: &[String], show_hidden: bool) -> Vec<usize> {
    listing
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| show_hidden || !e.is_hidden())
        .filter(|(_, e)| e.is_dir || matches_extension(&e.name, extensions))
        .map(|(i, _)| i)
        .collect()
}

/// The folder above `dir` (none at the root).
pub fn parent(dir: &Path) -> Option<PathBuf> {
    dir.parent().map(Path::to_path_buf)
}

/// Why a typed file name cannot be saved to.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum NameError {
    /// Nothing typed.
    #[error("no file name")]
    Empty,
    /// The name is a folder.
    #[error("a folder has that name")]
    IsFolder,
}

impl NameError {
    /// The i18n key of the message shown in the picker.
    pub fn message_key(&self) -> &'static str {
        match self {
            NameError::Empty => "picker.name.empty",
            NameError::IsFolder => "picker.name.folder",
        }
    }
}

/// What saving to a typed name needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveTarget {
    /// Nothing there: save.
    New(PathBuf),
    /// A file is there: replace only after the user confirmed.
    Exists(PathBuf),
}

/// The file a save writes: the typed name in `dir` (a typed absolute path is taken as it
/// is), with the first of `extensions` added when the name has none of them.
pub fn save_path(dir: &Path, typed: &str, extensions: &[String]) -> Result<PathBuf, NameError> {
    let typed = typed.trim();
    if typed.is_empty() || typed.ends_with('/') || typed.ends_with(std::path::MAIN_SEPARATOR) {
        return Err(NameError::Empty);
    }
    let mut name = typed.to_owned();
    if let Some(first) = extensions.first()
        && !matches_extension(typed, extensions)
    {
        name.push('.');
        name.push_str(first);
    }
    Ok(dir.join(name))
}

/// Checks a save to the typed name: a folder with that name is refused, an existing file
/// needs a confirmation.
pub fn check_save(dir: &Path, typed: &str, extensions: &[String]) -> Result<SaveTarget, NameError> {
    let path = save_path(dir, typed, extensions)?;
    if path.is_dir() {
        Err(NameError::IsFolder)
    } else if path.exists() {
        Ok(SaveTarget::Exists(path))
    } else {
        Ok(SaveTarget::New(path))
    }
}

/// Which quick place a folder is (its label is translated when drawn).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceKind {
    /// The user's home folder.
    Home,
    /// beian's draft library.
    Drafts,
    /// The desktop folder.
    Desktop,
    /// The documents folder.
    Documents,
    /// The downloads folder.
    Downloads,
    /// The file system's root, or a drive on Windows.
    Root,
}

impl PlaceKind {
    /// The i18n key of its label.
    pub fn label_key(self) -> &'static str {
        match self {
            PlaceKind::Home => "picker.place.home",
            PlaceKind::Drafts => "picker.place.drafts",
            PlaceKind::Desktop => "picker.place.desktop",
            PlaceKind::Documents => "picker.place.documents",
            PlaceKind::Downloads => "picker.place.downloads",
            PlaceKind::Root => "picker.place.root",
        }
    }
}

/// A folder offered beside the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// Which one.
    pub kind: PlaceKind,
    /// Where it is.
    pub path: PathBuf,
}

/// The quick places that exist: home, the draft library, desktop, documents, downloads
/// and the root (every drive on Windows).
pub fn quick_places(drafts: &Path) -> Vec<Place> {
    let mut places = Vec::new();
    let user = directories::UserDirs::new();
    let mut push = |kind, path: Option<&Path>| {
        if let Some(path) = path
            && path.is_dir()
            && !places.iter().any(|p: &Place| p.path == path)
        {
            places.push(Place {
                kind,
                path: path.to_path_buf(),
            });
        }
    };
    if let Some(user) = &user {
        push(PlaceKind::Home, Some(user.home_dir()));
    }
    push(PlaceKind::Drafts, Some(drafts));
    if let Some(user) = &user {
        push(PlaceKind::Desktop, user.desktop_dir());
        push(PlaceKind::Documents, user.document_dir());
        push(PlaceKind::Downloads, user.download_dir());
    }
    for root in roots() {
        push(PlaceKind::Root, Some(&root));
    }
    places
}

#[cfg(windows)]
fn roots() -> Vec<PathBuf> {
    (b'A'..=b'Z')
        .map(|letter| PathBuf::from(format!("{}:\\", char::from(letter))))
        .filter(|p| p.is_dir())
        .collect()
}

#[cfg(not(windows))]
fn roots() -> Vec<PathBuf> {
    vec![PathBuf::from("/")]
}

/// The folder a picker starts in: the last one used in this run if it still exists, else
/// the home folder, else the draft library.
pub fn start_folder(last: Option<&Path>, drafts: &Path) -> PathBuf {
    if let Some(last) = last
        && last.is_dir()
    {
        return last.to_path_buf();
    }
    directories::UserDirs::new()
        .map(|u| u.home_dir().to_path_buf())
        .filter(|h| h.is_dir())
        .unwrap_or_else(|| drafts.to_path_buf())
}

/// The extension of draft transfer files (`bundle::transfer` writes them).
pub const TRANSFER_EXTENSION: &str = "beiandraft";

/// The questions beian asks of a file dialog.
impl DialogSpec {
    /// A question titled `title_key` for files with `extensions`.
    pub fn new(title_key: &'static str, filter_key: &'static str, extensions: &[&str]) -> Self {
        DialogSpec {
            title_key,
            filter_key,
            extensions: extensions.iter().map(|e| (*e).to_owned()).collect(),
            mode: DialogMode::Open,
        }
    }

    /// The same question, for where to save, suggesting `suggested_name`.
    pub fn saving(mut self, suggested_name: &str) -> Self {
        self.mode = DialogMode::Save {
            suggested_name: suggested_name.to_owned(),
        };
        self
    }

    /// A draft to open.
    pub fn open_draft() -> Self {
        Self::new("dialog.open_title", "dialog.filter_drafts", &["ron"])
    }

    /// Where to save a draft.
    pub fn save_draft(suggested_name: &str) -> Self {
        Self::new("dialog.save_title", "dialog.filter_drafts", &["ron"]).saving(suggested_name)
    }

    /// Document files to attach.
    pub fn documents() -> Self {
        let mut spec = Self::new(
            "dialog.documents_title",
            "dialog.filter_documents",
            &["jpg", "jpeg", "png", "webp", "pdf"],
        );
        spec.mode = DialogMode::OpenMany;
        spec
    }

    /// An existing face photo (a picture, not a PDF).
    pub fn photo() -> Self {
        Self::new(
            "dialog.photo_title",
            "dialog.filter_photos",
            &["jpg", "jpeg", "png", "webp"],
        )
    }

    /// An APP package, provisioning profile or certificate file.
    pub fn package() -> Self {
        Self::new(
            "dialog.package_title",
            "dialog.filter_packages",
            &[
                "apk",
                "ipa",
                "hap",
                "app",
                "mobileprovision",
                "cer",
                "crt",
                "der",
                "pem",
                "p7b",
            ],
        )
    }

    /// A bundle to open.
    pub fn open_bundle() -> Self {
        Self::new(
            "dialog.open_bundle_title",
            "dialog.filter_bundles",
            &["zip"],
        )
    }

    /// Where to write a bundle.
    pub fn save_bundle(suggested_name: &str) -> Self {
        Self::new(
            "dialog.save_bundle_title",
            "dialog.filter_bundles",
            &["zip"],
        )
        .saving(suggested_name)
    }

    /// A help-desk secret key.
    pub fn open_key() -> Self {
        Self::new("dialog.open_key_title", "dialog.filter_keys", &["key"])
    }

    /// A draft transfer file to import.
    pub fn open_transfer() -> Self {
        let ext = TRANSFER_EXTENSION;
        Self::new(
            "dialog.open_transfer_title",
            "dialog.filter_transfers",
            &[ext],
        )
    }

    /// Where to write a draft transfer file.
    pub fn save_transfer(suggested_name: &str) -> Self {
        let ext = TRANSFER_EXTENSION;
        Self::new(
            "dialog.save_transfer_title",
            "dialog.filter_transfers",
            &[ext],
        )
        .saving(suggested_name)
    }

    /// Where to write the daily overview.
    pub fn save_overview(suggested_name: &str) -> Self {
        Self::new(
            "dialog.save_overview_title",
            "dialog.filter_html",
            &["html", "htm"],
        )
        .saving(suggested_name)
    }

    /// Where to write a printed paper (PDF).
    pub fn save_paper(suggested_name: &str) -> Self {
        Self::new("dialog.save_paper_title", "dialog.filter_pdf", &["pdf"]).saving(suggested_name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exts(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.ron", "A.RON", "c.txt", ".hidden.ron", "Zeta.ron"] {
            std::fs::write(dir.path().join(name), b"x").unwrap();
        }
        for name in ["sub", "Alpha", ".git"] {
            std::fs::create_dir(dir.path().join(name)).unwrap();
        }
        dir
    }

    fn names(listing: &Listing, shown: &[usize]) -> Vec<String> {
        shown
            .iter()
            .map(|&i| listing.entries.get(i).unwrap().name.clone())
            .collect()
    }

    #[test]
    fn folders_first_then_names_ignoring_case() {
        let dir = folder();
        let listing = list_dir(dir.path()).unwrap();
        let all: Vec<_> = listing.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            all,
            [
                ".git",
                "Alpha",
                "sub",
                ".hidden.ron",
                "A.RON",
                "b.ron",
                "c.txt",
                "Zeta.ron"
            ]
        );
    }

    #[test]
    fn filters_by_extension_ignoring_case_and_hides_dot_files() {
        let dir = folder();
        let listing = list_dir(dir.path()).unwrap();
        let shown = visible(&listing, &exts(&["ron"]), false);
        assert_eq!(
            names(&listing, &shown),
            ["Alpha", "sub", "A.RON", "b.ron", "Zeta.ron"]
        );
        let shown = visible(&listing, &exts(&["ron"]), true);
        assert_eq!(
            names(&listing, &shown),
            [
                ".git",
                "Alpha",
                "sub",
                ".hidden.ron",
                "A.RON",
                "b.ron",
                "Zeta.ron"
            ]
        );
        let shown = visible(&listing, &[], false);
        assert!(names(&listing, &shown).contains(&"c.txt".to_owned()));
        assert!(!matches_extension("noext", &exts(&["ron"])));
        assert!(matches_extension("照片.JPEG", &exts(&["jpg", "jpeg"])));
    }

    #[test]
    fn unreadable_folders_are_errors() {
        let dir = folder();
        assert_eq!(
            list_dir(&dir.path().join("missing")),
            Err(ListError::NotFound)
        );
        assert_eq!(
            list_dir(&dir.path().join("b.ron")),
            Err(ListError::NotAFolder)
        );
    }

    #[test]
    fn going_up_stops_at_the_root() {
        assert_eq!(parent(Path::new("/a/b")), Some(PathBuf::from("/a")));
        assert_eq!(parent(Path::new("/")), None);
    }

    #[test]
    fn save_adds_the_default_extension_and_asks_before_overwriting() {
        let dir = folder();
        let ron = exts(&["ron"]);
        assert_eq!(
            check_save(dir.path(), " 新草稿 ", &ron),
            Ok(SaveTarget::New(dir.path().join("新草稿.ron")))
        );
        assert_eq!(
            check_save(dir.path(), "b.ron", &ron),
            Ok(SaveTarget::Exists(dir.path().join("b.ron")))
        );
        assert_eq!(
            check_save(dir.path(), "b", &ron),
            Ok(SaveTarget::Exists(dir.path().join("b.ron")))
        );
        assert_eq!(
            check_save(dir.path(), "x.RON", &ron),
            Ok(SaveTarget::New(dir.path().join("x.RON")))
        );
        assert_eq!(
            check_save(dir.path(), "notes.txt", &ron),
            Ok(SaveTarget::New(dir.path().join("notes.txt.ron")))
        );
        assert_eq!(check_save(dir.path(), "  ", &ron), Err(NameError::Empty));
        assert_eq!(check_save(dir.path(), "sub", &[]), Err(NameError::IsFolder));
    }

    #[test]
    fn quick_places_exist_and_include_the_library_and_root() {
        let dir = folder();
        let places = quick_places(dir.path());
        assert!(places.iter().all(|p| p.path.is_dir()));
        assert!(
            places
                .iter()
                .any(|p| p.kind == PlaceKind::Drafts && p.path == dir.path())
        );
        assert!(places.iter().any(|p| p.kind == PlaceKind::Root));
        assert_eq!(
            start_folder(Some(&dir.path().join("sub")), dir.path()),
            dir.path().join("sub")
        );
    }
}
