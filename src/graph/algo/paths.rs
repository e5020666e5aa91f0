//! The warm path: the best chain of trusted coworkers from one set of people to a target.

use super::csr::Csr;
use super::TieGraph;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// The cost of crossing a tie: strong ties are cheap (3 → 1, 2 → 2, 1 → 3).
pub fn tie_cost(strength: u8) -> u32 {
    4u32.saturating_sub(u32::from(strength.clamp(1, 3)))
}

/// A path's length as Dijkstra orders it: total cost, then hops.
type Key = (u32, u32);
const UNREACHED: Key = (u32::MAX, u32::MAX);

/// The cheapest path (Dijkstra, cost = [`tie_cost`]) from any of `from` to `to`, whose
/// *intermediate* nodes all have `allowed[i]` (the ends need not). Ties in cost: fewer hops, then
/// the lexicographically smallest node sequence. Returns the nodes from the start to `to`, and the
/// total cost; `None` when there is no such path. A `to` inside `from` gives `[to]` at cost 0.
///
/// Nodes beyond the end of `allowed` count as not allowed; `from` entries and a `to` that are not
/// nodes of `g` are ignored (the latter gives `None`).
pub fn warm_path(
    g: &TieGraph,
    from: &[usize],
    to: usize,
    allowed: &[bool],
) -> Option<(Vec<usize>, u32)> {
    let csr = Csr::new(g);
    let n = csr.len();
    if to >= n {
        return None;
    }
    let mut is_source = vec![false; n];
    for &s in from.iter().filter(|&&s| s < n) {
        is_source[s] = true;
    }
    if is_source[to] {
        return Some((vec![to], 0));
    }
    // A node may lead somewhere if it is a start or an allowed intermediate.
    let passable = |v: usize| is_source[v] || allowed.get(v).copied().unwrap_or(false);
    let (dist, done) = dijkstra(&csr, &is_source, to, passable);
    if !done[to] {
        return None;
    }
    let step =
        |v: usize, i: usize| -> Key { (dist[v].0 + tie_cost(csr.strengths[i]), dist[v].1 + 1) };

    // Nodes from which `to` is reached along tight edges (edges on some optimal path).
    let mut leads = vec![false; n];
    leads[to] = true;
    let mut stack = vec![to];
    while let Some(v) = stack.pop() {
        for i in csr.range(v) {
            let u = csr.targets[i] as usize;
            if !leads[u] && done[u] && passable(u) && step(u, i) == dist[v] {
                leads[u] = true;
                stack.push(u);
            }
        }
    }
    // Every optimal path is a walk down the tight edges; the smallest sequence takes the smallest
    // start, then at each step the smallest neighbour that still leads to `to`.
    let mut v = (0..n).find(|&s| is_source[s] && leads[s])?;
    let mut path = vec![v];
    while v != to {
        v = csr.range(v).find_map(|i| {
            let w = csr.targets[i] as usize;
            (leads[w] && step(v, i) == dist[w]).then_some(w)
        })?;
        path.push(v);
    }
    Some((path, dist[to].0))
}

/// Multi-source Dijkstra on (cost, hops) from every source, expanding only `passable` nodes and
/// stopping once `to` is settled. Returns the keys and which nodes are settled (final).
fn dijkstra(
    csr: &Csr,
    is_source: &[bool],
    to: usize,
    passable: impl Fn(usize) -> bool,
) -> (Vec<Key>, Vec<bool>) {
    let n = csr.len();
    let mut dist = vec![UNREACHED; n];
    let mut done = vec![false; n];
    let mut heap = BinaryHeap::new();
    for s in (0..n).filter(|&s| is_source[s]) {
        dist[s] = (0, 0);
        heap.push(Reverse(((0, 0), s)));
    }
    while let Some(Reverse((key, v))) = heap.pop() {
        if done[v] || key > dist[v] {
            continue;
        }
        done[v] = true;
        if v == to {
            break;
        }
        if !passable(v) {
            continue;
        }
        for i in csr.range(v) {
            let w = csr.targets[i] as usize;
            let next = (key.0 + tie_cost(csr.strengths[i]), key.1 + 1);
            if !done[w] && next < dist[w] {
                dist[w] = next;
                heap.push(Reverse((next, w)));
            }
        }
    }
    (dist, done)
}

#[cfg(test)]
mod tests {
    use super::super::tie_graph;
    use super::*;

    #[test]
    fn tie_costs() {
        assert_eq!((tie_cost(3), tie_cost(2), tie_cost(1)), (1, 2, 3));
        assert_eq!((tie_cost(0), tie_cost(9)), (3, 1));
    }

    #[test]
    fn prefers_strong_ties_over_fewer_hops() {
        // 0 –weak– 3 costs 3 in one hop; 0 =strong= 1 =strong= 3 costs 2 in two hops.
        let g = tie_graph(4, &[(0, 3, 1), (0, 1, 3), (1, 3, 3), (0, 2, 2), (2, 3, 3)]);
        let all = [true; 4];
        assert_eq!(warm_path(&g, &[0], 3, &all), Some((vec![0, 1, 3], 2)));
        // Forbid 1 as an intermediate: 0-2-3 costs 3 in 2 hops, 0-3 costs 3 in 1 hop → direct.
        let no1 = [true, false, true, true];
        assert_eq!(warm_path(&g, &[0], 3, &no1), Some((vec![0, 3], 3)));
    }

    #[test]
    fn ends_need_not_be_allowed_but_intermediates_must() {
        // Path 0-1-2: only 1 matters.
        let g = tie_graph(3, &[(0, 1, 2), (1, 2, 2)]);
        assert_eq!(
            warm_path(&g, &[0], 2, &[false, true, false]),
            Some((vec![0, 1, 2], 4))
        );
        assert_eq!(warm_path(&g, &[0], 2, &[true, false, true]), None);
        assert_eq!(warm_path(&g, &[0], 1, &[false; 3]), Some((vec![0, 1], 2)));
    }

    #[test]
    fn ties_break_on_hops_then_smallest_sequence() {
        // Two equal-cost, equal-hop routes from {4, 0} to 5: 0-2-5 and 0-1-5 (all strength 2);
        // 4-3-5 too. Smallest start 0, then smallest next 1.
        let g = tie_graph(
            6,
            &[
                (0, 1, 2),
                (0, 2, 2),
                (1, 5, 2),
                (2, 5, 2),
                (4, 3, 2),
                (3, 5, 2),
            ],
        );
        assert_eq!(
            warm_path(&g, &[4, 0], 5, &[true; 6]),
            Some((vec![0, 1, 5], 4))
        );
        // Without 1: 0-2-5.
        let no1 = [true, false, true, true, true, true];
        assert_eq!(warm_path(&g, &[4, 0], 5, &no1), Some((vec![0, 2, 5], 4)));
        // Equal cost 2: one hop (0 –2– 2) beats two (0 =3= 1 =3= 2).
        let h = tie_graph(3, &[(0, 1, 3), (1, 2, 3), (0, 2, 2)]);
        assert_eq!(warm_path(&h, &[0], 2, &[true; 3]), Some((vec![0, 2], 2)));
    }

    #[test]
    fn start_inside_from_and_degenerate_inputs() {
        let g = tie_graph(3, &[(0, 1, 1)]);
        assert_eq!(warm_path(&g, &[1, 0], 0, &[]), Some((vec![0], 0)));
        assert_eq!(warm_path(&g, &[0], 2, &[true; 3]), None); // 2 is isolated
        assert_eq!(warm_path(&g, &[], 1, &[true; 3]), None);
        assert_eq!(warm_path(&g, &[0], 7, &[true; 3]), None);
        assert_eq!(warm_path(&g, &[9], 1, &[true; 3]), None);
        assert_eq!(warm_path(&tie_graph(0, &[]), &[0], 0, &[]), None);
        assert_eq!(
            warm_path(&tie_graph(1, &[]), &[0], 0, &[]),
            Some((vec![0], 0))
        );
    }

    #[test]
    fn passes_through_two_triangles_bridge() {
        // Triangles 0,1,2 and 3,4,5 joined by 2 – 3 (strength 1). From 0 to 5.
        let g = tie_graph(
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
        );
        assert_eq!(
            warm_path(&g, &[0, 1], 5, &[true; 6]),
            Some((vec![0, 2, 3, 5], 5))
        );
        assert_eq!(
            warm_path(&g, &[0], 5, &[true, true, true, false, true, true]),
            None
        );
    }
}
