//! The worker table over 100,000 workers: a filtered full-text query (goal: p95 ≤ 20 ms), and how
//! long the demo generator takes to write that many.
//!
//! Run with `cargo bench --bench workers`. Besides criterion's means and medians, the bench runs
//! each query 200 times after a warm-up and prints p50/p95/max itself (criterion does not report
//! percentiles). Results are in `docs/benchmarks.md`.

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use fieldbook::demo::{self, DemoOptions};
use fieldbook::vault::{CreateOptions, Kdf, Vault};
use fieldbook::workers::{query, WorkerFilter};
use fieldbook::SecretString;
use std::hint::black_box;
use std::time::{Duration, Instant};

const WORKERS: usize = 100_000;
const RUNS: usize = 200;
const WARM_UP: usize = 20;
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
}

struct Case {
    id: &'static str,
    label: &'static str,
    filter: WorkerFilter,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            id: "a_name_prefix_and_department",
            label: "(a) search \"garc\" + department Picking",
            filter: WorkerFilter {
                search: "garc".into(),
                departments: vec!["Picking".into()],
                ..WorkerFilter::default()
            },
        },
        Case {
            id: "b_word_from_conversations",
            label: "(b) search \"trailers\" (1-on-1 notes)",
            filter: WorkerFilter {
                search: "trailers".into(),
                ..WorkerFilter::default()
            },
        },
        Case {
            id: "c_shift_and_assessment",
            label: "(c) no search, shift Night + assessment 2 or 3",
            filter: WorkerFilter {
                shifts: vec!["Night".into()],
                assessments: vec![2, 3],
                ..WorkerFilter::default()
            },
        },
    ]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Run `f` `runs` times after a warm-up; print p50, p95 and max.
fn percentiles(label: &str, runs: usize, mut f: impl FnMut() -> usize) {
    let mut rows = 0;
    for _ in 0..WARM_UP {
        rows = f();
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .collect();
    times.sort();
    let at = |q: f64| times[((runs as f64 * q).ceil() as usize).clamp(1, runs) - 1];
    println!(
        "fts query {label} over {WORKERS} workers: p50 {} p95 {} max {} ({rows} rows, {runs} runs)",
        ms(at(0.50)),
        ms(at(0.95)),
        ms(times[runs - 1])
    );
}

fn workers(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut vault, _) = Vault::create(
        dir.path(),
        "bench",
        &SecretString::from("violet tractor molasses 42 harbor"),
        CreateOptions {
            kdf: Kdf::Fixed(18),
            with_recovery_key: false,
        },
    )
    .expect("create vault");
    let started = Instant::now();
    let summary = demo::generate(
        vault.conn_mut(),
        &DemoOptions {
            workers: WORKERS,
            seed: 1,
            today: today(),
        },
    )
    .expect("generate");
    let generated = started.elapsed();
    let size = |name: &str| {
        std::fs::metadata(vault.path().join(name))
            .map(|m| m.len())
            .unwrap_or(0)
    };
    println!(
        "demo::generate {WORKERS} workers: {:.1} s ({} conversations, {} committee, {} cards; vault.db {} MB + WAL {} MB)",
        generated.as_secs_f64(),
        summary.conversations,
        summary.committee,
        summary.cards,
        size("vault.db") / 1_000_000,
        size("vault.db-wal") / 1_000_000,
    );
    let id = summary.campaign_id;

    // 1. Right after the bulk write, before the planner has statistics.
    measure(&vault, id, "(fresh, no statistics)");
    let mut g = c.benchmark_group("workers_query_100k");
    g.sample_size(50).measurement_time(Duration::from_secs(10));
    for case in cases() {
        let conn = vault.conn();
        g.bench_function(case.id, |b| {
            b.iter(|| black_box(query::list(conn, id, &case.filter, today()).expect("query")))
        });
    }
    g.finish();

    // 2. After `PRAGMA optimize`, which every lock runs: the state a vault is normally in.
    vault
        .conn()
        .execute_batch("PRAGMA optimize;")
        .expect("optimize");
    measure(&vault, id, "(after PRAGMA optimize)");
    vault.lock().expect("lock");
}

/// p50/p95/max of every case, and the unfiltered list for scale.
fn measure(vault: &Vault, id: i64, variant: &str) {
    let conn = vault.conn();
    for case in cases() {
        percentiles(&format!("{} {variant}", case.label), RUNS, || {
            query::list(conn, id, &case.filter, today())
                .expect("query")
                .rows
                .len()
        });
    }
    // Not the goal's query, for scale: the whole unit list (what the table loads unfiltered).
    percentiles(
        &format!("(d) no filter, every active worker, {variant}"),
        30,
        || {
            query::list(conn, id, &WorkerFilter::default(), today())
                .expect("query")
                .rows
                .len()
        },
    );
}

criterion_group!(benches, workers);
criterion_main!(benches);
