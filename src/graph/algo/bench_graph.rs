//! A synthetic workplace-shaped tie graph for the benchmarks (`benches/graph.rs`) and for running
//! networkx on the identical graph (`examples/graph_edges.rs`, `scripts/bench-graph.sh`).
//!
//! Shape: Holme–Kim growth (as `networkx.powerlaw_cluster_graph`, triad probability 0.3): a few
//! people know very many coworkers, most know a handful, and coworkers of coworkers tend to know
//! each other. Strengths: half weak, 30 % medium, 20 % strong.

use super::{tie_graph, TieGraph};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The benchmark graph: 10,000 people, 5 ties each brought in (49,975 ties), seed 7.
#[doc(hidden)]
pub const BENCH_NODES: usize = 10_000;
#[doc(hidden)]
pub const BENCH_EDGES_PER_NODE: usize = 5;
#[doc(hidden)]
pub const BENCH_SEED: u64 = 7;

/// The graph `benches/graph.rs` measures and `examples/graph_edges.rs` writes out.
#[doc(hidden)]
pub fn bench_workplace() -> TieGraph {
    workplace_graph(BENCH_NODES, BENCH_EDGES_PER_NODE, BENCH_SEED)
}

/// Probability that a new tie closes a triangle instead of following preferential attachment.
const TRIAD_PROBABILITY: f64 = 0.3;

/// A deterministic graph of `n` nodes where each node after the first `edges_per_node` brings
/// `edges_per_node` ties (about n · edges_per_node ties in all). Same `seed`, same graph.
#[doc(hidden)]
pub fn workplace_graph(n: usize, edges_per_node: usize, seed: u64) -> TieGraph {
    let m = edges_per_node.max(1);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut adj: Vec<Vec<u32>> = vec![Vec::new(); n];
    // Every node once per tie end (and the first m nodes once each): a uniform pick from it is a
    // pick proportional to degree.
    let mut repeated: Vec<u32> = (0..m.min(n) as u32).collect();
    let mut edges: Vec<(usize, usize, u8)> = Vec::with_capacity(n * m);
    for v in m.min(n)..n {
        let mut targets: Vec<u32> = Vec::with_capacity(m);
        let mut last = repeated[rng.gen_range(0..repeated.len())];
        targets.push(last);
        let mut attempts = 0;
        while targets.len() < m && attempts < 100 * m {
            attempts += 1;
            let closing: Vec<u32> = if rng.gen_bool(TRIAD_PROBABILITY) {
                adj[last as usize]
                    .iter()
                    .copied()
                    .filter(|w| !targets.contains(w))
                    .collect()
            } else {
                Vec::new()
            };
            let pick = if closing.is_empty() {
                repeated[rng.gen_range(0..repeated.len())]
            } else {
                closing[rng.gen_range(0..closing.len())]
            };
            if !targets.contains(&pick) {
                targets.push(pick);
                last = pick;
            }
        }
        for &t in &targets {
            adj[v].push(t);
            adj[t as usize].push(v as u32);
            repeated.push(t);
            repeated.push(v as u32);
            let strength = match rng.gen_range(0..10) {
                0..=4 => 1,
                5..=7 => 2,
                _ => 3,
            };
            edges.push((t as usize, v, strength));
        }
    }
    tie_graph(n, &edges)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_simple_and_sized() {
        let g = workplace_graph(500, 4, 7);
        let h = workplace_graph(500, 4, 7);
        assert_eq!(g.node_count(), 500);
        assert_eq!(g.edge_count(), (500 - 4) * 4);
        let edges = |g: &TieGraph| -> Vec<(usize, usize, u8)> {
            g.raw_edges()
                .iter()
                .map(|e| (e.source().index(), e.target().index(), e.weight))
                .collect()
        };
        assert_eq!(edges(&g), edges(&h));
        let mut pairs: Vec<(usize, usize)> = edges(&g)
            .iter()
            .map(|&(a, b, _)| (a.min(b), a.max(b)))
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        assert_eq!(pairs.len(), g.edge_count(), "no duplicate ties");
        assert!(edges(&g)
            .iter()
            .all(|&(a, b, s)| a != b && (1..=3).contains(&s)));
        assert_eq!(workplace_graph(0, 5, 1).node_count(), 0);
        assert_eq!(workplace_graph(3, 5, 1).edge_count(), 0);
    }
}
