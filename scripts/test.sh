#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite: real builds, real Pagefind, real Chromium.
# pytest runs from the virtual environment .venv (scripts/setup.sh); its exit code is ours.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-browser
. scripts/venv.sh
export NO_MKDOCS_2_WARNING=1
# lint first (a second): unused or undefined names, syntax errors, import order (pyproject.toml)
.venv/bin/ruff check --no-cache --quiet .
exec .venv/bin/python -m pytest -n 2 "$@"
