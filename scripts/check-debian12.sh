#!/usr/bin/env bash
# Check the README's set-up on a clean Debian 12 (bookworm), from scratch: debootstrap a stock
# root from a Debian mirror, give it only what the README presupposes (Debian's python3, and
# git to clone with), clone this repository's committed HEAD into it (nothing beside it), and
# run there, as root and then as an ordinary user without sudo:
#   bash scripts/build.sh                  (makes .venv, installs python3-venv with apt-get)
#   bash scripts/setup.sh --with-admin     (installs Debian's nodejs 18 + npm 9, npm ci, bundle)
#   .venv/bin/mkdocs build --strict        (must write site/admin/ with the Decap bundle)
# plus checks that Debian's python3 got nothing and that decap-server answers under node 18.
# Prints the seconds of every step; exit status 0 only when every step passed.
# Needs root and debootstrap (installed with apt-get when missing), ~1 GB of disk, the network
# (Debian mirror, PyPI, the npm registry) and 5–10 minutes. Not part of the test suite.
#
#   sudo bash scripts/check-debian12.sh [--dir DIR] [--mirror URL] [--keep]
#
# --dir     where the root goes (default /var/tmp/govnews-debian12; wiped first)
# --mirror  Debian mirror (default: the first .../debian URI of this machine's apt sources,
#           else http://deb.debian.org/debian); security updates from the sibling .../debian-security
# --keep    leave the root in place (chroot DIR/root); otherwise it is removed at the end.
#           The logs of every step stay in DIR/logs either way.
# Certificates this machine adds in /usr/local/share/ca-certificates (a TLS-inspecting proxy's
# CA) are copied into the root so that it reaches PyPI and npm the way this machine does.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$PWD"

dir=/var/tmp/govnews-debian12
mirror=""
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --mirror) mirror="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "check-debian12: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [ "$(id -u)" -ne 0 ]; then
  echo "check-debian12: needs root (debootstrap, chroot, mounts)" >&2
  exit 2
fi
if [ -z "$mirror" ]; then
  mirror="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null \
    | grep -v '^[[:space:]]*#' | grep -oE 'https?://[^ ]+/debian/?( |$)' | head -1 | tr -d ' ' || true)"
  mirror="${mirror%/}"
  mirror="${mirror:-http://deb.debian.org/debian}"
fi
security="${mirror%/debian}/debian-security"
case "$dir" in /|/usr|/var|/tmp|/home|/root|"") echo "check-debian12: refusing --dir $dir" >&2; exit 2 ;; esac
root="$dir/root"
logs="$dir/logs"

mounted() { findmnt -rn -o TARGET | grep -qE "^$root(/|$)"; }
unmount() {
  for m in $(findmnt -rn -o TARGET | grep -E "^$root(/|$)" | sort -r); do umount -l "$m" || true; done
}
cleanup() {
  unmount
  if [ "$keep" = 0 ] && ! mounted; then rm -rf "$root"; fi
}
trap cleanup EXIT

unmount
if mounted; then echo "check-debian12: $root still has mounts, not removing it" >&2; exit 1; fi
rm -rf "$root" "$logs"
mkdir -p "$root" "$logs"

results=()
failed=0
# step NAME LOGFILE COMMAND...: run, time, record; later steps still run unless --stop
step() {
  local name="$1" log="$2"; shift 2
  local t0 rc
  t0=$(date +%s)
  echo "check-debian12: $name …" >&2
  if "$@" >"$logs/$log" 2>&1; then rc=0; else rc=$?; fi
  local secs=$(( $(date +%s) - t0 ))
  if [ "$rc" = 0 ]; then
    results+=("$(printf '%-44s %5ss  ok' "$name" "$secs")")
  else
    results+=("$(printf '%-44s %5ss  FAILED (exit %s, %s)' "$name" "$secs" "$rc" "$logs/$log")")
    failed=1
    tail -20 "$logs/$log" | sed 's/^/    /' >&2
  fi
  return "$rc"
}
report() {
  echo
  echo "clean Debian 12 check ($mirror, $(git -C "$REPO" rev-parse --short HEAD)):"
  printf '  %s\n' "${results[@]}"
  [ "$failed" = 0 ] && echo "result: all steps passed" || echo "result: FAILED (logs in $logs)"
}

# in the root, as root (or as the user "editor"), with a login shell's environment only
in_root() { chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin /bin/bash -c "$1"; }
as_editor() { chroot --userspec=editor:editor "$root" /usr/bin/env -i HOME=/home/editor USER=editor \
  LANG=C.UTF-8 TERM=dumb PATH=/usr/local/bin:/usr/bin:/bin /bin/bash -c "$1"; }

if ! command -v debootstrap >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
fi

bootstrap() {
  debootstrap bookworm "$root" "$mirror"
  cat > "$root/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security bookworm-security main
EOF
  mount -t proc proc "$root/proc"
  mount -t sysfs sys "$root/sys"
  mount --rbind /dev "$root/dev"
  mount --make-rslave "$root/dev"
  cp /etc/resolv.conf "$root/etc/resolv.conf"
}
prerequisites() {
  in_root 'export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq python3 git >/dev/null'
  if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
    in_root 'update-ca-certificates >/dev/null'
  fi
  in_root 'useradd -m -s /bin/bash editor'
  in_root 'python3 -V; git --version; cat /etc/debian_version'
}
clone() {
  mkdir -p "$root/srv"
  git clone -q "$REPO" "$root/srv/govnews"
  git clone -q "$REPO" "$root/home/editor/govnews"
  test "$(git -C "$root/srv/govnews" rev-parse HEAD)" = "$(git -C "$REPO" rev-parse HEAD)"
  in_root 'chown -R editor:editor /home/editor/govnews; ls /srv'
}
admin_checks() {   # $1: run as in_root or as_editor; $2: the clone
  "$1" "cd $2 && set -e
    test -f site/index.html && test -d site/pagefind
    test -f site/admin/index.html && test -f site/admin/config.yml && test -s site/admin/decap-cms.js
    echo site/admin: \$(ls site/admin | wc -l) files, \$(du -sb site/admin | cut -f1) bytes
    echo node \$(node -v), npm \$(npm -v)
    grep -q 'home = /usr/bin' .venv/pyvenv.cfg
    ! /usr/bin/python3 -c 'import mkdocs' 2>/dev/null
    port=\$(python3 -c 'import socket; s=socket.socket(); s.bind((\"127.0.0.1\", 0)); print(s.getsockname()[1])')
    MODE=git PORT=\$port node node_modules/decap-server/dist/index.js >/tmp/decap.\$\$.log 2>&1 & pid=\$!
    ok=0
    for i in \$(seq 1 30); do
      if python3 -c 'import json, sys, urllib.request as u
r = u.Request(\"http://127.0.0.1:\" + sys.argv[1] + \"/api/v1\", data=json.dumps({\"action\": \"info\"}).encode(),
              headers={\"Content-Type\": \"application/json\"})
print(\"decap-server:\", u.urlopen(r, timeout=2).read().decode())' \$port 2>/dev/null; then ok=1; break; fi
      sleep 1
    done
    kill \$pid; wait \$pid 2>/dev/null || true
    [ \$ok = 1 ] || { cat /tmp/decap.\$\$.log; exit 1; }"
}

run_all() {
  step "debootstrap bookworm" debootstrap.log bootstrap || return 1
  step "apt-get install python3 git" prerequisites.log prerequisites || return 1
  step "git clone (committed HEAD)" clone.log clone || return 1
  # a user without root or sudo on the stock root: setup stops and names what root must install
  step "editor first: setup names su -c apt-get" editor-nosudo.log as_editor 'cd ~/govnews
    if bash scripts/build.sh; then echo "build.sh passed without python3-venv?"; exit 1; fi
    rm -rf .venv' || true
  grep -q "su -c .apt-get install --no-install-recommends python3-venv" "$logs/editor-nosudo.log" || {
    results+=("$(printf '%-44s %5s   FAILED (no su -c line in %s)' "  … its message" "" "$logs/editor-nosudo.log")"); failed=1; }
  step "root: bash scripts/build.sh" root-build.log in_root 'cd /srv/govnews && bash scripts/build.sh' || return 1
  step "root: bash scripts/setup.sh --with-admin" root-admin.log in_root 'cd /srv/govnews && bash scripts/setup.sh --with-admin' || return 1
  step "root: .venv/bin/mkdocs build --strict" root-mkdocs.log in_root 'cd /srv/govnews && NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict' || return 1
  step "root: site/admin/, decap-server on node" root-checks.log admin_checks in_root /srv/govnews || true
  # an ordinary user (no sudo) after root installed the Debian packages
  step "editor: bash scripts/build.sh" editor-build.log as_editor 'cd ~/govnews && bash scripts/build.sh' || return 1
  step "editor: bash scripts/setup.sh --with-admin" editor-admin.log as_editor 'cd ~/govnews && bash scripts/setup.sh --with-admin' || return 1
  step "editor: .venv/bin/mkdocs build --strict" editor-mkdocs.log as_editor 'cd ~/govnews && NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict' || return 1
  step "editor: site/admin/, decap-server on node" editor-checks.log admin_checks as_editor '~/govnews' || true
}
run_all || true
report
grep -h -E '^(site/admin|node |decap-server)' "$logs/root-checks.log" 2>/dev/null | sed 's/^/  /' || true
[ "$failed" = 0 ]
