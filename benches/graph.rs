//! The map's graph analyses on a workplace-shaped graph of 10,000 people and about 50,000 ties
//! (`fieldbook::graph::algo::bench_graph`, seed 7). The comparison with networkx on the identical
//! graph is `scripts/bench-graph.sh`; results are in docs/benchmarks.md. Goal: betweenness at
//! least 20× faster than networkx.

use criterion::{criterion_group, criterion_main, Criterion};
use fieldbook::graph::algo::bench_graph::bench_workplace;
use fieldbook::graph::algo::{centrality, communities, coverage};
use std::hint::black_box;
use std::time::Duration;

fn graph(c: &mut Criterion) {
    let g = bench_workplace();
    let n = g.node_count();
    // A committee of every 50th person; anyone not on it may be recruited.
    let covered: Vec<bool> = (0..n).map(|i| i % 50 == 0).collect();
    let candidate: Vec<bool> = covered.iter().map(|c| !c).collect();

    let mut group = c.benchmark_group(format!("graph {n} nodes {} ties", g.edge_count()));
    // Betweenness takes seconds an iteration: give its 10 samples a minute, the rest 10 s.
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(60));
    group.bench_function("betweenness", |b| {
        b.iter(|| centrality::betweenness(black_box(&g)))
    });
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("pagerank", |b| {
        b.iter(|| centrality::pagerank(black_box(&g), 0.85, 1e-10))
    });
    group.bench_function("louvain", |b| {
        b.iter(|| communities::louvain(black_box(&g)))
    });
    group.bench_function("greedy_recruits k=20", |b| {
        b.iter(|| coverage::greedy_recruits(black_box(&g), &covered, &candidate, 20))
    });
    group.finish();
}

criterion_group!(benches, graph);
criterion_main!(benches);
