#!/usr/bin/env bash
# Import clippings (txt/docx/doc/pdf/html) as articles into docs/articles/<year>/<slug>.md.
#   bash scripts/import.sh 稿件1.txt 稿件2.docx --source 武进日报 --place 武进区 [--year 2024] [--dry-run] [--force]
# Review the report: inferred dates, towns and topics marked 待核 need an editor's decision.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/venv.sh
exec .venv/bin/python -m govnews.cli import "$@"
