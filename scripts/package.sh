#!/usr/bin/env bash
# Fieldbook — build the release app and its Linux packages with the Tauri CLI.
#
#   ./scripts/package.sh                    # release build + .deb and .rpm in target/release/bundle/
#   ./scripts/package.sh --bundles deb      # only the .deb
#   ./scripts/package.sh --skip-build       # bundle the existing target/release/fieldbook-app again
#
# On macOS (default bundles app,dmg) and on Windows under Git Bash (default msi) the same script
# builds with the fieldbook crate's vendored-openssl feature; see docs/packaging.md (untested here).
#
# The Tauri CLI is the prebuilt @tauri-apps/cli from npm, installed by this script into
# target/tauri-cli (pinned 2.12.5, like the tauri crate). AppImage is not built: the bundler downloads linuxdeploy and its AppImage runtime
# from github.com at bundle time, which an offline build machine cannot reach.
#
# Why not plain `tauri build`: tauri.conf.json sits at the repository root, whose Cargo.toml is the
# `fieldbook` library + CLI, so the CLI would take the CLI binary for the app. The shell crate is
# src-tauri/ (its build.rs reads ../tauri.conf.json). This script does what `tauri build` does, in
# two halves: `cargo build --release` of the shell with the custom-protocol feature (exactly the
# cargo command `tauri build` runs), then `tauri bundle` pointed at src-tauri/ through a generated,
# temporary src-tauri/tauri.conf.json (the root config with its paths made relative to src-tauri/),
# removed again on exit. Figures: docs/packaging.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"

FEATURES="fieldbook-app/custom-protocol"
EXE=""
case "$(uname -s)" in
  Linux) BUNDLES="deb,rpm" ;;
  Darwin) BUNDLES="app,dmg"; FEATURES+=",fieldbook/vendored-openssl" ;;
  MINGW*|MSYS*|CYGWIN*) BUNDLES="msi"; FEATURES+=",fieldbook/vendored-openssl"; EXE=".exe" ;;
  *) echo "package.sh: unsupported system $(uname -s)" >&2; exit 2 ;;
esac
BUILD=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --bundles) [[ $# -ge 2 ]] || { echo "package.sh: --bundles needs a value" >&2; exit 2; }
               BUNDLES="$2"; shift ;;
    --bundles=*) BUNDLES="${1#--bundles=}" ;;
    --skip-build) BUILD=0 ;;
    -h|--help) sed -n '2,19p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "package.sh: unknown option: $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
case ",$BUNDLES," in
  *,appimage,*) echo "package.sh: AppImage needs downloads from github.com at bundle time; not supported here" >&2; exit 2 ;;
esac

log() { printf '[package] %s\n' "$*"; }
die() { printf '[package] ERROR: %s\n' "$*" >&2; exit 1; }
secs() { awk -v a="$1" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'; }

# The prebuilt Tauri CLI from npm, in its own folder under target/ (not a ui/ dependency: its
# lock would have to list every platform's binary package, and this registry holds only Linux's,
# so `npm ci` in ui/ failed). Installed once, idempotently, at the pinned version.
TAURI_CLI_VERSION=2.12.5
TAURI_CLI_DIR="${CARGO_TARGET_DIR:-$ROOT/target}/tauri-cli"
TAURI="$TAURI_CLI_DIR/node_modules/.bin/tauri"
if [[ ! -x "$TAURI" ]] || [[ "$("$TAURI" --version 2>/dev/null)" != "tauri-cli $TAURI_CLI_VERSION" ]]; then
  log "installing @tauri-apps/cli@$TAURI_CLI_VERSION into $TAURI_CLI_DIR"
  mkdir -p "$TAURI_CLI_DIR"
  (cd "$TAURI_CLI_DIR" && npm install --no-save --no-package-lock --no-audit --no-fund \
    "@tauri-apps/cli@$TAURI_CLI_VERSION") || die "could not install @tauri-apps/cli@$TAURI_CLI_VERSION from npm"
fi
[[ -x "$TAURI" ]] || die "Tauri CLI not found at $TAURI"
log "$("$TAURI" --version)"

GEN_CONF="$ROOT/src-tauri/tauri.conf.json"
MANIFEST="$ROOT/src-tauri/Cargo.toml"
MANIFEST_COPY=""
cleanup() {
  local rc=$?
  # Remove the generated config only if it is still ours ($schema marker), never a real file.
  if [[ -f "$GEN_CONF" ]] && grep -q '"\$schema": "scripts/package.sh' "$GEN_CONF" 2>/dev/null; then
    rm -f "$GEN_CONF"
  fi
  # The Tauri CLI may rewrite the crate's tauri features to match the config; put it back.
  if [[ -n "$MANIFEST_COPY" && -f "$MANIFEST_COPY" ]]; then
    if ! cmp -s "$MANIFEST_COPY" "$MANIFEST"; then
      log "the Tauri CLI changed src-tauri/Cargo.toml — restoring it"
      cp "$MANIFEST_COPY" "$MANIFEST"
    fi
    rm -f "$MANIFEST_COPY"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ $BUILD -eq 1 ]]; then
  t0=$(date +%s%N)
  log "building the UI (ui/dist)"
  npm --prefix ui run build --silent >/dev/null
  log "ui built in $(secs "$t0") s"
  t0=$(date +%s%N)
  log "cargo build --release --locked -p fieldbook-app --features $FEATURES"
  nice -n 10 cargo build --release --locked -p fieldbook-app --features "$FEATURES"
  log "release build took $(secs "$t0") s"
fi
APP_BIN="$TARGET/release/fieldbook-app$EXE"
[[ -x "$APP_BIN" ]] || die "release binary not found: $APP_BIN (run without --skip-build)"

[[ -e "$GEN_CONF" ]] && die "$GEN_CONF exists already; this script generates it — remove it or move it away"
MANIFEST_COPY="$(mktemp "${TMPDIR:-/tmp}/fieldbook-manifest.XXXXXX")"
cp "$MANIFEST" "$MANIFEST_COPY"

# The root config, with every path in it made relative to src-tauri/ (where the CLI now looks).
node - "$ROOT/tauri.conf.json" "$GEN_CONF" <<'EOF'
const fs = require("node:fs");
const [src, dst] = process.argv.slice(2);
const conf = JSON.parse(fs.readFileSync(src, "utf8"));
const up = (p) => (typeof p === "string" && !p.startsWith("/") && !/^[a-z]+:/i.test(p) ? `../${p}` : p);
conf.build = { ...conf.build, frontendDist: up(conf.build?.frontendDist) };
delete conf.build.beforeBuildCommand; // the UI was built above
delete conf.build.beforeDevCommand;
const b = conf.bundle ?? {};
if (Array.isArray(b.icon)) b.icon = b.icon.map(up);
if (b.licenseFile) b.licenseFile = up(b.licenseFile);
for (const kind of ["deb", "rpm"]) {
  const k = b.linux?.[kind];
  if (k?.desktopTemplate) k.desktopTemplate = up(k.desktopTemplate);
  if (k?.files) for (const dest of Object.keys(k.files)) k.files[dest] = up(k.files[dest]);
}
// A marker the cleanup looks for before it removes the file ($schema is free text to the CLI).
conf.$schema = "scripts/package.sh (generated, temporary)";
fs.writeFileSync(dst, JSON.stringify(conf, null, 2) + "\n");
EOF

t0=$(date +%s%N)
log "tauri bundle --bundles $BUNDLES"
TAURI_APP_PATH="$ROOT/src-tauri" TAURI_FRONTEND_PATH="$ROOT/ui" \
  "$TAURI" bundle --ci --bundles "$BUNDLES"
log "bundling took $(secs "$t0") s"

BUNDLE_DIR="$TARGET/release/bundle"
found=0
for kind in ${BUNDLES//,/ }; do
  dir="$kind"; ext="$kind"
  [[ $kind == app ]] && dir=macos
  [[ $kind == nsis ]] && ext=exe
  for f in "$BUNDLE_DIR/$dir"/*."$ext"; do
    [[ -e "$f" ]] || continue
    found=1
    log "$(du -sh "$f" | cut -f1)  $f"
  done
done
[[ $found -eq 1 ]] || die "no package was written under $BUNDLE_DIR"
log "done"
