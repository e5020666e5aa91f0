//! The map packed for the app's window: one binary buffer instead of JSON.
//!
//! A [`MapAnalysis`] of 5,000 workers and 25,000 ties is ~3.5 MB of JSON with the same keys
//! repeated 30,000 times; serialising it (serde_json in the shell's IPC, unoptimised in the debug
//! build the end-to-end tests drive), moving it and parsing it in the WebView took most of a
//! second. Packed, the per-worker and per-tie figures are little-endian columns the UI reads
//! with typed arrays, and everything else (names, groups, the panels' analyses) is a small JSON
//! header. The UI's decoder (`ui/src/components/map/wire.ts`) rebuilds the same `MapAnalysis`.
//!
//! Layout (all integers little-endian):
//!
//! ```text
//! "FBMAP1\0\0"                       8 bytes: magic and version
//! u32 header length H, u32 0         8 bytes
//! header                             H bytes of UTF-8 JSON (see [`Header`]), then zero padding
//!                                    to a multiple of 8
//! f64 × n  worker id                 n = header.workers
//! f64 × n  degree, betweenness, influence, x, y (one column each)
//! f64 × m  tie id, source, target    m = header.ties (one column each)
//! u32 × n  department, shift         indices into header.groups
//! u32 × n  influence rank            0 = none (supervisors)
//! u32 × n  committee distance        u32::MAX = none
//! u32 × n  cluster                   u32::MAX = none
//! u8 × n   assessment                0 = unassessed
//! u8 × n   flags                     1 = committee, 2 = supervisor
//! u8 × m   kind                      index into header.kinds
//! u8 × m   strength
//! ```
//!
//! Ids travel as f64 (exact up to 2^53, as in JSON).

use super::model::{AntiInfluence, Cluster, Coverage, Leader, MapAnalysis, MapTie, MapWorker};
use crate::error::{Error, Result};
use crate::workers::relationship::RelationshipKind;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The first 8 bytes of a packed map.
pub const MAGIC: &[u8; 8] = b"FBMAP1\0\0";

/// Committee distance and cluster columns: no value.
pub const NONE_U32: u32 = u32::MAX;

pub const FLAG_COMMITTEE: u8 = 1;
pub const FLAG_SUPERVISOR: u8 = 2;

/// Everything that is not a per-worker or per-tie number.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Header<'a> {
    campaign_id: i64,
    /// False when the map was packed before the session knew its betweenness: every worker's
    /// betweenness is 0 and `leaders` is empty (ask again, waiting, for them).
    complete: bool,
    workers: usize,
    ties: usize,
    /// Worker names, in the order of the columns.
    names: Vec<&'a str>,
    /// Every department and shift name, referred to by index.
    groups: Vec<&'a str>,
    /// Relationship kinds, referred to by index.
    kinds: &'static [RelationshipKind],
    leaders: &'a [Leader],
    coverage: &'a Coverage,
    clusters: &'a [Cluster],
    anti_union: &'a [AntiInfluence],
    modularity: f64,
}

fn f64s(out: &mut Vec<u8>, values: impl Iterator<Item = f64>) {
    for v in values {
        out.extend_from_slice(&v.to_le_bytes());
    }
}

fn u32s(out: &mut Vec<u8>, values: impl Iterator<Item = u32>) {
    for v in values {
        out.extend_from_slice(&v.to_le_bytes());
    }
}

/// Pack `a` (see the module's documentation). `complete`: whether `a` has its betweenness and
/// leaders (false for a map packed before they were known).
pub fn pack(a: &MapAnalysis, complete: bool) -> Result<Vec<u8>> {
    let mut groups: Vec<&str> = Vec::new();
    let mut group_index: HashMap<&str, u32> = HashMap::new();
    let mut dept = Vec::with_capacity(a.workers.len());
    let mut shift = Vec::with_capacity(a.workers.len());
    for w in &a.workers {
        for (name, column) in [
            (w.department.as_str(), &mut dept),
            (w.shift.as_str(), &mut shift),
        ] {
            let i = *group_index.entry(name).or_insert_with(|| {
                groups.push(name);
                (groups.len() - 1) as u32
            });
            column.push(i);
        }
    }
    let header = Header {
        campaign_id: a.campaign_id,
        complete,
        workers: a.workers.len(),
        ties: a.ties.len(),
        names: a.workers.iter().map(|w| w.name.as_str()).collect(),
        groups,
        kinds: &RelationshipKind::ALL,
        leaders: &a.leaders,
        coverage: &a.coverage,
        clusters: &a.clusters,
        anti_union: &a.anti_union,
        modularity: a.modularity,
    };
    let json = serde_json::to_vec(&header)
        .map_err(|e| Error::InvalidInput(format!("The map could not be packed: {e}")))?;
    let n = a.workers.len();
    let m = a.ties.len();
    let padded = json.len().div_ceil(8) * 8;
    let mut out = Vec::with_capacity(16 + padded + n * (6 * 8 + 5 * 4 + 2) + m * (3 * 8 + 2));
    out.extend_from_slice(MAGIC);
    let len = u32::try_from(json.len())
        .map_err(|_| Error::InvalidInput("The map is too large to pack.".into()))?;
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&json);
    out.resize(16 + padded, 0);

    let ws = &a.workers;
    f64s(&mut out, ws.iter().map(|w| w.id as f64));
    f64s(&mut out, ws.iter().map(|w| w.degree));
    f64s(&mut out, ws.iter().map(|w| w.betweenness));
    f64s(&mut out, ws.iter().map(|w| w.influence));
    f64s(&mut out, ws.iter().map(|w| w.x));
    f64s(&mut out, ws.iter().map(|w| w.y));
    f64s(&mut out, a.ties.iter().map(|t| t.id as f64));
    f64s(&mut out, a.ties.iter().map(|t| t.source as f64));
    f64s(&mut out, a.ties.iter().map(|t| t.target as f64));
    u32s(&mut out, dept.into_iter());
    u32s(&mut out, shift.into_iter());
    u32s(&mut out, ws.iter().map(|w| w.influence_rank.unwrap_or(0)));
    u32s(
        &mut out,
        ws.iter().map(|w| w.committee_distance.unwrap_or(NONE_U32)),
    );
    u32s(&mut out, ws.iter().map(|w| w.cluster.unwrap_or(NONE_U32)));
    out.extend(ws.iter().map(|w| w.assessment.unwrap_or(0)));
    out.extend(ws.iter().map(|w| {
        (if w.committee { FLAG_COMMITTEE } else { 0 })
            | (if w.supervisor { FLAG_SUPERVISOR } else { 0 })
    }));
    out.extend(a.ties.iter().map(|t| kind_index(t.kind)));
    out.extend(a.ties.iter().map(|t| t.strength));
    Ok(out)
}

fn kind_index(kind: RelationshipKind) -> u8 {
    RelationshipKind::ALL
        .iter()
        .position(|&k| k == kind)
        .map_or(u8::MAX, |i| i as u8)
}

/// The header as read back (owned).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OwnedHeader {
    campaign_id: i64,
    complete: bool,
    workers: usize,
    ties: usize,
    names: Vec<String>,
    groups: Vec<String>,
    kinds: Vec<RelationshipKind>,
    leaders: Vec<Leader>,
    coverage: Coverage,
    clusters: Vec<Cluster>,
    anti_union: Vec<AntiInfluence>,
    modularity: f64,
}

fn damaged(what: &str) -> Error {
    Error::InvalidInput(format!("The packed map is damaged: {what}."))
}

/// Reads the columns in order.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, len: usize) -> Result<&'a [u8]> {
        let end = self
            .at
            .checked_add(len)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| damaged("it is shorter than its header says"))?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    fn f64s(&mut self, n: usize) -> Result<Vec<f64>> {
        let raw = self.take(n.checked_mul(8).ok_or_else(|| damaged("too many rows"))?)?;
        Ok(raw
            .chunks_exact(8)
            .map(|c| f64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect())
    }

    fn u32s(&mut self, n: usize) -> Result<Vec<u32>> {
        let raw = self.take(n.checked_mul(4).ok_or_else(|| damaged("too many rows"))?)?;
        Ok(raw
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }
}

/// Read a packed map back: the analysis and whether it was complete. The reference for the UI's
/// decoder (the tests check both against the same bytes).
pub fn unpack(bytes: &[u8]) -> Result<(MapAnalysis, bool)> {
    if bytes.len() < 16 || &bytes[..8] != MAGIC {
        return Err(damaged("it does not start with the map's signature"));
    }
    let len = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize;
    let mut r = Reader { bytes, at: 16 };
    let h: OwnedHeader = serde_json::from_slice(r.take(len)?)
        .map_err(|e| damaged(&format!("its header is not valid ({e})")))?;
    r.take(len.div_ceil(8) * 8 - len)?;
    let (n, m) = (h.workers, h.ties);
    if h.names.len() != n {
        return Err(damaged("the names do not match the workers"));
    }
    let ids = r.f64s(n)?;
    let degree = r.f64s(n)?;
    let betweenness = r.f64s(n)?;
    let influence = r.f64s(n)?;
    let xs = r.f64s(n)?;
    let ys = r.f64s(n)?;
    let tie_ids = r.f64s(m)?;
    let sources = r.f64s(m)?;
    let targets = r.f64s(m)?;
    let dept = r.u32s(n)?;
    let shift = r.u32s(n)?;
    let rank = r.u32s(n)?;
    let distance = r.u32s(n)?;
    let cluster = r.u32s(n)?;
    let assessment = r.take(n)?;
    let flags = r.take(n)?;
    let kinds = r.take(m)?;
    let strength = r.take(m)?;
    if r.at != bytes.len() {
        return Err(damaged("it is longer than its header says"));
    }
    let group = |i: u32| {
        h.groups
            .get(i as usize)
            .cloned()
            .ok_or_else(|| damaged("a group index is out of range"))
    };
    let opt = |v: u32| (v != NONE_U32).then_some(v);
    let mut workers = Vec::with_capacity(n);
    for (i, name) in h.names.into_iter().enumerate() {
        workers.push(MapWorker {
            id: ids[i] as i64,
            name,
            department: group(dept[i])?,
            shift: group(shift[i])?,
            assessment: (assessment[i] != 0).then_some(assessment[i]),
            committee: flags[i] & FLAG_COMMITTEE != 0,
            supervisor: flags[i] & FLAG_SUPERVISOR != 0,
            degree: degree[i],
            betweenness: betweenness[i],
            influence: influence[i],
            influence_rank: (rank[i] != 0).then_some(rank[i]),
            committee_distance: opt(distance[i]),
            cluster: opt(cluster[i]),
            x: xs[i],
            y: ys[i],
        });
    }
    let mut ties = Vec::with_capacity(m);
    for i in 0..m {
        ties.push(MapTie {
            id: tie_ids[i] as i64,
            source: sources[i] as i64,
            target: targets[i] as i64,
            kind: *h
                .kinds
                .get(kinds[i] as usize)
                .ok_or_else(|| damaged("a tie kind is out of range"))?,
            strength: strength[i],
        });
    }
    Ok((
        MapAnalysis {
            campaign_id: h.campaign_id,
            workers,
            ties,
            leaders: h.leaders,
            coverage: h.coverage,
            clusters: h.clusters,
            anti_union: h.anti_union,
            modularity: h.modularity,
        },
        h.complete,
    ))
}
