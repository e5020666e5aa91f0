#!/usr/bin/env bash
# Run the end-to-end test of the real Fieldbook window.
#
#   tests/e2e/run.sh            # needs target/debug/fieldbook-app (built with --features custom-protocol)
#   tests/e2e/run.sh CMD...     # run CMD instead of the test, in the same environment (debugging)
#
# Starts a private Xvfb display and tauri-driver (→ WebKitWebDriver) with a throw-away
# HOME / XDG_* so the app sees no existing recent-vaults list, runs `node --test tests/e2e/`,
# and always stops tauri-driver and Xvfb afterwards.
#
# Environment knobs:
#   FIELDBOOK_APP   app binary (default target/debug/fieldbook-app)
#   E2E_PORT        tauri-driver port (default 4444; WebKitWebDriver gets E2E_PORT+1)
#   E2E_HEADED=1    use the current $DISPLAY instead of a private Xvfb
#   E2E_KEEP_TMP=1  keep the temporary HOME (vaults, config) for inspection
# Artifacts (screenshots, driver log) go to target/e2e-artifacts/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

APP="$(realpath -m "${FIELDBOOK_APP:-${CARGO_TARGET_DIR:-$ROOT/target}/debug/fieldbook-app}")"
PORT="${E2E_PORT:-4444}"
NATIVE_PORT="$((PORT + 1))"
ARTIFACTS="$ROOT/target/e2e-artifacts"

log() { printf '[e2e] %s\n' "$*"; }
die() { printf '[e2e] ERROR: %s\n' "$*" >&2; exit 1; }

[[ -x "$APP" ]] || die "app binary not found: $APP — build it: (cd ui && npm run build) && cargo build -p fieldbook-app --features custom-protocol"
TAURI_DRIVER="$(command -v tauri-driver || true)"
[[ -n "$TAURI_DRIVER" ]] || die "tauri-driver not found — run ./scripts/setup.sh (cargo install tauri-driver --locked)"
NATIVE_DRIVER="$(command -v WebKitWebDriver || true)"
[[ -n "$NATIVE_DRIVER" ]] || die "WebKitWebDriver not found — run ./scripts/setup.sh (apt: webkit2gtk-driver)"
command -v node >/dev/null || die "node not found"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_open "$PORT" && die "port $PORT is already in use (another tauri-driver?) — set E2E_PORT to a free port"
port_open "$NATIVE_PORT" && die "port $NATIVE_PORT is already in use — set E2E_PORT to a free port"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/fieldbook-e2e.XXXXXX")"
XVFB_PID=""
DRIVER_PID=""
cleanup() {
  local rc=$?
  if [[ -n "$DRIVER_PID" ]]; then
    # tauri-driver runs in its own process group (setsid): stop it with WebKitWebDriver and the app.
    kill -TERM -- "-$DRIVER_PID" 2>/dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$DRIVER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$DRIVER_PID" 2>/dev/null || true
  fi
  if [[ -n "$XVFB_PID" ]]; then
    kill -TERM "$XVFB_PID" 2>/dev/null || true
    wait "$XVFB_PID" 2>/dev/null || true
  fi
  if [[ "${E2E_KEEP_TMP:-0}" == 1 ]]; then
    log "kept temporary HOME: $TMP"
  else
    rm -rf "$TMP"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$ARTIFACTS"
rm -f "$ARTIFACTS"/*.png "$ARTIFACTS"/*.html

# A fresh, empty user environment for the app (recent list lives in $XDG_CONFIG_HOME/fieldbook).
export HOME="$TMP/home"
export XDG_CONFIG_HOME="$TMP/home/.config"
export XDG_DATA_HOME="$TMP/home/.local/share"
export XDG_CACHE_HOME="$TMP/home/.cache"
export XDG_RUNTIME_DIR="$TMP/run"
mkdir -p "$HOME/Documents" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export FIELDBOOK_E2E_TMP="$TMP"
export FIELDBOOK_APP="$APP"
export WEBDRIVER_URL="http://127.0.0.1:$PORT"
export E2E_ARTIFACTS="$ARTIFACTS"
export GDK_BACKEND=x11
export NO_AT_BRIDGE=1
# Note: do NOT set WEBKIT_DISABLE_DMABUF_RENDERER=1 here: with it, WebDriver screenshots hang.
unset WAYLAND_DISPLAY

if [[ "${E2E_HEADED:-0}" == 1 && -n "${DISPLAY:-}" ]]; then
  log "using the current display $DISPLAY"
else
  command -v Xvfb >/dev/null || die "Xvfb not found — run ./scripts/setup.sh (apt: xvfb)"
  : >"$TMP/display"
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset 3>"$TMP/display" 2>"$ARTIFACTS/xvfb.log" &
  XVFB_PID=$!
  for _ in $(seq 1 100); do
    [[ -s "$TMP/display" ]] && break
    kill -0 "$XVFB_PID" 2>/dev/null || die "Xvfb exited early: $(cat "$ARTIFACTS/xvfb.log")"
    sleep 0.1
  done
  [[ -s "$TMP/display" ]] || die "Xvfb did not report a display within 10 s"
  DISPLAY=":$(tr -d '[:space:]' <"$TMP/display")"
  export DISPLAY
  unset XAUTHORITY
  log "Xvfb on $DISPLAY (pid $XVFB_PID)"
fi

log "starting tauri-driver on :$PORT (native driver $NATIVE_DRIVER on :$NATIVE_PORT)"
setsid "$TAURI_DRIVER" --port "$PORT" --native-port "$NATIVE_PORT" --native-driver "$NATIVE_DRIVER" \
  >"$ARTIFACTS/tauri-driver.log" 2>&1 &
DRIVER_PID=$!
for _ in $(seq 1 100); do
  port_open "$PORT" && break
  kill -0 "$DRIVER_PID" 2>/dev/null || die "tauri-driver exited early: $(cat "$ARTIFACTS/tauri-driver.log")"
  sleep 0.1
done
port_open "$PORT" || die "tauri-driver did not listen on :$PORT within 10 s"
log "tauri-driver ready (pid $DRIVER_PID); app $APP; temporary HOME $HOME"

set +e
if [[ $# -gt 0 ]]; then
  "$@" # a custom command in the prepared environment (debugging)
else
  node --test --test-reporter=spec tests/e2e/
fi
rc=$?
set -e
if [[ $rc -ne 0 ]]; then
  log "FAILED (exit $rc) — see $ARTIFACTS (screenshots, tauri-driver.log)"
else
  log "passed — screenshot: $ARTIFACTS/unlocked.png"
fi
exit "$rc"
