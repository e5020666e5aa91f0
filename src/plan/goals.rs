//! The goals with their live progress, for the unit and per department and shift, and the
//! campaign's settings for them.

use super::model::{Goal, GoalKind, GoalProgress, PlanSettings, PlanSettingsInput, WorkerFigure};
use super::snapshot::{self, Snapshot, UnitWorker};
use super::thresholds;
use crate::error::{Error, Result};
use crate::workers::{campaign, CardFilter, WorkerFilter};
use rusqlite::{params, Connection, OptionalExtension};

/// The campaign's settings (the defaults when it never changed them).
pub fn settings(conn: &Connection, campaign_id: i64) -> Result<PlanSettings> {
    campaign::get(conn, campaign_id)?;
    let row = conn
        .query_row(
            "SELECT card_target_percent, exclude_stale_cards FROM plan_settings WHERE campaign_id = ?1",
            [campaign_id],
            |r| Ok((r.get::<_, u32>(0)?, r.get::<_, bool>(1)?)),
        )
        .optional()?;
    let (card_target_percent, exclude_stale_cards) =
        row.unwrap_or((thresholds::DEFAULT_CARD_TARGET_PERCENT, true));
    Ok(PlanSettings {
        campaign_id,
        card_target_percent,
        exclude_stale_cards,
    })
}

pub fn update_settings(
    conn: &Connection,
    campaign_id: i64,
    input: &PlanSettingsInput,
) -> Result<PlanSettings> {
    let mut s = settings(conn, campaign_id)?;
    if let Some(p) = input.card_target_percent {
        if !(1..=100).contains(&p) {
            return Err(Error::InvalidInput(
                "The card target is a share of the unit between 1% and 100%.".into(),
            ));
        }
        s.card_target_percent = p;
    }
    if let Some(x) = input.exclude_stale_cards {
        s.exclude_stale_cards = x;
    }
    conn.execute(
        "INSERT INTO plan_settings (campaign_id, card_target_percent, exclude_stale_cards) VALUES (?1, ?2, ?3)
         ON CONFLICT (campaign_id) DO UPDATE SET card_target_percent = ?2, exclude_stale_cards = ?3",
        params![campaign_id, s.card_target_percent, s.exclude_stale_cards],
    )?;
    Ok(s)
}

/// Which workers of a scope count toward a goal.
pub(crate) fn counts(snap: &Snapshot, goal: GoalKind, w: &UnitWorker) -> bool {
    match goal {
        GoalKind::CommitteeCoverage => w.committee,
        GoalKind::Assessed => w.assessment.is_some(),
        GoalKind::MajoritySupport => matches!(w.assessment, Some(1 | 2)),
        GoalKind::ShowingOfInterest | GoalKind::CardMajority | GoalKind::CardTarget => {
            snap.card_counts(w)
        }
    }
}

/// The worker-table filter that lists what counts toward `goal` in a scope.
fn goal_filter(snap: &Snapshot, goal: GoalKind, scope: &WorkerFilter) -> WorkerFilter {
    let mut f = scope.clone();
    match goal {
        GoalKind::CommitteeCoverage => f.committee = Some(true),
        GoalKind::Assessed => f.assessments = vec![1, 2, 3, 4, 5],
        GoalKind::MajoritySupport => f.assessments = vec![1, 2],
        GoalKind::ShowingOfInterest | GoalKind::CardMajority | GoalKind::CardTarget => {
            f.card = if snap.exclude_stale {
                CardFilter::Current
            } else {
                CardFilter::Signed
            }
        }
    }
    f
}

/// A figure over the snapshot's workers that pass `keep`, with `filter` when the snapshot is today's.
pub(crate) fn figure(
    snap: &Snapshot,
    keep: impl Fn(&UnitWorker) -> bool,
    filter: impl FnOnce() -> WorkerFilter,
) -> WorkerFigure {
    let ids = snap
        .workers
        .iter()
        .filter(|w| keep(w))
        .map(|w| w.id)
        .collect();
    WorkerFigure::new(ids, snap.live.then(filter))
}

pub(crate) fn progress(
    snap: &Snapshot,
    goal: GoalKind,
    name: &str,
    in_scope: &dyn Fn(&UnitWorker) -> bool,
    scope_filter: &WorkerFilter,
) -> GoalProgress {
    let total = snap.workers.iter().filter(|w| in_scope(w)).count() as u32;
    let counted = figure(
        snap,
        |w| in_scope(w) && counts(snap, goal, w),
        || goal_filter(snap, goal, scope_filter),
    );
    let needed = thresholds::needed(goal, total, snap.card_target_percent);
    GoalProgress {
        name: name.to_string(),
        total,
        percent: thresholds::percent(counted.count, total),
        met: thresholds::met(counted.count, needed, total),
        more_needed: needed.saturating_sub(counted.count),
        counted,
        needed,
    }
}

/// Every goal for the unit and per department and shift.
pub(crate) fn goals(snap: &Snapshot) -> Vec<Goal> {
    let departments = snap.groups(snapshot::department);
    let shifts = snap.groups(snapshot::shift);
    GoalKind::ALL
        .into_iter()
        .map(|goal| {
            let per = |groups: &[String], key: fn(&UnitWorker) -> &str, by_dept: bool| {
                groups
                    .iter()
                    .map(|g| {
                        let scope = if by_dept {
                            WorkerFilter {
                                departments: vec![g.clone()],
                                ..WorkerFilter::default()
                            }
                        } else {
                            WorkerFilter {
                                shifts: vec![g.clone()],
                                ..WorkerFilter::default()
                            }
                        };
                        progress(snap, goal, g, &|w| key(w) == g, &scope)
                    })
                    .collect::<Vec<_>>()
            };
            let departments = per(&departments, snapshot::department, true);
            let shifts = per(&shifts, snapshot::shift, false);
            let mut unit = progress(snap, goal, "", &|_| true, &WorkerFilter::default());
            if goal == GoalKind::CommitteeCoverage {
                // Coverage is "in every department and shift", not only overall.
                unit.met = unit.met && departments.iter().chain(&shifts).all(|g| g.met);
            }
            Goal {
                kind: goal,
                label: label(goal, snap.card_target_percent),
                percent: thresholds::tick_percent(goal, snap.card_target_percent)
                    .filter(|_| goal != GoalKind::Assessed),
                unit,
                departments,
                shifts,
            }
        })
        .collect()
}

fn label(goal: GoalKind, target: u32) -> String {
    match goal {
        GoalKind::CardTarget => format!("Cards: the campaign's target of {target}%"),
        g => g.label().to_string(),
    }
}
