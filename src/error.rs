//! Typed errors of the library, and their stable, serializable form for the UI and the CLI.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use ts_rs::TS;

/// Everything that can go wrong in the library. Messages are written for the person using the
/// app: they say what happened and what to do. They never contain a secret.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("That passphrase does not open this vault. Check the keyboard layout and Caps Lock, or use the recovery key.")]
    WrongPassphrase,
    #[error("That recovery key does not open this vault.")]
    WrongRecoveryKey,
    #[error("The key file {0} is missing. Restore the vault folder from a backup, or use the recovery key if only this file is lost.")]
    KeyFileMissing(PathBuf),
    #[error("The key file {0} is damaged or not a Fieldbook key file. Restore it from a backup, or use the recovery key.")]
    KeyFileCorrupt(PathBuf),
    #[error("The vault database is damaged or truncated ({0}). Nothing was changed; restore the vault from a backup.")]
    DatabaseCorrupt(String),
    #[error(
        "This vault is already open in another Fieldbook window or process. Close it there first."
    )]
    VaultInUse,
    #[error("This vault was written by a newer version of Fieldbook (schema {found}, this version knows up to {supported}). Update Fieldbook to open it; nothing was changed.")]
    SchemaTooNew { found: u32, supported: u32 },
    #[error("{0} is not a Fieldbook vault (a NAME.fieldbook folder with vault.db and keys/).")]
    NotAVault(PathBuf),
    #[error("{0} already exists. Choose another name or folder.")]
    AlreadyExists(PathBuf),
    #[error("This build of Fieldbook is linked to plain SQLite without SQLCipher encryption; it refuses to run.")]
    NotSqlcipher,
    #[error("The passphrase is too weak: {0}")]
    WeakPassphrase(String),
    #[error("{0}")]
    InvalidInput(String),
    #[error("The vault is locked. Unlock it first.")]
    Locked,
    #[error("Could not {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("Database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("Encryption error: {0}")]
    Crypto(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }

    /// The stable code of this error: the UI and scripts branch on it, never on the message.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::WrongPassphrase | Error::WrongRecoveryKey => ErrorCode::WrongPassphrase,
            Error::KeyFileMissing(_) => ErrorCode::KeyFileMissing,
            Error::KeyFileCorrupt(_) => ErrorCode::KeyFileCorrupt,
            Error::DatabaseCorrupt(_) => ErrorCode::DatabaseCorrupt,
            Error::VaultInUse => ErrorCode::VaultInUse,
            Error::SchemaTooNew { .. } => ErrorCode::SchemaTooNew,
            Error::NotAVault(_) => ErrorCode::NotAVault,
            Error::AlreadyExists(_) => ErrorCode::AlreadyExists,
            Error::NotSqlcipher => ErrorCode::NotSqlcipher,
            Error::WeakPassphrase(_) => ErrorCode::WeakPassphrase,
            Error::InvalidInput(_) => ErrorCode::InvalidInput,
            Error::Locked => ErrorCode::Locked,
            Error::Io { .. } => ErrorCode::Io,
            Error::Sqlite(_) | Error::Crypto(_) => ErrorCode::Internal,
        }
    }
}

/// Stable error codes shared by the UI (`AppError.code`) and the CLI (exit codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    WrongPassphrase,
    KeyFileMissing,
    KeyFileCorrupt,
    DatabaseCorrupt,
    VaultInUse,
    SchemaTooNew,
    NotAVault,
    AlreadyExists,
    NotSqlcipher,
    WeakPassphrase,
    InvalidInput,
    Locked,
    Io,
    Internal,
}

impl ErrorCode {
    /// The `fieldbook` CLI's exit code for this error (documented in README and `--help`).
    pub fn exit_code(self) -> i32 {
        match self {
            ErrorCode::Internal | ErrorCode::Io => 1,
            ErrorCode::InvalidInput | ErrorCode::WeakPassphrase => 2,
            ErrorCode::WrongPassphrase => 3,
            ErrorCode::KeyFileMissing | ErrorCode::KeyFileCorrupt => 4,
            ErrorCode::DatabaseCorrupt => 5,
            ErrorCode::VaultInUse => 6,
            ErrorCode::SchemaTooNew => 7,
            ErrorCode::NotAVault | ErrorCode::AlreadyExists => 8,
            ErrorCode::NotSqlcipher => 9,
            ErrorCode::Locked => 10,
        }
    }
}

/// The error as it crosses to the UI: a stable code and a message a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
}

impl From<&Error> for AppError {
    fn from(e: &Error) -> Self {
        AppError {
            code: e.code(),
            message: e.to_string(),
        }
    }
}

impl From<Error> for AppError {
    fn from(e: Error) -> Self {
        AppError::from(&e)
    }
}
