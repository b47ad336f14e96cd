"""What search indexing costs a build: the same generated site built with and without it.

    python3 scripts/search_bench.py --articles 5000

Runs `mkdocs build` in this process twice (search on, then off by replacing the indexer
with a no-op), and reports wall time and CPU time of this process (MkDocs and the record
preparation) and of the Pagefind process, which runs on another core while MkDocs renders,
and the time post_build still waited for Pagefind. On a shared, loaded machine wall times
mean little; the CPU times say what an idle two-core machine would see.
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import shutil
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(ROOT, "plugins"))
sys.path.insert(0, os.path.join(ROOT, "tests"))   # synth, search_quality_eval

from govnews.search import indexer  # noqa: E402
from govnews.site import build as core

from synth import write_corpus  # noqa: E402


class NoSearch:
    def __init__(self, *args, **kwargs):
        pass

    def add(self, art, html):
        pass

    def finish(self, site_dir):
        return 0


def timed(obj, name, bucket):
    original = getattr(obj, name)

    def wrapper(*args, **kwargs):
        t = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            bucket[name] = bucket.get(name, 0.0) + time.perf_counter() - t
    setattr(obj, name, wrapper)
    return original


def cpu() -> tuple[float, float]:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def run_build(project: str) -> tuple[float, float, float]:
    """(wall, CPU of this process, CPU of child processes) of one build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cwd = os.getcwd()
    os.chdir(project)
    try:
        cfg = load_config(os.path.join(project, "mkdocs.yml"), site_dir=os.path.join(project, "site"))
        cfg.plugins.on_startup(command="build", dirty=False)
        t, (me, kids) = time.perf_counter(), cpu()
        build(cfg)
        me2, kids2 = cpu()
        return time.perf_counter() - t, me2 - me, kids2 - kids
    finally:
        os.chdir(cwd)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--keep", help="build the project in this directory and keep it")
    args = ap.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1790000000")
    logging.basicConfig(level=logging.WARNING)

    project = args.keep or tempfile.mkdtemp(prefix="govnews-search-bench-")
    try:
        if not os.path.exists(os.path.join(project, "mkdocs.yml")):
            os.makedirs(project, exist_ok=True)
            shutil.copy(os.path.join(ROOT, "mkdocs.yml"), project)
            shutil.copytree(os.path.join(ROOT, "overrides"), os.path.join(project, "overrides"))
            shutil.copytree(os.path.join(ROOT, "docs", "_vocab"), os.path.join(project, "docs", "_vocab"))
            write_corpus(os.path.join(project, "docs"), args.articles, seed=args.seed)
        run_build(project)  # warm-up: imports, Material's templates, file cache

        spent: dict[str, float] = {}
        timed(indexer.SearchIndexer, "add", spent)
        timed(indexer.SearchIndexer, "finish", spent)
        with_search = run_build(project)
        bundle = os.path.join(project, "site", "pagefind")
        size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(bundle) for f in fs)
        files = sum(len(fs) for _, _, fs in os.walk(bundle))

        real = core.SearchIndexer
        core.SearchIndexer = NoSearch
        try:
            without = run_build(project)
        finally:
            core.SearchIndexer = real

        n = args.articles
        print(f"{n} articles")
        print(f"build without search: {without[0]:7.1f} s wall, {without[1]:6.1f} s CPU")
        print(f"build with search:    {with_search[0]:7.1f} s wall ({with_search[0] / without[0]:.2f}×), "
              f"{with_search[1]:6.1f} s CPU in MkDocs' process ({with_search[1] / without[1]:.2f}×), "
              f"{with_search[2]:.1f} s CPU in Pagefind")
        print(f"  records prepared on the build thread: {spent.get('add', 0):.1f} s "
              f"({spent.get('add', 0) / n * 1000:.2f} ms/article)")
        print(f"  post_build waiting for Pagefind (drain + write + stable names): {spent.get('finish', 0):.1f} s")
        print(f"  bundle: {files} files, {size / 1e6:.1f} MB")
    finally:
        if not args.keep:
            shutil.rmtree(project, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
