//! Drafts: what a form holds before it is saved (a 1-on-1 being logged), autosaved by the UI
//! inside the vault so that closing the window, locking or a crash loses nothing. The key is
//! chosen by the UI (see [`conversation_key`]); the body is the form as JSON, opaque here.

use super::dates;
use crate::error::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The largest body a draft may hold (1 MiB): a form, not a document store.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// The longest key.
pub const MAX_KEY_CHARS: usize = 200;

/// A stored draft: its key, the form as JSON and when it was last saved (RFC 3339, UTC).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct Draft {
    pub key: String,
    pub body: String,
    pub updated_at: String,
}

/// A draft without its body, for listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct DraftInfo {
    pub key: String,
    pub updated_at: String,
}

/// The key of the 1-on-1 draft for a worker, as the UI writes it.
pub fn conversation_key(worker_id: i64) -> String {
    format!("conversation:{worker_id}")
}

fn check_key(key: &str) -> Result<()> {
    if key.trim().is_empty() {
        return Err(Error::InvalidInput("A draft needs a key.".into()));
    }
    if key.chars().count() > MAX_KEY_CHARS {
        return Err(Error::InvalidInput(format!(
            "A draft key is at most {MAX_KEY_CHARS} characters."
        )));
    }
    Ok(())
}

/// Save (insert or replace) the draft under `key`.
pub fn save(conn: &Connection, key: &str, body_json: &str) -> Result<()> {
    check_key(key)?;
    if body_json.len() > MAX_BODY_BYTES {
        return Err(Error::InvalidInput(format!(
            "A draft is at most 1 MiB; this one is {} bytes.",
            body_json.len()
        )));
    }
    conn.prepare_cached(
        "INSERT INTO draft (key, body, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
    )?
    .execute(params![key, body_json, dates::now()])?;
    Ok(())
}

/// The draft under `key`, with when it was saved.
pub fn get(conn: &Connection, key: &str) -> Result<Option<Draft>> {
    Ok(conn
        .prepare_cached("SELECT key, body, updated_at FROM draft WHERE key = ?1")?
        .query_row([key], |r| {
            Ok(Draft {
                key: r.get(0)?,
                body: r.get(1)?,
                updated_at: r.get(2)?,
            })
        })
        .optional()?)
}

/// The body of the draft under `key`.
pub fn load(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(get(conn, key)?.map(|d| d.body))
}

/// Remove the draft under `key` (nothing to remove is fine).
pub fn clear(conn: &Connection, key: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM draft WHERE key = ?1")?
        .execute([key])?;
    Ok(())
}

/// Every draft, newest first.
pub fn list(conn: &Connection) -> Result<Vec<DraftInfo>> {
    let mut stmt =
        conn.prepare_cached("SELECT key, updated_at FROM draft ORDER BY updated_at DESC, key")?;
    let rows = stmt.query_map([], |r| {
        Ok(DraftInfo {
            key: r.get(0)?,
            updated_at: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
