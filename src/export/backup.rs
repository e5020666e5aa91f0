//! Encrypted backups of the whole vault as one age file. The database is copied from a
//! consistent snapshot (`VACUUM INTO`, which SQLCipher writes encrypted under the vault's own key,
//! WAL included — never a copy of a live file), into a tar with the key files and a manifest
//! (schema version, row counts, SHA-256 of each file), encrypted to the vault's recovery recipient
//! or to a passphrase. Restoring it gives the same vault, opened by the same passphrase or
//! recovery key; see [`super::restore`].
//!
//! Automatic backups go to a folder the user chose (e.g. a USB drive), named
//! `NAME-YYYYMMDD-HHMMSS-mmm.fieldbook-backup.age`, keeping the newest N; settings live in `vault_meta`.

use super::manifest::{Manifest, BACKUP_FORMAT};
use super::recipients::{self, Protection};
use super::sink::AgeSink;
use super::tarball::TarWriter;
use super::Progress;
use crate::error::{Error, Result};
use crate::vault::layout::{self, Layout};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The folder name of the vault inside a backup archive.
pub const ROOT: &str = "vault.fieldbook";
/// `YYYYMMDD-HHMMSS-mmm`: the time stamp in an automatic backup's name.
const STAMP_LEN: usize = 19;
/// The extension of automatic backups.
pub const SUFFIX: &str = ".fieldbook-backup.age";

/// What a backup wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct BackupSummary {
    pub path: String,
    pub bytes: u64,
    pub created_at: String,
    pub schema_version: u32,
    #[ts(type = "Record<string, number>")]
    pub counts: BTreeMap<String, u64>,
}

/// Removes the snapshot file on every path out.
struct Snapshot(PathBuf);

impl Drop for Snapshot {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Row counts of every table (checked again after a restore).
pub fn counts(conn: &Connection) -> Result<BTreeMap<String, u64>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
    )?;
    let names: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = BTreeMap::new();
    for name in names {
        let n: i64 = conn.query_row(
            &format!("SELECT count(*) FROM \"{}\"", name.replace('"', "\"\"")),
            [],
            |r| r.get(0),
        )?;
        out.insert(name, n as u64);
    }
    Ok(out)
}

/// Back up the vault at `root` (open as `conn`) to `dest`, a new file.
pub fn backup(
    conn: &Connection,
    root: &Path,
    dest: &Path,
    protection: Protection,
    progress: &Progress<'_>,
) -> Result<BackupSummary> {
    let layout = Layout::new(root);
    // A consistent, encrypted copy of the database, beside it (same disk, never plaintext).
    let snap = Snapshot(crate::fsutil::temp_sibling(&layout.db()));
    let schema_version = crate::vault::schema::version(conn)?;
    let counts = counts(conn)?;
    conn.execute("VACUUM INTO ?1", [snap.0.to_string_lossy()])?;
    let vault_id: String = conn
        .query_row(
            "SELECT value FROM vault_meta WHERE key = 'vault_id'",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_default();

    let created_at = crate::workers::dates::now();
    let mtime = chrono::Utc::now().timestamp().max(0) as u64;
    let sink = AgeSink::create(dest, protection, false)?;
    let mut tar = TarWriter::new(sink, mtime);
    let mut files: Vec<(String, PathBuf)> = vec![
        (format!("{ROOT}/{}", layout::DB_FILE), snap.0.clone()),
        (
            format!("{ROOT}/{}/{}", layout::KEYS_DIR, layout::PASSPHRASE_KEY),
            layout.passphrase_key(),
        ),
    ];
    if layout.recovery_key().is_file() {
        files.push((
            format!("{ROOT}/{}/{}", layout::KEYS_DIR, layout::RECOVERY_KEY),
            layout.recovery_key(),
        ));
    }
    let mut total = 0;
    for (_, p) in &files {
        total += std::fs::metadata(p)
            .map_err(|e| Error::io("read", p, e))?
            .len();
    }
    let progress = Progress { total, ..*progress };
    for (name, path) in &files {
        let f = std::fs::File::open(path).map_err(|e| Error::io("read", path, e))?;
        let size = f.metadata().map_err(|e| Error::io("read", path, e))?.len();
        tar.add(name, size, f, &progress)?;
    }
    let manifest = Manifest {
        format: BACKUP_FORMAT.into(),
        created_at: created_at.clone(),
        vault_id,
        app_version: env!("CARGO_PKG_VERSION").into(),
        files: Vec::new(),
        chain_heads: Vec::new(),
        schema_version,
        counts: counts.clone(),
    };
    let (sink, _) = tar.finish(manifest)?;
    let written = sink.finish()?;
    let bytes = std::fs::metadata(&written).map(|m| m.len()).unwrap_or(0);
    Ok(BackupSummary {
        path: written.display().to_string(),
        bytes,
        created_at,
        schema_version,
        counts,
    })
}

/// The automatic-backup settings, kept in `vault_meta`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct BackupSettings {
    /// The folder backups go to; none = automatic backups off.
    pub folder: Option<String>,
    /// How many to keep (the oldest beyond this are deleted after a successful backup).
    pub keep: u32,
    /// Days between scheduled backups (0 = only before migrations and when asked).
    pub every_days: u32,
    /// RFC 3339 time of the last backup made.
    pub last_at: Option<String>,
}

fn meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM vault_meta WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

fn put(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO vault_meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

pub fn settings(conn: &Connection) -> Result<BackupSettings> {
    Ok(BackupSettings {
        folder: meta(conn, "backup_folder")?.filter(|f| !f.is_empty()),
        keep: meta(conn, "backup_keep")?
            .and_then(|v| v.parse().ok())
            .unwrap_or(10),
        every_days: meta(conn, "backup_every_days")?
            .and_then(|v| v.parse().ok())
            .unwrap_or(7),
        last_at: meta(conn, "backup_last_at")?,
    })
}

/// Save the settings. Automatic backups are encrypted to the vault's recovery key (no passphrase
/// needs typing), so a vault without one cannot have them.
pub fn set_settings(conn: &Connection, s: &BackupSettings) -> Result<()> {
    if let Some(folder) = &s.folder {
        if meta(conn, "recovery_recipient")?.is_none() {
            return Err(Error::InvalidInput(
                "Automatic backups are encrypted to this vault's recovery key, and this vault has none. Make backups by hand with a passphrase instead."
                    .into(),
            ));
        }
        if !Path::new(folder).is_dir() {
            return Err(Error::InvalidInput(format!(
                "{folder} is not a folder that exists."
            )));
        }
    }
    if s.keep == 0 || s.keep > 1000 {
        return Err(Error::InvalidInput(
            "Keep between 1 and 1,000 backups.".into(),
        ));
    }
    put(conn, "backup_folder", s.folder.as_deref().unwrap_or(""))?;
    put(conn, "backup_keep", &s.keep.to_string())?;
    put(conn, "backup_every_days", &s.every_days.to_string())?;
    Ok(())
}

/// The vault's own recovery recipient, for automatic backups.
pub fn recovery_protection(conn: &Connection) -> Result<Option<Protection>> {
    match meta(conn, "recovery_recipient")? {
        Some(r) => Ok(Some(Protection::Recipients(vec![recipients::parse(&r)?]))),
        None => Ok(None),
    }
}

/// An automatic backup into the settings' folder, then the oldest beyond `keep` removed.
/// `Ok(None)` when automatic backups are off.
pub fn backup_to_folder(conn: &Connection, root: &Path) -> Result<Option<BackupSummary>> {
    let s = settings(conn)?;
    let (Some(folder), Some(protection)) = (s.folder.as_deref(), recovery_protection(conn)?) else {
        return Ok(None);
    };
    let name = Layout::new(root).name();
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S-%3f");
    let dest = Path::new(folder).join(format!("{name}-{stamp}{SUFFIX}"));
    let summary = backup(conn, root, &dest, protection, &Progress::none())?;
    put(conn, "backup_last_at", &summary.created_at)?;
    prune(Path::new(folder), &name, s.keep as usize)?;
    Ok(Some(summary))
}

/// Is a scheduled backup due?
pub fn due(conn: &Connection, now: chrono::DateTime<chrono::Utc>) -> Result<bool> {
    let s = settings(conn)?;
    if s.folder.is_none() || s.every_days == 0 {
        return Ok(false);
    }
    let last = s
        .last_at
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| t.with_timezone(&chrono::Utc));
    Ok(last.is_none_or(|t| now - t >= chrono::Duration::days(i64::from(s.every_days))))
}

/// Delete the oldest automatic backups of vault `name` in `folder` beyond the newest `keep`.
pub fn prune(folder: &Path, name: &str, keep: usize) -> Result<Vec<PathBuf>> {
    let prefix = format!("{name}-");
    let mut ours: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(|e| Error::io("list", folder, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.starts_with(&prefix)
                    && n.ends_with(SUFFIX)
                    && n.len() == prefix.len() + STAMP_LEN + SUFFIX.len()
            })
        })
        .collect();
    ours.sort();
    let excess = ours.len().saturating_sub(keep);
    let removed: Vec<PathBuf> = ours.drain(..excess).collect();
    for p in &removed {
        std::fs::remove_file(p).map_err(|e| Error::io("remove", p, e))?;
    }
    Ok(removed)
}
