//! The plan's types, as stored and as they cross to the UI (and `fieldbook plan --json`).
//!
//! Every figure the UI shows comes with the workers behind it ([`WorkerFigure`]: their ids, and
//! for today's figures a [`WorkerFilter`] that lists exactly them in the worker table), so each
//! number opens the list of people it counts.

use crate::workers::{FollowUp, WorkerFilter};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A count and the workers it counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct WorkerFigure {
    pub count: u32,
    /// The ids of the workers counted (`count` of them), in id order.
    pub worker_ids: Vec<i64>,
    /// A worker-table filter listing exactly these workers, when one exists (today's figures);
    /// null for figures of another day (the table shows today).
    pub filter: Option<WorkerFilter>,
}

impl WorkerFigure {
    pub fn new(mut worker_ids: Vec<i64>, filter: Option<WorkerFilter>) -> Self {
        worker_ids.sort_unstable();
        worker_ids.dedup();
        WorkerFigure {
            count: worker_ids.len() as u32,
            worker_ids,
            filter,
        }
    }
}

/// A worker named in a list ("Aaliyah Brooks, Shipping · Day").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct WorkerRef {
    pub id: i64,
    /// Preferred name if any, else the legal name.
    pub name: String,
    pub department: String,
    pub shift: String,
    /// The current assessment (1–5), null when unassessed.
    pub assessment: Option<u8>,
}

/// The campaign's choices for its goals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct PlanSettings {
    pub campaign_id: i64,
    /// The campaign's own card target, in percent of the unit (default 65).
    pub card_target_percent: u32,
    /// Leave stale cards (older than the campaign's `cardStaleDays`) out of every card count
    /// (default true).
    pub exclude_stale_cards: bool,
}

/// What the settings form sends; a null field keeps the current value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename_all = "camelCase")]
pub struct PlanSettingsInput {
    pub card_target_percent: Option<u32>,
    pub exclude_stale_cards: Option<bool>,
}

/// The goals every campaign is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GoalKind {
    /// One committee member per 10 coworkers, in every department and shift.
    CommitteeCoverage,
    /// Every worker assessed.
    Assessed,
    /// More than half the unit assessed 1–2.
    MajoritySupport,
    /// Cards from 30% of the unit: the Board's showing of interest for a petition.
    ShowingOfInterest,
    /// Cards from more than half the unit.
    CardMajority,
    /// Cards from the campaign's own target share (default 65%).
    CardTarget,
}

impl GoalKind {
    pub const ALL: [GoalKind; 6] = [
        GoalKind::CommitteeCoverage,
        GoalKind::Assessed,
        GoalKind::MajoritySupport,
        GoalKind::ShowingOfInterest,
        GoalKind::CardMajority,
        GoalKind::CardTarget,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            GoalKind::CommitteeCoverage => "committee_coverage",
            GoalKind::Assessed => "assessed",
            GoalKind::MajoritySupport => "majority_support",
            GoalKind::ShowingOfInterest => "showing_of_interest",
            GoalKind::CardMajority => "card_majority",
            GoalKind::CardTarget => "card_target",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The English label (the UI words its own).
    pub fn label(self) -> &'static str {
        match self {
            GoalKind::CommitteeCoverage => {
                "Committee: 1 per 10 coworkers in every department and shift"
            }
            GoalKind::Assessed => "Every worker assessed",
            GoalKind::MajoritySupport => "Majority assessed 1–2",
            GoalKind::ShowingOfInterest => "Cards: 30% showing of interest",
            GoalKind::CardMajority => "Cards: more than 50%",
            GoalKind::CardTarget => "Cards: the campaign's target",
        }
    }
}

/// Progress toward one goal in one scope (the unit, a department or a shift).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct GoalProgress {
    /// The department or shift; empty for the whole unit.
    pub name: String,
    /// Unit workers in the scope (active, supervisors left out).
    pub total: u32,
    /// What counts toward the goal: committee members, workers assessed, assessed 1–2, cards.
    pub counted: WorkerFigure,
    /// How many the goal needs (rounded up: 30% of 47 is 15).
    pub needed: u32,
    /// `counted` in percent of `total` (0 when the scope is empty).
    pub percent: f64,
    /// Reached. For the unit's committee coverage: also reached in every department and shift.
    pub met: bool,
    /// needed − counted, or 0.
    pub more_needed: u32,
}

/// One goal, for the unit and per department and shift (largest first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct Goal {
    pub kind: GoalKind,
    pub label: String,
    /// The threshold in percent of the scope (30, 50 meaning "more than half", 65…); null for
    /// committee coverage (1 per 10) and "every worker assessed" (100).
    pub percent: Option<u32>,
    pub unit: GoalProgress,
    pub departments: Vec<GoalProgress>,
    pub shifts: Vec<GoalProgress>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneKind {
    CommitteeFormed,
    MajorityAssessed,
    ShowingOfInterest,
    PetitionFiled,
    Election,
    #[default]
    Other,
}

impl MilestoneKind {
    pub const ALL: [MilestoneKind; 6] = [
        MilestoneKind::CommitteeFormed,
        MilestoneKind::MajorityAssessed,
        MilestoneKind::ShowingOfInterest,
        MilestoneKind::PetitionFiled,
        MilestoneKind::Election,
        MilestoneKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MilestoneKind::CommitteeFormed => "committee_formed",
            MilestoneKind::MajorityAssessed => "majority_assessed",
            MilestoneKind::ShowingOfInterest => "showing_of_interest",
            MilestoneKind::PetitionFiled => "petition_filed",
            MilestoneKind::Election => "election",
            MilestoneKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// What a milestone of this kind requires when the form does not say.
    pub fn default_requires(self) -> Vec<GoalKind> {
        match self {
            MilestoneKind::CommitteeFormed => vec![GoalKind::CommitteeCoverage],
            MilestoneKind::MajorityAssessed => vec![GoalKind::Assessed, GoalKind::MajoritySupport],
            MilestoneKind::ShowingOfInterest => vec![GoalKind::ShowingOfInterest],
            MilestoneKind::PetitionFiled => vec![
                GoalKind::CommitteeCoverage,
                GoalKind::ShowingOfInterest,
                GoalKind::CardTarget,
            ],
            MilestoneKind::Election => vec![GoalKind::MajoritySupport, GoalKind::CardMajority],
            MilestoneKind::Other => vec![],
        }
    }
}

/// What the milestone form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename_all = "camelCase")]
pub struct MilestoneInput {
    pub kind: MilestoneKind,
    pub title: String,
    /// YYYY-MM-DD.
    pub target_on: Option<String>,
    /// YYYY-MM-DD, when reached; not in the future.
    pub done_on: Option<String>,
    /// The goals it requires; null: the kind's defaults (e.g. a petition requires committee
    /// coverage, the 30% showing of interest and the campaign's card target).
    pub requires: Option<Vec<GoalKind>>,
    pub notes: String,
}

/// A required goal and whether the unit meets it today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct Requirement {
    pub goal: GoalKind,
    pub met: bool,
    pub counted: u32,
    pub needed: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct Milestone {
    pub id: i64,
    pub campaign_id: i64,
    pub kind: MilestoneKind,
    pub title: String,
    pub target_on: Option<String>,
    pub done_on: Option<String>,
    pub requires: Vec<Requirement>,
    /// Every requirement met today.
    pub ready: bool,
    /// Not done and its target day has passed.
    pub overdue: bool,
    pub notes: String,
    pub created_at: String,
    pub updated_at: String,
}

/// A rung of the escalation ladder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    Petition,
    /// Button or sticker day.
    ButtonDay,
    /// A delegation to the boss.
    Delegation,
    MarchOnBoss,
    StrikeVote,
    #[default]
    Other,
}

impl ActionKind {
    pub const ALL: [ActionKind; 6] = [
        ActionKind::Petition,
        ActionKind::ButtonDay,
        ActionKind::Delegation,
        ActionKind::MarchOnBoss,
        ActionKind::StrikeVote,
        ActionKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::Petition => "petition",
            ActionKind::ButtonDay => "button_day",
            ActionKind::Delegation => "delegation",
            ActionKind::MarchOnBoss => "march_on_boss",
            ActionKind::StrikeVote => "strike_vote",
            ActionKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    #[default]
    Planned,
    Done,
    Cancelled,
}

impl ActionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Planned => "planned",
            ActionStatus::Done => "done",
            ActionStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            ActionStatus::Planned,
            ActionStatus::Done,
            ActionStatus::Cancelled,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// What the action form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename_all = "camelCase")]
pub struct ActionInput {
    pub kind: ActionKind,
    pub title: String,
    /// The rung on the ladder (1 = first); null on creation: after the last one.
    pub step: Option<u32>,
    /// YYYY-MM-DD.
    pub planned_on: Option<String>,
    /// YYYY-MM-DD, when it happened; a done action without one was held on its planned day.
    pub held_on: Option<String>,
    pub status: ActionStatus,
    /// The participation target as a number of workers…
    pub target_count: Option<u32>,
    /// …or as a share of the unit (percent, rounded up); not both.
    pub target_percent: Option<u32>,
    pub milestone_id: Option<i64>,
    pub notes: String,
}

/// The structure test of an action: who was asked, who committed, who took part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ActionFunnel {
    /// Everyone with a participation row (all of them were asked).
    pub asked: WorkerFigure,
    /// Asked, no answer yet.
    pub awaiting: WorkerFigure,
    /// Said yes: committed, took part, or committed and did not show.
    pub committed: WorkerFigure,
    pub declined: WorkerFigure,
    pub took_part: WorkerFigure,
    pub no_show: WorkerFigure,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct PlanAction {
    pub id: i64,
    pub campaign_id: i64,
    pub kind: ActionKind,
    pub title: String,
    pub step: u32,
    pub planned_on: Option<String>,
    pub held_on: Option<String>,
    pub status: ActionStatus,
    pub target_count: Option<u32>,
    pub target_percent: Option<u32>,
    /// The target in workers today (a share is taken of today's unit); 0 when none was set.
    pub target: u32,
    pub funnel: ActionFunnel,
    /// Against the target: committed workers before the action, those who took part after.
    pub progress: u32,
    /// `progress` in percent of the unit.
    pub percent_of_unit: f64,
    pub target_met: bool,
    pub milestone_id: Option<i64>,
    pub notes: String,
    pub created_at: String,
    pub updated_at: String,
}

/// Where a worker stands in an action's structure test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum ParticipationStatus {
    /// Asked, no answer yet.
    #[default]
    Asked,
    Committed,
    Declined,
    TookPart,
    /// Committed and did not take part.
    NoShow,
}

impl ParticipationStatus {
    pub const ALL: [ParticipationStatus; 5] = [
        ParticipationStatus::Asked,
        ParticipationStatus::Committed,
        ParticipationStatus::Declined,
        ParticipationStatus::TookPart,
        ParticipationStatus::NoShow,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ParticipationStatus::Asked => "asked",
            ParticipationStatus::Committed => "committed",
            ParticipationStatus::Declined => "declined",
            ParticipationStatus::TookPart => "took_part",
            ParticipationStatus::NoShow => "no_show",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One worker's row in an action's structure test, as the form sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename_all = "camelCase")]
pub struct ParticipationInput {
    pub worker_id: i64,
    pub status: ParticipationStatus,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct Participation {
    pub action_id: i64,
    pub worker: WorkerRef,
    pub status: ParticipationStatus,
    pub notes: String,
    /// RFC 3339: when this row was last written.
    pub recorded_at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SuggestionKind {
    /// Took part in actions: suggest one step toward the union.
    TookPart,
    /// Asked and declined actions: suggest one step away.
    Declined,
}

/// A reassessment the plan suggests from participation; the organizer accepts (a normal
/// assessment entry with the reason is written) or dismisses it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct AssessmentSuggestion {
    pub worker: WorkerRef,
    pub kind: SuggestionKind,
    /// The assessment now (null: unassessed).
    pub current: Option<u8>,
    pub suggested: u8,
    /// The actions that are the evidence, recorded since the latest assessment.
    pub action_ids: Vec<i64>,
    /// "Took part in 2 actions since the last assessment (Button day; Delegation to the GM)."
    pub reason: String,
}

/// What the task form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename_all = "camelCase")]
pub struct TaskInput {
    pub title: String,
    /// Who does it (an organizer's name); empty: the owner worker's name, if any.
    pub owner: String,
    /// The owner, when it is a worker (a committee member).
    pub owner_worker_id: Option<i64>,
    /// YYYY-MM-DD.
    pub due_on: Option<String>,
    /// The worker, action and milestone it serves (any, all optional).
    pub worker_id: Option<i64>,
    pub action_id: Option<i64>,
    pub milestone_id: Option<i64>,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct PlanTask {
    pub id: i64,
    pub campaign_id: i64,
    pub title: String,
    pub owner: String,
    pub owner_worker_id: Option<i64>,
    pub due_on: Option<String>,
    /// YYYY-MM-DD when done; null while open.
    pub done_on: Option<String>,
    pub overdue: bool,
    pub worker_id: Option<i64>,
    pub action_id: Option<i64>,
    pub milestone_id: Option<i64>,
    pub notes: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PlanItemKind {
    Milestone,
    Action,
    Task,
}

/// An open item of the plan, for "next on the plan".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct NextStep {
    pub kind: PlanItemKind,
    /// The milestone's, action's or task's id.
    pub id: i64,
    pub title: String,
    /// Its day (target, planned, due); null when it has none.
    pub on: Option<String>,
    pub overdue: bool,
    /// For an action: committed workers so far, and the target.
    pub committed: Option<u32>,
    pub target: Option<u32>,
    /// For a task: its owner.
    pub owner: String,
    /// For a task tied to a worker: that worker.
    pub worker_id: Option<i64>,
}

/// The whole plan: `fieldbook plan --json` and the plan screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct Plan {
    pub campaign_id: i64,
    /// YYYY-MM-DD: the day the figures are for.
    pub day: String,
    pub settings: PlanSettings,
    pub goals: Vec<Goal>,
    /// By target day (undated last).
    pub milestones: Vec<Milestone>,
    /// The ladder, by step.
    pub actions: Vec<PlanAction>,
    /// Open by due day, then done.
    pub tasks: Vec<PlanTask>,
    pub suggestions: Vec<AssessmentSuggestion>,
    /// The next open item (not overdue), if any.
    pub next: Option<NextStep>,
    /// The next planned action on the ladder (today or later), with its commitments.
    pub next_action: Option<NextStep>,
}

/// One threshold on a progress bar (30% petition, 50% majority, 65% goal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ThresholdMark {
    pub goal: GoalKind,
    /// Where the tick goes, in percent (50 for "more than half").
    pub percent: u32,
    pub needed: u32,
    pub met: bool,
    /// "6 more to petition".
    pub more_needed: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct CardsHeadline {
    /// Cards that count (signed; not stale when the campaign leaves stale cards out).
    pub signed: WorkerFigure,
    pub percent: f64,
    /// Signed cards older than the campaign's `cardStaleDays`.
    pub stale: WorkerFigure,
    pub stale_excluded: bool,
    /// 30%, more than 50%, the campaign's target.
    pub thresholds: Vec<ThresholdMark>,
    /// Cards signed yesterday or today (unit workers).
    pub since_yesterday: WorkerFigure,
}

/// A department × shift cell with unit workers and no committee member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct UncoveredCell {
    pub department: String,
    pub shift: String,
    pub workers: WorkerFigure,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct CommitteeHeadline {
    pub members: WorkerFigure,
    /// 1 per 10: ceil(unit / 10).
    pub needed: u32,
    pub more_needed: u32,
    /// Coworkers per member ("1 : 13"); null with no member.
    pub coworkers_per_member: Option<f64>,
    /// Departments and shifts below 1 per 10.
    pub departments_short: Vec<GoalProgress>,
    pub shifts_short: Vec<GoalProgress>,
    pub uncovered_cells: Vec<UncoveredCell>,
    /// Unit workers neither on the committee nor tied to a member on the map.
    pub uncovered_workers: WorkerFigure,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct AssessmentHeadline {
    /// Index 0 = unassessed, 1–5 = each value.
    pub by_value: Vec<WorkerFigure>,
    pub assessed: WorkerFigure,
    /// Assessed 1–2.
    pub supporters: WorkerFigure,
    /// Supporters against "more than half the unit".
    pub majority: ThresholdMark,
    /// 1-on-1s held in the last 7 days (today included), and the workers they were with.
    pub conversations_this_week: u32,
    pub talked_to_this_week: WorkerFigure,
    /// Workers with a new assessment entry in the last 7 days.
    pub reassessed_this_week: WorkerFigure,
}

/// The headline numbers against the thresholds (the three cards at the top of Today).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct Headline {
    pub day: String,
    /// The unit: active workers, supervisors left out.
    pub unit: WorkerFigure,
    pub cards: CardsHeadline,
    pub committee: CommitteeHeadline,
    pub assessments: AssessmentHeadline,
}

/// A worker whose assessment moved within a period: from the value before it to the latest in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct AssessmentChange {
    pub worker: WorkerRef,
    /// Null: unassessed before.
    pub from: Option<u8>,
    /// Null: cleared.
    pub to: Option<u8>,
    /// RFC 3339 of the latest entry.
    pub at: String,
    pub reason: String,
}

/// What changed in a period, from the dated rows (workers: the campaign's, supervisors left out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct PlanChanges {
    /// YYYY-MM-DD, both included.
    pub from: String,
    pub to: String,
    /// Workers whose assessment changed (value before the period → latest in it).
    pub assessments: Vec<AssessmentChange>,
    /// Everyone with a new assessment entry in the period (changed or confirmed).
    pub reassessed: WorkerFigure,
    pub cards_signed: Vec<WorkerRef>,
    pub committee_joined: Vec<WorkerRef>,
    pub committee_left: Vec<WorkerRef>,
    /// 1-on-1s held in the period, and who they were with.
    pub conversations: u32,
    pub talked_to: WorkerFigure,
    /// Relationships recorded in the period, and the workers they tie.
    pub relationships_added: u32,
    pub related_workers: WorkerFigure,
    /// Actions held and milestones reached in the period.
    pub actions_held: Vec<NextStep>,
    pub milestones_reached: Vec<NextStep>,
}

/// A 10(b) deadline closing (the incidents module's urgency list, in the plan's words).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct DeadlineDue {
    pub incident_id: i64,
    /// The incident's one-line summary.
    pub title: String,
    /// The incident's category (`threat`, `interrogation`, `retaliation`…).
    pub category: String,
    /// YYYY-MM-DD: the last day to file and serve the charge.
    pub deadline: String,
    /// 0 on the last day itself.
    pub days_left: i64,
    /// The workers affected and the witnesses.
    pub worker_ids: Vec<i64>,
}

/// Today: what needs doing now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct Today {
    pub campaign_id: i64,
    pub day: String,
    /// Weeks since the campaign's first recorded activity (1 = the first week).
    pub campaign_week: u32,
    pub headline: Headline,
    /// Open follow-ups due today or overdue, overdue first.
    pub follow_ups: Vec<FollowUp>,
    /// 10(b) deadlines within 60 days, soonest first.
    pub deadlines: Vec<DeadlineDue>,
    /// Yesterday and today.
    pub since_yesterday: PlanChanges,
    /// The next open item of the plan (milestone, action or task; not overdue).
    pub next: Option<NextStep>,
    /// The next planned action on the ladder (today or later), with its commitments: "Next on the
    /// plan: Button day, 14 / 31 confirmed".
    pub next_action: Option<NextStep>,
    /// Assessment suggestions waiting for the organizer.
    pub suggestions: u32,
}

/// Support in one department or shift (a stacked bar).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct SupportBreakdown {
    pub name: String,
    pub total: u32,
    /// Index 0 = unassessed, 1–5 = each value.
    pub by_value: Vec<WorkerFigure>,
    pub cards: WorkerFigure,
    pub committee: WorkerFigure,
}

/// One week's end on the chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct SeriesPoint {
    /// YYYY-MM-DD (the week's last day).
    pub day: String,
    /// Workers whose assessment as of that day was 1–2.
    pub supporters: u32,
    /// Workers with any assessment (1–5) as of that day.
    pub assessed: u32,
    /// Workers holding a signed card on that day (not stale then, when stale cards are left out).
    pub cards: u32,
    pub committee: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SeriesMetric {
    Supporters,
    Assessed,
    Cards,
    Committee,
}

/// Assessments and cards over time against the thresholds: one point per week, ending on the
/// last day. Counted over today's unit (the list has no dated status).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct SupportSeries {
    pub unit: u32,
    pub stale_excluded: bool,
    /// 30%, more than 50%, the campaign's target, in workers of today's unit.
    pub thresholds: Vec<ThresholdMark>,
    pub points: Vec<SeriesPoint>,
}

/// The dashboard: the picture of the campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct Dashboard {
    pub campaign_id: i64,
    pub day: String,
    pub headline: Headline,
    pub goals: Vec<Goal>,
    /// Largest first.
    pub support_by_department: Vec<SupportBreakdown>,
    pub support_by_shift: Vec<SupportBreakdown>,
    pub series: SupportSeries,
    pub follow_ups_overdue: Vec<FollowUp>,
    pub deadlines: Vec<DeadlineDue>,
    /// The last 7 days, today included.
    pub this_week: PlanChanges,
    /// Open items of the plan by day (overdue first), at most 5.
    pub next_steps: Vec<NextStep>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum ReportLanguage {
    #[default]
    En,
    Es,
}

/// What the report form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename_all = "camelCase")]
pub struct ReportRequest {
    pub campaign_id: i64,
    /// YYYY-MM-DD, both included; `to` not in the future.
    pub from: String,
    pub to: String,
    /// Print workers' (and organizers') names; off by default.
    pub names: bool,
    pub language: ReportLanguage,
}

/// A headline figure of the report: at the end of the period and at its start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ReportFigure {
    pub key: String,
    pub label: String,
    pub at_end: u32,
    /// The day before the period.
    pub at_start: u32,
    /// `at_end` in percent of the unit.
    pub percent: f64,
    /// The threshold it is measured against (workers), if any.
    pub needed: Option<u32>,
}

/// A line of wins or setbacks: what happened, with the workers behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ReportLine {
    pub text: String,
    pub worker_ids: Vec<i64>,
}

/// A progress report for a period: the numbers a PDF and CSV are made from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ProgressReport {
    pub campaign_id: i64,
    pub campaign_name: String,
    pub from: String,
    pub to: String,
    pub generated_on: String,
    pub names: bool,
    pub language: ReportLanguage,
    pub unit: u32,
    pub figures: Vec<ReportFigure>,
    /// The goals as of the period's last day.
    pub goals: Vec<Goal>,
    pub series: SupportSeries,
    /// Support per department as of the period's last day.
    pub departments: Vec<SupportBreakdown>,
    pub changes: PlanChanges,
    pub wins: Vec<ReportLine>,
    pub setbacks: Vec<ReportLine>,
    pub next_steps: Vec<NextStep>,
}
