//! The data of Today, the dashboard and the plan screen: headline numbers against the
//! thresholds, committee coverage, support per department and shift, follow-ups, 10(b) deadlines,
//! what changed, and the next steps of the plan.

use super::changes;
use super::goals::{self, figure};
use super::ladder;
use super::milestones;
use super::model::*;
use super::series;
use super::snapshot::{self, Snapshot, UnitWorker};
use super::tasks;
use super::thresholds;
use crate::error::Result;
use crate::graph::algo::coverage;
use crate::graph::load::{MapData, UnitGraph};
use crate::workers::{conversation, dates, CardFilter, WorkerFilter};
use chrono::{Duration, NaiveDate};
use rusqlite::Connection;
use std::collections::BTreeMap;

/// How far ahead Today and the dashboard look for 10(b) deadlines.
pub const DEADLINE_HORIZON_DAYS: i64 = 60;
/// How many next steps the dashboard lists.
pub const NEXT_STEPS: usize = 5;

/// 10(b) deadlines closing within `horizon_days` (today included), soonest first: the incidents
/// module's deadline list (open incidents), in the plan's words. Incidents whose last day has
/// passed are the incident log's business, not "closing".
pub fn ten_b_deadlines(
    conn: &Connection,
    campaign_id: i64,
    today: NaiveDate,
    horizon_days: i64,
) -> Result<Vec<DeadlineDue>> {
    let mut out = Vec::new();
    for row in crate::incidents::store::deadlines(conn, campaign_id, today)? {
        let Some(days_left) = row.clock.as_ref().map(|c| c.days_left) else {
            continue;
        };
        if !(0..=horizon_days).contains(&days_left) {
            continue;
        }
        let detail = crate::incidents::store::detail(conn, row.id, today)?;
        let mut worker_ids: Vec<i64> = detail
            .affected
            .iter()
            .chain(&detail.witnesses)
            .filter_map(|p| p.worker_id)
            .collect();
        worker_ids.sort_unstable();
        worker_ids.dedup();
        out.push(DeadlineDue {
            incident_id: row.id,
            title: row.summary,
            category: row.category.as_str().to_string(),
            deadline: row.last_day,
            days_left,
            worker_ids,
        });
    }
    out.sort_by_key(|d| (d.days_left, d.incident_id));
    Ok(out)
}

/// Unit workers neither on the committee nor directly tied to a member, on the map's unit graph
/// (the same graph and the same rule as the map's coverage).
fn uncovered_workers(conn: &Connection, campaign_id: i64, today: NaiveDate) -> Result<Vec<i64>> {
    let data = MapData::load(conn, campaign_id, today)?;
    let ug = UnitGraph::build(&data);
    let worker = |node: usize| &data.workers[ug.members[node]];
    let committee: Vec<usize> = (0..ug.members.len())
        .filter(|&i| worker(i).committee)
        .collect();
    let distance = coverage::distances(&ug.graph, &committee);
    Ok(distance
        .iter()
        .enumerate()
        .filter(|(_, d)| !matches!(d, Some(0 | 1)))
        .map(|(i, _)| worker(i).id)
        .collect())
}

fn by_value(
    snap: &Snapshot,
    scope: &dyn Fn(&UnitWorker) -> bool,
    base: &WorkerFilter,
) -> Vec<WorkerFigure> {
    (0..=5u8)
        .map(|v| {
            figure(
                snap,
                |w| scope(w) && w.assessment.unwrap_or(0) == v,
                || {
                    let mut f = base.clone();
                    if v == 0 {
                        f.unassessed = true;
                    } else {
                        f.assessments = vec![v];
                    }
                    f
                },
            )
        })
        .collect()
}

fn card_filter(snap: &Snapshot, base: &WorkerFilter) -> WorkerFilter {
    WorkerFilter {
        card: if snap.exclude_stale {
            CardFilter::Current
        } else {
            CardFilter::Signed
        },
        ..base.clone()
    }
}

fn mark(goal: GoalKind, count: u32, unit: u32, snap: &Snapshot) -> ThresholdMark {
    let needed = thresholds::needed(goal, unit, snap.card_target_percent);
    ThresholdMark {
        goal,
        percent: thresholds::tick_percent(goal, snap.card_target_percent).unwrap_or(0),
        needed,
        met: thresholds::met(count, needed, unit),
        more_needed: needed.saturating_sub(count),
    }
}

/// The headline numbers of today's unit.
pub(crate) fn headline(
    conn: &Connection,
    campaign_id: i64,
    snap: &Snapshot,
    goals: &[Goal],
    this_week: &PlanChanges,
) -> Result<Headline> {
    let today = snap.day;
    let all = WorkerFilter::default();
    let unit = figure(snap, |_| true, || all.clone());
    let n = unit.count;

    let signed = figure(snap, |w| snap.card_counts(w), || card_filter(snap, &all));
    let yesterday = dates::fmt(today - Duration::days(1));
    let cards = CardsHeadline {
        percent: thresholds::percent(signed.count, n),
        stale: figure(
            snap,
            |w| w.card_signed_on.is_some() && w.card_stale,
            || WorkerFilter {
                card: CardFilter::Stale,
                ..all.clone()
            },
        ),
        stale_excluded: snap.exclude_stale,
        thresholds: [
            GoalKind::ShowingOfInterest,
            GoalKind::CardMajority,
            GoalKind::CardTarget,
        ]
        .into_iter()
        .map(|g| mark(g, signed.count, n, snap))
        .collect(),
        since_yesterday: WorkerFigure::new(
            snap.workers
                .iter()
                .filter(|w| {
                    w.card_signed_on
                        .as_deref()
                        .is_some_and(|d| d >= yesterday.as_str())
                })
                .map(|w| w.id)
                .collect(),
            None,
        ),
        signed,
    };

    let members = figure(
        snap,
        |w| w.committee,
        || WorkerFilter {
            committee: Some(true),
            ..all.clone()
        },
    );
    let coverage_goal = goals.iter().find(|g| g.kind == GoalKind::CommitteeCoverage);
    let short = |list: Option<&Vec<GoalProgress>>| {
        list.map(|l| l.iter().filter(|g| !g.met).cloned().collect())
            .unwrap_or_default()
    };
    let mut cells: BTreeMap<(String, String), (u32, Vec<i64>)> = BTreeMap::new();
    for w in &snap.workers {
        let e = cells
            .entry((w.department.clone(), w.shift.clone()))
            .or_default();
        e.0 += u32::from(w.committee);
        e.1.push(w.id);
    }
    let mut uncovered_cells: Vec<UncoveredCell> = cells
        .into_iter()
        .filter(|(_, (c, _))| *c == 0)
        .map(|((department, shift), (_, ids))| UncoveredCell {
            workers: WorkerFigure::new(
                ids,
                snap.live.then(|| WorkerFilter {
                    departments: vec![department.clone()],
                    shifts: vec![shift.clone()],
                    ..WorkerFilter::default()
                }),
            ),
            department,
            shift,
        })
        .collect();
    uncovered_cells.sort_by(|a, b| {
        b.workers
            .count
            .cmp(&a.workers.count)
            .then(a.department.cmp(&b.department))
            .then(a.shift.cmp(&b.shift))
    });
    let needed = thresholds::committee_needed(n);
    let committee = CommitteeHeadline {
        needed,
        more_needed: needed.saturating_sub(members.count),
        coworkers_per_member: (members.count > 0)
            .then(|| (f64::from(n) * 10.0 / f64::from(members.count)).round() / 10.0),
        departments_short: short(coverage_goal.map(|g| &g.departments)),
        shifts_short: short(coverage_goal.map(|g| &g.shifts)),
        uncovered_cells,
        uncovered_workers: WorkerFigure::new(uncovered_workers(conn, campaign_id, today)?, None),
        members,
    };

    let supporters = figure(
        snap,
        |w| matches!(w.assessment, Some(1 | 2)),
        || WorkerFilter {
            assessments: vec![1, 2],
            ..all.clone()
        },
    );
    let assessments = AssessmentHeadline {
        by_value: by_value(snap, &|_| true, &all),
        assessed: figure(
            snap,
            |w| w.assessment.is_some(),
            || WorkerFilter {
                assessments: vec![1, 2, 3, 4, 5],
                ..all.clone()
            },
        ),
        majority: mark(GoalKind::MajoritySupport, supporters.count, n, snap),
        supporters,
        conversations_this_week: this_week.conversations,
        talked_to_this_week: this_week.talked_to.clone(),
        reassessed_this_week: this_week.reassessed.clone(),
    };
    Ok(Headline {
        day: dates::fmt(today),
        unit,
        cards,
        committee,
        assessments,
    })
}

/// Support per department or shift, largest first (stacked bars).
pub(crate) fn breakdown(snap: &Snapshot, by_department: bool) -> Vec<SupportBreakdown> {
    let key: fn(&UnitWorker) -> &str = if by_department {
        snapshot::department
    } else {
        snapshot::shift
    };
    snap.groups(key)
        .into_iter()
        .map(|name| {
            let base = if by_department {
                WorkerFilter {
                    departments: vec![name.clone()],
                    ..WorkerFilter::default()
                }
            } else {
                WorkerFilter {
                    shifts: vec![name.clone()],
                    ..WorkerFilter::default()
                }
            };
            let scope = |w: &UnitWorker| key(w) == name;
            SupportBreakdown {
                total: snap.workers.iter().filter(|w| scope(w)).count() as u32,
                by_value: by_value(snap, &scope, &base),
                cards: figure(
                    snap,
                    |w| scope(w) && snap.card_counts(w),
                    || card_filter(snap, &base),
                ),
                committee: figure(
                    snap,
                    |w| scope(w) && w.committee,
                    || WorkerFilter {
                        committee: Some(true),
                        ..base.clone()
                    },
                ),
                name,
            }
        })
        .collect()
}

/// Every open item of the plan by day (undated last); overdue ones come first by nature.
pub(crate) fn open_items(
    milestones: &[Milestone],
    actions: &[PlanAction],
    tasks: &[PlanTask],
    today: NaiveDate,
) -> Vec<NextStep> {
    let today_s = dates::fmt(today);
    let overdue = |on: &Option<String>| on.as_deref().is_some_and(|d| d < today_s.as_str());
    let mut items: Vec<NextStep> = Vec::new();
    for m in milestones.iter().filter(|m| m.done_on.is_none()) {
        items.push(NextStep {
            kind: PlanItemKind::Milestone,
            id: m.id,
            title: m.title.clone(),
            overdue: overdue(&m.target_on),
            on: m.target_on.clone(),
            committed: None,
            target: None,
            owner: String::new(),
            worker_id: None,
        });
    }
    for a in actions.iter().filter(|a| a.status == ActionStatus::Planned) {
        let on = ladder::action_day(a).map(str::to_string);
        items.push(NextStep {
            kind: PlanItemKind::Action,
            id: a.id,
            title: a.title.clone(),
            overdue: overdue(&on),
            on,
            committed: Some(a.funnel.committed.count),
            target: (a.target > 0).then_some(a.target),
            owner: String::new(),
            worker_id: None,
        });
    }
    for t in tasks.iter().filter(|t| t.done_on.is_none()) {
        items.push(NextStep {
            kind: PlanItemKind::Task,
            id: t.id,
            title: t.title.clone(),
            overdue: t.overdue,
            on: t.due_on.clone(),
            committed: None,
            target: None,
            owner: t.owner.clone(),
            worker_id: t.worker_id,
        });
    }
    let rank = |k: PlanItemKind| match k {
        PlanItemKind::Action => 0,
        PlanItemKind::Milestone => 1,
        PlanItemKind::Task => 2,
    };
    items.sort_by(|a, b| {
        (a.on.is_none(), &a.on, rank(a.kind), a.id).cmp(&(
            b.on.is_none(),
            &b.on,
            rank(b.kind),
            b.id,
        ))
    });
    items
}

/// The next step: the first open item due today or later, else the first undated one.
pub(crate) fn next(items: &[NextStep]) -> Option<NextStep> {
    items
        .iter()
        .find(|i| i.on.is_some() && !i.overdue)
        .or_else(|| items.iter().find(|i| i.on.is_none()))
        .cloned()
}

/// Today's goals of a campaign.
pub fn plan_goals(
    conn: &Connection,
    campaign_id: i64,
    today: NaiveDate,
    settings: &PlanSettings,
) -> Result<Vec<Goal>> {
    Ok(goals::goals(&Snapshot::live(
        conn,
        campaign_id,
        today,
        settings,
    )?))
}

/// The next planned action, today or later.
pub(crate) fn next_action(items: &[NextStep]) -> Option<NextStep> {
    items
        .iter()
        .find(|i| i.kind == PlanItemKind::Action && i.on.is_some() && !i.overdue)
        .cloned()
}

/// Everything of the plan, with live figures.
pub fn plan(conn: &Connection, campaign_id: i64, today: NaiveDate) -> Result<Plan> {
    let settings = goals::settings(conn, campaign_id)?;
    let snap = Snapshot::live(conn, campaign_id, today, &settings)?;
    let goals = goals::goals(&snap);
    let milestones = milestones::list(conn, campaign_id, &goals, today)?;
    let actions = ladder::list(conn, campaign_id, snap.workers.len() as u32)?;
    let tasks = tasks::list(conn, campaign_id, today)?;
    let suggestions = ladder::suggestions(conn, campaign_id, None)?;
    let items = open_items(&milestones, &actions, &tasks, today);
    Ok(Plan {
        next: next(&items),
        next_action: next_action(&items),
        campaign_id,
        day: dates::fmt(today),
        settings,
        goals,
        milestones,
        actions,
        tasks,
        suggestions,
    })
}

/// The last 7 days, today included.
pub fn this_week(conn: &Connection, campaign_id: i64, today: NaiveDate) -> Result<PlanChanges> {
    changes::between(conn, campaign_id, today - Duration::days(6), today)
}

pub fn today_view(conn: &Connection, campaign_id: i64, today: NaiveDate) -> Result<Today> {
    let settings = goals::settings(conn, campaign_id)?;
    let snap = Snapshot::live(conn, campaign_id, today, &settings)?;
    let goals = goals::goals(&snap);
    let week = this_week(conn, campaign_id, today)?;
    let headline = headline(conn, campaign_id, &snap, &goals, &week)?;
    let milestones = milestones::list(conn, campaign_id, &goals, today)?;
    let actions = ladder::list(conn, campaign_id, snap.workers.len() as u32)?;
    let tasks = tasks::list(conn, campaign_id, today)?;
    let first = series::first_day(conn, campaign_id, today)?;
    let items = open_items(&milestones, &actions, &tasks, today);
    Ok(Today {
        campaign_id,
        day: dates::fmt(today),
        campaign_week: ((today - first).num_days() / 7 + 1).max(1) as u32,
        headline,
        follow_ups: conversation::follow_ups(conn, campaign_id, today, today, None)?,
        deadlines: ten_b_deadlines(conn, campaign_id, today, DEADLINE_HORIZON_DAYS)?,
        since_yesterday: changes::between(conn, campaign_id, today - Duration::days(1), today)?,
        next: next(&items),
        next_action: next_action(&items),
        suggestions: ladder::suggestions(conn, campaign_id, None)?.len() as u32,
    })
}

pub fn dashboard(conn: &Connection, campaign_id: i64, today: NaiveDate) -> Result<Dashboard> {
    let settings = goals::settings(conn, campaign_id)?;
    let snap = Snapshot::live(conn, campaign_id, today, &settings)?;
    let goals = goals::goals(&snap);
    let week = this_week(conn, campaign_id, today)?;
    let headline = headline(conn, campaign_id, &snap, &goals, &week)?;
    let milestones = milestones::list(conn, campaign_id, &goals, today)?;
    let actions = ladder::list(conn, campaign_id, snap.workers.len() as u32)?;
    let tasks = tasks::list(conn, campaign_id, today)?;
    let first = series::first_day(conn, campaign_id, today)?;
    let from = first.max(today - Duration::weeks(series::MAX_WEEKS));
    let mut next_steps = open_items(&milestones, &actions, &tasks, today);
    next_steps.truncate(NEXT_STEPS);
    Ok(Dashboard {
        campaign_id,
        day: dates::fmt(today),
        support_by_department: breakdown(&snap, true),
        support_by_shift: breakdown(&snap, false),
        series: series::series(conn, campaign_id, from, today, &settings)?,
        follow_ups_overdue: conversation::follow_ups(
            conn,
            campaign_id,
            today,
            today - Duration::days(1),
            None,
        )?,
        deadlines: ten_b_deadlines(conn, campaign_id, today, DEADLINE_HORIZON_DAYS)?,
        this_week: week,
        next_steps,
        headline,
        goals,
    })
}
