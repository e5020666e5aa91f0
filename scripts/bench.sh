#!/usr/bin/env bash
# Fieldbook — the benchmarks, with the peers they are compared against in the same run.
#
#   ./scripts/bench.sh            # every bench (vault, import, workers)
#   ./scripts/bench.sh import     # one bench
#
# Results and ratios are recorded by hand in docs/benchmarks.md (criterion also writes
# target/criterion/). Peers: the stock sqlite3 CLI (`.import` into a plain database).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v sqlite3 >/dev/null 2>&1; then
  echo "[bench] installing the stock sqlite3 CLI (the import benchmark's peer)"
  SUDO=(); [[ "$(id -u)" -ne 0 ]] && SUDO=(sudo)
  "${SUDO[@]}" apt-get update -qq && "${SUDO[@]}" apt-get install -y --no-install-recommends sqlite3
fi
# The import's stages one by one, and the CPU time of both sides (docs/benchmarks.md, import).
import_stages() { cargo run --release --example import_stages -- 3; }
if [[ $# -eq 0 ]]; then
  cargo bench --benches
  import_stages
else
  for b in "$@"; do
    cargo bench --bench "$b"
    if [[ "$b" == import ]]; then import_stages; fi
  done
fi
