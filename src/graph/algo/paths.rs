//! The warm path: the best chain of trusted coworkers from one set of people to a target.

use super::TieGraph;

/// The cost of crossing a tie: strong ties are cheap (3 → 1, 2 → 2, 1 → 3).
pub fn tie_cost(strength: u8) -> u32 {
    4u32.saturating_sub(u32::from(strength.clamp(1, 3)))
}

/// The cheapest path (Dijkstra, cost = [`tie_cost`]) from any of `from` to `to`, whose
/// *intermediate* nodes all have `allowed[i]` (the ends need not). Ties in cost: fewer hops, then
/// the lexicographically smallest node sequence. Returns the nodes from the start to `to`, and the
/// total cost; `None` when there is no such path. A `to` inside `from` gives `[to]` at cost 0.
pub fn warm_path(g: &TieGraph, from: &[usize], to: usize, allowed: &[bool]) -> Option<(Vec<usize>, u32)> {
    let _ = (g, from, to, allowed);
    unimplemented!()
}
