//! Previewing and applying an import: all or nothing, in one transaction.

use super::mapping::{guess_mapping_with_saved, ColumnMapping, MappingOverride, SavedColumn};
use super::read::{read_table, Table};
use super::reconcile::{self, FieldChange, Reconciler, Reconciliation};
use super::records::{records, ImportedWorker, RecordReader};
use crate::error::{Error, Result};
use crate::workers::{campaign, dates, store, WorkerInput, WorkerStatus};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender};
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

/// New workers handed from the thread that reads and places rows to the one that writes them.
const CHUNK: usize = 1024;

/// What the reading thread sends the writing one.
enum Placed {
    /// New workers (with their rows), in the file's order, checked and encoded for the insert.
    New(Vec<(usize, store::ReadyWorker)>),
    /// Every row read: the rest of the reconciliation, and the first new worker that failed
    /// its check (none of it or after it was sent); or the first bad cell in the file.
    Done(Result<(Reconciliation, Option<Error>)>),
}

/// Apply an import of `table` with `mapping`: reconciled again inside the transaction (so what
/// is applied is exactly what the data says now), then written; any error rolls everything back.
///
/// Rows are read, normalized, reconciled and checked on a second thread, in the file's order,
/// while this one writes each new worker as soon as it is placed: the same rows in the same
/// order as reading every row first, and the same error — a bad cell anywhere in the file
/// before any failure to write, then the first row that could not be written.
pub fn apply_table(
    conn: &mut Connection,
    campaign_id: i64,
    table: &Table,
    mapping: &ColumnMapping,
    choices: &ApplyChoices,
) -> Result<ImportSummary> {
    let reader = RecordReader::new(table, mapping)?;
    let tx = conn.transaction()?;
    let existing =
        match campaign::get(&tx, campaign_id).and_then(|_| reconcile::existing(&tx, campaign_id)) {
            Ok(existing) => existing,
            Err(e) => {
                records(table, mapping)?;
                return Err(e);
            }
        };
    let mut bulk = match store::begin_bulk_insert(&tx, reader.len()) {
        Ok(bulk) => bulk,
        Err(e) => {
            records(table, mapping)?;
            return Err(e);
        }
    };
    let mut summary = ImportSummary::default();
    std::thread::scope(|s| {
        let (send, receive) = std::sync::mpsc::sync_channel::<Placed>(8);
        // Written chunks go back to the reading thread to be freed there.
        let (recycle, written_chunks) =
            std::sync::mpsc::channel::<Vec<(usize, store::ReadyWorker)>>();
        let existing = &existing;
        let placer = s.spawn(|| {
            let placed = place_rows(&reader, existing, choices.add_new, &send, &written_chunks);
            let _ = send.send(Placed::Done(placed));
            drop(send);
            for chunk in written_chunks {
                drop(chunk);
            }
        });
        let mut written: Result<()> = Ok(());
        let mut done = None;
        for message in &receive {
            match message {
                Placed::New(chunk) => {
                    if written.is_ok() {
                        for (row, w) in &chunk {
                            if let Err(e) = bulk.insert_ready(campaign_id, w) {
                                written = Err(at_row(*row, e));
                                break;
                            }
                            summary.added += 1;
                        }
                    }
                    let _ = recycle.send(chunk);
                }
                Placed::Done(placed) => {
                    done = Some(placed);
                    break;
                }
            }
        }
        drop(recycle);
        let Some(placed) = done else {
            // The reading thread ended without its last word: it panicked.
            return match placer.join() {
                Err(panic) => std::panic::resume_unwind(panic),
                Ok(()) => Err(Error::InvalidInput("The list could not be read.".into())),
            };
        };
        let (plan, invalid) = placed?;
        written?;
        if let Some(e) = invalid {
            return Err(e);
        }
        write_rest(
            &tx,
            &mut bulk,
            campaign_id,
            &existing[..],
            plan,
            choices,
            &mut summary,
        )?;
        store::end_bulk_insert(&tx, bulk)?;
        Ok(())
    })?;
    let saved = serde_json::to_string(&mapping.to_saved(&table.headers)).unwrap_or_default();
    campaign::set_import_mapping(&tx, campaign_id, &saved)?;
    tx.commit()?;
    Ok(summary)
}

/// The writes after the new workers: changes to matched workers, the ambiguous rows a person
/// resolved, and the workers missing from the list.
fn write_rest(
    tx: &Connection,
    bulk: &mut store::BulkInsert<'_>,
    campaign_id: i64,
    existing: &[reconcile::Existing],
    plan: Reconciliation,
    choices: &ApplyChoices,
    summary: &mut ImportSummary,
) -> Result<()> {
    summary.skipped_duplicates = plan.duplicates.len() as u32;
    let now = dates::now();
    for m in &plan.matched {
        if m.changes.is_empty() || !choices.apply_changes {
            summary.unchanged += 1;
            continue;
        }
        write_changes(tx, m.worker_id, &m.changes, &now).map_err(|e| at_row(m.row, e))?;
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
                bulk.insert(campaign_id, to_input(amb.record.clone()))
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
                    write_changes(tx, *id, &m.changes, &now)?;
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
    Ok(())
}

/// Reads every row, places it ([`Reconciler::place`]) and, when new workers are to be added,
/// checks and encodes each new one and sends them on in chunks (stopping at the first that
/// fails its check, which is returned); freed here: the chunks already written.
fn place_rows(
    reader: &RecordReader<'_>,
    existing: &[reconcile::Existing],
    add_new: bool,
    send: &SyncSender<Placed>,
    written_chunks: &Receiver<Vec<(usize, store::ReadyWorker)>>,
) -> Result<(Reconciliation, Option<Error>)> {
    let mut placed = Reconciler::new(existing);
    let mut chunk = Vec::with_capacity(CHUNK);
    let mut invalid: Option<Error> = None;
    let mut writer_gone = false;
    for i in 0..reader.len() {
        let Some(rec) = reader.record(i)? else {
            continue;
        };
        let Some(new) = placed.place(rec) else {
            continue;
        };
        if !add_new || invalid.is_some() || writer_gone {
            continue;
        }
        let row = new.row;
        match store::ReadyWorker::new(to_input(new)) {
            Ok(w) => chunk.push((row, w)),
            Err(e) => invalid = Some(at_row(row, e)),
        }
        if chunk.len() == CHUNK || (invalid.is_some() && !chunk.is_empty()) {
            let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
            writer_gone = send.send(Placed::New(full)).is_err();
            while let Ok(written) = written_chunks.try_recv() {
                drop(written);
            }
        }
    }
    if !chunk.is_empty() && !writer_gone {
        let _ = send.send(Placed::New(chunk));
    }
    Ok((placed.finish(), invalid))
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

fn to_input(r: ImportedWorker) -> WorkerInput {
    WorkerInput {
        employee_id: r.employee_id,
        legal_name: r.legal_name,
        preferred_name: r.preferred_name,
        pronouns: r.pronouns,
        phones: r.phones,
        emails: r.emails,
        address: r.address,
        department: r.department,
        shift: r.shift,
        job_title: r.job_title,
        hire_date: r.hire_date,
        languages: r.languages,
        notes: r.notes,
        tags: r.tags,
        ..WorkerInput::default()
    }
}

/// The automatic mapping of a table (guesses only, no saved mapping).
pub fn mapping_for_table(table: &Table) -> ColumnMapping {
    super::mapping::guess_mapping(&table.headers)
}
