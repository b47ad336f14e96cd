#!/usr/bin/env bash
# Fetch the web editor's prebuilt bundle (Decap CMS, pinned with its sha512 integrity in
# package.json under govnews.adminBundle) into vendor/decap-cms/, where the build copies it
# into site/admin/ (plugins/govnews/site/admin.py). Only the bundle's files are kept (its
# entry point, lazy chunks, WebAssembly and licence: ~6 MB), not the 700 npm packages
# `npm install decap-cms` would bring for building it from source. Idempotent: a stamp with
# the integrity skips the download when nothing changed. Needs npm (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

DEST=vendor/decap-cms
# js-yaml (package-lock.json, installed by `npm ci` before this script) reads front matter in
# the browser so that govnews-admin.js can keep comments, key order and layout when it saves
YAML_JS=node_modules/js-yaml/dist/js-yaml.min.js
if [ ! -f "$YAML_JS" ]; then
  echo "admin_bundle: $YAML_JS missing: run npm ci first (scripts/setup.sh --with-admin does)" >&2
  exit 1
fi
read -r name version integrity < <(node -e '
  const b = require("./package.json").govnews.adminBundle;
  console.log(b.package, b.version, b.integrity)')
stamp="$DEST/.integrity"
if [ -f "$DEST/decap-cms.js" ] && [ "$(cat "$stamp" 2>/dev/null || true)" = "$integrity" ]; then
  cmp -s "$YAML_JS" "$DEST/js-yaml.min.js" || cp "$YAML_JS" "$DEST/js-yaml.min.js"
  exit 0
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# npm pack checks the registry's integrity; we check ours too (a changed tarball is refused)
tarball="$(cd "$tmp" && npm pack --silent "$name@$version")"
got="$(node -e 'const c = require("crypto"), fs = require("fs");
  console.log("sha512-" + c.createHash("sha512").update(fs.readFileSync(process.argv[1])).digest("base64"))' "$tmp/$tarball")"
if [ "$got" != "$integrity" ]; then
  echo "admin_bundle: $name@$version has integrity $got, package.json pins $integrity: refused" >&2
  exit 1
fi
tar -xzf "$tmp/$tarball" -C "$tmp"
rm -rf "$DEST.new"
mkdir -p "$DEST.new"
# the entry point, its chunks (N.decap-cms.js) and their WebAssembly, and the licences
cp "$tmp/package/dist/decap-cms.js" "$tmp/package/dist/decap-cms.js.LICENSE.txt" "$DEST.new/"
cp "$tmp"/package/dist/[0-9]*.decap-cms.js "$tmp"/package/dist/*.wasm "$DEST.new/"
cp "$tmp/package/package.json" "$DEST.new/package.json"
cp "$YAML_JS" "$DEST.new/js-yaml.min.js"
echo "$integrity" > "$DEST.new/.integrity"
rm -rf "$DEST"
mv "$DEST.new" "$DEST"
echo "admin_bundle: $name@$version → $DEST ($(du -sb "$DEST" | cut -f1) bytes)" >&2
