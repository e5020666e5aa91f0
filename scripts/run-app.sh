#!/usr/bin/env bash
# Fieldbook — build and launch the desktop app.
#
#   ./scripts/run-app.sh          # setup, build the UI, cargo run the Tauri shell
#   ./scripts/run-app.sh --demo   # first create a demo vault (once) and print its passphrase
#
# The demo vault lives in ${XDG_DATA_HOME:-$HOME/.local/share}/fieldbook-demo/Demo.fieldbook and
# is added to the app's recent-vaults list, so it shows on the start screen.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"

DEMO=0
for arg in "$@"; do
  case "$arg" in
    --demo) DEMO=1 ;;
    -h|--help) sed -n '2,8p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "run-app.sh: unknown option: $arg (try --help)" >&2; exit 2 ;;
  esac
done

say() { printf '[run-app] %s\n' "$*"; }

# The end-to-end test tools (Xvfb, tauri-driver) are not needed to run the app.
"$ROOT/scripts/setup.sh" --no-e2e

say "building the UI (ui/dist)"
(cd "$ROOT/ui" && npm run build)

DEMO_PASSPHRASE="correct horse battery staple demo"
if [[ $DEMO -eq 1 ]]; then
  DIR="${XDG_DATA_HOME:-$HOME/.local/share}/fieldbook-demo"
  VAULT="$DIR/Demo.fieldbook"
  if [[ -e "$VAULT" ]]; then
    say "demo vault already exists: $VAULT"
  else
    say "building the fieldbook CLI"
    cargo build -p fieldbook --bin fieldbook
    mkdir -p "$DIR"
    say "creating the demo vault: $VAULT (this takes a few seconds)"
    printf '%s' "$DEMO_PASSPHRASE" | "$TARGET/debug/fieldbook" demo "$VAULT" --passphrase-stdin
  fi
  echo
  echo "  Demo vault:       $VAULT"
  echo "  Demo passphrase:  $DEMO_PASSPHRASE"
  echo
fi

say "starting the app"
exec cargo run -p fieldbook-app --features custom-protocol
