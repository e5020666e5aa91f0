#!/usr/bin/env bash
# Fieldbook — THE test command. Runs everything CI runs, failing fast.
#
#   ./scripts/test.sh              # setup, lint, unit/integration tests, UI tests, shell build, e2e
#   ./scripts/test.sh --no-e2e     # everything except the shell build + end-to-end test
#   ./scripts/test.sh --only-e2e   # setup, UI build, shell build, end-to-end test
#   ./scripts/test.sh --skip-setup # do not run scripts/setup.sh first
#
# Order: setup → cargo fmt → ui: check, test, build → clippy → cargo tests → shell build → e2e.
# The UI is built before clippy/cargo because the Tauri shell's generate_context! checks that
# ui/dist exists at compile time. A timing summary is printed at the end (also on failure).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
# A fresh CI clone gains nothing from incremental compilation, and its caches cost gigabytes of disk.
if [[ -n "${CI:-}" ]]; then export CARGO_INCREMENTAL=0; fi

RUN_E2E=1
RUN_OTHERS=1
RUN_SETUP=1
for arg in "$@"; do
  case "$arg" in
    --no-e2e) RUN_E2E=0 ;;
    --only-e2e) RUN_OTHERS=0 ;;
    --skip-setup) RUN_SETUP=0 ;;
    -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "test.sh: unknown option: $arg (try --help)" >&2; exit 2 ;;
  esac
done
if [[ $RUN_E2E -eq 0 && $RUN_OTHERS -eq 0 ]]; then
  echo "test.sh: --no-e2e and --only-e2e together leave nothing to do" >&2; exit 2
fi

STEP_NAMES=()
STEP_SECS=()
STEP_RESULTS=()
T_START=$(date +%s%N)

secs_since() { # ns timestamp → "12.3"
  local now; now=$(date +%s%N)
  awk -v a="$1" -v b="$now" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'
}

summary() {
  local rc=$?
  [[ ${#STEP_NAMES[@]} -eq 0 ]] && exit "$rc"
  echo
  echo "================================================================ summary"
  local i
  for i in "${!STEP_NAMES[@]}"; do
    printf '  %-6s %8ss  %s\n' "${STEP_RESULTS[$i]}" "${STEP_SECS[$i]}" "${STEP_NAMES[$i]}"
  done
  printf '  %-6s %8ss  %s\n' "" "$(secs_since "$T_START")" "total"
  [[ -d "$TARGET" ]] && printf '  %-6s %9s  %s\n' "" "$(du -sh "$TARGET" 2>/dev/null | cut -f1)" "disk used by $TARGET"
  if [[ $rc -eq 0 ]]; then
    echo "ALL PASSED"
  else
    echo "FAILED (exit $rc)"
  fi
  exit "$rc"
}
trap summary EXIT

# step "name" command args...  — banner, run, time; stop everything on failure.
step() {
  local name=$1; shift
  echo
  echo "================================================================"
  echo "==> $name"
  echo "    \$ $*"
  echo "================================================================"
  local t0 rc=0
  t0=$(date +%s%N)
  "$@" || rc=$?
  STEP_NAMES+=("$name")
  STEP_SECS+=("$(secs_since "$t0")")
  if [[ $rc -ne 0 ]]; then
    STEP_RESULTS+=("FAIL")
    echo
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
    echo "!!! FAILED: $name (exit $rc)"
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
    exit "$rc"
  fi
  STEP_RESULTS+=("ok")
}

in_ui() { (cd "$ROOT/ui" && "$@"); }

if [[ $RUN_SETUP -eq 1 ]]; then
  if [[ $RUN_E2E -eq 1 ]]; then
    step "setup" "$ROOT/scripts/setup.sh"
  else
    step "setup" "$ROOT/scripts/setup.sh" --no-e2e
  fi
fi

if [[ $RUN_OTHERS -eq 1 ]]; then
  step "cargo fmt --check" cargo fmt --all -- --check
  step "ui: npm run check" in_ui npm run check
  step "ui: npm test" in_ui npm test
  step "ui: npm run build" in_ui npm run build
  step "cargo clippy" cargo clippy --workspace --all-targets -- -D warnings
  if command -v cargo-nextest >/dev/null 2>&1; then
    step "cargo nextest" cargo nextest run --workspace
    step "cargo test --doc" cargo test --workspace --doc
  else
    step "cargo test" cargo test --workspace
  fi
else
  step "ui: npm run build" in_ui npm run build
fi

if [[ $RUN_E2E -eq 1 ]]; then
  step "build shell (custom-protocol) and CLI" cargo build -p fieldbook-app -p fieldbook --bins --features fieldbook-app/custom-protocol
  step "end-to-end (real window)" env FIELDBOOK_APP="$TARGET/debug/fieldbook-app" "$ROOT/tests/e2e/run.sh"
fi
