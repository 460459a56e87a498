//! Signing keys: minisign key pairs whose secret key is encrypted with a password (scrypt,
//! minisign's own format, so the minisign CLI reads and writes the same files), the key id
//! as a short code that can be read over the phone, and the help desk's list of trusted
//! public keys.

use std::path::{Path, PathBuf};

use ct_codecs::{Decoder as _, Encoder as _};
use serde::{Deserialize, Serialize};

use crate::i18n::Locale;
use crate::store::draft_io;

/// The 8-byte key number of a minisign key, as minisign prints it (16 hex digits).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyId(pub [u8; 8]);

impl KeyId {
    /// The key id from minisign's little-endian key number bytes.
    pub fn from_keynum(bytes: &[u8]) -> Option<KeyId> {
        bytes.try_into().ok().map(KeyId)
    }

    /// As the minisign CLI shows it: 16 upper-case hex digits.
    pub fn hex(self) -> String {
        format!("{:016X}", u64::from_le_bytes(self.0))
    }

    /// The same digits in four groups of four, to read over the phone: `7F3A-91C2-0B44-E8D1`.
    pub fn short_code(self) -> String {
        let digits: Vec<char> = self.hex().chars().collect();
        let groups: Vec<String> = digits.chunks(4).map(|g| g.iter().collect()).collect();
        groups.join("-")
    }

    /// Parses either form (case and separators are ignored).
    pub fn parse(text: &str) -> Option<KeyId> {
        let digits: String = text
            .chars()
            .filter(|c| !matches!(c, '-' | ' ' | ':'))
            .collect();
        if digits.len() != 16 {
            return None;
        }
        u64::from_str_radix(&digits, 16)
            .ok()
            .map(|n| KeyId(n.to_le_bytes()))
    }
}

impl std::fmt::Display for KeyId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.short_code())
    }
}

/// What can go wrong with keys.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// There is no key file where one was expected.
    #[error("no key at {0}")]
    Missing(PathBuf),
    /// The password does not open the secret key.
    #[error("wrong password for the secret key")]
    WrongPassword,
    /// The key file is not a minisign key.
    #[error("not a minisign key: {0}")]
    Damaged(String),
    /// The password is empty or too short.
    #[error("password too short")]
    WeakPassword,
    /// A key file could not be read or written.
    #[error("cannot read or write a key file: {0}")]
    Io(#[from] std::io::Error),
}

impl KeyError {
    /// The i18n key of the message.
    pub fn message_key(&self) -> &'static str {
        match self {
            KeyError::Missing(_) => "key.error.missing",
            KeyError::WrongPassword => "key.error.wrong_password",
            KeyError::Damaged(_) => "key.error.damaged",
            KeyError::WeakPassword => "key.error.weak_password",
            KeyError::Io(_) => "key.error.io",
        }
    }

    /// The message in `locale`.
    pub fn user_message(&self, locale: Locale) -> String {
        crate::i18n::tf(
            locale,
            self.message_key(),
            &[("min", &MIN_PASSWORD_CHARS.to_string())],
        )
    }
}

/// The shortest password accepted for a new key.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// Where a key pair lives: `NAME.key` (secret, encrypted) and `NAME.pub`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyFiles {
    /// The secret key file.
    pub secret: PathBuf,
    /// The public key file.
    pub public: PathBuf,
}

impl KeyFiles {
    /// The applicant key of a data folder: `keys/applicant.key` and `keys/applicant.pub`.
    pub fn applicant(data_root: &Path) -> KeyFiles {
        KeyFiles::at(&data_root.join("keys").join("applicant.key"))
    }

    /// The help desk's key of a data folder: `keys/desk.key` and `keys/desk.pub`.
    pub fn desk(data_root: &Path) -> KeyFiles {
        KeyFiles::at(&data_root.join("keys").join("desk.key"))
    }

    /// The pair for a secret key file (the public key beside it, `.pub`).
    pub fn at(secret: &Path) -> KeyFiles {
        KeyFiles {
            secret: secret.to_owned(),
            public: secret.with_extension("pub"),
        }
    }

    /// Whether the secret key exists.
    pub fn exists(&self) -> bool {
        self.secret.is_file()
    }

    /// Makes a new key pair, the secret key encrypted with `password`, and writes both
    /// files (owner-only). Refuses to replace an existing key.
    pub fn generate(&self, password: &str) -> Result<Signer, KeyError> {
        if password.chars().count() < MIN_PASSWORD_CHARS {
            return Err(KeyError::WeakPassword);
        }
        if self.exists() {
            return Err(KeyError::Io(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "a key already exists there",
            )));
        }
        let pair = minisign::KeyPair::generate_encrypted_keypair(Some(password.to_owned()))
            .map_err(|e| KeyError::Damaged(e.to_string()))?;
        let id = KeyId::from_keynum(pair.pk.keynum())
            .ok_or_else(|| KeyError::Damaged("key number".to_owned()))?;
        let sk_box = pair
            .sk
            .to_box(Some(&format!("beian secret key {}", id.hex())))
            .map_err(|e| KeyError::Damaged(e.to_string()))?;
        let pk_box = pair
            .pk
            .to_box()
            .map_err(|e| KeyError::Damaged(e.to_string()))?;
        draft_io::write_atomic(&self.secret, sk_box.to_string().as_bytes())?;
        draft_io::write_atomic(&self.public, pk_box.to_string().as_bytes())?;
        // The generated secret key is still encrypted in memory: open it as a user would.
        self.unlock(password)
    }

    /// Opens the secret key with `password`.
    pub fn unlock(&self, password: &str) -> Result<Signer, KeyError> {
        let text = match std::fs::read_to_string(&self.secret) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(KeyError::Missing(self.secret.clone()));
            }
            Err(e) => return Err(KeyError::Io(e)),
        };
        let sk_box = minisign::SecretKeyBox::from_string(&text)
            .map_err(|e| KeyError::Damaged(e.to_string()))?;
        let sk =
            minisign::SecretKey::from_box(sk_box, Some(password.to_owned())).map_err(
                |e| match e.kind() {
                    minisign::ErrorKind::Verify => KeyError::WrongPassword,
                    _ => KeyError::Damaged(e.to_string()),
                },
            )?;
        let pk = minisign::PublicKey::from_secret_key(&sk)
            .map_err(|e| KeyError::Damaged(e.to_string()))?;
        Signer::new(sk, pk)
    }

    /// The public key, in minisign's `.pub` file format.
    pub fn public_key_text(&self) -> Result<String, KeyError> {
        match std::fs::read_to_string(&self.public) {
            Ok(t) => Ok(t),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(KeyError::Missing(self.public.clone()))
            }
            Err(e) => Err(KeyError::Io(e)),
        }
    }
}

/// An opened secret key, ready to sign.
///
/// Signatures are minisign's prehashed kind (`ED`: Ed25519 over the BLAKE2b-512 hash of
/// the data, and a global signature over the signature and its trusted comment), made
/// with plain RFC 8032 Ed25519, which is deterministic: the same data, comment and key
/// give the same signature, so two exports of one filing are byte-identical. (The
/// `minisign` crate's own signing mixes fresh randomness into every signature; it
/// verifies the same either way.)
pub struct Signer {
    signing: ed25519_dalek::SigningKey,
    pk: minisign::PublicKey,
    id: KeyId,
    holder: KeyHolder,
}

/// Whose key signs a bundle. An applicant preparing their own filing signs with their own
/// key (`keys/applicant.key`, their password); at a help desk (a library with a staff
/// passphrase) every bundle is signed with the desk's key (`keys/desk.key`, a password
/// the staff keep), and the bundle and its summary say so: the key code then names the
/// desk, not the applicant.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum KeyHolder {
    /// The applicant's own key on this computer.
    #[default]
    Applicant,
    /// The help desk's key, with the desk's name.
    Desk(String),
}

impl KeyHolder {
    /// The word in `bag-info.txt` (`Beian-Signer-Holder`).
    pub fn key(&self) -> &'static str {
        match self {
            KeyHolder::Applicant => "applicant",
            KeyHolder::Desk(_) => "desk",
        }
    }

    /// The key files of this holder in a data folder.
    pub fn files(&self, data_root: &Path) -> KeyFiles {
        match self {
            KeyHolder::Applicant => KeyFiles::applicant(data_root),
            KeyHolder::Desk(_) => KeyFiles::desk(data_root),
        }
    }
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print key material.
        f.debug_struct("Signer").field("id", &self.id).finish()
    }
}

impl Signer {
    fn new(sk: minisign::SecretKey, pk: minisign::PublicKey) -> Result<Signer, KeyError> {
        let id = KeyId::from_keynum(pk.keynum())
            .ok_or_else(|| KeyError::Damaged("key number".to_owned()))?;
        let signing = signing_key(&sk)?;
        // The Ed25519 public key derived from the secret must be the one minisign keeps
        // beside it (the last 32 bytes of the public key's decoded box).
        let expected = minisign_public_bytes(&pk)?;
        if signing.verifying_key().to_bytes() != expected {
            return Err(KeyError::Damaged("public key does not match".to_owned()));
        }
        Ok(Signer {
            signing,
            pk,
            id,
            holder: KeyHolder::Applicant,
        })
    }

    /// The key id.
    pub fn id(&self) -> KeyId {
        self.id
    }

    /// The same key, recorded as held by `holder`.
    pub fn held_by(mut self, holder: KeyHolder) -> Signer {
        self.holder = holder;
        self
    }

    /// Whose key this is.
    pub fn holder(&self) -> &KeyHolder {
        &self.holder
    }

    /// The public key in minisign's `.pub` file format.
    pub fn public_key_text(&self) -> String {
        match self.pk.to_box() {
            Ok(b) => b.to_string(),
            Err(_) => String::new(),
        }
    }

    /// The public key's base64 line (what trusted-key lists hold).
    pub fn public_key_base64(&self) -> String {
        self.pk.to_base64()
    }

    /// Signs `data` with this trusted comment; returns the `.minisig` file's text, line
    /// for line as minisign writes it: the untrusted comment, the signature (`ED`, the key
    /// number, Ed25519 of the BLAKE2b-512 hash of `data`), the trusted comment, and the
    /// global signature (Ed25519 of the signature followed by the trusted comment).
    /// Deterministic: the same inputs give the same text.
    pub fn sign(&self, data: &[u8], trusted_comment: &str) -> Result<String, KeyError> {
        use blake2::Digest as _;
        use ed25519_dalek::Signer as _;
        if trusted_comment.contains(['\r', '\n']) {
            return Err(KeyError::Damaged(
                "a trusted comment is one line".to_owned(),
            ));
        }
        let untrusted = format!("signature from beian, key {}", self.id.hex());
        let prehash = blake2::Blake2b512::digest(data);
        let signature = self.signing.sign(&prehash).to_bytes();
        let mut signature_line = Vec::with_capacity(2 + 8 + 64);
        signature_line.extend_from_slice(SIGALG_PREHASHED);
        signature_line.extend_from_slice(&self.id.0);
        signature_line.extend_from_slice(&signature);
        let mut global = signature.to_vec();
        global.extend_from_slice(trusted_comment.as_bytes());
        let global_signature = self.signing.sign(&global).to_bytes();
        Ok(format!(
            "untrusted comment: {untrusted}\n{}\ntrusted comment: {trusted_comment}\n{}\n",
            base64(&signature_line)?,
            base64(&global_signature)?,
        ))
    }
}

/// minisign's algorithm id of prehashed signatures (BLAKE2b-512, then Ed25519).
const SIGALG_PREHASHED: &[u8; 2] = b"ED";

/// Where the 32-byte Ed25519 seed starts in a decrypted minisign secret key's bytes:
/// after the algorithm ids (3 × 2), the scrypt salt (32), its two limits (2 × 8) and the
/// key number (8). The 64-byte secret that follows is the seed and the public key.
const SEED_OFFSET: usize = 2 + 2 + 2 + 32 + 8 + 8 + 8;

/// The Ed25519 signing key inside an opened minisign secret key.
fn signing_key(sk: &minisign::SecretKey) -> Result<ed25519_dalek::SigningKey, KeyError> {
    let mut bytes = sk.to_bytes();
    let seed: Option<[u8; 32]> = bytes
        .get(SEED_OFFSET..SEED_OFFSET + 32)
        .and_then(|s| s.try_into().ok());
    // The copy of the secret is not kept.
    bytes.fill(0);
    std::hint::black_box(&bytes);
    let mut seed = seed.ok_or_else(|| KeyError::Damaged("secret key length".to_owned()))?;
    let key = ed25519_dalek::SigningKey::from_bytes(&seed);
    seed.fill(0);
    std::hint::black_box(&seed);
    Ok(key)
}

/// The raw Ed25519 public key of a minisign public key.
fn minisign_public_bytes(pk: &minisign::PublicKey) -> Result<[u8; 32], KeyError> {
    // The base64 line decodes to the algorithm id (2), the key number (8) and the key.
    let mut decoded = [0u8; 42];
    let raw = ct_codecs::Base64::decode(&mut decoded, pk.to_base64().as_bytes(), None)
        .map_err(|e| KeyError::Damaged(e.to_string()))?;
    raw.get(10..42)
        .and_then(|k| k.try_into().ok())
        .ok_or_else(|| KeyError::Damaged("public key length".to_owned()))
}

/// Standard base64 with padding, as minisign writes it.
fn base64(bytes: &[u8]) -> Result<String, KeyError> {
    ct_codecs::Base64::encode_to_string(bytes).map_err(|e| KeyError::Damaged(e.to_string()))
}

/// A role a signature speaks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The applicant who prepared the filing.
    Applicant,
    /// Help-desk staff who received and checked it.
    Staff,
}

impl Role {
    /// The word used in trusted comments and bag-info.txt.
    pub fn key(self) -> &'static str {
        match self {
            Role::Applicant => "applicant",
            Role::Staff => "staff",
        }
    }

    /// The role named by [`Role::key`].
    pub fn from_key(key: &str) -> Option<Role> {
        match key {
            "applicant" => Some(Role::Applicant),
            "staff" => Some(Role::Staff),
            _ => None,
        }
    }
}

/// One public key the help desk trusts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustedKey {
    /// Who holds it, e.g. "李工（服务台）".
    pub name: String,
    /// What the holder signs as.
    pub role: Role,
    /// The public key's base64 line, as in a minisign `.pub` file.
    pub public_key: String,
}

/// The help desk's list of trusted public keys: `trusted-keys.ron` in the data folder, or
/// a file given on the command line. It is plain data that the help desk edits.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustedKeys {
    /// The keys.
    pub keys: Vec<TrustedKey>,
}

impl TrustedKeys {
    /// The list's usual place in a data folder.
    pub fn default_path(data_root: &Path) -> PathBuf {
        data_root.join("trusted-keys.ron")
    }

    /// Reads a list; a missing file is an empty list.
    pub fn load(path: &Path) -> Result<TrustedKeys, KeyError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(TrustedKeys::default());
            }
            Err(e) => return Err(KeyError::Io(e)),
        };
        ron::from_str(&text).map_err(|e| KeyError::Damaged(e.to_string()))
    }

    /// Writes the list (owner-only, atomically).
    pub fn save(&self, path: &Path) -> Result<(), KeyError> {
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(|e| KeyError::Damaged(e.to_string()))?;
        draft_io::write_atomic(path, text.as_bytes())?;
        Ok(())
    }

    /// The entry whose public key is exactly `public_key_base64`.
    pub fn find(&self, public_key_base64: &str) -> Option<&TrustedKey> {
        self.keys
            .iter()
            .find(|k| k.public_key.trim() == public_key_base64.trim())
    }
}

/// The base64 line of a minisign `.pub` file's text (the line after the comment), or the
/// text itself when it is only that line.
pub fn public_key_line(text: &str) -> Option<&str> {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("untrusted comment:"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn key_id_forms_round_trip() {
        let id = KeyId([0xd1, 0xe8, 0x44, 0x0b, 0xc2, 0x91, 0x3a, 0x7f]);
        assert_eq!(id.hex(), "7F3A91C20B44E8D1");
        assert_eq!(id.short_code(), "7F3A-91C2-0B44-E8D1");
        assert_eq!(KeyId::parse("7f3a-91c2-0b44-e8d1"), Some(id));
        assert_eq!(KeyId::parse("7F3A91C20B44E8D1"), Some(id));
        assert_eq!(KeyId::parse("7F3A"), None);
    }

    #[test]
    fn signatures_are_deterministic_and_verify_as_minisign_signatures() {
        let dir = tempfile::tempdir().unwrap();
        let files = KeyFiles::applicant(dir.path());
        let signer = files.generate("correct horse").unwrap();
        let data = b"sha256 1234 data/application.ron\n";
        let comment = "beian role:applicant bag:icp-x date:2026-12-01";
        let first = signer.sign(data, comment).unwrap();
        let again = files.unlock("correct horse").unwrap();
        assert_eq!(
            first,
            again.sign(data, comment).unwrap(),
            "same input, same text"
        );
        assert_ne!(first, signer.sign(b"other data", comment).unwrap());
        let lines: Vec<&str> = first.lines().collect();
        assert_eq!(lines.len(), 4, "{first}");
        assert!(lines[0].starts_with("untrusted comment: "));
        assert_eq!(lines[2], format!("trusted comment: {comment}"));

        // Both minisign implementations accept it, and only for the signed data.
        let pk = minisign_verify::PublicKey::from_base64(&signer.public_key_base64()).unwrap();
        let sig = minisign_verify::Signature::decode(&first).unwrap();
        assert_eq!(sig.trusted_comment(), comment);
        pk.verify(data, &sig, false).unwrap();
        assert!(pk.verify(b"tampered", &sig, false).is_err());
        let pk = minisign::PublicKey::from_base64(&signer.public_key_base64()).unwrap();
        let sig_box = minisign::SignatureBox::from_string(&first).unwrap();
        minisign::verify(
            &pk,
            &sig_box,
            std::io::Cursor::new(data),
            true,
            false,
            false,
        )
        .unwrap();

        // A comment that would break the file's lines is refused.
        assert!(signer.sign(data, "two\nlines").is_err());
    }

    #[test]
    fn generate_unlock_and_refuse_wrong_password() {
        let dir = tempfile::tempdir().unwrap();
        let files = KeyFiles::applicant(dir.path());
        assert!(matches!(
            files.generate("short"),
            Err(KeyError::WeakPassword)
        ));
        let signer = files.generate("correct horse").unwrap();
        assert!(files.exists());
        assert!(matches!(
            files.unlock("wrong password"),
            Err(KeyError::WrongPassword)
        ));
        let again = files.unlock("correct horse").unwrap();
        assert_eq!(again.id(), signer.id());
        assert!(
            files.generate("correct horse").is_err(),
            "never replaces a key"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&files.secret)
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "secret key readable by its owner only");
        }
    }
}
