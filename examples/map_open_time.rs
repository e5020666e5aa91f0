//! Times opening the map the way the app does (`Session::map`, the analysis of the vault as it is
//! now) on a real demo vault: without the betweenness cache, and after an unlock that prewarmed it.
//!
//! ```sh
//! cargo run --example map_open_time -- [WORKERS] [REPEATS]     # debug build, as the e2e app
//! cargo run --release --example map_open_time -- 5000
//! ```
//!
//! Creates a throw-away vault in a temp folder (synthetic demo data), prints one line per figure.

use fieldbook::api::{CreateVaultRequest, Session};
use fieldbook::demo::{self, DemoOptions};
use fieldbook::recent::RecentList;
use fieldbook::vault::{Kdf, Unlock};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

const PASS: &str = "violet tractor molasses 42 harbor";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("map_open_time: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The best of `repeats` runs of `f`, which returns the seconds it measured itself.
fn best(repeats: usize, mut f: impl FnMut() -> fieldbook::Result<f64>) -> fieldbook::Result<f64> {
    let mut best = f64::INFINITY;
    for _ in 0..repeats {
        best = best.min(f()?);
    }
    Ok(best)
}

fn run() -> fieldbook::Result<()> {
    let mut args = std::env::args().skip(1);
    let workers: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5000);
    let repeats: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(3).max(1);
    let home = std::env::temp_dir().join(format!("fieldbook-map-time-{}", std::process::id()));
    std::fs::create_dir_all(&home).map_err(|e| fieldbook::Error::InvalidInput(e.to_string()))?;
    let recent = || RecentList::at(home.join("recent.json"));
    let s = Session::new(recent()).with_kdf(Kdf::Fixed(18));
    let created = s.create(CreateVaultRequest {
        folder: home.display().to_string(),
        name: "Map time".into(),
        passphrase: PASS.to_string().into(),
        with_recovery_key: false,
    })?;
    let summary = s.with_conn(|conn, today| {
        demo::generate(
            conn,
            &DemoOptions {
                workers,
                seed: 1,
                today,
            },
        )
    })?;
    let campaign = s.campaigns()?[0].id;
    let path = PathBuf::from(&created.info.path);
    println!(
        "demo: {} workers, {} relationships",
        summary.workers, summary.relationships
    );

    // Without the cache: every opening computes betweenness (a fresh session each time).
    s.lock()?;
    let cold = best(repeats, || {
        let s = Session::new(recent());
        s.unlock(&path, Unlock::Passphrase(&PASS.to_string().into()))?;
        let t = Instant::now();
        s.map(campaign)?;
        let secs = t.elapsed().as_secs_f64();
        s.lock()?;
        Ok(secs)
    })?;

    // The app's session: prewarmed on unlock; the map opened once the background work is done.
    let s = Session::new(recent()).with_map_prewarm();
    s.unlock(&path, Unlock::Passphrase(&PASS.to_string().into()))?;
    let t = Instant::now();
    while !s.map_prewarmed(campaign)? {
        std::thread::sleep(Duration::from_millis(10));
    }
    let prewarm = t.elapsed().as_secs_f64();
    let warm = best(repeats, || {
        let t = Instant::now();
        s.map(campaign)?;
        Ok(t.elapsed().as_secs_f64())
    })?;
    s.lock()?;
    let _ = std::fs::remove_dir_all(&home);
    println!("map of {workers} workers ({repeats} runs, best):");
    println!("  without the cache        {cold:.3} s");
    println!("  background prewarm       {prewarm:.3} s after unlock");
    println!("  prewarmed                {warm:.3} s");
    Ok(())
}
