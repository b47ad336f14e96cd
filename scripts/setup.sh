#!/usr/bin/env bash
# Install everything govnews needs on a fresh Debian machine (idempotent).
# Python packages from requirements.txt (pinned); Debian's chromium and nginx for the
# browser tests (never `playwright install`: the browser comes from Debian).
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install -q --disable-pip-version-check -r requirements.txt

if [ "${1:-}" = "--with-browser" ]; then
  need=()
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v nginx >/dev/null 2>&1 || need+=(nginx)
  if [ ${#need[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
fi
