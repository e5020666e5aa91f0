//! The hash chain over a draft's versions: each version's SHA-256 covers its content and the
//! previous version's hash, and the draft records the newest (head) seq and hash. Altering,
//! removing (anywhere, the newest included) or reordering a version breaks the chain.
//!
//! The canonical encoding hashed for one version (documented in `docs/vault-format.md`):
//!
//! ```text
//! "fieldbook affidavit version v1" 0x00
//! u64be(seq)
//! u64be(len) saved_at      (UTF-8 bytes, as stored: RFC 3339)
//! u64be(len) saved_by
//! u64be(len) note
//! u64be(len) content       (the JSON text exactly as stored)
//! u64be(len) prev_hash     (64 lowercase hex digits)
//! ```
//!
//! The first version's `prev_hash` is the draft's genesis hash,
//! `SHA-256("fieldbook affidavit genesis v1" 0x00 ‖ uid)` in hex, which ties the chain to that draft.

use super::model::{ChainProblem, ChainProblemKind, ChainStatus};
use crate::error::Result;
use rusqlite::{params, Connection};
use sha2::{Digest, Sha256};

const VERSION_TAG: &[u8] = b"fieldbook affidavit version v1\0";
const GENESIS_TAG: &[u8] = b"fieldbook affidavit genesis v1\0";

/// The fields of one version that its hash covers.
#[derive(Debug, Clone, Copy)]
pub struct VersionFields<'a> {
    pub seq: u32,
    pub saved_at: &'a str,
    pub saved_by: &'a str,
    pub note: &'a str,
    /// The content's JSON text, exactly as stored.
    pub content: &'a str,
    pub prev_hash: &'a str,
}

/// The canonical byte encoding of a version (what [`hash`] digests).
pub fn encode(v: &VersionFields<'_>) -> Vec<u8> {
    let mut out = Vec::with_capacity(
        VERSION_TAG.len()
            + 48
            + v.saved_at.len()
            + v.saved_by.len()
            + v.note.len()
            + v.content.len()
            + v.prev_hash.len(),
    );
    out.extend_from_slice(VERSION_TAG);
    out.extend_from_slice(&u64::from(v.seq).to_be_bytes());
    for field in [v.saved_at, v.saved_by, v.note, v.content, v.prev_hash] {
        out.extend_from_slice(&(field.len() as u64).to_be_bytes());
        out.extend_from_slice(field.as_bytes());
    }
    out
}

/// A version's hash: SHA-256 of [`encode`], as 64 lowercase hex digits.
pub fn hash(v: &VersionFields<'_>) -> String {
    hex::encode(Sha256::digest(encode(v)))
}

/// The `prev_hash` of a draft's first version.
pub fn genesis(uid: &str) -> String {
    let mut h = Sha256::new();
    h.update(GENESIS_TAG);
    h.update(uid.as_bytes());
    hex::encode(h.finalize())
}

/// One stored version, as read back for checking.
#[derive(Debug, Clone)]
pub struct StoredVersion {
    pub seq: i64,
    pub saved_at: String,
    pub saved_by: String,
    pub note: String,
    pub content: String,
    pub prev_hash: String,
    pub hash: String,
}

/// What the draft row records about its chain.
#[derive(Debug, Clone)]
pub struct Head {
    pub affidavit_id: i64,
    pub uid: String,
    pub affiant_name: String,
    pub head_seq: i64,
    pub head_hash: String,
}

fn versions_label(from: i64, to: i64) -> String {
    if from == to {
        format!("Version {from} is")
    } else {
        format!("Versions {from}–{to} are")
    }
}

/// Check one chain: the versions in the order stored (by seq) against the draft's head.
pub fn check(head: &Head, versions: &[StoredVersion]) -> ChainStatus {
    let mut problems = Vec::new();
    let seq32 = |s: i64| u32::try_from(s).ok();
    let mut push = |kind, seq: Option<i64>, message: String| {
        problems.push(ChainProblem {
            kind,
            seq: seq.and_then(seq32),
            message,
        });
    };
    if versions.is_empty() {
        push(
            ChainProblemKind::Empty,
            None,
            "The draft has no versions at all: its history was removed.".into(),
        );
        if head.head_seq > 0 {
            push(
                ChainProblemKind::Head,
                Some(head.head_seq),
                format!(
                    "The draft records version {} as its newest, but no version remains.",
                    head.head_seq
                ),
            );
        }
    }
    let mut expected_seq = 1_i64;
    let mut expected_prev = genesis(&head.uid);
    for v in versions {
        let Ok(seq) = u32::try_from(v.seq) else {
            push(
                ChainProblemKind::Altered,
                None,
                format!("A version has an impossible number ({}).", v.seq),
            );
            continue;
        };
        let recomputed = hash(&VersionFields {
            seq,
            saved_at: &v.saved_at,
            saved_by: &v.saved_by,
            note: &v.note,
            content: &v.content,
            prev_hash: &v.prev_hash,
        });
        let after_gap = v.seq > expected_seq;
        if after_gap {
            push(
                ChainProblemKind::Missing,
                Some(expected_seq),
                format!(
                    "{} missing: removed from the history.",
                    versions_label(expected_seq, v.seq - 1)
                ),
            );
        }
        if recomputed != v.hash {
            push(
                ChainProblemKind::Altered,
                Some(v.seq),
                format!(
                    "Version {} was changed after it was saved: its content no longer matches its hash.",
                    v.seq
                ),
            );
        }
        if v.prev_hash != expected_prev && !after_gap {
            let message = if v.seq == 1 {
                "Version 1 does not begin this draft's chain: it was replaced, or moved from another place in the history.".to_string()
            } else {
                format!(
                    "Version {} does not follow version {}: a version was replaced, or versions were reordered.",
                    v.seq,
                    v.seq - 1
                )
            };
            push(ChainProblemKind::Broken, Some(v.seq), message);
        }
        expected_seq = v.seq + 1;
        expected_prev = v.hash.clone();
    }
    if let Some(last) = versions.last() {
        if last.seq < head.head_seq {
            push(
                ChainProblemKind::Head,
                Some(last.seq + 1),
                format!(
                    "{} missing: the draft records version {} as its newest, but the history ends at version {}.",
                    versions_label(last.seq + 1, head.head_seq),
                    head.head_seq,
                    last.seq
                ),
            );
        } else if last.seq > head.head_seq {
            push(
                ChainProblemKind::Head,
                Some(last.seq),
                format!(
                    "The history holds versions after version {}, the newest the draft records: they were added outside Fieldbook.",
                    head.head_seq
                ),
            );
        } else if last.hash != head.head_hash {
            push(
                ChainProblemKind::Head,
                Some(last.seq),
                format!(
                    "Version {} is not the newest version the draft records (the hashes differ): it was replaced.",
                    last.seq
                ),
            );
        }
    }
    ChainStatus {
        affidavit_id: head.affidavit_id,
        uid: head.uid.clone(),
        affiant_name: head.affiant_name.clone(),
        ok: problems.is_empty(),
        versions: versions.len() as u32,
        head_seq: u32::try_from(head.head_seq).unwrap_or(0),
        head_hash: head.head_hash.clone(),
        problems,
    }
}

fn heads(conn: &Connection, only: Option<i64>) -> Result<Vec<Head>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.uid, coalesce(w.legal_name, ''), a.head_seq, a.head_hash
         FROM affidavit a LEFT JOIN worker w ON w.id = a.affiant_id
         WHERE ?1 IS NULL OR a.id = ?1
         ORDER BY a.id",
    )?;
    let rows = stmt.query_map([only], |r| {
        Ok(Head {
            affidavit_id: r.get(0)?,
            uid: r.get(1)?,
            affiant_name: r.get(2)?,
            head_seq: r.get(3)?,
            head_hash: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn stored_versions(conn: &Connection, affidavit_id: i64) -> Result<Vec<StoredVersion>> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, saved_at, saved_by, note, content, prev_hash, hash
         FROM affidavit_version WHERE affidavit_id = ?1 ORDER BY seq, id",
    )?;
    let rows = stmt.query_map(params![affidavit_id], |r| {
        Ok(StoredVersion {
            seq: r.get(0)?,
            saved_at: r.get(1)?,
            saved_by: r.get(2)?,
            note: r.get(3)?,
            content: r.get(4)?,
            prev_hash: r.get(5)?,
            hash: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Check one draft's chain.
pub fn verify(conn: &Connection, affidavit_id: i64) -> Result<ChainStatus> {
    let head = heads(conn, Some(affidavit_id))?
        .into_iter()
        .next()
        .ok_or_else(|| super::store::not_found(affidavit_id))?;
    Ok(check(&head, &stored_versions(conn, affidavit_id)?))
}

/// Check every draft's chain in the vault (all campaigns), in id order.
pub fn verify_all(conn: &Connection) -> Result<Vec<ChainStatus>> {
    heads(conn, None)?
        .iter()
        .map(|h| Ok(check(h, &stored_versions(conn, h.affidavit_id)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(uid: &str, n: u32) -> Vec<StoredVersion> {
        let mut prev = genesis(uid);
        (1..=n)
            .map(|seq| {
                let content = format!("{{\"paragraphs\":[\"text {seq}\"]}}");
                let h = hash(&VersionFields {
                    seq,
                    saved_at: "2025-05-02T10:00:00Z",
                    saved_by: "Ana",
                    note: "",
                    content: &content,
                    prev_hash: &prev,
                });
                let v = StoredVersion {
                    seq: seq.into(),
                    saved_at: "2025-05-02T10:00:00Z".into(),
                    saved_by: "Ana".into(),
                    note: String::new(),
                    content,
                    prev_hash: prev.clone(),
                    hash: h.clone(),
                };
                prev = h;
                v
            })
            .collect()
    }

    fn head(versions: &[StoredVersion]) -> Head {
        let last = versions.last().expect("a version");
        Head {
            affidavit_id: 1,
            uid: "00000000-0000-4000-8000-000000000000".into(),
            affiant_name: "Ana".into(),
            head_seq: last.seq,
            head_hash: last.hash.clone(),
        }
    }

    fn kinds(s: &ChainStatus) -> Vec<(ChainProblemKind, Option<u32>)> {
        s.problems.iter().map(|p| (p.kind, p.seq)).collect()
    }

    #[test]
    fn the_encoding_is_length_prefixed_and_fixed() {
        let bytes = encode(&VersionFields {
            seq: 2,
            saved_at: "t",
            saved_by: "ab",
            note: "",
            content: "{}",
            prev_hash: "p",
        });
        let mut expected = b"fieldbook affidavit version v1\0".to_vec();
        expected.extend([0, 0, 0, 0, 0, 0, 0, 2]);
        expected.extend([0, 0, 0, 0, 0, 0, 0, 1, b't']);
        expected.extend([0, 0, 0, 0, 0, 0, 0, 2, b'a', b'b']);
        expected.extend([0, 0, 0, 0, 0, 0, 0, 0]);
        expected.extend([0, 0, 0, 0, 0, 0, 0, 2, b'{', b'}']);
        expected.extend([0, 0, 0, 0, 0, 0, 0, 1, b'p']);
        assert_eq!(bytes, expected);
        // Moving a byte from one field to the next changes the hash (no ambiguity).
        let a = hash(&VersionFields {
            seq: 1,
            saved_at: "ab",
            saved_by: "c",
            note: "",
            content: "",
            prev_hash: "",
        });
        let b = hash(&VersionFields {
            seq: 1,
            saved_at: "a",
            saved_by: "bc",
            note: "",
            content: "",
            prev_hash: "",
        });
        assert_ne!(a, b);
        assert_eq!(genesis("x").len(), 64);
    }

    /// The documented encoding (docs/vault-format.md), checked against its Python transcription.
    #[test]
    fn matches_the_documented_python() {
        let uid = "6f1d2c1e-8b7a-4c1e-9a55-0e2d3c4b5a69";
        let g = genesis(uid);
        assert_eq!(
            g,
            "44ea57af7490aa24470960ffa43920484fa53c2cf70ab593321d5efeb9340613"
        );
        let h = hash(&VersionFields {
            seq: 1,
            saved_at: "2025-05-02T18:40:00Z",
            saved_by: "Dana Whitfield",
            note: "First draft",
            content: "{\"language\":\"es\",\"paragraphs\":[\"¿Qué pasó? ¡Nada!\"]}",
            prev_hash: &g,
        });
        assert_eq!(
            h,
            "1007cd2359fe80ed6f7b8fa3e966f6cce1acb6cb3acd6cb3dc064662d118a140"
        );
    }

    #[test]
    fn an_untouched_chain_verifies_and_each_kind_of_tampering_is_named() {
        let v = chain("00000000-0000-4000-8000-000000000000", 4);
        let h = head(&v);
        assert!(check(&h, &v).ok);

        let mut altered = v.clone();
        altered[1].content = altered[1].content.replace("text", "test");
        assert_eq!(
            kinds(&check(&h, &altered)),
            [(ChainProblemKind::Altered, Some(2))]
        );

        let mut middle = v.clone();
        middle.remove(1);
        assert_eq!(
            kinds(&check(&h, &middle)),
            [(ChainProblemKind::Missing, Some(2))]
        );

        let newest = v[..3].to_vec();
        assert_eq!(
            kinds(&check(&h, &newest)),
            [(ChainProblemKind::Head, Some(4))]
        );

        // Two versions swap numbers: both fail their hash and their links.
        let mut swapped = v.clone();
        swapped.swap(0, 1);
        swapped[0].seq = 1;
        swapped[1].seq = 2;
        let k = kinds(&check(&h, &swapped));
        assert!(k.contains(&(ChainProblemKind::Altered, Some(1))), "{k:?}");
        assert!(k.contains(&(ChainProblemKind::Broken, Some(2))), "{k:?}");

        assert_eq!(
            kinds(&check(&h, &[])),
            [
                (ChainProblemKind::Empty, None),
                (ChainProblemKind::Head, Some(4))
            ]
        );
        let other = Head {
            uid: "11111111-0000-4000-8000-000000000000".into(),
            ..h
        };
        assert_eq!(
            kinds(&check(&other, &v)),
            [(ChainProblemKind::Broken, Some(1))]
        );
    }
}
