//! The unit list on a real vault: campaigns, workers, assessment history, committee, cards,
//! conversations and follow-ups, search and filters.

mod common;

use chrono::NaiveDate;
use common::*;
use fieldbook::workers::{campaign, conversation, query, store, *};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn worker(name: &str, dept: &str, shift: &str) -> WorkerInput {
    WorkerInput {
        legal_name: name.into(),
        department: dept.into(),
        shift: shift.into(),
        ..WorkerInput::default()
    }
}

#[test]
fn workers_assessments_conversations_and_follow_ups() {
    let (_dir, mut vault, _) = new_vault(false);
    let c = campaign::create(
        vault.conn_mut(),
        &CampaignInput {
            name: "Riverside DC".into(),
            employer: "Acme Logistics".into(),
            employer_domains: vec!["@Acme.com".into()],
            card_stale_days: Some(180),
            ..CampaignInput::default()
        },
    )
    .unwrap();
    assert_eq!(c.employer_domains, ["acme.com"]);
    assert!(c.issues.contains(&"safety".to_string()));

    let conn = vault.conn();
    let mut ana = worker("Ana Peña", "Receiving", "Night");
    ana.preferred_name = "Anita".into();
    ana.emails = vec!["ana@acme.com".into(), "ana.p@example.org".into()];
    ana.notes = "Forklift certified, trains new hires".into();
    let ana = store::insert(conn, c.id, &ana).unwrap();
    let bo = store::insert(conn, c.id, &worker("Bo Chen", "Shipping", "Day")).unwrap();
    let mut sup = worker("Sam Boss", "Shipping", "Day");
    sup.is_supervisor = true;
    let sup = store::insert(conn, c.id, &sup).unwrap();
    assert!(store::insert(conn, c.id, &worker("  ", "x", "y")).is_err());

    let today = day("2026-11-23");
    let w = store::get(conn, ana, today).unwrap();
    assert_eq!(
        w.work_emails,
        ["ana@acme.com"],
        "the employer's domain is flagged"
    );
    assert_eq!(w.assessment, None);

    // Assessment history: the current value is the latest; 0 clears it.
    store::assess(conn, ana, 3, "Maria", "first talk", None).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    store::assess(conn, ana, 2, "Maria", "agreed to come to the meeting", None).unwrap();
    assert_eq!(store::get(conn, ana, today).unwrap().assessment, Some(2));
    assert!(store::assess(conn, ana, 6, "Maria", "", None).is_err());

    // A conversation with a new assessment and a follow-up.
    let logged = conversation::log(
        vault.conn_mut(),
        bo,
        &ConversationInput {
            held_on: "2026-11-20".into(),
            organizer: "Maria".into(),
            issues: vec!["scheduling".into(), "safety".into()],
            ask: "Sign a card?".into(),
            answer: "Wants to think about the mandatory overtime".into(),
            assessment_after: Some(3),
            next_step: "Bring the overtime petition".into(),
            follow_up_on: Some("2026-11-21".into()),
            ..ConversationInput::default()
        },
    )
    .unwrap();
    assert_eq!(logged.assessment_before, None);
    let conn = vault.conn();
    let detail = store::detail(conn, bo, today).unwrap();
    assert_eq!(detail.worker.assessment, Some(3));
    assert_eq!(detail.assessments[0].conversation_id, Some(logged.id));
    assert_eq!(detail.conversations.len(), 1);

    let due = conversation::follow_ups(conn, c.id, today, today + chrono::Duration::days(7), None)
        .unwrap();
    assert_eq!(due.len(), 1);
    assert!(due[0].overdue);
    assert_eq!(due[0].worker_name, "Bo Chen");

    // Committee and cards.
    store::join_committee(conn, ana, "2026-10-01").unwrap();
    store::set_card(conn, ana, Some("2026-01-02")).unwrap();
    store::set_card(conn, bo, Some("2026-11-01")).unwrap();
    assert!(
        store::get(conn, ana, today).unwrap().card_stale,
        "older than 180 days"
    );

    // Search: names (accents folded, prefixes), notes and conversation text.
    let find = |q: &str| -> Vec<i64> {
        let f = WorkerFilter {
            search: q.into(),
            ..WorkerFilter::default()
        };
        query::list(conn, c.id, &f, today)
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.id)
            .collect()
    };
    assert_eq!(find("pena"), [ana]);
    assert_eq!(find("anit"), [ana]);
    assert_eq!(find("forklift"), [ana]);
    assert_eq!(
        find("overtime"),
        [bo],
        "what was said in a 1-on-1 is searchable"
    );
    assert!(find("nobody").is_empty());
    // FTS5 syntax typed by a person is neutralised rather than failing the query.
    assert!(find("\"anita OR (").is_empty(), "every word must match");
    assert_eq!(find("\"anita"), [ana]);

    // Filters and counts; supervisors are left out unless asked for.
    let all = query::list(conn, c.id, &WorkerFilter::default(), today).unwrap();
    assert_eq!(all.counts.total, 2);
    assert_eq!(all.counts.by_assessment, [0, 0, 1, 1, 0, 0]);
    assert_eq!(all.counts.committee, 1);
    assert_eq!(all.counts.cards_signed, 2);
    assert_eq!(all.counts.cards_stale, 1);
    assert_eq!(all.counts.follow_ups_overdue, 1);
    let with_sup = WorkerFilter {
        include_supervisors: true,
        ..WorkerFilter::default()
    };
    assert!(query::list(conn, c.id, &with_sup, today)
        .unwrap()
        .rows
        .iter()
        .any(|r| r.id == sup));
    let night = WorkerFilter {
        shifts: vec!["Night".into()],
        ..WorkerFilter::default()
    };
    assert_eq!(
        query::list(conn, c.id, &night, today).unwrap().rows[0].name,
        "Anita"
    );
    let stale = WorkerFilter {
        card: CardFilter::Stale,
        ..WorkerFilter::default()
    };
    assert_eq!(
        query::list(conn, c.id, &stale, today).unwrap().counts.total,
        1
    );
    let overdue = WorkerFilter {
        follow_up_overdue: true,
        ..WorkerFilter::default()
    };
    assert_eq!(
        query::list(conn, c.id, &overdue, today).unwrap().rows[0].id,
        bo
    );
    let committee = WorkerFilter {
        committee: Some(true),
        ..WorkerFilter::default()
    };
    assert_eq!(
        query::list(conn, c.id, &committee, today).unwrap().rows[0].id,
        ana
    );

    // Moving on the wall chart; deleting cascades and leaves search consistent.
    store::move_to(conn, bo, "Receiving", "Night").unwrap();
    assert_eq!(
        query::list(conn, c.id, &night, today).unwrap().counts.total,
        2
    );
    store::delete(conn, bo).unwrap();
    assert!(find("overtime").is_empty());
    assert!(vault.verify().unwrap().ok);
}
