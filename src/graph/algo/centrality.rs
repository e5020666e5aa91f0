//! Degree, betweenness (Brandes) and PageRank, normalised as networkx does.

use super::csr::Csr;
use super::TieGraph;
use rayon::prelude::*;

/// Degree centrality: degree / (n − 1), as `networkx.degree_centrality`.
///
/// Like networkx, a graph of a single node gives it 1.0; an empty graph gives an empty vector.
pub fn degree(g: &TieGraph) -> Vec<f64> {
    let csr = Csr::new(g);
    let n = csr.len();
    if n <= 1 {
        return vec![1.0; n];
    }
    let scale = 1.0 / (n - 1) as f64;
    (0..n).map(|v| csr.degree(v) as f64 * scale).collect()
}

/// How many blocks of sources betweenness splits the work into. Fixed (not per thread), so the
/// partial sums are added in the same order whatever the thread count: the result is
/// bit-for-bit the same on 1 or 16 cores. Memory: one partial sum of n floats per block.
const BETWEENNESS_BLOCKS: usize = 64;

/// Unweighted betweenness (Brandes), normalised as `networkx.betweenness_centrality(G)`:
/// divided by (n − 1)(n − 2) / 2 pairs for n > 2. Runs the sources in parallel.
///
/// (networkx accumulates over ordered pairs, so the factor applied is 1 / ((n − 1)(n − 2)).)
pub fn betweenness(g: &TieGraph) -> Vec<f64> {
    let csr = Csr::new(g);
    let n = csr.len();
    if n == 0 {
        return Vec::new();
    }
    let sources: Vec<u32> = (0..n as u32).collect();
    let block = n.div_ceil(BETWEENNESS_BLOCKS);
    let partials: Vec<Vec<f64>> = sources
        .par_chunks(block)
        .map_init(
            || Brandes::new(&csr),
            |ws, chunk| {
                let mut acc = vec![0.0; n];
                for &s in chunk {
                    ws.single_source(&csr, s, &mut acc);
                }
                acc
            },
        )
        .collect();
    let mut bc = vec![0.0; n];
    for part in &partials {
        for (b, p) in bc.iter_mut().zip(part) {
            *b += p;
        }
    }
    if n > 2 {
        let scale = 1.0 / ((n - 1) as f64 * (n - 2) as f64);
        for b in &mut bc {
            *b *= scale;
        }
    }
    bc
}

/// The per-thread workspace of Brandes' algorithm, reused from one source to the next.
///
/// The BFS writes its queue and successor lists unconditionally and advances their lengths by
/// 0 or 1 (no unpredictable branches in the inner loop), so both buffers have one spare slot.
struct Brandes {
    /// BFS order (n + 1 slots); doubles as the queue and as Brandes' stack.
    order: Vec<u32>,
    /// The shortest-path DAG: the successors of `order[k]` are `succ[succ_off[k]..succ_off[k + 1]]`
    /// (contiguous, since BFS finishes one node before the next). At most one entry per tie.
    succ: Vec<u32>,
    succ_off: Vec<u32>,
    /// Hop distance from the source; `u32::MAX` = not reached.
    dist: Vec<u32>,
    /// Number of shortest paths from the source (a float, as networkx); 0 when not reached.
    sigma: Vec<f64>,
    /// (1 + δ(w)) / σ(w) of nodes already accumulated.
    coeff: Vec<f64>,
}

impl Brandes {
    fn new(csr: &Csr) -> Brandes {
        let n = csr.len();
        Brandes {
            order: vec![0; n + 1],
            succ: vec![0; csr.targets.len() + 1],
            succ_off: vec![0; n + 1],
            dist: vec![u32::MAX; n],
            sigma: vec![0.0; n],
            coeff: vec![0.0; n],
        }
    }

    /// Adds source `s`'s dependencies δ_s(v) to `acc` (for v ≠ s), and resets the workspace
    /// (`coeff` needs no reset: it is written before it is read).
    fn single_source(&mut self, csr: &Csr, s: u32, acc: &mut [f64]) {
        let reached = self.bfs(csr, s);
        // Walk back from the farthest node: δ(v) = σ(v) · Σ_{w successor of v} (1 + δ(w)) / σ(w).
        // The source (position 0) is left out: its dependency is not betweenness.
        for k in (1..reached).rev() {
            let v = self.order[k] as usize;
            let succ = &self.succ[self.succ_off[k] as usize..self.succ_off[k + 1] as usize];
            let sum: f64 = succ.iter().map(|&w| self.coeff[w as usize]).sum();
            let delta = self.sigma[v] * sum;
            self.coeff[v] = (1.0 + delta) / self.sigma[v];
            acc[v] += delta;
        }
        for &v in &self.order[..reached] {
            self.dist[v as usize] = u32::MAX;
            self.sigma[v as usize] = 0.0;
        }
    }

    /// Breadth-first search from `s`, counting shortest paths and recording the successors.
    /// Returns how many nodes it reached (the used part of `order`).
    fn bfs(&mut self, csr: &Csr, s: u32) -> usize {
        let (order, succ, dist, sigma) = (
            &mut self.order,
            &mut self.succ,
            &mut self.dist,
            &mut self.sigma,
        );
        order[0] = s;
        dist[s as usize] = 0;
        sigma[s as usize] = 1.0;
        let (mut len, mut succ_len, mut head) = (1, 0, 0);
        while head < len {
            let v = order[head] as usize;
            self.succ_off[head] = succ_len as u32;
            head += 1;
            let dv = dist[v] + 1;
            let sv = sigma[v];
            for &w in csr.neighbors(v) {
                let wi = w as usize;
                let dw = dist[wi];
                let new = dw == u32::MAX;
                let on_path = new | (dw == dv);
                dist[wi] = if new { dv } else { dw };
                order[len] = w;
                len += usize::from(new);
                succ[succ_len] = w;
                succ_len += usize::from(on_path);
                sigma[wi] += if on_path { sv } else { 0.0 };
            }
        }
        self.succ_off[len] = succ_len as u32;
        len
    }
}

/// The most PageRank iterations; networkx would raise instead of returning after this many.
pub const PAGERANK_MAX_ITER: usize = 10_000;

/// PageRank over the undirected graph with the strengths as weights, as
/// `networkx.pagerank(G, alpha, weight="weight", tol=tol)` (each edge both ways, dangling nodes
/// spread uniformly). Iterates until the L1 change is below n·tol.
///
/// Follows networkx's power iteration step for step: start at 1/n, transition probabilities
/// strength / weighted degree, isolated nodes dangling with uniform weights, uniform
/// personalization. Stops after [`PAGERANK_MAX_ITER`] iterations at the latest (where networkx
/// raises `PowerIterationFailedConvergence`).
pub fn pagerank(g: &TieGraph, alpha: f64, tol: f64) -> Vec<f64> {
    let csr = Csr::new(g);
    let n = csr.len();
    if n == 0 {
        return Vec::new();
    }
    // Out-weights, and for each node 1 / weighted degree (0 for dangling nodes).
    let inv_out: Vec<f64> = (0..n)
        .map(|v| {
            let s: u32 = csr.strengths[csr.range(v)]
                .iter()
                .map(|&w| u32::from(w))
                .sum();
            if s == 0 {
                0.0
            } else {
                1.0 / f64::from(s)
            }
        })
        .collect();
    let dangling: Vec<usize> = (0..n).filter(|&v| inv_out[v] == 0.0).collect();
    let uniform = 1.0 / n as f64;
    let mut x = vec![uniform; n];
    let mut next = vec![0.0; n];
    // Per-node share x[u] / out(u), reused for every edge out of u.
    let mut share = vec![0.0; n];
    for _ in 0..PAGERANK_MAX_ITER {
        for u in 0..n {
            share[u] = x[u] * inv_out[u];
        }
        let dangling_sum: f64 = dangling.iter().map(|&v| x[v]).sum();
        let base = alpha * dangling_sum * uniform + (1.0 - alpha) * uniform;
        // (x·A)[v] = Σ_u x[u]·w(u,v)/out(u); the graph is undirected, so walk v's neighbours.
        for (v, out) in next.iter_mut().enumerate() {
            let r = csr.range(v);
            let mut s = 0.0;
            for (&u, &w) in csr.targets[r.clone()].iter().zip(&csr.strengths[r]) {
                s += share[u as usize] * f64::from(w);
            }
            *out = alpha * s + base;
        }
        let err: f64 = x.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut x, &mut next);
        if err < n as f64 * tol {
            break;
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::super::tie_graph;
    use super::*;

    fn close(a: &[f64], b: &[f64]) {
        assert_eq!(a.len(), b.len(), "{a:?} vs {b:?}");
        for (x, y) in a.iter().zip(b) {
            assert!((x - y).abs() < 1e-12, "{a:?} vs {b:?}");
        }
    }

    /// 0 – 1 – 2 – 3 – 4
    fn path5() -> TieGraph {
        tie_graph(5, &[(0, 1, 1), (1, 2, 2), (2, 3, 3), (3, 4, 1)])
    }

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
    fn degree_edge_cases_and_star() {
        assert!(degree(&tie_graph(0, &[])).is_empty());
        close(&degree(&tie_graph(1, &[])), &[1.0]);
        close(&degree(&tie_graph(2, &[])), &[0.0, 0.0]);
        close(&degree(&tie_graph(2, &[(0, 1, 2)])), &[1.0, 1.0]);
        let star = tie_graph(5, &[(0, 1, 1), (0, 2, 1), (0, 3, 1), (0, 4, 1)]);
        close(&degree(&star), &[1.0, 0.25, 0.25, 0.25, 0.25]);
    }

    #[test]
    fn betweenness_path_star_bridge() {
        assert!(betweenness(&tie_graph(0, &[])).is_empty());
        close(&betweenness(&tie_graph(1, &[])), &[0.0]);
        close(&betweenness(&tie_graph(2, &[(0, 1, 1)])), &[0.0, 0.0]);
        // Path of 5: node 1 lies on 3 of the 6 pairs not involving it, node 2 on 4.
        close(&betweenness(&path5()), &[0.0, 0.5, 4.0 / 6.0, 0.5, 0.0]);
        // Star: the centre is on every pair of leaves.
        let star = tie_graph(5, &[(0, 1, 1), (0, 2, 1), (0, 3, 1), (0, 4, 1)]);
        close(&betweenness(&star), &[1.0, 0.0, 0.0, 0.0, 0.0]);
        // Bridge ends: 2 is on the 3·2 pairs {0,1}×{3,4,5} out of C(5,2) = 10.
        close(
            &betweenness(&two_triangles()),
            &[0.0, 0.0, 0.6, 0.6, 0.0, 0.0],
        );
    }

    #[test]
    fn betweenness_counts_parallel_shortest_paths_and_ignores_isolated_nodes() {
        // A 4-cycle 0-1-2-3 plus isolated node 4: the pair (0, 2) has two shortest paths.
        let g = tie_graph(5, &[(0, 1, 1), (1, 2, 1), (2, 3, 1), (3, 0, 1)]);
        // Each node is on half of one pair's paths: 0.5 / C(4,2) = 0.5 / 6.
        close(
            &betweenness(&g),
            &[1.0 / 12.0, 1.0 / 12.0, 1.0 / 12.0, 1.0 / 12.0, 0.0],
        );
    }

    #[test]
    fn betweenness_is_the_same_on_any_number_of_threads() {
        let g = super::super::bench_graph::workplace_graph(300, 3, 1);
        let on = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("thread pool");
            pool.install(|| betweenness(&g))
        };
        let one = on(1);
        assert_eq!(one, on(3), "bit for bit");
        assert!(one.iter().any(|&b| b > 0.0));
    }

    #[test]
    fn pagerank_edge_cases() {
        assert!(pagerank(&tie_graph(0, &[]), 0.85, 1e-12).is_empty());
        close(&pagerank(&tie_graph(1, &[]), 0.85, 1e-12), &[1.0]);
        // No edges: every node dangling, so uniform.
        close(&pagerank(&tie_graph(4, &[]), 0.85, 1e-12), &[0.25; 4]);
        close(
            &pagerank(&tie_graph(2, &[(0, 1, 3)]), 0.85, 1e-12),
            &[0.5, 0.5],
        );
    }

    #[test]
    fn pagerank_star_closed_form() {
        // Star with centre c and 4 leaves, unit weights: leaf = (1 − α)/5 + α·c/4,
        // c = (1 − α)/5 + α·4·leaf; with α = 0.85 solve directly.
        let star = tie_graph(5, &[(0, 1, 1), (0, 2, 1), (0, 3, 1), (0, 4, 1)]);
        let pr = pagerank(&star, 0.85, 1e-15);
        let a = 0.85;
        let t = (1.0 - a) / 5.0;
        // c = t + 4a·leaf, leaf = t + a·c/4  ⇒  c = t + 4a·t + a²·c  ⇒  c = t(1 + 4a)/(1 − a²)
        let c = t * (1.0 + 4.0 * a) / (1.0 - a * a);
        let leaf = t + a * c / 4.0;
        close(&pr, &[c, leaf, leaf, leaf, leaf]);
        assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn pagerank_follows_strength_and_spreads_dangling_mass() {
        // 0 – 1 strongly, 1 – 2 weakly, 3 isolated. Symmetric case check: total is 1 and the
        // isolated node gets exactly the teleport + dangling share.
        let g = tie_graph(4, &[(0, 1, 3), (1, 2, 1)]);
        let pr = pagerank(&g, 0.85, 1e-15);
        assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        // Isolated node: x3 = α·x3/4 + (1 − α)/4  ⇒  x3 = (1 − α) / (4 − α).
        assert!((pr[3] - 0.15 / (4.0 - 0.85)).abs() < 1e-12);
        assert!(pr[1] > pr[0] && pr[0] > pr[2]);
    }
}
