//! Relationships between workers on a real vault: add, remove, list, symmetric pairs, refusals,
//! cascades, and the demo's relationship graph.

mod common;

use chrono::NaiveDate;
use common::*;
use fieldbook::demo::{self, DemoOptions};
use fieldbook::workers::relationship::{self, RelationshipInput, RelationshipKind as Kind};
use fieldbook::workers::{campaign, store, CampaignInput, WorkerInput};
use fieldbook::{Error, ErrorCode};
use rusqlite::Connection;
use std::collections::{BTreeMap, HashMap};

fn new_campaign(conn: &mut Connection, name: &str) -> i64 {
    campaign::create(
        conn,
        &CampaignInput {
            name: name.into(),
            ..CampaignInput::default()
        },
    )
    .unwrap()
    .id
}

fn worker(conn: &Connection, campaign_id: i64, name: &str) -> i64 {
    store::insert(
        conn,
        campaign_id,
        &WorkerInput {
            legal_name: name.into(),
            department: "Picking".into(),
            shift: "Day".into(),
            ..WorkerInput::default()
        },
    )
    .unwrap()
}

fn invalid(result: Result<impl std::fmt::Debug, Error>) -> String {
    let e = result.unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput, "{e:?}");
    e.to_string()
}

#[test]
fn add_list_and_remove() {
    let (_dir, mut vault, _) = new_vault(false);
    let c = new_campaign(vault.conn_mut(), "Riverside DC");
    let conn = vault.conn();
    let ana = worker(conn, c, "Ana Ruiz");
    let tom = worker(conn, c, "Tom Lee");
    let mai = worker(conn, c, "Mai Tran");

    let crew = relationship::add(
        conn,
        &RelationshipInput {
            strength: 3,
            since: Some(" 2025-03-01 ".into()),
            notes: "  Same pick line since March  ".into(),
            ..RelationshipInput::new(ana, tom, Kind::SameCrew)
        },
    )
    .unwrap();
    assert_eq!((crew.worker_a, crew.worker_b), (ana, tom));
    assert_eq!(crew.kind, Kind::SameCrew);
    assert_eq!(crew.strength, 3);
    assert_eq!(crew.since.as_deref(), Some("2025-03-01"));
    assert_eq!(crew.notes, "Same pick line since March");
    assert!(!crew.created_at.is_empty());

    // Directed: the mentor first, kept as given even with the larger id first.
    let mentor = relationship::add(conn, &RelationshipInput::new(mai, ana, Kind::Mentor)).unwrap();
    assert_eq!((mentor.worker_a, mentor.worker_b), (mai, ana));
    assert_eq!(mentor.strength, 2, "the default strength");
    // The reverse direction is another relationship, not a duplicate.
    relationship::add(conn, &RelationshipInput::new(ana, mai, Kind::Mentor)).unwrap();
    // Another kind between the same two people is allowed too.
    relationship::add(conn, &RelationshipInput::new(tom, ana, Kind::Carpool)).unwrap();

    let of_ana = relationship::for_worker(conn, ana).unwrap();
    assert_eq!(of_ana.len(), 4);
    assert!(of_ana.windows(2).all(|w| w[0].id < w[1].id), "oldest first");
    assert_eq!(relationship::for_worker(conn, tom).unwrap().len(), 2);
    assert_eq!(relationship::for_worker(conn, mai).unwrap().len(), 2);
    assert_eq!(relationship::for_campaign(conn, c).unwrap().len(), 4);
    assert_eq!(relationship::get(conn, crew.id).unwrap(), crew);

    // JSON for the UI: camelCase fields, snake_case kinds.
    let json = serde_json::to_value(&crew).unwrap();
    assert_eq!(json["workerA"], ana);
    assert_eq!(json["kind"], "same_crew");

    relationship::remove(conn, crew.id).unwrap();
    assert_eq!(relationship::for_worker(conn, tom).unwrap().len(), 1);
    let msg = invalid(relationship::remove(conn, crew.id));
    assert!(msg.contains("no relationship"), "{msg}");
    let msg = invalid(relationship::get(conn, crew.id));
    assert!(msg.contains("no relationship"), "{msg}");
}

#[test]
fn symmetric_pairs_are_stored_once() {
    let (_dir, mut vault, _) = new_vault(false);
    let c = new_campaign(vault.conn_mut(), "Riverside DC");
    let conn = vault.conn();
    let a = worker(conn, c, "Ana Ruiz");
    let b = worker(conn, c, "Tom Lee");

    // Given as b–a: stored as a–b (smaller id first).
    let friends = relationship::add(conn, &RelationshipInput::new(b, a, Kind::Friends)).unwrap();
    assert_eq!((friends.worker_a, friends.worker_b), (a, b));
    let msg = invalid(relationship::add(
        conn,
        &RelationshipInput::new(a, b, Kind::Friends),
    ));
    assert!(
        msg.contains("Ana Ruiz and Tom Lee are already recorded as friends"),
        "{msg}"
    );
    let msg = invalid(relationship::add(
        conn,
        &RelationshipInput::new(b, a, Kind::Friends),
    ));
    assert!(msg.contains("already recorded"), "{msg}");
    // Directed duplicates too.
    relationship::add(conn, &RelationshipInput::new(b, a, Kind::Influence)).unwrap();
    let msg = invalid(relationship::add(
        conn,
        &RelationshipInput::new(b, a, Kind::Influence),
    ));
    assert!(msg.contains("Tom Lee influences Ana Ruiz"), "{msg}");
    assert_eq!(relationship::for_campaign(conn, c).unwrap().len(), 2);

    // One friends row, in order: the library keeps symmetric pairs ordered, so the database's
    // UNIQUE (worker_a, worker_b, kind) also catches the reversed pair.
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM relationship WHERE kind = 'friends' AND worker_a < worker_b",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn self_ties_other_campaigns_bad_strengths_and_unknown_workers_are_refused() {
    let (_dir, mut vault, _) = new_vault(false);
    let c = new_campaign(vault.conn_mut(), "Riverside DC");
    let other = new_campaign(vault.conn_mut(), "Harbor DC");
    let conn = vault.conn();
    let a = worker(conn, c, "Ana Ruiz");
    let b = worker(conn, c, "Tom Lee");
    let x = worker(conn, other, "Xavier Cole");

    let msg = invalid(relationship::add(
        conn,
        &RelationshipInput::new(a, a, Kind::Friends),
    ));
    assert!(msg.contains("two different workers"), "{msg}");
    let msg = invalid(relationship::add(
        conn,
        &RelationshipInput::new(a, x, Kind::Friends),
    ));
    assert!(
        msg.contains("Ana Ruiz and Xavier Cole belong to different campaigns"),
        "{msg}"
    );
    for strength in [0, 4] {
        let msg = invalid(relationship::add(
            conn,
            &RelationshipInput {
                strength,
                ..RelationshipInput::new(a, b, Kind::Family)
            },
        ));
        assert!(msg.contains("1 (weak), 2 or 3 (strong)"), "{msg}");
    }
    let msg = invalid(relationship::add(
        conn,
        &RelationshipInput {
            since: Some("last spring".into()),
            ..RelationshipInput::new(a, b, Kind::Family)
        },
    ));
    assert!(
        msg.contains("Since: \"last spring\" is not a date"),
        "{msg}"
    );
    let msg = invalid(relationship::add(
        conn,
        &RelationshipInput::new(a, 999_999, Kind::Family),
    ));
    assert!(msg.contains("no worker 999999"), "{msg}");
    assert!(relationship::for_campaign(conn, c).unwrap().is_empty());
    assert!(relationship::for_campaign(conn, other).unwrap().is_empty());

    // The schema refuses what slips past the library.
    let raw = |a: i64, b: i64, kind: &str, strength: i64| {
        conn.execute(
            "INSERT INTO relationship (worker_a, worker_b, kind, strength, created_at) VALUES (?1, ?2, ?3, ?4, 'x')",
            rusqlite::params![a, b, kind, strength],
        )
    };
    assert!(raw(a, a, "friends", 2).is_err());
    assert!(raw(a, b, "enemies", 2).is_err());
    assert!(raw(a, b, "friends", 5).is_err());
    assert!(raw(a, 999_999, "friends", 2).is_err());
    raw(a, b, "friends", 2).unwrap();
    assert!(raw(a, b, "friends", 1).is_err());
}

#[test]
fn deleting_a_worker_or_campaign_removes_their_relationships() {
    let (_dir, mut vault, _) = new_vault(false);
    let c = new_campaign(vault.conn_mut(), "Riverside DC");
    let conn = vault.conn();
    let a = worker(conn, c, "Ana Ruiz");
    let b = worker(conn, c, "Tom Lee");
    let d = worker(conn, c, "Mai Tran");
    relationship::add(conn, &RelationshipInput::new(a, b, Kind::Friends)).unwrap();
    relationship::add(conn, &RelationshipInput::new(d, b, Kind::Supervises)).unwrap();
    relationship::add(conn, &RelationshipInput::new(a, d, Kind::Carpool)).unwrap();

    store::delete(conn, b).unwrap();
    let left = relationship::for_campaign(conn, c).unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].kind, Kind::Carpool);
    assert!(relationship::for_worker(conn, b).unwrap().is_empty());

    conn.execute("DELETE FROM campaign WHERE id = ?1", [c])
        .unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM relationship", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
}

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

/// The generated edges, without ids and timestamps, as worker positions in the campaign.
fn edges(conn: &Connection, campaign_id: i64) -> Vec<(i64, i64, Kind, u8, Option<String>, String)> {
    let first: i64 = conn
        .query_row(
            "SELECT min(id) FROM worker WHERE campaign_id = ?1",
            [campaign_id],
            |r| r.get(0),
        )
        .unwrap();
    relationship::for_campaign(conn, campaign_id)
        .unwrap()
        .into_iter()
        .map(|r| {
            (
                r.worker_a - first,
                r.worker_b - first,
                r.kind,
                r.strength,
                r.since,
                r.notes,
            )
        })
        .collect()
}

#[test]
fn the_demo_builds_a_realistic_deterministic_graph() {
    let (_a, mut first, _) = new_vault(false);
    let (_b, mut second, _) = new_vault(false);
    let s1 = demo::generate(first.conn_mut(), &options(1000, 11)).unwrap();
    let s2 = demo::generate(second.conn_mut(), &options(1000, 11)).unwrap();
    assert_eq!(s1, s2);
    assert!(
        (3500..=6500).contains(&s1.relationships),
        "{} relationships for 1,000 workers",
        s1.relationships
    );
    let conn = first.conn();
    let e1 = edges(conn, s1.campaign_id);
    assert_eq!(e1.len(), s1.relationships as usize);
    assert!(
        e1 == edges(second.conn(), s2.campaign_id),
        "same seed, same edges"
    );

    // Another seed: another graph (in a second campaign of the same vault).
    let s3 = demo::generate(second.conn_mut(), &options(1000, 12)).unwrap();
    let e3 = edges(second.conn(), s3.campaign_id);
    let same = e1.iter().filter(|e| e3.contains(e)).count();
    assert!(same < e1.len() / 10, "{same} edges alike");

    // Every kind appears; symmetric pairs are stored in order.
    let mut by_kind: BTreeMap<Kind, usize> = BTreeMap::new();
    for e in &e1 {
        *by_kind.entry(e.2).or_default() += 1;
        if !e.2.is_directed() {
            assert!(e.0 < e.1, "{e:?}");
        }
    }
    eprintln!("{} relationships: {by_kind:?}", e1.len());
    assert_eq!(by_kind.len(), 7, "{by_kind:?}");
    assert!(
        by_kind[&Kind::SameCrew] > by_kind[&Kind::Friends] / 2,
        "{by_kind:?}"
    );
    assert!(by_kind[&Kind::Mentor] >= 20, "{by_kind:?}");
    assert!(by_kind[&Kind::Influence] >= 100, "{by_kind:?}");

    // Supervisors supervise only inside their own department (and cell); only they supervise.
    let mut stmt = conn
        .prepare("SELECT id, department, shift, is_supervisor, status FROM worker WHERE campaign_id = ?1")
        .unwrap();
    let workers: HashMap<i64, (String, String, bool, String)> = stmt
        .query_map([s1.campaign_id], |r| {
            Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let all = relationship::for_campaign(conn, s1.campaign_id).unwrap();
    let mut supervised = 0;
    for r in all.iter().filter(|r| r.kind == Kind::Supervises) {
        let (boss, worker) = (&workers[&r.worker_a], &workers[&r.worker_b]);
        assert!(boss.2, "{r:?}: only supervisors supervise");
        assert!(!worker.2, "{r:?}");
        assert_eq!(boss.0, worker.0, "{r:?}: within the department");
        assert_eq!(boss.1, worker.1, "{r:?}: within the shift");
        supervised += 1;
    }
    let supervisors = workers.values().filter(|w| w.2).count();
    assert!(
        supervisors > 10 && supervised > 500,
        "{supervisors} {supervised}"
    );
    // Nobody who left has ties; most others have several.
    let mut degree: HashMap<i64, usize> = HashMap::new();
    for r in &all {
        *degree.entry(r.worker_a).or_default() += 1;
        *degree.entry(r.worker_b).or_default() += 1;
    }
    assert!(workers
        .iter()
        .filter(|(_, w)| w.3 == "left")
        .all(|(id, _)| !degree.contains_key(id)));
    let isolated = workers
        .iter()
        .filter(|(id, w)| w.3 != "left" && !degree.contains_key(id))
        .count();
    assert!(isolated < 20, "{isolated} workers without a tie");
    // Informal leaders: a few workers with many more ties than the median.
    let mut degrees: Vec<usize> = degree.values().copied().collect();
    degrees.sort_unstable();
    let median = degrees[degrees.len() / 2];
    assert!(
        degrees[degrees.len() - 1] >= 3 * median,
        "max {} median {median}",
        degrees[degrees.len() - 1]
    );
}
