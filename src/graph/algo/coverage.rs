//! Committee coverage: distance to the nearest committee member, and who to recruit next.

use super::csr::Csr;
use super::TieGraph;

/// Hops from the nearest of `sources` (multi-source BFS); `None` when no source reaches a node.
/// A source is at distance 0.
///
/// Sources that are not nodes of `g` (index ≥ n) are ignored.
pub fn distances(g: &TieGraph, sources: &[usize]) -> Vec<Option<u32>> {
    let csr = Csr::new(g);
    let n = csr.len();
    let mut dist: Vec<Option<u32>> = vec![None; n];
    let mut queue: Vec<u32> = Vec::with_capacity(n);
    for &s in sources {
        if s < n && dist[s].is_none() {
            dist[s] = Some(0);
            queue.push(s as u32);
        }
    }
    let mut head = 0;
    while head < queue.len() {
        let v = queue[head] as usize;
        head += 1;
        let next = dist[v].map(|d| d + 1);
        for &w in csr.neighbors(v) {
            if dist[w as usize].is_none() {
                dist[w as usize] = next;
                queue.push(w);
            }
        }
    }
    dist
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
///
/// A `covered` or `candidate` slice shorter than the graph counts as `false` for the missing
/// nodes. Cost: O(n + m) to start, then O(n + newly covered nodes' degrees) per pick.
pub fn greedy_recruits(g: &TieGraph, covered: &[bool], candidate: &[bool], k: usize) -> Vec<Pick> {
    let csr = Csr::new(g);
    let n = csr.len();
    let mut covered: Vec<bool> = (0..n)
        .map(|i| covered.get(i).copied().unwrap_or(false))
        .collect();
    let is_candidate = |i: usize| candidate.get(i).copied().unwrap_or(false);
    // gain[c] = uncovered nodes in c's closed neighbourhood (kept only for candidates).
    let mut gain = vec![0usize; n];
    for (c, slot) in gain.iter_mut().enumerate() {
        if is_candidate(c) {
            *slot = usize::from(!covered[c])
                + csr
                    .neighbors(c)
                    .iter()
                    .filter(|&&w| !covered[w as usize])
                    .count();
        }
    }
    let mut picks = Vec::new();
    while picks.len() < k {
        // The first maximum in index order is the lowest index among ties.
        let Some((best, &best_gain)) = gain.iter().enumerate().rev().max_by_key(|&(_, &gain)| gain)
        else {
            break;
        };
        if best_gain == 0 {
            break;
        }
        let mut newly: Vec<usize> = std::iter::once(best)
            .chain(csr.neighbors(best).iter().map(|&w| w as usize))
            .filter(|&v| !covered[v])
            .collect();
        newly.sort_unstable();
        for &v in &newly {
            covered[v] = true;
            // v no longer counts for any candidate whose closed neighbourhood holds it.
            for u in std::iter::once(v).chain(csr.neighbors(v).iter().map(|&w| w as usize)) {
                if gain[u] > 0 {
                    gain[u] -= 1;
                }
            }
        }
        picks.push(Pick {
            node: best,
            newly_covered: newly,
        });
    }
    picks
}

#[cfg(test)]
mod tests {
    use super::super::tie_graph;
    use super::*;

    #[test]
    fn distances_path_with_two_sources_and_unreachable_parts() {
        // Path 0-1-2-3-4, separate edge 5-6, isolated 7.
        let g = tie_graph(8, &[(0, 1, 1), (1, 2, 1), (2, 3, 1), (3, 4, 1), (5, 6, 2)]);
        assert_eq!(
            distances(&g, &[0, 4]),
            vec![
                Some(0),
                Some(1),
                Some(2),
                Some(1),
                Some(0),
                None,
                None,
                None
            ]
        );
        assert_eq!(
            distances(&g, &[6, 6, 99]),
            vec![None, None, None, None, None, Some(1), Some(0), None]
        );
        assert_eq!(distances(&g, &[]), vec![None; 8]);
        assert!(distances(&tie_graph(0, &[]), &[0]).is_empty());
        assert_eq!(distances(&tie_graph(1, &[]), &[0]), vec![Some(0)]);
    }

    #[test]
    fn greedy_takes_the_star_centre_then_the_next_best() {
        // Star centre 0 with leaves 1..=4; 4 – 5 – 6 path; 7 isolated.
        let g = tie_graph(
            8,
            &[
                (0, 1, 1),
                (0, 2, 1),
                (0, 3, 1),
                (0, 4, 1),
                (4, 5, 1),
                (5, 6, 1),
            ],
        );
        let all = [true; 8];
        let none = [false; 8];
        let picks = greedy_recruits(&g, &none, &all, 10);
        assert_eq!(
            picks,
            vec![
                Pick {
                    node: 0,
                    newly_covered: vec![0, 1, 2, 3, 4]
                },
                Pick {
                    node: 5,
                    newly_covered: vec![5, 6]
                },
                Pick {
                    node: 7,
                    newly_covered: vec![7]
                },
            ]
        );
        // k limits the picks.
        assert_eq!(greedy_recruits(&g, &none, &all, 1).len(), 1);
        assert!(greedy_recruits(&g, &none, &all, 0).is_empty());
    }

    #[test]
    fn greedy_respects_covered_and_candidates_and_breaks_ties_low() {
        // Path 0-1-2-3-4: with 0 and 1 covered, 3 covers {2,3,4}; 2 covers {2,3}.
        let g = tie_graph(5, &[(0, 1, 1), (1, 2, 1), (2, 3, 1), (3, 4, 1)]);
        let covered = [true, true, false, false, false];
        let picks = greedy_recruits(&g, &covered, &[true; 5], 5);
        assert_eq!(
            picks,
            vec![Pick {
                node: 3,
                newly_covered: vec![2, 3, 4]
            }]
        );
        // Only 2 and 4 may be picked: each covers 2 new nodes; 2 wins the tie, then 4 takes {4}.
        let cand = [false, false, true, false, true];
        let picks = greedy_recruits(&g, &covered, &cand, 5);
        assert_eq!(
            picks,
            vec![
                Pick {
                    node: 2,
                    newly_covered: vec![2, 3]
                },
                Pick {
                    node: 4,
                    newly_covered: vec![4]
                },
            ]
        );
        // Everything covered: nothing to pick. Short slices count as false.
        assert!(greedy_recruits(&g, &[true; 5], &[true; 5], 3).is_empty());
        assert!(greedy_recruits(&g, &[], &[], 3).is_empty());
        assert!(greedy_recruits(&tie_graph(0, &[]), &[], &[], 3).is_empty());
    }
}
