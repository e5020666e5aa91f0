//! `fieldbook plan`, `fieldbook dashboard` and `fieldbook report`: the campaign plan with live
//! progress, the dashboard's data, and the progress report (PDF and CSV, NOT encrypted).

use clap::{Args, ValueEnum};
use fieldbook::plan::{
    dashboard, report, report_pdf, GoalProgress, Plan, ReportLanguage, ReportRequest,
};
use fieldbook::vault::Vault;
use fieldbook::workers::dates;
use fieldbook::{fsutil, Error};
use std::path::PathBuf;

#[derive(Args)]
pub struct PlanArgs {
    pub path: PathBuf,
    #[command(flatten)]
    pub unlock: crate::UnlockArgs,
    /// Print JSON: every goal with its live progress (unit, departments, shifts), the milestones,
    /// the actions with their structure tests, the tasks and the assessment suggestions.
    #[arg(long)]
    json: bool,
    /// The campaign (default: the first one in the vault).
    #[arg(long, value_name = "ID")]
    campaign: Option<i64>,
}

#[derive(Args)]
pub struct DashboardArgs {
    pub path: PathBuf,
    #[command(flatten)]
    pub unlock: crate::UnlockArgs,
    /// Print JSON (the only output for now): headline numbers, goals, support per department and
    /// shift, the weekly series, follow-ups overdue, 10(b) deadlines, this week's changes.
    #[arg(long)]
    json: bool,
    /// Today's data instead (follow-ups due, changes since yesterday, the next step).
    #[arg(long)]
    today: bool,
    #[arg(long, value_name = "ID")]
    campaign: Option<i64>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Lang {
    En,
    Es,
}

#[derive(Args)]
pub struct ReportArgs {
    pub path: PathBuf,
    #[command(flatten)]
    pub unlock: crate::UnlockArgs,
    /// First day of the period (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    from: String,
    /// Last day of the period (YYYY-MM-DD), today at the latest.
    #[arg(long, value_name = "DATE")]
    to: String,
    /// Write the PDF here. The file is NOT encrypted.
    #[arg(long, value_name = "OUT")]
    pdf: PathBuf,
    /// Also write the report's numbers as CSV here (no names). NOT encrypted.
    #[arg(long, value_name = "OUT")]
    csv: Option<PathBuf>,
    /// Print workers' and organizers' names in the report (left out by default).
    #[arg(long)]
    names: bool,
    /// The report's language.
    #[arg(long, value_enum, default_value = "en")]
    lang: Lang,
    #[arg(long, value_name = "ID")]
    campaign: Option<i64>,
}

pub fn plan(vault: Vault, args: &PlanArgs) -> Result<(), Error> {
    let computed = (|| {
        let conn = vault.conn();
        let cid = crate::workers::campaign_or_first(conn, args.campaign)?;
        dashboard::plan(conn, cid, dates::today())
    })();
    vault.lock()?;
    let plan = computed?;
    if args.json {
        crate::print_json(&plan)
    } else {
        print_plan(&plan);
        Ok(())
    }
}

pub fn dashboard(vault: Vault, args: &DashboardArgs) -> Result<(), Error> {
    let _ = args.json;
    let computed = (|| {
        let conn = vault.conn();
        let cid = crate::workers::campaign_or_first(conn, args.campaign)?;
        let today = dates::today();
        if args.today {
            serde_json::to_value(dashboard::today_view(conn, cid, today)?)
        } else {
            serde_json::to_value(dashboard::dashboard(conn, cid, today)?)
        }
        .map_err(|e| Error::InvalidInput(e.to_string()))
    })();
    vault.lock()?;
    crate::print_json(&computed?)
}

pub fn report(vault: Vault, args: &ReportArgs) -> Result<(), Error> {
    let made = (|| {
        let conn = vault.conn();
        let cid = crate::workers::campaign_or_first(conn, args.campaign)?;
        let request = ReportRequest {
            campaign_id: cid,
            from: args.from.clone(),
            to: args.to.clone(),
            names: args.names,
            language: match args.lang {
                Lang::En => ReportLanguage::En,
                Lang::Es => ReportLanguage::Es,
            },
        };
        let r = report::build(conn, &request, dates::today())?;
        let pdf = report_pdf::render(&r)?;
        let csv = args.csv.as_ref().map(|_| report::csv(&r)).transpose()?;
        Ok::<_, Error>((pdf, csv))
    })();
    vault.lock()?;
    let (pdf, csv) = made?;
    eprintln!(
        "Warning: the report files are not encrypted: anyone who gets them can read them.{} \
         Save them only where you must, and delete them when done.",
        if args.names {
            " This one names workers."
        } else {
            ""
        }
    );
    fsutil::atomic_write(&args.pdf, &pdf)?;
    eprintln!("Wrote {} ({} bytes).", args.pdf.display(), pdf.len());
    if let (Some(path), Some(csv)) = (&args.csv, csv) {
        fsutil::atomic_write(path, csv.as_bytes())?;
        eprintln!("Wrote {} ({} bytes).", path.display(), csv.len());
    }
    Ok(())
}

fn progress(p: &GoalProgress) -> String {
    format!(
        "{}/{}{}",
        p.counted.count,
        p.needed,
        if p.met { " ✓" } else { "" }
    )
}

fn print_plan(plan: &Plan) {
    println!("GOALS ({})", plan.day);
    for g in &plan.goals {
        println!(
            "  {:<58} {:>10}  ({} of {}, {:.1}%)",
            g.label,
            progress(&g.unit),
            g.unit.counted.count,
            g.unit.total,
            g.unit.percent
        );
        let short: Vec<String> = g
            .departments
            .iter()
            .chain(&g.shifts)
            .filter(|p| !p.met)
            .map(|p| format!("{} {}", p.name, progress(p)))
            .collect();
        if !short.is_empty() {
            println!("      short: {}", short.join(", "));
        }
    }
    println!("\nMILESTONES");
    for m in &plan.milestones {
        let state = match (&m.done_on, m.overdue, m.ready) {
            (Some(d), _, _) => format!("reached {d}"),
            (None, true, _) => "overdue".into(),
            (None, false, true) => "ready".into(),
            (None, false, false) => "requirements not met".into(),
        };
        println!(
            "  {:<10} {:<44} {}",
            m.target_on.as_deref().unwrap_or("—"),
            m.title,
            state
        );
    }
    println!("\nACTIONS (the ladder)");
    for a in &plan.actions {
        println!(
            "  {}. {:<10} {:<40} {:?}: asked {}, committed {}, took part {}, declined {}; target {}",
            a.step,
            a.held_on.as_deref().or(a.planned_on.as_deref()).unwrap_or("—"),
            a.title,
            a.status,
            a.funnel.asked.count,
            a.funnel.committed.count,
            a.funnel.took_part.count,
            a.funnel.declined.count,
            a.target
        );
    }
    let open: Vec<_> = plan.tasks.iter().filter(|t| t.done_on.is_none()).collect();
    println!("\nOPEN TASKS ({})", open.len());
    for t in open {
        println!(
            "  {:<10} {:<50} {}{}",
            t.due_on.as_deref().unwrap_or("—"),
            t.title,
            t.owner,
            if t.overdue { "  (overdue)" } else { "" }
        );
    }
    if !plan.suggestions.is_empty() {
        println!("\nASSESSMENT SUGGESTIONS ({})", plan.suggestions.len());
        for s in &plan.suggestions {
            println!(
                "  {} ({}): {} → {}. {}",
                s.worker.name,
                s.worker.id,
                s.current.map_or("–".to_string(), |v| v.to_string()),
                s.suggested,
                s.reason
            );
        }
    }
    if let Some(n) = &plan.next {
        println!("\nNEXT: {} {}", n.on.as_deref().unwrap_or(""), n.title);
    }
}
