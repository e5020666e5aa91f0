//! Crash safety, measured: a child process works on a real vault (imports a CSV, edits a worker,
//! saves affidavit versions and autosaved drafts, changes the passphrase, rotates the data key) and
//! is killed with SIGKILL at a random moment; then the vault must open with the passphrase that is
//! valid, pass `PRAGMA cipher_integrity_check`, `PRAGMA integrity_check` and every affidavit hash
//! chain, hold every change the child reported committed, hold the one that was in flight either
//! entirely or not at all, and nothing after it. Then the next child carries on from there.
//!
//! The child is this test binary run again (`FIELDBOOK_CRASH_CHILD=1`, the test
//! `crash_child_process`), so that `cargo nextest run --test crash_safety` builds everything it
//! needs. Passphrases and the recovery key reach the child on stdin, never argv or the environment.
//!
//! How many kills: `FIELDBOOK_CRASH_KILLS` (default 60); the seed: `FIELDBOOK_CRASH_SEED`.
//! See docs/crash-safety.md for the 1,000-kill run and its counts.

mod common;

use common::*;
use fieldbook::affidavits::{Affiant, AffidavitContent, AffidavitNew, AffidavitSave};
use fieldbook::api::affidavits::verify_vault;
use fieldbook::api::Session;
use fieldbook::import::{ApplyChoices, MappingOverride};
use fieldbook::recent::RecentList;
use fieldbook::vault::{keyfile, Kdf, Unlock, Vault};
use fieldbook::workers::{CampaignInput, WorkerInput};
use fieldbook::{ExposeSecret, SecretString};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------------
// The plan: operation n (1, 2, 3…) is always the same, so that the harness knows what the vault
// must hold after ops 1..=m.
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    /// Import a two-row CSV (`Imp<n> Alpha`, `Imp<n> Beta`) through preview + apply.
    Import,
    /// Assess the seeded worker with reason `edit <n>`.
    Edit,
    /// Save a new affidavit version with note `draft <n>`.
    Affidavit,
    /// Autosave a form draft under key `crash:<n>`.
    Autosave,
    /// Change the passphrase (A → B or B → A).
    Passphrase,
    /// Rotate the data key (the database is re-encrypted).
    Rotate,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Import => "import",
            Kind::Edit => "edit",
            Kind::Affidavit => "affidavit",
            Kind::Autosave => "autosave",
            Kind::Passphrase => "passphrase",
            Kind::Rotate => "rotate",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        [
            Kind::Import,
            Kind::Edit,
            Kind::Affidavit,
            Kind::Autosave,
            Kind::Passphrase,
            Kind::Rotate,
        ]
        .into_iter()
        .find(|k| k.name() == s)
    }

    /// The four kinds of the issue: import, edit, save a draft, rekey.
    fn group(self) -> &'static str {
        match self {
            Kind::Import => "import",
            Kind::Edit => "edit",
            Kind::Affidavit | Kind::Autosave => "save draft",
            Kind::Passphrase | Kind::Rotate => "rekey",
        }
    }
}

/// A cycle of 8: import, edit, affidavit, edit, import, autosave, edit, rekey; the rekeys
/// alternate between a passphrase change (odd cycles) and a key rotation (even cycles).
fn kind(n: u64) -> Kind {
    match n % 8 {
        1 | 5 => Kind::Import,
        2 | 4 | 7 => Kind::Edit,
        3 => Kind::Affidavit,
        6 => Kind::Autosave,
        _ if (n / 8) % 2 == 1 => Kind::Passphrase,
        _ => Kind::Rotate,
    }
}

/// Which passphrase is right after ops 1..=m: 0 = PASS, 1 = NEW_PASS.
fn passphrase_after(m: u64) -> usize {
    ((m / 8).div_ceil(2) % 2) as usize
}

const PASSES: [&str; 2] = [PASS, NEW_PASS];

/// A short fingerprint of the data key (a truncated hash; says nothing about the key) so that
/// the harness can tell which key the vault is under.
fn fingerprint(key: &fieldbook::vault::key::DataKey) -> String {
    let mut h = Sha256::new();
    h.update(b"fieldbook crash-test fingerprint\0");
    h.update(key.to_hex().as_bytes());
    hex::encode(&h.finalize()[..8])
}

fn recovery_fingerprint(vault_dir: &Path, identity: &SecretString) -> fieldbook::Result<String> {
    let path = vault_dir.join("keys").join("recovery.age");
    let key = keyfile::unwrap_with_identity(&keyfile::read(&path)?, identity, &path)?;
    Ok(fingerprint(&key))
}

// ---------------------------------------------------------------------------------------------
// The child.
// ---------------------------------------------------------------------------------------------

const CHILD_ENV: &str = "FIELDBOOK_CRASH_CHILD";

/// Not a test of its own: the body of the child process. Does nothing in a normal run.
#[test]
fn crash_child_process() {
    if std::env::var_os(CHILD_ENV).is_none() {
        return;
    }
    if let Err(e) = child_main() {
        // Exit code 3 tells the harness the child itself failed (not a kill).
        eprintln!("child failed: {e}");
        std::process::exit(3);
    }
    std::process::exit(0);
}

fn env_u64(name: &str) -> Result<u64, String> {
    std::env::var(name)
        .map_err(|_| format!("{name} is not set"))?
        .parse()
        .map_err(|e| format!("{name}: {e}"))
}

fn child_main() -> Result<(), String> {
    let vault_dir = PathBuf::from(std::env::var_os("FIELDBOOK_CRASH_VAULT").ok_or("no vault")?);
    let log_path = PathBuf::from(std::env::var_os("FIELDBOOK_CRASH_LOG").ok_or("no log")?);
    let start = env_u64("FIELDBOOK_CRASH_START")?;
    let end = env_u64("FIELDBOOK_CRASH_END")?;
    // Three lines on stdin: the two passphrases and the recovery key.
    let mut lines = std::io::stdin().lock().lines();
    let mut next = || -> Result<SecretString, String> {
        Ok(SecretString::from(
            lines
                .next()
                .ok_or("stdin ended")?
                .map_err(|e| e.to_string())?,
        ))
    };
    let passes = [next()?, next()?];
    let recovery = next()?;

    // Each line is one write(2) to a file: it survives the SIGKILL that may follow.
    let mut log = std::fs::OpenOptions::new()
        .append(true)
        .open(&log_path)
        .map_err(|e| e.to_string())?;
    let mut say = |line: String| -> Result<(), String> {
        log.write_all(format!("{line}\n").as_bytes())
            .map_err(|e| e.to_string())
    };

    let session = Session::new(RecentList::at(
        vault_dir.with_file_name("recent.json").as_path(),
    ))
    .with_kdf(Kdf::Fixed(18));
    let mut current = passphrase_after(start - 1);
    session
        .unlock(&vault_dir, Unlock::Passphrase(&passes[current]))
        .map_err(|e| format!("unlock: {e}"))?;
    say("ready".into())?;
    let (campaign, worker, affidavit) = session
        .with_conn(|c, _| {
            Ok(c.query_row(
                "SELECT (SELECT min(id) FROM campaign), (SELECT min(id) FROM worker),
                        (SELECT min(id) FROM affidavit)",
                [],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, i64>(2)?,
                    ))
                },
            )?)
        })
        .map_err(|e| e.to_string())?;

    for n in start..=end {
        let k = kind(n);
        say(format!("begin {n} {}", k.name()))?;
        let mut extra = String::new();
        let result: fieldbook::Result<()> = match k {
            Kind::Import => {
                let csv = format!(
                    "Name,Dept.,Shift,Phone\nImp{n} Alpha,Receiving,Day,555-{a:04}\nImp{n} Beta,Shipping,Night,555-{b:04}\n",
                    a = (2 * n) % 10_000,
                    b = (2 * n + 1) % 10_000
                );
                let overrides: [MappingOverride; 0] = [];
                session
                    .import_preview(campaign, "list.csv", csv.as_bytes(), &overrides)
                    .and_then(|draft| {
                        session.import_apply(
                            campaign,
                            "list.csv",
                            csv.as_bytes(),
                            &draft.mapping,
                            &ApplyChoices::default(),
                        )
                    })
                    .map(|_| ())
            }
            Kind::Edit => session
                .worker_assess(
                    worker,
                    (n % 5 + 1) as u8,
                    "crash harness",
                    &format!("edit {n}"),
                )
                .map(|_| ()),
            Kind::Affidavit => session
                .affidavit_save(
                    affidavit,
                    &AffidavitSave {
                        content: content(&format!("Paragraph written by op {n}.")),
                        saved_by: "crash harness".into(),
                        note: format!("draft {n}"),
                        ..AffidavitSave::default()
                    },
                )
                .map(|_| ()),
            Kind::Autosave => session.draft_save(
                &format!("crash:{n}"),
                &format!("{{\"op\":{n},\"text\":\"unsaved 1-on-1 notes\"}}"),
            ),
            Kind::Passphrase => {
                let result = session.change_passphrase(&passes[current], &passes[1 - current]);
                if result.is_ok() {
                    current = 1 - current;
                }
                result
            }
            Kind::Rotate => session
                .rotate_key(&passes[current])
                .and_then(|_| recovery_fingerprint(&vault_dir, &recovery))
                .map(|fp| extra = format!(" {fp}")),
        };
        result.map_err(|e| format!("op {n} ({}): {e}", k.name()))?;
        say(format!("committed {n} {}{extra}", k.name()))?;
    }
    session.lock().map_err(|e| e.to_string())?;
    say("done".into())?;
    Ok(())
}

fn content(paragraph: &str) -> AffidavitContent {
    AffidavitContent {
        affiant: Affiant {
            name: "Marcus Bell".into(),
            job_title: "Picker".into(),
            contact_instead_of_address: true,
            phone: "555-0134".into(),
            ..Affiant::default()
        },
        paragraphs: vec!["I work nights as a picker.".into(), paragraph.to_string()],
        ..AffidavitContent::default()
    }
}

// ---------------------------------------------------------------------------------------------
// The harness.
// ---------------------------------------------------------------------------------------------

/// What the child's log says about one run.
#[derive(Debug, Default)]
struct RunLog {
    ready: bool,
    /// The last op reported committed, if any.
    committed: Option<u64>,
    /// An op begun and not reported committed.
    in_flight: Option<(u64, Kind)>,
    /// The last op begun (committed or not).
    last_begun: Option<u64>,
    /// Fingerprints reported by committed rotations, by op.
    rotations: BTreeMap<u64, String>,
    done: bool,
}

fn read_log(path: &Path) -> RunLog {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut log = RunLog::default();
    for line in text.lines() {
        let parts: Vec<&str> = line.split(' ').collect();
        match parts.as_slice() {
            ["ready"] => log.ready = true,
            ["done"] => log.done = true,
            ["begin", n, k] => {
                if let (Ok(n), Some(k)) = (n.parse(), Kind::parse(k)) {
                    log.in_flight = Some((n, k));
                    log.last_begun = Some(n);
                }
            }
            ["committed", n, rest @ ..] => {
                if let Ok(n) = n.parse::<u64>() {
                    log.committed = Some(n);
                    log.in_flight = None;
                    if let ["rotate", fp] = rest {
                        log.rotations.insert(n, fp.to_string());
                    }
                }
            }
            // A line cut off by the kill (the write is one syscall, so this should not happen).
            _ => {}
        }
    }
    log
}

/// The vault's state as the harness knows it between runs.
struct Known {
    /// Ops 1..=applied are in the vault.
    applied: u64,
    /// Fingerprint of the data key.
    fp: String,
}

#[derive(Default)]
struct Counts {
    kills: u64,
    /// Killed while unlocking (before "ready").
    during_unlock: u64,
    /// Killed between two ops (after one was reported committed, before the next began).
    between_ops: u64,
    /// Killed mid-operation, by kind: (kills, of which the op turned out applied).
    mid_op: BTreeMap<Kind, (u64, u64)>,
    /// The child finished its ops before the kill.
    finished: u64,
    reopened: u64,
    verified: u64,
    /// Reopens that needed the other passphrase (the change was in flight and had landed).
    new_passphrase_in_flight: u64,
    /// Distinct temporary files (`.NAME.<random>.tmp`) left in the vault folder by a kill.
    stale_tmp_files: BTreeSet<String>,
    failures: Vec<String>,
    ops_committed: u64,
    /// Ops reported committed, by kind (each of them was then found in the vault).
    committed_by_kind: BTreeMap<Kind, u64>,
    /// Rounds that started with a rekey the previous kill had stopped before it landed (without
    /// special handling the run would kill the same rekey again and again): of these, how many
    /// were killed at a random moment inside the rekey's measured duration, and how many were
    /// let through the rekey and then killed with the normal short delays.
    stalled_rekey_rounds: u64,
    stalled_rekey_let_through: u64,
}

fn kill_count() -> u64 {
    std::env::var("FIELDBOOK_CRASH_KILLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60)
}

fn seed() -> u64 {
    std::env::var("FIELDBOOK_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x0f1e_1db0)
}

#[test]
fn sigkill_at_random_moments_loses_nothing_committed() {
    if std::env::var_os(CHILD_ENV).is_some() {
        return;
    }
    let kills = kill_count();
    let seed = seed();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let started = Instant::now();

    // A vault with a campaign, the worker the edits assess and an affidavit draft (op 0).
    let (dir, mut vault, recovery) = new_vault(true);
    let recovery = recovery.expect("recovery key");
    let vault_dir = vault_path(&dir);
    {
        let conn = vault.conn_mut();
        let c = fieldbook::workers::campaign::create(
            conn,
            &CampaignInput {
                name: "Riverside DC".into(),
                ..CampaignInput::default()
            },
        )
        .expect("campaign")
        .id;
        let w = fieldbook::workers::store::insert(
            conn,
            c,
            &WorkerInput {
                legal_name: "Marcus Bell".into(),
                department: "Picking".into(),
                ..WorkerInput::default()
            },
        )
        .expect("worker");
        fieldbook::affidavits::store::create(
            conn,
            &AffidavitNew {
                affiant_id: w,
                content: content("First version."),
                saved_by: "crash harness".into(),
                note: "draft 0".into(),
                ..AffidavitNew::default()
            },
        )
        .expect("affidavit");
    }
    vault.lock().expect("lock");
    let mut known = Known {
        applied: 0,
        fp: recovery_fingerprint(&vault_dir, &recovery).expect("fingerprint"),
    };
    let stdin = format!("{PASS}\n{NEW_PASS}\n{}\n", recovery.expose_secret());

    let mut counts = Counts::default();
    let log_path = dir.path().join("child.log");
    let exe = std::env::current_exe().expect("test binary");
    // Whether the last kill stopped a rekey (passphrase change or rotation) before it landed.
    let mut rekey_stalled = false;
    // How long a rekey takes, from `ready` to its `committed` line (a running mean; measured
    // whenever a round lets one through).
    let mut rekey_secs = 3.0_f64;
    let mut rekey_samples = 0_u32;
    for round in 0..kills {
        if round > 0 && round % 50 == 0 {
            let mid: Vec<String> = counts
                .mid_op
                .iter()
                .map(|(k, (n, l))| format!("{} {n}/{l}", k.name()))
                .collect();
            eprintln!(
                "crash-safety progress: {round} kills, {} verified, {} failures, {} ops applied, \
                 {} stalled-rekey rounds ({} let through, rekey {rekey_secs:.1} s), \
                 mid-op (kills/landed) [{}], {} s",
                counts.verified,
                counts.failures.len(),
                known.applied,
                counts.stalled_rekey_rounds,
                counts.stalled_rekey_let_through,
                mid.join(", "),
                started.elapsed().as_secs()
            );
        }
        std::fs::write(&log_path, b"").expect("log");
        let start = known.applied + 1;
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "crash_child_process",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, "1")
            .env("FIELDBOOK_CRASH_VAULT", &vault_dir)
            .env("FIELDBOOK_CRASH_LOG", &log_path)
            .env("FIELDBOOK_CRASH_START", start.to_string())
            .env("FIELDBOOK_CRASH_END", (start + 400).to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn the child");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(stdin.as_bytes())
            .expect("write stdin");

        // When to kill: 10 % of the time anywhere in the unlock; otherwise after "ready", either
        // soon (most of the fast ops are over in a few ms: hit their writes) or anywhere in the
        // next few seconds (passphrase changes and rotations spend seconds in scrypt).
        // After a kill that stopped a rekey before it landed, the next child starts with that
        // rekey (two scrypt derivations at 2^18, seconds on a busy machine). Such a round is
        // either killed at a uniform moment inside the rekey's measured duration (40 %: the
        // rekey is cut off at every stage, or just completes), or let through the rekey and then
        // killed like any other round (60 %), so that the run always moves on.
        let mode: f64 = rng.gen();
        let stalled = rekey_stalled;
        let mut let_through = false;
        if stalled {
            counts.stalled_rekey_rounds += 1;
            let_through = rng.gen_bool(0.6);
        }
        let wait_for = |child: &mut std::process::Child, what: &dyn Fn(&RunLog) -> bool| {
            let deadline = Instant::now() + Duration::from_secs(60);
            while Instant::now() < deadline {
                if what(&read_log(&log_path)) {
                    return true;
                }
                if let Ok(Some(_)) = child.try_wait() {
                    return false;
                }
                std::thread::sleep(Duration::from_micros(200));
            }
            false
        };
        let delay = if mode < 0.1 && !stalled {
            Duration::from_millis(rng.gen_range(0..1500))
        } else {
            wait_for(&mut child, &|l| l.ready);
            let ready_at = Instant::now();
            if stalled && !let_through {
                Duration::from_secs_f64(rng.gen_range(0.0..rekey_secs * 1.2))
            } else {
                if let_through && wait_for(&mut child, &|l| l.committed >= Some(start)) {
                    counts.stalled_rekey_let_through += 1;
                    let secs = ready_at.elapsed().as_secs_f64();
                    rekey_samples += 1;
                    rekey_secs += (secs - rekey_secs) / f64::from(rekey_samples.min(20));
                }
                if mode < 0.3 {
                    // Anywhere in the next 150 ms: between ops, in fsyncs, in a rekey's start.
                    Duration::from_micros(rng.gen_range(0..150_000))
                } else {
                    // Aim at one of the next eight ops (one of each place in the cycle): wait
                    // for its `begin` line, then kill within its typical duration, so that the
                    // few-millisecond ops are cut off mid-way as often as the rekeys.
                    let now = read_log(&log_path).last_begun.unwrap_or(start);
                    let target = now + rng.gen_range(0..8);
                    wait_for(&mut child, &|l| l.last_begun >= Some(target));
                    if matches!(kind(target), Kind::Passphrase | Kind::Rotate) {
                        Duration::from_secs_f64(rng.gen_range(0.0..rekey_secs * 1.2))
                    } else {
                        Duration::from_micros(rng.gen_range(0..20_000))
                    }
                }
            }
        };
        std::thread::sleep(delay);
        let exited_before_kill = matches!(child.try_wait(), Ok(Some(_)));
        let _ = child.kill(); // SIGKILL on Unix
        let status = child.wait_with_output().expect("wait for the child");
        counts.kills += 1;
        let log = read_log(&log_path);
        if exited_before_kill && status.status.code() == Some(3) {
            counts.failures.push(format!(
                "round {round}: the child failed: {}",
                String::from_utf8_lossy(&status.stderr)
            ));
            break;
        }
        if log.done {
            counts.finished += 1;
        } else if !log.ready {
            counts.during_unlock += 1;
        } else if log.in_flight.is_none() {
            counts.between_ops += 1;
        }
        let reported = log.committed.unwrap_or(start - 1);
        counts.ops_committed += reported - (start - 1);
        for n in start..=reported {
            *counts.committed_by_kind.entry(kind(n)).or_default() += 1;
        }
        match check(&vault_dir, &recovery, &known, &log, reported) {
            Ok((applied, fp, outcome)) => {
                counts.reopened += 1;
                counts.verified += 1;
                counts.stale_tmp_files.extend(outcome.stale_tmp);
                if outcome.other_passphrase {
                    counts.new_passphrase_in_flight += 1;
                }
                rekey_stalled = false;
                if let Some((n, k)) = log.in_flight {
                    let e = counts.mid_op.entry(k).or_default();
                    e.0 += 1;
                    if applied == n {
                        e.1 += 1;
                    } else if matches!(k, Kind::Passphrase | Kind::Rotate) {
                        rekey_stalled = true;
                    }
                }
                known = Known { applied, fp };
            }
            Err(e) => {
                counts.failures.push(format!(
                    "round {round} (ops {start}..={reported}, in flight {:?}): {e}",
                    log.in_flight
                ));
                break;
            }
        }
    }

    let report = summary(&counts, seed, started.elapsed(), known.applied);
    println!("{report}");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("crash-safety.md");
    let _ = std::fs::write(&out, &report);
    println!("(written to {})", out.display());
    assert!(
        counts.failures.is_empty(),
        "crash safety failures:\n{}",
        counts.failures.join("\n")
    );
    assert_eq!(counts.verified, kills);
}

struct Outcome {
    other_passphrase: bool,
    stale_tmp: Vec<String>,
}

/// Open the vault after a kill and check it: returns the number of ops applied and the key's
/// fingerprint.
fn check(
    vault_dir: &Path,
    recovery: &SecretString,
    known: &Known,
    log: &RunLog,
    reported: u64,
) -> Result<(u64, String, Outcome), String> {
    let next = reported + 1;
    let next_kind = kind(next);
    let mut stale_tmp = Vec::new();
    for entry in walk(vault_dir) {
        let name = entry
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.ends_with(".tmp") {
            stale_tmp.push(
                entry
                    .strip_prefix(vault_dir)
                    .unwrap_or(&entry)
                    .display()
                    .to_string(),
            );
        }
    }

    // 1. The passphrase: the one valid after the reported ops; if a change was in flight, the
    //    new one is acceptable instead (exactly one of the two opens the vault).
    let expected = passphrase_after(reported);
    let (vault, other_passphrase) = match Vault::unlock(vault_dir, &secret(PASSES[expected])) {
        Ok(v) => (v, false),
        Err(fieldbook::Error::WrongPassphrase) if next_kind == Kind::Passphrase => {
            let v = Vault::unlock(vault_dir, &secret(PASSES[1 - expected]))
                .map_err(|e| format!("neither passphrase opens the vault ({:?})", e.code()))?;
            (v, true)
        }
        Err(e) => {
            return Err(format!(
                "the passphrase valid after op {reported} does not open the vault: {:?} {e}",
                e.code()
            ))
        }
    };

    // 2. Integrity: SQLCipher's page HMACs, SQLite's structure, every affidavit chain.
    let report = verify_vault(&vault).map_err(|e| format!("verify: {e}"))?;
    if !report.ok {
        return Err(format!("verify failed: {report:?}"));
    }

    // 3. The content: which ops are in the vault.
    let present = ops_present(&vault).map_err(|e| format!("reading the vault: {e}"))?;
    drop(vault);

    // A settled vault has no rotation leftovers.
    let keys = vault_dir.join("keys");
    for leftover in ["rotation.pending", "passphrase.age.new", "recovery.age.new"] {
        if keys.join(leftover).exists() {
            return Err(format!("keys/{leftover} is still there after unlocking"));
        }
    }

    // 4. The key: the recovery key opens the vault too, and its fingerprint tells which key.
    Vault::unlock_with(vault_dir, Unlock::RecoveryKey(recovery))
        .map_err(|e| format!("the recovery key does not open the vault: {e}"))?;

    // No temporary file survives a reopen: an interrupted atomic write's `.NAME.<hex>.tmp` (a
    // passphrase key file among them) is removed by the unlock.
    let survivors: Vec<String> = walk(vault_dir)
        .into_iter()
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().ends_with(".tmp"))
        })
        .map(|p| {
            p.strip_prefix(vault_dir)
                .unwrap_or(&p)
                .display()
                .to_string()
        })
        .collect();
    if !survivors.is_empty() {
        return Err(format!(
            "temporary files survived the reopen: {survivors:?}"
        ));
    }
    let fp = recovery_fingerprint(vault_dir, recovery).map_err(|e| e.to_string())?;
    let expected_fp = log
        .rotations
        .values()
        .next_back()
        .cloned()
        .unwrap_or_else(|| known.fp.clone());
    let rotated_next = fp != expected_fp;
    if rotated_next && next_kind != Kind::Rotate {
        return Err(format!(
            "the data key is {fp}, expected {expected_fp} (no rotation was in flight)"
        ));
    }

    // Was the op in flight applied? Its own evidence decides; then everything must match exactly.
    let next_applied = match next_kind {
        Kind::Passphrase => other_passphrase,
        Kind::Rotate => rotated_next,
        k => present.get(&k).is_some_and(|s| s.contains(&next)),
    };
    let applied = reported + u64::from(next_applied);
    for k in [Kind::Import, Kind::Edit, Kind::Affidavit, Kind::Autosave] {
        let want: BTreeSet<u64> = (1..=applied).filter(|&n| kind(n) == k).collect();
        let got = present.get(&k).cloned().unwrap_or_default();
        if want != got {
            let missing: Vec<_> = want.difference(&got).collect();
            let extra: Vec<_> = got.difference(&want).collect();
            return Err(format!(
                "{} ops: missing {missing:?}, unexpected {extra:?} (applied through {applied})",
                k.name()
            ));
        }
    }
    Ok((
        applied,
        fp,
        Outcome {
            other_passphrase,
            stale_tmp,
        },
    ))
}

/// Every op of the content kinds found in the vault; an import must have both of its rows.
fn ops_present(vault: &Vault) -> Result<BTreeMap<Kind, BTreeSet<u64>>, String> {
    let conn = vault.conn();
    let strings = |sql: &str| -> Result<Vec<String>, String> {
        let mut stmt = conn.prepare(sql).map_err(|e| e.to_string())?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(|e| e.to_string())?;
        rows.collect::<Result<Vec<_>, _>>()
            .map_err(|e| e.to_string())
    };
    let number = |s: &str, prefix: &str| -> Result<u64, String> {
        s.strip_prefix(prefix)
            .and_then(|rest| rest.split(' ').next())
            .and_then(|n| n.parse().ok())
            .ok_or_else(|| format!("unexpected marker {s:?}"))
    };
    let mut out: BTreeMap<Kind, BTreeSet<u64>> = BTreeMap::new();

    let mut imports: BTreeMap<u64, u32> = BTreeMap::new();
    for name in strings("SELECT legal_name FROM worker WHERE legal_name LIKE 'Imp%'")? {
        *imports.entry(number(&name, "Imp")?).or_default() += 1;
    }
    for (n, rows) in &imports {
        if *rows != 2 {
            return Err(format!("import {n} is partial: {rows} of 2 rows"));
        }
    }
    out.insert(Kind::Import, imports.into_keys().collect());

    let edits = strings("SELECT reason FROM assessment WHERE reason LIKE 'edit %'")?;
    let mut set = BTreeSet::new();
    for r in &edits {
        if !set.insert(number(r, "edit ")?) {
            return Err(format!("{r} is there twice"));
        }
    }
    out.insert(Kind::Edit, set);
    // The derived current assessment follows the newest history row.
    let consistent: bool = conn
        .query_row(
            "SELECT count(*) = 0 FROM worker w WHERE w.assessment IS NOT (
                 SELECT NULLIF(value, 0) FROM assessment a WHERE a.worker_id = w.id
                 ORDER BY assessed_at DESC, id DESC LIMIT 1)",
            [],
            |r| r.get(0),
        )
        .map_err(|e| e.to_string())?;
    if !consistent {
        return Err("a worker's current assessment does not match its history".into());
    }

    let mut set = BTreeSet::new();
    for note in strings("SELECT note FROM affidavit_version WHERE note LIKE 'draft %'")? {
        let n = number(&note, "draft ")?;
        if n > 0 && !set.insert(n) {
            return Err(format!("{note} is there twice"));
        }
    }
    out.insert(Kind::Affidavit, set);

    let mut set = BTreeSet::new();
    for key in strings("SELECT key FROM draft WHERE key LIKE 'crash:%'")? {
        set.insert(number(&key, "crash:")?);
    }
    out.insert(Kind::Autosave, set);
    Ok(out)
}

fn walk(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out
}

fn summary(c: &Counts, seed: u64, elapsed: Duration, applied: u64) -> String {
    let mut s = String::new();
    s.push_str("# Crash-safety run\n\n");
    s.push_str(&format!(
        "seed {seed}, {} s, ops applied at the end: {applied}\n\n",
        elapsed.as_secs()
    ));
    s.push_str("| figure | count |\n|---|---|\n");
    let mid_total: u64 = c.mid_op.values().map(|v| v.0).sum();
    let rows: Vec<(String, u64)> = vec![
        ("SIGKILLs".into(), c.kills),
        ("killed while unlocking".into(), c.during_unlock),
        ("killed between two operations".into(), c.between_ops),
        ("killed mid-operation (all kinds)".into(), mid_total),
        ("child had finished its ops".into(), c.finished),
        ("reopened with the valid passphrase".into(), c.reopened),
        ("passed every check".into(), c.verified),
        (
            "passphrase change in flight that had landed (opened with the new one)".into(),
            c.new_passphrase_in_flight,
        ),
        ("operations reported committed".into(), c.ops_committed),
        (
            "rounds starting with a rekey the previous kill had stopped".into(),
            c.stalled_rekey_rounds,
        ),
        (
            "  of which let through the rekey (then killed with the usual delays)".into(),
            c.stalled_rekey_let_through,
        ),
        (
            "distinct stale *.tmp files left in the vault folder by kills (all removed by the next unlock)".into(),
            c.stale_tmp_files.len() as u64,
        ),
        ("failures".into(), c.failures.len() as u64),
    ];
    for (k, v) in rows {
        s.push_str(&format!("| {k} | {v} |\n"));
    }
    s.push_str("\n| kind | group | reported committed (then found) | killed mid-op | of which the op had landed |\n|---|---|---|---|---|\n");
    for k in [
        Kind::Import,
        Kind::Edit,
        Kind::Affidavit,
        Kind::Autosave,
        Kind::Passphrase,
        Kind::Rotate,
    ] {
        let (n, landed) = c.mid_op.get(&k).copied().unwrap_or_default();
        let done = c.committed_by_kind.get(&k).copied().unwrap_or_default();
        s.push_str(&format!(
            "| {} | {} | {done} | {n} | {landed} |\n",
            k.name(),
            k.group()
        ));
    }
    if !c.stale_tmp_files.is_empty() {
        s.push_str("\nStale temporary files: ");
        let names: Vec<&str> = c
            .stale_tmp_files
            .iter()
            .map(String::as_str)
            .take(20)
            .collect();
        s.push_str(&names.join(", "));
        s.push('\n');
    }
    for f in &c.failures {
        s.push_str(&format!("\nFAILURE: {f}\n"));
    }
    s
}

#[test]
fn the_plan_is_what_the_harness_assumes() {
    assert_eq!(kind(1), Kind::Import);
    assert_eq!(kind(3), Kind::Affidavit);
    assert_eq!(kind(6), Kind::Autosave);
    assert_eq!(kind(8), Kind::Passphrase);
    assert_eq!(kind(16), Kind::Rotate);
    assert_eq!(kind(24), Kind::Passphrase);
    for (m, p) in [(0, 0), (7, 0), (8, 1), (23, 1), (24, 0), (39, 0), (40, 1)] {
        assert_eq!(passphrase_after(m), p, "after op {m}");
    }
}
