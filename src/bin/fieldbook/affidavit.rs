//! `fieldbook affidavit`: list a campaign's affidavit drafts, show a draft's history (with its
//! hash chain's state), compare two versions, and render a version to PDF or DOCX.

use clap::{Args, Subcommand};
use fieldbook::affidavits::{
    chain, diff, store, AffidavitDiff, AffidavitStatus, DiffKind, RenderFormat,
};
use fieldbook::api::affidavits::render_version;
use fieldbook::vault::Vault;
use fieldbook::Error;
use std::path::PathBuf;

/// The vault to open (every subcommand starts with it).
#[derive(Args)]
pub struct Target {
    pub path: PathBuf,
    #[command(flatten)]
    pub unlock: crate::UnlockArgs,
}

#[derive(Args)]
pub struct AffidavitArgs {
    #[command(subcommand)]
    pub command: AffidavitCommand,
}

#[derive(Subcommand)]
pub enum AffidavitCommand {
    /// List a campaign's drafts: affiant, status, versions, last saved.
    List {
        #[command(flatten)]
        target: Target,
        /// The campaign (default: the first one in the vault).
        #[arg(long, value_name = "ID")]
        campaign: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// A draft's versions (who saved each, when, its hash) and whether its hash chain is intact.
    History {
        #[command(flatten)]
        target: Target,
        draft_id: i64,
        #[arg(long)]
        json: bool,
    },
    /// What changed between versions A and B of a draft: paragraphs added, removed and changed
    /// (with the words: [-removed-] {+added+}), and the affiant's details and witnesses.
    Diff {
        #[command(flatten)]
        target: Target,
        draft_id: i64,
        a: u32,
        b: u32,
        #[arg(long)]
        json: bool,
    },
    /// Render a version (the newest unless --version) to PDF or DOCX. The file is NOT encrypted.
    Render {
        #[command(flatten)]
        target: Target,
        draft_id: i64,
        /// Write a PDF here.
        #[arg(
            long,
            value_name = "OUT",
            required_unless_present = "docx",
            conflicts_with = "docx"
        )]
        pdf: Option<PathBuf>,
        /// Write a Word document (DOCX) here, for counsel to edit.
        #[arg(long, value_name = "OUT")]
        docx: Option<PathBuf>,
        /// The version to render (default: the newest).
        #[arg(long, value_name = "N")]
        version: Option<u32>,
    },
}

impl AffidavitArgs {
    /// The vault the subcommand works on.
    pub fn target(&self) -> &Target {
        match &self.command {
            AffidavitCommand::List { target, .. }
            | AffidavitCommand::History { target, .. }
            | AffidavitCommand::Diff { target, .. }
            | AffidavitCommand::Render { target, .. } => target,
        }
    }
}

pub fn run(vault: Vault, args: &AffidavitArgs) -> Result<(), Error> {
    let done = run_unlocked(&vault, &args.command);
    vault.lock()?;
    done
}

fn status_label(status: AffidavitStatus, seq: Option<u32>) -> String {
    let at = seq.map(|s| format!(" (v{s})")).unwrap_or_default();
    match status {
        AffidavitStatus::Draft => "draft".into(),
        AffidavitStatus::ReadyForCounsel => format!("ready for counsel{at}"),
        AffidavitStatus::Sent => format!("sent{at}"),
    }
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

fn run_unlocked(vault: &Vault, command: &AffidavitCommand) -> Result<(), Error> {
    let conn = vault.conn();
    match command {
        AffidavitCommand::List { campaign, json, .. } => {
            let campaign_id = crate::workers::campaign_or_first(conn, *campaign)?;
            let drafts = store::list(conn, campaign_id)?;
            if *json {
                return crate::print_json(&drafts);
            }
            if drafts.is_empty() {
                println!("No affidavit drafts in this campaign.");
            }
            for d in &drafts {
                println!(
                    "{:>4}  {:<28} {:<2}  {:<22} v{:<3} {}  {}",
                    d.id,
                    d.affiant_name,
                    d.language.as_str(),
                    status_label(d.status, d.status_seq),
                    d.head_seq,
                    d.last_saved_at,
                    d.last_saved_by
                );
            }
        }
        AffidavitCommand::History { draft_id, json, .. } => {
            let versions = store::history(conn, *draft_id)?;
            let chain = chain::verify(conn, *draft_id)?;
            if *json {
                #[derive(serde::Serialize)]
                #[serde(rename_all = "camelCase")]
                struct History<'a> {
                    versions: &'a [fieldbook::affidavits::AffidavitVersionInfo],
                    chain: &'a fieldbook::affidavits::ChainStatus,
                }
                return crate::print_json(&History {
                    versions: &versions,
                    chain: &chain,
                });
            }
            let summary = store::summary(conn, *draft_id)?;
            println!(
                "Affidavit draft {} ({}), {}",
                summary.id,
                summary.affiant_name,
                status_label(summary.status, summary.status_seq)
            );
            for v in &versions {
                println!(
                    "  v{:<3} {}  {:<20} {:>5} words  {}  {}",
                    v.seq,
                    v.saved_at,
                    v.saved_by,
                    v.words,
                    short(&v.hash),
                    v.note
                );
            }
            if chain.ok {
                println!(
                    "Hash chain intact: {} versions, newest {}.",
                    chain.versions, chain.head_hash
                );
            } else {
                println!("HASH CHAIN BROKEN:");
                for p in &chain.problems {
                    println!("  {}", p.message);
                }
            }
        }
        AffidavitCommand::Diff {
            draft_id,
            a,
            b,
            json,
            ..
        } => {
            let from = store::version(conn, *draft_id, Some(*a))?;
            let to = store::version(conn, *draft_id, Some(*b))?;
            let d = diff::diff(*draft_id, (from.seq, &from.content), (to.seq, &to.content));
            if *json {
                return crate::print_json(&d);
            }
            print_diff(&d);
        }
        AffidavitCommand::Render {
            draft_id,
            pdf,
            docx,
            version,
            ..
        } => {
            let (format, out) = match (pdf, docx) {
                (Some(out), _) => (RenderFormat::Pdf, out),
                (None, Some(out)) => (RenderFormat::Docx, out),
                (None, None) => {
                    return Err(Error::InvalidInput(
                        "Say where to write it: --pdf OUT or --docx OUT.".into(),
                    ))
                }
            };
            let rendered = render_version(conn, *draft_id, *version, format)?;
            eprintln!(
                "Warning: the {} is NOT encrypted. Keep it only as long as needed and share it only with counsel.",
                format.extension().to_uppercase()
            );
            let written = fieldbook::affidavits::render::write(out, format, &rendered.bytes)?;
            eprintln!(
                "Wrote {} (version {}, {} bytes).",
                written.display(),
                rendered.seq,
                rendered.bytes.len()
            );
        }
    }
    Ok(())
}

fn print_diff(d: &AffidavitDiff) {
    println!(
        "Affidavit draft {}: version {} → {}: {} paragraph(s) changed, {} added, {} removed.",
        d.affidavit_id, d.from, d.to, d.changed, d.added, d.removed
    );
    for f in &d.fields {
        println!("  {}: {:?} → {:?}", f.field, f.before, f.after);
    }
    for p in &d.paragraphs {
        let number = |n: Option<u32>| n.map_or_else(|| "–".into(), |n| n.to_string());
        match p.kind {
            DiffKind::Same => {}
            DiffKind::Added => println!("\n¶{} added:\n  {{+{}+}}", number(p.to_number), text(p)),
            DiffKind::Removed => {
                println!("\n¶{} removed:\n  [-{}-]", number(p.from_number), text(p))
            }
            DiffKind::Changed => {
                let label = if p.from_number == p.to_number {
                    format!("¶{}", number(p.to_number))
                } else {
                    format!("¶{} (was ¶{})", number(p.to_number), number(p.from_number))
                };
                let marked: String = p
                    .spans
                    .iter()
                    .map(|s| match s.kind {
                        DiffKind::Added => format!("{{+{}+}}", s.text),
                        DiffKind::Removed => format!("[-{}-]", s.text),
                        _ => s.text.clone(),
                    })
                    .collect();
                println!("\n{label} changed:\n  {marked}");
            }
        }
    }
}

fn text(p: &fieldbook::affidavits::ParagraphDiff) -> String {
    p.spans.iter().map(|s| s.text.as_str()).collect()
}
