#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite: real builds, real Pagefind, real Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-browser
export NO_MKDOCS_2_WARNING=1
python3 -m pytest -n 2 "$@"
