#!/usr/bin/env bash
# Install newsbrief and brief the bundled example story (five articles on the 2019 US-Taliban talks in Doha).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/newsbrief brief src/newsbrief/examples/doha-talks "$@"
