//! The redacted map: the relationship map without identities, to share with another organizer or
//! a researcher. Workers become stable pseudonyms (an HMAC of the worker id under a random key
//! kept in the vault, so the same worker gets the same pseudonym in every export of this vault and
//! no one can reverse it); names, contact details and notes are left out; departments and shifts
//! are kept, generalized to "Department A"/"Shift 1", or dropped, by choice. Still age-encrypted.

use crate::error::Result;
use crate::graph::load::MapData;
use crate::workers::relationship::RelationshipKind;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use ts_rs::TS;

/// What happens to departments and shifts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "lowercase")]
pub enum Groups {
    /// Kept as they are.
    Keep,
    /// Replaced by "Department A", "Shift 1"… (the same letters for the same groups).
    #[default]
    Generalize,
    /// Left out.
    Drop,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct RedactedWorker {
    pub pseudonym: String,
    pub department: Option<String>,
    pub shift: Option<String>,
    pub assessment: Option<u8>,
    pub committee: bool,
    pub supervisor: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct RedactedTie {
    pub source: String,
    pub target: String,
    pub kind: RelationshipKind,
    pub strength: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct RedactedMap {
    pub format: String,
    pub workers: Vec<RedactedWorker>,
    pub ties: Vec<RedactedTie>,
}

/// The vault's pseudonym key (created on first use).
fn pseudonym_key(conn: &Connection) -> Result<Vec<u8>> {
    let existing: Option<String> = conn
        .query_row(
            "SELECT value FROM vault_meta WHERE key = 'pseudonym_key'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(hexed) = existing.and_then(|h| hex::decode(h).ok()) {
        return Ok(hexed);
    }
    let key: [u8; 32] = rand::random();
    conn.execute(
        "INSERT INTO vault_meta (key, value) VALUES ('pseudonym_key', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [hex::encode(key)],
    )?;
    Ok(key.to_vec())
}

/// HMAC-SHA256(key, id), as `W-` and 8 base-32 characters.
fn pseudonym(key: &[u8], id: i64) -> String {
    // HMAC by hand (sha2 only): H((k ^ opad) || H((k ^ ipad) || m)), k ≤ 64 bytes.
    let mut k = [0u8; 64];
    k[..key.len().min(64)].copy_from_slice(&key[..key.len().min(64)]);
    let inner = Sha256::new()
        .chain_update(k.map(|b| b ^ 0x36))
        .chain_update(id.to_be_bytes())
        .finalize();
    let mac = Sha256::new()
        .chain_update(k.map(|b| b ^ 0x5c))
        .chain_update(inner)
        .finalize();
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let bits = u64::from_be_bytes([
        mac[0], mac[1], mac[2], mac[3], mac[4], mac[5], mac[6], mac[7],
    ]);
    let code: String = (0..8)
        .map(|i| ALPHABET[((bits >> (i * 5)) & 31) as usize] as char)
        .collect();
    format!("W-{code}")
}

fn letters(n: usize) -> String {
    let mut n = n;
    let mut s = String::new();
    loop {
        s.insert(0, (b'A' + (n % 26) as u8) as char);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    s
}

/// Build the redacted map of a campaign.
pub fn redact(conn: &Connection, data: &MapData, groups: Groups) -> Result<RedactedMap> {
    let key = pseudonym_key(conn)?;
    let mut dept_names: Vec<&str> = data.workers.iter().map(|w| w.department.as_str()).collect();
    dept_names.sort_unstable();
    dept_names.dedup();
    let mut shift_names: Vec<&str> = data.workers.iter().map(|w| w.shift.as_str()).collect();
    shift_names.sort_unstable();
    shift_names.dedup();
    let dept: BTreeMap<&str, String> = dept_names
        .iter()
        .enumerate()
        .map(|(i, d)| (*d, format!("Department {}", letters(i))))
        .collect();
    let shift: BTreeMap<&str, String> = shift_names
        .iter()
        .enumerate()
        .map(|(i, s)| (*s, format!("Shift {}", i + 1)))
        .collect();
    let group = |name: &str, table: &BTreeMap<&str, String>| match groups {
        Groups::Keep => Some(name.to_string()),
        Groups::Generalize => table.get(name).cloned(),
        Groups::Drop => None,
    };
    let ids: BTreeMap<i64, String> = data
        .workers
        .iter()
        .map(|w| (w.id, pseudonym(&key, w.id)))
        .collect();
    let mut workers: Vec<RedactedWorker> = data
        .workers
        .iter()
        .map(|w| RedactedWorker {
            pseudonym: ids[&w.id].clone(),
            department: group(&w.department, &dept),
            shift: group(&w.shift, &shift),
            assessment: w.assessment,
            committee: w.committee,
            supervisor: w.is_supervisor,
        })
        .collect();
    // Sorted by pseudonym: the order of the vault's ids does not leak.
    workers.sort_by(|a, b| a.pseudonym.cmp(&b.pseudonym));
    let mut ties: Vec<RedactedTie> = data
        .ties
        .iter()
        .map(|t| RedactedTie {
            source: ids[&t.worker_a].clone(),
            target: ids[&t.worker_b].clone(),
            kind: t.kind,
            strength: t.strength,
        })
        .collect();
    ties.sort_by(|a, b| (&a.source, &a.target).cmp(&(&b.source, &b.target)));
    Ok(RedactedMap {
        format: "fieldbook-redacted-map/1".into(),
        workers,
        ties,
    })
}

/// Write the redacted map of a campaign as an age-encrypted archive (`map.json` + manifest).
pub fn export(
    conn: &Connection,
    campaign_id: i64,
    groups: Groups,
    dest: &std::path::Path,
    protection: super::recipients::Protection,
    armor: bool,
) -> Result<super::bundle::ExportSummary> {
    crate::workers::campaign::get(conn, campaign_id)?;
    let data = MapData::load(conn, campaign_id, crate::workers::dates::today())?;
    let map = redact(conn, &data, groups)?;
    let json = serde_json::to_vec_pretty(&map)
        .map_err(|e| crate::error::Error::InvalidInput(e.to_string()))?;
    let progress = super::Progress::none();
    let sink = super::sink::AgeSink::create(dest, protection, armor)?;
    let mut tar =
        super::tarball::TarWriter::new(sink, chrono::Utc::now().timestamp().max(0) as u64);
    tar.add_bytes("map.json", &json, &progress)?;
    let manifest = super::manifest::Manifest {
        format: "fieldbook-redacted-map/1".into(),
        created_at: crate::workers::dates::now(),
        vault_id: String::new(),
        app_version: env!("CARGO_PKG_VERSION").into(),
        files: Vec::new(),
        chain_heads: Vec::new(),
        schema_version: 0,
        counts: Default::default(),
    };
    let (sink, manifest) = tar.finish(manifest)?;
    let path = sink.finish()?;
    Ok(super::bundle::ExportSummary {
        path: path.display().to_string(),
        files: manifest.files.len() as u32,
        bytes: std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0),
        manifest,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudonyms_are_stable_and_keyed() {
        assert_eq!(pseudonym(b"k", 7), pseudonym(b"k", 7));
        assert_ne!(pseudonym(b"k", 7), pseudonym(b"k", 8));
        assert_ne!(pseudonym(b"k", 7), pseudonym(b"j", 7));
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
    }
}
