#!/usr/bin/env bash
# Install everything govnews needs on a fresh Debian machine (idempotent).
# The Python packages of requirements.txt (pinned) go into the repository's own virtual
# environment .venv: Debian's python3 is externally managed (PEP 668) and is never installed
# into (no --break-system-packages); Debian's python3-venv comes from apt when missing.
# Use the environment with `. .venv/bin/activate` (then mkdocs, govnews, pre-commit) or call
# .venv/bin/mkdocs etc. directly; scripts/build.sh and scripts/test.sh do that themselves.
# With --with-browser also the Debian packages the browser/HTML tests use: chromium (never
# `playwright install`: the browser comes from Debian), nginx (serves the site with
# scripts/deploy/nginx), a Java runtime (the W3C Nu validator), Node.js (runs Pagefind's own
# JavaScript in the search quality test) and CJK fonts (screenshots must show Chinese, not boxes).
# With --with-admin (implied by --with-browser) also the web editor /admin/: Debian's nodejs and
# npm, Decap CMS's local git proxy from package-lock.json (`npm ci`), and its prebuilt bundle
# pinned in package.json (scripts/admin_bundle.sh → vendor/decap-cms/, copied into the site).
set -euo pipefail
cd "$(dirname "$0")/.."

with_browser=0
with_admin=0
for arg in "$@"; do
  case "$arg" in
    --with-browser) with_browser=1; with_admin=1 ;;
    --with-admin) with_admin=1 ;;
    *) echo "setup: unknown option $arg (use --with-browser or --with-admin)" >&2; exit 2 ;;
  esac
done

VENV=.venv

apt_install() {
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      # a stock Debian 12 installed with a root password has no sudo: say what root must run
      cat >&2 <<EOF
setup: $* missing, and $(id -un) cannot install Debian packages (not root, no sudo).
       Run as root, then run this again:  su -c 'apt-get install --no-install-recommends $*'
setup: 缺少 $*，当前用户 $(id -un) 不能安装 Debian 软件包（不是 root，也没有 sudo）。
       请先用 root 安装，再运行本命令：  su -c 'apt-get install --no-install-recommends $*'
EOF
      exit 1
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: no apt-get here; install the equivalent of: $*" >&2
    exit 1
  fi
  echo "setup: ${sudo[*]}${sudo[*]:+ }apt-get install $*" >&2
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# -- the virtual environment ---------------------------------------------------------------
if ! "$VENV/bin/python" -c "" >/dev/null 2>&1; then   # missing, or its Python has gone
  command -v python3 >/dev/null 2>&1 || apt_install python3
  if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "setup: govnews needs Python 3.11 or newer, python3 is $(python3 -V 2>&1)" >&2
    exit 1
  fi
  rm -rf "$VENV"
  # Debian ships venv without ensurepip unless python3-venv is installed
  if ! python3 -m venv "$VENV" >/dev/null 2>&1; then
    rm -rf "$VENV"
    apt_install python3-venv
    python3 -m venv "$VENV"
  fi
  echo "setup: created $VENV ($("$VENV/bin/python" -V))" >&2
fi

# requirements.txt installs the package itself (-e .), so pyproject.toml counts too; the
# stamp skips pip when nothing changed (delete .venv to start afresh)
stamp="$VENV/.govnews-requirements"
want="$(cat requirements.txt pyproject.toml | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r requirements.txt
  echo "$want" > "$stamp"
fi

# -- Debian packages for the browser and HTML tests ------------------------------------------
if [ "$with_browser" = 1 ]; then
  need=()
  [ -x /usr/bin/chromium ] || need+=(chromium)
  [ -x /usr/sbin/nginx ] || need+=(nginx)
  command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
  command -v node >/dev/null 2>&1 || need+=(nodejs)   # Pagefind's JS in the search quality test
  # Debian's own Python (CI images bring their own): tests/test_setup_debian.py runs the README's
  # set-up with it; python3-venv is left to that set-up, so its apt-get path is tested too
  [ -x /usr/bin/python3 ] || need+=(python3)
  if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh 2>/dev/null | head -1)" ]; then
    need+=(fonts-noto-cjk fontconfig)
  fi
  if [ ${#need[@]} -gt 0 ]; then
    apt_install "${need[@]}"
  fi
fi

# -- the web editor (/admin/): Decap CMS, pinned ----------------------------------------------
if [ "$with_admin" = 1 ]; then
  need=()
  command -v node >/dev/null 2>&1 || need+=(nodejs)
  command -v npm >/dev/null 2>&1 || need+=(npm)
  if [ ${#need[@]} -gt 0 ]; then
    apt_install "${need[@]}"
  fi
  # the oldest Node.js every package of the lock accepts (its engines.node lower bounds; today
  # 18, from decap-server's logger: color@5, color-string@2). Debian 12's nodejs is 18 and works
  # (scripts/check-debian12.sh). npm only warns about engines (and --loglevel=error hides it), so
  # an older node (Debian 11: 12) would get packages outside their supported range: stop here.
  # Plain ES5, so that an old node can still run it and say so.
  read -r node_min node_why < <(node -e '
    var lock = require("./package-lock.json"), min = 0, why = "-";
    Object.keys(lock.packages || {}).forEach(function (k) {
      var e = (lock.packages[k].engines || {}).node, low = null;
      if (typeof e !== "string") return;
      e.split("||").forEach(function (alt) {
        var m = /^\s*(?:>=|\^|~)?\s*v?(\d+)/.exec(alt.replace(/\s+/g, " "));
        var major = m ? +m[1] : 0;   /* "*", "" or a bare "<" bound: any version */
        low = low === null ? major : Math.min(low, major);
      });
      if (low !== null && low > min) { min = low; why = k.replace(/^.*node_modules\//, "") + "@" + lock.packages[k].version; }
    });
    console.log(min, why)')
  node_min="${node_min:-0}"
  node_major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$node_major" -lt "$node_min" ]; then
    if [ "$node_min" -le 18 ]; then
      get_zh="Debian 12 自带的 nodejs 就够（apt-get install nodejs npm）；更早的系统请升级到 Debian 12，或"
      get_en="Debian 12's own nodejs (18) is enough; on an older system upgrade to Debian 12 or"
    else
      get_zh="Debian 12 自带的 nodejs 是 18，不够；请"
      get_en="Debian 12's own nodejs (18) is too old;"
    fi
    cat >&2 <<EOF
setup: 网页编辑器需要 Node.js $node_min 或更新版本（$node_why 要求），本机是 $(node -v)（$(command -v node)）。
       ${get_zh}从 NodeSource（https://github.com/nodesource/distributions）安装 Node.js $node_min 以上，再运行本命令。
setup: the web editor needs Node.js $node_min or newer ($node_why), this machine has $(node -v) ($(command -v node)).
       $get_en install Node.js $node_min+ from NodeSource (https://github.com/nodesource/distributions), then run this again.
EOF
    exit 1
  fi
  # the local git proxy (decap-server) exactly as package-lock.json pins it; the stamp skips
  # npm when the lock did not change (delete node_modules to start afresh)
  npm_stamp=node_modules/.govnews-lock
  npm_want="$(sha256sum package-lock.json | cut -d' ' -f1)"
  if [ "$(cat "$npm_stamp" 2>/dev/null || true)" != "$npm_want" ]; then
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
    echo "$npm_want" > "$npm_stamp"
  fi
  bash scripts/admin_bundle.sh
fi
