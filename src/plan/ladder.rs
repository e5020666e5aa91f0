//! The escalation ladder: collective actions (petition, button day, delegation, march on the
//! boss, strike vote…), each a structure test of who was asked, who committed and who took part;
//! and the reassessments that participation suggests.
//!
//! Suggestions are never applied by themselves: the organizer accepts one (a normal assessment
//! entry is written, with the reason) or dismisses it. The rules, over participation recorded at or
//! after the worker's latest assessment (instants to the second):
//! - took part in [`TOOK_PART_MIN`] or more actions and assessed 3–5 or unassessed → one step toward
//!   the union (3 → 2; unassessed → 2);
//! - asked and declined [`DECLINED_MIN`] or more actions and assessed 1–2 → one step away (2 → 3).

use super::model::{
    ActionFunnel, ActionInput, ActionKind, ActionStatus, AssessmentSuggestion, Participation,
    ParticipationInput, ParticipationStatus, PlanAction, SuggestionKind, WorkerFigure, WorkerRef,
};
use super::{milestones, thresholds};
use crate::error::{Error, Result};
use crate::workers::{campaign, dates, store, Assessment};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::collections::HashMap;

/// Actions taken part in that suggest a step toward the union.
pub const TOOK_PART_MIN: usize = 2;
/// Actions declined that suggest a step away.
pub const DECLINED_MIN: usize = 2;

const COLUMNS: &str =
    "id, campaign_id, kind, title, step, planned_on, held_on, status, target_count, target_percent,
    milestone_id, notes, created_at, updated_at";

struct Validated {
    kind: ActionKind,
    title: String,
    step: Option<u32>,
    planned_on: Option<String>,
    held_on: Option<String>,
    status: ActionStatus,
    target_count: Option<u32>,
    target_percent: Option<u32>,
    milestone_id: Option<i64>,
    notes: String,
}

fn validate(
    conn: &Connection,
    campaign_id: i64,
    input: &ActionInput,
    today: NaiveDate,
) -> Result<Validated> {
    let title = input.title.trim().to_string();
    if title.is_empty() {
        return Err(Error::InvalidInput("An action needs a title.".into()));
    }
    if title.chars().count() > 200 {
        return Err(Error::InvalidInput(
            "An action's title is at most 200 characters; put the rest in the notes.".into(),
        ));
    }
    if input.step == Some(0) {
        return Err(Error::InvalidInput(
            "Steps on the ladder count from 1.".into(),
        ));
    }
    let planned_on = dates::day("Planned for", input.planned_on.as_deref())?;
    let mut held_on = dates::day("Held on", input.held_on.as_deref())?;
    let today_s = dates::fmt(today);
    if held_on.as_deref().is_some_and(|h| h > today_s.as_str()) {
        return Err(Error::InvalidInput(
            "An action cannot have been held in the future: set the day it is planned for instead."
                .into(),
        ));
    }
    if input.status == ActionStatus::Done && held_on.is_none() {
        match &planned_on {
            Some(p) if p.as_str() <= today_s.as_str() => held_on = Some(p.clone()),
            _ => {
                return Err(Error::InvalidInput(
                    "A done action needs the day it was held (today or earlier).".into(),
                ))
            }
        }
    }
    if input.target_count.is_some() && input.target_percent.is_some() {
        return Err(Error::InvalidInput(
            "Give the participation target as a number of workers or as a share of the unit, not both."
                .into(),
        ));
    }
    if matches!(input.target_percent, Some(p) if !(1..=100).contains(&p)) {
        return Err(Error::InvalidInput(
            "A participation target share is between 1% and 100% of the unit.".into(),
        ));
    }
    if let Some(m) = input.milestone_id {
        if milestones::campaign_of(conn, m)? != campaign_id {
            return Err(Error::InvalidInput(format!(
                "Milestone {m} belongs to another campaign."
            )));
        }
    }
    Ok(Validated {
        kind: input.kind,
        title,
        step: input.step,
        planned_on,
        held_on,
        status: input.status,
        target_count: input.target_count,
        target_percent: input.target_percent,
        milestone_id: input.milestone_id,
        notes: input.notes.trim().to_string(),
    })
}

pub fn create(
    conn: &Connection,
    campaign_id: i64,
    input: &ActionInput,
    today: NaiveDate,
) -> Result<i64> {
    campaign::get(conn, campaign_id)?;
    let v = validate(conn, campaign_id, input, today)?;
    let step = match v.step {
        Some(s) => s,
        None => conn.query_row(
            "SELECT coalesce(max(step), 0) + 1 FROM plan_action WHERE campaign_id = ?1",
            [campaign_id],
            |r| r.get(0),
        )?,
    };
    let now = dates::now();
    conn.execute(
        "INSERT INTO plan_action (campaign_id, kind, title, step, planned_on, held_on, status, target_count, target_percent,
            milestone_id, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        params![
            campaign_id,
            v.kind.as_str(),
            v.title,
            step,
            v.planned_on,
            v.held_on,
            v.status.as_str(),
            v.target_count,
            v.target_percent,
            v.milestone_id,
            v.notes,
            now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update(conn: &Connection, id: i64, input: &ActionInput, today: NaiveDate) -> Result<()> {
    let campaign_id = campaign_of(conn, id)?;
    let v = validate(conn, campaign_id, input, today)?;
    conn.execute(
        "UPDATE plan_action SET kind = ?2, title = ?3, step = coalesce(?4, step), planned_on = ?5, held_on = ?6,
                status = ?7, target_count = ?8, target_percent = ?9, milestone_id = ?10, notes = ?11, updated_at = ?12
         WHERE id = ?1",
        params![
            id,
            v.kind.as_str(),
            v.title,
            v.step,
            v.planned_on,
            v.held_on,
            v.status.as_str(),
            v.target_count,
            v.target_percent,
            v.milestone_id,
            v.notes,
            dates::now()
        ],
    )?;
    Ok(())
}

pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    if conn.execute("DELETE FROM plan_action WHERE id = ?1", [id])? == 0 {
        return Err(not_found(id));
    }
    Ok(())
}

pub fn not_found(id: i64) -> Error {
    Error::InvalidInput(format!("There is no action {id} in this vault."))
}

pub fn campaign_of(conn: &Connection, id: i64) -> Result<i64> {
    conn.query_row(
        "SELECT campaign_id FROM plan_action WHERE id = ?1",
        [id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| not_found(id))
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<PlanAction> {
    Ok(PlanAction {
        id: r.get(0)?,
        campaign_id: r.get(1)?,
        kind: ActionKind::parse(&r.get::<_, String>(2)?).unwrap_or_default(),
        title: r.get(3)?,
        step: r.get(4)?,
        planned_on: r.get(5)?,
        held_on: r.get(6)?,
        status: ActionStatus::parse(&r.get::<_, String>(7)?).unwrap_or_default(),
        target_count: r.get(8)?,
        target_percent: r.get(9)?,
        target: 0,
        funnel: ActionFunnel::default(),
        progress: 0,
        percent_of_unit: 0.0,
        target_met: false,
        milestone_id: r.get(10)?,
        notes: r.get(11)?,
        created_at: r.get(12)?,
        updated_at: r.get(13)?,
    })
}

/// The day an action happens: held, else planned.
pub(crate) fn action_day(a: &PlanAction) -> Option<&str> {
    a.held_on.as_deref().or(a.planned_on.as_deref())
}

/// Fill in an action's target, funnel and progress against a unit of `unit` workers.
fn finish(conn: &Connection, mut a: PlanAction, unit: u32) -> Result<PlanAction> {
    let mut stmt = conn.prepare_cached(
        "SELECT worker_id, status FROM plan_participation WHERE action_id = ?1 ORDER BY worker_id",
    )?;
    let rows = stmt.query_map([a.id], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut by: HashMap<ParticipationStatus, Vec<i64>> = HashMap::new();
    let mut all = Vec::new();
    for row in rows {
        let (id, status) = row?;
        let status = ParticipationStatus::parse(&status).unwrap_or_default();
        by.entry(status).or_default().push(id);
        all.push(id);
    }
    let take = |s: &[ParticipationStatus]| {
        WorkerFigure::new(
            s.iter()
                .flat_map(|k| by.get(k).cloned().unwrap_or_default())
                .collect(),
            None,
        )
    };
    use ParticipationStatus::*;
    a.funnel = ActionFunnel {
        asked: WorkerFigure::new(all, None),
        awaiting: take(&[Asked]),
        committed: take(&[Committed, TookPart, NoShow]),
        declined: take(&[Declined]),
        took_part: take(&[TookPart]),
        no_show: take(&[NoShow]),
    };
    a.target = match (a.target_count, a.target_percent) {
        (Some(n), _) => n,
        (None, Some(p)) => thresholds::percent_of(unit, p),
        (None, None) => 0,
    };
    a.progress = if a.status == ActionStatus::Done {
        a.funnel.took_part.count
    } else {
        a.funnel.committed.count
    };
    a.percent_of_unit = thresholds::percent(a.progress, unit);
    a.target_met = a.target > 0 && a.progress >= a.target;
    Ok(a)
}

/// The ladder, by step (then day), with funnels; `unit` is today's unit size for shares.
pub fn list(conn: &Connection, campaign_id: i64, unit: u32) -> Result<Vec<PlanAction>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM plan_action WHERE campaign_id = ?1
         ORDER BY step, coalesce(held_on, planned_on) IS NULL, coalesce(held_on, planned_on), id"
    ))?;
    let rows = stmt.query_map([campaign_id], from_row)?;
    let actions: Vec<PlanAction> = rows.collect::<rusqlite::Result<_>>()?;
    actions.into_iter().map(|a| finish(conn, a, unit)).collect()
}

pub fn get(conn: &Connection, id: i64, unit: u32) -> Result<PlanAction> {
    let a = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM plan_action WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?
        .ok_or_else(|| not_found(id))?;
    finish(conn, a, unit)
}

/// Today's unit size of a campaign (active workers, supervisors left out).
pub fn unit_size(conn: &Connection, campaign_id: i64) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT count(*) FROM worker WHERE campaign_id = ?1 AND status = 'active' AND is_supervisor = 0",
        [campaign_id],
        |r| r.get(0),
    )?)
}

/// Record (insert or replace) the structure-test rows of an action, all or nothing.
pub fn set_participation(
    conn: &mut Connection,
    action_id: i64,
    entries: &[ParticipationInput],
    today: NaiveDate,
) -> Result<()> {
    let unit = unit_size(conn, campaign_of(conn, action_id)?)?;
    let action = get(conn, action_id, unit)?;
    let today_s = dates::fmt(today);
    let happened = action.status == ActionStatus::Done
        || action_day(&action).is_some_and(|d| d <= today_s.as_str());
    let tx = conn.transaction()?;
    let now = dates::now();
    for e in entries {
        let worker: Option<(i64, bool)> = tx
            .query_row(
                "SELECT campaign_id, is_supervisor FROM worker WHERE id = ?1",
                [e.worker_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        match worker {
            None => return Err(store::not_found(e.worker_id)),
            Some((c, _)) if c != action.campaign_id => {
                return Err(Error::InvalidInput(format!(
                    "Worker {} belongs to another campaign.",
                    e.worker_id
                )))
            }
            Some((_, true)) => {
                return Err(Error::InvalidInput(format!(
                    "Worker {} is a supervisor: supervisors are not in the unit, so not in its actions.",
                    e.worker_id
                )))
            }
            Some(_) => {}
        }
        if matches!(
            e.status,
            ParticipationStatus::TookPart | ParticipationStatus::NoShow
        ) {
            if action.status == ActionStatus::Cancelled {
                return Err(Error::InvalidInput(format!(
                    "\"{}\" was cancelled: nobody took part in it.",
                    action.title
                )));
            }
            if !happened {
                return Err(Error::InvalidInput(format!(
                    "\"{}\" has not happened yet: record who committed now, and who took part after it.",
                    action.title
                )));
            }
        }
        tx.execute(
            "INSERT INTO plan_participation (action_id, worker_id, status, notes, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (action_id, worker_id) DO UPDATE SET status = ?3, notes = ?4, recorded_at = ?5",
            params![action_id, e.worker_id, e.status.as_str(), e.notes.trim(), now],
        )?;
    }
    tx.commit()?;
    Ok(())
}

pub fn remove_participation(conn: &Connection, action_id: i64, worker_id: i64) -> Result<()> {
    campaign_of(conn, action_id)?;
    conn.execute(
        "DELETE FROM plan_participation WHERE action_id = ?1 AND worker_id = ?2",
        params![action_id, worker_id],
    )?;
    Ok(())
}

/// The structure-test rows of an action, by name.
pub fn participation(conn: &Connection, action_id: i64) -> Result<Vec<Participation>> {
    campaign_of(conn, action_id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT p.action_id, w.id, CASE WHEN w.preferred_name <> '' THEN w.preferred_name ELSE w.legal_name END,
                w.department, w.shift, w.assessment, p.status, p.notes, p.recorded_at
         FROM plan_participation p JOIN worker w ON w.id = p.worker_id
         WHERE p.action_id = ?1 ORDER BY 3 COLLATE NOCASE, w.id",
    )?;
    let rows = stmt.query_map([action_id], |r| {
        Ok(Participation {
            action_id: r.get(0)?,
            worker: WorkerRef {
                id: r.get(1)?,
                name: r.get(2)?,
                department: r.get(3)?,
                shift: r.get(4)?,
                assessment: r.get(5)?,
            },
            status: ParticipationStatus::parse(&r.get::<_, String>(6)?).unwrap_or_default(),
            notes: r.get(7)?,
            recorded_at: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One unit worker's evidence since their latest assessment.
#[derive(Default)]
struct Evidence {
    worker: Option<WorkerRef>,
    took_part: Vec<(i64, String)>,
    declined: Vec<(i64, String)>,
    latest_recorded: String,
}

/// The suggestions standing now, for the campaign (or one worker), by name.
pub fn suggestions(
    conn: &Connection,
    campaign_id: i64,
    worker: Option<i64>,
) -> Result<Vec<AssessmentSuggestion>> {
    campaign::get(conn, campaign_id)?;
    // Participation in actions that were not cancelled, recorded after the worker's latest
    // assessment, for active unit workers.
    let mut stmt = conn.prepare_cached(
        "SELECT w.id, CASE WHEN w.preferred_name <> '' THEN w.preferred_name ELSE w.legal_name END,
                w.department, w.shift, w.assessment, p.status, a.id, a.title, p.recorded_at
         FROM plan_participation p
         JOIN plan_action a ON a.id = p.action_id
         JOIN worker w ON w.id = p.worker_id
         WHERE a.campaign_id = ?1 AND a.status <> 'cancelled' AND p.status IN ('took_part', 'declined')
           AND w.status = 'active' AND w.is_supervisor = 0 AND (?2 IS NULL OR w.id = ?2)
           AND p.recorded_at >= coalesce((SELECT max(x.assessed_at) FROM assessment x WHERE x.worker_id = w.id), '')
         ORDER BY w.id, coalesce(a.held_on, a.planned_on), a.id",
    )?;
    let rows = stmt.query_map(params![campaign_id, worker], |r| {
        Ok((
            WorkerRef {
                id: r.get(0)?,
                name: r.get(1)?,
                department: r.get(2)?,
                shift: r.get(3)?,
                assessment: r.get(4)?,
            },
            r.get::<_, String>(5)?,
            r.get::<_, i64>(6)?,
            r.get::<_, String>(7)?,
            r.get::<_, String>(8)?,
        ))
    })?;
    let mut evidence: Vec<Evidence> = Vec::new();
    for row in rows {
        let (w, status, action_id, title, recorded_at) = row?;
        if evidence
            .last()
            .and_then(|e| e.worker.as_ref())
            .is_none_or(|x| x.id != w.id)
        {
            evidence.push(Evidence {
                worker: Some(w),
                ..Evidence::default()
            });
        }
        let e = evidence.last_mut().expect("pushed above");
        if status == "took_part" {
            e.took_part.push((action_id, title));
        } else {
            e.declined.push((action_id, title));
        }
        if recorded_at > e.latest_recorded {
            e.latest_recorded = recorded_at;
        }
    }
    let mut dismissed = conn.prepare_cached(
        "SELECT dismissed_at FROM plan_suggestion_dismissal WHERE worker_id = ?1 AND suggested = ?2",
    )?;
    let mut out = Vec::new();
    for e in evidence {
        let Some(w) = e.worker else { continue };
        let current = w.assessment;
        let (kind, suggested, used) = match current {
            None | Some(3..=5) if e.took_part.len() >= TOOK_PART_MIN => (
                SuggestionKind::TookPart,
                current.map_or(2, |v| v - 1),
                e.took_part,
            ),
            Some(v @ 1..=2) if e.declined.len() >= DECLINED_MIN => {
                (SuggestionKind::Declined, v + 1, e.declined)
            }
            _ => continue,
        };
        let dismissed_at: Option<String> = dismissed
            .query_row(params![w.id, suggested], |r| r.get(0))
            .optional()?;
        if dismissed_at.is_some_and(|d| d >= e.latest_recorded) {
            continue;
        }
        let titles = used
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        let since = if current.is_some() {
            " since the last assessment"
        } else {
            ""
        };
        let reason = match kind {
            SuggestionKind::TookPart => {
                format!("Took part in {} actions{since} ({titles}).", used.len())
            }
            SuggestionKind::Declined => {
                format!(
                    "Asked and declined {} actions{since} ({titles}).",
                    used.len()
                )
            }
        };
        out.push(AssessmentSuggestion {
            worker: w,
            kind,
            current,
            suggested,
            action_ids: used.iter().map(|(id, _)| *id).collect(),
            reason,
        });
    }
    out.sort_by(|a, b| {
        a.worker
            .name
            .to_lowercase()
            .cmp(&b.worker.name.to_lowercase())
            .then(a.worker.id.cmp(&b.worker.id))
    });
    Ok(out)
}

fn worker_campaign(conn: &Connection, worker_id: i64) -> Result<i64> {
    conn.query_row(
        "SELECT campaign_id FROM worker WHERE id = ?1",
        [worker_id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| store::not_found(worker_id))
}

fn standing(conn: &Connection, worker_id: i64, suggested: u8) -> Result<AssessmentSuggestion> {
    let campaign_id = worker_campaign(conn, worker_id)?;
    suggestions(conn, campaign_id, Some(worker_id))?
        .into_iter()
        .find(|s| s.suggested == suggested)
        .ok_or_else(|| {
            Error::InvalidInput(
                "That suggestion no longer stands (the worker was reassessed, or the participation changed). Reload the plan."
                    .into(),
            )
        })
}

/// Accept a standing suggestion: a normal assessment entry, by `by`, with the suggestion's reason.
pub fn accept_suggestion(
    conn: &Connection,
    worker_id: i64,
    suggested: u8,
    by: &str,
) -> Result<Assessment> {
    let s = standing(conn, worker_id, suggested)?;
    store::assess(
        conn,
        worker_id,
        suggested,
        by,
        &format!("Plan: {}", s.reason),
        None,
    )
}

/// Dismiss a standing suggestion: it comes back only with participation recorded later.
pub fn dismiss_suggestion(conn: &Connection, worker_id: i64, suggested: u8) -> Result<()> {
    standing(conn, worker_id, suggested)?;
    conn.execute(
        "INSERT INTO plan_suggestion_dismissal (worker_id, suggested, dismissed_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (worker_id, suggested) DO UPDATE SET dismissed_at = ?3",
        params![worker_id, suggested, dates::now()],
    )?;
    Ok(())
}
