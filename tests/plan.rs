//! The plan on real vaults: the threshold arithmetic, goals per department and shift (supervisors,
//! left and excluded workers out), stale cards, the demo's dashboard against plain SQL, the weekly
//! series point by point, milestones/actions/tasks with their validation, and participation
//! feeding assessment suggestions the organizer accepts or dismisses.

mod common;

use chrono::{Duration, LocalResult, NaiveDate, TimeZone, Utc};
use common::*;
use fieldbook::api::{CreateVaultRequest, Session};
use fieldbook::plan::{
    thresholds, ActionInput, ActionKind, ActionStatus, GoalKind, GoalProgress, MilestoneInput,
    MilestoneKind, ParticipationInput, ParticipationStatus, PlanSettingsInput, SeriesMetric,
    SuggestionKind, TaskInput, WorkerFigure,
};
use fieldbook::recent::RecentList;
use fieldbook::vault::Kdf;
use fieldbook::workers::{dates, store, CampaignInput, WorkerFilter, WorkerInput, WorkerStatus};
use fieldbook::ErrorCode;
use rusqlite::params;
use std::collections::HashSet;

fn session(home: &tempfile::TempDir) -> Session {
    let s = Session::new(RecentList::at(home.path().join("recent.json"))).with_kdf(Kdf::Fixed(18));
    s.create(CreateVaultRequest {
        folder: home.path().display().to_string(),
        name: "Plan".into(),
        passphrase: secret(PASS),
        with_recovery_key: false,
    })
    .unwrap();
    s
}

fn demo_session() -> (tempfile::TempDir, Session, i64) {
    let home = tempfile::tempdir().unwrap();
    let s = Session::new(RecentList::at(home.path().join("recent.json"))).with_kdf(Kdf::Fixed(18));
    s.create_demo(CreateVaultRequest {
        folder: home.path().display().to_string(),
        name: "Demo".into(),
        passphrase: secret(PASS),
        with_recovery_key: false,
    })
    .unwrap();
    let c = s.campaigns().unwrap()[0].id;
    (home, s, c)
}

fn today() -> NaiveDate {
    dates::today()
}

fn day(n: i64) -> String {
    dates::fmt(today() + Duration::days(n))
}

/// The workers a figure's filter lists in the worker table.
fn listed(s: &Session, campaign: i64, f: &WorkerFigure) -> Vec<i64> {
    let filter = f.filter.clone().expect("today's figures carry a filter");
    let mut ids: Vec<i64> = s
        .worker_list(campaign, &filter)
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.id)
        .collect();
    ids.sort_unstable();
    ids
}

fn code(e: fieldbook::Error) -> ErrorCode {
    e.code()
}

#[test]
fn thresholds_are_whole_workers_rounded_up() {
    assert_eq!(thresholds::percent_of(47, 30), 15, "30% of 47");
    assert_eq!(thresholds::more_than_half(40), 21, "more than 50% of 40");
    assert_eq!(thresholds::percent_of(47, 65), 31, "65% of 47 (30.55)");
    assert_eq!(thresholds::committee_needed(47), 5, "committee for 47");
    assert_eq!(thresholds::percent_of(40, 30), 12);
    assert_eq!(thresholds::percent_of(20, 30), 6);
    assert_eq!(thresholds::more_than_half(47), 24);
    assert_eq!(thresholds::more_than_half(1), 1);
    assert_eq!(thresholds::committee_needed(10), 1);
    assert_eq!(thresholds::committee_needed(11), 2);
    assert_eq!(thresholds::needed(GoalKind::CardTarget, 47, 65), 31);
    assert_eq!(thresholds::needed(GoalKind::CardTarget, 47, 70), 33);
    assert_eq!(thresholds::needed(GoalKind::Assessed, 47, 65), 47);
}

struct Unit {
    campaign: i64,
    /// Picking workers in the unit (47) and Packing (40).
    picking: Vec<i64>,
    packing: Vec<i64>,
    supervisor: i64,
    gone: Vec<i64>,
}

/// 87 unit workers: Picking 47 (40 Day, 7 Night), Packing 40 (20 Day, 20 Night); plus a
/// supervisor, two who left and one excluded, all with cards, assessed 1 and on the committee, so
/// any of them counted would show.
fn build_unit(s: &Session) -> Unit {
    let c = s
        .create_campaign(&CampaignInput {
            name: "Thresholds".into(),
            ..Default::default()
        })
        .unwrap();
    let signed = day(-10);
    s.with_conn(|conn, _| {
        let tx = conn.transaction()?;
        let add = |dept: &str, shift: &str, i: usize, extra: &dyn Fn(&mut WorkerInput)| {
            let mut input = WorkerInput {
                legal_name: format!("{dept} Worker {i}"),
                department: dept.into(),
                shift: shift.into(),
                ..Default::default()
            };
            extra(&mut input);
            store::insert(&tx, c.id, &input)
        };
        let mut picking = Vec::new();
        for i in 0..47 {
            let shift = if i < 40 { "Day" } else { "Night" };
            // 15 cards (30% of 47 exactly), 24 assessed 1–2 (a majority), 5 on the committee.
            let card = i < 15;
            let id = add("Picking", shift, i, &|w| {
                if card {
                    w.card_signed_on = Some(signed.clone());
                }
            })?;
            if i < 24 {
                store::assess(&tx, id, if i < 5 { 1 } else { 2 }, "t", "", None)?;
            } else if i < 40 {
                store::assess(&tx, id, 3, "t", "", None)?;
            }
            if i < 5 {
                store::join_committee(&tx, id, &day(-30))?;
            }
            picking.push(id);
        }
        let mut packing = Vec::new();
        for i in 0..40 {
            let shift = if i < 20 { "Day" } else { "Night" };
            // 20 cards (one short of more than half), 3 on the committee (4 needed).
            let card = i < 20;
            let id = add("Packing", shift, i, &|w| {
                if card {
                    w.card_signed_on = Some(signed.clone());
                }
            })?;
            store::assess(&tx, id, if i < 20 { 2 } else { 4 }, "t", "", None)?;
            if i < 3 {
                store::join_committee(&tx, id, &day(-30))?;
            }
            packing.push(id);
        }
        let everything = |w: &mut WorkerInput| w.card_signed_on = Some(signed.clone());
        let supervisor = add("Picking", "Day", 100, &|w| {
            everything(w);
            w.is_supervisor = true;
        })?;
        let mut gone = Vec::new();
        for (i, status) in [
            WorkerStatus::Left,
            WorkerStatus::Left,
            WorkerStatus::Excluded,
        ]
        .into_iter()
        .enumerate()
        {
            gone.push(add("Picking", "Night", 200 + i, &|w| {
                everything(w);
                w.status = status;
            })?);
        }
        for &id in gone.iter().chain([&supervisor]) {
            store::assess(&tx, id, 1, "t", "", None)?;
            store::join_committee(&tx, id, &day(-30))?;
        }
        tx.commit()?;
        Ok(Unit {
            campaign: c.id,
            picking,
            packing,
            supervisor,
            gone,
        })
    })
    .unwrap()
}

fn scope<'a>(list: &'a [GoalProgress], name: &str) -> &'a GoalProgress {
    list.iter()
        .find(|g| g.name == name)
        .unwrap_or_else(|| panic!("no {name}"))
}

#[test]
fn goals_per_department_and_shift_leave_out_supervisors_and_the_gone() {
    let home = tempfile::tempdir().unwrap();
    let s = session(&home);
    let u = build_unit(&s);
    let plan = s.plan(u.campaign).unwrap();
    let goal = |k: GoalKind| plan.goals.iter().find(|g| g.kind == k).unwrap();
    assert_eq!(plan.settings.card_target_percent, 65);
    assert!(plan.settings.exclude_stale_cards);

    // The unit: 87 (supervisor, the two who left and the excluded worker are out).
    let soi = goal(GoalKind::ShowingOfInterest);
    assert_eq!(soi.unit.total, 87);
    assert_eq!(soi.unit.counted.count, 35);
    assert_eq!(soi.unit.needed, 27, "30% of 87 = 26.1 → 27");
    assert!(soi.unit.met);
    let out: HashSet<i64> = u.gone.iter().copied().chain([u.supervisor]).collect();
    for g in &plan.goals {
        for p in std::iter::once(&g.unit)
            .chain(&g.departments)
            .chain(&g.shifts)
        {
            assert!(
                p.counted.worker_ids.iter().all(|id| !out.contains(id)),
                "{:?} {} counts someone outside the unit",
                g.kind,
                p.name
            );
            assert_eq!(p.counted.count as usize, p.counted.worker_ids.len());
            assert_eq!(p.more_needed, p.needed.saturating_sub(p.counted.count));
        }
    }

    // Picking: 47 workers.
    let picking = scope(&soi.departments, "Picking");
    assert_eq!(
        (picking.total, picking.counted.count, picking.needed),
        (47, 15, 15)
    );
    assert!(picking.met);
    let target = goal(GoalKind::CardTarget);
    assert_eq!(
        scope(&target.departments, "Picking").needed,
        31,
        "65% of 47"
    );
    assert_eq!(target.unit.needed, 57, "65% of 87 = 56.55 → 57");
    let majority = goal(GoalKind::MajoritySupport);
    let p = scope(&majority.departments, "Picking");
    assert_eq!((p.counted.count, p.needed, p.met), (24, 24, true));
    let committee = goal(GoalKind::CommitteeCoverage);
    let p = scope(&committee.departments, "Picking");
    assert_eq!((p.counted.count, p.needed, p.met), (5, 5, true));

    // Packing: 40 workers, 20 cards: not more than half (21), but 30% (12).
    let cm = goal(GoalKind::CardMajority);
    let p = scope(&cm.departments, "Packing");
    assert_eq!(
        (p.total, p.counted.count, p.needed, p.met),
        (40, 20, 21, false)
    );
    assert_eq!(p.more_needed, 1);
    assert!(scope(&soi.departments, "Packing").met);
    let p = scope(&committee.departments, "Packing");
    assert_eq!((p.counted.count, p.needed, p.met), (3, 4, false));

    // Shifts: Day = 40 + 20, Night = 7 + 20.
    let day_shift = scope(&soi.shifts, "Day");
    let night = scope(&soi.shifts, "Night");
    assert_eq!((day_shift.total, night.total), (60, 27));
    assert_eq!(day_shift.counted.count, 15 + 20);
    assert_eq!(night.counted.count, 0);
    assert!(!night.met);
    // Largest first.
    assert_eq!(soi.departments[0].name, "Picking");
    assert_eq!(soi.shifts[0].name, "Day");

    // Committee coverage for the unit: 8 of 9, and not in every department and shift.
    assert_eq!(
        (committee.unit.counted.count, committee.unit.needed),
        (8, 9)
    );
    assert!(!committee.unit.met);
    let assessed = goal(GoalKind::Assessed);
    assert_eq!(assessed.unit.counted.count, 40 + 40);
    assert_eq!(assessed.unit.needed, 87);

    // Every figure's filter lists exactly its workers in the worker table.
    for g in &plan.goals {
        for p in std::iter::once(&g.unit)
            .chain(&g.departments)
            .chain(&g.shifts)
        {
            assert_eq!(
                listed(&s, u.campaign, &p.counted),
                p.counted.worker_ids,
                "{:?} {}",
                g.kind,
                p.name
            );
        }
    }

    // The campaign's own target moves its goal.
    s.plan_settings_update(
        u.campaign,
        &PlanSettingsInput {
            card_target_percent: Some(40),
            ..Default::default()
        },
    )
    .unwrap();
    let plan = s.plan(u.campaign).unwrap();
    let target = plan
        .goals
        .iter()
        .find(|g| g.kind == GoalKind::CardTarget)
        .unwrap();
    assert_eq!(target.unit.needed, 35, "40% of 87 = 34.8 → 35");
    assert!(target.unit.met);
    for bad in [0, 101] {
        let e = s
            .plan_settings_update(
                u.campaign,
                &PlanSettingsInput {
                    card_target_percent: Some(bad),
                    ..Default::default()
                },
            )
            .unwrap_err();
        assert_eq!(code(e), ErrorCode::InvalidInput);
    }
    assert_eq!(u.picking.len() + u.packing.len(), 87);
}

#[test]
fn stale_cards_are_left_out_when_the_campaign_says_so() {
    let home = tempfile::tempdir().unwrap();
    let s = session(&home);
    let u = build_unit(&s);
    // A card from an earlier drive: 400 days old, stale after the default 365.
    let old = u.picking[30];
    s.card_set(old, Some(&day(-400))).unwrap();
    let cards = |s: &Session| {
        let p = s.plan(u.campaign).unwrap();
        let g = p
            .goals
            .iter()
            .find(|g| g.kind == GoalKind::ShowingOfInterest)
            .unwrap()
            .clone();
        g
    };
    let g = cards(&s);
    assert_eq!(g.unit.counted.count, 35);
    assert!(!g.unit.counted.worker_ids.contains(&old));
    assert_eq!(scope(&g.departments, "Picking").counted.count, 15);
    let dash = s.plan_dashboard(u.campaign).unwrap();
    assert_eq!(dash.headline.cards.signed.count, 35);
    assert_eq!(dash.headline.cards.stale.worker_ids, vec![old]);
    assert!(dash.headline.cards.stale_excluded);
    assert_eq!(
        listed(&s, u.campaign, &dash.headline.cards.stale),
        vec![old]
    );
    assert_eq!(dash.series.points.last().unwrap().cards, 35);

    s.plan_settings_update(
        u.campaign,
        &PlanSettingsInput {
            exclude_stale_cards: Some(false),
            ..Default::default()
        },
    )
    .unwrap();
    let g = cards(&s);
    assert_eq!(g.unit.counted.count, 36);
    assert!(g.unit.counted.worker_ids.contains(&old));
    assert_eq!(scope(&g.departments, "Picking").counted.count, 16);
    assert_eq!(
        listed(&s, u.campaign, &g.unit.counted),
        g.unit.counted.worker_ids
    );
    let dash = s.plan_dashboard(u.campaign).unwrap();
    assert_eq!(dash.headline.cards.signed.count, 36);
    assert!(!dash.series.stale_excluded);
    assert_eq!(dash.series.points.last().unwrap().cards, 36);

    // A campaign that lets cards go stale sooner: the ten-day-old cards are stale at 7 days.
    s.plan_settings_update(
        u.campaign,
        &PlanSettingsInput {
            exclude_stale_cards: Some(true),
            ..Default::default()
        },
    )
    .unwrap();
    let c = s
        .campaigns()
        .unwrap()
        .into_iter()
        .find(|c| c.id == u.campaign)
        .unwrap();
    s.update_campaign(
        c.id,
        &CampaignInput {
            name: c.name.clone(),
            card_stale_days: Some(7),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(cards(&s).unit.counted.count, 0);
}

/// The UTC instant at which the local day after `d` begins (computed here without the library).
fn end_of(d: NaiveDate) -> String {
    let next = (d + Duration::days(1)).and_hms_opt(0, 0, 0).unwrap();
    let t = match chrono::Local.from_local_datetime(&next) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        LocalResult::None => Utc.from_utc_datetime(&next),
    };
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn start_of(d: NaiveDate) -> String {
    end_of(d - Duration::days(1))
}

const UNIT: &str = "w.campaign_id = ?1 AND w.status = 'active' AND w.is_supervisor = 0";

fn sql_ids(s: &Session, sql: &str, p: impl rusqlite::Params) -> Vec<i64> {
    s.with_conn(|conn, _| {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map(p, |r| r.get::<_, i64>(0))?;
        let mut ids: Vec<i64> = rows.collect::<rusqlite::Result<_>>()?;
        ids.sort_unstable();
        Ok(ids)
    })
    .unwrap()
}

fn sql_count(s: &Session, sql: &str, p: impl rusqlite::Params) -> u32 {
    s.with_conn(|conn, _| Ok(conn.query_row(sql, p, |r| r.get::<_, u32>(0))?))
        .unwrap()
}

#[test]
fn the_demo_dashboard_matches_plain_sql() {
    let (_home, s, c) = demo_session();
    let t = today();
    let t_s = dates::fmt(t);
    let stale_cutoff = dates::fmt(t - Duration::days(365));
    let d = s.plan_dashboard(c).unwrap();
    let h = &d.headline;

    let unit = sql_ids(&s, &format!("SELECT id FROM worker w WHERE {UNIT}"), [c]);
    assert!(unit.len() > 300);
    assert_eq!(h.unit.worker_ids, unit);
    let cards = sql_ids(
        &s,
        &format!("SELECT id FROM worker w WHERE {UNIT} AND card_signed_on IS NOT NULL AND card_signed_on >= ?2"),
        params![c, stale_cutoff],
    );
    assert_eq!(h.cards.signed.worker_ids, cards);
    let stale = sql_ids(
        &s,
        &format!("SELECT id FROM worker w WHERE {UNIT} AND card_signed_on < ?2"),
        params![c, stale_cutoff],
    );
    assert_eq!(h.cards.stale.worker_ids, stale);
    assert!(!stale.is_empty(), "the demo has stale cards");
    let n = unit.len() as u32;
    let marks: Vec<(u32, u32)> = h
        .cards
        .thresholds
        .iter()
        .map(|m| (m.percent, m.needed))
        .collect();
    assert_eq!(
        marks,
        vec![
            (30, (n * 30).div_ceil(100)),
            (50, n / 2 + 1),
            (65, (n * 65).div_ceil(100))
        ]
    );
    assert_eq!(
        h.cards.thresholds[0].more_needed,
        ((n * 30).div_ceil(100)).saturating_sub(cards.len() as u32)
    );
    let committee = sql_ids(
        &s,
        &format!(
            "SELECT id FROM worker w WHERE {UNIT} AND EXISTS (SELECT 1 FROM committee_term t WHERE t.worker_id = w.id
             AND t.from_date <= ?2 AND (t.to_date IS NULL OR t.to_date >= ?2))"
        ),
        params![c, t_s],
    );
    assert_eq!(h.committee.members.worker_ids, committee);
    assert_eq!(h.committee.needed, n.div_ceil(10));
    for v in 0..=5u8 {
        let ids = if v == 0 {
            sql_ids(
                &s,
                &format!("SELECT id FROM worker w WHERE {UNIT} AND assessment IS NULL"),
                [c],
            )
        } else {
            sql_ids(
                &s,
                &format!("SELECT id FROM worker w WHERE {UNIT} AND assessment = ?2"),
                params![c, v],
            )
        };
        assert_eq!(
            h.assessments.by_value[v as usize].worker_ids, ids,
            "assessed {v}"
        );
    }
    let supporters = sql_ids(
        &s,
        &format!("SELECT id FROM worker w WHERE {UNIT} AND assessment IN (1, 2)"),
        [c],
    );
    assert_eq!(h.assessments.supporters.worker_ids, supporters);
    assert_eq!(h.assessments.majority.needed, n / 2 + 1);

    // Every headline figure opens exactly its workers in the worker table.
    for f in [
        &h.unit,
        &h.cards.signed,
        &h.cards.stale,
        &h.committee.members,
        &h.assessments.assessed,
        &h.assessments.supporters,
    ]
    .into_iter()
    .chain(&h.assessments.by_value)
    {
        assert_eq!(listed(&s, c, f), f.worker_ids);
    }
    for cell in &h.committee.uncovered_cells {
        assert_eq!(listed(&s, c, &cell.workers), cell.workers.worker_ids);
    }

    // Uncovered cells: department × shift with unit workers and no committee member.
    let cells = s
        .with_conn(|conn, _| {
            let mut stmt = conn.prepare(&format!(
                "SELECT department, shift FROM worker w WHERE {UNIT} GROUP BY department, shift
                 HAVING sum(EXISTS (SELECT 1 FROM committee_term t WHERE t.worker_id = w.id AND t.from_date <= ?2
                                    AND (t.to_date IS NULL OR t.to_date >= ?2))) = 0"
            ))?;
            let rows = stmt.query_map(params![c, t_s], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            Ok(rows.collect::<rusqlite::Result<HashSet<_>>>()?)
        })
        .unwrap();
    let got: HashSet<(String, String)> = h
        .committee
        .uncovered_cells
        .iter()
        .map(|c| (c.department.clone(), c.shift.clone()))
        .collect();
    assert_eq!(got, cells);
    assert!(!cells.is_empty(), "the demo leaves cells uncovered");
    // Uncovered workers: the map's own list.
    let map = s.map(c).unwrap();
    let mut uncovered = map.coverage.uncovered.clone();
    uncovered.sort_unstable();
    assert_eq!(h.committee.uncovered_workers.worker_ids, uncovered);

    // Support per department: counts per assessment value.
    let mut total = 0;
    for b in &d.support_by_department {
        for v in 0..=5u8 {
            let expected = if v == 0 {
                sql_count(
                    &s,
                    &format!("SELECT count(*) FROM worker w WHERE {UNIT} AND department = ?2 AND assessment IS NULL"),
                    params![c, b.name],
                )
            } else {
                sql_count(
                    &s,
                    &format!("SELECT count(*) FROM worker w WHERE {UNIT} AND department = ?2 AND assessment = ?3"),
                    params![c, b.name, v],
                )
            };
            assert_eq!(b.by_value[v as usize].count, expected, "{} {v}", b.name);
            assert_eq!(
                listed(&s, c, &b.by_value[v as usize]),
                b.by_value[v as usize].worker_ids
            );
        }
        assert_eq!(listed(&s, c, &b.cards), b.cards.worker_ids);
        total += b.total;
    }
    assert_eq!(total, n);
    let shifts: u32 = d.support_by_shift.iter().map(|b| b.total).sum();
    assert_eq!(shifts, n);

    // Follow-ups overdue: open, due before today, active workers.
    let overdue = sql_count(
        &s,
        "SELECT count(*) FROM conversation c JOIN worker w ON w.id = c.worker_id
         WHERE w.campaign_id = ?1 AND w.status = 'active' AND c.follow_up_done = 0 AND c.follow_up_on < ?2",
        params![c, t_s],
    );
    assert_eq!(d.follow_ups_overdue.len() as u32, overdue);
    assert!(overdue > 0);
    assert!(d.follow_ups_overdue.iter().all(|f| f.overdue));

    // This week: the last 7 days.
    let from = t - Duration::days(6);
    assert_eq!(d.this_week.from, dates::fmt(from));
    let talks = sql_count(
        &s,
        "SELECT count(*) FROM conversation c JOIN worker w ON w.id = c.worker_id
         WHERE w.campaign_id = ?1 AND w.is_supervisor = 0 AND substr(c.held_on, 1, 10) BETWEEN ?2 AND ?3",
        params![c, dates::fmt(from), t_s],
    );
    assert_eq!(d.this_week.conversations, talks);
    assert_eq!(h.assessments.conversations_this_week, talks);
    let signed: Vec<i64> = {
        let mut v: Vec<i64> = d.this_week.cards_signed.iter().map(|r| r.id).collect();
        v.sort_unstable();
        v
    };
    assert_eq!(
        signed,
        sql_ids(
            &s,
            "SELECT id FROM worker WHERE campaign_id = ?1 AND is_supervisor = 0 AND card_signed_on BETWEEN ?2 AND ?3",
            params![c, dates::fmt(from), t_s]
        )
    );
    let reassessed = sql_ids(
        &s,
        "SELECT DISTINCT a.worker_id FROM assessment a JOIN worker w ON w.id = a.worker_id
         WHERE w.campaign_id = ?1 AND w.is_supervisor = 0 AND a.assessed_at >= ?2 AND a.assessed_at < ?3",
        params![c, start_of(from), end_of(t)],
    );
    assert_eq!(d.this_week.reassessed.worker_ids, reassessed);
    // A change: the value in force before the week differs from the latest in it.
    for ch in &d.this_week.assessments {
        assert_ne!(ch.from, ch.to);
        let now = s
            .with_conn(|conn, _| {
                Ok(conn.query_row(
                    "SELECT assessment FROM worker WHERE id = ?1",
                    [ch.worker.id],
                    |r| r.get::<_, Option<u8>>(0),
                )?)
            })
            .unwrap();
        assert_eq!(
            ch.to, now,
            "the latest entry of the week is the current assessment"
        );
    }
    let joined = sql_ids(
        &s,
        "SELECT DISTINCT t.worker_id FROM committee_term t JOIN worker w ON w.id = t.worker_id
         WHERE w.campaign_id = ?1 AND w.is_supervisor = 0 AND t.from_date BETWEEN ?2 AND ?3",
        params![c, dates::fmt(from), t_s],
    );
    let mut got: Vec<i64> = d.this_week.committee_joined.iter().map(|r| r.id).collect();
    got.sort_unstable();
    assert_eq!(got, joined);

    // The demo plan: five actions, milestones, a dozen tasks, 10(b) deadlines in order.
    let plan = s.plan(c).unwrap();
    assert_eq!(plan.actions.len(), 5);
    assert!(plan.milestones.len() >= 4);
    assert!(plan.milestones.iter().any(|m| m.done_on.is_some()));
    assert!(plan.milestones.iter().any(|m| m.overdue));
    assert!(plan.tasks.len() >= 12);
    for a in &plan.actions {
        let rows = sql_count(
            &s,
            "SELECT count(*) FROM plan_participation WHERE action_id = ?1",
            [a.id],
        );
        assert_eq!(a.funnel.asked.count, rows);
        assert_eq!(
            a.funnel.committed.count,
            a.funnel.took_part.count + a.funnel.no_show.count
                + sql_count(&s, "SELECT count(*) FROM plan_participation WHERE action_id = ?1 AND status = 'committed'", [a.id])
        );
    }
    let held: Vec<_> = plan
        .actions
        .iter()
        .filter(|a| a.status == ActionStatus::Done)
        .collect();
    assert_eq!(held.len(), 3);
    assert!(held.iter().all(|a| a.funnel.took_part.count > 0));
    let share = held[0].funnel.took_part.count as f64 / n as f64;
    assert!(
        (0.1..0.8).contains(&share),
        "a realistic share took part: {share}"
    );
    let next = d.next_steps.first().expect("open items");
    assert!(next.overdue || next.on.as_deref() >= Some(t_s.as_str()));
    for pair in d.deadlines.windows(2) {
        assert!(pair[0].days_left <= pair[1].days_left);
    }
    assert!(d.deadlines.iter().all(|x| (0..=60).contains(&x.days_left)));
    let today_view = s.plan_today(c).unwrap();
    assert_eq!(today_view.headline.cards.signed, h.cards.signed);
    assert!(today_view.follow_ups.iter().all(|f| f.due_on <= t_s));
    assert!(
        today_view.campaign_week >= 40,
        "the demo campaign runs ~300 days"
    );
    let next_action = today_view.next_action.expect("a march is planned");
    assert_eq!(next_action.title, "March on the boss: the heat policy");
    assert!(next_action.committed.unwrap() > 0 && next_action.target.unwrap() > 0);
}

#[test]
fn the_weekly_series_matches_sql_point_by_point() {
    let (_home, s, c) = demo_session();
    let t = today();
    let from = t - Duration::days(7 * 30);
    let series = s.plan_series(c, &dates::fmt(from), &dates::fmt(t)).unwrap();
    assert_eq!(series.points.len(), 31);
    assert_eq!(series.points.last().unwrap().day, dates::fmt(t));
    for pair in series.points.windows(2) {
        let a = NaiveDate::parse_from_str(&pair[0].day, "%Y-%m-%d").unwrap();
        let b = NaiveDate::parse_from_str(&pair[1].day, "%Y-%m-%d").unwrap();
        assert_eq!((b - a).num_days(), 7);
    }
    let current = |value_sql: &str, day: NaiveDate| {
        sql_ids(
            &s,
            &format!(
                "SELECT id FROM worker w WHERE {UNIT} AND (SELECT a.value FROM assessment a WHERE a.worker_id = w.id
                 AND a.assessed_at < ?2 ORDER BY a.assessed_at DESC, a.id DESC LIMIT 1) {value_sql}"
            ),
            params![c, end_of(day)],
        )
    };
    for p in &series.points {
        let d = NaiveDate::parse_from_str(&p.day, "%Y-%m-%d").unwrap();
        let supporters = current("IN (1, 2)", d);
        let assessed = current("BETWEEN 1 AND 5", d);
        let cards = sql_ids(
            &s,
            &format!(
                "SELECT id FROM worker w WHERE {UNIT} AND card_signed_on <= ?2 AND card_signed_on >= date(?2, '-365 days')"
            ),
            params![c, p.day],
        );
        let committee = sql_ids(
            &s,
            &format!(
                "SELECT id FROM worker w WHERE {UNIT} AND EXISTS (SELECT 1 FROM committee_term t WHERE t.worker_id = w.id
                 AND t.from_date <= ?2 AND (t.to_date IS NULL OR t.to_date >= ?2))"
            ),
            params![c, p.day],
        );
        assert_eq!(
            p.supporters as usize,
            supporters.len(),
            "supporters on {}",
            p.day
        );
        assert_eq!(p.assessed as usize, assessed.len(), "assessed on {}", p.day);
        assert_eq!(p.cards as usize, cards.len(), "cards on {}", p.day);
        assert_eq!(
            p.committee as usize,
            committee.len(),
            "committee on {}",
            p.day
        );
        // Clicking a point opens exactly those workers.
        assert_eq!(
            s.plan_series_workers(c, &p.day, SeriesMetric::Supporters)
                .unwrap(),
            supporters
        );
        assert_eq!(
            s.plan_series_workers(c, &p.day, SeriesMetric::Cards)
                .unwrap(),
            cards
        );
        assert_eq!(
            s.plan_series_workers(c, &p.day, SeriesMetric::Committee)
                .unwrap(),
            committee
        );
    }
    // Today's point is today's headline.
    let d = s.plan_dashboard(c).unwrap();
    let last = series.points.last().unwrap();
    assert_eq!(last.cards, d.headline.cards.signed.count);
    assert_eq!(last.supporters, d.headline.assessments.supporters.count);
    assert_eq!(last.assessed, d.headline.assessments.assessed.count);
    // Over the campaign, support grew (the demo is mid-campaign, people moved toward the union).
    assert!(series.points[0].supporters < last.supporters);

    // Cards can go stale, so the series may fall; counting stale cards too, it never falls (a
    // signing day is kept).
    s.plan_settings_update(
        c,
        &PlanSettingsInput {
            exclude_stale_cards: Some(false),
            ..Default::default()
        },
    )
    .unwrap();
    let all = s
        .plan_series(c, &dates::fmt(t - Duration::days(7 * 60)), &dates::fmt(t))
        .unwrap();
    for pair in all.points.windows(2) {
        assert!(pair[0].cards <= pair[1].cards, "{:?}", pair);
    }
    for p in &all.points {
        let n = sql_count(
            &s,
            &format!("SELECT count(*) FROM worker w WHERE {UNIT} AND card_signed_on <= ?2"),
            params![c, p.day],
        );
        assert_eq!(p.cards, n);
    }
    // A period the wrong way round is refused.
    let e = s
        .plan_series(c, &dates::fmt(t), &dates::fmt(t - Duration::days(1)))
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput);
}

#[test]
fn milestones_actions_and_tasks_with_validation() {
    let home = tempfile::tempdir().unwrap();
    let s = session(&home);
    let u = build_unit(&s);
    let c = u.campaign;
    let other = s
        .create_campaign(&CampaignInput {
            name: "Elsewhere".into(),
            ..Default::default()
        })
        .unwrap();
    let stranger = s
        .worker_create(
            other.id,
            &WorkerInput {
                legal_name: "Someone Else".into(),
                ..Default::default()
            },
        )
        .unwrap()
        .worker
        .id;
    let invalid =
        |r: fieldbook::Result<()>| assert_eq!(r.unwrap_err().code(), ErrorCode::InvalidInput);

    // Milestones.
    let m = s
        .milestone_create(
            c,
            &MilestoneInput {
                kind: MilestoneKind::PetitionFiled,
                title: "  Petition filed  ".into(),
                target_on: Some(day(30)),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(m.title, "Petition filed");
    let required: Vec<GoalKind> = m.requires.iter().map(|r| r.goal).collect();
    assert_eq!(
        required,
        vec![
            GoalKind::CommitteeCoverage,
            GoalKind::ShowingOfInterest,
            GoalKind::CardTarget
        ]
    );
    // 8 of 9 on the committee: not ready.
    assert!(!m.ready && !m.overdue);
    let soi = s
        .milestone_create(
            c,
            &MilestoneInput {
                kind: MilestoneKind::Other,
                title: "Showing of interest".into(),
                target_on: Some(day(-2)),
                requires: Some(vec![GoalKind::ShowingOfInterest]),
                ..Default::default()
            },
        )
        .unwrap();
    assert!(soi.ready && soi.overdue);
    let soi = s
        .milestone_update(
            soi.id,
            &MilestoneInput {
                kind: MilestoneKind::ShowingOfInterest,
                title: "Showing of interest".into(),
                target_on: Some(day(-2)),
                done_on: Some(day(-1)),
                requires: Some(vec![]),
                notes: "Counted twice".into(),
            },
        )
        .unwrap();
    assert!(soi.requires.is_empty() && soi.ready && !soi.overdue);
    assert_eq!(soi.done_on, Some(day(-1)));
    for bad in [
        MilestoneInput {
            title: " ".into(),
            ..Default::default()
        },
        MilestoneInput {
            title: "Future".into(),
            done_on: Some(day(1)),
            ..Default::default()
        },
        MilestoneInput {
            title: "Bad date".into(),
            target_on: Some("31/12/2026".into()),
            ..Default::default()
        },
        MilestoneInput {
            title: "x".repeat(201),
            ..Default::default()
        },
    ] {
        invalid(s.milestone_create(c, &bad).map(|_| ()));
    }
    invalid(
        s.milestone_create(
            999,
            &MilestoneInput {
                title: "No campaign".into(),
                ..Default::default()
            },
        )
        .map(|_| ()),
    );
    invalid(s.milestone_delete(9999));

    // Actions: the ladder fills in order; targets as a count or a share.
    let a1 = s
        .action_create(
            c,
            &ActionInput {
                kind: ActionKind::Petition,
                title: "Petition".into(),
                planned_on: Some(day(-20)),
                status: ActionStatus::Done,
                target_percent: Some(30),
                milestone_id: Some(m.id),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(a1.step, 1);
    assert_eq!(
        a1.held_on,
        Some(day(-20)),
        "a done action was held on its planned day"
    );
    assert_eq!(a1.target, 27, "30% of 87");
    let a2 = s
        .action_create(
            c,
            &ActionInput {
                kind: ActionKind::Delegation,
                title: "Delegation".into(),
                planned_on: Some(day(10)),
                target_count: Some(12),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        (a2.step, a2.target, a2.status),
        (2, 12, ActionStatus::Planned)
    );
    let a2 = s
        .action_update(
            a2.id,
            &ActionInput {
                kind: ActionKind::MarchOnBoss,
                title: "March on the boss".into(),
                step: Some(5),
                planned_on: Some(day(12)),
                target_count: Some(20),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        (a2.step, a2.kind, a2.target),
        (5, ActionKind::MarchOnBoss, 20)
    );
    for bad in [
        ActionInput {
            title: "".into(),
            ..Default::default()
        },
        ActionInput {
            title: "Both targets".into(),
            target_count: Some(3),
            target_percent: Some(10),
            ..Default::default()
        },
        ActionInput {
            title: "Share 0".into(),
            target_percent: Some(0),
            ..Default::default()
        },
        ActionInput {
            title: "Done, never held".into(),
            status: ActionStatus::Done,
            planned_on: Some(day(3)),
            ..Default::default()
        },
        ActionInput {
            title: "Held tomorrow".into(),
            held_on: Some(day(1)),
            ..Default::default()
        },
        ActionInput {
            title: "Step zero".into(),
            step: Some(0),
            ..Default::default()
        },
    ] {
        invalid(s.action_create(c, &bad).map(|_| ()));
    }
    let foreign_m = s
        .milestone_create(
            other.id,
            &MilestoneInput {
                title: "Theirs".into(),
                ..Default::default()
            },
        )
        .unwrap();
    invalid(
        s.action_create(
            c,
            &ActionInput {
                title: "Linked elsewhere".into(),
                milestone_id: Some(foreign_m.id),
                ..Default::default()
            },
        )
        .map(|_| ()),
    );

    // Tasks.
    let t1 = s
        .task_create(
            c,
            &TaskInput {
                title: "Book the hall".into(),
                owner: "Dana".into(),
                due_on: Some(day(-1)),
                action_id: Some(a2.id),
                ..Default::default()
            },
        )
        .unwrap();
    assert!(t1.overdue && t1.done_on.is_none());
    let t2 = s
        .task_create(
            c,
            &TaskInput {
                title: "Ask about the committee".into(),
                owner_worker_id: Some(u.picking[0]),
                worker_id: Some(u.packing[5]),
                milestone_id: Some(m.id),
                due_on: Some(day(3)),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(t2.owner, "Picking Worker 0", "the owner worker's name");
    let t1 = s.task_set_done(t1.id, true).unwrap();
    assert_eq!(t1.done_on, Some(day(0)));
    assert!(!t1.overdue);
    let t1 = s.task_set_done(t1.id, false).unwrap();
    assert!(t1.done_on.is_none() && t1.overdue);
    let t2 = s
        .task_update(
            t2.id,
            &TaskInput {
                title: "Ask about the committee, again".into(),
                worker_id: Some(u.packing[5]),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!((t2.milestone_id, t2.owner_worker_id), (None, None));
    for bad in [
        TaskInput {
            title: "".into(),
            ..Default::default()
        },
        TaskInput {
            title: "Due whenever".into(),
            due_on: Some("soon".into()),
            ..Default::default()
        },
        TaskInput {
            title: "Their worker".into(),
            worker_id: Some(stranger),
            ..Default::default()
        },
        TaskInput {
            title: "No such action".into(),
            action_id: Some(9999),
            ..Default::default()
        },
        TaskInput {
            title: "Their milestone".into(),
            milestone_id: Some(foreign_m.id),
            ..Default::default()
        },
    ] {
        invalid(s.task_create(c, &bad).map(|_| ()));
    }

    // The plan lists them in order; the next step is the first open item not overdue.
    let plan = s.plan(c).unwrap();
    assert_eq!(
        plan.milestones.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![soi.id, m.id]
    );
    assert_eq!(
        plan.actions.iter().map(|a| a.id).collect::<Vec<_>>(),
        vec![a1.id, a2.id]
    );
    assert_eq!(
        plan.tasks.iter().map(|t| t.id).collect::<Vec<_>>(),
        vec![t1.id, t2.id]
    );
    // t1 is overdue and t2 has no day since its update: the march comes next.
    let next = plan.next.unwrap();
    assert_eq!(
        (next.kind, next.id, next.on.clone()),
        (fieldbook::plan::PlanItemKind::Action, a2.id, Some(day(12)))
    );
    assert_eq!(plan.next_action.unwrap().id, a2.id);

    // Deleting a milestone unlinks its actions and tasks; deleting an action, its tasks.
    s.milestone_delete(m.id).unwrap();
    let plan = s.plan(c).unwrap();
    assert_eq!(plan.actions[0].milestone_id, None);
    s.action_delete(a2.id).unwrap();
    let plan = s.plan(c).unwrap();
    assert_eq!(plan.actions.len(), 1);
    assert_eq!(
        plan.tasks.iter().find(|t| t.id == t1.id).unwrap().action_id,
        None
    );
    s.task_delete(t1.id).unwrap();
    invalid(s.task_delete(t1.id));
    invalid(s.action_delete(a2.id));
    assert_eq!(s.plan(c).unwrap().tasks.len(), 1);
}

#[test]
fn participation_feeds_suggestions_the_organizer_accepts_or_dismisses() {
    let home = tempfile::tempdir().unwrap();
    let s = session(&home);
    let u = build_unit(&s);
    let c = u.campaign;
    let action = |title: &str, on: i64, status: ActionStatus| {
        s.action_create(
            c,
            &ActionInput {
                title: title.into(),
                planned_on: Some(day(on)),
                status,
                target_count: Some(3),
                ..Default::default()
            },
        )
        .unwrap()
    };
    let petition = action("Petition", -20, ActionStatus::Done);
    let buttons = action("Button day", -5, ActionStatus::Done);
    let march = action("March", 10, ActionStatus::Planned);

    // Picking 30 is assessed 3, Packing 0 is assessed 2, Picking 45 is unassessed, Picking 31 is 3.
    let (undecided, supporter, unknown, once) =
        (u.picking[30], u.packing[0], u.picking[45], u.picking[31]);
    let entry = |worker_id, status| ParticipationInput {
        worker_id,
        status,
        notes: String::new(),
    };
    use ParticipationStatus::*;
    let p = s
        .action_participation_set(
            petition.id,
            &[
                entry(undecided, TookPart),
                entry(supporter, Declined),
                entry(unknown, TookPart),
                entry(once, TookPart),
                entry(u.picking[1], Committed),
                entry(u.picking[2], NoShow),
                entry(u.picking[3], Asked),
            ],
        )
        .unwrap();
    assert_eq!(
        (
            p.funnel.asked.count,
            p.funnel.awaiting.count,
            p.funnel.committed.count,
            p.funnel.took_part.count,
            p.funnel.declined.count,
            p.funnel.no_show.count
        ),
        (7, 1, 5, 3, 1, 1)
    );
    assert_eq!((p.progress, p.target, p.target_met), (3, 3, true));
    s.action_participation_set(
        buttons.id,
        &[
            entry(undecided, TookPart),
            entry(supporter, Declined),
            entry(unknown, TookPart),
        ],
    )
    .unwrap();
    let rows = s.action_participation(buttons.id).unwrap();
    assert_eq!(rows.len(), 3);
    assert!(rows
        .iter()
        .any(|r| r.worker.id == undecided && r.status == TookPart));

    // Nobody takes part in an action that has not happened; supervisors and other campaigns'
    // workers are not in the unit's actions. All or nothing.
    let before = s.action_participation(march.id).unwrap().len();
    for bad in [
        vec![
            entry(u.picking[5], Committed),
            entry(u.picking[6], TookPart),
        ],
        vec![entry(u.supervisor, Asked)],
        vec![entry(999_999, Asked)],
    ] {
        let e = s.action_participation_set(march.id, &bad).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidInput);
    }
    assert_eq!(s.action_participation(march.id).unwrap().len(), before);
    let m = s
        .action_participation_set(
            march.id,
            &[
                entry(u.picking[5], Committed),
                entry(u.picking[7], Declined),
            ],
        )
        .unwrap();
    assert_eq!(
        (m.progress, m.funnel.committed.count),
        (1, 1),
        "before the action: commitments"
    );
    let m = s
        .action_participation_remove(march.id, u.picking[7])
        .unwrap();
    assert_eq!(m.funnel.asked.count, 1);

    // The suggestions: took part twice (3 → 2; unassessed → 2), declined twice (2 → 3); once is
    // not enough.
    let sug = s.plan_suggestions(c).unwrap();
    let of = |id: i64| sug.iter().find(|x| x.worker.id == id);
    let a = of(undecided).expect("took part twice");
    assert_eq!(
        (a.kind, a.current, a.suggested),
        (SuggestionKind::TookPart, Some(3), 2)
    );
    assert_eq!(a.action_ids, vec![petition.id, buttons.id]);
    assert!(
        a.reason.contains("Took part in 2 actions") && a.reason.contains("Button day"),
        "{}",
        a.reason
    );
    let b = of(supporter).expect("declined twice");
    assert_eq!(
        (b.kind, b.current, b.suggested),
        (SuggestionKind::Declined, Some(2), 3)
    );
    let cu = of(unknown).expect("unassessed, took part twice");
    assert_eq!((cu.current, cu.suggested), (None, 2));
    assert!(of(once).is_none());
    assert_eq!(sug.len(), 3);
    assert_eq!(s.plan_today(c).unwrap().suggestions, 3);

    // Accepting writes a normal assessment entry with the reason.
    let detail = s.suggestion_accept(undecided, 2, "Dana").unwrap();
    assert_eq!(detail.worker.assessment, Some(2));
    let latest = &detail.assessments[0];
    assert_eq!((latest.value, latest.assessed_by.as_str()), (2, "Dana"));
    assert!(
        latest.reason.starts_with("Plan: Took part in 2 actions"),
        "{}",
        latest.reason
    );
    assert!(s
        .plan_suggestions(c)
        .unwrap()
        .iter()
        .all(|x| x.worker.id != undecided));
    // A suggestion that no longer stands cannot be accepted.
    assert_eq!(
        s.suggestion_accept(undecided, 2, "Dana")
            .unwrap_err()
            .code(),
        ErrorCode::InvalidInput
    );
    assert_eq!(
        s.suggestion_accept(supporter, 1, "Dana")
            .unwrap_err()
            .code(),
        ErrorCode::InvalidInput
    );

    // Dismissing hides it until newer participation is recorded.
    s.suggestion_dismiss(supporter, 3).unwrap();
    assert!(s
        .plan_suggestions(c)
        .unwrap()
        .iter()
        .all(|x| x.worker.id != supporter));
    assert_eq!(
        store_value(&s, supporter),
        Some(2),
        "dismissing changes no assessment"
    );
    std::thread::sleep(std::time::Duration::from_millis(1100));
    s.action_participation_set(march.id, &[entry(supporter, Declined)])
        .unwrap();
    let again = s.plan_suggestions(c).unwrap();
    let b = again
        .iter()
        .find(|x| x.worker.id == supporter)
        .expect("new evidence");
    assert_eq!(b.action_ids.len(), 3);

    // A reassessment after the evidence settles it: only participation recorded since counts.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    s.worker_assess(unknown, 3, "Kim", "after a 1-on-1")
        .unwrap();
    assert!(s
        .plan_suggestions(c)
        .unwrap()
        .iter()
        .all(|x| x.worker.id != unknown));

    // A cancelled action counts for nothing and takes no "took part".
    let cancelled = action("Sticker day", -3, ActionStatus::Cancelled);
    let e = s
        .action_participation_set(cancelled.id, &[entry(once, TookPart)])
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput);
}

fn store_value(s: &Session, id: i64) -> Option<u8> {
    s.worker_detail(id).unwrap().worker.assessment
}

#[test]
fn a_worker_filter_default_is_the_unit() {
    // The figures' filters rest on this: the worker table's default list is the unit.
    let f = WorkerFilter::default();
    assert!(f.statuses.is_empty() && !f.include_supervisors);
}
