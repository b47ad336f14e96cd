#!/usr/bin/env bash
# Install everything govnews needs on a fresh Debian machine (idempotent).
# Python packages from requirements.txt (pinned); with --with-browser also the Debian
# packages the browser/HTML tests use: chromium (never `playwright install`: the browser
# comes from Debian), nginx (serves the site with scripts/deploy/nginx), a Java runtime
# (the W3C Nu validator), Node.js (runs Pagefind's own JavaScript in the search
# quality test) and CJK fonts (screenshots must show Chinese, not boxes).
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install -q --disable-pip-version-check -r requirements.txt

if [ "${1:-}" = "--with-browser" ]; then
  need=()
  [ -x /usr/bin/chromium ] || need+=(chromium)
  [ -x /usr/sbin/nginx ] || need+=(nginx)
  command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
  command -v node >/dev/null 2>&1 || need+=(nodejs)   # Pagefind's JS in the search quality test
  if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh 2>/dev/null | head -1)" ]; then
    need+=(fonts-noto-cjk fontconfig)
  fi
  if [ ${#need[@]} -gt 0 ]; then
    echo "setup: apt-get install ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
fi
