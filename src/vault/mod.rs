//! The encrypted vault: a `NAME.fieldbook/` folder with a SQLCipher 4 database keyed by a random
//! 256-bit data key, and age-encrypted key files that wrap that key. See `docs/vault-format.md`.

#[doc(hidden)]
pub mod connection;
pub mod kdf;
pub mod key;
pub mod keyfile;
pub mod layout;
mod lockfile;
mod rotation;
pub mod schema;

use crate::error::{Error, Result};
use crate::fsutil;
pub use kdf::Kdf;
use key::DataKey;
use layout::Layout;
use lockfile::VaultLock;
use rusqlite::{Connection, OptionalExtension};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// What a person sees about an open vault. Holds no secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct VaultInfo {
    pub path: String,
    pub name: String,
    pub vault_id: String,
    pub schema_version: u32,
    pub cipher_version: String,
    /// log2 of scrypt's N in `keys/passphrase.age`.
    pub kdf_work_factor: u8,
    pub has_recovery_key: bool,
    /// RFC 3339.
    pub created_at: String,
    #[ts(type = "number")]
    pub db_bytes: u64,
}

/// The result of `verify`: SQLCipher's page authentication and SQLite's structural check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct VerifyReport {
    pub ok: bool,
    /// Problems reported by `PRAGMA cipher_integrity_check` (empty when every page authenticates).
    pub cipher_integrity: Vec<String>,
    /// Rows of `PRAGMA integrity_check` (`["ok"]` when sound).
    pub integrity: Vec<String>,
    /// Each affidavit draft's hash chain (filled in by `api::affidavits::verify_vault`; empty
    /// from [`Vault::verify`] alone). A broken chain makes `ok` false.
    #[serde(default)]
    pub affidavit_chains: Vec<crate::affidavits::ChainStatus>,
}

/// Options for a new vault.
#[derive(Debug, Clone, Copy)]
pub struct CreateOptions {
    pub kdf: Kdf,
    pub with_recovery_key: bool,
}

impl Default for CreateOptions {
    fn default() -> Self {
        CreateOptions {
            kdf: Kdf::Calibrate,
            with_recovery_key: true,
        }
    }
}

/// How to unwrap the data key.
pub enum Unlock<'a> {
    Passphrase(&'a SecretString),
    RecoveryKey(&'a SecretString),
}

/// An unlocked vault. Dropping it (or [`Vault::lock`]) checkpoints the WAL, closes the database
/// and wipes the key from memory.
pub struct Vault {
    layout: Layout,
    conn: Option<Connection>,
    key: DataKey,
    _lock: VaultLock,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("path", &self.layout.root)
            .finish_non_exhaustive()
    }
}

impl Vault {
    /// Create a vault folder `folder/NAME.fieldbook`. Returns the open vault and, when asked for,
    /// the recovery identity (`AGE-SECRET-KEY-1…`) to show the user once.
    ///
    /// The folder is assembled under a temporary name and renamed into place when complete, so a
    /// failure or crash never leaves a half-made vault under the real name.
    pub fn create(
        folder: &Path,
        name: &str,
        passphrase: &SecretString,
        options: CreateOptions,
    ) -> Result<(Vault, Option<SecretString>)> {
        Self::create_at_schema(folder, name, passphrase, options, schema::LATEST)
    }

    /// As [`Vault::create`], at an older schema version: only for making test fixtures.
    #[doc(hidden)]
    pub fn create_at_schema(
        folder: &Path,
        name: &str,
        passphrase: &SecretString,
        options: CreateOptions,
        schema_version: u32,
    ) -> Result<(Vault, Option<SecretString>)> {
        crate::strength::require_acceptable(passphrase)?;
        let folder = std::path::absolute(folder).map_err(|e| Error::io("find", folder, e))?;
        let folder = folder.as_path();
        let root = folder.join(layout::folder_name(name)?);
        if root.exists() {
            return Err(Error::AlreadyExists(root));
        }
        std::fs::create_dir_all(folder).map_err(|e| Error::io("create folder", folder, e))?;
        let work_factor = options.kdf.work_factor()?;

        let staging = fsutil::temp_sibling(&root);
        let result = build(
            &staging,
            passphrase,
            options.with_recovery_key,
            work_factor,
            schema_version,
        );
        let (key, recovery) = match result {
            Ok(v) => v,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&staging);
                return Err(e);
            }
        };
        if let Err(e) = std::fs::rename(&staging, &root) {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(if root.exists() {
                Error::AlreadyExists(root)
            } else {
                Error::io("create", &root, e)
            });
        }
        fsutil::sync_parent(&root)?;
        let vault = Vault::open_with_key(Layout::new(root), key, schema_version)?;
        Ok((vault, recovery))
    }

    /// Unlock with the passphrase.
    pub fn unlock(path: &Path, passphrase: &SecretString) -> Result<Vault> {
        Self::unlock_with(path, Unlock::Passphrase(passphrase))
    }

    /// Unlock with the passphrase or the recovery key. Nothing is written unless the key is right
    /// and the database opens.
    pub fn unlock_with(path: &Path, how: Unlock<'_>) -> Result<Vault> {
        let layout =
            Layout::new(std::path::absolute(path).map_err(|e| Error::io("find", path, e))?);
        layout.check_exists()?;
        let key_path = match how {
            Unlock::Passphrase(_) => layout.passphrase_key(),
            Unlock::RecoveryKey(_) => layout.recovery_key(),
        };
        let decrypt = |path: &Path| -> Result<DataKey> {
            let bytes = keyfile::read(path)?;
            match how {
                Unlock::Passphrase(p) => keyfile::unwrap_with_passphrase(&bytes, p, path),
                Unlock::RecoveryKey(id) => keyfile::unwrap_with_identity(&bytes, id, path),
            }
        };
        let key = decrypt(&key_path)?;
        let lock = VaultLock::acquire(&layout.lock())?;
        match connection::open_existing(&layout.db(), &key) {
            Ok(conn) => Vault::finish_open(layout, conn, key, lock, schema::LATEST),
            Err(Error::DatabaseCorrupt(reason)) => {
                // A key rotation may have been cut off after the database was rekeyed and before
                // the new key files replaced the old ones: try the pending key file.
                let pending = Layout::pending(&key_path);
                if !pending.exists() {
                    return Err(Error::DatabaseCorrupt(reason));
                }
                let new_key = decrypt(&pending)?;
                let conn = connection::open_existing(&layout.db(), &new_key)
                    .map_err(|_| Error::DatabaseCorrupt(reason))?;
                Vault::finish_open(layout, conn, new_key, lock, schema::LATEST)
            }
            Err(e) => Err(e),
        }
    }

    fn open_with_key(layout: Layout, key: DataKey, target_schema: u32) -> Result<Vault> {
        let lock = VaultLock::acquire(&layout.lock())?;
        let conn = connection::open_existing(&layout.db(), &key)?;
        Vault::finish_open(layout, conn, key, lock, target_schema)
    }

    fn finish_open(
        layout: Layout,
        mut conn: Connection,
        key: DataKey,
        lock: VaultLock,
        target: u32,
    ) -> Result<Vault> {
        schema::check_supported(&conn)?;
        rotation::settle(&layout, &key)?;
        connection::configure(&conn)?;
        if schema::version(&conn)? < target {
            // Before the schema changes: an automatic backup, when they are set up. Migrations are
            // transactional, so a backup that cannot be made (the USB drive is not plugged in)
            // does not keep the organizer out of their vault.
            let _ = crate::export::backup::backup_to_folder(&conn, &layout.root);
        }
        schema::migrate_to(&mut conn, target)?;
        // An evidence upload from the window that was never finished is removed at the next unlock.
        crate::incidents::evidence::discard_unfinished(&conn)?;
        Ok(Vault {
            layout,
            conn: Some(conn),
            key,
            _lock: lock,
        })
    }

    /// The open database connection.
    pub fn conn(&self) -> &Connection {
        self.conn
            .as_ref()
            .expect("connection is present until the vault is dropped")
    }

    /// The open database connection, mutably (for transactions).
    pub fn conn_mut(&mut self) -> &mut Connection {
        self.conn
            .as_mut()
            .expect("connection is present until the vault is dropped")
    }

    pub fn path(&self) -> &Path {
        &self.layout.root
    }

    /// Checkpoint and truncate the WAL, close the database and wipe the key.
    pub fn lock(mut self) -> Result<()> {
        self.close()
    }

    fn close(&mut self) -> Result<()> {
        if let Some(conn) = self.conn.take() {
            // Keep the planner's statistics current (cheap; SQLite decides what needs it).
            conn.execute_batch("PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE);")?;
            conn.close().map_err(|(_, e)| Error::Sqlite(e))?;
        }
        Ok(())
    }

    /// Re-encrypt the key file with a new passphrase. The database is not touched.
    pub fn change_passphrase(&self, current: &SecretString, new: &SecretString) -> Result<()> {
        self.check_passphrase(current)?;
        self.set_passphrase(new, Kdf::Calibrate)
    }

    /// Set a new passphrase without the old one (after unlocking with the recovery key).
    pub fn set_passphrase(&self, new: &SecretString, kdf: Kdf) -> Result<()> {
        crate::strength::require_acceptable(new)?;
        let bytes = keyfile::wrap_with_passphrase(&self.key, new, kdf.work_factor()?)?;
        keyfile::write(&self.layout.passphrase_key(), &bytes)
    }

    /// Change the data key: the database is re-encrypted (`PRAGMA rekey`) and both key files are
    /// rewrapped. Crash-safe: the new key files are written first under `.new`, the database is
    /// rekeyed in one transaction, then the key files are renamed into place; an unlock after a
    /// crash in between finishes (or discards) the rotation.
    pub fn rotate_key(&mut self, passphrase: &SecretString) -> Result<()> {
        self.check_passphrase(passphrase)?;
        let work_factor = keyfile::work_factor(&keyfile::read(&self.layout.passphrase_key())?)
            .unwrap_or(kdf::MIN_WORK_FACTOR)
            .clamp(kdf::MIN_WORK_FACTOR, kdf::MAX_WORK_FACTOR);
        let new_key = DataKey::generate();
        rotation::begin(&self.layout, &new_key)?;
        let pass_pending = Layout::pending(&self.layout.passphrase_key());
        keyfile::write(
            &pass_pending,
            &keyfile::wrap_with_passphrase(&new_key, passphrase, work_factor)?,
        )?;
        if let Some(recipient) = self.meta("recovery_recipient")? {
            let recovery_pending = Layout::pending(&self.layout.recovery_key());
            keyfile::write(
                &recovery_pending,
                &keyfile::wrap_with_recipient(&new_key, &recipient)?,
            )?;
        }
        // On failure the database keeps its key; settling against it discards the new files.
        let rekeyed = connection::rekey(self.conn(), &new_key);
        if rekeyed.is_ok() {
            self.key = new_key;
        }
        rotation::settle(&self.layout, &self.key)?;
        rekeyed
    }

    pub fn check_passphrase(&self, passphrase: &SecretString) -> Result<()> {
        let path = self.layout.passphrase_key();
        let key = keyfile::unwrap_with_passphrase(&keyfile::read(&path)?, passphrase, &path)?;
        if key != self.key {
            return Err(Error::KeyFileCorrupt(path));
        }
        Ok(())
    }

    /// `PRAGMA cipher_integrity_check` (every page's HMAC) and `PRAGMA integrity_check`.
    pub fn verify(&self) -> Result<VerifyReport> {
        let collect = |sql: &str| -> Result<Vec<String>> {
            let mut stmt = self.conn().prepare(sql)?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        };
        let cipher_integrity = collect("PRAGMA cipher_integrity_check")?;
        let integrity = collect("PRAGMA integrity_check")?;
        let ok = cipher_integrity.is_empty() && integrity == ["ok"];
        Ok(VerifyReport {
            ok,
            cipher_integrity,
            integrity,
            affidavit_chains: Vec::new(),
        })
    }

    /// Facts about the vault, without secrets.
    pub fn info(&self) -> Result<VaultInfo> {
        let conn = self.conn();
        let pass_bytes = keyfile::read(&self.layout.passphrase_key())?;
        Ok(VaultInfo {
            path: self.layout.root.display().to_string(),
            name: self.layout.name(),
            vault_id: self.meta("vault_id")?.unwrap_or_default(),
            schema_version: schema::version(conn)?,
            cipher_version: connection::cipher_version(conn)?,
            kdf_work_factor: keyfile::work_factor(&pass_bytes).unwrap_or(0),
            has_recovery_key: self.layout.recovery_key().is_file(),
            created_at: self.meta("created_at")?.unwrap_or_default(),
            db_bytes: std::fs::metadata(self.layout.db())
                .map(|m| m.len())
                .unwrap_or(0),
        })
    }

    /// A value from the `vault_meta` table.
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row("SELECT value FROM vault_meta WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }
}

impl Drop for Vault {
    fn drop(&mut self) {
        let _ = self.close();
    }
}

/// Build a complete vault in `staging` (a temporary folder). Returns the data key and the
/// recovery identity, if one was made.
fn build(
    staging: &Path,
    passphrase: &SecretString,
    with_recovery: bool,
    work_factor: u8,
    schema_version: u32,
) -> Result<(DataKey, Option<SecretString>)> {
    let layout = Layout::new(staging);
    std::fs::create_dir(staging).map_err(|e| Error::io("create", staging, e))?;
    std::fs::create_dir(layout.keys()).map_err(|e| Error::io("create", layout.keys(), e))?;
    VaultLock::create_file(&layout.lock())?;

    let key = DataKey::generate();
    let recovery = with_recovery.then(keyfile::new_recovery_identity);
    {
        let mut conn = connection::create(&layout.db(), &key)?;
        connection::configure(&conn)?;
        schema::migrate_to(&mut conn, schema_version.max(1))?;
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let tx = conn.transaction()?;
        let put = |k: &str, v: &str| {
            tx.execute(
                "INSERT INTO vault_meta (key, value) VALUES (?1, ?2)",
                [k, v],
            )
        };
        put("vault_id", &uuid::Uuid::new_v4().to_string())?;
        put("created_at", &now)?;
        put(
            "created_by",
            concat!("fieldbook ", env!("CARGO_PKG_VERSION")),
        )?;
        if let Some((_, recipient)) = &recovery {
            put("recovery_recipient", recipient)?;
        }
        tx.commit()?;
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        conn.close().map_err(|(_, e)| Error::Sqlite(e))?;
    }
    fsutil::sync_file(&layout.db())?;

    keyfile::write(
        &layout.passphrase_key(),
        &keyfile::wrap_with_passphrase(&key, passphrase, work_factor)?,
    )?;
    let recovery = match recovery {
        Some((identity, recipient)) => {
            keyfile::write(
                &layout.recovery_key(),
                &keyfile::wrap_with_recipient(&key, &recipient)?,
            )?;
            Some(identity)
        }
        None => None,
    };
    fsutil::sync_parent(&layout.db())?;
    Ok((key, recovery))
}

/// The vault folder for a path given on the command line: `x` and `x.fieldbook` both mean
/// `x.fieldbook`.
pub fn normalize_path(path: &Path) -> PathBuf {
    if path.extension().is_some_and(|e| e == layout::EXTENSION) {
        path.to_path_buf()
    } else {
        let mut p = path.as_os_str().to_os_string();
        p.push(".");
        p.push(layout::EXTENSION);
        PathBuf::from(p)
    }
}
