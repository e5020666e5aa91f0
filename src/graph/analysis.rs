//! The analyses, from a campaign's workers and ties to a [`MapAnalysis`]: centralities on the unit
//! graph (active workers, supervisors left out), natural leaders with their reasons, committee
//! coverage and the next recruits, clusters, anti-union influence, and the layout.

use super::algo::{centrality, communities, coverage, paths};
use super::layout;
use super::load::{MapData, UnitGraph};
use super::model::*;
use crate::workers::relationship::RelationshipKind;
use petgraph::graph::NodeIndex;
use std::collections::HashMap;

/// PageRank's damping factor and tolerance (per node).
pub const PAGERANK_ALPHA: f64 = 0.85;
pub const PAGERANK_TOL: f64 = 1e-10;
/// How many next recruits the greedy cover proposes.
pub const RECRUITS: usize = 10;
/// Committee members per coworker the norm asks for.
pub const COVERAGE_NORM: u32 = 10;

/// How many natural leaders to list: 5% of the unit, at least 10, at most 50.
fn leader_count(n: usize) -> usize {
    (n / 20).clamp(10, 50).min(n)
}

/// Everything the map view and `fieldbook map --json` show.
pub fn analyze(campaign_id: i64, data: &MapData, saved: &HashMap<i64, (f64, f64)>) -> MapAnalysis {
    analyze_with(campaign_id, data, saved, |g| {
        Some(std::sync::Arc::new(centrality::betweenness(g)))
    })
}

/// [`analyze`], with the unit graph's betweenness from `betweenness` (a session's
/// [`super::cache::BetweennessCache`]: the one analysis too slow to redo on every opening).
/// When it gives `None` (not known yet) the map is complete but for what betweenness decides:
/// every worker's betweenness is 0 and there are no leaders.
pub fn analyze_with(
    campaign_id: i64,
    data: &MapData,
    saved: &HashMap<i64, (f64, f64)>,
    betweenness: impl FnOnce(&super::algo::TieGraph) -> Option<std::sync::Arc<Vec<f64>>>,
) -> MapAnalysis {
    let ug = UnitGraph::build(data);
    let g = &ug.graph;
    let n = ug.members.len();
    let worker = |node: usize| &data.workers[ug.members[node]];

    let degree = centrality::degree(g);
    let betweenness = betweenness(g);
    let influence = centrality::pagerank(g, PAGERANK_ALPHA, PAGERANK_TOL);
    let mut by_influence: Vec<usize> = (0..n).collect();
    by_influence.sort_by(|&a, &b| influence[b].total_cmp(&influence[a]).then(a.cmp(&b)));
    let mut rank = vec![0u32; n];
    for (r, &node) in by_influence.iter().enumerate() {
        rank[node] = r as u32 + 1;
    }

    let committee: Vec<usize> = (0..n).filter(|&i| worker(i).committee).collect();
    let distance = coverage::distances(g, &committee);
    let labels = communities::louvain(g);
    let modularity = communities::modularity(g, &labels);

    let cov = coverage_of(data, &ug, &distance, &influence);
    let clusters = clusters_of(data, &ug, &labels, &influence);
    let leaders = match &betweenness {
        Some(b) => leaders_of(data, &ug, &by_influence, b, &influence, &rank),
        None => Vec::new(),
    };
    let anti_union = anti_union_of(data, &ug, &by_influence, &influence, &rank);

    // Layout: clusters as discs (most influential at the centre); supervisors join the cluster
    // most of their ties lead to; workers with no tie at all share one disc.
    let n_clusters = labels.iter().max().map_or(0, |m| m + 1);
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); n_clusters + 1];
    let cluster_sizes = clusters.iter().map(|c| c.size).collect::<Vec<_>>();
    for &node in &by_influence {
        let l = labels[node];
        let group = if cluster_sizes.get(l).copied().unwrap_or(0) <= 1 {
            n_clusters
        } else {
            l
        };
        groups[group].push(ug.members[node]);
    }
    for (i, w) in data.workers.iter().enumerate() {
        if w.is_supervisor {
            let mut votes: HashMap<usize, u32> = HashMap::new();
            for t in &data.ties {
                let other = if t.worker_a == w.id {
                    t.worker_b
                } else if t.worker_b == w.id {
                    t.worker_a
                } else {
                    continue;
                };
                if let Some(&node) = ug.node_of.get(&other) {
                    *votes.entry(labels[node]).or_default() += 1;
                }
            }
            let best = votes
                .into_iter()
                .max_by_key(|&(l, c)| (c, std::cmp::Reverse(l)));
            let group = match best {
                Some((l, _)) if cluster_sizes.get(l).copied().unwrap_or(0) > 1 => l,
                _ => n_clusters,
            };
            groups[group].push(i);
        }
    }
    let computed = layout::discs(data.workers.len(), &groups);

    let node_of_worker: Vec<Option<usize>> = data
        .workers
        .iter()
        .map(|w| ug.node_of.get(&w.id).copied())
        .collect();
    let workers = data
        .workers
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let node = node_of_worker[i];
            let (x, y) = saved.get(&w.id).copied().unwrap_or(computed[i]);
            MapWorker {
                id: w.id,
                name: w.name.clone(),
                department: w.department.clone(),
                shift: w.shift.clone(),
                assessment: w.assessment,
                committee: w.committee,
                supervisor: w.is_supervisor,
                degree: node.map_or(0.0, |v| degree[v]),
                betweenness: match (node, &betweenness) {
                    (Some(v), Some(b)) => b[v],
                    _ => 0.0,
                },
                influence: node.map_or(0.0, |v| influence[v]),
                influence_rank: node.map(|v| rank[v]),
                committee_distance: node.and_then(|v| distance[v]),
                cluster: node.map(|v| labels[v] as u32),
                x,
                y,
            }
        })
        .collect();
    let ties = data
        .ties
        .iter()
        .map(|t| MapTie {
            id: t.id,
            source: t.worker_a,
            target: t.worker_b,
            kind: t.kind,
            strength: t.strength,
        })
        .collect();
    MapAnalysis {
        campaign_id,
        workers,
        ties,
        leaders,
        coverage: cov,
        clusters,
        anti_union,
        modularity,
    }
}

/// Committee coverage: distances, the uncovered list, ratios per group, the greedy recruits.
fn coverage_of(
    data: &MapData,
    ug: &UnitGraph,
    distance: &[Option<u32>],
    influence: &[f64],
) -> Coverage {
    let n = ug.members.len();
    let worker = |node: usize| &data.workers[ug.members[node]];
    let covered: Vec<bool> = distance.iter().map(|d| matches!(d, Some(0 | 1))).collect();
    let mut uncovered: Vec<usize> = (0..n).filter(|&i| !covered[i]).collect();
    // Farthest first (unreachable before all), then the most influential.
    uncovered.sort_by(|&a, &b| {
        let far = |d: Option<u32>| d.map_or(u32::MAX, |d| d);
        far(distance[b])
            .cmp(&far(distance[a]))
            .then(influence[b].total_cmp(&influence[a]))
            .then(a.cmp(&b))
    });
    // A candidate is any unit worker not on the committee and not assessed against (4–5).
    let candidate: Vec<bool> = (0..n)
        .map(|i| {
            let w = worker(i);
            !w.committee && !matches!(w.assessment, Some(4 | 5))
        })
        .collect();
    let next_recruits = coverage::greedy_recruits(&ug.graph, &covered, &candidate, RECRUITS)
        .into_iter()
        .map(|p| Recruit {
            worker_id: worker(p.node).id,
            covers: p.newly_covered.iter().map(|&v| worker(v).id).collect(),
        })
        .collect();
    let group = |key: fn(&crate::workers::WorkerRow) -> &str| {
        let mut groups: HashMap<&str, GroupCoverage> = HashMap::new();
        for (i, &is_covered) in covered.iter().enumerate().take(n) {
            let w = worker(i);
            let e = groups.entry(key(w)).or_insert_with(|| GroupCoverage {
                name: key(w).to_string(),
                workers: 0,
                committee: 0,
                needed: 0,
                uncovered: 0,
            });
            e.workers += 1;
            e.committee += u32::from(w.committee);
            e.uncovered += u32::from(!is_covered);
        }
        let mut out: Vec<GroupCoverage> = groups
            .into_values()
            .map(|mut g| {
                g.needed = g.workers.div_ceil(COVERAGE_NORM);
                g
            })
            .collect();
        out.sort_by(|a, b| b.workers.cmp(&a.workers).then(a.name.cmp(&b.name)));
        out
    };
    Coverage {
        unit_workers: n as u32,
        committee: (0..n).filter(|&i| worker(i).committee).count() as u32,
        unreachable: uncovered.iter().filter(|&&i| distance[i].is_none()).count() as u32,
        uncovered: uncovered.iter().map(|&i| worker(i).id).collect(),
        departments: group(|w| w.department.as_str()),
        shifts: group(|w| w.shift.as_str()),
        next_recruits,
    }
}

/// Clusters, largest first (the labels are numbered so), with their committee and hub.
fn clusters_of(
    data: &MapData,
    ug: &UnitGraph,
    labels: &[usize],
    influence: &[f64],
) -> Vec<Cluster> {
    let n_clusters = labels.iter().max().map_or(0, |m| m + 1);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); n_clusters];
    for (node, &l) in labels.iter().enumerate() {
        members[l].push(node);
    }
    let most_common = |it: &mut dyn Iterator<Item = &str>| {
        let mut counts: HashMap<&str, u32> = HashMap::new();
        for s in it {
            *counts.entry(s).or_default() += 1;
        }
        counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
            .map_or(String::new(), |(s, _)| s.to_string())
    };
    members
        .iter()
        .enumerate()
        .map(|(index, nodes)| {
            let w = |v: usize| &data.workers[ug.members[v]];
            let hub = nodes
                .iter()
                .copied()
                .max_by(|&a, &b| influence[a].total_cmp(&influence[b]).then(b.cmp(&a)))
                .map_or(0, |v| w(v).id);
            Cluster {
                index: index as u32,
                size: nodes.len() as u32,
                committee: nodes.iter().filter(|&&v| w(v).committee).count() as u32,
                department: most_common(&mut nodes.iter().map(|&v| w(v).department.as_str())),
                shift: most_common(&mut nodes.iter().map(|&v| w(v).shift.as_str())),
                hub,
            }
        })
        .collect()
}

/// Natural leaders: the most influential unit workers, each with why.
fn leaders_of(
    data: &MapData,
    ug: &UnitGraph,
    by_influence: &[usize],
    betweenness: &[f64],
    influence: &[f64],
    rank: &[u32],
) -> Vec<Leader> {
    let g = &ug.graph;
    let n = ug.members.len();
    let worker = |node: usize| &data.workers[ug.members[node]];
    let mut degrees: Vec<usize> = (0..n)
        .map(|v| g.neighbors(NodeIndex::new(v)).count())
        .collect();
    let node_degree = degrees.clone();
    degrees.sort_unstable();
    let median_degree = degrees.get(n / 2).copied().unwrap_or(0);
    let mut sorted_b = betweenness.to_vec();
    sorted_b.sort_by(|a, b| b.total_cmp(a));
    let top_decile_b = sorted_b.get(n / 10).copied().unwrap_or(f64::INFINITY);
    // Directed ties out of each worker that sway others: influence and mentoring.
    let mut sways: HashMap<i64, u32> = HashMap::new();
    for t in &data.ties {
        if matches!(
            t.kind,
            RelationshipKind::Influence | RelationshipKind::Mentor
        ) {
            *sways.entry(t.worker_a).or_default() += 1;
        }
    }
    by_influence
        .iter()
        .take(leader_count(n))
        .map(|&v| {
            let w = worker(v);
            let mut reasons = Vec::new();
            if betweenness[v] > 0.0 && betweenness[v] >= top_decile_b {
                let mut other: HashMap<String, u32> = HashMap::new();
                for u in g.neighbors(NodeIndex::new(v)) {
                    let o = worker(u.index());
                    if o.department != w.department {
                        *other.entry(o.department.clone()).or_default() += 1;
                    }
                    if o.shift != w.shift {
                        *other.entry(format!("{} shift", o.shift)).or_default() += 1;
                    }
                }
                let mut other: Vec<(String, u32)> = other.into_iter().collect();
                other.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                if let Some((first, _)) = other.first() {
                    reasons.push(LeaderReason::Bridges {
                        groups: vec![w.department.clone(), first.clone()],
                    });
                }
            }
            if node_degree[v] >= 2 * median_degree.max(1) {
                reasons.push(LeaderReason::Knows {
                    count: node_degree[v] as u32,
                });
            }
            let s = sways.get(&w.id).copied().unwrap_or(0);
            if s >= 2 {
                reasons.push(LeaderReason::Sways { count: s });
            }
            if reasons.is_empty() {
                let percentile =
                    ((rank[v] as f64 / n.max(1) as f64) * 100.0).ceil().max(1.0) as u32;
                reasons.push(LeaderReason::Central { percentile });
            }
            Leader {
                worker_id: w.id,
                influence: influence[v],
                reasons,
            }
        })
        .collect()
}

/// Workers assessed 4–5 in the top quarter by influence (at most 20), and who they reach: their
/// direct unit ties, the undecided and unassessed first, then the supportive, then the rest.
fn anti_union_of(
    data: &MapData,
    ug: &UnitGraph,
    by_influence: &[usize],
    influence: &[f64],
    rank: &[u32],
) -> Vec<AntiInfluence> {
    let n = ug.members.len();
    let worker = |node: usize| &data.workers[ug.members[node]];
    let cutoff = n.div_ceil(4).max(1) as u32;
    by_influence
        .iter()
        .copied()
        .filter(|&v| matches!(worker(v).assessment, Some(4 | 5)) && rank[v] <= cutoff)
        .take(20)
        .map(|v| {
            let mut reach: Vec<usize> = ug
                .graph
                .neighbors(NodeIndex::new(v))
                .map(|u| u.index())
                .collect();
            let order = |u: usize| match worker(u).assessment {
                Some(3) | None => 0,
                Some(1 | 2) => 1,
                _ => 2,
            };
            reach.sort_by(|&a, &b| {
                order(a)
                    .cmp(&order(b))
                    .then(influence[b].total_cmp(&influence[a]))
                    .then(a.cmp(&b))
            });
            AntiInfluence {
                worker_id: worker(v).id,
                assessment: worker(v).assessment.unwrap_or(0),
                influence: influence[v],
                influence_rank: rank[v],
                reaches: reach.into_iter().map(|u| worker(u).id).collect(),
            }
        })
        .collect()
}

/// The warm path to `to`: from the chosen worker `from`, or from the nearest committee member when
/// `from` is `None`. Every worker in between is on the committee or assessed 1–2 (supportive);
/// strong ties are preferred. `None` when no such chain exists (or an end is not in the unit).
pub fn warm_path(data: &MapData, from: Option<i64>, to: i64) -> Option<WarmPath> {
    let ug = UnitGraph::build(data);
    let n = ug.members.len();
    let worker = |node: usize| &data.workers[ug.members[node]];
    let target = *ug.node_of.get(&to)?;
    let sources: Vec<usize> = match from {
        Some(id) => vec![*ug.node_of.get(&id)?],
        None => (0..n).filter(|&i| worker(i).committee).collect(),
    };
    let allowed: Vec<bool> = (0..n)
        .map(|i| worker(i).committee || matches!(worker(i).assessment, Some(1 | 2)))
        .collect();
    let (nodes, cost) = paths::warm_path(&ug.graph, &sources, target, &allowed)?;
    let ids: Vec<i64> = nodes.iter().map(|&v| worker(v).id).collect();
    // The tie walked between two workers: the strongest recorded one (oldest on a tie).
    let tie_between = |a: i64, b: i64| {
        data.ties
            .iter()
            .filter(|t| {
                (t.worker_a == a && t.worker_b == b) || (t.worker_a == b && t.worker_b == a)
            })
            .max_by(|x, y| x.strength.cmp(&y.strength).then(y.id.cmp(&x.id)))
            .map(|t| t.id)
    };
    let ties = ids
        .windows(2)
        .filter_map(|p| tie_between(p[0], p[1]))
        .collect();
    Some(WarmPath {
        workers: ids,
        ties,
        cost,
    })
}
