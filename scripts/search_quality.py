"""Measure Chinese search quality: recall@10, precision@10 and MRR, before and after.

Builds the sample site plus a generated corpus with the real `mkdocs build` (or takes an
already built project), runs tests/search_queries.yml with Pagefind's JavaScript in Node,
and prints the figures for govnews' search ("after") and for Pagefind as it ships
("before": the same article texts indexed as plain Chinese pages, queried with
pagefind.search).

    python3 scripts/search_quality.py                 # sample + 600 generated articles
    python3 scripts/search_quality.py --articles 2000 --table
    python3 scripts/search_quality.py --project /path/to/built/project
    python3 scripts/search_quality.py --articles 10000 --decoys 30 --no-before   # at scale
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(ROOT, "plugins"))
sys.path.insert(0, os.path.join(ROOT, "tests"))   # synth, search_quality_eval

import search_quality_eval as quality
from synth import write_corpus, write_distinctive, write_documents  # noqa: E402

EPOCH = "1790000000"   # the tests' SOURCE_DATE_EPOCH


def make_project(dest: str, articles: int, seed: int, distinctive: int = 10, shard_size: int = 0,
                 documents: bool = False) -> None:
    """documents: add synth.write_documents' policy documents (a 发文字号 to search)."""
    shutil.copy(os.path.join(ROOT, "mkdocs.yml"), dest)
    if shard_size:
        cfg = os.path.join(dest, "mkdocs.yml")
        with open(cfg, encoding="utf-8") as fh:
            text = fh.read()
        with open(cfg, "w", encoding="utf-8") as fh:
            fh.write(text.replace("\n  - govnews\n", f"\n  - govnews:\n      search_shard_size: {shard_size}\n", 1))
    shutil.copytree(os.path.join(ROOT, "overrides"), os.path.join(dest, "overrides"))
    shutil.copytree(os.path.join(ROOT, "docs"), os.path.join(dest, "docs"))
    if articles:
        write_corpus(os.path.join(dest, "docs"), articles, seed=seed)
    if distinctive:
        write_distinctive(os.path.join(dest, "docs"), decoys=distinctive)
    if documents:
        write_documents(os.path.join(dest, "docs"))


def build(project: str) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=EPOCH)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"], cwd=project, env=env, check=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--project", help="a built project (mkdocs.yml and site/ inside)")
    ap.add_argument("--articles", type=int, default=600, help="generated articles added to the sample")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--decoys", type=int, default=10,
                    help="decoys per rare phrase (synth.DISTINCTIVE; 0: none)")
    ap.add_argument("--shard-size", type=int, default=0, help="search_shard_size (default: the plugin's)")
    ap.add_argument("--keep", action="store_true", help="keep the generated project")
    ap.add_argument("--queries", default=os.path.join(ROOT, "tests", "search_queries.yml"))
    ap.add_argument("--table", action="store_true", help="print every query")
    ap.add_argument("--no-before", action="store_true", help="skip the plain-Pagefind baseline")
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="govnews-quality-")
    try:
        project = args.project
        if not project:
            project = os.path.join(tmp, "project")
            os.makedirs(project)
            make_project(project, args.articles, args.seed, args.decoys, args.shard_size)
            build(project)
        os.environ["SOURCE_DATE_EPOCH"] = EPOCH
        filters = quality.project_filters(os.path.join(project, "mkdocs.yml"))
        site = os.path.join(project, "site")
        pages = quality.read_pages(site, filters)
        queries = quality.load_queries(args.queries)
        print(f"{len(pages)} articles, {len(queries)} queries")

        results = {}
        if not args.no_before:
            vanilla = os.path.join(tmp, "vanilla")
            quality.vanilla_index(pages, vanilla)
            results["before (Pagefind as shipped)"] = quality.score(queries, quality.run(vanilla, queries, "raw"), pages)
        results["after (govnews terms)"] = quality.score(queries, quality.run(site, queries, "govnews"), pages)
        for name, scores in results.items():
            print(f"{name}: {scores.summary()}")
            if args.table:
                print(scores.table())
    finally:
        if args.keep:
            print(f"project kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
