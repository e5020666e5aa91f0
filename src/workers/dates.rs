//! Day and instant helpers: days are `YYYY-MM-DD`, instants RFC 3339 in UTC.

use crate::error::{Error, Result};
use chrono::NaiveDate;

pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Validate an optional day typed by a person: `None` or empty stays `None`.
pub fn day(field: &str, value: Option<&str>) -> Result<Option<String>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .map(|d| Some(d.format("%Y-%m-%d").to_string()))
            .map_err(|_| {
                Error::InvalidInput(format!("{field}: \"{v}\" is not a date (YYYY-MM-DD)."))
            }),
    }
}

/// A day or an instant (a conversation's date may carry a time).
pub fn day_or_instant(field: &str, value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::InvalidInput(format!("{field} is required.")));
    }
    if NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok()
        || chrono::DateTime::parse_from_rfc3339(v).is_ok()
    {
        return Ok(v.to_string());
    }
    Err(Error::InvalidInput(format!(
        "{field}: \"{v}\" is not a date."
    )))
}

pub fn fmt(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}
