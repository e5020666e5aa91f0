//! Schema versions and migrations. The version is SQLite's `user_version`; each migration runs
//! in its own transaction together with the version bump, so a crash leaves a whole version.

use crate::error::{Error, Result};
use rusqlite::Connection;

/// Migrations in order; migration `i` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: vault metadata (vault id, creation time, recovery recipient, app version).
    "CREATE TABLE vault_meta (
        key   TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    ) STRICT;",
    // 2: campaigns: a vault can hold several; everything else will belong to one.
    "CREATE TABLE campaign (
        id               INTEGER PRIMARY KEY,
        name             TEXT NOT NULL,
        employer         TEXT NOT NULL DEFAULT '',
        worksites        TEXT NOT NULL DEFAULT '',
        unit_description TEXT NOT NULL DEFAULT '',
        unit_size        INTEGER,
        created_at       TEXT NOT NULL
    ) STRICT;",
    // 3: the unit list: workers, assessments, conversations, committee terms, search.
    include_str!("migrations/003_workers.sql"),
    // 4: drafts autosaved by the UI (an unsaved 1-on-1), so a closed window loses nothing.
    include_str!("migrations/004_drafts.sql"),
    // 5: typed, dated relationships between workers (the map).
    include_str!("migrations/005_relationships.sql"),
    // 6: positions the user gave workers on the map.
    include_str!("migrations/006_map_layout.sql"),
    // 7: incidents (ULPs), the people involved, evidence files inside the vault.
    include_str!("migrations/007_incidents.sql"),
    // 8: affidavit drafts, versioned in a hash chain.
    include_str!("migrations/008_affidavits.sql"),
    // 9: the campaign plan: card target, milestones, the action ladder with participation, tasks.
    include_str!("migrations/009_plan.sql"),
    // 10: counsel's key book (public keys for exports).
    include_str!("migrations/010_export.sql"),
];

/// The schema version this build writes.
pub const LATEST: u32 = MIGRATIONS.len() as u32;

pub fn version(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get::<_, u32>(0))?)
}

/// Refuse a vault from a newer schema before anything is written to it.
pub fn check_supported(conn: &Connection) -> Result<u32> {
    let found = version(conn)?;
    if found > LATEST {
        return Err(Error::SchemaTooNew {
            found,
            supported: LATEST,
        });
    }
    Ok(found)
}

/// Bring the schema up to `target` (≤ [`LATEST`]).
pub fn migrate_to(conn: &mut Connection, target: u32) -> Result<()> {
    let current = check_supported(conn)?;
    for v in current..target.min(LATEST) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute_batch(MIGRATIONS[v as usize])?;
        tx.pragma_update(None, "user_version", v + 1)?;
        tx.commit()?;
    }
    Ok(())
}

pub fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, LATEST)
}
