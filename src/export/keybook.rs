//! Counsel's key book: the public keys of the lawyers a campaign sends to, remembered by name
//! inside the vault (public keys only; a secret key is refused).

use super::recipients;
use crate::error::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct CounselKey {
    pub id: i64,
    /// Who it belongs to, e.g. "Dana Ruiz, Ruiz & Chen LLP".
    pub name: String,
    /// `age1…` or an `ssh-ed25519` / `ssh-rsa` public key line.
    pub recipient: String,
    pub added_at: String,
}

pub fn list(conn: &Connection) -> Result<Vec<CounselKey>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, recipient, added_at FROM counsel_key ORDER BY name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(CounselKey {
            id: r.get(0)?,
            name: r.get(1)?,
            recipient: r.get(2)?,
            added_at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Remember a key under a name (names are unique, case-insensitively).
pub fn add(conn: &Connection, name: &str, recipient: &str) -> Result<CounselKey> {
    let name = name.trim();
    let recipient = recipient.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(Error::InvalidInput(
            "Give the key a name of 1–200 characters (e.g. the lawyer and firm).".into(),
        ));
    }
    recipients::parse(recipient)?;
    let taken: Option<i64> = conn
        .query_row(
            "SELECT id FROM counsel_key WHERE name = ?1 COLLATE NOCASE",
            [name],
            |r| r.get(0),
        )
        .optional()?;
    if taken.is_some() {
        return Err(Error::InvalidInput(format!("The key book already has a key named {name:?}: remove it first or choose another name.")));
    }
    conn.execute(
        "INSERT INTO counsel_key (name, recipient, added_at) VALUES (?1, ?2, ?3)",
        params![name, recipient, crate::workers::dates::now()],
    )?;
    let id = conn.last_insert_rowid();
    list(conn)?
        .into_iter()
        .find(|k| k.id == id)
        .ok_or_else(|| Error::InvalidInput("The key was not saved.".into()))
}

pub fn remove(conn: &Connection, id: i64) -> Result<()> {
    if conn.execute("DELETE FROM counsel_key WHERE id = ?1", [id])? == 0 {
        return Err(Error::InvalidInput(format!(
            "There is no key {id} in the key book."
        )));
    }
    Ok(())
}

/// The keys with these ids, parsed, for an export.
pub fn recipients_for(conn: &Connection, ids: &[i64]) -> Result<Vec<recipients::Recipient>> {
    let all = list(conn)?;
    ids.iter()
        .map(|id| {
            let k = all.iter().find(|k| k.id == *id).ok_or_else(|| {
                Error::InvalidInput(format!("There is no key {id} in the key book."))
            })?;
            recipients::parse(&k.recipient)
        })
        .collect()
}
