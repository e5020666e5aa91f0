#!/usr/bin/env bash
# Fieldbook — THE test command. Runs everything CI runs, failing fast.
#
#   ./scripts/test.sh              # setup, lint, unit/integration tests, UI tests, shell build, e2e
#   ./scripts/test.sh --no-e2e     # everything except the shell build + end-to-end test
#   ./scripts/test.sh --only-e2e   # setup, UI build, shell build, end-to-end test
#   ./scripts/test.sh --skip-setup # do not run scripts/setup.sh first
#   ./scripts/test.sh --no-package # skip the release packaging + installed-app check after e2e
#
# Order: setup → cargo fmt → supply chain (cargo deny, npm audit) → ui: check, test, build → clippy
# → cargo tests → shell build → e2e → package (.deb/.rpm) → install the .deb and start it.
# Steps that cannot run here (advisory-db or npm audit endpoint unreachable, no root for apt-get)
# are reported as SKIP with the reason, never as passed.
# FIELDBOOK_ADVISORY_DB=/path/to/advisory-db (a git clone of rustsec/advisory-db) checks the Rust
# advisories against that local snapshot when github.com is out of reach (docs/supply-chain.md).
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
RUN_PACKAGE=1
for arg in "$@"; do
  case "$arg" in
    --no-e2e) RUN_E2E=0 ;;
    --only-e2e) RUN_OTHERS=0 ;;
    --skip-setup) RUN_SETUP=0 ;;
    --no-package) RUN_PACKAGE=0 ;;
    -h|--help) sed -n '2,18p' "${BASH_SOURCE[0]}"; exit 0 ;;
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
  local skipped=()
  for i in "${!STEP_NAMES[@]}"; do
    [[ ${STEP_RESULTS[$i]} == SKIP ]] && skipped+=("${STEP_NAMES[$i]}")
  done
  if [[ $rc -eq 0 && ${#skipped[@]} -gt 0 ]]; then
    echo "ALL PASSED that ran — ${#skipped[@]} SKIPPED (not checked): $(IFS=';'; echo "${skipped[*]}")"
  elif [[ $rc -eq 0 ]]; then
    echo "ALL PASSED"
  else
    echo "FAILED (exit $rc)"
  fi
  exit "$rc"
}
trap summary EXIT

# step "name" command args...  — banner, run, time; stop everything on failure.
# A command that exits with SKIP_RC (77) could not run here; it is listed as SKIP, not as passed.
SKIP_RC=77
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
  if [[ $rc -eq $SKIP_RC ]]; then
    STEP_RESULTS+=("SKIP")
    echo "--- SKIPPED: $name (see the reason above)"
    return 0
  fi
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

# Rust advisories (RustSec). The database lives on github.com: with FIELDBOOK_ADVISORY_DB (a local
# clone of rustsec/advisory-db) it is checked offline against that snapshot; otherwise it is
# fetched, and when github.com is unreachable the step says so and is SKIPPED, not passed.
deny_advisories() {
  if [[ -n "${FIELDBOOK_ADVISORY_DB:-}" ]]; then
    local db="$FIELDBOOK_ADVISORY_DB"
    [[ -d "$db/crates" ]] || { echo "FIELDBOOK_ADVISORY_DB=$db is not an advisory-db clone (no crates/)" >&2; return 1; }
    echo "advisory-db snapshot: $db, commit $(git -C "$db" log -1 --format='%h of %cs' 2>/dev/null || echo '?')"
    local dbs; dbs="$(mktemp -d "${TMPDIR:-/tmp}/fieldbook-advisory-dbs.XXXXXX")"
    # cargo-deny 0.20 looks for the default database in <db-path>/advisory-db-<hash of its URL>.
    ln -s "$(realpath "$db")" "$dbs/advisory-db-3157b0e258782691"
    sed "s|^db-path = .*|db-path = \"$dbs\"|" "$ROOT/deny.toml" >"$dbs/deny.toml"
    local rc=0
    cargo deny --offline --workspace --color never --config "$dbs/deny.toml" \
      check --hide-inclusion-graph advisories || rc=$?
    rm -rf "$dbs"
    return "$rc"
  fi
  if ! timeout 30 git ls-remote --quiet https://github.com/rustsec/advisory-db HEAD >/dev/null 2>&1 </dev/null; then
    echo "The RustSec advisory-db (https://github.com/rustsec/advisory-db) is unreachable from this"
    echo "machine: Rust advisories were NOT checked. Set FIELDBOOK_ADVISORY_DB to a local clone to check"
    echo "against a snapshot (docs/supply-chain.md)."
    return "$SKIP_RC"
  fi
  cargo deny --workspace --color never check --hide-inclusion-graph advisories
}

# npm advisories. Real advisories fail the step; an audit endpoint that cannot be reached (this
# network's registry answers the bulk-advisory POST with HTTP 405) is reported and SKIPPED.
npm_audit() {
  local out rc=0
  out="$(cd "$ROOT/ui" && npm audit --json 2>/dev/null)" || rc=$?
  local verdict
  verdict="$(node -e '
    let j; try { j = JSON.parse(require("fs").readFileSync(0, "utf8")); } catch { console.log("unparsable"); process.exit(0); }
    if (j.auditReportVersion && j.metadata && j.metadata.vulnerabilities) {
      const v = j.metadata.vulnerabilities;
      console.log(v.total > 0 ? `vulnerable ${JSON.stringify(v)}` : `clean ${j.metadata.dependencies?.total ?? "?"} packages`);
    } else if (j.statusCode || /security\/(advisories|audits)|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ECONNRESET/.test(JSON.stringify(j))) {
      console.log(`unreachable ${j.message ?? JSON.stringify(j.error ?? j).slice(0, 200)}`);
    } else {
      console.log(`unexpected ${JSON.stringify(j).slice(0, 300)}`);
    }' <<<"$out")"
  case "$verdict" in
    clean*) echo "npm audit: no known vulnerabilities (${verdict#clean }, npm exit $rc)"; return 0 ;;
    vulnerable*) echo "npm audit found advisories: ${verdict#vulnerable }"; (cd "$ROOT/ui" && npm audit) || true; return 1 ;;
    unreachable*)
      echo "npm audit: the registry's audit endpoint is unreachable (${verdict#unreachable }):"
      echo "npm advisories were NOT checked."
      return "$SKIP_RC" ;;
    *) echo "npm audit: unexpected answer (exit $rc): $verdict" >&2; return 1 ;;
  esac
}

# Installing the .deb needs root (CI runs as root); elsewhere only with passwordless sudo.
package_check() {
  if [[ "$(id -u)" -ne 0 ]] && ! sudo -n true 2>/dev/null; then
    echo "installing the .deb needs root or passwordless sudo: the installed-app check was NOT run."
    return "$SKIP_RC"
  fi
  "$ROOT/tests/package/check.sh"
}

if [[ $RUN_SETUP -eq 1 ]]; then
  if [[ $RUN_E2E -eq 1 ]]; then
    step "setup" "$ROOT/scripts/setup.sh"
  else
    step "setup" "$ROOT/scripts/setup.sh" --no-e2e
  fi
fi

if [[ $RUN_OTHERS -eq 1 ]]; then
  step "cargo fmt --check" cargo fmt --all -- --check
  step "cargo deny: licenses, bans, sources" \
    cargo deny --workspace --color never check --hide-inclusion-graph licenses bans sources
  step "cargo deny: advisories" deny_advisories
  step "npm audit" npm_audit
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
  if [[ $RUN_PACKAGE -eq 1 ]]; then
    step "package: release build + .deb/.rpm" "$ROOT/scripts/package.sh"
    step "package: install the .deb, start the installed app" package_check
  fi
fi
