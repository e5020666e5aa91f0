//! Incidents on a real vault: the 10(b) arithmetic (month ends, leap years, days left, warning
//! levels), create/edit/validate, status steps with their days, the deadline list by urgency,
//! cascades, the demo's incidents, and `fieldbook incidents` on the command line.

mod common;

use chrono::NaiveDate;
use common::*;
use fieldbook::demo::{self, DemoOptions};
use fieldbook::incidents::{
    deadline, store, DeadlineLevel, IncidentCategory, IncidentInput, IncidentStatus, PersonRef,
};
use fieldbook::workers::{campaign, store as workers, CampaignInput, WorkerInput};
use fieldbook::{Error, ErrorCode};
use rusqlite::Connection;
use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn invalid<T: std::fmt::Debug>(result: Result<T, Error>) -> String {
    let e = result.unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput, "{e:?}");
    e.to_string()
}

// ---------------------------------------------------------------------------------------------
// The 10(b) arithmetic

#[test]
fn the_last_day_is_six_calendar_months_later_clamped_at_month_ends() {
    for (occurred, last) in [
        ("2025-08-31", "2026-02-28"),
        ("2027-08-31", "2028-02-29"), // leap year
        ("2027-08-29", "2028-02-29"),
        ("2026-08-30", "2027-02-28"),
        ("2026-04-30", "2026-10-30"),
        ("2026-03-31", "2026-09-30"),
        ("2026-05-31", "2026-11-30"),
        ("2026-01-15", "2026-07-15"),
        ("2026-12-31", "2027-06-30"),
        ("2027-09-01", "2028-03-01"),
        ("2024-02-29", "2024-08-29"),
    ] {
        assert_eq!(
            deadline::last_day(d(occurred)),
            d(last),
            "incident on {occurred}"
        );
    }
}

#[test]
fn days_left_across_the_last_day() {
    let occurred = d("2025-08-31");
    let last = deadline::last_day(occurred);
    let left = |today: &str| deadline::days_left(last, d(today));
    assert_eq!(left("2026-02-27"), 1);
    assert_eq!(
        left("2026-02-28"),
        0,
        "the last day itself: 0 days left, still in time"
    );
    assert_eq!(left("2026-03-01"), -1);
    assert_eq!(left("2025-12-30"), 60);
    // In a leap year the last day is 29 February.
    let leap = deadline::last_day(d("2027-08-31"));
    assert_eq!(deadline::days_left(leap, d("2028-02-28")), 1);
    assert_eq!(deadline::days_left(leap, d("2028-02-29")), 0);
    assert_eq!(deadline::days_left(leap, d("2028-03-01")), -1);
    // Across a year end.
    assert_eq!(
        deadline::days_left(deadline::last_day(d("2026-07-10")), d("2026-12-31")),
        10
    );
}

#[test]
fn warnings_at_60_30_and_14_days_and_passed() {
    let occurred = d("2026-03-31"); // last day 2026-09-30
    let level = |today: &str| {
        deadline::clock(occurred, false, false, false, d(today))
            .unwrap()
            .level
    };
    assert_eq!(level("2026-07-31"), DeadlineLevel::Ok); // 61 days
    assert_eq!(level("2026-08-01"), DeadlineLevel::Days60); // 60
    assert_eq!(level("2026-08-30"), DeadlineLevel::Days60); // 31
    assert_eq!(level("2026-08-31"), DeadlineLevel::Days30); // 30
    assert_eq!(level("2026-09-15"), DeadlineLevel::Days30); // 15
    assert_eq!(level("2026-09-16"), DeadlineLevel::Days14); // 14
    assert_eq!(level("2026-09-30"), DeadlineLevel::Days14); // 0
    assert_eq!(level("2026-10-01"), DeadlineLevel::Passed); // -1
    let passed = deadline::clock(occurred, false, false, false, d("2026-10-11")).unwrap();
    assert_eq!(passed.days_left, -11);
}

#[test]
fn the_clock_stops_when_filed_and_served_or_closed() {
    let (o, t) = (d("2026-03-01"), d("2026-05-01"));
    let running = deadline::clock(o, false, false, false, t).unwrap();
    assert!(running.needs_filing && running.needs_service);
    let filed = deadline::clock(o, true, false, false, t).expect("still runs for service");
    assert!(!filed.needs_filing && filed.needs_service);
    assert!(deadline::clock(o, true, true, false, t).is_none());
    assert!(deadline::clock(o, false, false, true, t).is_none());
    assert!(deadline::timely(o, d("2026-08-31"), d("2026-09-01")));
    assert!(!deadline::timely(o, d("2026-08-31"), d("2026-09-02")));
}

// ---------------------------------------------------------------------------------------------
// Incidents on a real vault

struct Unit {
    campaign: i64,
    boss: i64,
    ana: i64,
    tom: i64,
    mai: i64,
    elsewhere: i64,
}

fn worker(conn: &Connection, campaign_id: i64, name: &str, supervisor: bool) -> i64 {
    workers::insert(
        conn,
        campaign_id,
        &WorkerInput {
            legal_name: name.into(),
            department: "Picking".into(),
            shift: "Night".into(),
            is_supervisor: supervisor,
            ..WorkerInput::default()
        },
    )
    .unwrap()
}

fn unit(conn: &mut Connection) -> Unit {
    let c = campaign::create(
        conn,
        &CampaignInput {
            name: "Riverside DC".into(),
            ..CampaignInput::default()
        },
    )
    .unwrap()
    .id;
    let other = campaign::create(
        conn,
        &CampaignInput {
            name: "Eastside DC".into(),
            ..CampaignInput::default()
        },
    )
    .unwrap()
    .id;
    Unit {
        campaign: c,
        boss: worker(conn, c, "Rick Dawson", true),
        ana: worker(conn, c, "Ana Ruiz", false),
        tom: worker(conn, c, "Tom Lee", false),
        mai: worker(conn, c, "Mai Tran", false),
        elsewhere: worker(conn, other, "Sam Elsewhere", false),
    }
}

fn input(u: &Unit, occurred: &str, learned: &str) -> IncidentInput {
    IncidentInput {
        occurred_on: occurred.into(),
        occurred_time: Some("14:15".into()),
        place: " Picking break room ".into(),
        learned_on: learned.into(),
        category: IncidentCategory::Threat,
        summary: " Supervisor said the plant would close ".into(),
        description: "Rick told Ana and Tom at lunch that Northgate would close the building if the union wins. Mai heard it.".into(),
        case_number: String::new(),
        managers: vec![PersonRef::worker(u.boss), PersonRef::named("Greg Halvorsen (GM)")],
        affected: vec![u.ana, u.tom, u.ana],
        witnesses: vec![u.mai],
    }
}

#[test]
fn create_read_update_and_delete() {
    let (_dir, mut vault, _) = new_vault(false);
    let u = unit(vault.conn_mut());
    let conn = vault.conn();
    let today = d("2026-05-10");

    let id = store::create(
        conn,
        u.campaign,
        &input(&u, "2026-04-28", "2026-04-29"),
        today,
    )
    .unwrap();
    let i = store::detail(conn, id, today).unwrap();
    assert_eq!(i.campaign_id, u.campaign);
    assert_eq!(i.summary, "Supervisor said the plant would close");
    assert_eq!(i.place, "Picking break room");
    assert_eq!(i.occurred_time.as_deref(), Some("14:15"));
    assert_eq!(i.status, IncidentStatus::Logged);
    assert_eq!(i.last_day, "2026-10-28");
    let clock = i.clock.as_ref().unwrap();
    assert_eq!(clock.days_left, 171);
    assert_eq!(clock.level, DeadlineLevel::Ok);
    assert!(clock.needs_filing && clock.needs_service);
    let names = |people: &[fieldbook::incidents::IncidentPerson]| -> Vec<String> {
        people.iter().map(|p| p.name.clone()).collect()
    };
    assert_eq!(names(&i.managers), ["Rick Dawson", "Greg Halvorsen (GM)"]);
    assert_eq!(i.managers[1].worker_id, None);
    assert_eq!(
        names(&i.affected),
        ["Ana Ruiz", "Tom Lee"],
        "repeats dropped"
    );
    assert_eq!(i.affected[0].department, "Picking");
    assert_eq!(names(&i.witnesses), ["Mai Tran"]);
    assert!(i.evidence.is_empty());

    let rows = store::list(conn, u.campaign, today).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].managers, ["Rick Dawson", "Greg Halvorsen (GM)"]);
    assert_eq!(
        (rows[0].affected, rows[0].witnesses, rows[0].evidence),
        (2, 1, 0)
    );
    assert_eq!(store::for_worker(conn, u.mai, today).unwrap().len(), 1);
    assert!(store::for_worker(conn, u.elsewhere, today)
        .unwrap()
        .is_empty());

    // Edit: the people are replaced; the status stays.
    let mut edit = input(&u, "2026-04-27", "2026-04-30");
    edit.category = IncidentCategory::Interrogation;
    edit.managers = vec![PersonRef::worker(u.boss)];
    edit.affected = vec![u.mai];
    edit.witnesses = vec![u.ana, u.tom];
    edit.occurred_time = None;
    store::update(conn, id, &edit, today).unwrap();
    let i = store::detail(conn, id, today).unwrap();
    assert_eq!(i.category, IncidentCategory::Interrogation);
    assert_eq!(i.occurred_on, "2026-04-27");
    assert_eq!(i.last_day, "2026-10-27");
    assert_eq!(i.occurred_time, None);
    assert_eq!(names(&i.managers), ["Rick Dawson"]);
    assert_eq!(names(&i.affected), ["Mai Tran"]);
    assert_eq!(names(&i.witnesses), ["Ana Ruiz", "Tom Lee"]);

    // Deleting a worker removes them from the incident; a manager stays, by name.
    workers::delete(conn, u.tom).unwrap();
    workers::delete(conn, u.boss).unwrap();
    let i = store::detail(conn, id, today).unwrap();
    assert_eq!(names(&i.witnesses), ["Ana Ruiz"]);
    assert_eq!(names(&i.managers), ["Rick Dawson"]);
    assert_eq!(i.managers[0].worker_id, None);

    store::delete(conn, id).unwrap();
    assert!(invalid(store::detail(conn, id, today)).contains("no incident"));
    assert!(invalid(store::delete(conn, id)).contains("no incident"));
    let left: i64 = conn
        .query_row("SELECT count(*) FROM incident_person", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0, "the people go with the incident");
}

#[test]
fn validation_refuses_what_cannot_be_true() {
    let (_dir, mut vault, _) = new_vault(false);
    let u = unit(vault.conn_mut());
    let conn = vault.conn();
    let today = d("2026-05-10");
    let create = |i: &IncidentInput| store::create(conn, u.campaign, i, today);

    let e = invalid(create(&input(&u, "2026-04-28", "2026-04-27")));
    assert!(e.contains("before the day it occurred"), "{e}");
    let e = invalid(create(&input(&u, "2026-05-11", "2026-05-11")));
    assert!(e.contains("in the future"), "{e}");
    let e = invalid(create(&input(&u, "2026-04-28", "2026-05-12")));
    assert!(e.contains("in the future"), "{e}");
    let e = invalid(create(&input(&u, "", "2026-05-01")));
    assert!(e.contains("required"), "{e}");
    let e = invalid(create(&input(&u, "2026-04-28", "")));
    assert!(e.contains("learn"), "{e}");
    let e = invalid(create(&input(&u, "28/04/2026", "2026-05-01")));
    assert!(e.contains("not a date"), "{e}");

    let mut bad = input(&u, "2026-04-28", "2026-04-28");
    bad.summary = "  ".into();
    assert!(invalid(create(&bad)).contains("summary"));
    let mut bad = input(&u, "2026-04-28", "2026-04-28");
    bad.occurred_time = Some("25:00".into());
    assert!(invalid(create(&bad)).contains("time of day"));
    let mut bad = input(&u, "2026-04-28", "2026-04-28");
    bad.witnesses = vec![u.elsewhere];
    let e = invalid(create(&bad));
    assert!(
        e.contains("Sam Elsewhere") && e.contains("another campaign"),
        "{e}"
    );
    let mut bad = input(&u, "2026-04-28", "2026-04-28");
    bad.affected = vec![999_999];
    assert!(invalid(create(&bad)).contains("no worker 999999"));
    let mut bad = input(&u, "2026-04-28", "2026-04-28");
    bad.managers = vec![PersonRef::named("   ")];
    assert!(invalid(create(&bad)).contains("name is empty"));
    let e = invalid(store::create(
        conn,
        424_242,
        &input(&u, "2026-04-28", "2026-04-28"),
        today,
    ));
    assert!(e.contains("no campaign"), "{e}");

    let count: i64 = conn
        .query_row("SELECT count(*) FROM incident", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 0, "nothing refused was written");

    // The schema refuses it too, whatever the library does.
    let raw = conn.execute(
        "INSERT INTO incident (campaign_id, occurred_on, learned_on, category, summary, created_at, updated_at)
         VALUES (?1, '2026-04-28', '2026-04-27', 'threat', 'x', '', '')",
        [u.campaign],
    );
    assert!(raw.is_err(), "learned before occurred");
    let raw = conn.execute(
        "INSERT INTO incident_person (incident_id, role, worker_id, name) VALUES (1, 'witness', NULL, 'Someone')",
        [],
    );
    assert!(raw.is_err(), "free-text names are for managers only");
}

#[test]
fn status_steps_are_recorded_with_their_days() {
    let (_dir, mut vault, _) = new_vault(false);
    let u = unit(vault.conn_mut());
    let conn = vault.conn();
    let today = d("2026-05-10");
    let id = store::create(
        conn,
        u.campaign,
        &input(&u, "2026-03-02", "2026-03-04"),
        today,
    )
    .unwrap();
    let get = || store::detail(conn, id, today).unwrap();
    let set = |s: IncidentStatus, on: Option<&str>| store::set_status(conn, id, s, on, today);

    // Days must be real, not before learning of it, not in the future.
    assert!(
        invalid(set(IncidentStatus::SentToCounsel, Some("2026-03-03")))
            .contains("before you learned")
    );
    assert!(
        invalid(set(IncidentStatus::SentToCounsel, Some("2026-05-11"))).contains("in the future")
    );
    // Served before filed is refused.
    assert!(invalid(set(IncidentStatus::ChargeServed, Some("2026-04-01"))).contains("filed"));

    set(IncidentStatus::SentToCounsel, Some("2026-03-06")).unwrap();
    let i = get();
    assert_eq!(i.status, IncidentStatus::SentToCounsel);
    assert_eq!(i.sent_to_counsel_on.as_deref(), Some("2026-03-06"));

    set(IncidentStatus::ChargeFiled, Some("2026-04-20")).unwrap();
    let i = get();
    assert_eq!(i.status, IncidentStatus::ChargeFiled);
    assert_eq!(i.charge_filed_on.as_deref(), Some("2026-04-20"));
    assert_eq!(i.sent_to_counsel_on.as_deref(), Some("2026-03-06"), "kept");
    let c = i.clock.expect("the clock still runs for service");
    assert!(!c.needs_filing && c.needs_service);
    assert_eq!(store::deadlines(conn, u.campaign, today).unwrap().len(), 1);

    set(IncidentStatus::ChargeServed, None).unwrap(); // today
    let i = get();
    assert_eq!(i.status, IncidentStatus::ChargeServed);
    assert_eq!(i.charge_served_on.as_deref(), Some("2026-05-10"));
    assert!(i.clock.is_none(), "filed and served: the clock stopped");
    assert_eq!(i.charge_timely, Some(true));
    assert!(
        store::deadlines(conn, u.campaign, today)
            .unwrap()
            .is_empty(),
        "filed and served: off the urgency list"
    );
    assert_eq!(
        store::list(conn, u.campaign, today).unwrap().len(),
        1,
        "still in the log"
    );

    // A learned-on day after a recorded step is refused on edit.
    let e = invalid(store::update(
        conn,
        id,
        &input(&u, "2026-03-02", "2026-03-10"),
        today,
    ));
    assert!(e.contains("sent to counsel on 2026-03-06"), "{e}");

    // Closing keeps the earlier days and must not precede them.
    assert!(invalid(set(IncidentStatus::Closed, Some("2026-05-01"))).contains("before"));
    set(IncidentStatus::Closed, Some("2026-05-10")).unwrap();
    let i = get();
    assert_eq!(i.status, IncidentStatus::Closed);
    assert_eq!(i.closed_on.as_deref(), Some("2026-05-10"));
    assert_eq!(i.charge_served_on.as_deref(), Some("2026-05-10"));

    // Moving back corrects a mistake: later days are cleared, and the clock runs again.
    set(IncidentStatus::ChargeFiled, Some("2026-04-21")).unwrap();
    let i = get();
    assert_eq!(i.status, IncidentStatus::ChargeFiled);
    assert_eq!((i.charge_served_on, i.closed_on), (None, None));
    assert!(i.clock.is_some());
    set(IncidentStatus::Logged, None).unwrap();
    let i = get();
    assert_eq!(
        (i.sent_to_counsel_on, i.charge_filed_on, i.charge_served_on),
        (None, None, None)
    );

    // Closed without a charge: off the list too.
    set(IncidentStatus::Closed, Some("2026-04-01")).unwrap();
    assert!(store::deadlines(conn, u.campaign, today)
        .unwrap()
        .is_empty());
    assert!(get().charge_timely.is_none());
}

#[test]
fn the_deadline_list_is_sorted_by_urgency() {
    let (_dir, mut vault, _) = new_vault(false);
    let u = unit(vault.conn_mut());
    let conn = vault.conn();
    let today = d("2026-11-23");
    let mut ids = Vec::new();
    for occurred in [
        "2026-10-01", // 129 days left
        "2026-05-20", // 2026-11-20: passed 3 days ago
        "2026-06-01", // 8 days left
        "2026-05-01", // passed 22 days ago
        "2026-06-20", // 27 days left
        "2026-07-15", // 53 days left
        "2026-07-01", // filed and served
        "2026-07-02", // closed
    ] {
        let i = input(&u, occurred, occurred);
        ids.push(store::create(conn, u.campaign, &i, today).unwrap());
    }
    store::set_status(
        conn,
        ids[6],
        IncidentStatus::ChargeFiled,
        Some("2026-08-01"),
        today,
    )
    .unwrap();
    store::set_status(
        conn,
        ids[6],
        IncidentStatus::ChargeServed,
        Some("2026-08-03"),
        today,
    )
    .unwrap();
    store::set_status(conn, ids[7], IncidentStatus::Closed, None, today).unwrap();

    let list = store::deadlines(conn, u.campaign, today).unwrap();
    let got: Vec<(i64, i64, DeadlineLevel)> = list
        .iter()
        .map(|r| {
            let c = r.clock.as_ref().unwrap();
            (r.id, c.days_left, c.level)
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (ids[2], 8, DeadlineLevel::Days14),
            (ids[4], 27, DeadlineLevel::Days30),
            (ids[5], 53, DeadlineLevel::Days60),
            (ids[0], 129, DeadlineLevel::Ok),
            (ids[1], -3, DeadlineLevel::Passed),
            (ids[3], -22, DeadlineLevel::Passed),
        ]
    );
    assert_eq!(list[0].last_day, "2026-12-01");
    // The log holds everything, newest first.
    let log = store::list(conn, u.campaign, today).unwrap();
    assert_eq!(log.len(), 8);
    assert_eq!(log[0].id, ids[0]);
    assert!(log.iter().any(|r| r.id == ids[6] && r.clock.is_none()));
}

#[test]
fn deleting_a_campaign_removes_its_incidents() {
    let (_dir, mut vault, _) = new_vault(false);
    let u = unit(vault.conn_mut());
    let today = d("2026-05-10");
    store::create(
        vault.conn(),
        u.campaign,
        &input(&u, "2026-04-28", "2026-04-29"),
        today,
    )
    .unwrap();
    vault
        .conn()
        .execute("DELETE FROM campaign WHERE id = ?1", [u.campaign])
        .unwrap();
    let n: i64 = vault
        .conn()
        .query_row("SELECT count(*) FROM incident", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
}

// ---------------------------------------------------------------------------------------------
// The demo

fn demo_today() -> NaiveDate {
    d("2026-11-23")
}

#[test]
fn the_demo_has_every_category_and_deadlines_at_every_level() {
    let (_dir, mut vault, _) = new_vault(false);
    let s = demo::generate(
        vault.conn_mut(),
        &DemoOptions {
            today: demo_today(),
            ..DemoOptions::default()
        },
    )
    .unwrap();
    assert!((10..=14).contains(&s.incidents), "{s:?}");
    let conn = vault.conn();
    let log = store::list(conn, s.campaign_id, demo_today()).unwrap();
    assert_eq!(log.len() as u32, s.incidents);
    let categories: BTreeSet<IncidentCategory> = log.iter().map(|r| r.category).collect();
    assert_eq!(
        categories.len(),
        IncidentCategory::ALL.len(),
        "{categories:?}"
    );

    let list = store::deadlines(conn, s.campaign_id, demo_today()).unwrap();
    let levels: Vec<DeadlineLevel> = list
        .iter()
        .map(|r| r.clock.as_ref().unwrap().level)
        .collect();
    for level in [
        DeadlineLevel::Days14,
        DeadlineLevel::Days30,
        DeadlineLevel::Days60,
        DeadlineLevel::Passed,
        DeadlineLevel::Ok,
    ] {
        assert!(levels.contains(&level), "no {level:?} in {levels:?}");
    }
    assert_eq!(
        levels
            .iter()
            .filter(|l| **l == DeadlineLevel::Passed)
            .count(),
        1,
        "one past its deadline"
    );
    assert!(
        list.windows(2).all(|w| {
            let (a, b) = (w[0].clock.as_ref().unwrap(), w[1].clock.as_ref().unwrap());
            deadline::urgency(a.days_left) <= deadline::urgency(b.days_left)
        }),
        "by urgency"
    );
    // One charge filed and served, one filed but not yet served, one closed.
    let by_status = |s: IncidentStatus| log.iter().filter(|r| r.status == s).count();
    assert_eq!(by_status(IncidentStatus::ChargeServed), 1);
    assert_eq!(by_status(IncidentStatus::ChargeFiled), 1);
    assert_eq!(by_status(IncidentStatus::Closed), 1);
    let filed = log
        .iter()
        .find(|r| r.status == IncidentStatus::ChargeFiled)
        .unwrap();
    assert!(filed.clock.as_ref().unwrap().needs_service);
    assert!(list
        .iter()
        .all(|r| r.status != IncidentStatus::ChargeServed));

    // Every incident names people of the campaign; managers are supervisors or named in free text.
    for row in &log {
        let i = store::detail(conn, row.id, demo_today()).unwrap();
        assert!(!i.managers.is_empty(), "{}", i.summary);
        assert!(i.description.len() > 150, "{}", i.description);
        assert!(
            !i.description.contains('{'),
            "placeholders filled: {}",
            i.description
        );
        assert!(i.learned_on >= i.occurred_on);
        for m in i.managers.iter().filter_map(|m| m.worker_id) {
            let sup: bool = conn
                .query_row("SELECT is_supervisor FROM worker WHERE id = ?1", [m], |r| {
                    r.get(0)
                })
                .unwrap();
            assert!(sup);
        }
        for p in i.affected.iter().chain(&i.witnesses) {
            let (campaign_id, sup): (i64, bool) = conn
                .query_row(
                    "SELECT campaign_id, is_supervisor FROM worker WHERE id = ?1",
                    [p.worker_id.unwrap()],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            assert_eq!(campaign_id, s.campaign_id);
            assert!(!sup);
            assert!(
                i.description.contains(&p.name),
                "{} not in {}",
                p.name,
                i.description
            );
        }
    }
    // Evidence files of several kinds, generated in code.
    let types: BTreeSet<String> = conn
        .prepare("SELECT media_type FROM evidence WHERE campaign_id = ?1")
        .unwrap()
        .query_map([s.campaign_id], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for t in [
        "image/png",
        "application/pdf",
        "image/svg+xml",
        "audio/wav",
        "text/plain",
    ] {
        assert!(types.contains(t), "no {t} in {types:?}");
    }
}

#[test]
fn the_demo_incidents_are_deterministic() {
    let snapshot = |seed: u64| {
        let (_dir, mut vault, _) = new_vault(false);
        demo::generate(
            vault.conn_mut(),
            &DemoOptions {
                workers: 120,
                seed,
                today: demo_today(),
            },
        )
        .unwrap();
        let conn = vault.conn();
        let mut out: Vec<String> = conn
            .prepare(
                "SELECT id, occurred_on, occurred_time, place, learned_on, category, summary, description, case_number,
                        status, sent_to_counsel_on, charge_filed_on, charge_served_on, closed_on FROM incident ORDER BY id",
            )
            .unwrap()
            .query_map([], |r| {
                Ok((0..14)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        out.extend(
            conn.prepare(
                "SELECT incident_id, file_name, media_type, size, sha256 FROM evidence ORDER BY id",
            )
            .unwrap()
            .query_map([], |r| {
                Ok(format!(
                    "{:?}|{}|{}|{}|{}",
                    r.get::<_, Option<i64>>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, String>(4)?
                ))
            })
            .unwrap()
            .map(Result::unwrap),
        );
        out
    };
    let a = snapshot(5);
    assert!(a.len() > 15);
    assert_eq!(a, snapshot(5));
    assert_ne!(a, snapshot(6));
}

// ---------------------------------------------------------------------------------------------
// The command line

fn fieldbook(args: &[&str], stdin: &str, config: &std::path::Path) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fieldbook"))
        .args(args)
        .env("XDG_CONFIG_HOME", config)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn cli_incidents_lists_deadlines_and_days_left() {
    let home = tempfile::tempdir().unwrap();
    let vault = home.path().join("Demo.fieldbook");
    let v = vault.to_str().unwrap();
    let pass = format!("{PASS}\n");
    ok(&fieldbook(
        &[
            "demo",
            v,
            "--passphrase-stdin",
            "--work-factor",
            "18",
            "--workers",
            "200",
        ],
        &pass,
        home.path(),
    ));

    let out = fieldbook(
        &["incidents", v, "--passphrase-stdin", "--json"],
        &pass,
        home.path(),
    );
    ok(&out);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let today = json["today"].as_str().unwrap();
    let deadlines = json["deadlines"].as_array().unwrap();
    assert!(deadlines.len() >= 6, "{json}");
    let mut previous = (false, i64::MIN);
    for row in deadlines {
        let last_day = row["lastDay"].as_str().unwrap();
        let days_left = row["clock"]["daysLeft"].as_i64().unwrap();
        assert_eq!(
            (d(last_day) - d(today)).num_days(),
            days_left,
            "days left from today to the last day"
        );
        assert!(row["clock"]["level"].is_string());
        assert!(row["summary"].is_string() && row["category"].is_string());
        let key = deadline::urgency(days_left);
        assert!(key >= previous, "sorted by urgency");
        previous = key;
    }
    assert!(deadlines
        .iter()
        .any(|r| r["clock"]["level"] == "passed" && r["clock"]["daysLeft"].as_i64().unwrap() < 0));
    let incidents = json["incidents"].as_array().unwrap();
    assert!(incidents.len() > deadlines.len());
    assert!(incidents.iter().any(|r| r["clock"].is_null()));

    // The text report.
    let out = fieldbook(&["incidents", v, "--passphrase-stdin"], &pass, home.path());
    ok(&out);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("10(b) DEADLINES") && text.contains("days left"),
        "{text}"
    );
    assert!(text.contains("PASSED"), "{text}");

    // Scripting: log an incident from JSON, then record the filing and the service.
    let worker: i64 = {
        let out = fieldbook(
            &["workers", v, "--passphrase-stdin", "--json"],
            &pass,
            home.path(),
        );
        ok(&out);
        let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let rows = j.get("rows").unwrap_or(&j);
        rows[0]["id"].as_i64().unwrap()
    };
    let new = serde_json::json!({
        "occurredOn": today,
        "learnedOn": today,
        "category": "surveillance",
        "summary": "Manager photographed the union table",
        "witnesses": [worker],
        "managers": [{ "name": "Unknown manager in a blue vest" }],
    });
    let out = fieldbook(
        &[
            "incidents",
            v,
            "--passphrase-stdin",
            "--add-stdin",
            "--json",
        ],
        &format!("{PASS}\n{new}\n"),
        home.path(),
    );
    ok(&out);
    let added: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = added["id"].as_i64().unwrap().to_string();
    assert_eq!(added["clock"]["level"], "ok");
    assert_eq!(
        added["managers"][0]["name"],
        "Unknown manager in a blue vest"
    );
    let out = fieldbook(
        &[
            "incidents",
            v,
            "--passphrase-stdin",
            "--set-status",
            &id,
            "charge_filed",
        ],
        &pass,
        home.path(),
    );
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stdout).contains("still to serve"));
    let out = fieldbook(
        &[
            "incidents",
            v,
            "--passphrase-stdin",
            "--set-status",
            &id,
            "charge_served",
            "--on",
            today,
            "--json",
        ],
        &pass,
        home.path(),
    );
    ok(&out);
    let served: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(served["clock"].is_null());
    assert_eq!(served["chargeTimely"], true);
    let out = fieldbook(
        &[
            "incidents",
            v,
            "--passphrase-stdin",
            "--set-status",
            &id,
            "nonsense",
        ],
        &pass,
        home.path(),
    );
    assert_eq!(out.status.code(), Some(2));
}
