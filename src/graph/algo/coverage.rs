//! Committee coverage: distance to the nearest committee member, and who to recruit next.

use super::TieGraph;

/// Hops from the nearest of `sources` (multi-source BFS); `None` when no source reaches a node.
/// A source is at distance 0.
pub fn distances(g: &TieGraph, sources: &[usize]) -> Vec<Option<u32>> {
    let _ = (g, sources);
    unimplemented!()
}

/// One pick of the greedy set cover: the candidate and the nodes it newly covers (itself and its
/// neighbours that were not yet covered), in ascending order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    pub node: usize,
    pub newly_covered: Vec<usize>,
}

/// Greedy set cover: repeatedly pick the candidate whose closed neighbourhood covers the most
/// not-yet-covered nodes (ties: lowest index), up to `k` picks or until no pick covers anything.
/// `covered[i]` says node i is covered already; `candidate[i]` says node i may be picked.
pub fn greedy_recruits(g: &TieGraph, covered: &[bool], candidate: &[bool], k: usize) -> Vec<Pick> {
    let _ = (g, covered, candidate, k);
    unimplemented!()
}
