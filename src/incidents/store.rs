//! Incidents and the people involved: create, edit, move through the status steps (each with its
//! day), delete, and read back as a page, a log, a worker's list, or the 10(b) deadline list.

use super::deadline;
use super::evidence;
use super::model::{
    Incident, IncidentCategory, IncidentInput, IncidentPerson, IncidentRow, IncidentStatus,
};
use crate::error::{Error, Result};
use crate::workers::dates;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::collections::HashMap;

/// The longest texts accepted.
const MAX_SUMMARY: usize = 300;
const MAX_PLACE: usize = 1_000;
const MAX_DESCRIPTION: usize = 100_000;
const MAX_CASE_NUMBER: usize = 100;
const MAX_NAME: usize = 200;
const MAX_PEOPLE: usize = 1_000;

/// A person's part in an incident (the stored `role`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Manager,
    Affected,
    Witness,
}

impl Role {
    fn as_str(self) -> &'static str {
        match self {
            Role::Manager => "manager",
            Role::Affected => "affected",
            Role::Witness => "witness",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Role::Manager => "a manager",
            Role::Affected => "affected",
            Role::Witness => "a witness",
        }
    }
}

pub fn not_found(id: i64) -> Error {
    Error::InvalidInput(format!(
        "There is no incident {id} in this vault (it may have been deleted)."
    ))
}

/// The "no such incident" error unless incident `id` exists.
pub fn not_found_unless_exists(conn: &Connection, id: i64) -> Result<()> {
    let found: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM incident WHERE id = ?1)")?
        .query_row([id], |r| r.get(0))?;
    if found {
        Ok(())
    } else {
        Err(not_found(id))
    }
}

fn parse_day(field: &str, value: &str) -> Result<NaiveDate> {
    match dates::day(field, Some(value))? {
        Some(d) => Ok(NaiveDate::parse_from_str(&d, "%Y-%m-%d").expect("checked above")),
        None => Err(Error::InvalidInput(format!(
            "{field} is required (YYYY-MM-DD)."
        ))),
    }
}

fn not_in_future(field: &str, day: NaiveDate, today: NaiveDate) -> Result<()> {
    if day > today {
        return Err(Error::InvalidInput(format!(
            "{field}: {} is in the future; record it once it has happened.",
            dates::fmt(day)
        )));
    }
    Ok(())
}

fn limit(field: &str, value: &str, max: usize) -> Result<String> {
    let v = value.trim();
    if v.chars().count() > max {
        return Err(Error::InvalidInput(format!(
            "The {field} is too long (over {max} characters)."
        )));
    }
    Ok(v.to_string())
}

/// An incident's fields, checked and tidied.
struct Valid {
    occurred_on: NaiveDate,
    occurred_time: Option<String>,
    place: String,
    learned_on: NaiveDate,
    category: IncidentCategory,
    summary: String,
    description: String,
    case_number: String,
    /// (role, worker id, free-text name), in the order given, without repeats.
    people: Vec<(Role, Option<i64>, String)>,
}

/// A worker's campaign and display name.
fn worker_of(conn: &Connection, id: i64) -> Result<Option<(i64, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT campaign_id, CASE WHEN preferred_name <> '' THEN preferred_name ELSE legal_name END
             FROM worker WHERE id = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

fn validate(
    conn: &Connection,
    campaign_id: i64,
    input: &IncidentInput,
    today: NaiveDate,
) -> Result<Valid> {
    if input.occurred_on.trim().is_empty() {
        return Err(Error::InvalidInput(
            "When did it happen? The day it occurred is required (YYYY-MM-DD).".into(),
        ));
    }
    let occurred_on = parse_day("Occurred on", &input.occurred_on)?;
    not_in_future("Occurred on", occurred_on, today)?;
    if input.learned_on.trim().is_empty() {
        return Err(Error::InvalidInput(
            "When did you learn of it? That day is required (YYYY-MM-DD).".into(),
        ));
    }
    let learned_on = parse_day("Learned on", &input.learned_on)?;
    not_in_future("Learned on", learned_on, today)?;
    if learned_on < occurred_on {
        return Err(Error::InvalidInput(format!(
            "Learned on ({}) is before the day it occurred ({}): an incident cannot be learned of before it happens.",
            dates::fmt(learned_on),
            dates::fmt(occurred_on)
        )));
    }
    let occurred_time = match input.occurred_time.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(t) => Some(
            chrono::NaiveTime::parse_from_str(t, "%H:%M")
                .map(|t| t.format("%H:%M").to_string())
                .map_err(|_| {
                    Error::InvalidInput(format!(
                        "Time: \"{t}\" is not a time of day (HH:MM, 24-hour)."
                    ))
                })?,
        ),
    };
    let summary = limit("summary", &input.summary, MAX_SUMMARY)?;
    if summary.is_empty() {
        return Err(Error::InvalidInput(
            "Give the incident a one-line summary (e.g. \"Supervisor threatened to close the plant\")."
                .into(),
        ));
    }
    let place = limit("place", &input.place, MAX_PLACE)?;
    let description = limit("description", &input.description, MAX_DESCRIPTION)?;
    let case_number = limit("case number", &input.case_number, MAX_CASE_NUMBER)?;

    let mut people: Vec<(Role, Option<i64>, String)> = Vec::new();
    let mut push = |role: Role, worker: Option<i64>, name: String| {
        let key = (role, worker, name);
        if !people
            .iter()
            .any(|p| p.0 == key.0 && p.1 == key.1 && p.2.to_lowercase() == key.2.to_lowercase())
        {
            people.push(key);
        }
    };
    let check_worker = |role: Role, id: i64| -> Result<()> {
        match worker_of(conn, id)? {
            None => Err(Error::InvalidInput(format!(
                "There is no worker {id} in this vault (listed as {}).",
                role.noun()
            ))),
            Some((c, name)) if c != campaign_id => Err(Error::InvalidInput(format!(
                "{name} is in another campaign; the people of an incident are workers of its own campaign."
            ))),
            Some(_) => Ok(()),
        }
    };
    if input.managers.len() + input.affected.len() + input.witnesses.len() > MAX_PEOPLE {
        return Err(Error::InvalidInput(format!(
            "An incident lists at most {MAX_PEOPLE} people."
        )));
    }
    for m in &input.managers {
        match m.worker_id {
            Some(id) => {
                check_worker(Role::Manager, id)?;
                push(Role::Manager, Some(id), String::new());
            }
            None => {
                let name = limit("manager's name", &m.name, MAX_NAME)?;
                if name.is_empty() {
                    return Err(Error::InvalidInput(
                        "A manager is either chosen from the list or named: the name is empty."
                            .into(),
                    ));
                }
                push(Role::Manager, None, name);
            }
        }
    }
    for (role, ids) in [
        (Role::Affected, &input.affected),
        (Role::Witness, &input.witnesses),
    ] {
        for &id in ids {
            check_worker(role, id)?;
            push(role, Some(id), String::new());
        }
    }
    Ok(Valid {
        occurred_on,
        occurred_time,
        place,
        learned_on,
        category: input.category,
        summary,
        description,
        case_number,
        people,
    })
}

fn write_people(conn: &Connection, incident_id: i64, v: &Valid) -> Result<()> {
    conn.prepare_cached("DELETE FROM incident_person WHERE incident_id = ?1")?
        .execute([incident_id])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO incident_person (incident_id, role, worker_id, name) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (role, worker, name) in &v.people {
        insert.execute(params![incident_id, role.as_str(), worker, name])?;
    }
    Ok(())
}

fn campaign_exists(conn: &Connection, campaign_id: i64) -> Result<()> {
    let found: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM campaign WHERE id = ?1)",
        [campaign_id],
        |r| r.get(0),
    )?;
    if !found {
        return Err(Error::InvalidInput(format!(
            "There is no campaign {campaign_id} in this vault."
        )));
    }
    Ok(())
}

/// Log a new incident (status `logged`). Returns its id.
pub fn create(
    conn: &Connection,
    campaign_id: i64,
    input: &IncidentInput,
    today: NaiveDate,
) -> Result<i64> {
    campaign_exists(conn, campaign_id)?;
    let v = validate(conn, campaign_id, input, today)?;
    super::atomically(conn, || {
        let now = dates::now();
        conn.prepare_cached(
            "INSERT INTO incident (campaign_id, occurred_on, occurred_time, place, learned_on, category, summary,
                description, case_number, status, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'logged', ?10, ?10)",
        )?
        .execute(params![
            campaign_id,
            dates::fmt(v.occurred_on),
            v.occurred_time,
            v.place,
            dates::fmt(v.learned_on),
            v.category.as_str(),
            v.summary,
            v.description,
            v.case_number,
            now
        ])?;
        let id = conn.last_insert_rowid();
        write_people(conn, id, &v)?;
        Ok(id)
    })
}

/// The stored status and the days of its steps.
struct Steps {
    campaign_id: i64,
    learned_on: NaiveDate,
    sent_to_counsel_on: Option<String>,
    charge_filed_on: Option<String>,
    charge_served_on: Option<String>,
    closed_on: Option<String>,
}

impl Steps {
    /// The recorded step days with their names, in step order.
    fn recorded(&self) -> Vec<(&'static str, &str)> {
        [
            ("sent to counsel", &self.sent_to_counsel_on),
            ("charge filed", &self.charge_filed_on),
            ("charge served", &self.charge_served_on),
            ("closed", &self.closed_on),
        ]
        .into_iter()
        .filter_map(|(n, d)| d.as_deref().map(|d| (n, d)))
        .collect()
    }
}

fn date_column(r: &Row<'_>, i: usize) -> rusqlite::Result<NaiveDate> {
    let s: String = r.get(i)?;
    NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn enum_column<T>(r: &Row<'_>, i: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let s: String = r.get(i)?;
    parse(&s).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("unexpected value {s:?}").into(),
        )
    })
}

fn steps(conn: &Connection, id: i64) -> Result<Steps> {
    conn.prepare_cached(
        "SELECT campaign_id, learned_on, sent_to_counsel_on, charge_filed_on, charge_served_on, closed_on
         FROM incident WHERE id = ?1",
    )?
    .query_row([id], |r| {
        Ok(Steps {
            campaign_id: r.get(0)?,
            learned_on: date_column(r, 1)?,
            sent_to_counsel_on: r.get(2)?,
            charge_filed_on: r.get(3)?,
            charge_served_on: r.get(4)?,
            closed_on: r.get(5)?,
        })
    })
    .optional()?
    .ok_or_else(|| not_found(id))
}

/// Replace an incident's fields and people (its status and step days stay).
pub fn update(conn: &Connection, id: i64, input: &IncidentInput, today: NaiveDate) -> Result<()> {
    let current = steps(conn, id)?;
    let v = validate(conn, current.campaign_id, input, today)?;
    let learned = dates::fmt(v.learned_on);
    if let Some((step, day)) = current
        .recorded()
        .into_iter()
        .find(|(_, d)| *d < learned.as_str())
    {
        return Err(Error::InvalidInput(format!(
            "The incident is recorded as {step} on {day}, before the new \"learned on\" day ({learned}). Correct the status first."
        )));
    }
    super::atomically(conn, || {
        conn.prepare_cached(
            "UPDATE incident SET occurred_on = ?2, occurred_time = ?3, place = ?4, learned_on = ?5, category = ?6,
                summary = ?7, description = ?8, case_number = ?9, updated_at = ?10
             WHERE id = ?1",
        )?
        .execute(params![
            id,
            dates::fmt(v.occurred_on),
            v.occurred_time,
            v.place,
            learned,
            v.category.as_str(),
            v.summary,
            v.description,
            v.case_number,
            dates::now()
        ])?;
        write_people(conn, id, &v)
    })
}

/// Move an incident to `status`, on `on` (YYYY-MM-DD; today when `None`).
///
/// The day is recorded for that step and the days of later steps are cleared (so moving back
/// corrects a mistake); earlier steps keep theirs, and skipped steps stay empty. `logged` clears
/// every day. A charge is recorded as served only once its filing is recorded. `closed` keeps
/// every earlier day and must not be before them.
pub fn set_status(
    conn: &Connection,
    id: i64,
    status: IncidentStatus,
    on: Option<&str>,
    today: NaiveDate,
) -> Result<()> {
    let current = steps(conn, id)?;
    let day = match on.map(str::trim) {
        None | Some("") => today,
        Some(s) => parse_day(status.label(), s)?,
    };
    not_in_future(status.label(), day, today)?;
    if status != IncidentStatus::Logged && day < current.learned_on {
        return Err(Error::InvalidInput(format!(
            "{} on {} is before you learned of the incident ({}).",
            capitalized(status.label()),
            dates::fmt(day),
            dates::fmt(current.learned_on)
        )));
    }
    let d = Some(dates::fmt(day));
    let (mut sent, mut filed, mut served, mut closed) = (
        current.sent_to_counsel_on.clone(),
        current.charge_filed_on.clone(),
        current.charge_served_on.clone(),
        None,
    );
    match status {
        IncidentStatus::Logged => {
            (sent, filed, served) = (None, None, None);
        }
        IncidentStatus::SentToCounsel => {
            (sent, filed, served) = (d, None, None);
        }
        IncidentStatus::ChargeFiled => {
            (filed, served) = (d, None);
        }
        IncidentStatus::ChargeServed => {
            if filed.is_none() {
                return Err(Error::InvalidInput(
                    "Record the day the charge was filed with the Board first, then the day it was served on the employer."
                        .into(),
                ));
            }
            served = d;
        }
        IncidentStatus::Closed => {
            let day_s = dates::fmt(day);
            if let Some((step, at)) = current
                .recorded()
                .into_iter()
                .filter(|(n, _)| *n != "closed")
                .find(|(_, at)| *at > day_s.as_str())
            {
                return Err(Error::InvalidInput(format!(
                    "Closed on {day_s} is before the incident was recorded as {step} ({at})."
                )));
            }
            closed = d;
        }
    }
    conn.prepare_cached(
        "UPDATE incident SET status = ?2, sent_to_counsel_on = ?3, charge_filed_on = ?4, charge_served_on = ?5,
            closed_on = ?6, updated_at = ?7
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        status.as_str(),
        sent,
        filed,
        served,
        closed,
        dates::now()
    ])?;
    Ok(())
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Delete an incident with its people and its evidence files.
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    if conn.execute("DELETE FROM incident WHERE id = ?1", [id])? == 0 {
        return Err(not_found(id));
    }
    Ok(())
}

const PERSON_NAME: &str =
    "CASE WHEN p.worker_id IS NULL THEN p.name WHEN w.preferred_name <> '' THEN w.preferred_name ELSE w.legal_name END";

/// The incident's page.
pub fn detail(conn: &Connection, id: i64, today: NaiveDate) -> Result<Incident> {
    let mut incident = conn
        .prepare_cached(
            "SELECT id, campaign_id, occurred_on, occurred_time, place, learned_on, category, summary, description,
                    case_number, status, sent_to_counsel_on, charge_filed_on, charge_served_on, closed_on,
                    created_at, updated_at
             FROM incident WHERE id = ?1",
        )?
        .query_row([id], |r| {
            let occurred = date_column(r, 2)?;
            let filed: Option<String> = r.get(12)?;
            let served: Option<String> = r.get(13)?;
            let closed: Option<String> = r.get(14)?;
            let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
            let timely = match (filed.as_deref().and_then(day), served.as_deref().and_then(day)) {
                (Some(f), Some(s)) => Some(deadline::timely(occurred, f, s)),
                _ => None,
            };
            Ok(Incident {
                id: r.get(0)?,
                campaign_id: r.get(1)?,
                occurred_on: dates::fmt(occurred),
                occurred_time: r.get(3)?,
                place: r.get(4)?,
                learned_on: r.get(5)?,
                category: enum_column(r, 6, IncidentCategory::parse)?,
                summary: r.get(7)?,
                description: r.get(8)?,
                case_number: r.get(9)?,
                status: enum_column(r, 10, IncidentStatus::parse)?,
                sent_to_counsel_on: r.get(11)?,
                last_day: dates::fmt(deadline::last_day(occurred)),
                clock: deadline::clock(
                    occurred,
                    filed.is_some(),
                    served.is_some(),
                    closed.is_some(),
                    today,
                ),
                charge_timely: timely,
                charge_filed_on: filed,
                charge_served_on: served,
                closed_on: closed,
                managers: Vec::new(),
                affected: Vec::new(),
                witnesses: Vec::new(),
                evidence: Vec::new(),
                created_at: r.get(15)?,
                updated_at: r.get(16)?,
            })
        })
        .optional()?
        .ok_or_else(|| not_found(id))?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.role, p.worker_id, {PERSON_NAME}, coalesce(w.department, ''), coalesce(w.shift, '')
         FROM incident_person p LEFT JOIN worker w ON w.id = p.worker_id
         WHERE p.incident_id = ?1 ORDER BY p.id"
    ))?;
    let rows = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            IncidentPerson {
                worker_id: r.get(1)?,
                name: r.get(2)?,
                department: r.get(3)?,
                shift: r.get(4)?,
            },
        ))
    })?;
    for row in rows {
        let (role, person) = row?;
        match role.as_str() {
            "manager" => incident.managers.push(person),
            "affected" => incident.affected.push(person),
            _ => incident.witnesses.push(person),
        }
    }
    incident.evidence = evidence::for_incident(conn, id)?;
    Ok(incident)
}

/// Which incidents a list holds.
enum Scope {
    Campaign(i64),
    Worker(i64),
}

fn rows(conn: &Connection, scope: Scope, today: NaiveDate) -> Result<Vec<IncidentRow>> {
    let (filter, key) = match scope {
        Scope::Campaign(id) => ("i.campaign_id = ?1", id),
        Scope::Worker(id) => (
            "i.id IN (SELECT incident_id FROM incident_person WHERE worker_id = ?1)",
            id,
        ),
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT i.id, i.occurred_on, i.place, i.category, i.summary, i.status,
                i.charge_filed_on IS NOT NULL, i.charge_served_on IS NOT NULL, i.closed_on IS NOT NULL,
                (SELECT count(*) FROM incident_person p WHERE p.incident_id = i.id AND p.role = 'affected'),
                (SELECT count(*) FROM incident_person p WHERE p.incident_id = i.id AND p.role = 'witness'),
                (SELECT count(*) FROM evidence e WHERE e.incident_id = i.id AND e.state = 'ready')
         FROM incident i WHERE {filter}
         ORDER BY i.occurred_on DESC, i.id DESC"
    ))?;
    let list = stmt
        .query_map([key], |r| {
            let occurred = date_column(r, 1)?;
            let (filed, served, closed): (bool, bool, bool) = (r.get(6)?, r.get(7)?, r.get(8)?);
            Ok(IncidentRow {
                id: r.get(0)?,
                occurred_on: dates::fmt(occurred),
                place: r.get(2)?,
                category: enum_column(r, 3, IncidentCategory::parse)?,
                summary: r.get(4)?,
                status: enum_column(r, 5, IncidentStatus::parse)?,
                last_day: dates::fmt(deadline::last_day(occurred)),
                clock: deadline::clock(occurred, filed, served, closed, today),
                managers: Vec::new(),
                affected: r.get(9)?,
                witnesses: r.get(10)?,
                evidence: r.get(11)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if list.is_empty() {
        return Ok(list);
    }
    let mut managers: HashMap<i64, Vec<String>> = HashMap::new();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.incident_id, {PERSON_NAME}
         FROM incident_person p JOIN incident i ON i.id = p.incident_id
         LEFT JOIN worker w ON w.id = p.worker_id
         WHERE p.role = 'manager' AND {filter}
         ORDER BY p.id"
    ))?;
    for row in stmt.query_map([key], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?)))? {
        let (incident, name) = row?;
        managers.entry(incident).or_default().push(name);
    }
    Ok(list
        .into_iter()
        .map(|mut row| {
            row.managers = managers.remove(&row.id).unwrap_or_default();
            row
        })
        .collect())
}

/// A campaign's incident log, the most recent first.
pub fn list(conn: &Connection, campaign_id: i64, today: NaiveDate) -> Result<Vec<IncidentRow>> {
    rows(conn, Scope::Campaign(campaign_id), today)
}

/// The incidents a worker is involved in (as manager, affected or witness), the most recent first.
pub fn for_worker(conn: &Connection, worker_id: i64, today: NaiveDate) -> Result<Vec<IncidentRow>> {
    rows(conn, Scope::Worker(worker_id), today)
}

/// The dashboard's deadline list: the campaign's open incidents (the charge not yet both filed and
/// served, not closed), by urgency: those still in time first, fewest days left first; then those
/// past their last day, the most recently passed first.
pub fn deadlines(
    conn: &Connection,
    campaign_id: i64,
    today: NaiveDate,
) -> Result<Vec<IncidentRow>> {
    let mut open: Vec<IncidentRow> = list(conn, campaign_id, today)?
        .into_iter()
        .filter(|r| r.clock.is_some())
        .collect();
    open.sort_by_key(|r| {
        (
            deadline::urgency(r.clock.as_ref().map_or(0, |c| c.days_left)),
            r.id,
        )
    });
    Ok(open)
}
