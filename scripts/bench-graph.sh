#!/usr/bin/env bash
# Fieldbook — the map's graph analyses against networkx, on the identical graph, in the same run.
#
#   ./scripts/bench-graph.sh              # ours (2 threads and 1 thread) vs networkx, as a table
#   ./scripts/bench-graph.sh --criterion  # also run the criterion bench (benches/graph.rs)
#
# The graph: 10,000 people, 49,975 ties, workplace-shaped (fieldbook::graph::algo::bench_graph,
# seed 7), written out by `examples/graph_edges.rs` and read back by both sides: our
# `examples/graph_time.rs` (release build) and networkx in Python. networkx's exact betweenness
# on this graph takes several minutes. Goal: our betweenness at least 20× faster than networkx.
# Results are recorded by hand in docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

NETWORKX_VERSION=3.6.1
SCIPY_VERSION=1.17.1
REPEATS="${REPEATS:-3}"        # best of, for everything but networkx betweenness
NX_BC_REPEATS="${NX_BC_REPEATS:-1}"
CRITERION=0
for arg in "$@"; do
  case "$arg" in
    --criterion) CRITERION=1 ;;
    -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "bench-graph.sh: unknown option: $arg" >&2; exit 2 ;;
  esac
done
say() { printf '[bench-graph] %s\n' "$*" >&2; }

# ---------------------------------------------------------------- networkx (pinned)
if python3 -c "import networkx, scipy, sys; sys.exit(networkx.__version__ != '$NETWORKX_VERSION')" \
    >/dev/null 2>&1; then
  say "networkx $NETWORKX_VERSION: present"
else
  pip_args=(install --disable-pip-version-check "networkx==$NETWORKX_VERSION" "scipy==$SCIPY_VERSION")
  [[ "$(id -u)" -ne 0 ]] && pip_args+=(--user)
  say "installing: python3 -m pip ${pip_args[*]}"
  if ! out=$(python3 -m pip "${pip_args[@]}" 2>&1); then
    if grep -q externally-managed-environment <<<"$out"; then
      python3 -m pip "${pip_args[@]}" --break-system-packages
    else
      printf '%s\n' "$out" >&2
      exit 1
    fi
  fi
fi

# ---------------------------------------------------------------- the graph, and ours
say "building the examples (release)"
cargo build --release --quiet --example graph_edges --example graph_time
BIN="$ROOT/target/release/examples"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
"$BIN/graph_edges" "$TMP/edges.tsv"
say "graph: $(grep -vc '^#' "$TMP/edges.tsv") ties; machine: $(nproc) cores"

say "ours, default threads"
"$BIN/graph_time" "$TMP/edges.tsv" "$REPEATS" >"$TMP/ours.tsv"
say "ours, RAYON_NUM_THREADS=1"
RAYON_NUM_THREADS=1 "$BIN/graph_time" "$TMP/edges.tsv" "$REPEATS" >"$TMP/ours1.tsv"

# ---------------------------------------------------------------- networkx
say "networkx $(python3 -c 'import networkx; print(networkx.__version__)') (betweenness: minutes)"
python3 - "$TMP/edges.tsv" "$REPEATS" "$NX_BC_REPEATS" >"$TMP/nx.tsv" <<'PY'
import sys, threading, time
import networkx as nx

path, repeats, bc_repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
n, edges = 0, []
with open(path) as f:
    for line in f:
        if line.startswith("# nodes "):
            n = int(line.split()[2])
            continue
        u, v, s = map(int, line.split("\t"))
        edges.append((u, v, {"weight": s}))
g = nx.Graph()
g.add_nodes_from(range(n))
g.add_edges_from(edges)
print(f"[bench-graph] networkx graph: {g.number_of_nodes()} nodes, {g.number_of_edges()} ties",
      file=sys.stderr)


def best(name, times, f):
    """Best wall time of `times` runs, with a heartbeat on stderr for long runs."""
    results = []
    for i in range(times):
        done = threading.Event()
        start = time.perf_counter()

        def beat():
            while not done.wait(30):
                print(f"[bench-graph]   networkx {name} run {i + 1}: "
                      f"{time.perf_counter() - start:.0f} s so far", file=sys.stderr)

        threading.Thread(target=beat, daemon=True).start()
        f()
        done.set()
        results.append(time.perf_counter() - start)
        print(f"[bench-graph]   networkx {name} run {i + 1}: {results[-1]:.3f} s", file=sys.stderr)
    print(f"{name}\t{min(results):.6f}", flush=True)


best("pagerank", repeats,
     lambda: nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-10, max_iter=10_000))
best("louvain", repeats,
     lambda: nx.community.louvain_communities(g, weight="weight", seed=1))
best("betweenness", bc_repeats, lambda: nx.betweenness_centrality(g))
PY

# ---------------------------------------------------------------- the table
python3 - "$TMP/ours.tsv" "$TMP/ours1.tsv" "$TMP/nx.tsv" "$(nproc)" <<'PY'
import sys

def load(p):
    with open(p) as f:
        return {k: float(v) for k, v in (line.split("\t") for line in f if line.strip())}

ours, ours1, nx_, cores = load(sys.argv[1]), load(sys.argv[2]), load(sys.argv[3]), sys.argv[4]
print()
print(f"| algorithm (10,000 nodes, 49,975 ties) | ours, {cores} threads (s) | ours, 1 thread (s) "
      "| networkx (s) | networkx / ours |")
print("|---|---|---|---|---|")
for name in ["betweenness", "pagerank", "louvain", "greedy_recruits"]:
    theirs = nx_.get(name)
    ratio = f"{theirs / ours[name]:,.0f}×" if theirs else "—"
    them = f"{theirs:.3f}" if theirs else "—"
    print(f"| {name} | {ours[name]:.4f} | {ours1[name]:.4f} | {them} | {ratio} |")
bc = nx_["betweenness"] / ours["betweenness"]
print()
print(f"Betweenness: {bc:,.0f}× faster than networkx — goal (≥ 20×) "
      f"{'met' if bc >= 20 else 'NOT met'}.")
PY

if [[ "$CRITERION" -eq 1 ]]; then
  cargo bench --bench graph -- --noplot
fi
