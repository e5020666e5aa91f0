//! `fieldbook export` (the bundle for counsel), `fieldbook export-map` (the redacted map) and
//! `fieldbook keys` (counsel's key book).

use crate::secrets::SecretSource;
use clap::{Args, Subcommand, ValueEnum};
use fieldbook::export::bundle::{self, BundleSelection, DraftPick};
use fieldbook::export::keybook;
use fieldbook::export::recipients::{self, Protection, PASSPHRASE_WORK_FACTOR};
use fieldbook::export::redacted::{self, Groups};
use fieldbook::export::Progress;
use fieldbook::vault::Vault;
use fieldbook::workers::dates;
use fieldbook::Error;
use std::path::PathBuf;

/// Who can open the file: the same options for the bundle and the redacted map.
#[derive(Args)]
pub struct ProtectionArgs {
    /// A public key: age1… or "ssh-ed25519 …"/"ssh-rsa …" (repeatable).
    #[arg(long = "recipient", value_name = "KEY")]
    recipients: Vec<String>,
    /// A file of public keys, one per line (# comments allowed).
    #[arg(long, value_name = "F")]
    recipients_file: Option<PathBuf>,
    /// A key from the vault's key book, by name (repeatable).
    #[arg(long = "counsel", value_name = "NAME")]
    counsel: Vec<String>,
    /// Standard input holds the vault's passphrase and then, unless recipients are given, the
    /// bundle's passphrase (one per line). Without it both are asked at the terminal.
    #[arg(long)]
    passphrase_stdin: bool,
    /// ASCII-armored output (text that survives an e-mail body).
    #[arg(long)]
    armor: bool,
    /// Where to write (a new file; nothing is overwritten).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

#[derive(Args)]
pub struct ExportArgs {
    pub path: PathBuf,
    /// What goes, comma-separated or repeated: affidavit:ID[@vN], affidavits (all, newest
    /// versions), incident:ID, incidents (all), evidence (the chosen incidents' files), contacts
    /// (affiants' and witnesses' phones and e-mails), pdf / docx (only that format), and the
    /// explicit opt-ins assessments, conversations, map.
    #[arg(long, value_name = "WHAT", value_delimiter = ',', required = true)]
    select: Vec<String>,
    /// List every file and field that would leave the vault, and write nothing.
    #[arg(long)]
    preview: bool,
    #[command(flatten)]
    protection: ProtectionArgs,
    #[arg(long)]
    campaign: Option<i64>,
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum GroupsArg {
    Keep,
    Generalize,
    Drop,
}

#[derive(Args)]
pub struct ExportMapArgs {
    pub path: PathBuf,
    /// Departments and shifts: kept, generalized ("Department A", "Shift 1") or dropped.
    #[arg(long, value_enum, default_value = "generalize")]
    groups: GroupsArg,
    #[command(flatten)]
    protection: ProtectionArgs,
    #[arg(long)]
    campaign: Option<i64>,
}

#[derive(Args)]
pub struct KeysArgs {
    pub path: PathBuf,
    #[command(flatten)]
    pub unlock: crate::UnlockArgs,
    #[command(subcommand)]
    action: KeysAction,
}

#[derive(Subcommand)]
enum KeysAction {
    /// List counsel's keys.
    List,
    /// Remember a public key under a name.
    Add { name: String, key: String },
    /// Forget a key (by id, as listed).
    Remove { id: i64 },
}

pub fn unlock_for(
    path: &std::path::Path,
    p: &ProtectionArgs,
    input: &mut SecretSource,
) -> Result<Vault, Error> {
    let pass = input.get("Vault passphrase: ", p.passphrase_stdin)?;
    Vault::unlock(path, &pass)
}

fn protection(
    vault: &Vault,
    p: &ProtectionArgs,
    input: &mut SecretSource,
) -> Result<Protection, Error> {
    let mut list = Vec::new();
    for r in &p.recipients {
        list.push(recipients::parse(r)?);
    }
    if let Some(f) = &p.recipients_file {
        let text = std::fs::read_to_string(f).map_err(|e| Error::io("read", f, e))?;
        list.extend(recipients::parse_file(&text)?);
    }
    if !p.counsel.is_empty() {
        let book = keybook::list(vault.conn())?;
        for name in &p.counsel {
            let k = book
                .iter()
                .find(|k| k.name.eq_ignore_ascii_case(name))
                .ok_or_else(|| {
                    Error::InvalidInput(format!(
                        "The key book has no key named {name:?} (see `fieldbook keys VAULT list`)."
                    ))
                })?;
            list.push(recipients::parse(&k.recipient)?);
        }
    }
    if list.is_empty() {
        let pass = input.new_passphrase(p.passphrase_stdin)?;
        Ok(Protection::Passphrase(pass, PASSPHRASE_WORK_FACTOR))
    } else {
        Ok(Protection::Recipients(list))
    }
}

fn campaign(vault: &Vault, asked: Option<i64>) -> Result<i64, Error> {
    crate::workers::campaign_or_first(vault.conn(), asked)
}

fn selection(vault: &Vault, campaign_id: i64, select: &[String]) -> Result<BundleSelection, Error> {
    let mut sel = BundleSelection {
        campaign_id,
        ..BundleSelection::default()
    };
    for raw in select {
        let item = raw.trim();
        match item {
            "affidavits" => {
                for a in fieldbook::affidavits::store::list(vault.conn(), campaign_id)? {
                    sel.affidavits.push(DraftPick {
                        id: a.id,
                        version: None,
                    });
                }
            }
            "incidents" => {
                for i in
                    fieldbook::incidents::store::list(vault.conn(), campaign_id, dates::today())?
                {
                    sel.incidents.push(i.id);
                }
            }
            "evidence" => sel.evidence = true,
            "contacts" => sel.contacts = true,
            "assessments" => sel.assessments = true,
            "conversations" => sel.conversations = true,
            "map" => sel.map = true,
            "pdf" => sel.pdf = true,
            "docx" => sel.docx = true,
            _ => {
                let bad = || {
                    Error::InvalidInput(format!("--select {item:?}: expected affidavit:ID[@vN], affidavits, incident:ID, incidents, evidence, contacts, pdf, docx, assessments, conversations or map."))
                };
                if let Some(rest) = item.strip_prefix("affidavit:") {
                    let (id, version) = match rest.split_once("@v") {
                        Some((id, v)) => (id, Some(v.parse::<u32>().map_err(|_| bad())?)),
                        None => (rest, None),
                    };
                    sel.affidavits.push(DraftPick {
                        id: id.parse().map_err(|_| bad())?,
                        version,
                    });
                } else if let Some(id) = item.strip_prefix("incident:") {
                    sel.incidents.push(id.parse().map_err(|_| bad())?);
                } else {
                    return Err(bad());
                }
            }
        }
    }
    Ok(sel)
}

pub fn run_export(args: &ExportArgs, input: &mut SecretSource) -> Result<(), Error> {
    let vault = unlock_for(
        &fieldbook::vault::normalize_path(&args.path),
        &args.protection,
        input,
    )?;
    type Done = (Option<bundle::BundlePreview>, Option<bundle::ExportSummary>);
    let result = (|| -> Result<Done, Error> {
        let campaign_id = campaign(&vault, args.campaign)?;
        let sel = selection(&vault, campaign_id, &args.select)?;
        let preview = bundle::preview(vault.conn(), &sel, dates::today())?;
        if args.preview {
            return Ok((Some(preview), None));
        }
        let protection = protection(&vault, &args.protection, input)?;
        let summary = bundle::export(
            vault.conn(),
            &sel,
            dates::today(),
            &args.protection.out,
            protection,
            args.protection.armor,
            &Progress::none(),
        )?;
        Ok((Some(preview), Some(summary)))
    })();
    vault.lock()?;
    let (preview, summary) = result?;
    if args.json {
        return match summary {
            Some(s) => crate::print_json(&s),
            None => crate::print_json(&preview),
        };
    }
    if let Some(p) = &preview {
        eprintln!(
            "Leaving the vault ({} files, {} bytes):",
            p.files.len(),
            p.total_bytes
        );
        for f in &p.files {
            eprintln!("  {}  {} — {}", f.path, f.size, f.fields.join(", "));
        }
        eprintln!("People named: {}", p.people.join("; "));
    }
    if let Some(s) = summary {
        println!("Bundle written: {} ({} files, {} bytes, encrypted). Counsel checks it with: sha256sum -c SHA256SUMS", s.path, s.files, s.bytes);
    }
    Ok(())
}

pub fn run_export_map(args: &ExportMapArgs, input: &mut SecretSource) -> Result<(), Error> {
    let vault = unlock_for(
        &fieldbook::vault::normalize_path(&args.path),
        &args.protection,
        input,
    )?;
    let result = (|| {
        let campaign_id = campaign(&vault, args.campaign)?;
        let groups = match args.groups {
            GroupsArg::Keep => Groups::Keep,
            GroupsArg::Generalize => Groups::Generalize,
            GroupsArg::Drop => Groups::Drop,
        };
        let protection = protection(&vault, &args.protection, input)?;
        redacted::export(
            vault.conn(),
            campaign_id,
            groups,
            &args.protection.out,
            protection,
            args.protection.armor,
        )
    })();
    vault.lock()?;
    let s = result?;
    println!(
        "Redacted map written: {} ({} bytes, encrypted; no names or contact details inside)",
        s.path, s.bytes
    );
    Ok(())
}

pub fn run_keys(vault: Vault, args: &KeysArgs) -> Result<(), Error> {
    let result = match &args.action {
        KeysAction::List => keybook::list(vault.conn()).map(|keys| {
            for k in keys {
                println!("{}\t{}\t{}", k.id, k.name, k.recipient);
            }
        }),
        KeysAction::Add { name, key } => {
            keybook::add(vault.conn(), name, key).map(|k| println!("Added {} ({})", k.name, k.id))
        }
        KeysAction::Remove { id } => keybook::remove(vault.conn(), *id),
    };
    vault.lock()?;
    result
}
