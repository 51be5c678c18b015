#!/usr/bin/env bash
# A long fuzz run (thousands of cases, fresh randomness each time): bash scripts/fuzz.sh [pytest options]
set -euo pipefail
cd "$(dirname "$0")/.."
HANDOUTS_FUZZ=long exec .venv/bin/python -m pytest tests/test_fuzz.py -x "$@"
