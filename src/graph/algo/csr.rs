//! Compressed sparse row adjacency, built once per analysis so the inner loops of the algorithms
//! walk flat arrays instead of petgraph's linked edge lists.

use super::TieGraph;

/// Undirected adjacency in CSR form: the neighbours of node `v` are
/// `targets[offsets[v]..offsets[v + 1]]`, in ascending order, with the tie strengths alongside in
/// `strengths`. Each edge appears once from each end. Self-loops are dropped, and a pair joined by
/// more than one edge keeps one entry with the strongest strength, so the algorithms always see a
/// simple graph.
#[derive(Debug, Clone, Default)]
pub(crate) struct Csr {
    pub offsets: Vec<u32>,
    pub targets: Vec<u32>,
    pub strengths: Vec<u8>,
}

impl Csr {
    /// Builds the adjacency of `g`.
    pub fn new(g: &TieGraph) -> Csr {
        let n = g.node_count();
        let mut pairs: Vec<(u32, u32, u8)> = Vec::with_capacity(2 * g.edge_count());
        for e in g.raw_edges() {
            let (a, b) = (e.source().index(), e.target().index());
            if a != b {
                pairs.push((a as u32, b as u32, e.weight));
                pairs.push((b as u32, a as u32, e.weight));
            }
        }
        // Sort by (source, target, strongest first) so duplicates keep the strongest tie.
        pairs.sort_unstable_by(|x, y| (x.0, x.1, y.2).cmp(&(y.0, y.1, x.2)));
        pairs.dedup_by_key(|p| (p.0, p.1));

        let mut offsets = vec![0u32; n + 1];
        for &(a, _, _) in &pairs {
            offsets[a as usize + 1] += 1;
        }
        for v in 0..n {
            offsets[v + 1] += offsets[v];
        }
        Csr {
            offsets,
            targets: pairs.iter().map(|p| p.1).collect(),
            strengths: pairs.iter().map(|p| p.2).collect(),
        }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// The index range of `v`'s entries in `targets` / `strengths`.
    #[inline]
    pub fn range(&self, v: usize) -> std::ops::Range<usize> {
        self.offsets[v] as usize..self.offsets[v + 1] as usize
    }

    /// The neighbours of `v`, ascending.
    #[inline]
    pub fn neighbors(&self, v: usize) -> &[u32] {
        &self.targets[self.range(v)]
    }

    /// The number of neighbours of `v`.
    #[inline]
    pub fn degree(&self, v: usize) -> usize {
        (self.offsets[v + 1] - self.offsets[v]) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use petgraph::graph::NodeIndex;

    #[test]
    fn drops_loops_and_keeps_the_strongest_duplicate() {
        let mut g = TieGraph::default();
        let n: Vec<NodeIndex> = (0..3).map(|_| g.add_node(())).collect();
        g.add_edge(n[0], n[1], 1);
        g.add_edge(n[1], n[0], 3);
        g.add_edge(n[2], n[2], 2);
        g.add_edge(n[2], n[1], 2);
        let c = Csr::new(&g);
        assert_eq!(c.len(), 3);
        assert_eq!(c.neighbors(0), &[1]);
        assert_eq!(c.neighbors(1), &[0, 2]);
        assert_eq!(c.neighbors(2), &[1]);
        assert_eq!(&c.strengths[c.range(1)], &[3, 2]);
        assert_eq!(c.degree(2), 1);
    }

    #[test]
    fn empty_graph() {
        let c = Csr::new(&TieGraph::default());
        assert_eq!(c.len(), 0);
        assert!(c.targets.is_empty());
    }
}
