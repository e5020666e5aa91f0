//! Workers: add, edit, read, and the assessment, committee and card history.

use super::dates;
use super::model::{Assessment, CommitteeTerm, Worker, WorkerDetail, WorkerInput, WorkerStatus};
use crate::error::{Error, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::borrow::Cow;

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// A list as its JSON text (`[]` without building a string).
fn json_list(list: &[String]) -> Cow<'static, str> {
    if list.is_empty() {
        Cow::Borrowed("[]")
    } else {
        Cow::Owned(json(&list))
    }
}

/// Check and tidy a worker's fields before they are written.
pub fn validate(input: &WorkerInput) -> Result<WorkerInput> {
    validate_owned(input.clone())
}

/// [`validate`] on a worker the caller owns: tidied in place, so that fields already tidy (an
/// imported list's, 100,000 at a time) are not copied again.
pub fn validate_owned(mut w: WorkerInput) -> Result<WorkerInput> {
    trim_in_place(&mut w.legal_name);
    if w.legal_name.is_empty() {
        return Err(Error::InvalidInput("A worker needs a name.".into()));
    }
    for (name, value) in [
        ("legal name", &w.legal_name),
        ("notes", &w.notes),
        ("address", &w.address),
    ] {
        if value.len() > 100_000 {
            return Err(Error::InvalidInput(format!(
                "The {name} is too long (over 100,000 characters)."
            )));
        }
    }
    if let Some(id) = w.employee_id.as_mut() {
        trim_in_place(id);
    }
    if w.employee_id.as_deref() == Some("") {
        w.employee_id = None;
    }
    day_in_place("Hire date", &mut w.hire_date)?;
    day_in_place("Card signed", &mut w.card_signed_on)?;
    tidy_in_place(&mut w.phones);
    tidy_in_place(&mut w.emails);
    for e in &mut w.emails {
        if !e.is_ascii() || e.bytes().any(|b| b.is_ascii_uppercase()) {
            *e = e.to_lowercase();
        }
    }
    tidy_in_place(&mut w.tags);
    for s in [
        &mut w.preferred_name,
        &mut w.pronouns,
        &mut w.department,
        &mut w.shift,
        &mut w.job_title,
    ] {
        trim_in_place(s);
    }
    Ok(w)
}

fn trim_in_place(s: &mut String) {
    if s.trim().len() != s.len() {
        *s = s.trim().to_string();
    }
}

/// [`dates::day`] in place: a day already written `YYYY-MM-DD` is checked without being
/// parsed and formatted again.
fn day_in_place(field: &str, value: &mut Option<String>) -> Result<()> {
    if let Some(v) = value.as_deref() {
        let b = v.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && digits(0..4)
            && digits(5..7)
            && digits(8..10)
        {
            let num = |r: std::ops::Range<usize>| v[r].parse::<u32>().ok();
            if let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) {
                if NaiveDate::from_ymd_opt(y as i32, m, d).is_some() {
                    return Ok(());
                }
            }
        }
    }
    *value = dates::day(field, value.as_deref())?;
    Ok(())
}

fn tidy(list: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in list.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !out.iter().any(|o| o == s) {
            out.push(s.to_string());
        }
    }
    out
}

/// [`tidy`] in place: a list already trimmed, without empty or repeated entries, is kept.
fn tidy_in_place(list: &mut Vec<String>) {
    let tidy_already = list
        .iter()
        .enumerate()
        .all(|(i, s)| !s.is_empty() && s.trim().len() == s.len() && !list[..i].contains(s));
    if !tidy_already {
        *list = tidy(list);
    }
}

/// Insert a worker (inside the caller's transaction or connection).
pub fn insert(conn: &Connection, campaign_id: i64, input: &WorkerInput) -> Result<i64> {
    let w = validate(input)?;
    let now = dates::now();
    let mut stmt = conn.prepare_cached(INSERT_SQL)?;
    execute_with_fields(&mut stmt, campaign_id, &w, &now)?;
    Ok(conn.last_insert_rowid())
}

const INSERT_SQL: &str = "INSERT INTO worker (campaign_id, employee_id, legal_name, preferred_name, pronouns, phones, emails, address,
            department, shift, job_title, hire_date, languages, notes, tags, custom, is_supervisor, card_signed_on,
            status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?20)";

/// Run an INSERT or UPDATE of the worker's fields: `?1` is the campaign id (insert) or the
/// worker id (update), `?2`…`?19` the fields in column order, `?20` the time.
fn execute_with_fields(
    stmt: &mut rusqlite::Statement<'_>,
    key: i64,
    w: &WorkerInput,
    now: &str,
) -> rusqlite::Result<usize> {
    execute_encoded(stmt, key, w, &Encoded::of(w), now)
}

/// A worker's lists and custom fields as the JSON text their columns hold.
struct Encoded {
    phones: Cow<'static, str>,
    emails: Cow<'static, str>,
    tags: Cow<'static, str>,
    custom: Cow<'static, str>,
}

impl Encoded {
    fn of(w: &WorkerInput) -> Self {
        Encoded {
            phones: json_list(&w.phones),
            emails: json_list(&w.emails),
            tags: json_list(&w.tags),
            custom: if w.custom.is_empty() {
                Cow::Borrowed("{}")
            } else {
                Cow::Owned(json(&w.custom))
            },
        }
    }
}

fn execute_encoded(
    stmt: &mut rusqlite::Statement<'_>,
    key: i64,
    w: &WorkerInput,
    e: &Encoded,
    now: &str,
) -> rusqlite::Result<usize> {
    stmt.execute(params![
        key,
        w.employee_id,
        w.legal_name,
        w.preferred_name,
        w.pronouns,
        e.phones,
        e.emails,
        w.address,
        w.department,
        w.shift,
        w.job_title,
        w.hire_date,
        w.languages,
        w.notes,
        e.tags,
        e.custom,
        w.is_supervisor,
        w.card_signed_on,
        w.status.as_str(),
        now
    ])
}

/// A worker checked ([`validate_owned`]) and encoded for [`BulkInsert::insert_ready`]: the
/// part of an insert that needs no connection, done on whichever thread the caller likes (an
/// import does it on the thread that reads the rows, while another writes them).
pub struct ReadyWorker {
    fields: WorkerInput,
    encoded: Encoded,
}

impl ReadyWorker {
    pub fn new(input: WorkerInput) -> Result<ReadyWorker> {
        let fields = validate_owned(input)?;
        let encoded = Encoded::of(&fields);
        Ok(ReadyWorker { fields, encoded })
    }
}

/// Bulk mode for inserting many workers in one transaction (an import): the per-row search
/// trigger is set aside and the new workers' search rows are written in one statement at the end
/// — four times faster. The trigger's own SQL is kept and re-created, inside the same
/// transaction, so a rollback restores everything. [`BulkInsert::insert`] writes each worker
/// through one prepared statement with the import's one time as `created_at`.
///
/// When the rows coming are at least as many as the table holds (a first import), the worker
/// table's secondary indexes are also set aside and built again, sorted, at the end: cheaper
/// than growing them row by row, and their pages come out full (fewer pages to encrypt and
/// write). Also inside the transaction; never for a UNIQUE index, whose check must happen row
/// by row.
pub struct BulkInsert<'conn> {
    conn: &'conn Connection,
    insert: rusqlite::Statement<'conn>,
    now: String,
    after_id: i64,
    trigger_sql: String,
    /// `CREATE INDEX` statements of the indexes set aside.
    index_sql: Vec<String>,
}

/// Starts bulk mode for about `rows` new workers.
pub fn begin_bulk_insert<'conn>(
    tx: &'conn rusqlite::Transaction<'_>,
    rows: usize,
) -> Result<BulkInsert<'conn>> {
    let trigger_sql: String = tx.query_row(
        "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'worker_fts_ai'",
        [],
        |r| r.get(0),
    )?;
    tx.execute_batch("DROP TRIGGER worker_fts_ai;")?;
    let (after_id, span): (i64, i64) = tx.query_row(
        "SELECT coalesce(max(id), 0), coalesce(max(id) - min(id) + 1, 0) FROM worker",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    // `span` bounds the number of workers from above (ids may have gaps), cheaply.
    let mut index_sql = Vec::new();
    if rows as i64 >= span {
        let indexes: Vec<(String, String)> = tx
            .prepare(
                "SELECT name, sql FROM sqlite_schema
                 WHERE type = 'index' AND tbl_name = 'worker' AND sql IS NOT NULL ORDER BY name",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let unique = |sql: &str| {
            sql.split_whitespace()
                .take(2)
                .any(|w| w.eq_ignore_ascii_case("unique"))
        };
        if !indexes.iter().any(|(_, sql)| unique(sql)) {
            for (name, sql) in indexes {
                tx.execute_batch(&format!("DROP INDEX \"{}\";", name.replace('"', "\"\"")))?;
                index_sql.push(sql);
            }
        }
    }
    Ok(BulkInsert {
        conn: tx,
        insert: tx.prepare(INSERT_SQL)?,
        now: dates::now(),
        after_id,
        trigger_sql,
        index_sql,
    })
}

impl BulkInsert<'_> {
    /// [`insert`] of a worker the caller hands over (tidied in place by [`validate_owned`]).
    pub fn insert(&mut self, campaign_id: i64, input: WorkerInput) -> Result<i64> {
        self.insert_ready(campaign_id, &ReadyWorker::new(input)?)
    }

    /// [`insert`] of a worker already checked and encoded.
    pub fn insert_ready(&mut self, campaign_id: i64, w: &ReadyWorker) -> Result<i64> {
        execute_encoded(
            &mut self.insert,
            campaign_id,
            &w.fields,
            &w.encoded,
            &self.now,
        )?;
        Ok(self.conn.last_insert_rowid())
    }
}

/// Index the workers inserted since [`begin_bulk_insert`] and put the trigger back.
pub fn end_bulk_insert(tx: &rusqlite::Transaction<'_>, bulk: BulkInsert<'_>) -> Result<()> {
    let BulkInsert {
        insert,
        after_id,
        trigger_sql,
        index_sql,
        ..
    } = bulk;
    drop(insert);
    for sql in &index_sql {
        tx.execute_batch(sql)?;
    }
    // The same text as the `worker_fts_ai` trigger writes.
    tx.execute(
        "INSERT INTO worker_fts (rowid, names, notes, talk)
         SELECT id, legal_name || ' ' || preferred_name || ' ' || coalesce(employee_id, ''),
                notes || ' ' || job_title || ' ' || tags, ''
         FROM worker WHERE id > ?1",
        [after_id],
    )?;
    tx.execute_batch(&trigger_sql)?;
    Ok(())
}

pub fn update(conn: &Connection, id: i64, input: &WorkerInput) -> Result<()> {
    let w = validate(input)?;
    let mut stmt = conn.prepare_cached(
        "UPDATE worker SET employee_id = ?2, legal_name = ?3, preferred_name = ?4, pronouns = ?5, phones = ?6, emails = ?7,
            address = ?8, department = ?9, shift = ?10, job_title = ?11, hire_date = ?12, languages = ?13, notes = ?14,
            tags = ?15, custom = ?16, is_supervisor = ?17, card_signed_on = ?18, status = ?19, updated_at = ?20
         WHERE id = ?1",
    )?;
    let n = execute_with_fields(&mut stmt, id, &w, &dates::now())?;
    if n == 0 {
        return Err(not_found(id));
    }
    Ok(())
}

/// Move a worker to another department and shift (a drag on the wall chart).
pub fn move_to(conn: &Connection, id: i64, department: &str, shift: &str) -> Result<()> {
    let n = conn.execute(
        "UPDATE worker SET department = ?2, shift = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, department.trim(), shift.trim(), dates::now()],
    )?;
    if n == 0 {
        return Err(not_found(id));
    }
    Ok(())
}

pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    if conn.execute("DELETE FROM worker WHERE id = ?1", [id])? == 0 {
        return Err(not_found(id));
    }
    Ok(())
}

pub fn not_found(id: i64) -> Error {
    Error::InvalidInput(format!("There is no worker {id} in this vault."))
}

const WORKER_COLUMNS: &str = "w.id, w.campaign_id, w.employee_id, w.legal_name, w.preferred_name, w.pronouns, w.phones,
    w.emails, w.address, w.department, w.shift, w.job_title, w.hire_date, w.languages, w.notes, w.tags, w.custom,
    w.is_supervisor, w.card_signed_on, w.status, w.assessment, w.updated_at, c.card_stale_days, c.employer_domains";

fn worker_from_row(r: &Row<'_>, today: NaiveDate) -> rusqlite::Result<Worker> {
    let parse = |i: usize| -> rusqlite::Result<Vec<String>> {
        Ok(serde_json::from_str(&r.get::<_, String>(i)?).unwrap_or_default())
    };
    let card_signed_on: Option<String> = r.get(18)?;
    let stale_days: i64 = r.get(22)?;
    let domains: Vec<String> = parse(23)?;
    let emails = parse(7)?;
    let work_emails = emails
        .iter()
        .filter(|e| {
            domains.iter().any(|d| {
                e.rsplit_once('@')
                    .is_some_and(|(_, host)| host == d || host.ends_with(&format!(".{d}")))
            })
        })
        .cloned()
        .collect();
    Ok(Worker {
        id: r.get(0)?,
        campaign_id: r.get(1)?,
        fields: WorkerInput {
            employee_id: r.get(2)?,
            legal_name: r.get(3)?,
            preferred_name: r.get(4)?,
            pronouns: r.get(5)?,
            phones: parse(6)?,
            emails,
            address: r.get(8)?,
            department: r.get(9)?,
            shift: r.get(10)?,
            job_title: r.get(11)?,
            hire_date: r.get(12)?,
            languages: r.get(13)?,
            notes: r.get(14)?,
            tags: parse(15)?,
            custom: serde_json::from_str(&r.get::<_, String>(16)?).unwrap_or_default(),
            is_supervisor: r.get(17)?,
            card_signed_on: card_signed_on.clone(),
            status: WorkerStatus::parse(&r.get::<_, String>(19)?).unwrap_or_default(),
        },
        assessment: r.get(20)?,
        committee: false,
        card_stale: is_stale(card_signed_on.as_deref(), stale_days, today),
        work_emails,
        updated_at: r.get(21)?,
    })
}

/// A card signed more than `stale_days` before `today`.
pub fn is_stale(signed_on: Option<&str>, stale_days: i64, today: NaiveDate) -> bool {
    signed_on
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .is_some_and(|d| (today - d).num_days() > stale_days)
}

pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> Result<Worker> {
    let sql = format!("SELECT {WORKER_COLUMNS} FROM worker w JOIN campaign c ON c.id = w.campaign_id WHERE w.id = ?1");
    let mut worker = conn
        .query_row(&sql, [id], |r| worker_from_row(r, today))
        .optional()?
        .ok_or_else(|| not_found(id))?;
    worker.committee = on_committee(conn, id, today)?;
    Ok(worker)
}

pub fn on_committee(conn: &Connection, id: i64, today: NaiveDate) -> Result<bool> {
    let t = dates::fmt(today);
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM committee_term WHERE worker_id = ?1 AND from_date <= ?2 AND (to_date IS NULL OR to_date >= ?2))",
        params![id, t],
        |r| r.get(0),
    )?)
}

pub fn detail(conn: &Connection, id: i64, today: NaiveDate) -> Result<WorkerDetail> {
    let worker = get(conn, id, today)?;
    Ok(WorkerDetail {
        worker,
        assessments: assessments(conn, id)?,
        conversations: super::conversation::for_worker(conn, id)?,
        committee_terms: committee_terms(conn, id)?,
    })
}

/// Record an assessment (0 clears it). The current value follows the latest entry.
pub fn assess(
    conn: &Connection,
    worker_id: i64,
    value: u8,
    assessed_by: &str,
    reason: &str,
    conversation_id: Option<i64>,
) -> Result<Assessment> {
    if value > 5 {
        return Err(Error::InvalidInput(
            "An assessment is 1–5 (or 0 to clear it).".into(),
        ));
    }
    let at = dates::now();
    let n = conn
        .prepare_cached(
            "INSERT INTO assessment (worker_id, value, assessed_at, assessed_by, reason, conversation_id)
             SELECT id, ?2, ?3, ?4, ?5, ?6 FROM worker WHERE id = ?1",
        )?
        .execute(params![worker_id, value, at, assessed_by.trim(), reason.trim(), conversation_id])?;
    if n == 0 {
        return Err(not_found(worker_id));
    }
    Ok(Assessment {
        id: conn.last_insert_rowid(),
        worker_id,
        value,
        assessed_at: at,
        assessed_by: assessed_by.trim().to_string(),
        reason: reason.trim().to_string(),
        conversation_id,
    })
}

pub fn assessments(conn: &Connection, worker_id: i64) -> Result<Vec<Assessment>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, worker_id, value, assessed_at, assessed_by, reason, conversation_id FROM assessment
         WHERE worker_id = ?1 ORDER BY assessed_at DESC, id DESC",
    )?;
    let rows = stmt.query_map([worker_id], |r| {
        Ok(Assessment {
            id: r.get(0)?,
            worker_id: r.get(1)?,
            value: r.get(2)?,
            assessed_at: r.get(3)?,
            assessed_by: r.get(4)?,
            reason: r.get(5)?,
            conversation_id: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Put a worker on the committee from `from` (YYYY-MM-DD).
pub fn join_committee(conn: &Connection, worker_id: i64, from: &str) -> Result<CommitteeTerm> {
    let from = dates::day("Committee from", Some(from))?
        .ok_or_else(|| Error::InvalidInput("Committee from: a date is required.".into()))?;
    conn.execute(
        "INSERT INTO committee_term (worker_id, from_date) SELECT id, ?2 FROM worker WHERE id = ?1",
        params![worker_id, from],
    )?;
    if conn.changes() == 0 {
        return Err(not_found(worker_id));
    }
    Ok(CommitteeTerm {
        id: conn.last_insert_rowid(),
        worker_id,
        from_date: from,
        to_date: None,
    })
}

/// End every open committee term of a worker on `to` (YYYY-MM-DD).
pub fn leave_committee(conn: &Connection, worker_id: i64, to: &str) -> Result<()> {
    let to = dates::day("Committee to", Some(to))?;
    conn.execute(
        "UPDATE committee_term SET to_date = ?2 WHERE worker_id = ?1 AND to_date IS NULL",
        params![worker_id, to],
    )?;
    Ok(())
}

pub fn committee_terms(conn: &Connection, worker_id: i64) -> Result<Vec<CommitteeTerm>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, worker_id, from_date, to_date FROM committee_term WHERE worker_id = ?1 ORDER BY from_date",
    )?;
    let rows = stmt.query_map([worker_id], |r| {
        Ok(CommitteeTerm {
            id: r.get(0)?,
            worker_id: r.get(1)?,
            from_date: r.get(2)?,
            to_date: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Record (or clear, with `None`) the day a worker signed a card.
pub fn set_card(conn: &Connection, worker_id: i64, signed_on: Option<&str>) -> Result<()> {
    let d = dates::day("Card signed", signed_on)?;
    if conn.execute(
        "UPDATE worker SET card_signed_on = ?2, updated_at = ?3 WHERE id = ?1",
        params![worker_id, d, dates::now()],
    )? == 0
    {
        return Err(not_found(worker_id));
    }
    Ok(())
}
