//! Restore a backup into a new vault folder. The archive is decrypted as a stream into a
//! temporary folder beside the destination (the files inside are the vault's own ciphertext and
//! its age-wrapped key files: nothing in plaintext), checked against its manifest, then opened:
//! every page's HMAC, the database structure and the row counts are verified before the folder is
//! renamed into place and offered to open. Any failure removes the temporary folder.

use super::backup::ROOT;
use super::manifest::{Manifest, BACKUP_FORMAT};
use super::open::{decrypt_file, Key};
use super::verify::{compare, walk};
use crate::error::{Error, Result};
use crate::vault::layout::{self, Layout};
use crate::vault::{Unlock, Vault};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::{self, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// What a restore found and wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct RestoreReport {
    /// The new vault folder.
    pub path: String,
    pub backup_created_at: String,
    pub vault_id: String,
    pub schema_version: u32,
    #[ts(type = "Record<string, number>")]
    pub counts: BTreeMap<String, u64>,
}

/// Removes the temporary folder unless disarmed.
struct TempDir(Option<PathBuf>);

impl Drop for TempDir {
    fn drop(&mut self) {
        if let Some(p) = self.0.take() {
            let _ = fs::remove_dir_all(p);
        }
    }
}

/// The files a backup may hold, and where they go in the vault folder.
fn target(path: &str) -> Option<PathBuf> {
    let rel = path.strip_prefix(&format!("{ROOT}/"))?;
    let db = layout::DB_FILE.to_string();
    let pass = format!("{}/{}", layout::KEYS_DIR, layout::PASSPHRASE_KEY);
    let rec = format!("{}/{}", layout::KEYS_DIR, layout::RECOVERY_KEY);
    (rel == db || rel == pass || rel == rec).then(|| PathBuf::from(rel))
}

/// Restore `backup` (opened with `key`) into the new folder `dest` (`….fieldbook`), checking it
/// opens with `unlock` (the vault's passphrase or recovery key).
pub fn restore(backup: &Path, key: &Key, dest: &Path, unlock: Unlock<'_>) -> Result<RestoreReport> {
    let dest = crate::vault::normalize_path(dest);
    if dest.exists() {
        return Err(Error::AlreadyExists(dest));
    }
    let parent = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !parent.is_dir() {
        return Err(Error::InvalidInput(format!(
            "The folder {} does not exist.",
            parent.display()
        )));
    }
    let tmp = crate::fsutil::temp_sibling(&dest);
    fs::create_dir(&tmp).map_err(|e| Error::io("create", &tmp, e))?;
    let guard = TempDir(Some(tmp.clone()));
    fs::create_dir(tmp.join(layout::KEYS_DIR)).map_err(|e| Error::io("create", &tmp, e))?;

    let stream = decrypt_file(backup, key)?;
    let manifest = unpack(stream, &tmp, backup)?;

    // Open it for real: key files, page 1, quick_check, then every page's HMAC and the structure,
    // and the row counts of the backup's own schema (before any migration of a newer build).
    let vault = Vault::unlock_with(&tmp, unlock)?;
    let verify = vault.verify()?;
    if !verify.ok {
        return Err(Error::DatabaseCorrupt(format!(
            "the restored database fails its checks: {:?} {:?}",
            verify.cipher_integrity, verify.integrity
        )));
    }
    let now = super::backup::counts(vault.conn())?;
    for (table, n) in &manifest.counts {
        let got = now.get(table).copied().unwrap_or(0);
        if got != *n {
            return Err(Error::DatabaseCorrupt(format!(
                "the restored table {table} holds {got} rows, the backup says {n}"
            )));
        }
    }
    let schema_version = crate::vault::schema::version(vault.conn())?;
    vault.lock()?;
    let _ = fs::remove_file(tmp.join(layout::LOCK_FILE));

    fs::rename(&tmp, &dest).map_err(|e| Error::io("rename", &dest, e))?;
    let mut guard = guard;
    guard.0 = None;
    crate::fsutil::sync_parent(&dest)?;
    Ok(RestoreReport {
        path: dest.display().to_string(),
        backup_created_at: manifest.created_at,
        vault_id: manifest.vault_id,
        schema_version,
        counts: manifest.counts,
    })
}

/// The archive reader of [`restore`]: stream the decrypted tar `archive` into the folder `tmp`
/// (which must exist, with its `keys/` subfolder), writing only the files a backup may hold, then
/// check it against its manifest, its format and the presence of the database and key file.
/// `backup` only names the file in messages. Public for the fuzz targets.
#[doc(hidden)]
pub fn unpack(archive: impl io::Read, tmp: &Path, backup: &Path) -> Result<Manifest> {
    let mut unexpected = Vec::new();
    let (seen, manifest, mut problems) = walk(archive, |path, _size, reader| {
        let Some(rel) = target(path) else {
            unexpected.push(format!("{path}: not part of a Fieldbook backup (ignored)"));
            return Ok(());
        };
        let out_path = tmp.join(rel);
        let mut out = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&out_path)
            .map_err(|e| Error::io("create", &out_path, e))?;
        io::copy(reader, &mut out).map_err(|e| Error::io("write", &out_path, e))?;
        out.sync_all()
            .map_err(|e| Error::io("sync", &out_path, e))?;
        Ok(())
    })?;
    problems.extend(unexpected);
    let report = compare(&seen, manifest.as_ref(), problems);
    let manifest = match (report.ok, report.manifest) {
        (true, Some(m)) if m.format == BACKUP_FORMAT => m,
        (true, Some(m)) => {
            return Err(Error::InvalidInput(format!(
                "{} is a {} archive, not a Fieldbook backup.",
                backup.display(),
                m.format
            )))
        }
        (_, _) => {
            return Err(Error::InvalidInput(format!(
                "The backup does not match its manifest, so it was not restored: {}",
                report.problems.join("; ")
            )))
        }
    };
    if !tmp.join(layout::DB_FILE).is_file() || !Layout::new(tmp).passphrase_key().is_file() {
        return Err(Error::InvalidInput(
            "The backup lacks the database or its key file.".into(),
        ));
    }
    Ok(manifest)
}
