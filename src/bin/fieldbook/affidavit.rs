//! `fieldbook affidavit`: render a draft to PDF or DOCX.

use clap::Args;
use fieldbook::vault::Vault;
use fieldbook::Error;
use std::path::PathBuf;

#[derive(Args)]
pub struct AffidavitArgs {
    pub path: PathBuf,
    #[command(flatten)]
    pub unlock: crate::UnlockArgs,
}

pub fn run(vault: Vault, args: &AffidavitArgs) -> Result<(), Error> {
    let _ = args;
    vault.lock()
}
