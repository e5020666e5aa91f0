//! The worker table: one search box (FTS5 over names, notes and conversations) plus filters,
//! sorting, and the counts of the current filter; whole ([`list`]) or a page at a time ([`page`]).

use super::campaign;
use super::dates;
use super::model::{
    CardFilter, SortKey, WorkerCounts, WorkerFilter, WorkerList, WorkerPage, WorkerPageRequest,
    WorkerRow, WorkerStatus,
};
use crate::error::{Error, Result};
use chrono::{Duration, NaiveDate};
use rusqlite::types::Value;
use rusqlite::Connection;
use std::collections::BTreeMap;

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

/// The SQL of a filtered worker table: `WITH base AS (…)` (one row per worker the inner filters
/// keep, with its derived columns) and the conditions on those derived columns, plus the order.
struct Filtered {
    with: String,
    outer: String,
    order: String,
    values: Vec<Value>,
    today: String,
}

const ROW_COLUMNS: &str =
    "id, name, legal_name, department, shift, job_title, assessment, committee, card_signed_on, \
    card_stale, is_supervisor, status, next_follow_up, tags, custom";

/// The most rows one page may hold.
pub const MAX_PAGE: u32 = 1_000;

fn filtered(
    conn: &Connection,
    campaign_id: i64,
    filter: &WorkerFilter,
    ids: Option<&[i64]>,
    today: NaiveDate,
) -> Result<Filtered> {
    let stale_days = campaign::get(conn, campaign_id)?.card_stale_days;
    let today_s = dates::fmt(today);
    let stale_cutoff = dates::fmt(today - Duration::days(stale_days));
    let mut values: Vec<Value> = vec![
        Value::Integer(campaign_id),
        Value::Text(today_s.clone()),
        Value::Text(stale_cutoff),
    ];
    let mut inner = vec!["w.campaign_id = ?1".to_string()];
    if let Some(ids) = ids {
        values.push(Value::Text(
            serde_json::to_string(ids).unwrap_or_else(|_| "[]".into()),
        ));
        inner.push(format!(
            "w.id IN (SELECT value FROM json_each(?{}))",
            values.len()
        ));
    }
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
    if let Some(c) = filter.custom_field.as_ref().filter(|c| !c.name.is_empty()) {
        values.push(Value::Text(c.name.clone()));
        values.push(Value::Text(c.value.clone()));
        inner.push(format!(
            "EXISTS (SELECT 1 FROM json_each(w.custom) WHERE key = ?{} AND value = ?{})",
            values.len() - 1,
            values.len()
        ));
    }
    // The custom field sorted on, as a column of its own.
    let sort_field = filter.custom_sort.as_deref().filter(|f| !f.is_empty());
    let sort_column = match sort_field {
        Some(field) => {
            values.push(Value::Text(field.to_string()));
            format!(
                "(SELECT value FROM json_each(w.custom) WHERE key = ?{})",
                values.len()
            )
        }
        None => "NULL".to_string(),
    };

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
    // Every order ends with the id, so the order is total and pages are stable.
    let order = match (sort_field, filter.sort) {
        (Some(_), _) => format!(
            "coalesce(sort_value, '') = '', sort_value COLLATE NOCASE {dir}, name COLLATE NOCASE, id"
        ),
        (None, SortKey::Name) => format!("name COLLATE NOCASE {dir}, id"),
        (None, SortKey::Department) => {
            format!("department COLLATE NOCASE {dir}, shift, name COLLATE NOCASE, id")
        }
        (None, SortKey::Shift) => {
            format!("shift COLLATE NOCASE {dir}, department, name COLLATE NOCASE, id")
        }
        (None, SortKey::Assessment) => {
            format!("assessment IS NULL, assessment {dir}, name COLLATE NOCASE, id")
        }
        (None, SortKey::CardSigned) => {
            format!("card_signed_on IS NULL, card_signed_on {dir}, name COLLATE NOCASE, id")
        }
        (None, SortKey::FollowUp) => {
            format!("next_follow_up IS NULL, next_follow_up {dir}, name COLLATE NOCASE, id")
        }
    };
    // Committee membership and the next open follow-up: one index seek per listed worker. The
    // indexes are named: left to itself, a planner without statistics may walk
    // `conversation_follow_up` for every worker (minutes at 100,000 workers).
    let with = format!(
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
                   w.tags, w.custom, {sort_column} AS sort_value
            FROM worker w WHERE {}
        ) ",
        inner.join(" AND ")
    );
    Ok(Filtered {
        with,
        outer: outer.join(" AND "),
        order,
        values,
        today: today_s,
    })
}

fn rows_of(conn: &Connection, sql: &str, values: &[Value], today: &str) -> Result<Vec<WorkerRow>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(values.iter()), |r| {
        let next: Option<String> = r.get(12)?;
        let custom: BTreeMap<String, String> =
            serde_json::from_str(&r.get::<_, String>(14)?).unwrap_or_default();
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
            follow_up_overdue: next.as_deref().is_some_and(|n| n < today),
            next_follow_up: next,
            tags: serde_json::from_str(&r.get::<_, String>(13)?).unwrap_or_default(),
            custom: (!custom.is_empty()).then_some(custom),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The whole filtered, sorted worker table with its counts.
pub fn list(
    conn: &Connection,
    campaign_id: i64,
    filter: &WorkerFilter,
    today: NaiveDate,
) -> Result<WorkerList> {
    let f = filtered(conn, campaign_id, filter, None, today)?;
    let sql = format!(
        "{}SELECT {ROW_COLUMNS} FROM base WHERE {} ORDER BY {}",
        f.with, f.outer, f.order
    );
    let rows = rows_of(conn, &sql, &f.values, &f.today)?;
    let counts = count(&rows);
    Ok(WorkerList { rows, counts })
}

/// One page of the filtered, sorted worker table (rows `offset` … `offset + limit - 1`), and,
/// when asked, the counts of the whole filtered list. `ids` restricts the list to those workers.
pub fn page(
    conn: &Connection,
    campaign_id: i64,
    request: &WorkerPageRequest,
    today: NaiveDate,
) -> Result<WorkerPage> {
    if request.limit > MAX_PAGE {
        return Err(Error::InvalidInput(format!(
            "A page holds at most {MAX_PAGE} workers."
        )));
    }
    let f = filtered(
        conn,
        campaign_id,
        &request.filter,
        request.ids.as_deref(),
        today,
    )?;
    let rows = if request.limit == 0 {
        Vec::new()
    } else {
        let mut values = f.values.clone();
        values.push(Value::Integer(i64::from(request.limit)));
        values.push(Value::Integer(i64::from(request.offset)));
        let n = values.len();
        let sql = format!(
            "{}SELECT {ROW_COLUMNS} FROM base WHERE {} ORDER BY {} LIMIT ?{} OFFSET ?{n}",
            f.with,
            f.outer,
            f.order,
            n - 1
        );
        rows_of(conn, &sql, &values, &f.today)?
    };
    let counts = if request.counts {
        let sql = format!(
            "{}SELECT count(*), total(coalesce(assessment, 0) = 0), total(assessment = 1), total(assessment = 2),
                    total(assessment = 3), total(assessment = 4), total(assessment >= 5), total(committee),
                    total(card_signed_on IS NOT NULL), total(card_stale), total(next_follow_up < ?2)
             FROM base WHERE {}",
            f.with, f.outer
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let c = stmt.query_row(rusqlite::params_from_iter(f.values.iter()), |r| {
            let n = |i: usize| -> rusqlite::Result<u32> { Ok(r.get::<_, f64>(i)? as u32) };
            Ok(WorkerCounts {
                total: r.get::<_, i64>(0)? as u32,
                by_assessment: [n(1)?, n(2)?, n(3)?, n(4)?, n(5)?, n(6)?],
                committee: n(7)?,
                cards_signed: n(8)?,
                cards_stale: n(9)?,
                follow_ups_overdue: n(10)?,
            })
        })?;
        Some(c)
    } else {
        None
    };
    Ok(WorkerPage {
        offset: request.offset,
        rows,
        counts,
    })
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
