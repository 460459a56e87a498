//! Why a command stops before its work is done, as a type: the service, key or staff-key
//! error with its cause, or what the terminal could not give. Drawn into words only when
//! printed, in the command's language.

use crate::bundle::KeyError;
use crate::i18n::Locale;
use crate::i18n::{t, tf};
use crate::jobs::JobError;
use crate::jobs::documents::ImportError;
use crate::model::FieldKey;
use crate::store::sealed::SealError;

/// Why a command could not go on.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A job of the window's services failed (a face photo, normalising a document).
    #[error("{0:?}")]
    Job(JobError),
    /// A document could not be read, checked or stored.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// A signing key could not be made or opened.
    #[error(transparent)]
    Key(#[from] KeyError),
    /// The staff passphrase did not open the library.
    #[error(transparent)]
    Seal(#[from] SealError),
    /// The terminal could not be read for a password.
    #[error("the terminal could not be read: {0}")]
    Terminal(#[source] std::io::Error),
    /// A secret is needed, there is no terminal to ask on and `env` is not set.
    #[error("{env} is needed")]
    NoTerminal {
        /// The message's i18n key.
        key: &'static str,
        /// The environment variable that would give it.
        env: &'static str,
    },
    /// The two passwords typed for a new key differ.
    #[error("the passwords differ")]
    PasswordMismatch,
    /// No person of the draft has this face-photo item.
    #[error("no person has the item {0}")]
    NoPerson(FieldKey),
}

impl From<JobError> for CliError {
    fn from(e: JobError) -> CliError {
        CliError::Job(e)
    }
}

impl CliError {
    /// The message for the terminal, in `locale`.
    pub fn user_message(&self, locale: Locale) -> String {
        match self {
            CliError::Job(e) => e.user_message(locale),
            CliError::Import(e) => e.user_message(locale),
            CliError::Key(e) => e.user_message(locale),
            CliError::Seal(e) => e.user_message(locale),
            CliError::Terminal(e) => e.to_string(),
            CliError::NoTerminal { key, env } => tf(locale, key, &[("env", env)]),
            CliError::PasswordMismatch => t(locale, "key.password_mismatch").into_owned(),
            CliError::NoPerson(item) => item.to_string(),
        }
    }
}
