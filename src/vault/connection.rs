//! Opening, keying and configuring the SQLCipher connection.

use super::key::DataKey;
use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// SQLCipher 4 pages are 4096 bytes; a database file of any other length was truncated.
const PAGE_SIZE: u64 = 4096;

fn flags(create: bool) -> OpenFlags {
    let mut f = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_NOFOLLOW;
    if create {
        f |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    f
}

/// Create a new, empty encrypted database.
pub fn create(path: &Path, key: &DataKey) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, flags(true))?;
    apply_key(&conn, key)?;
    Ok(conn)
}

/// Open an existing database and prove the key opens it. Writes nothing: the journal mode and
/// other settings are applied only afterwards, by [`configure`].
pub fn open_existing(path: &Path, key: &DataKey) -> Result<Connection> {
    let len = std::fs::metadata(path)
        .map_err(|e| Error::io("open", path, e))?
        .len();
    if len == 0 || !len.is_multiple_of(PAGE_SIZE) {
        return Err(Error::DatabaseCorrupt(format!(
            "vault.db is {len} bytes, not a whole number of {PAGE_SIZE}-byte pages"
        )));
    }
    let conn = Connection::open_with_flags(path, flags(false))?;
    apply_key(&conn, key)?;
    // The first read decrypts and authenticates page 1: a wrong key or a damaged header fails here.
    let probe = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    });
    match probe {
        Ok(_) => {}
        Err(rusqlite::Error::SqliteFailure(e, _))
            if matches!(
                e.code,
                rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt
            ) =>
        {
            return Err(Error::DatabaseCorrupt(
                "the first page does not decrypt with this key".into(),
            ))
        }
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::DatabaseBusy =>
        {
            return Err(Error::VaultInUse)
        }
        Err(e) => return Err(e.into()),
    }
    // A cheap structural pass: every page is read, decrypted and its HMAC checked.
    let quick: String = conn
        .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
        .map_err(|e| Error::DatabaseCorrupt(e.to_string()))?;
    if quick != "ok" {
        return Err(Error::DatabaseCorrupt(quick));
    }
    Ok(conn)
}

/// Refuse a plain SQLite build, then key the connection in raw-key mode.
fn apply_key(conn: &Connection, key: &DataKey) -> Result<()> {
    if cipher_version(conn)?.is_empty() {
        return Err(Error::NotSqlcipher);
    }
    // SQLCipher's own log goes to stderr; keep the process quiet (it names no secret, but a
    // failed decryption is nobody else's business).
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    conn.execute_batch(&key.pragma("key"))?;
    Ok(())
}

/// `PRAGMA cipher_version`; empty on a plain SQLite build.
pub fn cipher_version(conn: &Connection) -> Result<String> {
    let v: Option<String> = conn
        .query_row("PRAGMA cipher_version", [], |r| r.get(0))
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })?;
    Ok(v.unwrap_or_default())
}

/// The settings every open vault runs with.
pub fn configure(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA secure_delete = ON;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA trusted_schema = OFF;
         PRAGMA cache_size = -32768;",
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

/// Re-encrypt every page under `new_key`. SQLCipher rekeys in one transaction; it is done with
/// the WAL checkpointed and the journal in DELETE mode, so that no page under the old key is left
/// in a WAL file, then WAL is restored.
pub fn rekey(conn: &Connection, new_key: &DataKey) -> Result<()> {
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;")?;
    let result = conn.execute_batch(&new_key.pragma("rekey"));
    conn.execute_batch("PRAGMA journal_mode = WAL;")?;
    Ok(result?)
}
