//! Rows of a [`Table`] turned into [`ImportedWorker`] records through a [`ColumnMapping`].

use super::dates::{detect_day_order, iso_day, parse_date, DayOrder};
use super::mapping::{ColumnMapping, Field};
use super::normalize::{looks_like_work_email, normalize_email, normalize_phone};
use super::read::Table;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Cell values that mean "nothing here" in a phone or email column.
const PLACEHOLDERS: &[&str] = &[
    "-",
    "--",
    "—",
    "n/a",
    "na",
    "none",
    "null",
    "unknown",
    "no",
    "ninguno",
    "no tiene",
    "sin correo",
    "sin telefono",
    "sin teléfono",
    "?",
];

/// One worker as read from a row of the employer's list, cleaned up but not yet matched
/// against the vault. Text fields are trimmed ("" when absent).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ImportedWorker {
    /// The 1-based row in the file, as a spreadsheet shows it.
    pub row: usize,
    pub employee_id: Option<String>,
    /// From the legal-name column, or else "First Last"; whitespace collapsed.
    pub legal_name: String,
    pub preferred_name: String,
    pub pronouns: String,
    /// As written, one per number, without duplicates (compared by [`normalize_phone`]).
    pub phones: Vec<String>,
    /// Lowercased, validated, without duplicates.
    pub emails: Vec<String>,
    /// Address columns joined with ", ".
    pub address: String,
    pub department: String,
    pub shift: String,
    pub job_title: String,
    /// `YYYY-MM-DD`.
    pub hire_date: Option<String>,
    pub languages: String,
    /// Notes columns joined with line breaks.
    pub notes: String,
    pub tags: Vec<String>,
}

impl ImportedWorker {
    /// This worker's emails at one of the employer's domains (see [`looks_like_work_email`]).
    pub fn work_emails<'a>(&'a self, employer_domains: &'a [String]) -> Vec<&'a str> {
        self.emails
            .iter()
            .filter(|e| looks_like_work_email(e, employer_domains))
            .map(String::as_str)
            .collect()
    }
}

fn cell_error(row: usize, column: &str, message: impl std::fmt::Display) -> Error {
    Error::InvalidInput(format!("Row {row}, column \"{column}\": {message}"))
}

fn is_placeholder(v: &str) -> bool {
    // No placeholder has a digit or an `@`, and lowercasing neither makes nor removes one: a
    // phone number or an address is answered without lowercasing a copy of it.
    if v.bytes().any(|b| b.is_ascii_digit() || b == b'@') {
        return false;
    }
    let v = v.trim().to_lowercase();
    PLACEHOLDERS.contains(&v.as_str())
}

fn push_joined(target: &mut String, value: &str, sep: &str) {
    if !target.is_empty() {
        target.push_str(sep);
    }
    target.push_str(value);
}

fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_collapsed(&mut out, s);
    out
}

/// Appends the words of `s` separated by single spaces (a space first if `out` has text).
fn push_collapsed(out: &mut String, s: &str) {
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// Adds the numbers in `value` (separated by `;` `/` `,` or line breaks). Pieces without any
/// digit ("home", "n/a") are skipped; a piece with digits must have 7 to 15 of them.
fn add_phones(phones: &mut Vec<String>, value: &str, row: usize, column: &str) -> Result<()> {
    if is_placeholder(value) {
        return Ok(());
    }
    for piece in value.split([';', '/', ',', '\n', '\r']).map(str::trim) {
        let digits = normalize_phone(piece);
        if digits.is_empty() {
            continue;
        }
        if !(7..=15).contains(&digits.len()) {
            return Err(cell_error(
                row,
                column,
                format!("\"{piece}\" is not a phone number."),
            ));
        }
        if !phones.iter().any(|p| normalize_phone(p) == digits) {
            phones.push(piece.to_string());
        }
    }
    Ok(())
}

/// Adds the addresses in `value` (separated by `;` `,` or whitespace), lowercased.
fn add_emails(emails: &mut Vec<String>, value: &str, row: usize, column: &str) -> Result<()> {
    if is_placeholder(value) {
        return Ok(());
    }
    for piece in value
        .split(|c: char| c == ';' || c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
    {
        let email = normalize_email(piece).ok_or_else(|| {
            cell_error(row, column, format!("\"{piece}\" is not an email address."))
        })?;
        if !emails.contains(&email) {
            emails.push(email);
        }
    }
    Ok(())
}

fn add_tags(tags: &mut Vec<String>, value: &str) {
    for t in value
        .split([';', ','])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        if !tags.iter().any(|x| x.to_lowercase() == t.to_lowercase()) {
            tags.push(t.to_string());
        }
    }
}

/// The workers in `table` under `mapping` (checked first with [`ColumnMapping::validate`]).
/// All or nothing: the first bad cell is an error naming its row and column. Rows whose mapped
/// cells are all empty are skipped; any other row needs a name. Dates: see [`parse_date`];
/// slashed dates are read day first (`25/12/2020`) when that column's values show it.
pub fn records(table: &Table, mapping: &ColumnMapping) -> Result<Vec<ImportedWorker>> {
    let reader = RecordReader::new(table, mapping)?;
    let mut out = Vec::with_capacity(table.rows.len());
    for i in 0..reader.len() {
        if let Some(w) = reader.record(i)? {
            out.push(w);
        }
    }
    Ok(out)
}

/// [`records`] one row at a time (an import reads the rows on one thread while another writes
/// them): the mapping checked and each date column's day order found once, up front.
pub(crate) struct RecordReader<'a> {
    table: &'a Table,
    mapping: &'a ColumnMapping,
    day_orders: Vec<DayOrder>,
    name_column: &'a str,
}

impl<'a> RecordReader<'a> {
    pub(crate) fn new(table: &'a Table, mapping: &'a ColumnMapping) -> Result<Self> {
        mapping.validate(&table.headers)?;
        let day_orders: Vec<DayOrder> = mapping
            .columns
            .iter()
            .enumerate()
            .map(|(c, f)| match f {
                Field::HireDate => detect_day_order(
                    table
                        .rows
                        .iter()
                        .map(|r| r.get(c).map_or("", String::as_str)),
                ),
                _ => DayOrder::default(),
            })
            .collect();
        let name_column = [Field::LegalName, Field::FirstName, Field::LastName]
            .into_iter()
            .find_map(|f| mapping.columns_for(f).next())
            .map_or("", |c| table.headers[c].as_str());
        Ok(RecordReader {
            table,
            mapping,
            day_orders,
            name_column,
        })
    }

    /// The number of rows in the table.
    pub(crate) fn len(&self) -> usize {
        self.table.rows.len()
    }

    /// The worker on the table's row `i`; `None` when its mapped cells are all empty.
    pub(crate) fn record(&self, i: usize) -> Result<Option<ImportedWorker>> {
        let (table, mapping) = (self.table, self.mapping);
        let cells = &table.rows[i];
        let row = table
            .row_numbers
            .get(i)
            .copied()
            .unwrap_or(table.header_row + i + 1);
        let mapped = || {
            cells
                .iter()
                .zip(&mapping.columns)
                .filter(|(_, f)| **f != Field::Ignore)
        };
        if mapped().all(|(v, _)| v.trim().is_empty()) {
            return Ok(None);
        }
        let mut w = ImportedWorker {
            row,
            ..Default::default()
        };
        let (mut first, mut last) = (String::new(), String::new());
        for (c, (value, field)) in cells.iter().zip(&mapping.columns).enumerate() {
            let v = value.trim();
            if v.is_empty() {
                continue;
            }
            let column = table.headers[c].as_str();
            match field {
                Field::EmployeeId => w.employee_id = Some(v.to_string()),
                Field::LegalName => w.legal_name = collapse_whitespace(v),
                Field::FirstName => push_joined(&mut first, v, " "),
                Field::LastName => push_joined(&mut last, v, " "),
                Field::PreferredName => w.preferred_name = collapse_whitespace(v),
                Field::Pronouns => w.pronouns = v.to_string(),
                Field::Phone => add_phones(&mut w.phones, v, row, column)?,
                Field::Email => add_emails(&mut w.emails, v, row, column)?,
                Field::Address => push_joined(&mut w.address, v, ", "),
                Field::Department => w.department = v.to_string(),
                Field::Shift => w.shift = v.to_string(),
                Field::JobTitle => w.job_title = v.to_string(),
                Field::HireDate => {
                    let date = parse_date(v, self.day_orders[c]).ok_or_else(|| {
                        cell_error(row, column, format!("\"{v}\" is not a date."))
                    })?;
                    w.hire_date = Some(iso_day(date));
                }
                Field::Languages => w.languages = v.to_string(),
                Field::Notes => push_joined(&mut w.notes, v, "\n"),
                Field::Tags => add_tags(&mut w.tags, v),
                Field::Ignore => {}
            }
        }
        if w.legal_name.is_empty() {
            // "First Last", whitespace collapsed.
            push_collapsed(&mut w.legal_name, &first);
            push_collapsed(&mut w.legal_name, &last);
        }
        if w.legal_name.is_empty() {
            return Err(cell_error(
                row,
                self.name_column,
                "the name is empty. Every worker needs a name: fill it in, or delete the row.",
            ));
        }
        Ok(Some(w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_and_emails_are_split_and_checked() {
        let mut p = Vec::new();
        add_phones(&mut p, "(555) 123-4567 / 555.987.6543; home", 2, "Cell").unwrap();
        add_phones(&mut p, "+1 555 123 4567", 2, "Home").unwrap();
        add_phones(&mut p, "N/A", 2, "Home").unwrap();
        assert_eq!(p, ["(555) 123-4567", "555.987.6543"]);
        let e = add_phones(&mut p, "12", 4, "Cell").unwrap_err();
        assert_eq!(
            e.to_string(),
            "Row 4, column \"Cell\": \"12\" is not a phone number."
        );

        let mut m = Vec::new();
        add_emails(&mut m, "Ana@X.org; ana@x.org, b@y.com", 2, "Email").unwrap();
        add_emails(&mut m, "none", 2, "Email").unwrap();
        assert_eq!(m, ["ana@x.org", "b@y.com"]);
        let e = add_emails(&mut m, "ana@", 9, "Correo").unwrap_err();
        assert_eq!(
            e.to_string(),
            "Row 9, column \"Correo\": \"ana@\" is not an email address."
        );
    }

    #[test]
    fn tags_are_deduplicated() {
        let mut t = Vec::new();
        add_tags(&mut t, "night crew; Forklift, forklift,");
        assert_eq!(t, ["night crew", "Forklift"]);
    }
}
