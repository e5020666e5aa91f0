//! The graph the analyses run on, and the pure algorithms over it. No database, no workers: node
//! `i` is `NodeIndex::new(i)`, an edge's weight is the tie's strength (1 weak – 3 strong). Every
//! algorithm is checked against networkx on the same graphs (`tests/graph_reference.rs`).

use petgraph::graph::UnGraph;

/// A simple undirected graph: at most one edge per pair, no self-loops; weight = strength 1–3.
pub type TieGraph = UnGraph<(), u8>;

pub mod centrality;
pub mod communities;
pub mod coverage;
pub mod paths;
