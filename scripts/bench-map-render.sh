#!/usr/bin/env bash
# The 5,000-worker map in the shipped build's real window (issue 4: "first render ≤ 2 s; panning
# stays smooth").
#
#   scripts/bench-map-render.sh                 # build the release app, then measure
#   scripts/bench-map-render.sh --no-build      # measure the release app already built
#   scripts/bench-map-render.sh --debug         # measure target/debug (what tests/e2e drives)
#
# Options: --starts N (app starts, default 3), --reopens N (map reopened per start, default 3),
# --workers N (demo size, default 5000), --app PATH (measure that app binary instead, e.g. a build
# of an older commit; implies --no-build).
#
# Builds the UI (npm run build) and `cargo build --release -p fieldbook-app -p fieldbook --bins
# --features fieldbook-app/custom-protocol` (~15-25 min the first time on 2 cores), makes a demo
# vault with `fieldbook demo --workers N`, and drives the real window through the end-to-end
# harness (tests/e2e/run.sh: Xvfb, tauri-driver, WebKitWebDriver; software rendering). For each
# app start: unlock from the recent list, click the map at once (as an organizer would: the
# session may still be computing betweenness in the background), then pan it by dragging with
# real pointer input, then leave and reopen it N times. Reported: the first render from the click
# (the frame after the canvas's first render; median of the starts), the same for reopenings (the
# WebView's code warm), the view's own stages, the pan's frame times, and the load average.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

BUILD=1
PROFILE=release
APP_OVERRIDE=""
STARTS=3
REOPENS=3
WORKERS=5000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) BUILD=0 ;;
    --debug) PROFILE=debug ;;
    --starts) STARTS="$2"; shift ;;
    --reopens) REOPENS="$2"; shift ;;
    --workers) WORKERS="$2"; shift ;;
    --app) APP_OVERRIDE="$(realpath "$2")"; BUILD=0; shift ;;
    -h|--help) sed -n '2,23p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "bench-map-render.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
if [[ $BUILD -eq 1 ]]; then
  (cd ui && npm run build)
  if [[ $PROFILE == release ]]; then
    cargo build --release -p fieldbook-app -p fieldbook --bins --features fieldbook-app/custom-protocol
  else
    cargo build -p fieldbook-app -p fieldbook --bins --features fieldbook-app/custom-protocol
  fi
fi
APP="${APP_OVERRIDE:-$TARGET/$PROFILE/fieldbook-app}"
CLI="$TARGET/$PROFILE/fieldbook"
[[ -x "$APP" && -x "$CLI" ]] || { echo "bench-map-render.sh: $APP or $CLI missing (build first)" >&2; exit 1; }

export FIELDBOOK_APP="$APP" FIELDBOOK_CLI="$CLI" BENCH_STARTS="$STARTS" BENCH_REOPENS="$REOPENS" BENCH_WORKERS="$WORKERS" BENCH_PROFILE="$PROFILE"
export E2E_PORT="${E2E_PORT:-4790}"

read -r -d '' DRIVER <<'JS' || true
import { mkdtempSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
const helpers = await import(path.join(process.env.BENCH_ROOT, "tests/e2e/map-helpers.mjs"));
const { openApp, closeApp } = await import(path.join(process.env.BENCH_ROOT, "tests/e2e/scenario.mjs"));
const { makeDemoVault, unlockRecent, openMapMeasured, leaveMap, panMeasured, loadAverage, median } = helpers;

const PASS = "violet tractor molasses 42 harbor";
const dir = mkdtempSync(path.join(process.env.FIELDBOOK_E2E_TMP, "bench-"));
const demo = makeDemoVault(process.env.FIELDBOOK_CLI, dir, { workers: Number(process.env.BENCH_WORKERS), passphrase: PASS });
console.log(`# ${demo.out.split("\n").join("\n# ")}`);
const loads = [await loadAverage()];
const first = [], reopen = [], pans = [];
const fmt = (r) => `${r.painted.toFixed(0)} ms (request +${r.request.toFixed(0)}, stages ${JSON.stringify(r.stages)}, painted ${(r.painted - r.request - r.own).toFixed(0)} ms after the render)`;
for (let i = 0; i < Number(process.env.BENCH_STARTS); i++) {
  const s = await openApp(process.env.WEBDRIVER_URL, process.env.FIELDBOOK_APP);
  try {
    await unlockRecent(s, demo.vault, PASS);
    const r = await openMapMeasured(s);
    if (r.nodes !== demo.map.workers.length) throw new Error(`drew ${r.nodes} workers, expected ${demo.map.workers.length}`);
    first.push(r);
    console.log(`start ${i + 1}: first open ${fmt(r)}`);
    await sleep(1000);
    const p = await panMeasured(s);
    pans.push(p);
    console.log(`start ${i + 1}: pan ${p.frames} frames, longest ${p.max.toFixed(0)} ms, p95 ${p.p95.toFixed(0)} ms, mean ${p.mean.toFixed(1)} ms`);
    for (let j = 0; j < Number(process.env.BENCH_REOPENS); j++) {
      await leaveMap(s);
      await sleep(1500);
      const q = await openMapMeasured(s);
      reopen.push(q);
      console.log(`start ${i + 1}: reopen ${j + 1} ${fmt(q)}`);
    }
  } finally {
    await closeApp(s);
  }
  loads.push(await loadAverage());
}
const med = (xs, f) => median(xs.map(f));
const summary = {
  profile: process.env.BENCH_PROFILE,
  workers: demo.map.workers.length,
  ties: demo.map.ties.length,
  firstOpenMs: { median: med(first, (r) => r.painted), all: first.map((r) => Math.round(r.painted)) },
  reopenMs: { median: med(reopen, (r) => r.painted), all: reopen.map((r) => Math.round(r.painted)) },
  firstOpenStages: Object.fromEntries(Object.keys(first[0].stages).map((k) => [k, med(first, (r) => r.stages[k] ?? NaN)])),
  pan: { frames: med(pans, (p) => p.frames), maxMs: med(pans, (p) => p.max), p95Ms: med(pans, (p) => p.p95), meanMs: med(pans, (p) => p.mean) },
  loadAverage: loads,
};
console.log(`SUMMARY ${JSON.stringify(summary)}`);
console.log(`first render after the click (median of ${first.length} starts): ${summary.firstOpenMs.median.toFixed(0)} ms; reopened (median of ${reopen.length}): ${summary.reopenMs.median.toFixed(0)} ms; pan: longest frame ${summary.pan.maxMs.toFixed(0)} ms, mean ${summary.pan.meanMs.toFixed(1)} ms (medians); load average ${loads.map((l) => l?.[0]).join(" → ")}`);
JS

export BENCH_ROOT="$ROOT"
tests/e2e/run.sh node --input-type=module -e "$DRIVER"
