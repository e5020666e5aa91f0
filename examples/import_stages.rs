//! The import of a 100,000-row employer list, stage by stage (the list `benches/import.rs`
//! writes): read and decode, map, records (normalize), reconcile, insert, search rows, commit;
//! then the whole `import::apply` and the stock `sqlite3 .import` of the same file.
//!
//! `cargo run --release --example import_stages [-- ROUNDS]`

use fieldbook::import::{self, ApplyChoices};
use fieldbook::vault::{CreateOptions, Kdf, Vault};
use fieldbook::workers::{campaign, store, CampaignInput, WorkerInput};
use fieldbook::SecretString;
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const ROWS: usize = 100_000;
const FIRST: &[&str] = &[
    "Ana", "Bo", "Chidi", "Dana", "Eli", "Fatima", "Gus", "Hoa", "Ines", "Jamal", "Kasia", "Luis",
];
const LAST: &[&str] = &[
    "Peña", "Chen", "Okafor", "Kowalski", "Nguyen", "Haddad", "Smith", "García", "Ali", "Novak",
];
const DEPTS: &[&str] = &[
    "Receiving",
    "Put-away",
    "Picking",
    "Packing",
    "Shipping",
    "Maintenance",
];
const SHIFTS: &[&str] = &["Day", "Swing", "Night"];

/// The same list as `benches/import.rs`.
fn write_csv(path: &Path) {
    let mut s = String::from(
        "\u{feff}Emp #,Last Name,First Name,Dept.,Shift,Job Title,Cell,Email,Hire Date\r\n",
    );
    for i in 0..ROWS {
        let n = if i % 500 == 499 { i - 1 } else { i };
        let (f, l) = (FIRST[n % FIRST.len()], LAST[(n / FIRST.len()) % LAST.len()]);
        let _ = write!(
            s,
            "{},\"{l}\",{f} {},{},{},\"Associate, Level {}\",555-{:04},{}.{}{}@example.org,{}/{}/20{:02}\r\n",
            100_000 + n,
            (b'A' + (n % 26) as u8) as char,
            DEPTS[n % DEPTS.len()],
            SHIFTS[n % SHIFTS.len()],
            n % 3 + 1,
            n % 10_000,
            f.to_lowercase(),
            l.chars().next().unwrap_or('x').to_lowercase(),
            n,
            n % 12 + 1,
            n % 28 + 1,
            10 + n % 15
        );
    }
    std::fs::write(path, s).expect("write csv");
}

fn fresh_vault(dir: &Path, i: usize) -> (Vault, i64) {
    let pass = SecretString::from("violet tractor molasses 42 harbor");
    let options = CreateOptions {
        kdf: Kdf::Fixed(18),
        with_recovery_key: false,
    };
    let (mut vault, _) = Vault::create(dir, &format!("Stages{i}"), &pass, options).expect("vault");
    let id = campaign::create(
        vault.conn_mut(),
        &CampaignInput {
            name: "Bench".into(),
            ..Default::default()
        },
    )
    .expect("campaign")
    .id;
    (vault, id)
}

/// CPU time (user + system) of this process (`RUSAGE_SELF`, every thread) or of its waited-for
/// children (`RUSAGE_CHILDREN`).
fn cpu(who: libc::c_int) -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(who, &mut u) };
    let t = |v: libc::timeval| Duration::new(v.tv_sec as u64, v.tv_usec as u32 * 1000);
    t(u.ru_utime) + t(u.ru_stime)
}

fn ms(d: Duration) -> String {
    format!("{:7.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    // `apply`: only the whole import (for a profiler), no stages, no peer.
    let only_apply = std::env::args().nth(2).as_deref() == Some("apply");
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("list.csv");
    write_csv(&csv);
    let mut n = 0;
    let (mut best_apply, mut best_floor) = (Duration::MAX, Duration::MAX);
    let mut best_stages = [Duration::MAX; 7];
    for round in 1..=rounds {
        println!("round {round}");
        if only_apply {
            n += 1;
            let (mut vault, cid) = fresh_vault(dir.path(), n);
            let (t, c) = (Instant::now(), cpu(libc::RUSAGE_SELF));
            import::apply(vault.conn_mut(), cid, &csv, &[], &ApplyChoices::default())
                .expect("import");
            println!(
                "  import::apply {} (cpu {})",
                ms(t.elapsed()),
                ms(cpu(libc::RUSAGE_SELF) - c)
            );
            continue;
        }
        // Stage by stage, through the public steps `apply` is made of.
        n += 1;
        let (mut vault, cid) = fresh_vault(dir.path(), n);
        let t = Instant::now();
        let table = import::read_table(&csv).expect("read");
        let read = t.elapsed();
        let t = Instant::now();
        let mapping = import::mapping_for(vault.conn(), cid, &table, &[]).expect("map");
        let map = t.elapsed();
        let t = Instant::now();
        let recs = import::records(&table, &mapping).expect("records");
        let records = t.elapsed();
        let conn = vault.conn_mut();
        let tx = conn.transaction().expect("tx");
        let t = Instant::now();
        let existing = import::reconcile::existing(&tx, cid).expect("existing");
        let plan = import::reconcile(recs, &existing);
        let reconcile = t.elapsed();
        let t = Instant::now();
        let mut bulk = store::begin_bulk_insert(&tx, table.rows.len()).expect("bulk");
        for r in plan.new {
            let input = WorkerInput {
                employee_id: r.employee_id,
                legal_name: r.legal_name,
                phones: r.phones,
                emails: r.emails,
                department: r.department,
                shift: r.shift,
                job_title: r.job_title,
                hire_date: r.hire_date,
                ..WorkerInput::default()
            };
            bulk.insert(cid, input).expect("insert");
        }
        let insert = t.elapsed();
        let t = Instant::now();
        store::end_bulk_insert(&tx, bulk).expect("fts");
        let fts = t.elapsed();
        let t = Instant::now();
        tx.commit().expect("commit");
        let commit = t.elapsed();
        let total = read + map + records + reconcile + insert + fts + commit;
        for (best, d) in best_stages
            .iter_mut()
            .zip([read, map, records, reconcile, insert, fts, commit])
        {
            *best = (*best).min(d);
        }
        println!(
            "  stages: read {} · map {} · records {} · reconcile {} · insert {} · search rows + indexes {} · commit {} = {}",
            ms(read), ms(map), ms(records), ms(reconcile), ms(insert), ms(fts), ms(commit), ms(total)
        );
        drop(vault);

        // The whole thing, as the app and the bench run it.
        n += 1;
        let (mut vault, cid) = fresh_vault(dir.path(), n);
        let (t, c) = (Instant::now(), cpu(libc::RUSAGE_SELF));
        let s = import::apply(vault.conn_mut(), cid, &csv, &[], &ApplyChoices::default())
            .expect("import");
        let (apply, apply_cpu) = (t.elapsed(), cpu(libc::RUSAGE_SELF) - c);
        assert_eq!(s.added as usize + s.skipped_duplicates as usize, ROWS);
        drop(vault);

        let db = dir.path().join(format!("plain{round}.db"));
        let (t, c) = (Instant::now(), cpu(libc::RUSAGE_CHILDREN));
        let out = Command::new("sqlite3")
            .arg(&db)
            .arg(format!(".import --csv {} workers", csv.display()))
            .output()
            .expect("run sqlite3");
        let (floor, floor_cpu) = (t.elapsed(), cpu(libc::RUSAGE_CHILDREN) - c);
        assert!(out.status.success());
        best_apply = best_apply.min(apply);
        best_floor = best_floor.min(floor);
        println!(
            "  import::apply {} (cpu {}) · sqlite3 .import {} (cpu {}) · ratio {:.2}×",
            ms(apply),
            ms(apply_cpu),
            ms(floor),
            ms(floor_cpu),
            apply.as_secs_f64() / floor.as_secs_f64()
        );
    }
    if best_stages[0] < Duration::MAX {
        let names = [
            "read",
            "map",
            "records",
            "reconcile",
            "insert",
            "search rows + indexes",
            "commit",
        ];
        let line: Vec<String> = names
            .iter()
            .zip(best_stages)
            .map(|(n, d)| format!("{n} {}", ms(d)))
            .collect();
        println!("best stages: {}", line.join(" · "));
    }
    if best_floor < Duration::MAX {
        println!(
            "best of {rounds}: import::apply {} · sqlite3 .import {} · ratio {:.2}×",
            ms(best_apply),
            ms(best_floor),
            best_apply.as_secs_f64() / best_floor.as_secs_f64()
        );
    }
}
