//! Times the map's graph analyses on an edge list written by `graph_edges` (the same file
//! networkx reads in `scripts/bench-graph.sh`, so both run on the identical graph):
//!
//! ```sh
//! cargo run --release --example graph_time -- EDGES.tsv [REPEATS]
//! ```
//!
//! Prints one `algorithm<TAB>best seconds` line per analysis (best of REPEATS, default 3; the
//! graph is built from the file before the clock starts). Threads: `RAYON_NUM_THREADS`.

use fieldbook::graph::algo::{centrality, communities, coverage, tie_graph, TieGraph};
use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: graph_time EDGES.tsv [REPEATS]");
        return ExitCode::from(2);
    };
    let repeats: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3).max(1);
    let g = match read(&path) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("graph_time: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    eprintln!(
        "graph_time: {} nodes, {} ties, {} threads, best of {repeats}",
        g.node_count(),
        g.edge_count(),
        rayon::current_num_threads()
    );
    let n = g.node_count();
    let covered: Vec<bool> = (0..n).map(|i| i % 50 == 0).collect();
    let candidate: Vec<bool> = covered.iter().map(|c| !c).collect();
    time("betweenness", repeats, || centrality::betweenness(&g).len());
    time("pagerank", repeats, || {
        centrality::pagerank(&g, 0.85, 1e-10).len()
    });
    time("louvain", repeats, || communities::louvain(&g).len());
    time("greedy_recruits", repeats, || {
        coverage::greedy_recruits(&g, &covered, &candidate, 20).len()
    });
    ExitCode::SUCCESS
}

/// Runs `f` `repeats` times and prints the best wall time.
fn time(name: &str, repeats: usize, mut f: impl FnMut() -> usize) {
    let best = (0..repeats)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min);
    println!("{name}\t{best:.6}");
}

/// Reads `# nodes N` and `u<TAB>v<TAB>strength` lines.
fn read(path: &str) -> Result<TieGraph, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let mut n = 0;
    let mut edges = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(rest) = line.strip_prefix("# nodes ") {
            n = rest
                .trim()
                .parse()
                .map_err(|_| format!("line {}: bad node count", i + 1))?;
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let parsed = match f.as_slice() {
            [u, v, s] => (u.parse::<usize>(), v.parse::<usize>(), s.parse::<u8>()),
            _ => return Err(format!("line {}: expected u<TAB>v<TAB>strength", i + 1)),
        };
        match parsed {
            (Ok(u), Ok(v), Ok(s)) => {
                n = n.max(u + 1).max(v + 1);
                edges.push((u, v, s));
            }
            _ => return Err(format!("line {}: not numbers", i + 1)),
        }
    }
    Ok(tie_graph(n, &edges))
}
