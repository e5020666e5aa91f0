//! Degree, betweenness (Brandes) and PageRank, normalised as networkx does.

use super::TieGraph;

/// Degree centrality: degree / (n − 1), as `networkx.degree_centrality`.
pub fn degree(g: &TieGraph) -> Vec<f64> {
    let _ = g;
    unimplemented!()
}

/// Unweighted betweenness (Brandes), normalised as `networkx.betweenness_centrality(G)`:
/// divided by (n − 1)(n − 2) / 2 pairs for n > 2. Runs the sources in parallel.
pub fn betweenness(g: &TieGraph) -> Vec<f64> {
    let _ = g;
    unimplemented!()
}

/// PageRank over the undirected graph with the strengths as weights, as
/// `networkx.pagerank(G, alpha, weight="weight", tol=tol)` (each edge both ways, dangling nodes
/// spread uniformly). Iterates until the L1 change is below n·tol.
pub fn pagerank(g: &TieGraph, alpha: f64, tol: f64) -> Vec<f64> {
    let _ = (g, alpha, tol);
    unimplemented!()
}
