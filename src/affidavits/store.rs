//! Affidavit drafts in the vault: create (with the first version), save (a new version on the
//! hash chain), status, history, one version, the links to incidents and evidence.

use super::chain::{self, VersionFields};
use super::model::{
    Affiant, AffidavitContent, AffidavitDraft, AffidavitLanguage, AffidavitNew, AffidavitSave,
    AffidavitStatus, AffidavitSummary, AffidavitVersion, AffidavitVersionInfo, AffidavitWitness,
};
use crate::error::{Error, Result};
use crate::workers::{dates, store as workers};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

/// The largest statement accepted (its JSON): a statement, not a document store.
pub const MAX_CONTENT_BYTES: usize = 1024 * 1024;
pub const MAX_PARAGRAPHS: usize = 1000;
pub const MAX_PARAGRAPH_CHARS: usize = 20_000;
pub const MAX_FIELD_CHARS: usize = 2_000;
pub const MAX_WITNESSES: usize = 200;

pub fn not_found(id: i64) -> Error {
    Error::InvalidInput(format!("There is no affidavit draft {id} in this vault."))
}

fn version_not_found(id: i64, seq: u32) -> Error {
    Error::InvalidInput(format!("Affidavit draft {id} has no version {seq}."))
}

/// Tidy one line of text: no control characters (tabs become spaces), trimmed.
fn line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\t' || c == '\n' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .to_string()
}

/// Tidy a paragraph: line breaks kept (as `\n`), other control characters dropped, each line's
/// trailing spaces and the paragraph's ends trimmed.
fn paragraph(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<String> = s
        .split('\n')
        .map(|l| {
            l.chars()
                .map(|c| if c == '\t' { ' ' } else { c })
                .filter(|c| !c.is_control())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect();
    lines.join("\n").trim().to_string()
}

fn too_long(what: &str, max: usize) -> Error {
    Error::InvalidInput(format!(
        "The {what} is too long (over {max} characters): shorten it."
    ))
}

fn field(what: &str, value: &str) -> Result<String> {
    let v = line(value);
    if v.chars().count() > MAX_FIELD_CHARS {
        return Err(too_long(what, MAX_FIELD_CHARS));
    }
    Ok(v)
}

/// Check and tidy a statement before it is saved. Empty paragraphs are dropped (the numbers are
/// those of the paragraphs that remain).
pub fn validate(content: &AffidavitContent) -> Result<AffidavitContent> {
    let a = &content.affiant;
    let name = field("affiant's name", &a.name)?;
    if name.is_empty() {
        return Err(Error::InvalidInput(
            "An affidavit needs the affiant's name.".into(),
        ));
    }
    let mut also_known_as: Vec<String> = Vec::new();
    for n in &a.also_known_as {
        let n = field("\"also known as\" name", n)?;
        if !n.is_empty() && n != name && !also_known_as.contains(&n) {
            also_known_as.push(n);
        }
    }
    let affiant = Affiant {
        name,
        also_known_as,
        job_title: field("job title", &a.job_title)?,
        department: field("department", &a.department)?,
        shift: field("shift", &a.shift)?,
        employed_since: dates::day("Employed since", a.employed_since.as_deref())?,
        contact_instead_of_address: a.contact_instead_of_address,
        address: field("address", &a.address)?,
        phone: field("phone number", &a.phone)?,
        email: field("e-mail address", &a.email)?,
    };
    let paragraphs: Vec<String> = content
        .paragraphs
        .iter()
        .map(|p| paragraph(p))
        .filter(|p| !p.is_empty())
        .collect();
    if paragraphs.len() > MAX_PARAGRAPHS {
        return Err(Error::InvalidInput(format!(
            "A statement holds at most {MAX_PARAGRAPHS} paragraphs."
        )));
    }
    if let Some(i) = paragraphs
        .iter()
        .position(|p| p.chars().count() > MAX_PARAGRAPH_CHARS)
    {
        return Err(Error::InvalidInput(format!(
            "Paragraph {} is too long (over {MAX_PARAGRAPH_CHARS} characters): split it.",
            i + 1
        )));
    }
    let mut witnesses = Vec::new();
    for w in &content.witnesses {
        let name = field("witness's name", &w.name)?;
        let details = field("witness's details", &w.details)?;
        if name.is_empty() && details.is_empty() {
            continue;
        }
        if name.is_empty() {
            return Err(Error::InvalidInput(format!(
                "A witness needs a name (the one described as \"{details}\")."
            )));
        }
        witnesses.push(AffidavitWitness {
            name,
            worker_id: w.worker_id,
            details,
        });
    }
    if witnesses.len() > MAX_WITNESSES {
        return Err(Error::InvalidInput(format!(
            "A statement names at most {MAX_WITNESSES} witnesses."
        )));
    }
    Ok(AffidavitContent {
        language: content.language,
        affiant,
        paragraphs,
        witnesses,
    })
}

fn who(saved_by: &str) -> Result<String> {
    let by = line(saved_by);
    if by.is_empty() {
        return Err(Error::InvalidInput(
            "Say who is saving this version (your name or initials).".into(),
        ));
    }
    if by.chars().count() > 200 {
        return Err(too_long("name of who saved it", 200));
    }
    Ok(by)
}

fn to_json(content: &AffidavitContent) -> Result<String> {
    let json = serde_json::to_string(content)
        .map_err(|e| Error::InvalidInput(format!("The statement cannot be stored: {e}")))?;
    if json.len() > MAX_CONTENT_BYTES {
        return Err(Error::InvalidInput(format!(
            "The statement is too large to save (over 1 MiB; this one is {} bytes).",
            json.len()
        )));
    }
    Ok(json)
}

fn from_json(id: i64, seq: i64, json: &str) -> Result<AffidavitContent> {
    serde_json::from_str(json).map_err(|e| {
        Error::DatabaseCorrupt(format!(
            "version {seq} of affidavit draft {id} is not a readable statement: {e}"
        ))
    })
}

/// A first statement for a new draft, from the worker's record: their names, job, and contact
/// details (an e-mail at the employer's domain is left out: employers read those), in Spanish when
/// the worker's languages name it (unless `language` says otherwise), with the witnesses of the
/// given incidents (the affiant aside). Nothing is saved.
pub fn prefill(
    conn: &Connection,
    affiant_id: i64,
    language: Option<AffidavitLanguage>,
    incident_ids: &[i64],
    today: NaiveDate,
) -> Result<AffidavitContent> {
    let w = workers::get(conn, affiant_id, today)?;
    let f = &w.fields;
    // The first language the record lists is taken as the one they speak best.
    let language = language.unwrap_or_else(|| {
        let first = f
            .languages
            .split(',')
            .next()
            .unwrap_or("")
            .trim()
            .to_lowercase();
        if ["spanish", "español", "espanol"].contains(&first.as_str()) {
            AffidavitLanguage::Es
        } else {
            AffidavitLanguage::En
        }
    });
    let email = f
        .emails
        .iter()
        .find(|e| !w.work_emails.contains(e))
        .cloned()
        .unwrap_or_default();
    let also_known_as = if f.preferred_name.is_empty() || f.preferred_name == f.legal_name {
        vec![]
    } else {
        vec![f.preferred_name.clone()]
    };
    Ok(AffidavitContent {
        language,
        affiant: Affiant {
            name: f.legal_name.clone(),
            also_known_as,
            job_title: f.job_title.clone(),
            department: f.department.clone(),
            shift: f.shift.clone(),
            employed_since: f.hire_date.clone(),
            contact_instead_of_address: f.address.is_empty(),
            address: f.address.clone(),
            phone: f.phones.first().cloned().unwrap_or_default(),
            email,
        },
        paragraphs: vec![],
        witnesses: incident_witnesses(conn, w.campaign_id, affiant_id, incident_ids)?,
    })
}

/// The workers named as witnesses of these incidents (of the campaign), the affiant aside, each
/// once, with their job, department and shift as details.
pub fn incident_witnesses(
    conn: &Connection,
    campaign_id: i64,
    affiant_id: i64,
    incident_ids: &[i64],
) -> Result<Vec<AffidavitWitness>> {
    let mut stmt = conn.prepare_cached(
        "SELECT w.id, w.legal_name, w.job_title, w.department, w.shift
         FROM incident_person p JOIN incident i ON i.id = p.incident_id
         JOIN worker w ON w.id = p.worker_id
         WHERE p.incident_id = ?1 AND p.role = 'witness' AND i.campaign_id = ?2 AND w.id <> ?3
         ORDER BY p.id",
    )?;
    let mut witnesses: Vec<AffidavitWitness> = Vec::new();
    for incident in unique(incident_ids) {
        let rows = stmt.query_map(params![incident, campaign_id, affiant_id], |r| {
            let parts: Vec<String> = [r.get::<_, String>(2)?, r.get(3)?, r.get(4)?]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
            Ok(AffidavitWitness {
                worker_id: Some(r.get(0)?),
                name: r.get(1)?,
                details: parts.join(", "),
            })
        })?;
        for witness in rows {
            let witness = witness?;
            if !witnesses.iter().any(|x| x.worker_id == witness.worker_id) {
                witnesses.push(witness);
            }
        }
    }
    Ok(witnesses)
}

/// The worker's campaign, or an error naming them.
fn affiant_campaign(conn: &Connection, affiant_id: i64) -> Result<i64> {
    conn.query_row(
        "SELECT campaign_id FROM worker WHERE id = ?1",
        [affiant_id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| workers::not_found(affiant_id))
}

/// Create a draft for `input.affiant_id` with its first version. Returns the draft's id.
pub fn create(conn: &mut Connection, input: &AffidavitNew) -> Result<i64> {
    let tx = conn.transaction()?;
    let uid = uuid::Uuid::new_v4().to_string();
    let id = insert(&tx, input, &uid, &dates::now())?;
    tx.commit()?;
    Ok(id)
}

/// Create a draft with the identity `uid` (a UUID), saved at `at` (RFC 3339), inside the
/// caller's transaction.
pub(crate) fn insert(conn: &Connection, input: &AffidavitNew, uid: &str, at: &str) -> Result<i64> {
    let content = validate(&input.content)?;
    let by = who(&input.saved_by)?;
    let campaign_id = affiant_campaign(conn, input.affiant_id)?;
    conn.execute(
        "INSERT INTO affidavit (campaign_id, affiant_id, uid, status, status_at, status_by, created_at, created_by)
         VALUES (?1, ?2, ?3, 'draft', ?4, ?5, ?4, ?5)",
        params![campaign_id, input.affiant_id, uid, at, by],
    )?;
    let id = conn.last_insert_rowid();
    append(conn, id, &content, &by, &input.note, at)?;
    set_incidents(conn, id, campaign_id, &input.incident_ids)?;
    set_evidence(conn, id, campaign_id, &input.evidence_ids)?;
    Ok(id)
}

/// Add a version saved at `at` (RFC 3339), inside the caller's transaction: checked, and always
/// a new version.
pub(crate) fn add_version(
    conn: &Connection,
    id: i64,
    content: &AffidavitContent,
    saved_by: &str,
    note: &str,
    at: &str,
) -> Result<u32> {
    append(conn, id, &validate(content)?, &who(saved_by)?, note, at)
}

/// Add a version on top of the chain's head (inside the caller's transaction). Returns its seq.
fn append(
    tx: &Connection,
    id: i64,
    content: &AffidavitContent,
    saved_by: &str,
    note: &str,
    saved_at: &str,
) -> Result<u32> {
    let (uid, head_seq, head_hash): (String, i64, String) = tx
        .query_row(
            "SELECT uid, head_seq, head_hash FROM affidavit WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or_else(|| not_found(id))?;
    let note = line(note);
    if note.chars().count() > MAX_FIELD_CHARS {
        return Err(too_long("note", MAX_FIELD_CHARS));
    }
    let json = to_json(content)?;
    let seq = u32::try_from(head_seq + 1)
        .map_err(|_| Error::DatabaseCorrupt(format!("affidavit draft {id}'s head is invalid")))?;
    let prev_hash = if head_seq == 0 {
        chain::genesis(&uid)
    } else {
        head_hash
    };
    let hash = chain::hash(&VersionFields {
        seq,
        saved_at,
        saved_by,
        note: &note,
        content: &json,
        prev_hash: &prev_hash,
    });
    tx.execute(
        "INSERT INTO affidavit_version (affidavit_id, seq, saved_at, saved_by, note, content, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![id, seq, saved_at, saved_by, note, json, prev_hash, hash],
    )?;
    tx.execute(
        "UPDATE affidavit SET head_seq = ?2, head_hash = ?3 WHERE id = ?1",
        params![id, seq, hash],
    )?;
    Ok(seq)
}

/// Save a new version. When the statement is the same as the newest version's, no version is
/// added (only the links change, if given). Returns the newest version's seq.
pub fn save(conn: &mut Connection, id: i64, input: &AffidavitSave) -> Result<u32> {
    let content = validate(&input.content)?;
    let by = who(&input.saved_by)?;
    let tx = conn.transaction()?;
    let (campaign_id, head_seq): (i64, i64) = tx
        .query_row(
            "SELECT campaign_id, head_seq FROM affidavit WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| not_found(id))?;
    let newest: Option<String> = tx
        .query_row(
            "SELECT content FROM affidavit_version WHERE affidavit_id = ?1 AND seq = ?2",
            params![id, head_seq],
            |r| r.get(0),
        )
        .optional()?;
    let seq = if newest.as_deref() == Some(to_json(&content)?.as_str()) {
        head_seq as u32
    } else {
        append(&tx, id, &content, &by, &input.note, &dates::now())?
    };
    if let Some(ids) = &input.incident_ids {
        set_incidents(&tx, id, campaign_id, ids)?;
    }
    if let Some(ids) = &input.evidence_ids {
        set_evidence(&tx, id, campaign_id, ids)?;
    }
    tx.commit()?;
    Ok(seq)
}

fn unique(ids: &[i64]) -> Vec<i64> {
    let mut v = ids.to_vec();
    v.sort_unstable();
    v.dedup();
    v
}

/// Replace the incidents a draft covers; each must belong to the draft's campaign.
fn set_incidents(tx: &Connection, id: i64, campaign_id: i64, ids: &[i64]) -> Result<()> {
    tx.execute(
        "DELETE FROM affidavit_incident WHERE affidavit_id = ?1",
        [id],
    )?;
    for incident in unique(ids) {
        let campaign: Option<i64> = tx
            .query_row(
                "SELECT campaign_id FROM incident WHERE id = ?1",
                [incident],
                |r| r.get(0),
            )
            .optional()?;
        match campaign {
            None => {
                return Err(Error::InvalidInput(format!(
                    "There is no incident {incident} in this vault."
                )))
            }
            Some(c) if c != campaign_id => {
                return Err(Error::InvalidInput(format!(
                    "Incident {incident} belongs to another campaign than this affidavit."
                )))
            }
            Some(_) => {}
        }
        tx.execute(
            "INSERT INTO affidavit_incident (affidavit_id, incident_id) VALUES (?1, ?2)",
            params![id, incident],
        )?;
    }
    Ok(())
}

/// Replace the evidence files a draft relies on; each must be a file of the draft's campaign.
fn set_evidence(tx: &Connection, id: i64, campaign_id: i64, ids: &[i64]) -> Result<()> {
    tx.execute(
        "DELETE FROM affidavit_evidence WHERE affidavit_id = ?1",
        [id],
    )?;
    for evidence in unique(ids) {
        let campaign: Option<i64> = tx
            .query_row(
                "SELECT campaign_id FROM evidence WHERE id = ?1 AND state = 'ready'",
                [evidence],
                |r| r.get(0),
            )
            .optional()?;
        match campaign {
            None => {
                return Err(Error::InvalidInput(format!(
                    "There is no evidence file {evidence} in this vault."
                )))
            }
            Some(c) if c != campaign_id => {
                return Err(Error::InvalidInput(format!(
                    "Evidence file {evidence} belongs to another campaign than this affidavit."
                )))
            }
            Some(_) => {}
        }
        tx.execute(
            "INSERT INTO affidavit_evidence (affidavit_id, evidence_id) VALUES (?1, ?2)",
            params![id, evidence],
        )?;
    }
    Ok(())
}

/// The Board's case numbers of the incidents a draft covers (those that have one), oldest
/// incident first.
pub fn case_numbers(conn: &Connection, id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT trim(i.case_number) FROM affidavit_incident l
         JOIN incident i ON i.id = l.incident_id
         WHERE l.affidavit_id = ?1 AND trim(i.case_number) <> ''
         ORDER BY i.occurred_on, i.id",
    )?;
    let rows = stmt.query_map([id], |r| r.get::<_, String>(0))?;
    let mut out: Vec<String> = Vec::new();
    for n in rows {
        let n = n?;
        if !out.contains(&n) {
            out.push(n);
        }
    }
    Ok(out)
}

/// Set the status. `ready_for_counsel` and `sent` are given on the newest version (recorded as
/// `statusSeq`); `draft` reopens it.
pub fn set_status(conn: &Connection, id: i64, status: AffidavitStatus, by: &str) -> Result<()> {
    set_status_at(conn, id, status, by, &dates::now())
}

/// Set the status as of `at` (RFC 3339).
pub(crate) fn set_status_at(
    conn: &Connection,
    id: i64,
    status: AffidavitStatus,
    by: &str,
    at: &str,
) -> Result<()> {
    let by = line(by);
    let changed = conn.execute(
        "UPDATE affidavit SET status = ?2,
            status_seq = CASE WHEN ?2 = 'draft' THEN NULL ELSE head_seq END,
            status_at = ?3, status_by = ?4
         WHERE id = ?1",
        params![id, status.as_str(), at, by],
    )?;
    if changed == 0 {
        return Err(not_found(id));
    }
    Ok(())
}

const SUMMARY_SQL: &str = "
    SELECT a.id, a.campaign_id, a.affiant_id, a.status, a.status_seq, a.status_at, a.status_by,
           a.head_seq, a.head_hash, a.created_at, a.created_by,
           v.content, coalesce(v.saved_at, ''), coalesce(v.saved_by, ''), coalesce(v.note, ''),
           coalesce(w.legal_name, ''),
           (SELECT coalesce(json_group_array(incident_id), '[]') FROM
               (SELECT incident_id FROM affidavit_incident WHERE affidavit_id = a.id ORDER BY incident_id)),
           (SELECT coalesce(json_group_array(evidence_id), '[]') FROM
               (SELECT evidence_id FROM affidavit_evidence WHERE affidavit_id = a.id ORDER BY evidence_id))
    FROM affidavit a
    LEFT JOIN affidavit_version v ON v.affidavit_id = a.id AND v.seq = a.head_seq
    LEFT JOIN worker w ON w.id = a.affiant_id";

fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<(AffidavitSummary, Option<String>)> {
    let status: String = r.get(3)?;
    let ids = |i: usize| -> rusqlite::Result<Vec<i64>> {
        let json: String = r.get(i)?;
        Ok(serde_json::from_str(&json).unwrap_or_default())
    };
    Ok((
        AffidavitSummary {
            id: r.get(0)?,
            campaign_id: r.get(1)?,
            affiant_id: r.get(2)?,
            affiant_name: r.get(15)?,
            language: AffidavitLanguage::En,
            status: AffidavitStatus::parse(&status).unwrap_or_default(),
            status_seq: r.get(4)?,
            status_at: r.get(5)?,
            status_by: r.get(6)?,
            head_seq: r.get(7)?,
            head_hash: r.get(8)?,
            created_at: r.get(9)?,
            created_by: r.get(10)?,
            last_saved_at: r.get(12)?,
            last_saved_by: r.get(13)?,
            last_note: r.get(14)?,
            incident_ids: ids(16)?,
            evidence_ids: ids(17)?,
        },
        r.get(11)?,
    ))
}

/// The name and language come from the newest version (falling back to the worker's name).
fn finish_summary((mut s, content): (AffidavitSummary, Option<String>)) -> AffidavitSummary {
    if let Some(c) = content.and_then(|c| serde_json::from_str::<AffidavitContent>(&c).ok()) {
        s.language = c.language;
        if !c.affiant.name.is_empty() {
            s.affiant_name = c.affiant.name;
        }
    }
    s
}

pub fn summary(conn: &Connection, id: i64) -> Result<AffidavitSummary> {
    let row = conn
        .prepare_cached(&format!("{SUMMARY_SQL} WHERE a.id = ?1"))?
        .query_row([id], summary_from_row)
        .optional()?
        .ok_or_else(|| not_found(id))?;
    Ok(finish_summary(row))
}

/// A campaign's drafts, the most recently saved first.
pub fn list(conn: &Connection, campaign_id: i64) -> Result<Vec<AffidavitSummary>> {
    crate::workers::campaign::get(conn, campaign_id)?;
    let mut stmt = conn.prepare_cached(&format!(
        "{SUMMARY_SQL} WHERE a.campaign_id = ?1 ORDER BY v.saved_at DESC, a.id DESC"
    ))?;
    let rows = stmt.query_map([campaign_id], summary_from_row)?;
    let rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows.into_iter().map(finish_summary).collect())
}

/// One version (the newest when `seq` is `None`).
pub fn version(conn: &Connection, id: i64, seq: Option<u32>) -> Result<AffidavitVersion> {
    let head: i64 = conn
        .query_row("SELECT head_seq FROM affidavit WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(|| not_found(id))?;
    let seq = seq.map_or(head, i64::from);
    let row = conn
        .prepare_cached(
            "SELECT seq, saved_at, saved_by, note, hash, prev_hash, content
             FROM affidavit_version WHERE affidavit_id = ?1 AND seq = ?2",
        )?
        .query_row(params![id, seq], |r| {
            Ok((
                r.get::<_, u32>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })
        .optional()?
        .ok_or_else(|| version_not_found(id, seq as u32))?;
    Ok(AffidavitVersion {
        seq: row.0,
        saved_at: row.1,
        saved_by: row.2,
        note: row.3,
        hash: row.4,
        prev_hash: row.5,
        content: from_json(id, seq, &row.6)?,
    })
}

/// A draft with one version (the newest when `seq` is `None`).
pub fn load(conn: &Connection, id: i64, seq: Option<u32>) -> Result<AffidavitDraft> {
    Ok(AffidavitDraft {
        summary: summary(conn, id)?,
        version: version(conn, id, seq)?,
    })
}

fn count_words(paragraphs: &[String]) -> u32 {
    paragraphs
        .iter()
        .map(|p| p.split_whitespace().count() as u32)
        .sum()
}

/// The versions of a draft, newest first, without their content.
pub fn history(conn: &Connection, id: i64) -> Result<Vec<AffidavitVersionInfo>> {
    summary(conn, id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT seq, saved_at, saved_by, note, hash, content
         FROM affidavit_version WHERE affidavit_id = ?1 ORDER BY seq DESC",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, u32>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (seq, saved_at, saved_by, note, hash, json) = row?;
        let content = from_json(id, seq.into(), &json)?;
        out.push(AffidavitVersionInfo {
            seq,
            saved_at,
            saved_by,
            note,
            hash,
            words: count_words(&content.paragraphs),
            paragraphs: content.paragraphs.len() as u32,
        });
    }
    Ok(out)
}
