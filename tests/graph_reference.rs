//! The map's graph algorithms against networkx on the same graphs.
//!
//! The fixtures in `tests/fixtures/graph/*.json` hold networkx's answers; they are written by
//! `tests/fixtures/graph/make_reference.py` (see its docstring for what each value is), and
//! `reference_script_reproduces_fixtures` checks that the script still writes exactly them.

use fieldbook::graph::algo::{centrality, communities, coverage, paths, tie_graph, TieGraph};
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Betweenness, PageRank, degree and modularity must agree with networkx to this (absolute).
const EPS: f64 = 1e-9;
/// Our Louvain may trail networkx's by at most this much modularity.
const LOUVAIN_SLACK: f64 = 0.02;

#[derive(Deserialize)]
struct Fixture {
    name: String,
    networkx_version: String,
    n: usize,
    edges: Vec<(usize, usize, u8)>,
    degree: Vec<f64>,
    betweenness: Vec<f64>,
    pagerank: PageRank,
    distances: Distances,
    warm_paths: WarmPaths,
    partition: Partition,
    louvain: Partition,
    planted: Option<Vec<usize>>,
}

#[derive(Deserialize)]
struct PageRank {
    alpha: f64,
    tol: f64,
    values: Vec<f64>,
}

#[derive(Deserialize)]
struct Distances {
    sources: Vec<usize>,
    values: Vec<Option<u32>>,
}

#[derive(Deserialize)]
struct WarmPaths {
    from: Vec<usize>,
    allowed: Vec<bool>,
    targets: Vec<usize>,
    costs: Vec<Option<u32>>,
}

#[derive(Deserialize)]
struct Partition {
    labels: Vec<usize>,
    modularity: f64,
}

impl Fixture {
    fn graph(&self) -> TieGraph {
        tie_graph(self.n, &self.edges)
    }
}

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/graph")
}

/// The `*.json` files of `dir`, sorted by name.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read the fixture directory")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn fixtures() -> Vec<Fixture> {
    let all: Vec<Fixture> = json_files(&fixture_dir())
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("read fixture");
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        })
        .collect();
    assert!(
        all.len() >= 7,
        "expected the 7 reference graphs, found {}",
        all.len()
    );
    all
}

fn assert_close(name: &str, what: &str, ours: &[f64], theirs: &[f64]) {
    assert_eq!(ours.len(), theirs.len(), "{name}: {what}: length");
    let worst = ours
        .iter()
        .zip(theirs)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max);
    println!("{name}: {what}: largest difference from networkx {worst:.1e}");
    for (v, (a, b)) in ours.iter().zip(theirs).enumerate() {
        assert!(
            (a - b).abs() <= EPS,
            "{name}: {what} of node {v}: ours {a}, networkx {b}"
        );
    }
}

#[test]
fn degree_matches_networkx() {
    for f in fixtures() {
        assert_close(
            &f.name,
            "degree",
            &centrality::degree(&f.graph()),
            &f.degree,
        );
    }
}

#[test]
fn betweenness_matches_networkx() {
    for f in fixtures() {
        assert_close(
            &f.name,
            "betweenness",
            &centrality::betweenness(&f.graph()),
            &f.betweenness,
        );
    }
}

#[test]
fn pagerank_matches_networkx() {
    for f in fixtures() {
        let ours = centrality::pagerank(&f.graph(), f.pagerank.alpha, f.pagerank.tol);
        assert_close(&f.name, "pagerank", &ours, &f.pagerank.values);
    }
}

#[test]
fn distances_match_networkx() {
    for f in fixtures() {
        let ours = coverage::distances(&f.graph(), &f.distances.sources);
        assert_eq!(ours, f.distances.values, "{}: distances", f.name);
    }
}

#[test]
fn warm_path_costs_match_networkx_and_paths_are_valid() {
    for f in fixtures() {
        let g = f.graph();
        let strength: HashMap<(usize, usize), u8> = f
            .edges
            .iter()
            .map(|&(a, b, s)| ((a.min(b), a.max(b)), s))
            .collect();
        let w = &f.warm_paths;
        for (&to, &cost) in w.targets.iter().zip(&w.costs) {
            let ours = paths::warm_path(&g, &w.from, to, &w.allowed);
            assert_eq!(
                ours.as_ref().map(|p| p.1),
                cost,
                "{}: warm path cost to {to}",
                f.name
            );
            let Some((path, cost)) = ours else { continue };
            assert!(
                w.from.contains(&path[0]),
                "{}: path to {to} starts outside from",
                f.name
            );
            assert_eq!(
                path.last(),
                Some(&to),
                "{}: path to {to} ends elsewhere",
                f.name
            );
            for &mid in path.iter().skip(1).take(path.len().saturating_sub(2)) {
                assert!(
                    w.allowed[mid],
                    "{}: path to {to} passes {mid}, not allowed",
                    f.name
                );
            }
            let total: u32 = path
                .windows(2)
                .map(|p| {
                    let s = strength.get(&(p[0].min(p[1]), p[0].max(p[1])));
                    paths::tie_cost(*s.unwrap_or_else(|| panic!("{}: {p:?} is no tie", f.name)))
                })
                .sum();
            assert_eq!(total, cost, "{}: path to {to} costs what it says", f.name);
        }
    }
}

#[test]
fn modularity_matches_networkx() {
    for f in fixtures() {
        let g = f.graph();
        for (what, p) in [
            ("fixed partition", &f.partition),
            ("networkx louvain", &f.louvain),
        ] {
            let q = communities::modularity(&g, &p.labels);
            assert!(
                (q - p.modularity).abs() <= EPS,
                "{}: modularity of the {what}: ours {q}, networkx {}",
                f.name,
                p.modularity
            );
        }
    }
}

#[test]
fn louvain_is_as_good_as_networkx() {
    for f in fixtures() {
        let g = f.graph();
        let labels = communities::louvain(&g);
        assert_eq!(labels.len(), f.n);
        let q = communities::modularity(&g, &labels);
        println!(
            "{}: louvain modularity ours {q:.4}, networkx {:.4}",
            f.name, f.louvain.modularity
        );
        assert!(
            q >= f.louvain.modularity - LOUVAIN_SLACK,
            "{}: louvain modularity {q} < networkx {} − {LOUVAIN_SLACK}",
            f.name,
            f.louvain.modularity
        );
        // Labels are 0.. by decreasing size.
        let mut size = vec![0usize; labels.iter().max().map_or(0, |m| m + 1)];
        for &l in &labels {
            size[l] += 1;
        }
        assert!(
            size.windows(2).all(|s| s[0] >= s[1]),
            "{}: label order {size:?}",
            f.name
        );
        assert!(size.iter().all(|&s| s > 0), "{}: labels have gaps", f.name);
    }
}

#[test]
fn louvain_recovers_planted_communities() {
    let mut checked = 0;
    for f in fixtures() {
        let Some(planted) = &f.planted else { continue };
        // Same grouping, whatever the label names.
        let ours = communities::louvain(&f.graph());
        let mut pairs: Vec<(usize, usize)> =
            ours.iter().copied().zip(planted.iter().copied()).collect();
        pairs.sort_unstable();
        pairs.dedup();
        let groups = |l: &[usize]| l.iter().collect::<std::collections::HashSet<_>>().len();
        assert!(
            pairs.len() == groups(&ours) && pairs.len() == groups(planted),
            "{}: louvain {ours:?} is not the planted {planted:?}",
            f.name
        );
        checked += 1;
    }
    assert!(
        checked >= 2,
        "the caveman and planted graphs carry planted communities"
    );
}

/// Compares two JSON documents: same structure, integers and strings equal, floats to 1e-12.
fn same_json(path: &str, a: &Value, b: &Value) -> Result<(), String> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(i), Some(j)) if i == j => Ok(()),
            (Some(_), Some(_)) => Err(format!("{path}: {x} ≠ {y}")),
            _ => {
                let (p, q) = (
                    x.as_f64().unwrap_or(f64::NAN),
                    y.as_f64().unwrap_or(f64::NAN),
                );
                if (p - q).abs() <= 1e-12 {
                    Ok(())
                } else {
                    Err(format!("{path}: {p} ≠ {q}"))
                }
            }
        },
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return Err(format!("{path}: length {} ≠ {}", x.len(), y.len()));
            }
            x.iter()
                .zip(y)
                .enumerate()
                .try_for_each(|(i, (p, q))| same_json(&format!("{path}[{i}]"), p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            let mut kx: Vec<_> = x.keys().collect();
            let mut ky: Vec<_> = y.keys().collect();
            kx.sort();
            ky.sort();
            if kx != ky {
                return Err(format!("{path}: keys {kx:?} ≠ {ky:?}"));
            }
            x.iter()
                .try_for_each(|(k, v)| same_json(&format!("{path}.{k}"), v, &y[k]))
        }
        _ if a == b => Ok(()),
        _ => Err(format!("{path}: {a} ≠ {b}")),
    }
}

/// The committed fixtures are what the script writes. Needs python3 with networkx and scipy
/// (scripts/setup.sh installs them); without them it prints a note and passes.
#[test]
fn reference_script_reproduces_fixtures() {
    let probe = Command::new("python3")
        .args(["-c", "import networkx, scipy; print(networkx.__version__)"])
        .output();
    let version = match probe {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).trim().to_string(),
        _ => {
            eprintln!("note: python3 with networkx and scipy not found; not regenerating the graph fixtures");
            return;
        }
    };
    let committed = fixtures();
    if let Some(f) = committed.iter().find(|f| f.networkx_version != version) {
        eprintln!(
            "note: networkx {version} is installed but {} was made with {}; not regenerating \
             (install the pinned version, see scripts/setup.sh)",
            f.name, f.networkx_version
        );
        return;
    }
    let out = tempfile::tempdir().expect("temp dir");
    let script = fixture_dir().join("make_reference.py");
    let status = Command::new("python3")
        .arg(&script)
        .arg("--out")
        .arg(out.path())
        .status()
        .expect("run make_reference.py");
    assert!(status.success(), "make_reference.py failed: {status}");

    let names = |dir: &Path| -> Vec<String> {
        json_files(dir)
            .iter()
            .map(|p| {
                p.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    };
    assert_eq!(
        names(out.path()),
        names(&fixture_dir()),
        "the script writes exactly the committed fixtures"
    );
    for name in names(out.path()) {
        let read = |dir: &Path| -> Value {
            let text = std::fs::read_to_string(dir.join(&name)).expect("read json");
            serde_json::from_str(&text).expect("parse json")
        };
        if let Err(diff) = same_json(&name, &read(out.path()), &read(&fixture_dir())) {
            panic!("regenerated {name} differs from the committed file: {diff}");
        }
    }
}
