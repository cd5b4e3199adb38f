#!/usr/bin/env bash
# Create .venv (if needed) and install newsbrief into it.
#   scripts/setup.sh            the library and CLI
#   scripts/setup.sh all        + eval, web, spark and test extras, and Debian's chromium for browser tests
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# torch is never needed; pip must not pull it in by accident.
if [ "$extras" = "all" ]; then
  .venv/bin/pip install -q --disable-pip-version-check -e '.[all]' 2>&1 | grep -v "is ignored: it is neither" || true
  if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian's chromium for the browser tests" >&2
    (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || echo "setup: chromium could not be installed; browser tests will be skipped" >&2
  fi
  # axe-core, injected by the browser tests to check every page's accessibility (tests/web/test_browser.py)
  if command -v npm >/dev/null 2>&1 && [ ! -f .cache/axe/node_modules/axe-core/axe.min.js ]; then
    npm install --no-save --no-audit --no-fund --silent --prefix .cache/axe axe-core@4.14.1 >/dev/null 2>&1 \
      || echo "setup: axe-core could not be installed; the accessibility check will be left out" >&2
  fi
else
  .venv/bin/pip install -q --disable-pip-version-check -e . 2>&1 | grep -v "is ignored: it is neither" || true
fi
.venv/bin/python -c "import newsbrief" || { echo "setup: newsbrief did not install" >&2; exit 1; }
