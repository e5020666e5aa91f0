//! `fieldbook import` (the employer's list, reconciled) and `fieldbook export-csv`.

use clap::{Args, ValueEnum};
use fieldbook::import::{self, ApplyChoices, ImportPreview, Resolution};
use fieldbook::vault::Vault;
use fieldbook::workers::{campaign, csv_export, dates, CampaignInput, WorkerStatus};
use fieldbook::Error;
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum)]
pub enum Missing {
    Left,
    Excluded,
}

#[derive(Args)]
pub struct ImportArgs {
    pub path: PathBuf,
    /// The list: .csv, .txt, .tsv, .xlsx, .xls, .ods.
    pub file: PathBuf,
    #[command(flatten)]
    pub unlock: crate::UnlockArgs,
    /// Map a column to a field, overriding the guess (repeatable), e.g. --map "Cell=phone".
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    map: Vec<String>,
    /// Print the reconciliation and change nothing.
    #[arg(long)]
    dry_run: bool,
    /// Print the preview (or the summary) as JSON.
    #[arg(long)]
    json: bool,
    /// The campaign (default: the first; one is created if the vault has none).
    #[arg(long, value_name = "ID")]
    campaign: Option<i64>,
    /// Mark workers missing from the list as left or excluded (default: leave them alone).
    #[arg(long, value_enum)]
    missing: Option<Missing>,
    /// Do not add workers new on the list.
    #[arg(long)]
    no_new: bool,
    /// Do not apply changed fields of matched workers.
    #[arg(long)]
    no_changes: bool,
    /// Decide an ambiguous row: ROW=WORKER_ID (the same person) or ROW=new (repeatable).
    #[arg(long = "resolve", value_name = "ROW=ID|new")]
    resolve: Vec<String>,
}

#[derive(Args)]
pub struct ExportCsvArgs {
    pub path: PathBuf,
    /// Where to write the CSV (NOT encrypted).
    pub out: PathBuf,
    #[command(flatten)]
    pub unlock: crate::UnlockArgs,
    #[arg(long, value_name = "ID")]
    campaign: Option<i64>,
}

/// The campaign to work on: the one asked for, the first, or (for an import into a new vault) a
/// new one named after the vault.
fn campaign_id(vault: &mut Vault, asked: Option<i64>, create: bool) -> Result<i64, Error> {
    if let Some(id) = asked {
        return Ok(campaign::get(vault.conn(), id)?.id);
    }
    if let Some(c) = campaign::list(vault.conn())?.into_iter().next() {
        return Ok(c.id);
    }
    if !create {
        return Err(Error::InvalidInput(
            "This vault has no campaign yet.".into(),
        ));
    }
    let name = fieldbook::vault::layout::display_name(vault.path());
    let c = campaign::create(
        vault.conn_mut(),
        &CampaignInput {
            name,
            ..Default::default()
        },
    )?;
    eprintln!("Created the campaign \"{}\" (id {}).", c.name, c.id);
    Ok(c.id)
}

fn resolutions(specs: &[String]) -> Result<Vec<Resolution>, Error> {
    specs
        .iter()
        .map(|s| {
            let bad = || {
                Error::InvalidInput(format!("--resolve {s}: expected ROW=WORKER_ID or ROW=new."))
            };
            let (row, who) = s.split_once('=').ok_or_else(bad)?;
            let row: u32 = row.trim().parse().map_err(|_| bad())?;
            let worker_id = match who.trim() {
                "new" => None,
                id => Some(id.parse().map_err(|_| bad())?),
            };
            Ok(Resolution { row, worker_id })
        })
        .collect()
}

pub fn run(mut vault: Vault, args: &ImportArgs) -> Result<(), Error> {
    let table = import::read_table(&args.file)?;
    let overrides = import::parse_overrides(&args.map, &table.headers)?;
    let has_campaign = args.campaign.is_some() || !campaign::list(vault.conn())?.is_empty();
    if args.dry_run && !has_campaign {
        // Nothing to reconcile against yet: everyone on the list would be new.
        let mut mapping = import::mapping_for_table(&table);
        mapping.apply(&overrides);
        let preview = import::apply::preview_against(&table, mapping, &[])?;
        vault.lock()?;
        return if args.json {
            crate::print_json(&preview)
        } else {
            print_preview(&preview)
        };
    }
    let cid = campaign_id(&mut vault, args.campaign, true)?;
    let mapping = import::mapping_for(vault.conn(), cid, &table, &overrides)?;
    if args.dry_run {
        let preview = import::preview_table(vault.conn(), cid, &table, mapping)?;
        vault.lock()?;
        return if args.json {
            crate::print_json(&preview)
        } else {
            print_preview(&preview)
        };
    }
    let choices = ApplyChoices {
        add_new: !args.no_new,
        apply_changes: !args.no_changes,
        missing_status: args.missing.map(|m| match m {
            Missing::Left => WorkerStatus::Left,
            Missing::Excluded => WorkerStatus::Excluded,
        }),
        resolutions: resolutions(&args.resolve)?,
    };
    let summary = import::apply_table(vault.conn_mut(), cid, &table, &mapping, &choices)?;
    vault.lock()?;
    if args.json {
        return crate::print_json(&summary);
    }
    println!(
        "added {}, updated {}, unchanged {}, marked missing {}, duplicate rows skipped {}, ambiguous rows skipped {}",
        summary.added,
        summary.updated,
        summary.unchanged,
        summary.marked_missing,
        summary.skipped_duplicates,
        summary.skipped_ambiguous
    );
    Ok(())
}

fn print_preview(p: &ImportPreview) -> Result<(), Error> {
    println!("Columns:");
    for (h, f) in p.headers.iter().zip(&p.mapping.columns) {
        println!("  {h:<28} → {}", f.as_str());
    }
    let r = &p.reconciliation;
    println!(
        "\n{} rows: {} matched ({} with changes), {} new, {} missing from the list, {} ambiguous, {} duplicate rows",
        p.total_rows,
        r.matched.len(),
        r.changed().count(),
        r.new.len(),
        r.missing.len(),
        r.ambiguous.len(),
        r.duplicates.len()
    );
    for m in r.changed() {
        println!(
            "\nrow {} = {} (worker {}, by {}):",
            m.row, m.name, m.worker_id, m.matched_by
        );
        for c in &m.changes {
            println!("    {}: {:?} → {:?}", c.field, c.old, c.new);
        }
    }
    if !r.new.is_empty() {
        println!("\nNew on the list:");
        for n in &r.new {
            println!(
                "  row {:<6} {} ({} · {})",
                n.row, n.legal_name, n.department, n.shift
            );
        }
    }
    if !r.missing.is_empty() {
        println!("\nMissing from the list (left or excluded?):");
        for m in &r.missing {
            println!(
                "  worker {:<6} {} ({} · {})",
                m.worker_id, m.name, m.department, m.shift
            );
        }
    }
    for a in &r.ambiguous {
        println!(
            "\nrow {} {} is ambiguous; decide with --resolve {}=ID or {}=new:",
            a.record.row, a.record.legal_name, a.record.row, a.record.row
        );
        for c in &a.candidates {
            println!(
                "    worker {:<6} {} ({} · {}) — {}",
                c.worker_id, c.name, c.department, c.shift, c.reason
            );
        }
    }
    for d in &r.duplicates {
        println!(
            "row {} repeats row {} ({}): skipped",
            d.row, d.first_row, d.name
        );
    }
    Ok(())
}

pub fn export_csv(mut vault: Vault, args: &ExportCsvArgs) -> Result<(), Error> {
    let cid = campaign_id(&mut vault, args.campaign, false)?;
    eprintln!("Warning: {}", csv_export::WARNING);
    let bytes = csv_export::export(vault.conn(), cid, &dates::fmt(dates::today()), &args.out)?;
    vault.lock()?;
    eprintln!("Wrote {} ({bytes} bytes).", args.out.display());
    Ok(())
}
