#!/usr/bin/env bash
# Set up (if needed) and build the sample site into site/ — strict, so any bad article fails.
# Serve it with:  mkdocs serve   (drafts visible there) or  python3 -m http.server -d site
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
python3 -m mkdocs build --strict "$@"
