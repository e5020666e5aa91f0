//! The demo's plan: milestones past and future (one overdue), five rungs of the escalation ladder
//! (three held, one coming with its structure test under way, one planned), participation rows in
//! realistic shares by assessment, and a dozen tasks. From its own stream of the seed (4), so
//! nothing generated before it changes.

use super::{names, pct, People};
use crate::error::Result;
use crate::plan::{
    ladder, milestones, tasks, ActionInput, ActionKind, ActionStatus, MilestoneInput,
    MilestoneKind, TaskInput,
};
use crate::workers::dates;
use chrono::{Duration, NaiveDate};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::{params, Transaction};

/// Chance (percent) of being asked, of saying yes when asked, by assessment (index 0 =
/// unassessed); of taking part after saying yes.
struct Shares {
    asked: [u32; 6],
    yes: [u32; 6],
    showed: u32,
}

const PETITION: Shares = Shares {
    asked: [35, 98, 90, 70, 40, 15],
    yes: [40, 98, 90, 55, 15, 3],
    showed: 100,
};
const BUTTONS: Shares = Shares {
    asked: [30, 98, 92, 65, 30, 10],
    yes: [30, 97, 85, 40, 10, 2],
    showed: 88,
};
const DELEGATION: Shares = Shares {
    asked: [0, 55, 8, 0, 0, 0],
    yes: [0, 92, 70, 0, 0, 0],
    showed: 90,
};
const MARCH: Shares = Shares {
    asked: [15, 95, 80, 40, 12, 2],
    yes: [25, 95, 75, 30, 8, 0],
    showed: 100,
};

struct Worker {
    id: i64,
    name: String,
    assessment: Option<u8>,
    committee: bool,
    card: bool,
}

fn day(d: NaiveDate) -> Option<String> {
    Some(dates::fmt(d))
}

/// Add the demo plan (after the incidents and affidavits).
pub(super) fn add(tx: &Transaction<'_>, people: &People) -> Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(people.seed);
    rng.set_stream(4);
    let t = people.today;
    let d = |n: i64| t + Duration::days(n);
    let today_s = dates::fmt(t);

    let mut workers = Vec::with_capacity(people.workers.len());
    {
        let mut stmt = tx.prepare_cached(
            "SELECT CASE WHEN preferred_name <> '' THEN preferred_name ELSE legal_name END, assessment,
                    EXISTS (SELECT 1 FROM committee_term c WHERE c.worker_id = w.id AND c.from_date <= ?2
                            AND (c.to_date IS NULL OR c.to_date >= ?2)),
                    card_signed_on IS NOT NULL
             FROM worker w WHERE id = ?1",
        )?;
        for &id in &people.workers {
            let (name, assessment, committee, card) = stmt
                .query_row(params![id, today_s], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })?;
            workers.push(Worker {
                id,
                name,
                assessment,
                committee,
                card,
            });
        }
    }

    let milestone = |kind, title: &str, target: i64, done: Option<i64>| {
        milestones::create(
            tx,
            people.campaign_id,
            &MilestoneInput {
                kind,
                title: title.into(),
                target_on: day(d(target)),
                done_on: done.and_then(|n| day(d(n))),
                requires: None,
                notes: String::new(),
            },
            t,
        )
    };
    let m_committee = milestone(
        MilestoneKind::CommitteeFormed,
        "Organizing committee formed",
        -210,
        Some(-200),
    )?;
    let m_mapped = milestone(
        MilestoneKind::Other,
        "Every department and shift mapped",
        -14,
        None,
    )?;
    let m_soi = milestone(
        MilestoneKind::ShowingOfInterest,
        "30% showing of interest",
        14,
        None,
    )?;
    milestone(
        MilestoneKind::MajorityAssessed,
        "Majority assessed as supporters",
        30,
        None,
    )?;
    let m_petition = milestone(
        MilestoneKind::PetitionFiled,
        "Petition filed with the NLRB",
        45,
        None,
    )?;
    milestone(MilestoneKind::Election, "Union election", 100, None)?;
    let _ = m_committee;

    let action = |kind, title: &str, on: i64, status, count: Option<u32>, percent: Option<u32>| {
        ladder::create(
            tx,
            people.campaign_id,
            &ActionInput {
                kind,
                title: title.into(),
                step: None,
                planned_on: day(d(on)),
                held_on: (status == ActionStatus::Done).then(|| dates::fmt(d(on))),
                status,
                target_count: count,
                target_percent: percent,
                milestone_id: None,
                notes: String::new(),
            },
            t,
        )
    };
    let petition = action(
        ActionKind::Petition,
        "Petition for water and fans on the mezzanine",
        -60,
        ActionStatus::Done,
        None,
        Some(40),
    )?;
    let buttons = action(
        ActionKind::ButtonDay,
        "Button day, all shifts",
        -24,
        ActionStatus::Done,
        None,
        Some(50),
    )?;
    let delegation = action(
        ActionKind::Delegation,
        "Delegation to the GM about forced overtime",
        -10,
        ActionStatus::Done,
        Some(12),
        None,
    )?;
    let march = action(
        ActionKind::MarchOnBoss,
        "March on the boss: the heat policy",
        9,
        ActionStatus::Planned,
        None,
        Some(30),
    )?;
    let strike = action(
        ActionKind::StrikeVote,
        "Strike authorization vote",
        60,
        ActionStatus::Planned,
        None,
        Some(65),
    )?;
    let _ = strike;

    // The structure tests.
    let mut insert = tx.prepare_cached(
        "INSERT INTO plan_participation (action_id, worker_id, status, notes, recorded_at) VALUES (?1, ?2, ?3, '', ?4)",
    )?;
    for (action_id, shares, on, held) in [
        (petition, &PETITION, -60, true),
        (buttons, &BUTTONS, -24, true),
        (delegation, &DELEGATION, -10, true),
        (march, &MARCH, 9, false),
    ] {
        for w in &workers {
            let v = usize::from(w.assessment.unwrap_or(0).min(5));
            let asked = if action_id == delegation {
                (w.committee && pct(&mut rng, 80)) || pct(&mut rng, shares.asked[v])
            } else {
                pct(&mut rng, shares.asked[v])
            };
            if !asked {
                continue;
            }
            let status = if pct(&mut rng, 8) {
                "asked"
            } else if pct(&mut rng, shares.yes[v]) {
                if !held {
                    "committed"
                } else if pct(&mut rng, shares.showed) {
                    "took_part"
                } else {
                    "no_show"
                }
            } else {
                "declined"
            };
            let recorded = if held {
                format!("{}T21:{:02}:00Z", dates::fmt(d(on)), rng.gen_range(0..60))
            } else {
                format!(
                    "{}T20:{:02}:00Z",
                    dates::fmt(d(-rng.gen_range(1..7))),
                    rng.gen_range(0..60)
                )
            };
            insert.execute(params![action_id, w.id, status, recorded])?;
        }
    }

    // Tasks.
    let staff = names::STAFF_ORGANIZERS;
    let committee: Vec<&Worker> = workers.iter().filter(|w| w.committee).collect();
    let recruit = workers
        .iter()
        .filter(|w| w.assessment == Some(2) && !w.committee)
        .collect::<Vec<_>>()
        .choose(&mut rng)
        .map(|w| (w.id, w.name.clone()));
    let no_card = workers
        .iter()
        .filter(|w| matches!(w.assessment, Some(1 | 2)) && !w.card)
        .collect::<Vec<_>>()
        .choose(&mut rng)
        .map(|w| (w.id, w.name.clone()));
    let marshal = committee.choose(&mut rng).map(|w| w.id);
    struct T<'a> {
        title: String,
        owner: &'a str,
        owner_worker: Option<i64>,
        due: i64,
        done: Option<i64>,
        worker: Option<i64>,
        action: Option<i64>,
        milestone: Option<i64>,
    }
    let task = |title: &str, owner: &'static str, due: i64, done: Option<i64>| T {
        title: title.into(),
        owner,
        owner_worker: None,
        due,
        done,
        worker: None,
        action: None,
        milestone: None,
    };
    let mut list = vec![
        T {
            action: Some(petition),
            ..task("Draft the petition text", staff[0], -70, Some(-68))
        },
        T {
            action: Some(buttons),
            ..task("Order 400 union buttons", staff[1], -34, Some(-31))
        },
        T {
            action: Some(buttons),
            ..task("Chart who wore buttons, by shift", staff[2], -20, Some(-21))
        },
        T {
            action: Some(delegation),
            ..task(
                "Pick the delegation and rehearse the ask",
                staff[0],
                -14,
                Some(-13),
            )
        },
        T {
            action: Some(march),
            ..task(
                "Book the union hall for the march debrief",
                staff[1],
                5,
                None,
            )
        },
        T {
            action: Some(march),
            ..task(
                "Print the march flyers in English and Spanish",
                staff[2],
                6,
                None,
            )
        },
        T {
            action: Some(march),
            owner_worker: marshal,
            ..task("Confirm march marshals for each shift", "", 2, None)
        },
        T {
            milestone: Some(m_soi),
            ..task("Collect cards in Packing, Swing shift", staff[2], 10, None)
        },
        T {
            milestone: Some(m_mapped),
            ..task("Map the Night shift in Shipping", staff[1], -7, None)
        },
        T {
            milestone: Some(m_petition),
            ..task(
                "Line up counsel for the petition filing",
                staff[0],
                30,
                None,
            )
        },
        T {
            action: Some(strike),
            ..task(
                "Write the strike vote questions and answers",
                staff[0],
                40,
                None,
            )
        },
    ];
    if let Some((id, name)) = recruit {
        list.push(T {
            worker: Some(id),
            ..task(
                &format!("Ask {name} to join the committee"),
                staff[1],
                -3,
                None,
            )
        });
    }
    if let Some((id, name)) = no_card {
        list.push(T {
            worker: Some(id),
            ..task(&format!("Bring a card to {name}"), staff[2], 1, None)
        });
    }
    for x in list {
        let id = tasks::create(
            tx,
            people.campaign_id,
            &TaskInput {
                title: x.title,
                owner: x.owner.into(),
                owner_worker_id: x.owner_worker,
                due_on: day(d(x.due)),
                worker_id: x.worker,
                action_id: x.action,
                milestone_id: x.milestone,
                notes: String::new(),
            },
        )?;
        if let Some(done) = x.done {
            tx.execute(
                "UPDATE plan_task SET done_on = ?2 WHERE id = ?1",
                params![id, dates::fmt(d(done))],
            )?;
        }
    }
    Ok(())
}
