//! `fieldbook workers`: the worker table, filtered and sorted, as text or JSON.

use clap::{Args, ValueEnum};
use fieldbook::vault::Vault;
use fieldbook::workers::{
    campaign, dates, query, CardFilter, SortKey, WorkerFilter, WorkerList, WorkerPageRequest,
    WorkerRow, WorkerStatus,
};
use fieldbook::Error;
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum)]
pub enum Card {
    Signed,
    /// Signed and not stale.
    Current,
    Stale,
    Unsigned,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Sort {
    Name,
    Department,
    Shift,
    Assessment,
    Card,
    FollowUp,
}

#[derive(Args)]
pub struct WorkersArgs {
    pub path: PathBuf,
    #[command(flatten)]
    pub unlock: crate::UnlockArgs,
    /// Search names, notes and conversations (every word, as a prefix).
    #[arg(long, value_name = "Q")]
    search: Option<String>,
    /// Keep this department (repeatable).
    #[arg(long = "department", value_name = "D")]
    departments: Vec<String>,
    /// Keep this shift (repeatable).
    #[arg(long = "shift", value_name = "S")]
    shifts: Vec<String>,
    /// Keep this assessment, 1–5 (repeatable).
    #[arg(long = "assessment", value_name = "N", value_parser = clap::value_parser!(u8).range(1..=5))]
    assessments: Vec<u8>,
    /// Keep the unassessed (with --assessment: either).
    #[arg(long)]
    unassessed: bool,
    /// Only committee members.
    #[arg(long, conflicts_with = "not_committee")]
    committee: bool,
    /// Only workers not on the committee.
    #[arg(long)]
    not_committee: bool,
    #[arg(long, value_enum)]
    card: Option<Card>,
    /// Only workers with an overdue follow-up.
    #[arg(long)]
    overdue: bool,
    #[arg(long, value_name = "T")]
    tag: Option<String>,
    /// Include workers who left or were excluded (default: active only).
    #[arg(long)]
    all_statuses: bool,
    /// Include supervisors (excluded from the unit).
    #[arg(long)]
    supervisors: bool,
    #[arg(long, value_enum, default_value = "name")]
    sort: Sort,
    #[arg(long)]
    desc: bool,
    /// Print the list and its counts as JSON.
    #[arg(long)]
    json: bool,
    /// The campaign (default: the first one in the vault).
    #[arg(long, value_name = "ID")]
    campaign: Option<i64>,
    /// Skip this many rows of the sorted list (with --limit: one page; the counts stay those of
    /// the whole filtered list).
    #[arg(long, value_name = "N", default_value_t = 0, requires = "limit")]
    offset: u32,
    /// Show at most this many rows (1–1,000), starting at --offset.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1000))]
    limit: Option<u32>,
}

impl WorkersArgs {
    fn filter(&self) -> WorkerFilter {
        WorkerFilter {
            search: self.search.clone().unwrap_or_default(),
            departments: self.departments.clone(),
            shifts: self.shifts.clone(),
            assessments: self.assessments.clone(),
            unassessed: self.unassessed,
            committee: match (self.committee, self.not_committee) {
                (true, _) => Some(true),
                (_, true) => Some(false),
                _ => None,
            },
            card: match self.card {
                None => CardFilter::Any,
                Some(Card::Signed) => CardFilter::Signed,
                Some(Card::Current) => CardFilter::Current,
                Some(Card::Stale) => CardFilter::Stale,
                Some(Card::Unsigned) => CardFilter::Unsigned,
            },
            follow_up_overdue: self.overdue,
            tag: self.tag.clone(),
            statuses: if self.all_statuses {
                vec![
                    WorkerStatus::Active,
                    WorkerStatus::Left,
                    WorkerStatus::Excluded,
                ]
            } else {
                vec![]
            },
            include_supervisors: self.supervisors,
            sort: match self.sort {
                Sort::Name => SortKey::Name,
                Sort::Department => SortKey::Department,
                Sort::Shift => SortKey::Shift,
                Sort::Assessment => SortKey::Assessment,
                Sort::Card => SortKey::CardSigned,
                Sort::FollowUp => SortKey::FollowUp,
            },
            descending: self.desc,
            custom_field: None,
            custom_sort: None,
        }
    }
}

pub fn run(vault: Vault, args: &WorkersArgs) -> Result<(), Error> {
    let listed = list(&vault, args);
    vault.lock()?;
    let list = listed?;
    if args.json {
        crate::print_json(&list)
    } else {
        print_table(&list);
        Ok(())
    }
}

fn list(vault: &Vault, args: &WorkersArgs) -> Result<WorkerList, Error> {
    let conn = vault.conn();
    let campaign_id = campaign_or_first(conn, args.campaign)?;
    let Some(limit) = args.limit else {
        return query::list(conn, campaign_id, &args.filter(), dates::today());
    };
    let page = query::page(
        conn,
        campaign_id,
        &WorkerPageRequest {
            filter: args.filter(),
            ids: None,
            offset: args.offset,
            limit,
            counts: true,
        },
        dates::today(),
    )?;
    Ok(WorkerList {
        rows: page.rows,
        counts: page.counts.unwrap_or_default(),
    })
}

/// The campaign asked for, or the vault's first one.
pub fn campaign_or_first(conn: &rusqlite::Connection, asked: Option<i64>) -> Result<i64, Error> {
    match asked {
        Some(id) => Ok(campaign::get(conn, id)?.id),
        None => conn
            .query_row("SELECT min(id) FROM campaign", [], |r| r.get::<_, Option<i64>>(0))?
            .ok_or_else(|| {
                Error::InvalidInput(
                    "This vault has no campaign yet: create one in the app, or make a demo vault with `fieldbook demo`."
                        .into(),
                )
            }),
    }
}

fn cells(r: &WorkerRow) -> [String; 7] {
    let mut name: String = r.name.chars().take(30).collect();
    if r.name.chars().count() > 30 {
        name.pop();
        name.push('…');
    }
    [
        name,
        r.department.clone(),
        r.shift.clone(),
        r.assessment.map_or("–".into(), |a| a.to_string()),
        if r.committee { "★" } else { "" }.into(),
        match (&r.card_signed_on, r.card_stale) {
            (Some(d), true) => format!("{d} stale"),
            (Some(d), false) => d.clone(),
            (None, _) => String::new(),
        },
        match (&r.next_follow_up, r.follow_up_overdue) {
            (Some(d), true) => format!("{d} overdue"),
            (Some(d), false) => d.clone(),
            (None, _) => String::new(),
        },
    ]
}

fn print_table(list: &WorkerList) {
    let header = [
        "NAME",
        "DEPARTMENT",
        "SHIFT",
        "ASSESS",
        "COMM",
        "CARD",
        "FOLLOW-UP",
    ]
    .map(String::from);
    let rows: Vec<[String; 7]> = list.rows.iter().map(cells).collect();
    let mut widths = header.clone().map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (i, (cell, w)) in row.iter().zip(widths).enumerate() {
            line.push_str(cell);
            if i + 1 < row.len() {
                line.extend(std::iter::repeat_n(' ', w - cell.chars().count() + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let c = &list.counts;
    out.push_str(&format!(
        "{} workers · assessed 1: {}, 2: {}, 3: {}, 4: {}, 5: {}, unassessed: {} · committee: {} · cards: {} ({} stale) · overdue follow-ups: {}\n",
        c.total,
        c.by_assessment[1],
        c.by_assessment[2],
        c.by_assessment[3],
        c.by_assessment[4],
        c.by_assessment[5],
        c.by_assessment[0],
        c.committee,
        c.cards_signed,
        c.cards_stale,
        c.follow_ups_overdue
    ));
    use std::io::Write;
    // A closed pipe (`| head`) is not an error worth reporting.
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
}
