#!/usr/bin/env bash
# Install newsbrief with every extra and run the whole test suite (offline; Spark and browser tests included).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh all
.venv/bin/python -m pytest -q "$@"
