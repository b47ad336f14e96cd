#!/usr/bin/env python3
"""Benchmark: the full govnews build against the floor (plain MkDocs + Material) on the same articles.

    python3 scripts/bench.py --articles 1000 --runs 3
    python3 scripts/bench.py --articles 1000 5000 10000 --runs 3 --json bench.json

For each size it generates N realistic articles (synth: the seeds' sentences, the real
vocabularies, skewed topic/town/author distributions, deterministic with --seed) into two
projects and builds them alternately:
  full  — this repository's mkdocs.yml (govnews: all facets, feeds, search index …)
  floor — the same articles with plain MkDocs + Material, no plugins, articles out of the nav,
          no search
and reports medians of wall time, CPU time, peak RSS, pages per second and site size, the
full/floor ratio, and the time of `govnews check` over the same articles.

The full build runs twice a round: "full" with an empty build cache (every search shard
indexed: a first build, or CI without its cache) and "cached" right after it with the cache
the first one left (the same articles: a rebuild whose shards are all unchanged; a daily build
re-indexes only the shards whose articles changed, usually the newest).

With --serial each round also builds both without the forked children that write list pages
and make articles' parts on the other core (GOVNEWS_BACKGROUND=0: the build before them), so
the two can be compared side by side. Memory is the largest process's peak RSS and the whole
tree's peak summed RSS and PSS: RSS counts pages a fork shares with its parent twice.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "tests"))   # synth: the generated corpus

from synth import write_corpus  # noqa: E402

FLOOR_CONFIG = """\
site_name: floor
docs_dir: docs
theme:
  name: material
  language: zh
  font: false
plugins: []
markdown_extensions:
  - toc:
      permalink: true
nav:
  - 首页: index.md
not_in_nav: |
  /articles/
exclude_docs: |
  _vocab/
"""


def make_projects(base: Path, n: int, seed: int) -> tuple[Path, Path]:
    full, floor = base / "full", base / "floor"
    full.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", full / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", full / "overrides")
    shutil.copytree(ROOT / "docs" / "_vocab", full / "docs" / "_vocab")
    write_corpus(str(full / "docs"), n, seed=seed)
    shutil.copytree(full / "docs", floor / "docs")
    (floor / "mkdocs.yml").write_text(FLOOR_CONFIG, encoding="utf-8")
    (floor / "docs" / "index.md").write_text("# floor\n", encoding="utf-8")
    return full, floor


def _tree_memory_mb(root: int) -> tuple[float, float]:
    """Summed RSS and summed PSS of a process and all its descendants (from /proc). RSS
    counts a page shared by a fork and its parent twice; PSS splits it between them, so
    with forked children (govnews/background.py) PSS is what the build really holds."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total_rss = total_pss = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        total_rss += rss.get(pid, 0)
        total_pss += _pss(pid)
        todo.extend(children.get(pid, []))
    return total_rss / 2**20, total_pss / 2**20


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def run_measured(cmd: list[str], cwd: Path, extra_env: dict | None = None) -> dict:
    """Wall, CPU (user+sys of the process tree), peak RSS of the largest process and peak
    summed RSS and PSS of the whole tree (the build, its forked children and its Pagefind
    processes, sampled every 0.2 s)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1790000000", **(extra_env or {}))
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_tree = [0.0, 0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            tree_rss, tree_pss = _tree_memory_mb(proc.pid)
            peak_tree[0] = max(peak_tree[0], tree_rss)
            peak_tree[1] = max(peak_tree[1], tree_pss)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    done.set()
    sampler.join()
    wall = time.perf_counter() - start
    stderr = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"command failed: {' '.join(cmd)}\n{stderr[-3000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
            "tree_rss_mb": peak_tree[0], "tree_pss_mb": peak_tree[1]}


def site_stats(site: Path) -> dict:
    pages = sum(1 for _ in site.rglob("*.html"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return {"pages": pages, "size_mb": size / 1e6}


def bench_size(n: int, runs: int, seed: int, keep: Path | None, serial: bool = False) -> dict:
    base = Path(tempfile.mkdtemp(prefix=f"govnews-bench-{n}-", dir=keep))
    full, floor = make_projects(base, n, seed)
    build = [sys.executable, "-m", "mkdocs", "build", "-d", "site"]
    order = [("floor", floor), ("full", full), ("cached", full)]
    if serial:   # the same builds without forked children (background.py), in the same rounds
        order += [("full-serial", full), ("cached-serial", full)]
    results: dict[str, list[dict]] = {name: [] for name, _ in order}
    for i in range(runs):  # alternate, so drift on the machine hits both alike
        for name, proj in order if i % 2 == 0 else order[1:] + order[:1]:
            if name.startswith("full"):
                shutil.rmtree(proj / ".cache", ignore_errors=True)
            m = run_measured(build, proj, {"GOVNEWS_BACKGROUND": "0"} if name.endswith("-serial") else {})
            m.update(site_stats(proj / "site"))
            results[name].append(m)
            print(f"  {n:>6} {name:<13} run {i + 1}: {m['wall']:.1f} s wall, {m['cpu']:.1f} s cpu, "
                  f"{m['rss_mb']:.0f} MB ({m['tree_rss_mb']:.0f} MB RSS, {m['tree_pss_mb']:.0f} MB PSS all processes), "
                  f"{m['pages']} pages", file=sys.stderr)
    check = run_measured([sys.executable, "-m", "govnews.cli", "check"], full) if n else None
    summary = {"articles": n}
    for name, rows in results.items():
        med = {k: statistics.median(r[k] for r in rows) for k in ("wall", "cpu", "rss_mb", "tree_rss_mb", "tree_pss_mb", "pages",
                                                                   "size_mb")}
        med["pages_per_s"] = med["pages"] / med["wall"]
        summary[name] = med
    summary["ratio_wall"] = summary["full"]["wall"] / summary["floor"]["wall"]
    summary["ratio_cpu"] = summary["full"]["cpu"] / summary["floor"]["cpu"]
    summary["ratio_cached"] = summary["cached"]["wall"] / summary["floor"]["wall"]
    for name in ("full-serial", "cached-serial"):
        if name in summary:
            summary[f"ratio_{name}"] = summary[name]["wall"] / summary["floor"]["wall"]
    summary["check_s"] = check["wall"] if check else None
    search_dir = full / "site" / "pagefind"
    summary["search_index_mb"] = (sum(p.stat().st_size for p in search_dir.rglob("*") if p.is_file()) / 1e6
                                  if search_dir.exists() else None)
    if keep is None:
        shutil.rmtree(base, ignore_errors=True)
    return summary


def table(rows: list[dict]) -> str:
    lines = [
        "| articles | build | wall s | CPU s | largest process MB | all processes RSS MB | all processes PSS MB "
        "| pages | pages/s | site MB | full/floor wall | check s |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        for name in ("floor", "full", "cached", "full-serial", "cached-serial"):
            if name not in r:
                continue
            m = r[name]
            ratio = f"{r['ratio_' + {'full': 'wall'}.get(name, name)]:.2f}×" if name != "floor" else ""
            check = f"{r['check_s']:.1f}" if name == "full" and r["check_s"] is not None else ""
            lines.append(f"| {r['articles']} | {name} | {m['wall']:.1f} | {m['cpu']:.1f} | {m['rss_mb']:.0f} | {m['tree_rss_mb']:.0f} | "
                         f"{m['tree_pss_mb']:.0f} | {m['pages']:.0f} | {m['pages_per_s']:.0f} | {m['size_mb']:.1f} | {ratio} | {check} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, nargs="+", default=[1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", help="also write the results as JSON here")
    parser.add_argument("--keep", help="keep the generated projects under this directory")
    parser.add_argument("--serial", action="store_true",
                        help="also build without forked children (GOVNEWS_BACKGROUND=0), in the same rounds")
    args = parser.parse_args()
    keep = Path(args.keep) if args.keep else None
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
    rows = [bench_size(n, args.runs, args.seed, keep, args.serial) for n in args.articles]
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(table(rows))
    if len(rows) > 1:
        base = rows[0]
        for r in rows[1:]:
            scale = r["articles"] / base["articles"]
            print(f"{base['articles']}→{r['articles']} articles (×{scale:g}): full build time ×"
                  f"{r['full']['wall'] / base['full']['wall']:.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
