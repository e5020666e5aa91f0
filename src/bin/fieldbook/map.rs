//! `fieldbook map`: the relationship map and its analyses (natural leaders, committee coverage,
//! next recruits, clusters, anti-union influence), or a warm path, as text or JSON.

use clap::Args;
use fieldbook::graph::{analysis, layout, load::MapData, MapAnalysis, WarmPath};
use fieldbook::vault::Vault;
use fieldbook::workers::{dates, WorkerRow};
use fieldbook::Error;
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Args)]
pub struct MapArgs {
    pub path: PathBuf,
    #[command(flatten)]
    pub unlock: crate::UnlockArgs,
    /// Print the warm path from worker A to worker B (an id or an exact name) instead of the map:
    /// the best chain of supporters (assessed 1–2) and committee members, strong ties preferred.
    #[arg(long = "path", num_args = 2, value_names = ["A", "B"], conflicts_with = "warm")]
    path_between: Option<Vec<String>>,
    /// Print the warm path from the nearest committee member to worker B.
    #[arg(long, value_name = "B")]
    warm: Option<String>,
    /// Print JSON: the graph (workers and ties) and every analysis, or the path.
    #[arg(long)]
    json: bool,
    /// The campaign (default: the first one in the vault).
    #[arg(long, value_name = "ID")]
    campaign: Option<i64>,
}

enum Output {
    Map(Box<MapAnalysis>),
    Path(Option<WarmPath>, HashMap<i64, String>),
}

pub fn run(vault: Vault, args: &MapArgs) -> Result<(), Error> {
    let computed = compute(&vault, args);
    vault.lock()?;
    match computed? {
        Output::Map(map) if args.json => crate::print_json(&map),
        Output::Map(map) => {
            print_map(&map);
            Ok(())
        }
        Output::Path(path, _) if args.json => crate::print_json(&path),
        Output::Path(path, names) => {
            print_path(path.as_ref(), &names);
            Ok(())
        }
    }
}

fn compute(vault: &Vault, args: &MapArgs) -> Result<Output, Error> {
    let conn = vault.conn();
    let campaign_id = crate::workers::campaign_or_first(conn, args.campaign)?;
    let data = MapData::load(conn, campaign_id, dates::today())?;
    let (from, to) = match (&args.path_between, &args.warm) {
        (Some(ends), _) => (Some(&ends[0]), &ends[1]),
        (None, Some(to)) => (None, to),
        (None, None) => {
            let saved = layout::saved(conn, campaign_id)?;
            return Ok(Output::Map(Box::new(analysis::analyze(
                campaign_id,
                &data,
                &saved,
            ))));
        }
    };
    let from = from.map(|a| find(&data.workers, a)).transpose()?;
    let to = find(&data.workers, to)?;
    let names = data
        .workers
        .iter()
        .map(|w| (w.id, w.name.clone()))
        .collect();
    Ok(Output::Path(analysis::warm_path(&data, from, to), names))
}

/// A worker by id or by exact (case-insensitive) name; an ambiguous name lists the candidates.
fn find(workers: &[WorkerRow], key: &str) -> Result<i64, Error> {
    if let Ok(id) = key.trim().parse::<i64>() {
        if workers.iter().any(|w| w.id == id) {
            return Ok(id);
        }
    }
    let key_lower = key.trim().to_lowercase();
    let hits: Vec<&WorkerRow> = workers
        .iter()
        .filter(|w| w.name.to_lowercase() == key_lower || w.legal_name.to_lowercase() == key_lower)
        .collect();
    match hits.as_slice() {
        [one] if one.is_supervisor => Err(Error::InvalidInput(format!(
            "{} is a supervisor: supervisors are not in the unit, so there is no warm path through them.",
            one.name
        ))),
        [one] => Ok(one.id),
        [] => Err(Error::InvalidInput(format!(
            "No active worker is called {key:?} (give the exact name or the worker's id; `fieldbook workers --search` finds ids)."
        ))),
        many => Err(Error::InvalidInput(format!(
            "{} workers are called {key:?}: give the id instead ({}).",
            many.len(),
            many.iter().map(|w| format!("{} in {}", w.id, w.department)).collect::<Vec<_>>().join(", ")
        ))),
    }
}

fn print_path(path: Option<&WarmPath>, names: &HashMap<i64, String>) {
    let name = |id: &i64| names.get(id).cloned().unwrap_or_else(|| id.to_string());
    match path {
        None => println!(
            "No warm path: no chain of committee members and supporters (assessed 1–2) links them."
        ),
        Some(p) => {
            println!(
                "{}",
                p.workers.iter().map(name).collect::<Vec<_>>().join(" → ")
            );
            println!(
                "{} steps, cost {} (strong tie 1, medium 2, weak 3)",
                p.workers.len().saturating_sub(1),
                p.cost
            );
        }
    }
}

fn print_map(map: &MapAnalysis) {
    let name: HashMap<i64, &str> = map
        .workers
        .iter()
        .map(|w| (w.id, w.name.as_str()))
        .collect();
    let n = |id: &i64| name.get(id).copied().unwrap_or("?");
    let c = &map.coverage;
    println!(
        "{} workers ({} in the unit), {} relationships, {} clusters (modularity {:.2})",
        map.workers.len(),
        c.unit_workers,
        map.ties.len(),
        map.clusters.len(),
        map.modularity
    );
    println!(
        "Committee: {} members; {} unit workers uncovered ({} out of reach of any member)",
        c.committee,
        c.uncovered.len(),
        c.unreachable
    );
    println!("\nNATURAL LEADERS");
    for (i, l) in map.leaders.iter().take(10).enumerate() {
        let reasons: Vec<String> = l.reasons.iter().map(ToString::to_string).collect();
        println!("{:>3}. {} — {}", i + 1, n(&l.worker_id), reasons.join("; "));
    }
    println!(
        "\nBEST NEXT RECRUITS (each covers the uncovered coworkers listed after the ones before)"
    );
    for (i, r) in c.next_recruits.iter().enumerate() {
        println!(
            "{:>3}. {} covers {}",
            i + 1,
            n(&r.worker_id),
            r.covers.len()
        );
    }
    println!("\nCOMMITTEE PER DEPARTMENT (norm 1:10)");
    for g in c.departments.iter().chain(&c.shifts) {
        let mark = if g.committee < g.needed {
            "  below the norm"
        } else {
            ""
        };
        println!(
            "  {:<24} {:>3}/{:<3} committee {}/{} needed{mark}",
            g.name,
            g.workers - g.uncovered,
            g.workers,
            g.committee,
            g.needed
        );
    }
    let bare: Vec<_> = map
        .clusters
        .iter()
        .filter(|k| k.committee == 0 && k.size > 1)
        .collect();
    println!("\nCLUSTERS WITHOUT A COMMITTEE MEMBER: {}", bare.len());
    for k in bare.iter().take(10) {
        println!(
            "  #{} {} workers, mostly {} / {}, hub {}",
            k.index,
            k.size,
            k.department,
            k.shift,
            n(&k.hub)
        );
    }
    println!("\nANTI-UNION INFLUENCE");
    for a in map.anti_union.iter().take(10) {
        println!(
            "  {} (assessed {}, influence rank {}) reaches {}",
            n(&a.worker_id),
            a.assessment,
            a.influence_rank,
            a.reaches.len()
        );
    }
}
