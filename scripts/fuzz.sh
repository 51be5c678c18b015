#!/usr/bin/env bash
# A long fuzz run (thousands of cases, fresh randomness each time), 15 minutes shared by its tests unless told:
#   bash scripts/fuzz.sh [pytest options]     HANDOUTS_FUZZ_MINUTES=60 HANDOUTS_FUZZ_LOG=fuzz.jsonl bash scripts/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
HANDOUTS_FUZZ=long HANDOUTS_FUZZ_MINUTES="${HANDOUTS_FUZZ_MINUTES:-15}" exec .venv/bin/python -m pytest tests/test_fuzz.py -x "$@"
