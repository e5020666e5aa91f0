//! Clusters: Louvain community detection (weighted by strength), deterministic.

use super::TieGraph;

/// Louvain communities, weighted by strength, resolution 1. Deterministic: nodes are visited in
/// index order. Returns a community label per node, labels 0.. numbered by decreasing size (ties:
/// smallest member first). Isolated nodes get a community of their own.
pub fn louvain(g: &TieGraph) -> Vec<usize> {
    let _ = g;
    unimplemented!()
}

/// Weighted modularity of a partition, as `networkx.community.modularity(G, parts, weight="weight")`.
pub fn modularity(g: &TieGraph, labels: &[usize]) -> f64 {
    let _ = (g, labels);
    unimplemented!()
}
