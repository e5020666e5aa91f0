//! Assessments and cards over time: for each week's last day, how many of today's unit workers
//! had a current assessment of 1–2 (and of any value) as of that day, held a signed card (not
//! stale then, when the campaign leaves stale cards out), and sat on the committee.
//!
//! Supporters and cards are not monotone: people are reassessed down, and cards go stale.

use super::model::{PlanSettings, SeriesMetric, SeriesPoint, SupportSeries, ThresholdMark};
use super::snapshot::day_end_instant;
use super::thresholds;
use crate::error::{Error, Result};
use crate::workers::{campaign, dates};
use chrono::{Duration, NaiveDate};
use rusqlite::{params, Connection};
use std::collections::HashMap;

/// At most this many weeks in one series (two years).
pub const MAX_WEEKS: i64 = 104;

/// Unit workers' assessment history (worker, value, instant), oldest first, and card days.
struct History {
    unit: Vec<i64>,
    entries: Vec<(i64, u8, String)>,
    cards: Vec<(i64, NaiveDate)>,
    terms: Vec<(i64, String, Option<String>)>,
    stale_days: i64,
}

fn history(conn: &Connection, campaign_id: i64) -> Result<History> {
    let stale_days = campaign::get(conn, campaign_id)?.card_stale_days;
    const UNIT: &str = "w.campaign_id = ?1 AND w.status = 'active' AND w.is_supervisor = 0";
    let unit = {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT w.id, w.card_signed_on FROM worker w WHERE {UNIT} ORDER BY w.id"
        ))?;
        let rows = stmt.query_map([campaign_id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?))
        })?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    let cards = unit
        .iter()
        .filter_map(|(id, c)| {
            c.as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .map(|d| (*id, d))
        })
        .collect();
    let entries = {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT a.worker_id, a.value, a.assessed_at FROM assessment a JOIN worker w ON w.id = a.worker_id
             WHERE {UNIT} ORDER BY a.assessed_at, a.id"
        ))?;
        let rows = stmt.query_map([campaign_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    let terms = {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT t.worker_id, t.from_date, t.to_date FROM committee_term t JOIN worker w ON w.id = t.worker_id
             WHERE {UNIT}"
        ))?;
        let rows = stmt.query_map([campaign_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    Ok(History {
        unit: unit.into_iter().map(|(id, _)| id).collect(),
        entries,
        cards,
        terms,
        stale_days,
    })
}

fn card_counts(signed: NaiveDate, day: NaiveDate, stale_days: i64, exclude_stale: bool) -> bool {
    signed <= day && !(exclude_stale && (day - signed).num_days() > stale_days)
}

fn on_committee(terms: &[(i64, String, Option<String>)], day: &str) -> Vec<i64> {
    let mut ids: Vec<i64> = terms
        .iter()
        .filter(|(_, from, to)| from.as_str() <= day && to.as_deref().is_none_or(|t| t >= day))
        .map(|(id, _, _)| *id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The week ends from `to` back to `from` (every 7 days, at most [`MAX_WEEKS`] + 1), oldest first.
pub fn week_ends(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut d = to;
    while d >= from && out.len() as i64 <= MAX_WEEKS {
        out.push(d);
        d -= Duration::days(7);
    }
    out.reverse();
    out
}

/// The thresholds as marks on the series' scale (today's unit).
pub(crate) fn marks(unit: u32, count: Option<u32>, settings: &PlanSettings) -> Vec<ThresholdMark> {
    use super::model::GoalKind::*;
    [ShowingOfInterest, CardMajority, CardTarget]
        .into_iter()
        .map(|goal| {
            let needed = thresholds::needed(goal, unit, settings.card_target_percent);
            let c = count.unwrap_or(0);
            ThresholdMark {
                goal,
                percent: thresholds::tick_percent(goal, settings.card_target_percent).unwrap_or(0),
                needed,
                met: count.is_some() && thresholds::met(c, needed, unit),
                more_needed: needed.saturating_sub(c),
            }
        })
        .collect()
}

/// The weekly series over `from..=to` (points on `to`, `to` − 7 days, … not before `from`).
pub fn series(
    conn: &Connection,
    campaign_id: i64,
    from: NaiveDate,
    to: NaiveDate,
    settings: &PlanSettings,
) -> Result<SupportSeries> {
    if from > to {
        return Err(Error::InvalidInput(
            "The period starts after it ends.".into(),
        ));
    }
    let h = history(conn, campaign_id)?;
    let mut current: HashMap<i64, u8> = HashMap::new();
    let mut next = 0;
    let mut points = Vec::new();
    for day in week_ends(from, to) {
        let end = day_end_instant(day);
        while next < h.entries.len() && h.entries[next].2 < end {
            let (id, v, _) = &h.entries[next];
            current.insert(*id, *v);
            next += 1;
        }
        let day_s = dates::fmt(day);
        points.push(SeriesPoint {
            supporters: current.values().filter(|v| matches!(v, 1 | 2)).count() as u32,
            assessed: current.values().filter(|v| (1..=5).contains(*v)).count() as u32,
            cards: h
                .cards
                .iter()
                .filter(|(_, s)| card_counts(*s, day, h.stale_days, settings.exclude_stale_cards))
                .count() as u32,
            committee: on_committee(&h.terms, &day_s).len() as u32,
            day: day_s,
        });
    }
    let unit = h.unit.len() as u32;
    Ok(SupportSeries {
        unit,
        stale_excluded: settings.exclude_stale_cards,
        thresholds: marks(unit, points.last().map(|p| p.cards), settings),
        points,
    })
}

/// The workers behind one point of the series (a click on the chart).
pub fn point_workers(
    conn: &Connection,
    campaign_id: i64,
    day: NaiveDate,
    metric: SeriesMetric,
    settings: &PlanSettings,
) -> Result<Vec<i64>> {
    let h = history(conn, campaign_id)?;
    let mut ids: Vec<i64> = match metric {
        SeriesMetric::Supporters | SeriesMetric::Assessed => {
            let end = day_end_instant(day);
            let mut current: HashMap<i64, u8> = HashMap::new();
            for (id, v, at) in &h.entries {
                if *at < end {
                    current.insert(*id, *v);
                }
            }
            current
                .into_iter()
                .filter(|(_, v)| match metric {
                    SeriesMetric::Supporters => matches!(v, 1 | 2),
                    _ => (1..=5).contains(v),
                })
                .map(|(id, _)| id)
                .collect()
        }
        SeriesMetric::Cards => h
            .cards
            .iter()
            .filter(|(_, s)| card_counts(*s, day, h.stale_days, settings.exclude_stale_cards))
            .map(|(id, _)| *id)
            .collect(),
        SeriesMetric::Committee => on_committee(&h.terms, &dates::fmt(day)),
    };
    ids.sort_unstable();
    Ok(ids)
}

/// The first day with anything dated in the campaign (an assessment, a card, a 1-on-1), or
/// `today`.
pub fn first_day(conn: &Connection, campaign_id: i64, today: NaiveDate) -> Result<NaiveDate> {
    let first: Option<String> = conn.query_row(
        "SELECT min(d) FROM (
            SELECT min(substr(a.assessed_at, 1, 10)) AS d FROM assessment a JOIN worker w ON w.id = a.worker_id
             WHERE w.campaign_id = ?1
            UNION ALL SELECT min(card_signed_on) FROM worker WHERE campaign_id = ?1
            UNION ALL SELECT min(substr(c.held_on, 1, 10)) FROM conversation c JOIN worker w ON w.id = c.worker_id
             WHERE w.campaign_id = ?1)",
        params![campaign_id],
        |r| r.get(0),
    )?;
    Ok(first
        .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
        .map_or(today, |d| d.min(today)))
}
