#!/usr/bin/env bash
# Set up (if needed) and build the sample site into site/ — strict, so any bad article fails.
# Everything runs from the virtual environment .venv (scripts/setup.sh). Preview with
#   .venv/bin/mkdocs serve    (drafts visible there)   or   python3 -m http.server -d site
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/venv.sh
export NO_MKDOCS_2_WARNING=1
.venv/bin/python -m mkdocs build --strict "$@"
