#!/usr/bin/env bash
# Fieldbook — install everything needed to build, test and run the app.
#
#   ./scripts/setup.sh            # idempotent: only installs what is missing
#   ./scripts/setup.sh --check    # report what is missing, install nothing (exit 1 if anything is)
#   ./scripts/setup.sh --no-e2e   # skip the end-to-end test tools (Xvfb, WebKitWebDriver, tauri-driver)
#
# Supported: Debian 12 / Ubuntu 22.04+ (apt). On other systems it prints the prerequisites and
# exits non-zero instead of pretending everything is fine.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHECK_ONLY=0
WANT_E2E=1
for arg in "$@"; do
  case "$arg" in
    --check) CHECK_ONLY=1 ;;
    --no-e2e) WANT_E2E=0 ;;
    -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "setup.sh: unknown option: $arg" >&2; exit 2 ;;
  esac
done

say()  { printf '[setup] %s\n' "$*"; }
warn() { printf '[setup] WARNING: %s\n' "$*" >&2; }
die()  { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

# Build packages for Tauri 2 on Linux, plus the tools the tests use.
BUILD_PKGS=(libwebkit2gtk-4.1-dev build-essential pkg-config libssl-dev librsvg2-dev file)
TEST_PKGS=(age expect poppler-utils libreoffice-writer-nogui)
# dbus (dbus-daemon), libglib2.0-bin (gdbus), python3-gi: private buses and the stand-ins for logind
# and a screen saver in tests/e2e/os-lock.test.mjs.
E2E_PKGS=(xvfb xauth webkit2gtk-driver x11-apps desktop-file-utils dbus libglib2.0-bin python3-gi)
# cargo-deny (supply-chain policy in deny.toml); pinned so every machine judges the same way.
CARGO_DENY_VERSION=0.20.2

print_prereqs() {
  cat <<EOF
Fieldbook needs:
  - Rust (stable, via https://rustup.rs) with the rustfmt and clippy components
  - Node.js 20+ and npm
  - Python 3 with pip, and the PyPI packages sqlcipher3-binary and networkx (reference answers)
  - Tauri 2 system prerequisites: https://v2.tauri.app/start/prerequisites/
      macOS: Xcode command line tools (xcode-select --install)
      Windows: Microsoft C++ Build Tools + WebView2
  - The command-line tools 'age', 'expect', 'pdftotext' (poppler-utils) and LibreOffice Writer (tests)
  - For the end-to-end test (Linux only): Xvfb, xauth, WebKitWebDriver (webkit2gtk-driver),
    dbus-daemon, gdbus, PyGObject (python3-gi) and 'cargo install tauri-driver --locked'
  - 'cargo install cargo-deny --locked' (supply-chain checks, deny.toml)
EOF
}

# ---------------------------------------------------------------- platform
case "$(uname -s)" in
  Linux) ;;
  Darwin|MINGW*|MSYS*|CYGWIN*)
    say "automatic setup supports Debian/Ubuntu only; this is $(uname -s)."
    print_prereqs
    say "install the above yourself, then run ./scripts/test.sh"
    exit 1 ;;
  *)
    say "unsupported system: $(uname -s)"; print_prereqs; exit 1 ;;
esac
if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
  say "this Linux has no apt/dpkg; automatic setup supports Debian/Ubuntu only."
  print_prereqs
  exit 1
fi

SUDO=()
if [[ "$(id -u)" -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=(sudo); else SUDO=(__no_sudo__); fi
fi
as_root() {
  if [[ "${SUDO[0]-}" == "__no_sudo__" ]]; then die "need root (or sudo) to run: $*"; fi
  "${SUDO[@]}" "$@"
}

MISSING=0
export PATH="$HOME/.cargo/bin:$PATH"

# ---------------------------------------------------------------- apt packages
pkg_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}
want_pkgs=("${BUILD_PKGS[@]}" "${TEST_PKGS[@]}")
[[ $WANT_E2E -eq 1 ]] && want_pkgs+=("${E2E_PKGS[@]}")
command -v python3 >/dev/null 2>&1 || want_pkgs+=(python3)
if ! python3 -m pip --version >/dev/null 2>&1; then want_pkgs+=(python3-pip); fi

missing_pkgs=()
for p in "${want_pkgs[@]}"; do pkg_installed "$p" || missing_pkgs+=("$p"); done
if [[ ${#missing_pkgs[@]} -eq 0 ]]; then
  say "apt packages: all present (${want_pkgs[*]})"
elif [[ $CHECK_ONLY -eq 1 ]]; then
  say "apt packages missing: ${missing_pkgs[*]}"; MISSING=1
else
  say "apt packages missing: ${missing_pkgs[*]} — installing"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update
  as_root apt-get install -y --no-install-recommends "${missing_pkgs[@]}"
fi

# ---------------------------------------------------------------- Rust
if ! command -v cargo >/dev/null 2>&1; then
  say "Rust (cargo) not found. Install it from https://rustup.rs, then re-run."
  print_prereqs
  exit 1
fi
say "rust: $(cargo --version)"
for comp in fmt clippy; do
  if ! cargo "$comp" --version >/dev/null 2>&1; then
    if [[ $CHECK_ONLY -eq 1 ]]; then
      say "cargo $comp missing"; MISSING=1
    elif command -v rustup >/dev/null 2>&1; then
      c=$([[ $comp == fmt ]] && echo rustfmt || echo clippy)
      say "cargo $comp missing — rustup component add $c"
      rustup component add "$c"
    else
      die "cargo $comp is missing and rustup is not available"
    fi
  fi
done

if [[ $WANT_E2E -eq 1 ]]; then
  if command -v tauri-driver >/dev/null 2>&1; then
    say "tauri-driver: $(command -v tauri-driver)"
  elif [[ $CHECK_ONLY -eq 1 ]]; then
    say "tauri-driver missing"; MISSING=1
  else
    say "tauri-driver missing — cargo install tauri-driver --locked"
    cargo install tauri-driver --locked
  fi
fi
if command -v cargo-nextest >/dev/null 2>&1; then
  say "cargo-nextest: present (test.sh will use it)"
fi
# cargo-deny: licences, bans, sources and advisories of the Rust dependency tree (deny.toml).
have_deny=""
if command -v cargo-deny >/dev/null 2>&1; then have_deny="$(cargo-deny --version 2>/dev/null | awk '{print $2}')"; fi
if [[ "$have_deny" == "$CARGO_DENY_VERSION" ]]; then
  say "cargo-deny: $have_deny"
elif [[ $CHECK_ONLY -eq 1 ]]; then
  say "cargo-deny $CARGO_DENY_VERSION missing (have: ${have_deny:-none})"; MISSING=1
else
  say "cargo-deny $CARGO_DENY_VERSION missing (have: ${have_deny:-none}) — cargo install cargo-deny --locked"
  cargo install cargo-deny --version "$CARGO_DENY_VERSION" --locked
fi
# rage: the Rust implementation of age; the export tests check that bundles open with it too.
if command -v rage >/dev/null 2>&1; then
  say "rage: $(command -v rage)"
elif [[ $CHECK_ONLY -eq 1 ]]; then
  say "rage missing"; MISSING=1
else
  say "rage missing — cargo install rage --locked"
  cargo install rage --locked
fi

# ---------------------------------------------------------------- Python modules
# sqlcipher3 (a stock SQLCipher 4 client, tests/stock_tools.rs), networkx + scipy (the reference answers
# of the map's analyses, tests/graph_reference.rs, and scripts/bench-graph.sh).
pip_module() { # MODULE PIP_SPEC
  local module="$1" spec="$2"
  if python3 -c "import $module" >/dev/null 2>&1; then
    say "python $module: present"; return
  fi
  if [[ $CHECK_ONLY -eq 1 ]]; then
    say "python module $module missing (pip: $spec)"; MISSING=1; return
  fi
  local pip_args=(install --disable-pip-version-check "$spec")
  [[ "$(id -u)" -ne 0 ]] && pip_args+=(--user)
  say "python $module missing — python3 -m pip ${pip_args[*]}"
  export PIP_ROOT_USER_ACTION=ignore
  local out
  if ! out=$(python3 -m pip "${pip_args[@]}" 2>&1); then
    if grep -qi 'externally-managed' <<<"$out"; then
      say "python is externally managed (PEP 668) — retrying with --break-system-packages"
      python3 -m pip "${pip_args[@]}" --break-system-packages
    else
      printf '%s\n' "$out" >&2
      die "pip install $spec failed"
    fi
  else
    printf '%s\n' "$out" | tail -n 2
  fi
  python3 -c "import $module" || die "$module still not importable by python3 after install"
}
pip_module sqlcipher3 sqlcipher3-binary
pip_module networkx networkx==3.6.1
pip_module scipy scipy==1.17.1

# ---------------------------------------------------------------- Node + ui/node_modules
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  say "Node.js/npm not found. Install Node 20+ (https://nodejs.org), then re-run."
  exit 1
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
[[ "$node_major" -ge 20 ]] || die "Node $(node -v) is too old; need Node 20+"
say "node: $(node -v), npm: $(npm -v)"

UI="$ROOT/ui"
if [[ ! -f "$UI/package.json" ]]; then
  warn "ui/package.json not found — skipping npm install"
else
  need_npm=0
  if [[ ! -d "$UI/node_modules" ]]; then
    need_npm=1; why="ui/node_modules is missing"
  elif [[ -f "$UI/package-lock.json" && "$UI/package-lock.json" -nt "$UI/node_modules/.package-lock.json" ]]; then
    need_npm=1; why="ui/package-lock.json is newer than ui/node_modules"
  fi
  if [[ $need_npm -eq 0 ]]; then
    say "ui/node_modules: up to date"
  elif [[ $CHECK_ONLY -eq 1 ]]; then
    say "npm install needed: $why"; MISSING=1
  elif [[ -f "$UI/package-lock.json" ]]; then
    say "$why — npm ci (in ui/)"
    (cd "$UI" && npm ci --no-audit --no-fund)
  else
    warn "ui/package-lock.json does not exist — running npm install (commit the lock file!)"
    (cd "$UI" && npm install --no-audit --no-fund)
  fi
fi

if [[ $CHECK_ONLY -eq 1 && $MISSING -ne 0 ]]; then
  say "some prerequisites are missing (run ./scripts/setup.sh without --check)"
  exit 1
fi
say "done"
