//! `fieldbook backup`, `fieldbook restore` and `fieldbook verify-bundle`: encrypted backups of the
//! whole vault, their restore into a new folder (verified first), and checking any archive
//! Fieldbook wrote against its manifest.

use crate::secrets::SecretSource;
use clap::Args;
use fieldbook::export::open::{self, Key};
use fieldbook::export::recipients::{Protection, PASSPHRASE_WORK_FACTOR};
use fieldbook::export::{backup, restore, verify, Progress};
use fieldbook::vault::{self, Unlock, Vault};
use fieldbook::Error;
use std::path::PathBuf;

#[derive(Args)]
pub struct BackupArgs {
    pub path: PathBuf,
    #[command(flatten)]
    pub unlock: crate::UnlockArgs,
    /// The backup file to write (must not exist), e.g. /media/usb/Riverside.fieldbook-backup.age.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Encrypt to a new passphrase (asked twice; with --passphrase-stdin, the next line of
    /// standard input) instead of the vault's recovery key.
    #[arg(long)]
    with_passphrase: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct RestoreArgs {
    /// The backup file.
    file: PathBuf,
    /// The new vault folder to create (….fieldbook).
    new_vault: PathBuf,
    /// The identity file that opens the backup (the vault's recovery key, saved to a file).
    #[arg(
        short = 'i',
        long,
        value_name = "FILE",
        conflicts_with = "passphrase_stdin"
    )]
    identity: Option<PathBuf>,
    /// Read the backup's passphrase, then the vault's passphrase, from standard input (one per line).
    #[arg(long)]
    passphrase_stdin: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct VerifyBundleArgs {
    /// A bundle for counsel or a backup (.age).
    file: PathBuf,
    /// An identity file (age or unencrypted SSH private key).
    #[arg(
        short = 'i',
        long,
        value_name = "FILE",
        conflicts_with = "passphrase_stdin"
    )]
    identity: Option<PathBuf>,
    /// Read the passphrase from standard input.
    #[arg(long)]
    passphrase_stdin: bool,
    #[arg(long)]
    json: bool,
}

pub fn run_backup(vault: Vault, args: &BackupArgs, input: &mut SecretSource) -> Result<(), Error> {
    let made = (|| {
        let protection = if args.with_passphrase {
            Protection::Passphrase(
                input.new_passphrase(args.unlock.passphrase_stdin)?,
                PASSPHRASE_WORK_FACTOR,
            )
        } else {
            backup::recovery_protection(vault.conn())?.ok_or_else(|| {
                Error::InvalidInput(
                    "This vault has no recovery key to encrypt the backup to: add --with-passphrase.".into(),
                )
            })?
        };
        backup::backup(
            vault.conn(),
            vault.path(),
            &args.out,
            protection,
            &Progress::none(),
        )
    })();
    vault.lock()?;
    let summary = made?;
    if args.json {
        return crate::print_json(&summary);
    }
    let rows: u64 = summary.counts.values().sum();
    println!(
        "Backup written: {} ({} bytes, schema {}, {rows} rows in {} tables)",
        summary.path,
        summary.bytes,
        summary.schema_version,
        summary.counts.len()
    );
    Ok(())
}

fn key_for(
    identity: Option<&PathBuf>,
    from_stdin: bool,
    input: &mut SecretSource,
    prompt: &str,
) -> Result<Key, Error> {
    match identity {
        Some(path) => open::read_identity_file(path),
        None => Ok(Key::Passphrase(input.get(prompt, from_stdin)?)),
    }
}

pub fn run_restore(args: &RestoreArgs, input: &mut SecretSource) -> Result<(), Error> {
    let key = key_for(
        args.identity.as_ref(),
        args.passphrase_stdin,
        input,
        "Backup passphrase: ",
    )?;
    // The recovery key that opened the backup opens the vault inside too; otherwise ask.
    let recovery = match &args.identity {
        Some(p) => open::single_age_secret(p)?,
        None => None,
    };
    let passphrase;
    let unlock = match &recovery {
        Some(secret) => Unlock::RecoveryKey(secret),
        None => {
            passphrase = input.get("Vault passphrase: ", args.passphrase_stdin)?;
            Unlock::Passphrase(&passphrase)
        }
    };
    let report = restore::restore(
        &args.file,
        &key,
        &vault::normalize_path(&args.new_vault),
        unlock,
    )?;
    if args.json {
        return crate::print_json(&report);
    }
    let rows: u64 = report.counts.values().sum();
    println!(
        "Restored and verified: {} (backup of {}, schema {}, {rows} rows; every page authenticates)",
        report.path, report.backup_created_at, report.schema_version
    );
    Ok(())
}

/// Exit code 5 (as `verify`) when the archive does not match its manifest.
pub fn run_verify_bundle(args: &VerifyBundleArgs, input: &mut SecretSource) -> Result<bool, Error> {
    let key = key_for(
        args.identity.as_ref(),
        args.passphrase_stdin,
        input,
        "Passphrase: ",
    )?;
    let stream = open::decrypt_file(&args.file, &key)?;
    let report = verify::verify_archive(stream)?;
    if args.json {
        crate::print_json(&report)?;
    } else if report.ok {
        println!(
            "ok: {} files, {} bytes, every SHA-256 matches the manifest",
            report.files_checked, report.bytes_checked
        );
    } else {
        for p in &report.problems {
            println!("{p}");
        }
        eprintln!("fieldbook: the archive does not match its manifest");
    }
    Ok(report.ok)
}
