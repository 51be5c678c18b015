#!/usr/bin/env bash
# Run the whole test suite (sets up first if needed: system packages, .venv).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --no-build
exec .venv/bin/python -m pytest "$@"
