#!/usr/bin/env bash
# Re-create the sample content from the five real clippings in samples/seeds (or $SEEDS).
# Per page: the paper (--source, for 本报讯 pages) and the place "我市/我区" refers to (--place).
# Existing articles are kept (the editor-reviewed front matter wins); pass --force to redo.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/venv.sh
SEEDS="${SEEDS:-samples/seeds}"
imp() { python3 -m govnews.cli import "$@"; }
imp "$SEEDS"/000_*.txt --source 武进日报 --place 武进区 "$@"
imp "$SEEDS"/001_*.txt --place 牛塘镇 "$@"
imp "$SEEDS"/002_*.txt --place 湖塘镇 "$@"
imp "$SEEDS"/003_*.txt --source 武进日报 --place 武进区 "$@"
imp "$SEEDS"/004_*.txt --source 平湖日报 --place 平湖市 "$@"
