//! The graph the analyses run on, and the pure algorithms over it. No database, no workers: node
//! `i` is `NodeIndex::new(i)`, an edge's weight is the tie's strength (1 weak – 3 strong). Every
//! algorithm is checked against networkx on the same graphs (`tests/graph_reference.rs`).

use petgraph::graph::{NodeIndex, UnGraph};

/// A simple undirected graph: at most one edge per pair, no self-loops; weight = strength 1–3.
pub type TieGraph = UnGraph<(), u8>;

#[doc(hidden)]
pub mod bench_graph;
pub mod centrality;
pub mod communities;
pub mod coverage;
mod csr;
pub mod paths;

/// A [`TieGraph`] with nodes `0..n` and the given `(a, b, strength)` edges, in order. Edges that
/// name a node `>= n` are skipped.
pub fn tie_graph(n: usize, edges: &[(usize, usize, u8)]) -> TieGraph {
    let mut g = TieGraph::with_capacity(n, edges.len());
    for _ in 0..n {
        g.add_node(());
    }
    for &(a, b, s) in edges {
        if a < n && b < n {
            g.add_edge(NodeIndex::new(a), NodeIndex::new(b), s);
        }
    }
    g
}
