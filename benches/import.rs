//! Importing the employer's list: 100,000 rows into an encrypted vault (read, map, normalize,
//! dedupe/reconcile, insert with the search index), measured in the same run against the stock
//! `sqlite3` CLI's `.import` of the same file into a plain, unencrypted database: the floor no
//! encrypted import can beat. Goal: ≤ 2× the floor. Run with `scripts/bench.sh import`.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use fieldbook::import::{self, ApplyChoices};
use fieldbook::vault::{CreateOptions, Kdf, Vault};
use fieldbook::workers::{campaign, CampaignInput};
use fieldbook::SecretString;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

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

/// A realistic employer list: quoted fields, a BOM, CRLF, some repeated rows.
fn write_csv(path: &Path) {
    let mut s = String::from(
        "\u{feff}Emp #,Last Name,First Name,Dept.,Shift,Job Title,Cell,Email,Hire Date\r\n",
    );
    for i in 0..ROWS {
        let n = if i % 500 == 499 { i - 1 } else { i }; // a duplicate row every 500
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
    let (mut vault, _) = Vault::create(dir, &format!("Bench{i}"), &pass, options).expect("vault");
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

fn import_bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv: PathBuf = dir.path().join("list.csv");
    write_csv(&csv);
    let sqlite3 = Command::new("sqlite3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(sqlite3, "the stock sqlite3 CLI is needed for the comparison: apt-get install sqlite3 (scripts/bench.sh does)");

    let mut g = c.benchmark_group("import_100k");
    g.sample_size(10);
    let mut n = 0usize;
    g.bench_function("fieldbook_encrypted_vault", |b| {
        b.iter_batched(
            || {
                n += 1;
                fresh_vault(dir.path(), n)
            },
            |(mut vault, cid)| {
                let s = import::apply(vault.conn_mut(), cid, &csv, &[], &ApplyChoices::default())
                    .expect("import");
                assert_eq!(s.added as usize + s.skipped_duplicates as usize, ROWS);
                vault
            },
            BatchSize::PerIteration,
        )
    });
    let mut m = 0usize;
    g.bench_function("sqlite3_cli_dot_import_plain", |b| {
        b.iter_batched(
            || {
                m += 1;
                dir.path().join(format!("plain{m}.db"))
            },
            |db| {
                let out = Command::new("sqlite3")
                    .arg(&db)
                    .arg(format!(".import --csv {} workers", csv.display()))
                    .output()
                    .expect("run sqlite3");
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
                db
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, import_bench);
criterion_main!(benches);
