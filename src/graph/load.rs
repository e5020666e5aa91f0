//! Read a campaign's workers and ties from the vault, and build the unit graph from them.

use super::algo::TieGraph;
use crate::error::Result;
use crate::workers::model::{WorkerFilter, WorkerRow, WorkerStatus};
use crate::workers::query;
use crate::workers::relationship::{self, Relationship};
use chrono::NaiveDate;
use petgraph::graph::NodeIndex;
use rusqlite::Connection;
use std::collections::HashMap;

/// The active workers of a campaign (supervisors included) and every tie between two of them.
pub struct MapData {
    pub workers: Vec<WorkerRow>,
    pub ties: Vec<Relationship>,
}

impl MapData {
    pub fn load(conn: &Connection, campaign_id: i64, today: NaiveDate) -> Result<MapData> {
        let filter = WorkerFilter {
            include_supervisors: true,
            statuses: vec![WorkerStatus::Active],
            ..WorkerFilter::default()
        };
        let mut workers = query::list(conn, campaign_id, &filter, today)?.rows;
        workers.sort_by_key(|w| w.id);
        let present: std::collections::HashSet<i64> = workers.iter().map(|w| w.id).collect();
        let ties = relationship::for_campaign(conn, campaign_id)?
            .into_iter()
            .filter(|r| present.contains(&r.worker_a) && present.contains(&r.worker_b))
            .collect();
        Ok(MapData { workers, ties })
    }
}

/// The unit graph: the active, non-supervisor workers, one undirected edge per tied pair with the
/// strongest of their ties as its strength. `members[i]` is the index into `MapData::workers` of
/// node i.
pub struct UnitGraph {
    pub graph: TieGraph,
    pub members: Vec<usize>,
    /// Worker id → node.
    pub node_of: HashMap<i64, usize>,
}

impl UnitGraph {
    pub fn build(data: &MapData) -> UnitGraph {
        let mut graph = TieGraph::default();
        let mut members = Vec::new();
        let mut node_of = HashMap::new();
        for (i, w) in data.workers.iter().enumerate() {
            if !w.is_supervisor {
                node_of.insert(w.id, graph.add_node(()).index());
                members.push(i);
            }
        }
        let mut strongest: HashMap<(usize, usize), u8> = HashMap::new();
        for t in &data.ties {
            if let (Some(&a), Some(&b)) = (node_of.get(&t.worker_a), node_of.get(&t.worker_b)) {
                let key = (a.min(b), a.max(b));
                let s = strongest.entry(key).or_insert(0);
                *s = (*s).max(t.strength);
            }
        }
        let mut pairs: Vec<_> = strongest.into_iter().collect();
        pairs.sort_unstable();
        for ((a, b), s) in pairs {
            graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), s);
        }
        UnitGraph {
            graph,
            members,
            node_of,
        }
    }
}
