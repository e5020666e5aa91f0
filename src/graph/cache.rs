//! Betweenness, kept for the unlocked session.
//!
//! Betweenness (Brandes, O(n·m)) is the one analysis of the map that takes about a second on a
//! unit of 5,000; everything else is milliseconds. It depends only on the graph's shape (who is
//! tied to whom: strengths do not count), so it is computed once per shape and reused while the
//! shape stays the same. The desktop app starts the computation in the background as soon as a
//! vault is unlocked, so the first opening of the map does not wait for it.
//!
//! The key is the shape itself (node count and sorted edge list), compared exactly: no hash that
//! could collide, and no way to serve the figures of a graph that has since changed. Locking
//! clears the cache.

use super::algo::{centrality, TieGraph};
use petgraph::visit::EdgeRef;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

/// Who is tied to whom, the only input betweenness reads.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Shape {
    nodes: usize,
    edges: Vec<(u32, u32)>,
}

impl Shape {
    fn of(g: &TieGraph) -> Shape {
        let mut edges: Vec<(u32, u32)> = g
            .edge_references()
            .map(|e| {
                let (a, b) = (e.source().index() as u32, e.target().index() as u32);
                (a.min(b), a.max(b))
            })
            .collect();
        edges.sort_unstable();
        Shape {
            nodes: g.node_count(),
            edges,
        }
    }
}

/// Filled once; readers arriving while it is being filled wait for that computation instead of
/// starting their own. `started`: a background computation was started for it.
#[derive(Debug, Default)]
struct Slot {
    value: OnceLock<Arc<Vec<f64>>>,
    started: AtomicBool,
}

type Cell = Arc<Slot>;

/// Per campaign, the betweenness of the last shape asked for. Cheap to clone (shared).
#[derive(Debug, Clone, Default)]
pub struct BetweennessCache {
    entries: Arc<Mutex<HashMap<i64, (Shape, Cell)>>>,
}

impl BetweennessCache {
    fn entries(&self) -> MutexGuard<'_, HashMap<i64, (Shape, Cell)>> {
        // The map holds only derived numbers: a panic elsewhere must not make it unusable.
        self.entries.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn cell(&self, campaign_id: i64, shape: Shape) -> Cell {
        let mut entries = self.entries();
        match entries.get(&campaign_id) {
            Some((known, cell)) if *known == shape => cell.clone(),
            _ => {
                let cell = Cell::default();
                entries.insert(campaign_id, (shape, cell.clone()));
                cell
            }
        }
    }

    /// The betweenness of `g` (as [`centrality::betweenness`]), computed now unless this shape's is
    /// already known or being computed.
    pub fn get(&self, campaign_id: i64, g: &TieGraph) -> Arc<Vec<f64>> {
        let cell = self.cell(campaign_id, Shape::of(g));
        cell.value
            .get_or_init(|| Arc::new(centrality::betweenness(g)))
            .clone()
    }

    /// The betweenness of `g` if this shape's is known now; otherwise `None`, and its computation
    /// runs in the background (started now unless already under way), so that a later
    /// [`Self::get`] waits for it instead of starting over.
    pub fn get_or_start(&self, campaign_id: i64, g: &TieGraph) -> Option<Arc<Vec<f64>>> {
        let cell = self.cell(campaign_id, Shape::of(g));
        if let Some(known) = cell.value.get() {
            return Some(known.clone());
        }
        Self::start(cell, g.clone());
        None
    }

    /// Start computing `g`'s betweenness on a background thread (nothing to wait for).
    pub fn prewarm(&self, campaign_id: i64, g: TieGraph) {
        Self::start(self.cell(campaign_id, Shape::of(&g)), g);
    }

    fn start(cell: Cell, g: TieGraph) {
        if cell.value.get().is_some() || cell.started.swap(true, Ordering::AcqRel) {
            return;
        }
        let spawned = std::thread::Builder::new()
            .name("map-betweenness".into())
            .spawn(move || {
                lower_priority();
                let pool = rayon::ThreadPoolBuilder::new()
                    .thread_name(|i| format!("map-betweenness-{i}"))
                    .start_handler(|_| lower_priority())
                    .build();
                cell.value.get_or_init(|| {
                    Arc::new(match &pool {
                        Ok(pool) => pool.install(|| centrality::betweenness(&g)),
                        Err(_) => centrality::betweenness(&g),
                    })
                });
            });
        // Without a thread the map simply computes it when asked with `get`.
        drop(spawned);
    }

    /// Forget everything (on lock).
    pub fn clear(&self) {
        self.entries().clear();
    }

    /// Whether this shape's betweenness is known already (for tests).
    pub fn is_ready(&self, campaign_id: i64, g: &TieGraph) -> bool {
        let shape = Shape::of(g);
        self.entries()
            .get(&campaign_id)
            .is_some_and(|(known, cell)| *known == shape && cell.value.get().is_some())
    }
}

/// The background computation yields to everything else (Linux: nice 10 for its threads): right
/// after an unlock the window is drawing the map or the dashboard, and on a two-core laptop the
/// betweenness of 5,000 workers on every core at equal priority made that first frame wait (the
/// leaders come a moment later instead). Elsewhere the threads keep the normal priority.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: plain system calls with no pointers; on Linux the nice value is per thread, and
    // `gettid` names the calling thread, so only this computation's threads are affected.
    unsafe {
        let tid = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, 10);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::algo::tie_graph;

    #[test]
    fn reuses_the_same_shape_and_recomputes_a_changed_one() {
        let cache = BetweennessCache::default();
        let path = tie_graph(4, &[(0, 1, 1), (1, 2, 1), (2, 3, 1)]);
        let first = cache.get(1, &path);
        assert_eq!(*first, centrality::betweenness(&path));
        assert!(cache.is_ready(1, &path));
        // Other strengths, same shape: the same numbers, not recomputed.
        let stronger = tie_graph(4, &[(0, 1, 3), (1, 2, 2), (2, 3, 3)]);
        assert!(Arc::ptr_eq(&first, &cache.get(1, &stronger)));
        // A new tie changes the shape: recomputed, and correct for the new graph.
        let cycle = tie_graph(4, &[(0, 1, 1), (1, 2, 1), (2, 3, 1), (3, 0, 1)]);
        assert!(!cache.is_ready(1, &cycle));
        assert_eq!(*cache.get(1, &cycle), centrality::betweenness(&cycle));
        // Campaigns are kept apart; clearing forgets all.
        assert!(!cache.is_ready(2, &cycle));
        cache.clear();
        assert!(!cache.is_ready(1, &cycle));
    }

    #[test]
    fn a_prewarmed_result_is_the_one_served() {
        let cache = BetweennessCache::default();
        let g = tie_graph(5, &[(0, 1, 1), (1, 2, 1), (1, 3, 1), (3, 4, 1)]);
        cache.prewarm(7, g.clone());
        // `get` waits for the background computation rather than racing it.
        assert_eq!(*cache.get(7, &g), centrality::betweenness(&g));
        assert!(cache.is_ready(7, &g));
    }

    #[test]
    fn get_or_start_answers_at_once_and_computes_in_the_background() {
        let cache = BetweennessCache::default();
        let g = tie_graph(5, &[(0, 1, 1), (1, 2, 1), (1, 3, 1), (3, 4, 1)]);
        let first = cache.get_or_start(3, &g);
        // Either not known yet (started), or the background thread already finished.
        if first.is_none() {
            assert_eq!(*cache.get(3, &g), centrality::betweenness(&g));
        }
        assert!(cache.is_ready(3, &g));
        let known = cache.get_or_start(3, &g).expect("known once computed");
        assert_eq!(*known, centrality::betweenness(&g));
    }
}
