//! Clusters: Louvain community detection (weighted by strength), deterministic.
//!
//! The modularity gains are compared in exact integer arithmetic (strengths are integers, so
//! every degree and community total is one), so the result never depends on rounding.

use super::csr::Csr;
use super::TieGraph;
use std::collections::HashMap;

/// Louvain communities, weighted by strength, resolution 1. Deterministic: nodes are visited in
/// index order. Returns a community label per node, labels 0.. numbered by decreasing size (ties:
/// smallest member first). Isolated nodes get a community of their own.
///
/// Each level moves nodes one at a time (in index order, repeatedly) to the neighbouring
/// community with the largest modularity gain, keeping a node where it is unless a move strictly
/// improves; then the communities become the nodes of the next level. It stops at the first level
/// where no node moves.
pub fn louvain(g: &TieGraph) -> Vec<usize> {
    let csr = Csr::new(g);
    let n = csr.len();
    let mut level = Level::new(&csr);
    // The node of the current level that each original node belongs to.
    let mut node_of: Vec<u32> = (0..n as u32).collect();
    loop {
        let (comm, moved) = level.local_moving();
        if !moved {
            break;
        }
        let (comm, count) = renumber_by_first_member(&comm);
        for v in &mut node_of {
            *v = comm[*v as usize];
        }
        level = level.aggregate(&comm, count);
    }
    canonical_labels(&node_of)
}

/// Weighted modularity of a partition, as `networkx.community.modularity(G, parts, weight="weight")`.
///
/// Q = Σ_c [ L_c / m − (d_c / 2m)² ] with L_c the strength inside community c, d_c the strength
/// of its members' ties and m the total strength. A graph without ties gives 0 (networkx divides by
/// zero). A node without a label (`labels` too short) is a community of its own.
pub fn modularity(g: &TieGraph, labels: &[usize]) -> f64 {
    let csr = Csr::new(g);
    let n = csr.len();
    // Community key: the label, or a unique key past every label for unlabelled nodes.
    let key = |v: usize| labels.get(v).map_or((1u8, v), |&l| (0u8, l));
    let mut inside: HashMap<(u8, usize), u64> = HashMap::new();
    let mut degree: HashMap<(u8, usize), u64> = HashMap::new();
    let mut total = 0u64;
    for v in 0..n {
        let r = csr.range(v);
        for (&w, &s) in csr.targets[r.clone()].iter().zip(&csr.strengths[r]) {
            let s = u64::from(s);
            total += s;
            *degree.entry(key(v)).or_default() += s;
            if (v as u32) < w && key(v) == key(w as usize) {
                *inside.entry(key(v)).or_default() += s;
            }
        }
    }
    if total == 0 {
        return 0.0;
    }
    // `total` counted each tie from both ends: it is the degree sum 2m.
    let deg_sum = total as f64;
    let m = deg_sum / 2.0;
    let norm = 1.0 / (deg_sum * deg_sum);
    let mut keys: Vec<_> = degree.keys().copied().collect();
    keys.sort_unstable();
    keys.iter()
        .map(|k| {
            let l = inside.get(k).copied().unwrap_or(0) as f64;
            let d = degree[k] as f64;
            l / m - d * d * norm
        })
        .sum()
}

/// One level of Louvain: a weighted graph whose nodes are the previous level's communities.
struct Level {
    /// CSR adjacency without self-loops; `weights` alongside `targets`.
    offsets: Vec<usize>,
    targets: Vec<u32>,
    weights: Vec<u64>,
    /// Strength inside each node (its self-loop), counted once.
    loops: Vec<u64>,
}

impl Level {
    /// The first level: the tie graph itself.
    fn new(csr: &Csr) -> Level {
        Level {
            offsets: csr.offsets.iter().map(|&o| o as usize).collect(),
            targets: csr.targets.clone(),
            weights: csr.strengths.iter().map(|&s| u64::from(s)).collect(),
            loops: vec![0; csr.len()],
        }
    }

    fn len(&self) -> usize {
        self.loops.len()
    }

    /// A node's weighted degree; a self-loop counts twice, as in networkx.
    fn degree(&self, v: usize) -> u64 {
        self.weights[self.offsets[v]..self.offsets[v + 1]]
            .iter()
            .sum::<u64>()
            + 2 * self.loops[v]
    }

    /// Moves nodes between communities until a full pass moves none. Returns each node's
    /// community (a node index of this level) and whether anything moved.
    fn local_moving(&self) -> (Vec<u32>, bool) {
        let n = self.len();
        let k: Vec<i128> = (0..n).map(|v| i128::from(self.degree(v))).collect();
        let two_m: i128 = k.iter().sum();
        let mut comm: Vec<u32> = (0..n as u32).collect();
        let mut tot = k.clone();
        // Strength from the current node into each community touched; reset after each node.
        let mut to_comm = vec![0i128; n];
        let mut seen = vec![false; n];
        let mut touched: Vec<u32> = Vec::new();
        let mut moved_any = false;
        if two_m == 0 {
            return (comm, false);
        }
        loop {
            let mut moved = false;
            for v in 0..n {
                let own = comm[v];
                for i in self.offsets[v]..self.offsets[v + 1] {
                    let c = comm[self.targets[i] as usize];
                    if !seen[c as usize] {
                        seen[c as usize] = true;
                        touched.push(c);
                    }
                    to_comm[c as usize] += i128::from(self.weights[i]);
                }
                tot[own as usize] -= k[v];
                // Gain of joining c (times 2m²/… , exact): k_v,c · 2m − tot_c · k_v.
                let gain = |c: u32| to_comm[c as usize] * two_m - tot[c as usize] * k[v];
                let mut best = own;
                let mut best_gain = gain(own);
                for &c in &touched {
                    let g = gain(c);
                    if g > best_gain {
                        best = c;
                        best_gain = g;
                    }
                }
                tot[best as usize] += k[v];
                if best != own {
                    comm[v] = best;
                    moved = true;
                }
                for &c in &touched {
                    to_comm[c as usize] = 0;
                    seen[c as usize] = false;
                }
                touched.clear();
            }
            if !moved {
                break;
            }
            moved_any = true;
        }
        (comm, moved_any)
    }

    /// The next level: one node per community (`comm` numbered 0..count), the strengths between
    /// communities summed, the strength inside each kept as its self-loop.
    fn aggregate(&self, comm: &[u32], count: usize) -> Level {
        let mut loops = vec![0u64; count];
        let mut pairs: Vec<(u32, u32, u64)> = Vec::with_capacity(self.targets.len());
        for v in 0..self.len() {
            let cv = comm[v];
            loops[cv as usize] += self.loops[v];
            for i in self.offsets[v]..self.offsets[v + 1] {
                let w = self.targets[i];
                let cw = comm[w as usize];
                if cv != cw {
                    pairs.push((cv, cw, self.weights[i]));
                } else if (v as u32) < w {
                    loops[cv as usize] += self.weights[i];
                }
            }
        }
        pairs.sort_unstable_by_key(|p| (p.0, p.1));
        let mut offsets = vec![0usize; count + 1];
        let mut targets = Vec::new();
        let mut weights: Vec<u64> = Vec::new();
        let mut last: Option<(u32, u32)> = None;
        for (a, b, w) in pairs {
            if last == Some((a, b)) {
                if let Some(x) = weights.last_mut() {
                    *x += w;
                }
            } else {
                offsets[a as usize + 1] += 1;
                targets.push(b);
                weights.push(w);
                last = Some((a, b));
            }
        }
        for c in 0..count {
            offsets[c + 1] += offsets[c];
        }
        Level {
            offsets,
            targets,
            weights,
            loops,
        }
    }
}

/// Renumbers community ids 0.. in order of their first member. Returns the new id of every node
/// and the number of communities.
fn renumber_by_first_member(comm: &[u32]) -> (Vec<u32>, usize) {
    let mut new_id: HashMap<u32, u32> = HashMap::new();
    let out = comm
        .iter()
        .map(|&c| {
            let next = new_id.len() as u32;
            *new_id.entry(c).or_insert(next)
        })
        .collect();
    (out, new_id.len())
}

/// Labels 0.. by decreasing community size, ties broken by the smallest member.
fn canonical_labels(comm: &[u32]) -> Vec<usize> {
    // Ids in order of first member, so a stable sort by size keeps "smallest member first".
    let (comm, count) = renumber_by_first_member(comm);
    let mut size = vec![0usize; count];
    for &c in &comm {
        size[c as usize] += 1;
    }
    let mut order: Vec<usize> = (0..count).collect();
    order.sort_by_key(|&c| std::cmp::Reverse(size[c]));
    let mut label = vec![0usize; count];
    for (rank, &c) in order.iter().enumerate() {
        label[c] = rank;
    }
    comm.iter().map(|&c| label[c as usize]).collect()
}

#[cfg(test)]
mod tests {
    use super::super::tie_graph;
    use super::*;

    /// Triangles 0,1,2 and 3,4,5 joined by the bridge 2 – 3.
    fn two_triangles() -> TieGraph {
        tie_graph(
            6,
            &[
                (0, 1, 3),
                (0, 2, 3),
                (1, 2, 3),
                (3, 4, 3),
                (3, 5, 3),
                (4, 5, 3),
                (2, 3, 1),
            ],
        )
    }

    #[test]
    fn modularity_by_hand() {
        let g = two_triangles();
        // m = 19; inside 9 each; degree sums 19 each: 2·(9/19 − (19/38)²) = 18/19 − 1/2.
        let q = modularity(&g, &[0, 0, 0, 1, 1, 1]);
        assert!((q - (18.0 / 19.0 - 0.5)).abs() < 1e-12, "{q}");
        // Everything together: 1 − 1 = 0.
        assert!(modularity(&g, &[7; 6]).abs() < 1e-12);
        // Labels are only names; too short = singletons.
        assert!((modularity(&g, &[5, 5, 5, 2, 2, 2]) - q).abs() < 1e-12);
        let singles = modularity(&g, &[]);
        let by_hand: f64 = [6.0, 6.0, 7.0, 7.0, 6.0, 6.0]
            .iter()
            .map(|d: &f64| -(d * d) / (38.0 * 38.0))
            .sum();
        assert!((singles - by_hand).abs() < 1e-12);
        // No ties at all.
        assert_eq!(modularity(&tie_graph(3, &[]), &[0, 1, 2]), 0.0);
        assert_eq!(modularity(&tie_graph(0, &[]), &[]), 0.0);
    }

    #[test]
    fn louvain_splits_two_triangles() {
        assert_eq!(louvain(&two_triangles()), vec![0, 0, 0, 1, 1, 1]);
    }

    #[test]
    fn louvain_edge_cases_and_isolated_nodes() {
        assert!(louvain(&tie_graph(0, &[])).is_empty());
        assert_eq!(louvain(&tie_graph(1, &[])), vec![0]);
        assert_eq!(louvain(&tie_graph(3, &[])), vec![0, 1, 2]);
        assert_eq!(louvain(&tie_graph(2, &[(0, 1, 2)])), vec![0, 0]);
        // A triangle plus two isolated nodes: the triangle is label 0, then 3, then 4.
        let g = tie_graph(5, &[(2, 3, 1), (3, 4, 1), (2, 4, 1)]);
        assert_eq!(louvain(&g), vec![1, 2, 0, 0, 0]);
    }

    #[test]
    fn louvain_finds_cliques_in_a_ring_and_aggregates() {
        // Six 4-cliques in a ring, joined by single weak ties: one community per clique.
        let mut edges = Vec::new();
        for c in 0..6 {
            let b = 4 * c;
            for i in 0..4 {
                for j in i + 1..4 {
                    edges.push((b + i, b + j, 3));
                }
            }
            edges.push((b + 3, (b + 4) % 24, 1));
        }
        let labels = louvain(&tie_graph(24, &edges));
        let expected: Vec<usize> = (0..24).map(|v| v / 4).collect();
        assert_eq!(labels, expected);
        // Two stars joined centre to centre: the level-two merge puts each star together.
        let g = tie_graph(
            8,
            &[
                (0, 1, 1),
                (0, 2, 1),
                (0, 3, 1),
                (4, 5, 1),
                (4, 6, 1),
                (4, 7, 1),
                (0, 4, 1),
            ],
        );
        assert_eq!(louvain(&g), vec![0, 0, 0, 0, 1, 1, 1, 1]);
    }

    #[test]
    fn louvain_is_at_least_as_good_as_singletons() {
        let g = two_triangles();
        let q = modularity(&g, &louvain(&g));
        assert!(q > modularity(&g, &[]));
    }

    #[test]
    fn canonical_labels_order_by_size_then_smallest_member() {
        assert_eq!(
            canonical_labels(&[9, 4, 4, 9, 7, 7]),
            vec![0, 1, 1, 0, 2, 2]
        );
        assert_eq!(canonical_labels(&[5, 3, 3]), vec![1, 0, 0]);
    }
}
