//! What changed in a period, read from the dated rows: assessments (history), cards (signing
//! day), committee terms (from and to), 1-on-1s (held on), relationships (recorded at), actions
//! held and milestones reached. Supervisors are left out; workers who left since stay in (what
//! happened, happened).

use super::model::{
    AssessmentChange, NextStep, PlanChanges, PlanItemKind, WorkerFigure, WorkerRef,
};
use super::snapshot::{day_end_instant, day_start_instant};
use crate::error::Result;
use crate::workers::dates;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::BTreeMap;

pub(crate) fn worker_ref(conn: &Connection, id: i64) -> Result<Option<WorkerRef>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, CASE WHEN preferred_name <> '' THEN preferred_name ELSE legal_name END, department, shift, assessment
             FROM worker WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok(WorkerRef {
                id: r.get(0)?,
                name: r.get(1)?,
                department: r.get(2)?,
                shift: r.get(3)?,
                assessment: r.get(4)?,
            })
        })
        .optional()?)
}

fn refs(conn: &Connection, ids: &[i64]) -> Result<Vec<WorkerRef>> {
    let mut out = Vec::with_capacity(ids.len());
    for &id in ids {
        if let Some(r) = worker_ref(conn, id)? {
            out.push(r);
        }
    }
    out.sort_by(|a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then(a.id.cmp(&b.id))
    });
    Ok(out)
}

fn ids(conn: &Connection, sql: &str, p: impl rusqlite::Params) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(p, |r| r.get::<_, i64>(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What changed from `from` to `to` (days, both included).
pub fn between(
    conn: &Connection,
    campaign_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<PlanChanges> {
    let (from_s, to_s) = (dates::fmt(from), dates::fmt(to));
    let (start, end) = (day_start_instant(from), day_end_instant(to));

    // Assessments: per worker, the latest entry in the period against the one in force before.
    let mut latest: BTreeMap<i64, (u8, String, String)> = BTreeMap::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT a.worker_id, a.value, a.assessed_at, a.reason FROM assessment a JOIN worker w ON w.id = a.worker_id
             WHERE w.campaign_id = ?1 AND w.is_supervisor = 0 AND a.assessed_at >= ?2 AND a.assessed_at < ?3
             ORDER BY a.worker_id, a.assessed_at, a.id",
        )?;
        let rows = stmt.query_map(params![campaign_id, start, end], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, u8>(1)?,
                r.get(2)?,
                r.get(3)?,
            ))
        })?;
        for row in rows {
            let (id, v, at, reason) = row?;
            latest.insert(id, (v, at, reason));
        }
    }
    let mut before = conn.prepare_cached(
        "SELECT value FROM assessment WHERE worker_id = ?1 AND assessed_at < ?2
         ORDER BY assessed_at DESC, id DESC LIMIT 1",
    )?;
    let mut assessments = Vec::new();
    for (&id, (v, at, reason)) in &latest {
        let was: Option<u8> = before
            .query_row(params![id, start], |r| r.get::<_, u8>(0))
            .optional()?
            .filter(|&x| x > 0);
        let now = Some(*v).filter(|&x| x > 0);
        if was != now {
            if let Some(worker) = worker_ref(conn, id)? {
                assessments.push(AssessmentChange {
                    worker,
                    from: was,
                    to: now,
                    at: at.clone(),
                    reason: reason.clone(),
                });
            }
        }
    }
    assessments.sort_by(|a, b| b.at.cmp(&a.at).then(a.worker.id.cmp(&b.worker.id)));

    let cards = ids(
        conn,
        "SELECT id FROM worker WHERE campaign_id = ?1 AND is_supervisor = 0
           AND card_signed_on >= ?2 AND card_signed_on <= ?3",
        params![campaign_id, from_s, to_s],
    )?;
    let joined = ids(
        conn,
        "SELECT DISTINCT t.worker_id FROM committee_term t JOIN worker w ON w.id = t.worker_id
         WHERE w.campaign_id = ?1 AND w.is_supervisor = 0 AND t.from_date >= ?2 AND t.from_date <= ?3",
        params![campaign_id, from_s, to_s],
    )?;
    let left = ids(
        conn,
        "SELECT DISTINCT t.worker_id FROM committee_term t JOIN worker w ON w.id = t.worker_id
         WHERE w.campaign_id = ?1 AND w.is_supervisor = 0 AND t.to_date >= ?2 AND t.to_date <= ?3",
        params![campaign_id, from_s, to_s],
    )?;
    let talks = ids(
        conn,
        "SELECT c.worker_id FROM conversation c JOIN worker w ON w.id = c.worker_id
         WHERE w.campaign_id = ?1 AND w.is_supervisor = 0
           AND c.held_on >= ?2 AND substr(c.held_on, 1, 10) <= ?3",
        params![campaign_id, from_s, to_s],
    )?;
    let ties: Vec<(i64, i64)> = {
        let mut stmt = conn.prepare_cached(
            "SELECT r.worker_a, r.worker_b FROM relationship r JOIN worker a ON a.id = r.worker_a
             WHERE a.campaign_id = ?1 AND r.created_at >= ?2 AND r.created_at < ?3",
        )?;
        let rows = stmt.query_map(params![campaign_id, start, end], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let actions_held = {
        let mut stmt = conn.prepare_cached(
            "SELECT id, title, held_on FROM plan_action WHERE campaign_id = ?1 AND status = 'done'
               AND held_on >= ?2 AND held_on <= ?3 ORDER BY held_on, id",
        )?;
        let rows = stmt.query_map(params![campaign_id, from_s, to_s], |r| {
            Ok(item(PlanItemKind::Action, r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    let milestones_reached = {
        let mut stmt = conn.prepare_cached(
            "SELECT id, title, done_on FROM plan_milestone WHERE campaign_id = ?1
               AND done_on >= ?2 AND done_on <= ?3 ORDER BY done_on, id",
        )?;
        let rows = stmt.query_map(params![campaign_id, from_s, to_s], |r| {
            Ok(item(
                PlanItemKind::Milestone,
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
            ))
        })?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };

    Ok(PlanChanges {
        from: from_s,
        to: to_s,
        assessments,
        reassessed: WorkerFigure::new(latest.keys().copied().collect(), None),
        cards_signed: refs(conn, &cards)?,
        committee_joined: refs(conn, &joined)?,
        committee_left: refs(conn, &left)?,
        conversations: talks.len() as u32,
        talked_to: WorkerFigure::new(talks, None),
        relationships_added: ties.len() as u32,
        related_workers: WorkerFigure::new(ties.iter().flat_map(|&(a, b)| [a, b]).collect(), None),
        actions_held,
        milestones_reached,
    })
}

fn item(kind: PlanItemKind, id: i64, title: String, on: Option<String>) -> NextStep {
    NextStep {
        kind,
        id,
        title,
        on,
        overdue: false,
        committed: None,
        target: None,
        owner: String::new(),
        worker_id: None,
    }
}
