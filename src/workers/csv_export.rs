//! CSV export of the unit list. The file it writes is NOT encrypted: the CLI and the UI say so
//! before writing, and it is written only where the person chooses.

use crate::error::{Error, Result};
use crate::fsutil::atomic_write;
use rusqlite::Connection;
use std::path::Path;

/// The warning shown before an export.
pub const WARNING: &str = "The CSV file is not encrypted: anyone who gets it can read every name and phone number in it. \
Save it only where you must, and delete it when done.";

const HEADERS: &[&str] = &[
    "Employee ID",
    "Legal name",
    "Preferred name",
    "Pronouns",
    "Phones",
    "Emails",
    "Address",
    "Department",
    "Shift",
    "Job title",
    "Hire date",
    "Languages",
    "Assessment",
    "Committee",
    "Card signed",
    "Status",
    "Supervisor",
    "Tags",
    "Notes",
];

/// Every worker of the campaign as CSV bytes (UTF-8 with a BOM, so spreadsheet programs read
/// accents right).
pub fn to_csv(conn: &Connection, campaign_id: i64, today: &str) -> Result<Vec<u8>> {
    let mut out = Vec::from(&b"\xEF\xBB\xBF"[..]);
    {
        let mut w = csv::Writer::from_writer(&mut out);
        let csv_err = |e: csv::Error| Error::InvalidInput(format!("Could not write the CSV: {e}"));
        w.write_record(HEADERS).map_err(csv_err)?;
        let mut stmt = conn.prepare(
            "SELECT coalesce(employee_id, ''), legal_name, preferred_name, pronouns, phones, emails, address, department,
                    shift, job_title, coalesce(hire_date, ''), languages, coalesce(assessment, ''),
                    EXISTS (SELECT 1 FROM committee_term t WHERE t.worker_id = w.id AND t.from_date <= ?2
                            AND (t.to_date IS NULL OR t.to_date >= ?2)),
                    coalesce(card_signed_on, ''), status, is_supervisor, tags, notes
             FROM worker w WHERE campaign_id = ?1 ORDER BY department, shift, legal_name",
        )?;
        let mut rows = stmt.query(rusqlite::params![campaign_id, today])?;
        while let Some(r) = rows.next()? {
            let list = |i: usize| -> rusqlite::Result<String> {
                let v: Vec<String> =
                    serde_json::from_str(&r.get::<_, String>(i)?).unwrap_or_default();
                Ok(v.join("; "))
            };
            let text = |i: usize| -> rusqlite::Result<String> {
                Ok(match r.get_ref(i)? {
                    rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                    rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    _ => String::new(),
                })
            };
            let yes = |i: usize| -> rusqlite::Result<String> {
                Ok(if r.get::<_, bool>(i)? {
                    "yes".into()
                } else {
                    String::new()
                })
            };
            let record = [
                text(0)?,
                text(1)?,
                text(2)?,
                text(3)?,
                list(4)?,
                list(5)?,
                text(6)?,
                text(7)?,
                text(8)?,
                text(9)?,
                text(10)?,
                text(11)?,
                text(12)?,
                yes(13)?,
                text(14)?,
                text(15)?,
                yes(16)?,
                list(17)?,
                text(18)?,
            ];
            w.write_record(&record).map_err(csv_err)?;
        }
        w.flush().map_err(|e| Error::io("write", "CSV", e))?;
    }
    Ok(out)
}

/// Write the CSV to `path` (temp name, fsync, rename).
pub fn export(conn: &Connection, campaign_id: i64, today: &str, path: &Path) -> Result<usize> {
    let bytes = to_csv(conn, campaign_id, today)?;
    atomic_write(path, &bytes)?;
    Ok(bytes.len())
}
