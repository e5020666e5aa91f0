//! Tasks: who does what by when, tied to a worker, an action or a milestone.

use super::model::{PlanTask, TaskInput};
use super::{ladder, milestones};
use crate::error::{Error, Result};
use crate::workers::{campaign, dates, store};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str =
    "id, campaign_id, title, owner, owner_worker_id, due_on, done_on, worker_id, action_id,
    milestone_id, notes, created_at, updated_at";

struct Validated {
    title: String,
    owner: String,
    owner_worker_id: Option<i64>,
    due_on: Option<String>,
    worker_id: Option<i64>,
    action_id: Option<i64>,
    milestone_id: Option<i64>,
    notes: String,
}

fn worker_in(conn: &Connection, campaign_id: i64, id: i64) -> Result<String> {
    let row: Option<(i64, String)> = conn
        .query_row(
            "SELECT campaign_id, CASE WHEN preferred_name <> '' THEN preferred_name ELSE legal_name END
             FROM worker WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match row {
        None => Err(store::not_found(id)),
        Some((c, _)) if c != campaign_id => Err(Error::InvalidInput(format!(
            "Worker {id} belongs to another campaign."
        ))),
        Some((_, name)) => Ok(name),
    }
}

fn validate(conn: &Connection, campaign_id: i64, input: &TaskInput) -> Result<Validated> {
    let title = input.title.trim().to_string();
    if title.is_empty() {
        return Err(Error::InvalidInput("A task needs a title.".into()));
    }
    if title.chars().count() > 300 {
        return Err(Error::InvalidInput(
            "A task's title is at most 300 characters; put the rest in the notes.".into(),
        ));
    }
    let due_on = dates::day("Due", input.due_on.as_deref())?;
    let mut owner = input.owner.trim().to_string();
    if let Some(o) = input.owner_worker_id {
        let name = worker_in(conn, campaign_id, o)?;
        if owner.is_empty() {
            owner = name;
        }
    }
    if let Some(w) = input.worker_id {
        worker_in(conn, campaign_id, w)?;
    }
    if let Some(a) = input.action_id {
        if ladder::campaign_of(conn, a)? != campaign_id {
            return Err(Error::InvalidInput(format!(
                "Action {a} belongs to another campaign."
            )));
        }
    }
    if let Some(m) = input.milestone_id {
        if milestones::campaign_of(conn, m)? != campaign_id {
            return Err(Error::InvalidInput(format!(
                "Milestone {m} belongs to another campaign."
            )));
        }
    }
    Ok(Validated {
        title,
        owner,
        owner_worker_id: input.owner_worker_id,
        due_on,
        worker_id: input.worker_id,
        action_id: input.action_id,
        milestone_id: input.milestone_id,
        notes: input.notes.trim().to_string(),
    })
}

pub fn create(conn: &Connection, campaign_id: i64, input: &TaskInput) -> Result<i64> {
    campaign::get(conn, campaign_id)?;
    let v = validate(conn, campaign_id, input)?;
    let now = dates::now();
    conn.execute(
        "INSERT INTO plan_task (campaign_id, title, owner, owner_worker_id, due_on, worker_id, action_id, milestone_id,
            notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            campaign_id,
            v.title,
            v.owner,
            v.owner_worker_id,
            v.due_on,
            v.worker_id,
            v.action_id,
            v.milestone_id,
            v.notes,
            now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update(conn: &Connection, id: i64, input: &TaskInput) -> Result<()> {
    let campaign_id = campaign_of(conn, id)?;
    let v = validate(conn, campaign_id, input)?;
    conn.execute(
        "UPDATE plan_task SET title = ?2, owner = ?3, owner_worker_id = ?4, due_on = ?5, worker_id = ?6, action_id = ?7,
                milestone_id = ?8, notes = ?9, updated_at = ?10 WHERE id = ?1",
        params![
            id,
            v.title,
            v.owner,
            v.owner_worker_id,
            v.due_on,
            v.worker_id,
            v.action_id,
            v.milestone_id,
            v.notes,
            dates::now()
        ],
    )?;
    Ok(())
}

/// Mark a task done today, or open again.
pub fn set_done(conn: &Connection, id: i64, done: bool, today: NaiveDate) -> Result<()> {
    campaign_of(conn, id)?;
    conn.execute(
        "UPDATE plan_task SET done_on = CASE WHEN ?2 THEN coalesce(done_on, ?3) ELSE NULL END, updated_at = ?4
         WHERE id = ?1",
        params![id, done, dates::fmt(today), dates::now()],
    )?;
    Ok(())
}

pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    if conn.execute("DELETE FROM plan_task WHERE id = ?1", [id])? == 0 {
        return Err(not_found(id));
    }
    Ok(())
}

pub fn not_found(id: i64) -> Error {
    Error::InvalidInput(format!("There is no task {id} in this vault."))
}

fn campaign_of(conn: &Connection, id: i64) -> Result<i64> {
    conn.query_row(
        "SELECT campaign_id FROM plan_task WHERE id = ?1",
        [id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| not_found(id))
}

fn from_row(r: &Row<'_>, today: &str) -> rusqlite::Result<PlanTask> {
    let due_on: Option<String> = r.get(5)?;
    let done_on: Option<String> = r.get(6)?;
    Ok(PlanTask {
        id: r.get(0)?,
        campaign_id: r.get(1)?,
        title: r.get(2)?,
        owner: r.get(3)?,
        owner_worker_id: r.get(4)?,
        overdue: done_on.is_none() && due_on.as_deref().is_some_and(|d| d < today),
        due_on,
        done_on,
        worker_id: r.get(7)?,
        action_id: r.get(8)?,
        milestone_id: r.get(9)?,
        notes: r.get(10)?,
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
    })
}

/// The campaign's tasks: open ones by due day (undated last), then done ones, latest first.
pub fn list(conn: &Connection, campaign_id: i64, today: NaiveDate) -> Result<Vec<PlanTask>> {
    let today = dates::fmt(today);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM plan_task WHERE campaign_id = ?1
         ORDER BY done_on IS NOT NULL, CASE WHEN done_on IS NULL THEN due_on IS NULL END,
                  CASE WHEN done_on IS NULL THEN due_on END, done_on DESC, id"
    ))?;
    let rows = stmt.query_map([campaign_id], |r| from_row(r, &today))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> Result<PlanTask> {
    let today = dates::fmt(today);
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM plan_task WHERE id = ?1"),
        [id],
        |r| from_row(r, &today),
    )
    .optional()?
    .ok_or_else(|| not_found(id))
}
