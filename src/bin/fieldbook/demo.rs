//! `fieldbook demo`: create a vault filled with a synthetic campaign, and add it to the app's
//! recent list.

use fieldbook::api::{CreateVaultRequest, Session};
use fieldbook::demo::{self, DemoOptions};
use fieldbook::recent::RecentList;
use fieldbook::vault::{self, Kdf};
use fieldbook::{Error, SecretString};
use std::path::Path;
use std::time::Instant;

pub fn run(
    path: &Path,
    passphrase: SecretString,
    kdf: Kdf,
    workers: usize,
    seed: u64,
) -> Result<(), Error> {
    let path = vault::normalize_path(path);
    let (folder, name) = crate::split(&path)?;
    let session = Session::new(RecentList::default_location()?).with_kdf(kdf);
    let created = session.create(CreateVaultRequest {
        folder: folder.display().to_string(),
        name,
        passphrase,
        with_recovery_key: false,
    })?;
    let started = Instant::now();
    let generated = session.with_conn(|conn, today| {
        demo::generate(
            conn,
            &DemoOptions {
                workers,
                seed,
                today,
            },
        )
    });
    session.lock()?;
    let summary = match generated {
        Ok(summary) => summary,
        Err(e) => {
            // The vault was made a moment ago for this demo and holds nothing else.
            let _ = std::fs::remove_dir_all(&created.info.path);
            return Err(e);
        }
    };
    eprintln!("Demo vault ready: {}", created.info.path);
    eprintln!(
        "  {} ({}): {} workers, {} conversations, {} on the committee, {} cards signed, {} relationships; seed {seed}, {:.1} s",
        demo::CAMPAIGN_NAME,
        demo::EMPLOYER,
        summary.workers,
        summary.conversations,
        summary.committee,
        summary.cards,
        summary.relationships,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
