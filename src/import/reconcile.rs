//! Reconciling an imported list with the workers already in the campaign, for review before
//! anything is written: matched (with changed fields), new on the list, missing from the list,
//! ambiguous (shown to the user), and duplicate rows in the file.
//!
//! Matching, strongest first: the employee id; then the normalized name backed by a phone or
//! e-mail; then the normalized name alone when it is unique on both sides. A phone or e-mail match
//! without the name, or several equally good candidates, is ambiguous: a person decides.

use super::normalize::{normalize_name, normalize_phone};
use super::records::ImportedWorker;
use crate::error::Result;
use crate::workers::WorkerStatus;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use ts_rs::TS;

/// A worker already in the campaign, as matching sees it.
#[derive(Debug, Clone)]
pub struct Existing {
    pub id: i64,
    pub employee_id: Option<String>,
    pub legal_name: String,
    pub preferred_name: String,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    pub address: String,
    pub department: String,
    pub shift: String,
    pub job_title: String,
    pub hire_date: Option<String>,
    pub status: WorkerStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct FieldChange {
    /// `department`, `shift`, `jobTitle`, `address`, `hireDate`, `employeeId`, `legalName`, `phones`, `emails`, `status`.
    pub field: String,
    pub old: String,
    pub new: String,
    /// The value to write (text, or a JSON array for phones and e-mails).
    #[serde(skip)]
    #[ts(skip)]
    pub(crate) write: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct MatchedRow {
    pub row: usize,
    pub worker_id: i64,
    pub name: String,
    /// How the match was made: `employee_id`, `name_and_contact`, `name`.
    pub matched_by: String,
    pub changes: Vec<FieldChange>,
}

impl FieldChange {
    /// The worker column this change writes (a fixed set: safe to put in SQL).
    pub(crate) fn column(&self) -> Option<&'static str> {
        Some(match self.field.as_str() {
            "legalName" => "legal_name",
            "department" => "department",
            "shift" => "shift",
            "jobTitle" => "job_title",
            "address" => "address",
            "hireDate" => "hire_date",
            "employeeId" => "employee_id",
            "phones" => "phones",
            "emails" => "emails",
            "status" => "status",
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct Candidate {
    pub worker_id: i64,
    pub name: String,
    pub department: String,
    pub shift: String,
    /// Why it is a candidate: `same_name`, `same_phone`, `same_email`.
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct AmbiguousRow {
    pub record: ImportedWorker,
    pub candidates: Vec<Candidate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct MissingWorker {
    pub worker_id: i64,
    pub name: String,
    pub department: String,
    pub shift: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct DuplicateRow {
    pub row: usize,
    /// The earlier row it repeats.
    pub first_row: usize,
    pub name: String,
}

/// What an import would do, for review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct Reconciliation {
    pub matched: Vec<MatchedRow>,
    pub new: Vec<ImportedWorker>,
    pub missing: Vec<MissingWorker>,
    pub ambiguous: Vec<AmbiguousRow>,
    pub duplicates: Vec<DuplicateRow>,
}

impl Reconciliation {
    /// Matched rows with at least one changed field.
    pub fn changed(&self) -> impl Iterator<Item = &MatchedRow> {
        self.matched.iter().filter(|m| !m.changes.is_empty())
    }
}

/// Load the campaign's workers for matching.
pub fn existing(conn: &Connection, campaign_id: i64) -> Result<Vec<Existing>> {
    let mut stmt = conn.prepare(
        "SELECT id, employee_id, legal_name, preferred_name, phones, emails, address, department, shift, job_title,
                hire_date, status FROM worker WHERE campaign_id = ?1 AND is_supervisor = 0 ORDER BY id",
    )?;
    let rows = stmt.query_map([campaign_id], |r| {
        let list = |i: usize| -> rusqlite::Result<Vec<String>> {
            Ok(serde_json::from_str(&r.get::<_, String>(i)?).unwrap_or_default())
        };
        Ok(Existing {
            id: r.get(0)?,
            employee_id: r.get(1)?,
            legal_name: r.get(2)?,
            preferred_name: r.get(3)?,
            phones: list(4)?,
            emails: list(5)?,
            address: r.get(6)?,
            department: r.get(7)?,
            shift: r.get(8)?,
            job_title: r.get(9)?,
            hire_date: r.get(10)?,
            status: WorkerStatus::parse(&r.get::<_, String>(11)?).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn key_id(id: &str) -> String {
    id.trim().to_lowercase()
}

/// Reconcile `records` (rows of the file) against `existing` (the campaign's workers).
pub fn reconcile(records: Vec<ImportedWorker>, existing: &[Existing]) -> Reconciliation {
    let mut r = Reconciler::new(existing);
    for rec in records {
        r.push(rec);
    }
    r.finish()
}

/// [`reconcile`] one row at a time, in the file's order (an import writes each new worker as
/// soon as it is placed): the campaign's workers indexed once by employee id, normalized name,
/// phone and e-mail.
pub(crate) struct Reconciler<'a> {
    existing: &'a [Existing],
    /// `normalize_name(legal_name)` of each existing worker.
    names: Vec<String>,
    by_id: HashMap<String, Vec<usize>>,
    by_name: HashMap<String, Vec<usize>>,
    by_phone: HashMap<String, Vec<usize>>,
    by_email: HashMap<String, Vec<usize>>,
    /// Existing index → the row matched to it.
    taken: HashMap<usize, usize>,
    /// (normalized name, employee id) → the first row with them.
    seen_rows: HashMap<(String, String), usize>,
    out: Reconciliation,
}

impl<'a> Reconciler<'a> {
    pub(crate) fn new(existing: &'a [Existing]) -> Self {
        let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_phone: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_email: HashMap<String, Vec<usize>> = HashMap::new();
        let mut names = Vec::with_capacity(existing.len());
        for (i, e) in existing.iter().enumerate() {
            if let Some(id) = e.employee_id.as_deref().filter(|s| !s.trim().is_empty()) {
                by_id.entry(key_id(id)).or_default().push(i);
            }
            let legal = normalize_name(&e.legal_name);
            let preferred = normalize_name(&e.preferred_name);
            for n in [&legal, &preferred] {
                if !n.is_empty() {
                    let v = by_name.entry(n.clone()).or_default();
                    if !v.contains(&i) {
                        v.push(i);
                    }
                }
            }
            names.push(legal);
            for p in &e.phones {
                let p = normalize_phone(p);
                if p.len() >= 7 {
                    by_phone.entry(p).or_default().push(i);
                }
            }
            for m in &e.emails {
                by_email.entry(m.trim().to_lowercase()).or_default().push(i);
            }
        }
        Reconciler {
            existing,
            names,
            by_id,
            by_name,
            by_phone,
            by_email,
            taken: HashMap::new(),
            seen_rows: HashMap::new(),
            out: Reconciliation::default(),
        }
    }

    /// Place one row (rows come in the file's order) and keep it in the result.
    pub(crate) fn push(&mut self, rec: ImportedWorker) {
        if let Some(new) = self.place(rec) {
            self.out.new.push(new);
        }
    }

    /// Place one row: a duplicate, a match or an ambiguous row is kept for the result; a worker
    /// new to the campaign is handed back instead (for the caller to keep or write).
    pub(crate) fn place(&mut self, rec: ImportedWorker) -> Option<ImportedWorker> {
        let existing = self.existing;
        let name = normalize_name(&rec.legal_name);
        let id = rec.employee_id.as_deref().map(key_id).unwrap_or_default();
        let key = (name, id);
        if let Some(&first) = self.seen_rows.get(&key) {
            self.out.duplicates.push(DuplicateRow {
                row: rec.row,
                first_row: first,
                name: rec.legal_name,
            });
            return None;
        }
        self.seen_rows.insert(key.clone(), rec.row);
        let (name, id) = key;

        let name_hits: Vec<usize> = self.by_name.get(&name).cloned().unwrap_or_default();
        // The row's phones and e-mails in matching form, only when some worker could share
        // them (never on a first import).
        let contacts_matter =
            !name_hits.is_empty() || !self.by_phone.is_empty() || !self.by_email.is_empty();
        let (phones, emails): (HashSet<String>, HashSet<String>) = if contacts_matter {
            (
                rec.phones
                    .iter()
                    .map(|p| normalize_phone(p))
                    .filter(|p| p.len() >= 7)
                    .collect(),
                rec.emails.iter().map(|m| m.trim().to_lowercase()).collect(),
            )
        } else {
            Default::default()
        };
        let contact = |i: usize| -> Option<&'static str> {
            let e = &existing[i];
            if e.phones
                .iter()
                .any(|p| phones.contains(&normalize_phone(p)))
            {
                Some("same_phone")
            } else if e
                .emails
                .iter()
                .any(|m| emails.contains(&m.trim().to_lowercase()))
            {
                Some("same_email")
            } else {
                None
            }
        };

        // 1. Employee id.
        let mut decided: Option<(usize, &'static str)> = None;
        if !id.is_empty() {
            if let Some(v) = self.by_id.get(&id) {
                if v.len() == 1 {
                    decided = Some((v[0], "employee_id"));
                }
            }
        }
        // An existing worker with a different employee id is not the same person by name alone.
        let id_compatible = |i: usize| match (&existing[i].employee_id, id.is_empty()) {
            (Some(e), false) if !e.trim().is_empty() => key_id(e) == id,
            _ => true,
        };
        // 2. Name backed by a phone or e-mail; 3. a name unique on our side.
        if decided.is_none() {
            let backed: Vec<usize> = name_hits
                .iter()
                .copied()
                .filter(|&i| contact(i).is_some() && id_compatible(i))
                .collect();
            let plain: Vec<usize> = name_hits
                .iter()
                .copied()
                .filter(|&i| id_compatible(i))
                .collect();
            if backed.len() == 1 {
                decided = Some((backed[0], "name_and_contact"));
            } else if backed.is_empty() && plain.len() == 1 {
                decided = Some((plain[0], "name"));
            }
        }
        if let Some((i, how)) = decided {
            if self.taken.contains_key(&i) {
                // Two rows claim one worker: let a person decide.
                self.out.ambiguous.push(AmbiguousRow {
                    candidates: vec![candidate(&existing[i], "same_name")],
                    record: rec,
                });
                return None;
            }
            self.taken.insert(i, rec.row);
            self.out.matched.push(MatchedRow {
                row: rec.row,
                worker_id: existing[i].id,
                name: existing[i].legal_name.clone(),
                matched_by: how.to_string(),
                changes: changes(&existing[i], &self.names[i], &rec, &name),
            });
            return None;
        }
        // Anything else that looks like someone we know is for a person to decide.
        let mut candidates: Vec<Candidate> = Vec::new();
        for &i in &name_hits {
            candidates.push(candidate(&existing[i], "same_name"));
        }
        let contact_hits = phones
            .iter()
            .filter_map(|p| self.by_phone.get(p))
            .chain(emails.iter().filter_map(|m| self.by_email.get(m)))
            .flatten()
            .copied();
        for i in contact_hits {
            if !candidates.iter().any(|c| c.worker_id == existing[i].id) {
                candidates.push(candidate(&existing[i], contact(i).unwrap_or("same_phone")));
            }
        }
        if candidates.is_empty() {
            Some(rec)
        } else {
            self.out.ambiguous.push(AmbiguousRow {
                record: rec,
                candidates,
            });
            None
        }
    }

    /// The result, with the campaign's active workers no row matched as missing.
    pub(crate) fn finish(self) -> Reconciliation {
        let mut out = self.out;
        out.missing = self
            .existing
            .iter()
            .enumerate()
            .filter(|(i, e)| e.status == WorkerStatus::Active && !self.taken.contains_key(i))
            .map(|(_, e)| MissingWorker {
                worker_id: e.id,
                name: e.legal_name.clone(),
                department: e.department.clone(),
                shift: e.shift.clone(),
            })
            .collect();
        out
    }
}

fn candidate(e: &Existing, reason: &str) -> Candidate {
    Candidate {
        worker_id: e.id,
        name: e.legal_name.clone(),
        department: e.department.clone(),
        shift: e.shift.clone(),
        reason: reason.to_string(),
    }
}

/// The fields the list would change: a non-empty value on the list that differs; phones and
/// e-mails the list adds. Nothing the organizer wrote (notes, tags, preferred name) is touched.
/// `e_name` and `r_name` are the two legal names in [`normalize_name`]'s form.
fn changes(e: &Existing, e_name: &str, r: &ImportedWorker, r_name: &str) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let mut text = |field: &str, old: &str, new: &str| {
        if !new.trim().is_empty() && old.trim() != new.trim() {
            out.push(FieldChange {
                field: field.into(),
                old: old.into(),
                new: new.trim().into(),
                write: new.trim().into(),
            });
        }
    };
    // "Peña, Ana" on the list is the Ana Peña we know: names compare in normalized form.
    if e_name != r_name {
        text("legalName", &e.legal_name, &r.legal_name);
    }
    text("department", &e.department, &r.department);
    text("shift", &e.shift, &r.shift);
    text("jobTitle", &e.job_title, &r.job_title);
    text("address", &e.address, &r.address);
    text(
        "hireDate",
        e.hire_date.as_deref().unwrap_or(""),
        r.hire_date.as_deref().unwrap_or(""),
    );
    text(
        "employeeId",
        e.employee_id.as_deref().unwrap_or(""),
        r.employee_id.as_deref().unwrap_or(""),
    );
    let known: HashSet<String> = e.phones.iter().map(|p| normalize_phone(p)).collect();
    let added: Vec<&String> = r
        .phones
        .iter()
        .filter(|p| !known.contains(&normalize_phone(p)))
        .collect();
    if !added.is_empty() {
        let merged: Vec<String> = e.phones.iter().chain(added).cloned().collect();
        out.push(FieldChange {
            field: "phones".into(),
            old: e.phones.join(", "),
            new: merged.join(", "),
            write: serde_json::to_string(&merged).unwrap_or_default(),
        });
    }
    let known: HashSet<String> = e.emails.iter().map(|m| m.to_lowercase()).collect();
    let added: Vec<&String> = r
        .emails
        .iter()
        .filter(|m| !known.contains(&m.to_lowercase()))
        .collect();
    if !added.is_empty() {
        let merged: Vec<String> = e.emails.iter().chain(added).cloned().collect();
        out.push(FieldChange {
            field: "emails".into(),
            old: e.emails.join(", "),
            new: merged.join(", "),
            write: serde_json::to_string(&merged).unwrap_or_default(),
        });
    }
    if e.status != WorkerStatus::Active {
        out.push(FieldChange {
            field: "status".into(),
            old: e.status.as_str().into(),
            new: "active".into(),
            write: "active".into(),
        });
    }
    out
}
