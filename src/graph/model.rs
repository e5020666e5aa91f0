//! What the map sends to its readers (the app's map view, `fieldbook map --json`): the workers and
//! ties as drawn, and every analysis. Worker ids everywhere, never indices.

use crate::workers::relationship::RelationshipKind;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One worker on the map, with every per-worker figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct MapWorker {
    pub id: i64,
    /// Preferred name if any, else the legal name.
    pub name: String,
    pub department: String,
    pub shift: String,
    /// 1–5, null when unassessed.
    pub assessment: Option<u8>,
    pub committee: bool,
    /// Supervisors are drawn but left out of every analysis (they are not in the unit).
    pub supervisor: bool,
    /// Degree centrality (degree / (n − 1)) in the unit graph; 0 for supervisors.
    pub degree: f64,
    /// Normalised betweenness in the unit graph.
    pub betweenness: f64,
    /// PageRank (weighted by strength) in the unit graph: the influence score.
    pub influence: f64,
    /// 1 = the most influential; null for supervisors.
    pub influence_rank: Option<u32>,
    /// Hops to the nearest committee member (0 = on the committee); null when none reaches them.
    pub committee_distance: Option<u32>,
    /// The cluster (community) index into [`MapAnalysis::clusters`]; null for supervisors.
    pub cluster: Option<u32>,
    /// Layout position: saved by the user, else computed.
    pub x: f64,
    pub y: f64,
}

/// One relationship as drawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct MapTie {
    /// The relationship's id.
    pub id: i64,
    /// For directed kinds, the mentor / influencer / supervisor.
    pub source: i64,
    pub target: i64,
    pub kind: RelationshipKind,
    pub strength: u8,
}

/// Why a worker counts as a natural leader. The UI words each one; the CLI prints [`std::fmt::Display`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub enum LeaderReason {
    /// Ties reach into several departments or shifts: "bridges Receiving and Night shift".
    #[serde(rename_all = "camelCase")]
    Bridges { groups: Vec<String> },
    /// Knows many coworkers.
    #[serde(rename_all = "camelCase")]
    Knows { count: u32 },
    /// Recorded as influencing or mentoring coworkers.
    #[serde(rename_all = "camelCase")]
    Sways { count: u32 },
    /// Among the top by influence without a more specific reason.
    #[serde(rename_all = "camelCase")]
    Central { percentile: u32 },
}

impl std::fmt::Display for LeaderReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LeaderReason::Bridges { groups } => {
                let (last, first) = groups
                    .split_last()
                    .map_or(("", &[][..]), |(l, r)| (l.as_str(), r));
                if first.is_empty() {
                    write!(f, "bridges {last}")
                } else {
                    write!(f, "bridges {} and {last}", first.join(", "))
                }
            }
            LeaderReason::Knows { count } => write!(f, "knows {count} coworkers"),
            LeaderReason::Sways { count } => write!(f, "sways {count} coworkers"),
            LeaderReason::Central { percentile } => {
                write!(f, "in the top {percentile}% by influence")
            }
        }
    }
}

/// A natural leader: a unit worker ranked by influence, with the reasons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct Leader {
    pub worker_id: i64,
    pub influence: f64,
    pub reasons: Vec<LeaderReason>,
}

/// Committee ratio in one department or shift against the 1:10 norm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct GroupCoverage {
    pub name: String,
    /// Unit workers in the group (committee included).
    pub workers: u32,
    pub committee: u32,
    /// Committee members the 1:10 norm asks for: ceil(workers / 10).
    pub needed: u32,
    /// Unit workers in the group with no committee member among their direct ties.
    pub uncovered: u32,
}

/// A worker whose recruitment to the committee would cover coworkers now uncovered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct Recruit {
    pub worker_id: i64,
    /// The uncovered workers this pick covers (itself included), after the picks before it.
    pub covers: Vec<i64>,
}

/// Committee coverage: a worker is covered when on the committee or directly tied to a member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct Coverage {
    pub unit_workers: u32,
    pub committee: u32,
    /// Unit workers neither on the committee nor tied to a member, farthest first.
    pub uncovered: Vec<i64>,
    /// Of those, the ones no committee member reaches by any chain.
    pub unreachable: u32,
    pub departments: Vec<GroupCoverage>,
    pub shifts: Vec<GroupCoverage>,
    /// Greedy set cover: the best next recruit first, then who to add after them.
    pub next_recruits: Vec<Recruit>,
}

/// One cluster (community) of the unit graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct Cluster {
    pub index: u32,
    pub size: u32,
    pub committee: u32,
    /// The most common department and shift among its members, for a readable name.
    pub department: String,
    pub shift: String,
    /// Its most influential member.
    pub hub: i64,
}

/// A worker assessed 4–5 with high influence, and the coworkers they reach directly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct AntiInfluence {
    pub worker_id: i64,
    pub assessment: u8,
    pub influence: f64,
    pub influence_rank: u32,
    /// Unit coworkers directly tied to them, undecided (3) or unassessed first.
    pub reaches: Vec<i64>,
}

/// The whole map: what is drawn and every analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct MapAnalysis {
    pub campaign_id: i64,
    pub workers: Vec<MapWorker>,
    pub ties: Vec<MapTie>,
    /// Top natural leaders (supervisors excluded), most influential first.
    pub leaders: Vec<Leader>,
    pub coverage: Coverage,
    /// Largest first; `committee == 0` marks a cluster with no committee member.
    pub clusters: Vec<Cluster>,
    pub anti_union: Vec<AntiInfluence>,
    /// Modularity of the clustering (0–1; above ~0.3 is a clear community structure).
    pub modularity: f64,
}

/// A warm path between two workers, or from the committee to a worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct WarmPath {
    /// Worker ids from the start (a committee member, or the chosen worker) to the target.
    pub workers: Vec<i64>,
    /// The ties walked, one fewer than `workers`.
    pub ties: Vec<i64>,
    /// Sum of tie costs (strong 1, medium 2, weak 3).
    pub cost: u32,
}

/// A layout position the user set by dragging a worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct MapPosition {
    pub worker_id: i64,
    pub x: f64,
    pub y: f64,
}
