//! `fieldbook`: the command line over the Fieldbook library, for scripting, IT and tests.
//! Secrets are read from a terminal prompt or from standard input, never from arguments.

mod affidavit;
mod backup;
mod demo;
mod evidence;
mod export;
mod import;
mod incidents;
mod map;
mod plan;
mod secrets;
mod workers;

use clap::{Args, Parser, Subcommand};
use fieldbook::vault::{self, CreateOptions, Kdf, Unlock, Vault};
use fieldbook::{Error, ErrorCode, ExposeSecret};
use secrets::SecretSource;
use std::path::PathBuf;
use std::process::ExitCode;

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  I/O or internal error
  2  invalid input or usage (including a passphrase too weak)
  3  wrong passphrase or recovery key
  4  key file missing or damaged
  5  database damaged, or `verify` found a problem
  6  vault already open elsewhere
  7  vault written by a newer Fieldbook
  8  not a vault, or the vault already exists
  9  this build lacks SQLCipher
  10 vault locked";

#[derive(Parser)]
#[command(name = "fieldbook", version, about = "Fieldbook: an offline, encrypted field notebook for organizing", after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
pub struct UnlockArgs {
    /// Read the passphrase from the first line of standard input instead of a prompt.
    #[arg(long, conflicts_with = "recovery_key_stdin")]
    pub passphrase_stdin: bool,
    /// Unlock with the recovery key (AGE-SECRET-KEY-1…), read from the first line of standard input.
    #[arg(long)]
    recovery_key_stdin: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new vault folder (PATH, ending in .fieldbook; the suffix is added if missing).
    Init {
        path: PathBuf,
        /// Read the passphrase from standard input (one line) instead of prompting twice.
        #[arg(long)]
        passphrase_stdin: bool,
        /// Do not create a recovery key (if the passphrase is lost, the vault is lost).
        #[arg(long)]
        no_recovery_key: bool,
        /// scrypt work factor (log2 N, 18–21). Default: calibrated to about 1 s on this machine.
        #[arg(long, value_name = "N")]
        work_factor: Option<u8>,
    },
    /// Check every page's authentication code, the database structure, and the hash chain of every
    /// affidavit draft's versions.
    Verify {
        path: PathBuf,
        #[command(flatten)]
        unlock: UnlockArgs,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Change the passphrase (rewraps the key; the database is not rewritten). With
    /// --passphrase-stdin, standard input holds the current passphrase then the new one, one per
    /// line; with --recovery-key-stdin, the recovery key then the new passphrase.
    Passwd {
        path: PathBuf,
        #[command(flatten)]
        unlock: UnlockArgs,
        #[arg(long, value_name = "N")]
        work_factor: Option<u8>,
    },
    /// Re-encrypt the database under a new random key and rewrap both key files.
    RotateKey {
        path: PathBuf,
        /// Read the passphrase from standard input.
        #[arg(long)]
        passphrase_stdin: bool,
    },
    /// Show facts about a vault (no secrets).
    Info {
        path: PathBuf,
        #[command(flatten)]
        unlock: UnlockArgs,
        #[arg(long)]
        json: bool,
    },
    /// Create a vault filled with a synthetic warehouse campaign (deterministic from the seed) and
    /// add it to the app's recent list.
    Demo {
        path: PathBuf,
        #[arg(long)]
        passphrase_stdin: bool,
        #[arg(long, value_name = "N")]
        work_factor: Option<u8>,
        /// Number of workers (up to 1,000,000).
        #[arg(long, value_name = "N", default_value_t = 400)]
        workers: usize,
        #[arg(long, value_name = "S", default_value_t = 1)]
        seed: u64,
    },
    /// List a campaign's workers: search, filter, sort; a table, or JSON with --json.
    Workers(workers::WorkersArgs),
    /// Import the employer's list (CSV/XLSX), reconciled with the workers already there.
    /// --dry-run prints the reconciliation and changes nothing.
    Import(import::ImportArgs),
    /// Write the campaign's list to a CSV file. The file is NOT encrypted.
    ExportCsv(import::ExportCsvArgs),
    /// The relationship map and its analyses (leaders, coverage, next recruits, clusters,
    /// anti-union influence); --path-between A B or --warm B prints a warm path.
    Map(map::MapArgs),
    /// The incident (ULP) log, with each open incident's 10(b) deadline and days left.
    Incidents(incidents::IncidentsArgs),
    /// Evidence files of incidents, kept encrypted inside the vault: add one (streamed), list
    /// them, or save a copy (NOT encrypted).
    Evidence(evidence::EvidenceArgs),
    /// Affidavit drafts: list, history (with the hash chain's state), diff two versions, render a
    /// version to PDF or DOCX.
    Affidavit(affidavit::AffidavitArgs),
    /// Back up the whole vault to one age file (to its recovery key, or --with-passphrase).
    Backup(backup::BackupArgs),
    /// Restore a backup into a new vault folder, verified before it is offered.
    Restore(backup::RestoreArgs),
    /// Decrypt a bundle or backup and check every file against its manifest's SHA-256.
    VerifyBundle(backup::VerifyBundleArgs),
    /// Write an age-encrypted bundle for counsel: --select what goes (--preview lists it first).
    Export(export::ExportArgs),
    /// Write the relationship map without identities (pseudonyms), age-encrypted.
    ExportMap(export::ExportMapArgs),
    /// Counsel's key book: list, add NAME KEY, remove ID.
    Keys(export::KeysArgs),
    /// The campaign plan: every goal with its live progress (unit, departments, shifts), the
    /// milestones, the action ladder, tasks and assessment suggestions.
    Plan(plan::PlanArgs),
    /// The dashboard's data as JSON (--today: Today's).
    Dashboard(plan::DashboardArgs),
    /// Write a progress report for a period: a PDF, and with --csv its numbers. The files are NOT
    /// encrypted; names are left out unless --names.
    Report(plan::ReportArgs),
}

fn main() -> ExitCode {
    fieldbook::hardening::harden_process();
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("fieldbook: {e}");
            ExitCode::from(e.code().exit_code() as u8)
        }
    }
}

fn kdf(work_factor: Option<u8>) -> Kdf {
    work_factor.map_or(Kdf::Calibrate, Kdf::Fixed)
}

fn unlock(
    path: &std::path::Path,
    args: &UnlockArgs,
    input: &mut SecretSource,
) -> Result<Vault, Error> {
    if args.recovery_key_stdin {
        let id = input.stdin_line("recovery key")?;
        Vault::unlock_with(path, Unlock::RecoveryKey(&id))
    } else {
        let pass = input.get("Passphrase: ", args.passphrase_stdin)?;
        Vault::unlock(path, &pass)
    }
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), Error> {
    let text =
        serde_json::to_string_pretty(value).map_err(|e| Error::InvalidInput(e.to_string()))?;
    println!("{text}");
    Ok(())
}

fn run(command: Command) -> Result<ExitCode, Error> {
    let mut input = SecretSource::default();
    match command {
        Command::Init {
            path,
            passphrase_stdin,
            no_recovery_key,
            work_factor,
        } => {
            let path = vault::normalize_path(&path);
            let pass = input.new_passphrase(passphrase_stdin)?;
            let (folder, name) = split(&path)?;
            if work_factor.is_none() {
                eprintln!("Deriving the key (calibrated to about one second)…");
            }
            let options = CreateOptions {
                kdf: kdf(work_factor),
                with_recovery_key: !no_recovery_key,
            };
            let (vault, recovery) = Vault::create(&folder, &name, &pass, options)?;
            eprintln!("Created {}", vault.path().display());
            if let Some(recovery) = recovery {
                eprintln!(
                    "Recovery key: shown once. Print it or write it down and keep it away from this computer.\n\
                     It opens the vault if the passphrase is forgotten (fieldbook passwd --recovery-key-stdin)."
                );
                println!("{}", recovery.expose_secret());
            }
            vault.lock()?;
        }
        Command::Verify {
            path,
            unlock: u,
            json,
        } => {
            let vault = unlock(&vault::normalize_path(&path), &u, &mut input)?;
            let report = fieldbook::api::affidavits::verify_vault(&vault);
            vault.lock()?;
            let report = report?;
            if json {
                print_json(&report)?;
            } else if report.ok {
                println!("ok: every page authenticates and the database structure is sound");
                if !report.affidavit_chains.is_empty() {
                    println!(
                        "ok: the version history of all {} affidavit drafts is intact",
                        report.affidavit_chains.len()
                    );
                }
            } else {
                for line in report
                    .cipher_integrity
                    .iter()
                    .chain(report.integrity.iter().filter(|l| *l != "ok"))
                {
                    println!("{line}");
                }
                for c in report.affidavit_chains.iter().filter(|c| !c.ok) {
                    for p in &c.problems {
                        println!(
                            "affidavit draft {} ({}): {}",
                            c.affidavit_id, c.affiant_name, p.message
                        );
                    }
                }
            }
            if !report.ok {
                return Ok(ExitCode::from(
                    Error::DatabaseCorrupt(String::new()).code().exit_code() as u8,
                ));
            }
        }
        Command::Passwd {
            path,
            unlock: u,
            work_factor,
        } => {
            let vault = unlock(&vault::normalize_path(&path), &u, &mut input)?;
            let stdin = u.passphrase_stdin || u.recovery_key_stdin;
            let new = input.new_passphrase(stdin)?;
            vault.set_passphrase(&new, kdf(work_factor))?;
            vault.lock()?;
            eprintln!("Passphrase changed.");
        }
        Command::RotateKey {
            path,
            passphrase_stdin,
        } => {
            let pass = input.get("Passphrase: ", passphrase_stdin)?;
            let mut vault = Vault::unlock(&vault::normalize_path(&path), &pass)?;
            vault.rotate_key(&pass)?;
            vault.lock()?;
            eprintln!(
                "The database is now encrypted under a new key; both key files were rewrapped."
            );
        }
        Command::Info {
            path,
            unlock: u,
            json,
        } => {
            let vault = unlock(&vault::normalize_path(&path), &u, &mut input)?;
            let info = vault.info()?;
            vault.lock()?;
            if json {
                print_json(&info)?;
            } else {
                println!("path:            {}", info.path);
                println!("vault id:        {}", info.vault_id);
                println!("created:         {}", info.created_at);
                println!("schema version:  {}", info.schema_version);
                println!("SQLCipher:       {}", info.cipher_version);
                println!("scrypt work:     2^{}", info.kdf_work_factor);
                println!(
                    "recovery key:    {}",
                    if info.has_recovery_key { "yes" } else { "no" }
                );
                println!("database size:   {} bytes", info.db_bytes);
            }
        }
        Command::Demo {
            path,
            passphrase_stdin,
            work_factor,
            workers,
            seed,
        } => {
            let pass = input.new_passphrase(passphrase_stdin)?;
            demo::run(&path, pass, kdf(work_factor), workers, seed)?;
        }
        Command::Workers(args) => {
            let vault = unlock(&vault::normalize_path(&args.path), &args.unlock, &mut input)?;
            workers::run(vault, &args)?;
        }
        Command::Import(args) => {
            let vault = unlock(&vault::normalize_path(&args.path), &args.unlock, &mut input)?;
            import::run(vault, &args)?;
        }
        Command::ExportCsv(args) => {
            let vault = unlock(&vault::normalize_path(&args.path), &args.unlock, &mut input)?;
            import::export_csv(vault, &args)?;
        }
        Command::Map(args) => {
            let vault = unlock(&vault::normalize_path(&args.path), &args.unlock, &mut input)?;
            map::run(vault, &args)?;
        }
        Command::Backup(args) => {
            let vault = unlock(&vault::normalize_path(&args.path), &args.unlock, &mut input)?;
            backup::run_backup(vault, &args, &mut input)?;
        }
        Command::Restore(args) => backup::run_restore(&args, &mut input)?,
        Command::Export(args) => export::run_export(&args, &mut input)?,
        Command::ExportMap(args) => export::run_export_map(&args, &mut input)?,
        Command::Keys(args) => {
            let vault = unlock(&vault::normalize_path(&args.path), &args.unlock, &mut input)?;
            export::run_keys(vault, &args)?;
        }
        Command::VerifyBundle(args) => {
            if !backup::run_verify_bundle(&args, &mut input)? {
                return Ok(ExitCode::from(ErrorCode::DatabaseCorrupt.exit_code() as u8));
            }
        }
        Command::Incidents(args) => {
            let vault = unlock(&vault::normalize_path(&args.path), &args.unlock, &mut input)?;
            incidents::run(vault, &args, &mut input)?;
        }
        Command::Evidence(args) => evidence::run(args, &mut input)?,
        Command::Affidavit(args) => {
            let t = args.target();
            let vault = unlock(&vault::normalize_path(&t.path), &t.unlock, &mut input)?;
            affidavit::run(vault, &args)?;
        }
        Command::Plan(args) => {
            let vault = unlock(&vault::normalize_path(&args.path), &args.unlock, &mut input)?;
            plan::plan(vault, &args)?;
        }
        Command::Dashboard(args) => {
            let vault = unlock(&vault::normalize_path(&args.path), &args.unlock, &mut input)?;
            plan::dashboard(vault, &args)?;
        }
        Command::Report(args) => {
            let vault = unlock(&vault::normalize_path(&args.path), &args.unlock, &mut input)?;
            plan::report(vault, &args)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Split `…/NAME.fieldbook` into its folder and name.
fn split(path: &std::path::Path) -> Result<(PathBuf, String), Error> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = vault::layout::display_name(path);
    Ok((folder, name))
}
