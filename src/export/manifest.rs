//! `manifest.json`: what an archive (a bundle for counsel or a backup) holds, with each file's
//! SHA-256 and size, so the receiver can check that nothing was changed or left out.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// The manifest's own name inside the archive; it is the last entry and lists every other file.
pub const MANIFEST: &str = "manifest.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ManifestFile {
    pub path: String,
    /// Lowercase hex.
    pub sha256: String,
    pub size: u64,
}

/// The head of one affidavit draft's hash chain at export time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ChainHead {
    pub draft_id: i64,
    pub version: u32,
    pub hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct Manifest {
    /// `fieldbook-bundle/1` (for counsel) or `fieldbook-backup/1`.
    pub format: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub vault_id: String,
    pub app_version: String,
    pub files: Vec<ManifestFile>,
    /// Affidavit drafts in a bundle: each chain's head, so later copies can be compared.
    #[serde(default)]
    pub chain_heads: Vec<ChainHead>,
    /// Backups: the schema version and row counts per table, checked after a restore.
    #[serde(default)]
    pub schema_version: u32,
    #[serde(default)]
    #[ts(type = "Record<string, number>")]
    pub counts: BTreeMap<String, u64>,
}

pub const BUNDLE_FORMAT: &str = "fieldbook-bundle/1";
pub const BACKUP_FORMAT: &str = "fieldbook-backup/1";
