//! Encryption at rest of a draft library, with `age`.
//!
//! A library folder may hold a **staff key** (`.vault.ron`): a random X25519 identity,
//! itself encrypted with the staff passphrase (age's scrypt recipient), and its public
//! recipient. The passphrase opens the lock screen. When the library is *sealed*, every
//! draft, attachment and the index is an age file encrypted to that recipient:
//! - writing needs only the public recipient, so autosaves go on while beian is locked;
//! - reading needs the identity, held in memory only between unlocking and locking;
//! - changing the passphrase re-wraps the identity and re-encrypts nothing.
//!
//! Files carry their form in their first bytes (age's header), so a library half-way
//! through a conversion reads fine: each file is either clear or sealed, and converting
//! again finishes the job. A forgotten passphrase cannot be recovered; nothing else
//! decrypts the identity.

use std::fs;
use std::io::{self, Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};

use age::secrecy::{ExposeSecret as _, SecretString};
use serde::{Deserialize, Serialize};

use crate::store::private_files;

/// The staff key's file in a library folder.
pub const VAULT_FILE: &str = ".vault.ron";
/// The layout of the staff key file.
pub const VAULT_FORMAT: u32 = 1;
/// The first bytes of every age file.
pub const AGE_MAGIC: &[u8] = b"age-encryption.org/v1\n";
/// The shortest staff passphrase accepted.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// The scrypt work factor (log2 N) that wraps a staff key: a parameter of the calls that
/// wrap one, never read from the environment or a global, so nothing outside the program
/// can make the keys it writes cheaper to guess. The product uses [`WorkFactor::PRODUCT`];
/// tests pass a cheap one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkFactor(u8);

impl WorkFactor {
    /// 2^18: about a second on a desktop, the price of each unlock and of each guess.
    pub const PRODUCT: WorkFactor = WorkFactor(18);
    /// 2^10, the least: for tests, so that unlocking takes milliseconds.
    pub const CHEAPEST: WorkFactor = WorkFactor(10);

    /// log2 N, between 10 and 22 (tests use 10, so that unlocking takes milliseconds).
    pub fn new(log_n: u8) -> WorkFactor {
        WorkFactor(log_n.clamp(10, 22))
    }

    /// log2 N.
    pub fn log_n(self) -> u8 {
        self.0
    }
}

impl Default for WorkFactor {
    fn default() -> WorkFactor {
        WorkFactor::PRODUCT
    }
}

/// What can go wrong with the staff key or a sealed file.
#[derive(Debug, thiserror::Error)]
pub enum SealError {
    /// The library is encrypted and not unlocked.
    #[error("the library is encrypted and locked")]
    Locked,
    /// The passphrase does not open the staff key.
    #[error("wrong staff passphrase")]
    WrongPassphrase,
    /// The library has no staff key yet.
    #[error("no staff passphrase is set for this library")]
    NoStaffKey,
    /// A staff key exists already.
    #[error("a staff passphrase is set already")]
    AlreadySet,
    /// The passphrase is too short.
    #[error("the passphrase is too short")]
    TooShort,
    /// The staff key file is damaged or of an unknown layout (with what failed).
    #[error("the staff key file is damaged: {0}")]
    Damaged(#[source] crate::cause::Cause),
    /// A sealed file does not decrypt with this library's key (damaged, or another key).
    #[error("an encrypted file does not open with this library's key")]
    Undecryptable,
    /// Reading or writing a file failed.
    #[error(transparent)]
    Io(#[from] io::Error),
}

impl SealError {
    /// The i18n key of the message for users.
    pub fn message_key(&self) -> &'static str {
        match self {
            SealError::Locked => "vault.error.locked",
            SealError::WrongPassphrase => "vault.error.wrong_passphrase",
            SealError::NoStaffKey => "vault.error.no_key",
            SealError::AlreadySet => "vault.error.already_set",
            SealError::TooShort => "vault.error.too_short",
            SealError::Damaged(_) => "vault.error.damaged",
            SealError::Undecryptable => "vault.error.undecryptable",
            SealError::Io(_) => "vault.error.io",
        }
    }

    /// The message for users, in `locale`.
    pub fn user_message(&self, locale: crate::i18n::Locale) -> String {
        let text = crate::i18n::t(locale, self.message_key()).into_owned();
        match self {
            SealError::Io(err) => format!("{text} ({})", err.kind()),
            SealError::TooShort => crate::i18n::tf(
                locale,
                "vault.error.too_short",
                &[("count", &MIN_PASSPHRASE_CHARS.to_string())],
            ),
            _ => text,
        }
    }

    /// The error inside an [`io::Error`] made by this module, if it is one.
    pub fn from_io(err: &io::Error) -> Option<&SealError> {
        err.get_ref().and_then(|e| e.downcast_ref::<SealError>())
    }

    /// As an [`io::Error`] (the kind says permission denied for a locked library).
    pub fn into_io(self) -> io::Error {
        match self {
            SealError::Io(err) => err,
            other => io::Error::new(io::ErrorKind::PermissionDenied, other),
        }
    }
}

/// The staff key file: the wrapped identity and its public recipient (no secret in
/// clear).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Vault {
    /// Layout version.
    pub format: u32,
    /// The public key files are encrypted to (`age1…`).
    pub recipient: String,
    /// The identity, age-encrypted with the staff passphrase, ASCII-armoured.
    pub identity: String,
    /// Whether the library's files are (to be) encrypted.
    pub sealed: bool,
}

/// An open library folder and, once unlocked, its staff key in memory. The key lives in
/// the handle, not in the process: clones share it (the window, its workers and the
/// saves they make see one lock state), while a handle opened separately on another
/// folder, or on the same one, has its own. Locking drops the key.
#[derive(Clone)]
pub struct Library {
    dir: PathBuf,
    key: Arc<RwLock<Option<Arc<age::x25519::Identity>>>>,
}

impl std::fmt::Debug for Library {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Library")
            .field("dir", &self.dir)
            .field("unlocked", &self.is_unlocked())
            .finish()
    }
}

impl Library {
    /// The library in `dir`, locked.
    pub fn open(dir: impl Into<PathBuf>) -> Library {
        Library {
            dir: dir.into(),
            key: Arc::new(RwLock::new(None)),
        }
    }

    /// The library folder holding this file (see [`library_of`]), opened locked: enough
    /// to read and write the files of a clear library, and to write to a sealed one.
    pub fn of_file(path: &Path) -> Library {
        Library::open(library_of(path).unwrap_or_default())
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether this file is the library's: in its folder, or an attachment of one of its
    /// drafts.
    pub fn holds(&self, path: &Path) -> bool {
        library_of(path).is_some_and(|dir| same_folder(&dir, &self.dir))
    }

    /// The handle to read and write `path` with: this one for the library's own files,
    /// a fresh, locked handle on the file's folder for a draft kept elsewhere.
    pub fn for_file(&self, path: &Path) -> Library {
        if self.holds(path) {
            self.clone()
        } else {
            Library::of_file(path)
        }
    }

    fn key(&self) -> Option<Arc<age::x25519::Identity>> {
        self.key
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn keep(&self, identity: age::x25519::Identity) {
        *self.key.write().unwrap_or_else(PoisonError::into_inner) = Some(Arc::new(identity));
    }

    /// Sets the staff passphrase of a library that has none: makes a new key, wrapped
    /// with it at `work`, and leaves the library unlocked. Files stay as they are (see
    /// [`Library::convert`]).
    pub fn create(&self, passphrase: &str, work: WorkFactor) -> Result<Vault, SealError> {
        if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(SealError::TooShort);
        }
        if vault(&self.dir)?.is_some() {
            return Err(SealError::AlreadySet);
        }
        let identity = age::x25519::Identity::generate();
        let vault = Vault {
            format: VAULT_FORMAT,
            recipient: identity.to_public().to_string(),
            identity: wrap(&identity, passphrase, work)?,
            sealed: false,
        };
        private_files::create_private_dir(&self.dir)?;
        write_vault(&self.dir, &vault)?;
        self.keep(identity);
        Ok(vault)
    }

    /// Checks the staff passphrase and keeps the key in this handle (and its clones)
    /// until [`Library::lock`]. Slow on purpose (scrypt): call on a worker thread.
    pub fn unlock(&self, passphrase: &str) -> Result<(), SealError> {
        let vault = vault(&self.dir)?.ok_or(SealError::NoStaffKey)?;
        let identity = unwrap_identity(&vault, passphrase)?;
        self.keep(identity);
        Ok(())
    }

    /// Forgets the key: sealed files cannot be read through this handle or its clones
    /// until the next unlock.
    pub fn lock(&self) {
        *self.key.write().unwrap_or_else(PoisonError::into_inner) = None;
    }

    /// Whether the key is in memory.
    pub fn is_unlocked(&self) -> bool {
        self.key().is_some()
    }

    /// Whether reading the library needs an unlock first (it is sealed and locked).
    pub fn needs_unlock(&self) -> bool {
        matches!(vault(&self.dir), Ok(Some(v)) if v.sealed) && !self.is_unlocked()
    }

    /// Changes the staff passphrase (the key stays, so no file is re-encrypted) and
    /// leaves the library unlocked.
    pub fn change_passphrase(
        &self,
        old: &str,
        new: &str,
        work: WorkFactor,
    ) -> Result<(), SealError> {
        if new.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(SealError::TooShort);
        }
        let mut vault = vault(&self.dir)?.ok_or(SealError::NoStaffKey)?;
        let identity = unwrap_identity(&vault, old)?;
        vault.identity = wrap(&identity, new, work)?;
        write_vault(&self.dir, &vault)?;
        self.keep(identity);
        Ok(())
    }

    /// Decrypts sealed bytes of one of the library's files with its key; clear bytes are
    /// returned as they are.
    pub fn open_bytes(&self, bytes: Vec<u8>) -> Result<Vec<u8>, SealError> {
        if !is_sealed(&bytes) {
            return Ok(bytes);
        }
        let identity = self.key().ok_or(SealError::Locked)?;
        age::decrypt(identity.as_ref(), &bytes).map_err(|_| SealError::Undecryptable)
    }

    /// Reads a file of the library, decrypting it when it is sealed. A sealed file of a
    /// locked library fails with [`SealError::Locked`] inside the [`io::Error`].
    pub fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        let bytes = fs::read(path)?;
        self.open_bytes(bytes).map_err(SealError::into_io)
    }

    /// The bytes to store: encrypted when the library is sealed, `None` when it is clear.
    pub fn seal(&self, bytes: &[u8]) -> Result<Option<Vec<u8>>, SealError> {
        match vault(&self.dir)? {
            Some(vault) if vault.sealed => seal_with(&vault, bytes).map(Some),
            _ => Ok(None),
        }
    }

    /// Writes a file of the library atomically, encrypted when the library is sealed
    /// (which needs no key). Plain text never reaches the disk of a sealed library, not
    /// even in the temporary file.
    pub fn write(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        match self.seal(bytes).map_err(SealError::into_io)? {
            Some(sealed) => private_files::write_atomic(path, &sealed),
            None => private_files::write_atomic(path, bytes),
        }
    }

    /// Turns encryption on (`seal`) or off, converting the library's files in place.
    /// The staff key's flag changes first, so new writes take the new form; then each
    /// file is rewritten atomically. Interrupted, every file is readable in one form or
    /// the other, and calling this again finishes the job. `progress(done, total)` is
    /// called after each file. Needs the library unlocked.
    pub fn convert(
        &self,
        seal: bool,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Converted, SealError> {
        let mut vault = vault(&self.dir)?.ok_or(SealError::NoStaffKey)?;
        if !self.is_unlocked() {
            return Err(SealError::Locked);
        }
        if vault.sealed != seal {
            vault.sealed = seal;
            write_vault(&self.dir, &vault)?;
        }
        let files = library_files(&self.dir)?;
        let total = files.len();
        let mut report = Converted::default();
        for (done, path) in files.iter().enumerate() {
            let bytes = match fs::read(path) {
                Ok(b) => b,
                // Removed meanwhile (another desk deleted a draft): nothing to convert.
                Err(err) if err.kind() == io::ErrorKind::NotFound => continue,
                Err(err) => return Err(err.into()),
            };
            if is_sealed(&bytes) == seal {
                report.already += 1;
            } else {
                let clear = self.open_bytes(bytes)?;
                let new = if seal {
                    seal_with(&vault, &clear)?
                } else {
                    clear
                };
                private_files::write_atomic(path, &new)?;
                report.changed += 1;
            }
            progress(done + 1, total);
        }
        Ok(report)
    }
}

/// Whether two paths name one folder (after resolving links, where they exist).
fn same_folder(a: &Path, b: &Path) -> bool {
    a == b
        || matches!(
            (fs::canonicalize(a), fs::canonicalize(b)),
            (Ok(a), Ok(b)) if a == b
        )
}

/// The staff key file of a library folder.
pub fn vault_path(library: &Path) -> PathBuf {
    library.join(VAULT_FILE)
}

/// The staff key of a library, if one is set.
pub fn vault(library: &Path) -> Result<Option<Vault>, SealError> {
    let text = match fs::read_to_string(vault_path(library)) {
        Ok(text) => text,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(err.into()),
    };
    let vault: Vault =
        ron::from_str(&text).map_err(|e| SealError::Damaged(crate::cause::cause(e)))?;
    if vault.format != VAULT_FORMAT {
        return Err(SealError::Damaged(crate::cause::cause(format!(
            "unknown layout {}",
            vault.format
        ))));
    }
    Ok(Some(vault))
}

fn write_vault(library: &Path, vault: &Vault) -> Result<(), SealError> {
    let text = ron::ser::to_string_pretty(vault, ron::ser::PrettyConfig::default())
        .map_err(|e| SealError::Damaged(crate::cause::cause(e)))?;
    private_files::write_atomic(&vault_path(library), text.as_bytes())?;
    Ok(())
}

fn wrap(
    identity: &age::x25519::Identity,
    passphrase: &str,
    work: WorkFactor,
) -> Result<String, SealError> {
    let mut recipient = age::scrypt::Recipient::new(SecretString::from(passphrase.to_owned()));
    recipient.set_work_factor(work.log_n());
    let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as _))
        .map_err(|e| SealError::Damaged(crate::cause::cause(e)))?;
    let mut out = Vec::new();
    let armor = age::armor::ArmoredWriter::wrap_output(&mut out, age::armor::Format::AsciiArmor)?;
    let mut writer = encryptor.wrap_output(armor)?;
    writer.write_all(identity.to_string().expose_secret().as_bytes())?;
    writer.finish()?.finish()?;
    String::from_utf8(out).map_err(|e| SealError::Damaged(crate::cause::cause(e)))
}

fn unwrap_identity(vault: &Vault, passphrase: &str) -> Result<age::x25519::Identity, SealError> {
    let decryptor =
        age::Decryptor::new_buffered(age::armor::ArmoredReader::new(vault.identity.as_bytes()))
            .map_err(|e| SealError::Damaged(crate::cause::cause(e)))?;
    if !decryptor.is_scrypt() {
        return Err(SealError::Damaged(crate::cause::cause(
            "not passphrase-protected",
        )));
    }
    let identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_owned()));
    let mut reader = match decryptor.decrypt(std::iter::once(&identity as _)) {
        Ok(r) => r,
        Err(age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys) => {
            return Err(SealError::WrongPassphrase);
        }
        Err(e) => return Err(SealError::Damaged(crate::cause::cause(e))),
    };
    let mut text = String::new();
    reader.read_to_string(&mut text)?;
    let identity: age::x25519::Identity = text
        .trim()
        .parse()
        .map_err(|e: &str| SealError::Damaged(crate::cause::cause(e)))?;
    if identity.to_public().to_string() != vault.recipient {
        return Err(SealError::Damaged(crate::cause::cause(
            "identity and recipient differ",
        )));
    }
    Ok(identity)
}

/// Whether these bytes are an age file.
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_MAGIC)
}

/// The library folder a file belongs to: the folder holding it, or for an attachment
/// (`<draft>.files/<sha>`) the folder above.
pub fn library_of(path: &Path) -> Option<PathBuf> {
    let parent = path.parent()?;
    let in_attachments = parent
        .file_name()
        .is_some_and(|n| n.to_string_lossy().ends_with(".files"));
    if in_attachments {
        parent.parent().map(Path::to_owned)
    } else {
        Some(parent.to_owned())
    }
}

fn seal_with(vault: &Vault, bytes: &[u8]) -> Result<Vec<u8>, SealError> {
    let recipient: age::x25519::Recipient = vault
        .recipient
        .parse()
        .map_err(|e: &str| SealError::Damaged(crate::cause::cause(e)))?;
    age::encrypt(&recipient, bytes).map_err(|e| SealError::Damaged(crate::cause::cause(e)))
}

/// How a conversion went.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Converted {
    /// Files rewritten in the new form.
    pub changed: usize,
    /// Files already in the new form.
    pub already: usize,
}

/// The files of a library that hold personal data: drafts, the index, attachments
/// (not the staff key, lock files or files set aside).
pub fn library_files(library: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(library)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() && name.ends_with(".files") {
            for inner in fs::read_dir(&path)? {
                let inner = inner?;
                let inner_name = inner.file_name().to_string_lossy().into_owned();
                if inner.file_type()?.is_file() && !inner_name.starts_with(".beian-") {
                    files.push(inner.path());
                }
            }
        } else if kind.is_file()
            && (name.ends_with(".ron") && name != VAULT_FILE || name == ".index")
        {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// How many of the library's files are not yet in the form its staff key asks for (an
/// interrupted conversion leaves some).
pub fn unconverted(library: &Path) -> io::Result<usize> {
    let sealed = matches!(vault(library), Ok(Some(v)) if v.sealed);
    let mut count = 0;
    for path in library_files(library)? {
        let mut head = [0u8; 22];
        let n = fs::File::open(&path)?.read(&mut head)?;
        if is_sealed(head.get(..n).unwrap_or_default()) != sealed {
            count += 1;
        }
    }
    Ok(count)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const CHEAP: WorkFactor = WorkFactor::CHEAPEST;

    #[test]
    fn the_product_wraps_staff_keys_at_2_to_the_18() {
        assert_eq!(WorkFactor::PRODUCT.log_n(), 18);
        assert_eq!(WorkFactor::default(), WorkFactor::PRODUCT);
        assert_eq!(WorkFactor::new(4).log_n(), 10, "never below 2^10");
    }

    #[test]
    fn a_sealed_library_reads_only_when_unlocked_and_writes_while_locked() {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::open(dir.path());
        let draft = dir.path().join("a.ron");
        lib.write(&draft, b"clear draft").unwrap();
        lib.create("correct horse", CHEAP).unwrap();
        lib.convert(true, &mut |_, _| {}).unwrap();
        let on_disk = fs::read(&draft).unwrap();
        assert!(is_sealed(&on_disk));
        assert_eq!(lib.read(&draft).unwrap(), b"clear draft");
        lib.lock();
        let err = lib.read(&draft).unwrap_err();
        assert!(matches!(SealError::from_io(&err), Some(SealError::Locked)));
        // Saving goes on while locked.
        lib.write(&draft, b"newer").unwrap();
        assert!(matches!(
            lib.unlock("wrong horse"),
            Err(SealError::WrongPassphrase)
        ));
        assert!(!lib.is_unlocked());
        lib.unlock("correct horse").unwrap();
        assert_eq!(lib.read(&draft).unwrap(), b"newer");
        lib.change_passphrase("correct horse", "battery staple", CHEAP)
            .unwrap();
        lib.lock();
        assert!(lib.unlock("correct horse").is_err());
        lib.unlock("battery staple").unwrap();
        let back = lib.convert(false, &mut |_, _| {}).unwrap();
        assert_eq!(back.changed, 1);
        assert_eq!(fs::read(&draft).unwrap(), b"newer");
        assert_eq!(unconverted(dir.path()).unwrap(), 0);
    }

    fn sealed_library(dir: &Path, passphrase: &str) -> Library {
        let lib = Library::open(dir);
        lib.write(&dir.join("d.ron"), dir.to_string_lossy().as_bytes())
            .unwrap();
        lib.create(passphrase, CHEAP).unwrap();
        lib.convert(true, &mut |_, _| {}).unwrap();
        lib.lock();
        lib
    }

    #[test]
    fn each_library_holds_its_own_key() {
        let (a_dir, b_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let a = sealed_library(a_dir.path(), "passphrase a");
        let b = sealed_library(b_dir.path(), "passphrase b");
        let (a_draft, b_draft) = (a_dir.path().join("d.ron"), b_dir.path().join("d.ron"));

        a.unlock("passphrase a").unwrap();
        assert!(a.read(&a_draft).is_ok());
        let err = b.read(&b_draft).unwrap_err();
        assert!(
            matches!(SealError::from_io(&err), Some(SealError::Locked)),
            "unlocking one library opened another"
        );
        // A's key does not open B's files even when handed one of them.
        assert!(a.read(&b_draft).is_err());

        b.unlock("passphrase b").unwrap();
        b.lock();
        assert!(a.read(&a_draft).is_ok(), "locking B locked A");
        assert!(b.read(&b_draft).is_err());

        // Clones share the key (the window and its workers); a second handle on the
        // same folder does not.
        let worker = a.clone();
        let other_window = Library::open(a_dir.path());
        assert!(worker.read(&a_draft).is_ok());
        assert!(other_window.read(&a_draft).is_err());
        a.lock();
        assert!(
            worker.read(&a_draft).is_err(),
            "the lock did not reach the clone"
        );
    }

    #[test]
    fn a_damaged_staff_key_keeps_what_failed() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(vault_path(dir.path()), "(format: 1, recipient: ").unwrap();
        let err = vault(dir.path()).unwrap_err();
        assert!(std::error::Error::source(&err).is_some(), "{err:?}");
        let SealError::Damaged(cause) = &err else {
            panic!("{err:?}");
        };
        assert!(
            cause.downcast_ref::<ron::error::SpannedError>().is_some(),
            "the parser's own error is kept: {cause:?}"
        );
    }

    #[test]
    fn short_passphrases_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            Library::open(dir.path()).create("short", CHEAP),
            Err(SealError::TooShort)
        ));
        assert!(vault(dir.path()).unwrap().is_none());
    }
}
