//! Previewing and applying an import: all or nothing, in one transaction.

use super::mapping::{guess_mapping_with_saved, ColumnMapping, MappingOverride, SavedColumn};
use super::read::{read_table, Table};
use super::reconcile::{self, FieldChange, Reconciliation};
use super::records::{records, ImportedWorker};
use crate::error::{Error, Result};
use crate::workers::{campaign, dates, store, WorkerInput, WorkerStatus};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// What the mapping step shows: the columns, the guessed (or saved) mapping and a sample.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ImportPreview {
    pub headers: Vec<String>,
    pub mapping: ColumnMapping,
    /// The first rows of the file, as read.
    pub sample: Vec<Vec<String>>,
    pub total_rows: u32,
    pub reconciliation: Reconciliation,
}

/// A person's decision on an ambiguous row: the same person as `worker_id`, or a new worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct Resolution {
    pub row: u32,
    /// `null`: add as a new worker.
    pub worker_id: Option<i64>,
}

/// What to apply after review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename_all = "camelCase")]
pub struct ApplyChoices {
    pub add_new: bool,
    pub apply_changes: bool,
    /// Mark workers missing from the list as left or excluded; `null` leaves them alone.
    pub missing_status: Option<WorkerStatus>,
    /// Ambiguous rows without a resolution are skipped.
    pub resolutions: Vec<Resolution>,
}

impl Default for ApplyChoices {
    fn default() -> Self {
        ApplyChoices {
            add_new: true,
            apply_changes: true,
            missing_status: None,
            resolutions: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ImportSummary {
    pub added: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub marked_missing: u32,
    pub skipped_duplicates: u32,
    pub skipped_ambiguous: u32,
}

fn saved_mapping(conn: &Connection, campaign_id: i64) -> Result<Vec<SavedColumn>> {
    Ok(campaign::import_mapping(conn, campaign_id)?
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

/// The mapping for a file: the campaign's saved one where the headers match, guesses elsewhere,
/// then the explicit overrides.
pub fn mapping_for(
    conn: &Connection,
    campaign_id: i64,
    table: &Table,
    overrides: &[MappingOverride],
) -> Result<ColumnMapping> {
    let mut mapping = guess_mapping_with_saved(&table.headers, &saved_mapping(conn, campaign_id)?);
    mapping.apply(overrides);
    Ok(mapping)
}

/// Read, map and reconcile without writing anything.
pub fn preview_table(
    conn: &Connection,
    campaign_id: i64,
    table: &Table,
    mapping: ColumnMapping,
) -> Result<ImportPreview> {
    campaign::get(conn, campaign_id)?;
    let existing = reconcile::existing(conn, campaign_id)?;
    preview_against(table, mapping, &existing)
}

/// The preview of a table against a given set of workers (none, for a campaign not yet made).
pub fn preview_against(
    table: &Table,
    mapping: ColumnMapping,
    existing: &[reconcile::Existing],
) -> Result<ImportPreview> {
    mapping.validate(&table.headers)?;
    let recs = records(table, &mapping)?;
    Ok(ImportPreview {
        headers: table.headers.clone(),
        sample: table.rows.iter().take(20).cloned().collect(),
        total_rows: table.rows.len() as u32,
        reconciliation: reconcile::reconcile(recs, existing),
        mapping,
    })
}

pub fn preview(
    conn: &Connection,
    campaign_id: i64,
    path: &Path,
    overrides: &[MappingOverride],
) -> Result<ImportPreview> {
    let table = read_table(path)?;
    let mapping = mapping_for(conn, campaign_id, &table, overrides)?;
    preview_table(conn, campaign_id, &table, mapping)
}

/// Apply an import of `table` with `mapping`: reconciled again inside the transaction (so what
/// is applied is exactly what the data says now), then written; any error rolls everything back.
pub fn apply_table(
    conn: &mut Connection,
    campaign_id: i64,
    table: &Table,
    mapping: &ColumnMapping,
    choices: &ApplyChoices,
) -> Result<ImportSummary> {
    mapping.validate(&table.headers)?;
    let recs = records(table, mapping)?;
    let tx = conn.transaction()?;
    campaign::get(&tx, campaign_id)?;
    let existing = reconcile::existing(&tx, campaign_id)?;
    let plan = reconcile::reconcile(recs, &existing);
    let mut summary = ImportSummary {
        skipped_duplicates: plan.duplicates.len() as u32,
        ..ImportSummary::default()
    };
    let bulk = store::begin_bulk_insert(&tx)?;
    if choices.add_new {
        for rec in &plan.new {
            store::insert(&tx, campaign_id, &to_input(rec)).map_err(|e| at_row(rec.row, e))?;
            summary.added += 1;
        }
    }
    let now = dates::now();
    for m in &plan.matched {
        if m.changes.is_empty() || !choices.apply_changes {
            summary.unchanged += 1;
            continue;
        }
        write_changes(&tx, m.worker_id, &m.changes, &now).map_err(|e| at_row(m.row, e))?;
        summary.updated += 1;
    }
    let mut resolved: Vec<i64> = Vec::new();
    for amb in &plan.ambiguous {
        let choice = choices
            .resolutions
            .iter()
            .find(|r| r.row as usize == amb.record.row);
        match choice {
            None => summary.skipped_ambiguous += 1,
            Some(Resolution {
                worker_id: None, ..
            }) => {
                store::insert(&tx, campaign_id, &to_input(&amb.record))
                    .map_err(|e| at_row(amb.record.row, e))?;
                summary.added += 1;
            }
            Some(Resolution {
                worker_id: Some(id),
                ..
            }) => {
                if !amb.candidates.iter().any(|c| c.worker_id == *id) {
                    return Err(Error::InvalidInput(format!(
                        "Row {}: worker {id} was not one of the candidates.",
                        amb.record.row
                    )));
                }
                let e = existing
                    .iter()
                    .find(|e| e.id == *id)
                    .ok_or_else(|| store::not_found(*id))?;
                resolved.push(*id);
                let changes =
                    reconcile::reconcile(vec![amb.record.clone()], std::slice::from_ref(e));
                for m in &changes.matched {
                    write_changes(&tx, *id, &m.changes, &now)?;
                }
                if changes.changed().next().is_some() {
                    summary.updated += 1;
                } else {
                    summary.unchanged += 1;
                }
            }
        }
    }
    if let Some(status) = choices.missing_status {
        // A worker a person matched to an ambiguous row is on the list after all.
        for m in plan
            .missing
            .iter()
            .filter(|m| !resolved.contains(&m.worker_id))
        {
            tx.execute(
                "UPDATE worker SET status = ?2, updated_at = ?3 WHERE id = ?1",
                params![m.worker_id, status.as_str(), now],
            )?;
            summary.marked_missing += 1;
        }
    }
    store::end_bulk_insert(&tx, bulk)?;
    let saved = serde_json::to_string(&mapping.to_saved(&table.headers)).unwrap_or_default();
    campaign::set_import_mapping(&tx, campaign_id, &saved)?;
    tx.commit()?;
    Ok(summary)
}

pub fn apply(
    conn: &mut Connection,
    campaign_id: i64,
    path: &Path,
    overrides: &[MappingOverride],
    choices: &ApplyChoices,
) -> Result<ImportSummary> {
    let table = read_table(path)?;
    let mapping = mapping_for(conn, campaign_id, &table, overrides)?;
    apply_table(conn, campaign_id, &table, &mapping, choices)
}

/// Write reconciled field changes to one worker.
fn write_changes(
    tx: &Connection,
    worker_id: i64,
    changes: &[FieldChange],
    now: &str,
) -> Result<()> {
    for change in changes {
        if let Some(col) = change.column() {
            let value = Some(change.write.as_str()).filter(|v| !v.is_empty());
            tx.execute(
                &format!("UPDATE worker SET {col} = ?2, updated_at = ?3 WHERE id = ?1"),
                params![worker_id, value, now],
            )?;
        }
    }
    Ok(())
}

fn at_row(row: usize, e: Error) -> Error {
    match e {
        Error::InvalidInput(m) => Error::InvalidInput(format!("Row {row}: {m}")),
        other => other,
    }
}

fn to_input(r: &ImportedWorker) -> WorkerInput {
    WorkerInput {
        employee_id: r.employee_id.clone(),
        legal_name: r.legal_name.clone(),
        preferred_name: r.preferred_name.clone(),
        pronouns: r.pronouns.clone(),
        phones: r.phones.clone(),
        emails: r.emails.clone(),
        address: r.address.clone(),
        department: r.department.clone(),
        shift: r.shift.clone(),
        job_title: r.job_title.clone(),
        hire_date: r.hire_date.clone(),
        languages: r.languages.clone(),
        notes: r.notes.clone(),
        tags: r.tags.clone(),
        ..WorkerInput::default()
    }
}

/// The automatic mapping of a table (guesses only, no saved mapping).
pub fn mapping_for_table(table: &Table) -> ColumnMapping {
    super::mapping::guess_mapping(&table.headers)
}
