//! `fieldbook incidents`: the incident log with 10(b) deadlines and days left.

use clap::Args;
use fieldbook::vault::Vault;
use fieldbook::Error;
use std::path::PathBuf;

#[derive(Args)]
pub struct IncidentsArgs {
    pub path: PathBuf,
    #[command(flatten)]
    pub unlock: crate::UnlockArgs,
    #[arg(long)]
    json: bool,
}

pub fn run(vault: Vault, args: &IncidentsArgs) -> Result<(), Error> {
    let _ = args.json;
    vault.lock()
}
