//! Remembering the signing key's password in the operating system's credential store
//! (macOS Keychain, Windows Credential Manager, the Linux kernel keyring), only when the
//! user asks, never in a file. Behind a trait: tests and machines without a store use
//! the in-memory one. Calls may block, so they run on worker threads.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::bundle::KeyFiles;

/// Why the credential store refused, with the store's own error (it holds no password).
#[derive(Clone, Debug, thiserror::Error)]
#[error("the credential store refused: {0}")]
pub struct CredentialError(#[source] pub crate::cause::Cause);

impl crate::services::error::AppError for CredentialError {
    fn user_message(&self, locale: crate::i18n::Locale) -> String {
        crate::i18n::tf(
            locale,
            "credentials.error",
            &[("detail", &self.0.to_string())],
        )
    }

    fn kind(&self) -> &'static str {
        "credential store"
    }
}

impl From<CredentialError> for crate::services::JobError {
    fn from(e: CredentialError) -> Self {
        crate::services::JobError::App(std::sync::Arc::new(e))
    }
}

impl CredentialError {
    fn from_error(e: impl std::error::Error + Send + Sync + 'static) -> CredentialError {
        CredentialError(crate::cause::cause(e))
    }

    /// The in-memory store's lock was poisoned by a panic elsewhere.
    fn poisoned<T>(_: T) -> CredentialError {
        CredentialError(crate::cause::cause(
            "the in-memory credential store is poisoned",
        ))
    }
}

/// Where passwords are remembered.
pub trait CredentialStore: Send + Sync + std::fmt::Debug {
    /// The password remembered for `account`, if any.
    fn get(&self, account: &str) -> Result<Option<String>, CredentialError>;
    /// Remembers a password for `account`.
    fn set(&self, account: &str, password: &str) -> Result<(), CredentialError>;
    /// Forgets the password of `account` (nothing to do when there is none).
    fn forget(&self, account: &str) -> Result<(), CredentialError>;
}

/// The service name under which beian's entries are filed.
const SERVICE: &str = "beian";

/// The account name of a key pair's password (its secret key file, no personal data).
pub fn account_for(files: &KeyFiles) -> String {
    format!("signing-key:{}", files.secret.display())
}

/// The operating system's credential store, through `keyring`.
#[derive(Debug, Default)]
pub struct OsCredentials;

impl CredentialStore for OsCredentials {
    fn get(&self, account: &str) -> Result<Option<String>, CredentialError> {
        let entry = keyring::Entry::new(SERVICE, account).map_err(CredentialError::from_error)?;
        match entry.get_password() {
            Ok(p) => Ok(Some(p)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(CredentialError::from_error(e)),
        }
    }

    fn set(&self, account: &str, password: &str) -> Result<(), CredentialError> {
        keyring::Entry::new(SERVICE, account)
            .and_then(|e| e.set_password(password))
            .map_err(CredentialError::from_error)
    }

    fn forget(&self, account: &str) -> Result<(), CredentialError> {
        let entry = keyring::Entry::new(SERVICE, account).map_err(CredentialError::from_error)?;
        match entry.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(CredentialError::from_error(e)),
        }
    }
}

/// A credential store in memory, for tests and demonstrations.
#[derive(Clone, Default)]
pub struct MemoryCredentials(Arc<Mutex<HashMap<String, String>>>);

impl std::fmt::Debug for MemoryCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the passwords.
        let count = self.0.lock().map(|m| m.len()).unwrap_or(0);
        f.debug_struct("MemoryCredentials")
            .field("entries", &count)
            .finish()
    }
}

impl CredentialStore for MemoryCredentials {
    fn get(&self, account: &str) -> Result<Option<String>, CredentialError> {
        self.0
            .lock()
            .map(|m| m.get(account).cloned())
            .map_err(CredentialError::poisoned)
    }

    fn set(&self, account: &str, password: &str) -> Result<(), CredentialError> {
        self.0
            .lock()
            .map(|mut m| {
                m.insert(account.to_owned(), password.to_owned());
            })
            .map_err(CredentialError::poisoned)
    }

    fn forget(&self, account: &str) -> Result<(), CredentialError> {
        self.0
            .lock()
            .map(|mut m| {
                m.remove(account);
            })
            .map_err(CredentialError::poisoned)
    }
}
