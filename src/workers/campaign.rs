//! Campaigns: create, read, update (with what happens to the values of renamed and removed
//! custom fields), list, and how many workers hold a value for each custom field.

use super::dates;
use super::model::{Campaign, CampaignInput, CustomFieldChanges, CustomFieldUsage};
use crate::error::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::BTreeMap;

/// The issues a new campaign starts with; the campaign can change the list.
pub const DEFAULT_ISSUES: &[&str] = &[
    "pay",
    "safety",
    "scheduling",
    "respect",
    "workload",
    "benefits",
    "favoritism",
    "job security",
];
pub const DEFAULT_CARD_STALE_DAYS: i64 = 365;

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

pub fn create(conn: &mut Connection, input: &CampaignInput) -> Result<Campaign> {
    validate(input)?;
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO campaign (name, employer, worksites, unit_description, unit_size, card_stale_days, employer_domains, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            input.name.trim(),
            input.employer.trim(),
            input.worksites.trim(),
            input.unit_description.trim(),
            input.unit_size,
            input.card_stale_days.unwrap_or(DEFAULT_CARD_STALE_DAYS),
            json(&normalize_domains(&input.employer_domains)),
            dates::now()
        ],
    )?;
    let id = tx.last_insert_rowid();
    let issues: Vec<String> = if input.issues.is_empty() {
        DEFAULT_ISSUES.iter().map(|s| s.to_string()).collect()
    } else {
        input.issues.clone()
    };
    set_lists(&tx, id, &issues, &input.custom_fields)?;
    tx.commit()?;
    get(conn, id)
}

pub fn update(conn: &mut Connection, id: i64, input: &CampaignInput) -> Result<Campaign> {
    update_with(conn, id, input, &CustomFieldChanges::default())
}

/// Update a campaign, and in the same transaction move the workers' values of renamed custom
/// fields to their new names and erase the values of the removed fields listed in
/// `changes.erase`. Without either, a removed field's values stay in the workers' records
/// (hidden; a field added back under the same name shows them again).
pub fn update_with(
    conn: &mut Connection,
    id: i64,
    input: &CampaignInput,
    changes: &CustomFieldChanges,
) -> Result<Campaign> {
    validate(input)?;
    let fields: Vec<&str> = input
        .custom_fields
        .iter()
        .map(|f| f.trim())
        .filter(|f| !f.is_empty())
        .collect();
    let renamed: Vec<(&str, &str)> = changes
        .renamed
        .iter()
        .map(|(from, to)| (from.trim(), to.trim()))
        .filter(|(from, to)| from != to)
        .collect();
    for (from, to) in &renamed {
        if from.is_empty() || !fields.contains(to) {
            return Err(Error::InvalidInput(format!(
                "The custom field “{from}” can only be renamed to a field of the campaign."
            )));
        }
        // The old name may stay a field only as another field's new name (a swap).
        if fields.contains(from) && !renamed.iter().any(|(_, other)| other == from) {
            return Err(Error::InvalidInput(format!(
                "The custom field “{from}” cannot be renamed and kept at once."
            )));
        }
    }
    let erase: Vec<&str> = changes
        .erase
        .iter()
        .map(|f| f.trim())
        .filter(|f| !f.is_empty())
        .collect();
    if let Some(kept) = erase.iter().find(|f| fields.contains(*f)) {
        return Err(Error::InvalidInput(format!(
            "The values of “{kept}” cannot be erased: it is still a field of the campaign."
        )));
    }
    let tx = conn.transaction()?;
    let n = tx.execute(
        "UPDATE campaign SET name = ?2, employer = ?3, worksites = ?4, unit_description = ?5, unit_size = ?6,
                card_stale_days = ?7, employer_domains = ?8 WHERE id = ?1",
        params![
            id,
            input.name.trim(),
            input.employer.trim(),
            input.worksites.trim(),
            input.unit_description.trim(),
            input.unit_size,
            input.card_stale_days.unwrap_or(DEFAULT_CARD_STALE_DAYS),
            json(&normalize_domains(&input.employer_domains))
        ],
    )?;
    if n == 0 {
        return Err(not_found(id));
    }
    if !input.issues.is_empty() {
        tx.execute("DELETE FROM campaign_issue WHERE campaign_id = ?1", [id])?;
        set_lists(&tx, id, &input.issues, &[])?;
    }
    tx.execute("DELETE FROM custom_field WHERE campaign_id = ?1", [id])?;
    set_lists(&tx, id, &[], &input.custom_fields)?;
    if !renamed.is_empty() || !erase.is_empty() {
        move_values(&tx, id, &renamed, &erase)?;
    }
    tx.commit()?;
    get(conn, id)
}

/// Rewrite the custom values of the campaign's workers that hold a renamed or erased field.
fn move_values(
    tx: &rusqlite::Transaction<'_>,
    campaign_id: i64,
    renamed: &[(&str, &str)],
    erase: &[&str],
) -> Result<()> {
    let touched: Vec<(i64, String)> = {
        let mut stmt = tx.prepare(
            "SELECT id, custom FROM worker WHERE campaign_id = ?1 AND custom NOT IN ('', '{}')",
        )?;
        let rows = stmt.query_map([campaign_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut update = tx.prepare("UPDATE worker SET custom = ?2 WHERE id = ?1")?;
    for (worker_id, text) in touched {
        let Ok(mut custom) = serde_json::from_str::<BTreeMap<String, String>>(&text) else {
            continue;
        };
        let mut changed = false;
        // Take every renamed value out first, so that swaps and chains land right.
        let mut moving = Vec::new();
        for (from, to) in renamed {
            if let Some(value) = custom.remove(*from) {
                changed = true;
                moving.push((*to, value));
            }
        }
        for (to, value) in moving {
            if !value.is_empty() || !custom.contains_key(to) {
                custom.insert(to.to_string(), value);
            }
        }
        for name in erase {
            changed |= custom.remove(*name).is_some();
        }
        if changed {
            update.execute(params![worker_id, json(&custom)])?;
        }
    }
    Ok(())
}

/// How many of the campaign's workers hold a value for each custom field: the fields the
/// campaign defines (0 when nobody has a value), then the hidden values of removed fields.
pub fn custom_field_usage(conn: &Connection, id: i64) -> Result<Vec<CustomFieldUsage>> {
    let defined = get(conn, id)?.custom_fields;
    let mut used: BTreeMap<String, u32> = BTreeMap::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT j.key, count(*) FROM worker w,
                    json_each(CASE WHEN json_valid(w.custom) THEN w.custom ELSE '{}' END) j
             WHERE w.campaign_id = ?1 AND j.type = 'text' AND j.value <> ''
             GROUP BY j.key",
        )?;
        let rows = stmt.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (name, n) = row?;
            used.insert(name, u32::try_from(n).unwrap_or(u32::MAX));
        }
    }
    let mut out: Vec<CustomFieldUsage> = defined
        .iter()
        .map(|name| CustomFieldUsage {
            name: name.clone(),
            workers: used.remove(name).unwrap_or(0),
            defined: true,
        })
        .collect();
    out.extend(used.into_iter().map(|(name, workers)| CustomFieldUsage {
        name,
        workers,
        defined: false,
    }));
    Ok(out)
}

fn set_lists(
    tx: &rusqlite::Transaction<'_>,
    id: i64,
    issues: &[String],
    fields: &[String],
) -> Result<()> {
    for issue in issues.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        tx.execute(
            "INSERT OR IGNORE INTO campaign_issue (campaign_id, name) VALUES (?1, ?2)",
            params![id, issue],
        )?;
    }
    for field in fields.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        tx.execute(
            "INSERT OR IGNORE INTO custom_field (campaign_id, name) VALUES (?1, ?2)",
            params![id, field],
        )?;
    }
    Ok(())
}

fn validate(input: &CampaignInput) -> Result<()> {
    if input.name.trim().is_empty() {
        return Err(Error::InvalidInput("A campaign needs a name.".into()));
    }
    if matches!(input.unit_size, Some(n) if n < 0) {
        return Err(Error::InvalidInput(
            "The unit size cannot be negative.".into(),
        ));
    }
    if matches!(input.card_stale_days, Some(n) if n <= 0) {
        return Err(Error::InvalidInput(
            "Cards go stale after a positive number of days.".into(),
        ));
    }
    Ok(())
}

fn normalize_domains(domains: &[String]) -> Vec<String> {
    domains
        .iter()
        .map(|d| d.trim().trim_start_matches('@').to_lowercase())
        .filter(|d| !d.is_empty())
        .collect()
}

fn not_found(id: i64) -> Error {
    Error::InvalidInput(format!("There is no campaign {id} in this vault."))
}

pub fn get(conn: &Connection, id: i64) -> Result<Campaign> {
    let row = conn
        .query_row(
            "SELECT id, name, employer, worksites, unit_description, unit_size, card_stale_days, employer_domains, created_at
             FROM campaign WHERE id = ?1",
            [id],
            |r| {
                Ok(Campaign {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    employer: r.get(2)?,
                    worksites: r.get(3)?,
                    unit_description: r.get(4)?,
                    unit_size: r.get(5)?,
                    card_stale_days: r.get(6)?,
                    employer_domains: serde_json::from_str(&r.get::<_, String>(7)?).unwrap_or_default(),
                    issues: vec![],
                    custom_fields: vec![],
                    created_at: r.get(8)?,
                })
            },
        )
        .optional()?;
    let mut campaign = row.ok_or_else(|| not_found(id))?;
    campaign.issues = strings(
        conn,
        "SELECT name FROM campaign_issue WHERE campaign_id = ?1 ORDER BY id",
        id,
    )?;
    campaign.custom_fields = strings(
        conn,
        "SELECT name FROM custom_field WHERE campaign_id = ?1 ORDER BY id",
        id,
    )?;
    Ok(campaign)
}

fn strings(conn: &Connection, sql: &str, id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn list(conn: &Connection) -> Result<Vec<Campaign>> {
    let ids: Vec<i64> = {
        let mut stmt = conn.prepare("SELECT id FROM campaign ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    ids.into_iter().map(|id| get(conn, id)).collect()
}

/// The saved column mapping of the last import (JSON), if any.
pub fn import_mapping(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT import_mapping FROM campaign WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}

pub fn set_import_mapping(conn: &Connection, id: i64, mapping_json: &str) -> Result<()> {
    conn.execute(
        "UPDATE campaign SET import_mapping = ?2 WHERE id = ?1",
        params![id, mapping_json],
    )?;
    Ok(())
}
