//! `fieldbook evidence`: add a file to an incident (kept encrypted inside the vault, streamed),
//! list the files, or save a copy of one (NOT encrypted, written through a temporary name).

use crate::secrets::SecretSource;
use clap::{Args, Subcommand};
use fieldbook::incidents::{evidence, Evidence};
use fieldbook::vault::{self, Vault};
use fieldbook::Error;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct EvidenceArgs {
    #[command(subcommand)]
    pub command: EvidenceCommand,
}

#[derive(Subcommand)]
pub enum EvidenceCommand {
    /// Add FILE to incident INCIDENT_ID, inside the encrypted vault (streamed; up to 2 GiB). The
    /// original is left where it is: delete it if it should not stay on this computer.
    Add {
        path: PathBuf,
        incident_id: i64,
        file: PathBuf,
        #[command(flatten)]
        unlock: crate::UnlockArgs,
        /// The media type (e.g. image/jpeg); default: guessed from the file name.
        #[arg(long, value_name = "TYPE")]
        media_type: Option<String>,
        /// Print the stored file's facts as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Save a copy of evidence file EVIDENCE_ID at OUT (a file name, or a folder to put it in
    /// under its own name). The copy is NOT encrypted.
    Save {
        path: PathBuf,
        evidence_id: i64,
        out: PathBuf,
        #[command(flatten)]
        unlock: crate::UnlockArgs,
        /// Replace OUT if it exists.
        #[arg(long)]
        force: bool,
    },
    /// List the evidence files of an incident (--incident) or of a campaign (default: the first).
    List {
        path: PathBuf,
        #[command(flatten)]
        unlock: crate::UnlockArgs,
        #[arg(long, value_name = "ID", conflicts_with = "campaign")]
        incident: Option<i64>,
        #[arg(long, value_name = "ID")]
        campaign: Option<i64>,
        #[arg(long)]
        json: bool,
    },
}

/// What the warning before a copy says.
pub const NOT_ENCRYPTED: &str = "WARNING: the copy is NOT encrypted. Anyone who can read this computer, its backups or a \
synced folder can read it. Keep it only as long as you need it, then delete it (and empty the trash).";

pub fn run(args: EvidenceArgs, input: &mut SecretSource) -> Result<(), Error> {
    match args.command {
        EvidenceCommand::Add {
            path,
            incident_id,
            file,
            unlock,
            media_type,
            json,
        } => {
            let mut reader = std::fs::File::open(&file).map_err(|e| Error::io("open", &file, e))?;
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let vault = crate::unlock(&vault::normalize_path(&path), &unlock, input)?;
            let added = evidence::add(
                vault.conn(),
                incident_id,
                &name,
                media_type.as_deref().unwrap_or_default(),
                &mut reader,
            );
            vault.lock()?;
            let added = added?;
            if json {
                crate::print_json(&added)?;
            } else {
                println!(
                    "Added {} to incident #{incident_id} as evidence #{}: {}, {}, SHA-256 {}.",
                    added.file_name,
                    added.id,
                    size(added.size),
                    added.media_type,
                    added.sha256
                );
                eprintln!(
                    "The original is still at {} (not encrypted): delete it if it should not stay on this computer.",
                    file.display()
                );
            }
        }
        EvidenceCommand::Save {
            path,
            evidence_id,
            out,
            unlock,
            force,
        } => {
            let vault = crate::unlock(&vault::normalize_path(&path), &unlock, input)?;
            let saved = save(&vault, evidence_id, &out, force);
            vault.lock()?;
            let written = saved?;
            println!("{}", written.display());
        }
        EvidenceCommand::List {
            path,
            unlock,
            incident,
            campaign,
            json,
        } => {
            let vault = crate::unlock(&vault::normalize_path(&path), &unlock, input)?;
            let listed = list(&vault, incident, campaign);
            vault.lock()?;
            let files = listed?;
            if json {
                crate::print_json(&files)?;
            } else {
                for f in &files {
                    println!(
                        "#{:<5} incident #{:<5} {:>10}  {:<24} {}  {}",
                        f.id,
                        f.incident_id.map_or("–".into(), |i| i.to_string()),
                        size(f.size),
                        f.media_type,
                        f.added_at,
                        f.file_name
                    );
                }
                if files.is_empty() {
                    println!("(no evidence files)");
                }
            }
        }
    }
    Ok(())
}

fn save(vault: &Vault, id: i64, out: &Path, force: bool) -> Result<PathBuf, Error> {
    let info = evidence::get(vault.conn(), id)?;
    eprintln!("{NOT_ENCRYPTED}");
    eprintln!(
        "Saving {} ({}) to {}…",
        info.file_name,
        size(info.size),
        out.display()
    );
    evidence::save_copy(vault.conn(), id, out, force)
}

fn list(
    vault: &Vault,
    incident: Option<i64>,
    campaign: Option<i64>,
) -> Result<Vec<Evidence>, Error> {
    let conn = vault.conn();
    match incident {
        Some(id) => {
            fieldbook::incidents::store::not_found_unless_exists(conn, id)?;
            evidence::for_incident(conn, id)
        }
        None => {
            let campaign_id = crate::workers::campaign_or_first(conn, campaign)?;
            evidence::for_campaign(conn, campaign_id)
        }
    }
}

fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 => format!("{:.1} GiB", b as f64 / f64::from(1u32 << 30)),
        b if b >= 1 << 20 => format!("{:.1} MiB", b as f64 / f64::from(1u32 << 20)),
        b if b >= 1 << 10 => format!("{:.1} KiB", b as f64 / 1024.0),
        b => format!("{b} bytes"),
    }
}
