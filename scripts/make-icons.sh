#!/usr/bin/env bash
# Regenerate the app icon set: icons/source.png (drawn by make-icon.py, stdlib Python)
# then every Tauri icon size with the Tauri CLI (installed into a scratch dir, not the repo).
# Mobile (android/ios) outputs are removed: Fieldbook is desktop-only.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCRATCH="${TAURI_CLI_DIR:-${TMPDIR:-/tmp}/fieldbook-tauricli}"

python3 "$ROOT/scripts/make-icon.py" "$ROOT/icons/source.png"
if [[ ! -x "$SCRATCH/node_modules/.bin/tauri" ]]; then
  echo "==> installing @tauri-apps/cli@2 into $SCRATCH"
  mkdir -p "$SCRATCH"
  (cd "$SCRATCH" && { [[ -f package.json ]] || npm init -y >/dev/null; } && npm install --no-audit --no-fund @tauri-apps/cli@2)
fi
"$SCRATCH/node_modules/.bin/tauri" icon "$ROOT/icons/source.png" -o "$ROOT/icons"
rm -rf "$ROOT/icons/android" "$ROOT/icons/ios"
echo "icons written to $ROOT/icons"
