//! Milestones on the campaign's timeline (committee formed, majority assessed, petition filed,
//! election…), each with a target day and the goals it requires.

use super::model::{Goal, GoalKind, Milestone, MilestoneInput, MilestoneKind, Requirement};
use crate::error::{Error, Result};
use crate::workers::{campaign, dates};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str =
    "id, campaign_id, kind, title, target_on, done_on, requires, notes, created_at, updated_at";

struct Validated {
    kind: MilestoneKind,
    title: String,
    target_on: Option<String>,
    done_on: Option<String>,
    requires: Vec<GoalKind>,
    notes: String,
}

fn validate(input: &MilestoneInput, today: NaiveDate) -> Result<Validated> {
    let title = input.title.trim().to_string();
    if title.is_empty() {
        return Err(Error::InvalidInput("A milestone needs a title.".into()));
    }
    if title.chars().count() > 200 {
        return Err(Error::InvalidInput(
            "A milestone's title is at most 200 characters; put the rest in the notes.".into(),
        ));
    }
    let target_on = dates::day("Target date", input.target_on.as_deref())?;
    let done_on = dates::day("Reached on", input.done_on.as_deref())?;
    if done_on
        .as_deref()
        .is_some_and(|d| d > dates::fmt(today).as_str())
    {
        return Err(Error::InvalidInput(
            "A milestone cannot be reached in the future: leave \"reached on\" empty until it is."
                .into(),
        ));
    }
    let mut requires = input
        .requires
        .clone()
        .unwrap_or_else(|| input.kind.default_requires());
    requires.sort();
    requires.dedup();
    Ok(Validated {
        kind: input.kind,
        title,
        target_on,
        done_on,
        requires,
        notes: input.notes.trim().to_string(),
    })
}

pub fn create(
    conn: &Connection,
    campaign_id: i64,
    input: &MilestoneInput,
    today: NaiveDate,
) -> Result<i64> {
    campaign::get(conn, campaign_id)?;
    let v = validate(input, today)?;
    let now = dates::now();
    conn.execute(
        "INSERT INTO plan_milestone (campaign_id, kind, title, target_on, done_on, requires, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![
            campaign_id,
            v.kind.as_str(),
            v.title,
            v.target_on,
            v.done_on,
            requires_json(&v.requires),
            v.notes,
            now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update(conn: &Connection, id: i64, input: &MilestoneInput, today: NaiveDate) -> Result<()> {
    let v = validate(input, today)?;
    let n = conn.execute(
        "UPDATE plan_milestone SET kind = ?2, title = ?3, target_on = ?4, done_on = ?5, requires = ?6, notes = ?7,
                updated_at = ?8 WHERE id = ?1",
        params![
            id,
            v.kind.as_str(),
            v.title,
            v.target_on,
            v.done_on,
            requires_json(&v.requires),
            v.notes,
            dates::now()
        ],
    )?;
    if n == 0 {
        return Err(not_found(id));
    }
    Ok(())
}

pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    if conn.execute("DELETE FROM plan_milestone WHERE id = ?1", [id])? == 0 {
        return Err(not_found(id));
    }
    Ok(())
}

pub fn not_found(id: i64) -> Error {
    Error::InvalidInput(format!("There is no milestone {id} in this vault."))
}

fn requires_json(r: &[GoalKind]) -> String {
    serde_json::to_string(r).unwrap_or_else(|_| "[]".into())
}

/// The milestone's campaign (to check a link from an action or task stays within one campaign).
pub fn campaign_of(conn: &Connection, id: i64) -> Result<i64> {
    conn.query_row(
        "SELECT campaign_id FROM plan_milestone WHERE id = ?1",
        [id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| not_found(id))
}

struct Stored {
    id: i64,
    campaign_id: i64,
    kind: MilestoneKind,
    title: String,
    target_on: Option<String>,
    done_on: Option<String>,
    requires: Vec<GoalKind>,
    notes: String,
    created_at: String,
    updated_at: String,
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Stored> {
    Ok(Stored {
        id: r.get(0)?,
        campaign_id: r.get(1)?,
        kind: MilestoneKind::parse(&r.get::<_, String>(2)?).unwrap_or_default(),
        title: r.get(3)?,
        target_on: r.get(4)?,
        done_on: r.get(5)?,
        requires: serde_json::from_str(&r.get::<_, String>(6)?).unwrap_or_default(),
        notes: r.get(7)?,
        created_at: r.get(8)?,
        updated_at: r.get(9)?,
    })
}

fn finish(s: Stored, goals: &[Goal], today: NaiveDate) -> Milestone {
    let requires: Vec<Requirement> = s
        .requires
        .iter()
        .filter_map(|k| goals.iter().find(|g| g.kind == *k))
        .map(|g| Requirement {
            goal: g.kind,
            met: g.unit.met,
            counted: g.unit.counted.count,
            needed: g.unit.needed,
        })
        .collect();
    let today_s = dates::fmt(today);
    Milestone {
        id: s.id,
        campaign_id: s.campaign_id,
        kind: s.kind,
        ready: requires.iter().all(|r| r.met),
        overdue: s.done_on.is_none()
            && s.target_on.as_deref().is_some_and(|t| t < today_s.as_str()),
        requires,
        title: s.title,
        target_on: s.target_on,
        done_on: s.done_on,
        notes: s.notes,
        created_at: s.created_at,
        updated_at: s.updated_at,
    }
}

/// The campaign's milestones by target day (undated last), with their requirements against
/// `goals` (today's).
pub fn list(
    conn: &Connection,
    campaign_id: i64,
    goals: &[Goal],
    today: NaiveDate,
) -> Result<Vec<Milestone>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM plan_milestone WHERE campaign_id = ?1
         ORDER BY target_on IS NULL, target_on, id"
    ))?;
    let rows = stmt.query_map([campaign_id], from_row)?;
    let stored: Vec<Stored> = rows.collect::<rusqlite::Result<_>>()?;
    Ok(stored
        .into_iter()
        .map(|s| finish(s, goals, today))
        .collect())
}

pub fn get(conn: &Connection, id: i64, goals: &[Goal], today: NaiveDate) -> Result<Milestone> {
    let s = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM plan_milestone WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?
        .ok_or_else(|| not_found(id))?;
    Ok(finish(s, goals, today))
}
