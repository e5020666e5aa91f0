//! Where things are inside a `NAME.fieldbook/` vault folder.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

pub const EXTENSION: &str = "fieldbook";
pub const DB_FILE: &str = "vault.db";
pub const LOCK_FILE: &str = "vault.lock";
pub const KEYS_DIR: &str = "keys";
pub const PASSPHRASE_KEY: &str = "passphrase.age";
pub const RECOVERY_KEY: &str = "recovery.age";
/// Suffix of key files written during a key rotation, before they replace the current ones.
pub const PENDING_SUFFIX: &str = ".new";

#[derive(Debug, Clone)]
pub struct Layout {
    pub root: PathBuf,
}

impl Layout {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Layout { root: root.into() }
    }
    pub fn db(&self) -> PathBuf {
        self.root.join(DB_FILE)
    }
    pub fn lock(&self) -> PathBuf {
        self.root.join(LOCK_FILE)
    }
    pub fn keys(&self) -> PathBuf {
        self.root.join(KEYS_DIR)
    }
    pub fn passphrase_key(&self) -> PathBuf {
        self.keys().join(PASSPHRASE_KEY)
    }
    pub fn recovery_key(&self) -> PathBuf {
        self.keys().join(RECOVERY_KEY)
    }
    pub fn pending(path: &Path) -> PathBuf {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(PENDING_SUFFIX);
        path.with_file_name(name)
    }
    /// The vault's display name: the folder name without `.fieldbook`.
    pub fn name(&self) -> String {
        display_name(&self.root)
    }

    /// Check that the folder looks like a vault, without writing anything.
    pub fn check_exists(&self) -> Result<()> {
        if !self.root.is_dir() || !self.db().is_file() {
            return Err(Error::NotAVault(self.root.clone()));
        }
        Ok(())
    }
}

pub fn display_name(path: &Path) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    name.strip_suffix(".fieldbook").unwrap_or(&name).to_string()
}

/// Validate a vault name typed by a person and give the folder name for it.
pub fn folder_name(name: &str) -> Result<String> {
    let name = name.trim();
    let name = name.strip_suffix(".fieldbook").unwrap_or(name);
    let bad = name.is_empty()
        || name.len() > 100
        || name.starts_with('.')
        || name.chars().any(|c| {
            c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
        });
    if bad {
        return Err(Error::InvalidInput(
            "A vault name needs 1–100 characters, without / \\ : * ? \" < > | and not starting with a dot."
                .into(),
        ));
    }
    Ok(format!("{name}.{EXTENSION}"))
}
