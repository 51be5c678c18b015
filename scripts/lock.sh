#!/usr/bin/env bash
# Refresh requirements.lock from pyproject.toml (+ requirements/build.in) with hashes, for every
# platform and Python >= 3.11. Run after changing dependencies in pyproject.toml, then commit both.
#   bash scripts/lock.sh              # keep pinned versions where they still satisfy pyproject.toml
#   bash scripts/lock.sh --upgrade    # move every dependency to its newest allowed version
set -euo pipefail
cd "$(dirname "$0")/.."
command -v uv >/dev/null 2>&1 || python3 -m pip install -q uv
uv pip compile pyproject.toml requirements/build.in --extra dev --extra bench --extra train \
  --universal --python-version 3.11 --generate-hashes --no-header "$@" -o requirements.lock
echo "lock: requirements.lock refreshed; commit it with pyproject.toml"
