//! 1-on-1 conversations and the follow-ups they set.

use super::dates;
use super::model::{Conversation, ConversationInput, FollowUp};
use super::store;
use crate::error::{Error, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection, Row};

/// Log a conversation; a new assessment given with it is recorded in the same transaction.
pub fn log(
    conn: &mut Connection,
    worker_id: i64,
    input: &ConversationInput,
) -> Result<Conversation> {
    let held_on = dates::day_or_instant("Date", &input.held_on)?;
    let follow_up_on = dates::day("Follow-up", input.follow_up_on.as_deref())?;
    if matches!(input.assessment_after, Some(v) if !(1..=5).contains(&v)) {
        return Err(Error::InvalidInput("An assessment is 1–5.".into()));
    }
    let tx = conn.transaction()?;
    let before: Option<Option<u8>> = tx
        .query_row(
            "SELECT assessment FROM worker WHERE id = ?1",
            [worker_id],
            |r| r.get(0),
        )
        .map(Some)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })?;
    let before = before.ok_or_else(|| store::not_found(worker_id))?;
    let created_at = dates::now();
    tx.execute(
        "INSERT INTO conversation (worker_id, held_on, organizer, place, issues, ask, answer, assessment_before,
            assessment_after, next_step, follow_up_on, notes, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            worker_id,
            held_on,
            input.organizer.trim(),
            input.place.trim(),
            serde_json::to_string(&input.issues).unwrap_or_default(),
            input.ask.trim(),
            input.answer.trim(),
            before,
            input.assessment_after,
            input.next_step.trim(),
            follow_up_on,
            input.notes.trim(),
            created_at
        ],
    )?;
    let id = tx.last_insert_rowid();
    if let Some(after) = input.assessment_after {
        store::assess(&tx, worker_id, after, &input.organizer, "1-on-1", Some(id))?;
    }
    tx.commit()?;
    let mut fields = input.clone();
    fields.held_on = held_on;
    fields.follow_up_on = follow_up_on;
    Ok(Conversation {
        id,
        worker_id,
        fields,
        assessment_before: before,
        follow_up_done: false,
        created_at,
    })
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Conversation> {
    Ok(Conversation {
        id: r.get(0)?,
        worker_id: r.get(1)?,
        fields: ConversationInput {
            held_on: r.get(2)?,
            organizer: r.get(3)?,
            place: r.get(4)?,
            issues: serde_json::from_str(&r.get::<_, String>(5)?).unwrap_or_default(),
            ask: r.get(6)?,
            answer: r.get(7)?,
            assessment_after: r.get(9)?,
            next_step: r.get(10)?,
            follow_up_on: r.get(11)?,
            notes: r.get(13)?,
        },
        assessment_before: r.get(8)?,
        follow_up_done: r.get(12)?,
        created_at: r.get(14)?,
    })
}

const COLUMNS: &str = "id, worker_id, held_on, organizer, place, issues, ask, answer, assessment_before, assessment_after,
    next_step, follow_up_on, follow_up_done, notes, created_at";

pub fn for_worker(conn: &Connection, worker_id: i64) -> Result<Vec<Conversation>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM conversation WHERE worker_id = ?1 ORDER BY held_on DESC, id DESC"
    ))?;
    let rows = stmt.query_map([worker_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Mark a follow-up done (or open again).
pub fn set_follow_up_done(conn: &Connection, conversation_id: i64, done: bool) -> Result<()> {
    if conn.execute(
        "UPDATE conversation SET follow_up_done = ?2 WHERE id = ?1",
        params![conversation_id, done],
    )? == 0
    {
        return Err(Error::InvalidInput(format!(
            "There is no conversation {conversation_id}."
        )));
    }
    Ok(())
}

/// Open follow-ups due up to `until` (inclusive), overdue first, optionally for one organizer.
pub fn follow_ups(
    conn: &Connection,
    campaign_id: i64,
    today: NaiveDate,
    until: NaiveDate,
    organizer: Option<&str>,
) -> Result<Vec<FollowUp>> {
    let today_s = dates::fmt(today);
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, w.id, CASE WHEN w.preferred_name <> '' THEN w.preferred_name ELSE w.legal_name END,
                w.department, w.shift, c.organizer, c.next_step, c.follow_up_on
         FROM conversation c JOIN worker w ON w.id = c.worker_id
         WHERE w.campaign_id = ?1 AND c.follow_up_done = 0 AND c.follow_up_on IS NOT NULL AND c.follow_up_on <= ?2
           AND w.status = 'active' AND (?3 IS NULL OR c.organizer = ?3)
         ORDER BY c.follow_up_on, w.legal_name",
    )?;
    let rows = stmt.query_map(params![campaign_id, dates::fmt(until), organizer], |r| {
        let due_on: String = r.get(7)?;
        Ok(FollowUp {
            conversation_id: r.get(0)?,
            worker_id: r.get(1)?,
            worker_name: r.get(2)?,
            department: r.get(3)?,
            shift: r.get(4)?,
            organizer: r.get(5)?,
            next_step: r.get(6)?,
            overdue: due_on < today_s,
            due_on,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
