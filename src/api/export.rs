//! Export to counsel, the redacted map, the key book, backups and restore, as both front ends
//! call them. Every rule lives in [`crate::export`].

use super::Session;
use crate::error::{Error, Result};
use crate::export::backup::{self, BackupSettings, BackupSummary};
use crate::export::bundle::{self, BundlePreview, BundleSelection, ExportSummary};
use crate::export::keybook::{self, CounselKey};
use crate::export::open::Key;
use crate::export::recipients::{self, Protection, PASSPHRASE_WORK_FACTOR};
use crate::export::redacted::{self, Groups};
use crate::export::restore::{self, RestoreReport};
use crate::export::verify::{self, ArchiveReport};
use crate::export::Progress;
use crate::vault::Unlock;
use secrecy::SecretString;
use serde::Deserialize;
use std::path::Path;
use ts_rs::TS;

/// Who can open an export: key-book entries and pasted public keys, or a passphrase (never both).
#[derive(Debug, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename_all = "camelCase")]
pub struct ExportProtection {
    pub counsel_keys: Vec<i64>,
    pub recipients: Vec<String>,
    #[ts(type = "string | null")]
    pub passphrase: Option<SecretString>,
    /// ASCII armor (a text file that survives e-mail bodies).
    pub armor: bool,
}

impl ExportProtection {
    fn resolve(self, conn: &rusqlite::Connection) -> Result<(Protection, bool)> {
        let mut list = keybook::recipients_for(conn, &self.counsel_keys)?;
        for r in &self.recipients {
            list.push(recipients::parse(r)?);
        }
        let protection = match (self.passphrase, list.is_empty()) {
            (Some(_), false) => {
                return Err(Error::InvalidInput(
                    "Use public keys or a passphrase, not both: age never mixes them.".into(),
                ))
            }
            (Some(p), true) => {
                crate::strength::require_acceptable(&p)?;
                Protection::Passphrase(p, PASSPHRASE_WORK_FACTOR)
            }
            (None, false) => Protection::Recipients(list),
            (None, true) => {
                return Err(Error::InvalidInput(
                    "Choose counsel's key (or paste a public key), or set a passphrase.".into(),
                ))
            }
        };
        Ok((protection, self.armor))
    }
}

impl Session {
    pub fn export_preview(&self, selection: &BundleSelection) -> Result<BundlePreview> {
        self.with_conn(|conn, today| bundle::preview(conn, selection, today))
    }

    pub fn export_bundle(
        &self,
        selection: &BundleSelection,
        protection: ExportProtection,
        dest: &Path,
        progress: &Progress<'_>,
    ) -> Result<ExportSummary> {
        self.with_conn(|conn, today| {
            let (p, armor) = protection.resolve(conn)?;
            bundle::export(conn, selection, today, dest, p, armor, progress)
        })
    }

    pub fn export_redacted_map(
        &self,
        campaign_id: i64,
        groups: Groups,
        protection: ExportProtection,
        dest: &Path,
    ) -> Result<ExportSummary> {
        self.with_conn(|conn, _| {
            let (p, armor) = protection.resolve(conn)?;
            redacted::export(conn, campaign_id, groups, dest, p, armor)
        })
    }

    pub fn counsel_keys(&self) -> Result<Vec<CounselKey>> {
        self.with_conn(|conn, _| keybook::list(conn))
    }

    pub fn counsel_key_add(&self, name: &str, recipient: &str) -> Result<CounselKey> {
        self.with_conn(|conn, _| keybook::add(conn, name, recipient))
    }

    pub fn counsel_key_remove(&self, id: i64) -> Result<()> {
        self.with_conn(|conn, _| keybook::remove(conn, id))
    }

    pub fn backup_settings(&self) -> Result<BackupSettings> {
        self.with_conn(|conn, _| backup::settings(conn))
    }

    pub fn set_backup_settings(&self, s: &BackupSettings) -> Result<BackupSettings> {
        self.with_conn(|conn, _| {
            backup::set_settings(conn, s)?;
            backup::settings(conn)
        })
    }

    /// A backup now: to `dest` with a passphrase, or into the automatic-backup folder.
    pub fn backup_now(
        &self,
        dest: Option<&Path>,
        passphrase: Option<SecretString>,
    ) -> Result<Option<BackupSummary>> {
        self.with_vault(|v| match (dest, passphrase) {
            (Some(dest), Some(p)) => {
                crate::strength::require_acceptable(&p)?;
                backup::backup(
                    v.conn(),
                    v.path(),
                    dest,
                    Protection::Passphrase(p, PASSPHRASE_WORK_FACTOR),
                    &Progress::none(),
                )
                .map(Some)
            }
            (Some(dest), None) => {
                let p = backup::recovery_protection(v.conn())?.ok_or_else(|| {
                    Error::InvalidInput(
                        "This vault has no recovery key: set a passphrase for the backup.".into(),
                    )
                })?;
                backup::backup(v.conn(), v.path(), dest, p, &Progress::none()).map(Some)
            }
            (None, _) => backup::backup_to_folder(v.conn(), v.path()),
        })
    }

    /// The scheduled backup, when one is due (the app calls this after unlocking).
    pub fn backup_if_due(&self) -> Result<Option<BackupSummary>> {
        self.with_vault(|v| {
            if backup::due(v.conn(), chrono::Utc::now())? {
                backup::backup_to_folder(v.conn(), v.path())
            } else {
                Ok(None)
            }
        })
    }
}

/// Check a bundle or backup file (no vault needed).
pub fn verify_file(path: &Path, key: &Key) -> Result<ArchiveReport> {
    let stream = crate::export::open::decrypt_file(path, key)?;
    verify::verify_archive(stream)
}

/// Restore a backup into `dest` (no vault needed), checking it opens with `unlock`.
pub fn restore_file(
    backup: &Path,
    key: &Key,
    dest: &Path,
    unlock: Unlock<'_>,
) -> Result<RestoreReport> {
    restore::restore(backup, key, dest, unlock)
}

/// An identity pasted as text (age secret key lines), for checking a bundle in the app.
pub fn key_from_text(text: &SecretString) -> Result<Key> {
    use secrecy::ExposeSecret;
    let file = age::IdentityFile::from_buffer(text.expose_secret().as_bytes()).map_err(|_| {
        Error::InvalidInput("That is not an age identity (AGE-SECRET-KEY-1…).".into())
    })?;
    let ids = file
        .into_identities()
        .map_err(|e| Error::InvalidInput(e.to_string()))?;
    if ids.is_empty() {
        return Err(Error::InvalidInput(
            "No AGE-SECRET-KEY-1… line was found.".into(),
        ));
    }
    Ok(Key::Identities(ids))
}
