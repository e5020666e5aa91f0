//! The application's use cases over an open-or-locked vault: what the desktop shell and the CLI
//! both call. Holds at most one unlocked vault; locking drops it (and its key) at once.

pub mod affidavits;
pub mod demo;
pub mod drafts;
pub mod export;
pub mod import;
pub mod incidents;
pub mod map;
pub mod plan;
pub mod workers;

use crate::error::{Error, Result};
use crate::recent::RecentList;
use crate::strength::{self, PassphraseStrength};
use crate::vault::{CreateOptions, Kdf, Unlock, Vault, VaultInfo, VerifyReport};
use secrecy::SecretString;
use serde::Deserialize;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use ts_rs::TS;

/// What the create form sends.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct CreateVaultRequest {
    pub folder: String,
    pub name: String,
    #[ts(type = "string")]
    pub passphrase: SecretString,
    pub with_recovery_key: bool,
}

/// A new vault, unlocked, and its recovery key to show once (null when none was asked for).
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct CreatedVault {
    pub info: VaultInfo,
    pub recovery_key: Option<String>,
}

impl std::fmt::Debug for CreatedVault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreatedVault")
            .field("info", &self.info)
            .finish_non_exhaustive()
    }
}

/// One user's session: the unlocked vault, if any, and the recent-vaults list.
pub struct Session {
    vault: Mutex<Option<Vault>>,
    recent: RecentList,
    kdf: Kdf,
    /// The map's betweenness per campaign, for this unlock only (cleared on lock).
    map_cache: crate::graph::cache::BetweennessCache,
    /// Start the map's slow analysis in the background on unlock (the desktop app; not the CLI,
    /// whose processes are too short-lived to profit).
    prewarm_map: bool,
}

impl Session {
    pub fn new(recent: RecentList) -> Self {
        Session {
            vault: Mutex::new(None),
            recent,
            kdf: Kdf::Calibrate,
            map_cache: Default::default(),
            prewarm_map: false,
        }
    }

    /// On every unlock, compute the map's betweenness in the background, so the map opens without
    /// waiting for it.
    pub fn with_map_prewarm(mut self) -> Self {
        self.prewarm_map = true;
        self
    }

    /// Use a fixed scrypt work factor for new key files (tests, scripted set-ups).
    pub fn with_kdf(mut self, kdf: Kdf) -> Self {
        self.kdf = kdf;
        self
    }

    fn slot(&self) -> MutexGuard<'_, Option<Vault>> {
        // A panic while holding the lock must not leave the vault unreachable (or unlockable).
        self.vault
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Run `f` on the unlocked vault.
    pub fn with_vault<T>(&self, f: impl FnOnce(&mut Vault) -> Result<T>) -> Result<T> {
        let mut slot = self.slot();
        let vault = slot.as_mut().ok_or(Error::Locked)?;
        f(vault)
    }

    pub fn create(&self, req: CreateVaultRequest) -> Result<CreatedVault> {
        let folder = PathBuf::from(req.folder.trim());
        if folder.as_os_str().is_empty() {
            return Err(Error::InvalidInput("Choose a folder for the vault.".into()));
        }
        self.lock()?;
        let options = CreateOptions {
            kdf: self.kdf,
            with_recovery_key: req.with_recovery_key,
        };
        let (vault, recovery) = Vault::create(&folder, &req.name, &req.passphrase, options)?;
        let info = vault.info()?;
        // The list is a convenience: failing to update it must not fail the creation.
        let _ = self.recent.touch(vault.path());
        *self.slot() = Some(vault);
        Ok(CreatedVault {
            info,
            recovery_key: recovery.map(|r| secrecy::ExposeSecret::expose_secret(&r).to_string()),
        })
    }

    pub fn unlock(&self, path: &Path, how: Unlock<'_>) -> Result<VaultInfo> {
        self.lock()?;
        let vault = Vault::unlock_with(path, how)?;
        let info = vault.info()?;
        let _ = self.recent.touch(vault.path());
        *self.slot() = Some(vault);
        if self.prewarm_map {
            // Only a head start: a failure here shows up, if at all, when the map is opened.
            let _ = self.prewarm_map_analysis();
        }
        Ok(info)
    }

    /// Lock: checkpoint, close, wipe the key. Locking a locked session is fine.
    pub fn lock(&self) -> Result<()> {
        self.map_cache.clear();
        match self.slot().take() {
            Some(vault) => vault.lock(),
            None => Ok(()),
        }
    }

    pub fn status(&self) -> Result<Option<VaultInfo>> {
        self.slot().as_ref().map(Vault::info).transpose()
    }

    /// The vault's checks and every affidavit draft's hash chain.
    pub fn verify(&self) -> Result<VerifyReport> {
        self.with_vault(|v| affidavits::verify_vault(v))
    }

    pub fn change_passphrase(&self, current: &SecretString, new: &SecretString) -> Result<()> {
        let kdf = self.kdf;
        self.with_vault(|v| {
            v.check_passphrase(current)?;
            v.set_passphrase(new, kdf)
        })
    }

    pub fn rotate_key(&self, passphrase: &SecretString) -> Result<VaultInfo> {
        self.with_vault(|v| {
            v.rotate_key(passphrase)?;
            v.info()
        })
    }

    pub fn passphrase_strength(&self, passphrase: &SecretString) -> PassphraseStrength {
        strength::estimate(passphrase)
    }

    pub fn recent(&self) -> &RecentList {
        &self.recent
    }
}

impl Session {
    /// Run `f` on the unlocked vault's connection with today's date (the user's local day):
    /// what every use case over the vault's contents goes through.
    pub fn with_conn<T>(
        &self,
        f: impl FnOnce(&mut rusqlite::Connection, chrono::NaiveDate) -> Result<T>,
    ) -> Result<T> {
        let today = crate::workers::dates::today();
        self.with_vault(|v| f(v.conn_mut(), today))
    }
}
