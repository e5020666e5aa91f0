//! The worker table: one search box (FTS5 over names, notes and conversations) plus filters,
//! sorting, and the counts of the current filter.

use super::campaign;
use super::dates;
use super::model::{
    CardFilter, SortKey, WorkerCounts, WorkerFilter, WorkerList, WorkerRow, WorkerStatus,
};
use crate::error::Result;
use chrono::{Duration, NaiveDate};
use rusqlite::types::Value;
use rusqlite::Connection;

/// Turn what a person typed into an FTS5 query: every word must match, as a prefix
/// ("ros oko" finds "Rosalind Okonkwo"). Quotes and operators are neutralised.
pub fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == '"')
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|t| !t.is_empty())
        .map(|t| format!("\"{t}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

fn placeholders(values: &mut Vec<Value>, items: impl IntoIterator<Item = Value>) -> String {
    let mut marks = Vec::new();
    for v in items {
        values.push(v);
        marks.push(format!("?{}", values.len()));
    }
    marks.join(", ")
}

pub fn list(
    conn: &Connection,
    campaign_id: i64,
    filter: &WorkerFilter,
    today: NaiveDate,
) -> Result<WorkerList> {
    let stale_days = campaign::get(conn, campaign_id)?.card_stale_days;
    let today_s = dates::fmt(today);
    let stale_cutoff = dates::fmt(today - Duration::days(stale_days));
    let mut values: Vec<Value> = vec![
        Value::Integer(campaign_id),
        Value::Text(today_s.clone()),
        Value::Text(stale_cutoff),
    ];
    let mut inner = vec!["w.campaign_id = ?1".to_string()];
    if let Some(q) = fts_query(&filter.search) {
        values.push(Value::Text(q));
        inner.push(format!(
            "w.id IN (SELECT rowid FROM worker_fts WHERE worker_fts MATCH ?{})",
            values.len()
        ));
    }
    if !filter.departments.is_empty() {
        let p = placeholders(
            &mut values,
            filter.departments.iter().map(|d| Value::Text(d.clone())),
        );
        inner.push(format!("w.department IN ({p})"));
    }
    if !filter.shifts.is_empty() {
        let p = placeholders(
            &mut values,
            filter.shifts.iter().map(|d| Value::Text(d.clone())),
        );
        inner.push(format!("w.shift IN ({p})"));
    }
    let statuses: Vec<WorkerStatus> = if filter.statuses.is_empty() {
        vec![WorkerStatus::Active]
    } else {
        filter.statuses.clone()
    };
    let p = placeholders(
        &mut values,
        statuses.iter().map(|s| Value::Text(s.as_str().into())),
    );
    inner.push(format!("w.status IN ({p})"));
    if !filter.include_supervisors {
        inner.push("w.is_supervisor = 0".into());
    }
    let mut assess = Vec::new();
    if !filter.assessments.is_empty() {
        let p = placeholders(
            &mut values,
            filter
                .assessments
                .iter()
                .map(|a| Value::Integer(i64::from(*a))),
        );
        assess.push(format!("w.assessment IN ({p})"));
    }
    if filter.unassessed {
        assess.push("w.assessment IS NULL".into());
    }
    if !assess.is_empty() {
        inner.push(format!("({})", assess.join(" OR ")));
    }
    if let Some(tag) = filter.tag.as_deref().filter(|t| !t.is_empty()) {
        values.push(Value::Text(tag.to_string()));
        inner.push(format!(
            "EXISTS (SELECT 1 FROM json_each(w.tags) WHERE value = ?{})",
            values.len()
        ));
    }

    let mut outer = vec!["1".to_string()];
    match filter.committee {
        Some(true) => outer.push("committee".into()),
        Some(false) => outer.push("NOT committee".into()),
        None => {}
    }
    match filter.card {
        CardFilter::Any => {}
        CardFilter::Signed => outer.push("card_signed_on IS NOT NULL".into()),
        CardFilter::Current => outer.push("card_signed_on IS NOT NULL AND NOT card_stale".into()),
        CardFilter::Stale => outer.push("card_stale".into()),
        CardFilter::Unsigned => outer.push("card_signed_on IS NULL".into()),
    }
    if filter.follow_up_overdue {
        outer.push("next_follow_up < ?2".into());
    }
    let dir = if filter.descending { "DESC" } else { "ASC" };
    let order = match filter.sort {
        SortKey::Name => format!("name COLLATE NOCASE {dir}"),
        SortKey::Department => {
            format!("department COLLATE NOCASE {dir}, shift, name COLLATE NOCASE")
        }
        SortKey::Shift => format!("shift COLLATE NOCASE {dir}, department, name COLLATE NOCASE"),
        SortKey::Assessment => format!("assessment IS NULL, assessment {dir}, name COLLATE NOCASE"),
        SortKey::CardSigned => {
            format!("card_signed_on IS NULL, card_signed_on {dir}, name COLLATE NOCASE")
        }
        SortKey::FollowUp => {
            format!("next_follow_up IS NULL, next_follow_up {dir}, name COLLATE NOCASE")
        }
    };
    // Committee membership and the next open follow-up: one index seek per listed worker. The
    // indexes are named: left to itself, a planner without statistics may walk
    // `conversation_follow_up` for every worker (minutes at 100,000 workers).
    let sql = format!(
        "WITH base AS (
            SELECT w.id,
                   CASE WHEN w.preferred_name <> '' THEN w.preferred_name ELSE w.legal_name END AS name,
                   w.legal_name, w.department, w.shift, w.job_title, w.assessment,
                   EXISTS (SELECT 1 FROM committee_term t INDEXED BY committee_term_worker
                           WHERE t.worker_id = w.id AND t.from_date <= ?2
                           AND (t.to_date IS NULL OR t.to_date >= ?2)) AS committee,
                   w.card_signed_on,
                   (w.card_signed_on IS NOT NULL AND w.card_signed_on < ?3) AS card_stale,
                   w.is_supervisor, w.status,
                   (SELECT min(c.follow_up_on) FROM conversation c INDEXED BY conversation_open_follow_up
                           WHERE c.worker_id = w.id AND c.follow_up_done = 0
                           AND c.follow_up_on IS NOT NULL) AS next_follow_up,
                   w.tags
            FROM worker w WHERE {}
        )
        SELECT id, name, legal_name, department, shift, job_title, assessment, committee, card_signed_on, card_stale,
               is_supervisor, status, next_follow_up, tags
        FROM base WHERE {} ORDER BY {order}",
        inner.join(" AND "),
        outer.join(" AND ")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(values.iter()), |r| {
        let next: Option<String> = r.get(12)?;
        Ok(WorkerRow {
            id: r.get(0)?,
            name: r.get(1)?,
            legal_name: r.get(2)?,
            department: r.get(3)?,
            shift: r.get(4)?,
            job_title: r.get(5)?,
            assessment: r.get(6)?,
            committee: r.get(7)?,
            card_signed_on: r.get(8)?,
            card_stale: r.get(9)?,
            is_supervisor: r.get(10)?,
            status: WorkerStatus::parse(&r.get::<_, String>(11)?).unwrap_or_default(),
            follow_up_overdue: next.as_deref().is_some_and(|n| n < today_s.as_str()),
            next_follow_up: next,
            tags: serde_json::from_str(&r.get::<_, String>(13)?).unwrap_or_default(),
        })
    })?;
    let rows: Vec<WorkerRow> = rows.collect::<rusqlite::Result<_>>()?;
    let counts = count(&rows);
    Ok(WorkerList { rows, counts })
}

fn count(rows: &[WorkerRow]) -> WorkerCounts {
    let mut c = WorkerCounts {
        total: rows.len() as u32,
        ..WorkerCounts::default()
    };
    for r in rows {
        c.by_assessment[usize::from(r.assessment.unwrap_or(0).min(5))] += 1;
        c.committee += u32::from(r.committee);
        c.cards_signed += u32::from(r.card_signed_on.is_some());
        c.cards_stale += u32::from(r.card_stale);
        c.follow_ups_overdue += u32::from(r.follow_up_overdue);
    }
    c
}

/// The departments and shifts in use, in order of size (for filters and the wall chart).
pub fn departments_and_shifts(
    conn: &Connection,
    campaign_id: i64,
) -> Result<(Vec<String>, Vec<String>)> {
    let get = |col: &str| -> Result<Vec<String>> {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {col} FROM worker WHERE campaign_id = ?1 AND status = 'active' GROUP BY {col} ORDER BY count(*) DESC, {col}"
        ))?;
        let rows = stmt.query_map([campaign_id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    Ok((get("department")?, get("shift")?))
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn typed_text_becomes_a_safe_prefix_query() {
        assert_eq!(fts_query("ros oko").as_deref(), Some("\"ros\"* \"oko\"*"));
        assert_eq!(fts_query("  ").as_deref(), None);
        assert_eq!(
            fts_query("a\" OR x NEAR(").as_deref(),
            Some("\"a\"* \"OR\"* \"x\"* \"NEAR\"*")
        );
    }
}
