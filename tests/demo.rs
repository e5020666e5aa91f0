//! The demo campaign: deterministic from its seed, shaped like a mid-campaign warehouse, and
//! reachable from the command line (`fieldbook demo`, `fieldbook workers`).

mod common;

use chrono::NaiveDate;
use common::*;
use fieldbook::demo::{self, DemoOptions};
use fieldbook::vault::Vault;
use fieldbook::workers::{query, store, WorkerFilter, WorkerStatus};
use rusqlite::Connection;
use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn options(workers: usize, seed: u64) -> DemoOptions {
    DemoOptions {
        workers,
        seed,
        today: today(),
    }
}

/// Everything generated, as text, without the creation/update timestamps.
fn snapshot(conn: &Connection) -> Vec<String> {
    let queries = [
        "SELECT id, employee_id, legal_name, preferred_name, pronouns, phones, emails, address, department, shift,
                job_title, hire_date, languages, notes, tags, is_supervisor, card_signed_on, status, assessment
         FROM worker ORDER BY id",
        "SELECT id, worker_id, value, assessed_at, assessed_by, reason, conversation_id FROM assessment ORDER BY id",
        "SELECT id, worker_id, held_on, organizer, place, issues, ask, answer, assessment_before, assessment_after,
                next_step, follow_up_on, follow_up_done, notes FROM conversation ORDER BY id",
        "SELECT id, worker_id, from_date, to_date FROM committee_term ORDER BY id",
        "SELECT name, employer, worksites, unit_size, employer_domains FROM campaign ORDER BY id",
    ];
    let mut out = Vec::new();
    for sql in queries {
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let cells: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect();
                Ok(cells.join("|"))
            })
            .unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}

fn names_and_assessments(conn: &Connection, campaign_id: i64) -> Vec<(String, Option<u8>)> {
    let mut stmt = conn
        .prepare("SELECT legal_name, assessment FROM worker WHERE campaign_id = ?1 ORDER BY id")
        .unwrap();
    let rows = stmt
        .query_map([campaign_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    rows.map(Result::unwrap).collect()
}

#[test]
fn the_same_seed_gives_the_same_campaign_and_another_seed_another() {
    let (_a, mut first, _) = new_vault(false);
    let (_b, mut second, _) = new_vault(false);
    let s1 = demo::generate(first.conn_mut(), &options(300, 7)).unwrap();
    let s2 = demo::generate(second.conn_mut(), &options(300, 7)).unwrap();
    assert_eq!(s1, s2);
    assert_eq!(s1.workers, 300);
    assert!(s1.conversations > 300, "{s1:?}");
    let (x, y) = (snapshot(first.conn()), snapshot(second.conn()));
    assert!(x.len() > 1000);
    assert!(x == y, "same seed, same rows");

    let other = demo::generate(second.conn_mut(), &options(300, 8)).unwrap();
    assert_ne!(other.campaign_id, s1.campaign_id);
    let a = names_and_assessments(first.conn(), s1.campaign_id);
    let b = names_and_assessments(second.conn(), other.campaign_id);
    assert_eq!(a.len(), b.len());
    let same = a.iter().zip(&b).filter(|(p, q)| p == q).count();
    assert!(
        same < 30,
        "another seed, another campaign ({same} rows alike)"
    );
}

#[test]
fn a_400_worker_demo_looks_like_a_campaign_in_progress() {
    let (_dir, mut vault, _) = new_vault(false);
    let s = demo::generate(
        vault.conn_mut(),
        &DemoOptions {
            today: today(),
            ..DemoOptions::default()
        },
    )
    .unwrap();
    assert_eq!(s.workers, 400);
    let conn = vault.conn();

    // 6 departments × 3 shifts, every cell staffed; some cells without a committee member.
    let (departments, shifts) = query::departments_and_shifts(conn, s.campaign_id).unwrap();
    assert_eq!(departments.len(), 6, "{departments:?}");
    assert_eq!(departments[0], "Picking", "Picking is the biggest");
    assert_eq!(shifts.len(), 3);
    let everyone = query::list(conn, s.campaign_id, &WorkerFilter::default(), today()).unwrap();
    let cells: BTreeSet<(&str, &str)> = everyone
        .rows
        .iter()
        .map(|r| (r.department.as_str(), r.shift.as_str()))
        .collect();
    assert_eq!(cells.len(), 18);
    let covered: BTreeSet<(&str, &str)> = everyone
        .rows
        .iter()
        .filter(|r| r.committee)
        .map(|r| (r.department.as_str(), r.shift.as_str()))
        .collect();
    assert!(covered.len() >= 8 && covered.len() < 18, "{covered:?}");

    // The committee: about one per 12 workers, all of them leaders (1s).
    let c = &everyone.counts;
    assert_eq!(c.committee, s.committee);
    assert!((20..=45).contains(&c.committee), "{c:?}");
    assert!(everyone
        .rows
        .iter()
        .filter(|r| r.committee)
        .all(|r| r.assessment == Some(1)));

    // A mid-campaign spread: ~8 % 1s, 20 % 2s, 30 % 3s, 15 % 4s, 7 % 5s, the rest unassessed.
    let total = f64::from(c.total);
    let share = |i: usize| f64::from(c.by_assessment[i]) / total;
    for (i, lo, hi) in [
        (1, 0.04, 0.13),
        (2, 0.13, 0.27),
        (3, 0.22, 0.38),
        (4, 0.09, 0.22),
        (5, 0.03, 0.12),
        (0, 0.13, 0.30),
    ] {
        assert!(
            (lo..=hi).contains(&share(i)),
            "assessment {i}: {:.2} of the unit ({c:?})",
            share(i)
        );
    }
    // Cards for about a third, some stale; follow-ups overdue and upcoming.
    let cards = f64::from(c.cards_signed) / total;
    assert!((0.25..=0.45).contains(&cards), "{c:?}");
    assert!(
        c.cards_stale > 0 && c.cards_stale < c.cards_signed / 3,
        "{c:?}"
    );
    assert!(c.follow_ups_overdue >= 10, "{c:?}");
    let today_s = today().format("%Y-%m-%d").to_string();
    assert!(
        everyone
            .rows
            .iter()
            .filter(|r| r.next_follow_up.as_deref() >= Some(today_s.as_str()))
            .count()
            >= 10
    );
    let overdue = query::list(
        conn,
        s.campaign_id,
        &WorkerFilter {
            follow_up_overdue: true,
            ..WorkerFilter::default()
        },
        today(),
    )
    .unwrap();
    assert_eq!(overdue.counts.total, c.follow_ups_overdue);

    // Supervisors and people who left exist, outside the default list.
    let all = query::list(
        conn,
        s.campaign_id,
        &WorkerFilter {
            include_supervisors: true,
            statuses: vec![
                WorkerStatus::Active,
                WorkerStatus::Left,
                WorkerStatus::Excluded,
            ],
            ..WorkerFilter::default()
        },
        today(),
    )
    .unwrap();
    assert_eq!(all.counts.total, 400);
    assert!(all.rows.iter().any(|r| r.is_supervisor));
    assert!(all.rows.iter().any(|r| r.status != WorkerStatus::Active));

    // A few work e-mails, which the app flags.
    let flagged = all
        .rows
        .iter()
        .filter(|r| {
            !store::get(conn, r.id, today())
                .unwrap()
                .work_emails
                .is_empty()
        })
        .count();
    assert!((3..=40).contains(&flagged), "{flagged} work e-mails");

    // The history is consistent: every reassessment in a 1-on-1 is an assessment row linked to
    // it; `assessment_before` is the value just before; the current value is the latest.
    let q = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        q("SELECT count(*) FROM conversation WHERE assessment_after IS NOT NULL"),
        q(
            "SELECT count(*) FROM assessment a JOIN conversation c ON c.id = a.conversation_id
           WHERE a.value = c.assessment_after"
        )
    );
    for w in all.rows.iter().filter(|r| r.assessment.is_some()) {
        let history = store::assessments(conn, w.id).unwrap(); // newest first
        let mut by_id = history.clone();
        by_id.sort_by_key(|a| a.id);
        let mut by_time = by_id.clone();
        by_time.sort_by(|a, b| a.assessed_at.cmp(&b.assessed_at));
        assert_eq!(by_id, by_time, "written in the order they happened");
        assert_eq!(history[0].value, w.assessment.unwrap());
        let mut talks = fieldbook::workers::conversation::for_worker(conn, w.id).unwrap();
        talks.sort_by_key(|c| c.id);
        let mut linked = by_id.iter().skip(1);
        let mut current = by_id[0].value;
        assert_eq!(
            by_id[0].conversation_id, None,
            "a first read before any talk"
        );
        for t in &talks {
            assert_eq!(t.assessment_before, Some(current), "{t:?}");
            if let Some(after) = t.fields.assessment_after {
                let a = linked.next().expect("a linked assessment");
                assert_eq!((a.conversation_id, a.value), (Some(t.id), after));
                current = after;
            }
        }
        assert!(linked.next().is_none());
        assert_eq!(Some(current), w.assessment);
    }
    assert_eq!(
        q(
            "SELECT count(*) FROM worker w WHERE w.assessment IS NOT NULL
           AND (SELECT count(*) FROM assessment a WHERE a.worker_id = w.id) < 2"
        ),
        0,
        "every assessed worker has a history"
    );
    assert_eq!(
        q(&format!(
            "SELECT count(*) FROM conversation WHERE held_on > '{today_s}'"
        )),
        0
    );
    // A word from the 1-on-1 notes finds the people who said it.
    let heat = query::list(
        conn,
        s.campaign_id,
        &WorkerFilter {
            search: "trailers".into(),
            ..WorkerFilter::default()
        },
        today(),
    )
    .unwrap();
    assert!(heat.counts.total > 0);
}

fn fieldbook(args: &[&str], stdin: &str, config: &std::path::Path) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fieldbook"))
        .args(args)
        .env("XDG_CONFIG_HOME", config)
        .env("HOME", config)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run fieldbook");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn cli_demo_then_workers() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir(&config).unwrap();
    let path = dir.path().join("Demo");
    let p = path.to_str().unwrap();
    let pass = format!("{PASS}\n");

    let out = fieldbook(
        &[
            "demo",
            p,
            "--workers",
            "150",
            "--seed",
            "3",
            "--passphrase-stdin",
            "--work-factor",
            "18",
        ],
        &pass,
        &config,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("150 workers"), "{stderr}");
    let recent = std::fs::read_to_string(config.join("fieldbook/recent.json")).unwrap();
    assert!(
        recent.contains("Demo.fieldbook"),
        "added to the recent list"
    );

    // Pick someone's family name to search for.
    let vault = Vault::unlock(&dir.path().join("Demo.fieldbook"), &secret(PASS)).unwrap();
    let (id, legal): (i64, String) = vault
        .conn()
        .query_row(
            "SELECT id, legal_name FROM worker WHERE status = 'active' AND is_supervisor = 0 ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    vault.lock().unwrap();
    let family = legal.split(' ').nth(1).unwrap().to_string();

    let out = fieldbook(
        &[
            "workers",
            p,
            "--json",
            "--search",
            &family,
            "--passphrase-stdin",
        ],
        &pass,
        &config,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = list["rows"].as_array().unwrap();
    assert!(rows.iter().any(|r| r["id"] == id), "{family}: {list}");
    assert_eq!(list["counts"]["total"], rows.len());

    // The table, filtered and sorted, ends with the counts.
    let out = fieldbook(
        &[
            "workers",
            p,
            "--department",
            "Picking",
            "--assessment",
            "2",
            "--assessment",
            "3",
            "--sort",
            "follow-up",
            "--passphrase-stdin",
        ],
        &pass,
        &config,
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success());
    assert!(text.starts_with("NAME"), "{text}");
    assert!(text
        .lines()
        .skip(1)
        .take_while(|l| !l.contains(" workers · "))
        .all(|l| l.contains("Picking")));
    assert!(text
        .trim_end()
        .lines()
        .last()
        .unwrap()
        .contains(" workers · assessed 1: 0, "));

    // A vault with no campaign: a clear error.
    let empty = dir.path().join("Empty");
    let e = empty.to_str().unwrap();
    let out = fieldbook(
        &[
            "init",
            e,
            "--passphrase-stdin",
            "--no-recovery-key",
            "--work-factor",
            "18",
        ],
        &pass,
        &config,
    );
    assert!(out.status.success());
    let out = fieldbook(&["workers", e, "--passphrase-stdin"], &pass, &config);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no campaign"));
}
