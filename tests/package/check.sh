#!/usr/bin/env bash
# Install the built .deb on this machine, check what it installed, start the INSTALLED app under
# Xvfb (tauri-driver → WebKitWebDriver, through tests/e2e/run.sh) and see its start screen, then
# remove the package again.
#
#   tests/package/check.sh                 # the .deb in target/release/bundle/deb/ (scripts/package.sh)
#   tests/package/check.sh path/to/x.deb
#   PACKAGE_KEEP_INSTALLED=1 tests/package/check.sh   # leave the package installed afterwards
#
# Needs root (or sudo): apt-get installs the package and pulls its runtime dependencies. Refuses to
# run when the package is already installed (it would not be ours to remove).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"

log() { printf '[package-check] %s\n' "$*"; }
die() { printf '[package-check] ERROR: %s\n' "$*" >&2; exit 1; }
FAILS=0
fail() { printf '[package-check] FAIL: %s\n' "$*" >&2; FAILS=$((FAILS + 1)); }
secs() { awk -v a="$1" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'; }

DEB="${1:-}"
if [[ -z "$DEB" ]]; then
  shopt -s nullglob
  debs=("$TARGET"/release/bundle/deb/*.deb)
  shopt -u nullglob
  [[ ${#debs[@]} -eq 1 ]] || die "expected exactly one .deb in $TARGET/release/bundle/deb/, found ${#debs[@]} — run ./scripts/package.sh or pass the path"
  DEB="${debs[0]}"
fi
DEB="$(realpath "$DEB")"
[[ -f "$DEB" ]] || die "no such file: $DEB"

SUDO=()
if [[ "$(id -u)" -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || die "need root or sudo to install $DEB"
  SUDO=(sudo)
fi

PKG="$(dpkg-deb -f "$DEB" Package)"
VERSION="$(dpkg-deb -f "$DEB" Version)"
log "package $PKG $VERSION from $DEB ($(stat -c %s "$DEB") bytes)"
log "Depends: $(dpkg-deb -f "$DEB" Depends)"
if dpkg-query -W -f='${Status}' "$PKG" 2>/dev/null | grep -q 'install ok installed'; then
  die "$PKG is already installed on this machine; remove it first (apt-get purge $PKG)"
fi

INSTALLED=0
cleanup() {
  local rc=$?
  if [[ $INSTALLED -eq 1 && "${PACKAGE_KEEP_INSTALLED:-0}" != 1 ]]; then
    log "removing $PKG"
    if DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get purge -y -q "$PKG" >/dev/null; then
      [[ -e /usr/bin/fieldbook-app ]] && { printf '[package-check] FAIL: /usr/bin/fieldbook-app still there after purge\n' >&2; rc=1; }
    else
      printf '[package-check] FAIL: apt-get purge %s failed\n' "$PKG" >&2; rc=1
    fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

t0=$(date +%s%N)
log "apt-get install -y $DEB"
INSTALLED=1
DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -q --no-install-recommends "$DEB"
log "installed in $(secs "$t0") s"
dpkg-query -W -f='${Status}' "$PKG" | grep -q 'install ok installed' || die "dpkg does not list $PKG as installed"

# ------------------------------------------------------------------ installed files
FILES="$(dpkg -L "$PKG")"
BIN=/usr/bin/fieldbook-app
grep -qx "$BIN" <<<"$FILES" || fail "$BIN is not in the package"
[[ -x "$BIN" ]] || fail "$BIN is not an executable file"
missing_libs="$(ldd "$BIN" 2>&1 | grep 'not found' || true)"
[[ -z "$missing_libs" ]] || fail "shared libraries the installed binary cannot find: $missing_libs"

DESKTOP="$(grep -E '^/usr/share/applications/[^/]+\.desktop$' <<<"$FILES" | head -n 1 || true)"
if [[ -z "$DESKTOP" ]]; then
  fail "no .desktop file under /usr/share/applications"
else
  log "desktop entry $DESKTOP:"
  sed 's/^/    /' "$DESKTOP"
  grep -qx 'Type=Application' "$DESKTOP" || fail "$DESKTOP: no Type=Application"
  grep -qx 'Name=Fieldbook' "$DESKTOP" || fail "$DESKTOP: Name is not Fieldbook"
  exec_cmd="$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$DESKTOP" | head -n 1)"
  [[ "$exec_cmd" == fieldbook-app || "$exec_cmd" == "$BIN" ]] || fail "$DESKTOP: Exec=$exec_cmd is not the app"
  icon="$(sed -n 's/^Icon=//p' "$DESKTOP" | head -n 1)"
  [[ -n "$icon" ]] || fail "$DESKTOP: no Icon="
  if [[ -n "$icon" ]] && ! grep -qE "^/usr/share/icons/hicolor/[0-9x@]+/apps/${icon}\.png$" <<<"$FILES"; then
    fail "$DESKTOP: Icon=$icon, but the package has no /usr/share/icons/hicolor/*/apps/$icon.png"
  fi
  if command -v desktop-file-validate >/dev/null 2>&1; then
    desktop-file-validate "$DESKTOP" || fail "desktop-file-validate $DESKTOP"
  fi
fi
icons="$(grep -cE '^/usr/share/icons/hicolor/[^/]+/apps/[^/]+\.png$' <<<"$FILES" || true)"
[[ "$icons" -ge 2 ]] || fail "expected icons in several sizes under /usr/share/icons/hicolor, found $icons"
log "installed: $BIN ($(stat -c %s "$BIN") bytes), $DESKTOP, $icons icons"
grep -E '^/usr/share/icons/' <<<"$FILES" | sed 's/^/    /'

# Nothing outside the places a desktop app belongs.
stray="$(grep -vE '^/(\.|usr|usr/bin(/.*)?|usr/share(/(applications|icons|doc|pixmaps|metainfo)(/.*)?)?|usr/lib(/fieldbook.*)?)$' <<<"$FILES" || true)"
[[ -z "$stray" ]] || fail "unexpected paths in the package: $stray"

[[ $FAILS -eq 0 ]] || die "$FAILS file check(s) failed"

# ------------------------------------------------------------------ the installed app starts
t0=$(date +%s%N)
log "starting the installed $BIN under Xvfb (tests/e2e/run.sh → tests/package/installed.test.mjs)"
FIELDBOOK_APP="$BIN" "$ROOT/tests/e2e/run.sh" \
  node --test --test-reporter=spec "$ROOT/tests/package/installed.test.mjs"
log "start-screen check took $(secs "$t0") s"
log "passed"
