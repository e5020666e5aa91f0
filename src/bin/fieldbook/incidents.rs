//! `fieldbook incidents`: the incident log with 10(b) deadlines and days left; `--add-stdin` logs
//! an incident from one line of JSON, `--set-status ID STATUS [--on DAY]` records a status step.

use crate::secrets::SecretSource;
use clap::Args;
use fieldbook::incidents::{
    store, DeadlineClock, DeadlineLevel, Incident, IncidentInput, IncidentRow, IncidentStatus,
};
use fieldbook::vault::Vault;
use fieldbook::workers::dates;
use fieldbook::{Error, ExposeSecret};
use serde::Serialize;
use std::path::PathBuf;

#[derive(Args)]
pub struct IncidentsArgs {
    pub path: PathBuf,
    #[command(flatten)]
    pub unlock: crate::UnlockArgs,
    /// Print JSON: `{ today, campaignId, deadlines, incidents }` (the open incidents by urgency,
    /// then every incident, newest first), or the incident added or changed.
    #[arg(long)]
    json: bool,
    /// The campaign (default: the first one in the vault).
    #[arg(long, value_name = "ID")]
    campaign: Option<i64>,
    /// Log a new incident, read as one line of JSON (the app's IncidentInput: occurredOn,
    /// learnedOn, category, summary, description, place, managers, affected, witnesses…) from
    /// standard input, after the passphrase line when --passphrase-stdin is given.
    #[arg(long, conflicts_with = "set_status")]
    add_stdin: bool,
    /// Move incident ID to STATUS: logged, sent_to_counsel, charge_filed, charge_served or closed.
    #[arg(long, num_args = 2, value_names = ["ID", "STATUS"])]
    set_status: Option<Vec<String>>,
    /// The day of the --set-status step (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DAY", requires = "set_status")]
    on: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Report {
    today: String,
    campaign_id: i64,
    /// Open incidents (charge not both filed and served, not closed), most urgent first.
    deadlines: Vec<IncidentRow>,
    /// Every incident, newest first.
    incidents: Vec<IncidentRow>,
}

enum Output {
    Report(Report),
    Changed(Box<Incident>),
}

pub fn run(vault: Vault, args: &IncidentsArgs, input: &mut SecretSource) -> Result<(), Error> {
    let computed = compute(&vault, args, input);
    vault.lock()?;
    match computed? {
        Output::Report(r) if args.json => crate::print_json(&r),
        Output::Report(r) => {
            print_report(&r);
            Ok(())
        }
        Output::Changed(i) if args.json => crate::print_json(&i),
        Output::Changed(i) => {
            print_changed(&i);
            Ok(())
        }
    }
}

fn compute(vault: &Vault, args: &IncidentsArgs, input: &mut SecretSource) -> Result<Output, Error> {
    let conn = vault.conn();
    let today = dates::today();
    if args.add_stdin {
        let campaign_id = crate::workers::campaign_or_first(conn, args.campaign)?;
        let line = input.stdin_line("incident (one line of JSON)")?;
        let incident: IncidentInput = serde_json::from_str(line.expose_secret())
            .map_err(|e| Error::InvalidInput(format!("The incident JSON is not valid: {e}")))?;
        let id = store::create(conn, campaign_id, &incident, today)?;
        return Ok(Output::Changed(Box::new(store::detail(conn, id, today)?)));
    }
    if let Some(v) = &args.set_status {
        let id: i64 = v[0].parse().map_err(|_| {
            Error::InvalidInput(format!("\"{}\" is not an incident id (a number).", v[0]))
        })?;
        let status = IncidentStatus::parse(&v[1]).ok_or_else(|| {
            Error::InvalidInput(format!(
                "\"{}\" is not a status: use logged, sent_to_counsel, charge_filed, charge_served or closed.",
                v[1]
            ))
        })?;
        store::set_status(conn, id, status, args.on.as_deref(), today)?;
        return Ok(Output::Changed(Box::new(store::detail(conn, id, today)?)));
    }
    let campaign_id = crate::workers::campaign_or_first(conn, args.campaign)?;
    Ok(Output::Report(Report {
        today: dates::fmt(today),
        campaign_id,
        deadlines: store::deadlines(conn, campaign_id, today)?,
        incidents: store::list(conn, campaign_id, today)?,
    }))
}

fn days(clock: &DeadlineClock) -> String {
    match clock.days_left {
        d if d < 0 => format!("PASSED {} ago", plural(-d, "day")),
        0 => "TODAY is the last day".into(),
        d => format!("{} left", plural(d, "day")),
    }
}

fn plural(n: i64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn mark(level: DeadlineLevel) -> &'static str {
    match level {
        DeadlineLevel::Ok => "",
        DeadlineLevel::Days60 => "!",
        DeadlineLevel::Days30 => "!!",
        DeadlineLevel::Days14 => "!!!",
        DeadlineLevel::Passed => "✗",
    }
}

fn needs(clock: &DeadlineClock) -> &'static str {
    match (clock.needs_filing, clock.needs_service) {
        (true, true) => "file and serve",
        (true, false) => "file",
        (false, true) => "serve",
        (false, false) => "",
    }
}

fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(n - 1).collect();
        out.push('…');
        out
    }
}

fn print_report(r: &Report) {
    println!(
        "10(b) DEADLINES on {} — a charge must be filed with the Board AND served on the employer by the last day",
        r.today
    );
    if r.deadlines.is_empty() {
        println!("  (no open incidents)");
    }
    for i in &r.deadlines {
        let Some(c) = &i.clock else { continue };
        println!(
            "  {:<3} {:<24} last day {}  #{:<4} {:<18} {:<15} {}",
            mark(c.level),
            days(c),
            i.last_day,
            i.id,
            i.category.label(),
            needs(c),
            cut(&i.summary, 60)
        );
    }
    println!();
    println!("INCIDENTS ({})", r.incidents.len());
    for i in &r.incidents {
        println!(
            "  #{:<4} {}  {:<18} {:<15} last day {}  {}",
            i.id,
            i.occurred_on,
            i.category.label(),
            i.status.label(),
            i.last_day,
            cut(&i.summary, 60)
        );
    }
}

fn print_changed(i: &Incident) {
    println!(
        "Incident #{} ({}, {}): {}",
        i.id,
        i.occurred_on,
        i.status.label(),
        i.summary
    );
    match &i.clock {
        Some(c) => println!(
            "10(b): last day {} ({}); still to {}.",
            i.last_day,
            days(c),
            needs(c)
        ),
        None if i.status == IncidentStatus::Closed => {
            println!("Closed on {}.", i.closed_on.as_deref().unwrap_or("?"))
        }
        None => println!(
            "10(b): the charge was filed on {} and served on {} ({} the last day, {}).",
            i.charge_filed_on.as_deref().unwrap_or("?"),
            i.charge_served_on.as_deref().unwrap_or("?"),
            if i.charge_timely == Some(true) {
                "by"
            } else {
                "AFTER"
            },
            i.last_day
        ),
    }
}
