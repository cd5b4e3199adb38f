#!/usr/bin/env bash
# Install newsbrief with every extra and run the whole test suite (offline; Spark and browser tests included).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bash scripts/setup.sh all
echo "test.sh: install took $(( $(date +%s) - start )) s" >&2
.venv/bin/python -m pytest -q "$@"
