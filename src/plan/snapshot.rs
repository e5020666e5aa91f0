//! The unit on one day, as every figure of the plan counts it: today's from the worker table (the
//! very rows the table lists, so a figure's filter reproduces it), or another day's rebuilt from the
//! dated rows (assessment history, card days, committee terms).

use super::model::PlanSettings;
use crate::error::Result;
use crate::workers::{dates, query, store, WorkerFilter};
use chrono::{Duration, LocalResult, NaiveDate, TimeZone, Utc};
use rusqlite::{params, Connection};
use std::collections::HashMap;

/// One unit worker on the snapshot's day.
#[derive(Debug, Clone)]
pub(crate) struct UnitWorker {
    pub id: i64,
    pub name: String,
    pub department: String,
    pub shift: String,
    pub assessment: Option<u8>,
    pub card_signed_on: Option<String>,
    pub card_stale: bool,
    pub committee: bool,
}

/// The unit (active workers, supervisors left out) on `day`.
pub(crate) struct Snapshot {
    pub day: NaiveDate,
    /// Built from today's worker table: figures carry a reproducing filter.
    pub live: bool,
    pub exclude_stale: bool,
    pub card_target_percent: u32,
    /// By id.
    pub workers: Vec<UnitWorker>,
}

impl Snapshot {
    /// Today's unit, from the worker table's own rows.
    pub fn live(
        conn: &Connection,
        campaign_id: i64,
        today: NaiveDate,
        settings: &PlanSettings,
    ) -> Result<Snapshot> {
        let rows = query::list(conn, campaign_id, &WorkerFilter::default(), today)?.rows;
        let mut workers: Vec<UnitWorker> = rows
            .into_iter()
            .map(|r| UnitWorker {
                id: r.id,
                name: r.name,
                department: r.department,
                shift: r.shift,
                assessment: r.assessment,
                card_signed_on: r.card_signed_on,
                card_stale: r.card_stale,
                committee: r.committee,
            })
            .collect();
        workers.sort_by_key(|w| w.id);
        Ok(Snapshot {
            day: today,
            live: true,
            exclude_stale: settings.exclude_stale_cards,
            card_target_percent: settings.card_target_percent,
            workers,
        })
    }

    /// Today's unit as it stood at the end of `day`: the assessment in force then, a card signed
    /// by then (stale or not then), committee membership then. Departments and shifts are
    /// today's. On `day == today` this is [`Snapshot::live`].
    pub fn as_of(
        conn: &Connection,
        campaign_id: i64,
        day: NaiveDate,
        today: NaiveDate,
        settings: &PlanSettings,
    ) -> Result<Snapshot> {
        let mut snap = Snapshot::live(conn, campaign_id, today, settings)?;
        if day >= today {
            return Ok(snap);
        }
        snap.live = false;
        snap.day = day;
        let stale_days = crate::workers::campaign::get(conn, campaign_id)?.card_stale_days;
        let assessments = assessments_as_of(conn, campaign_id, day)?;
        let committee = committee_as_of(conn, campaign_id, day)?;
        let day_s = dates::fmt(day);
        for w in &mut snap.workers {
            w.assessment = assessments.get(&w.id).copied().flatten();
            w.committee = committee.contains_key(&w.id);
            if w.card_signed_on
                .as_deref()
                .is_some_and(|c| c > day_s.as_str())
            {
                w.card_signed_on = None;
            }
            w.card_stale = store::is_stale(w.card_signed_on.as_deref(), stale_days, day);
        }
        Ok(snap)
    }

    /// The card counts toward the card goals.
    pub fn card_counts(&self, w: &UnitWorker) -> bool {
        w.card_signed_on.is_some() && !(self.exclude_stale && w.card_stale)
    }

    pub fn by_id(&self) -> HashMap<i64, &UnitWorker> {
        self.workers.iter().map(|w| (w.id, w)).collect()
    }

    /// Departments (or shifts) with unit workers, largest first, then by name.
    pub fn groups(&self, key: fn(&UnitWorker) -> &str) -> Vec<String> {
        let mut counts: HashMap<&str, u32> = HashMap::new();
        for w in &self.workers {
            *counts.entry(key(w)).or_default() += 1;
        }
        let mut out: Vec<(&str, u32)> = counts.into_iter().collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        out.into_iter().map(|(n, _)| n.to_string()).collect()
    }
}

pub(crate) fn department(w: &UnitWorker) -> &str {
    &w.department
}

pub(crate) fn shift(w: &UnitWorker) -> &str {
    &w.shift
}

/// The instant (RFC 3339, UTC, as the vault stores instants) at which the user's local `day`
/// begins. Instants compare as text: every stored instant has this shape.
pub fn day_start_instant(day: NaiveDate) -> String {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    let utc = match chrono::Local.from_local_datetime(&midnight) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        // Midnight skipped by a clock change: take it as UTC (an hour off, once a year at most).
        LocalResult::None => Utc.from_utc_datetime(&midnight),
    };
    utc.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The instant at which `day` ends (the next day's start).
pub fn day_end_instant(day: NaiveDate) -> String {
    day_start_instant(day + Duration::days(1))
}

/// Each campaign worker's assessment in force at the end of `day` (None inside: cleared).
fn assessments_as_of(
    conn: &Connection,
    campaign_id: i64,
    day: NaiveDate,
) -> Result<HashMap<i64, Option<u8>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.worker_id, a.value FROM assessment a JOIN worker w ON w.id = a.worker_id
         WHERE w.campaign_id = ?1 AND a.assessed_at < ?2
         ORDER BY a.worker_id, a.assessed_at, a.id",
    )?;
    let rows = stmt.query_map(params![campaign_id, day_end_instant(day)], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, u8>(1)?))
    })?;
    let mut out = HashMap::new();
    for row in rows {
        let (id, value) = row?;
        // Ordered: the last one per worker wins.
        out.insert(id, (value > 0).then_some(value));
    }
    Ok(out)
}

/// Campaign workers on the committee on `day`.
fn committee_as_of(
    conn: &Connection,
    campaign_id: i64,
    day: NaiveDate,
) -> Result<HashMap<i64, ()>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT t.worker_id FROM committee_term t JOIN worker w ON w.id = t.worker_id
         WHERE w.campaign_id = ?1 AND t.from_date <= ?2 AND (t.to_date IS NULL OR t.to_date >= ?2)",
    )?;
    let rows = stmt.query_map(params![campaign_id, dates::fmt(day)], |r| {
        r.get::<_, i64>(0)
    })?;
    let mut out = HashMap::new();
    for id in rows {
        out.insert(id?, ());
    }
    Ok(out)
}
