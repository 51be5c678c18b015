#!/usr/bin/env bash
# Set up handouts on a fresh Debian/Ubuntu machine and build the sample documents.
#   bash scripts/setup.sh            # system packages + .venv + build the sample into output/
#   bash scripts/setup.sh --no-build # everything but the build (used by scripts/test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages: WeasyPrint's libraries, PDF tools for tests, LibreOffice to render decks, fonts.
# gettext gives msgfmt/msgcat, which the tests run on every catalog handouts writes.
# chromium and nodejs are for the web edition's browser tests (Playwright drives Debian's chromium,
# axe-core comes from npm), so no browser is downloaded.
APT_PACKAGES=(python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig
              poppler-utils libreoffice-impress fonts-noto-core fonts-noto-cjk fonts-crosextra-carlito gettext
              chromium nodejs)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# python3-venv is only needed when this Python cannot make a venv by itself.
if python3 -m venv --help >/dev/null 2>&1 && python3 -c "import ensurepip" 2>/dev/null; then
  missing=("${missing[@]/python3-venv}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
if ((${#missing[@]})); then
  echo "setup: installing system packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq </dev/null
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
fi

# Python environment: every dependency from the lock (exact versions, hashes checked), then
# handouts itself in editable mode without resolving anything again.
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --require-hashes --no-deps -r requirements.lock </dev/null
.venv/bin/python scripts/check_lock.py
.venv/bin/python -m pip install -q --no-deps --no-build-isolation -e . </dev/null
# Debian ships npm apart from nodejs; NodeSource's nodejs already contains it (and conflicts with it).
if ! command -v npm >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends npm </dev/null >/dev/null
fi
# Browser-side test tools, exactly as package-lock.json pins them.
if [ ! -f node_modules/axe-core/axe.min.js ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error </dev/null >/dev/null
fi

if [ "${1:-}" != "--no-build" ]; then
  .venv/bin/handouts build --large-print
  echo "setup: done. Leaflets and decks are in output/ (see output/manifest.json)."
fi
