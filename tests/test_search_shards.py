"""Date shards of the search index: the plan, one Pagefind process at a time, stable old shards.

Pagefind holds every word of every page in memory until it writes, so govnews indexes a big
site in date shards, one process after the other (search/shards.py); test_search.py runs
every query against a sharded index.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from govnews.search.service import executable
from govnews.search.shards import ShardPlan

from conftest import Project, make_project

SIZE = 10


def dates(*spec: tuple[int, int, int]) -> list[datetime]:
    """(year, month, count) → that many dates in that month."""
    return [datetime(y, m, 1 + i % 28) for y, m, n in spec for i in range(n)]


def test_plan_packs_whole_years_from_the_oldest():
    plan = ShardPlan(dates((2016, 3, 4), (2017, 5, 3), (2018, 1, 5), (2019, 7, 9), (2020, 2, 1)), size=10)
    names = [(s.name, s.count) for s in plan.shards]
    # newest first; 2016+2017 = 7, +2018 would be 12 > 10; 2018 alone 5, +2019 = 14 > 10
    assert names == [("2019_2020", 10), ("2018", 5), ("2016_2017", 7)]
    assert plan.shard_of(datetime(2017, 12, 31)).name == "2016_2017"
    assert plan.path_of(plan.shards[0]) == "" and plan.path_of(plan.shards[2]) == "2016_2017/"


def test_plan_splits_a_big_year_by_whole_months():
    plan = ShardPlan(dates((2023, 6, 2), (2024, 1, 6), (2024, 2, 6), (2024, 3, 13), (2024, 4, 1)), size=10)
    names = [(s.name, s.count) for s in plan.shards]
    # 2024 (26) is split by month; a month larger than the size (March) stays whole, and so
    # April (1) cannot be balanced with it
    assert names == [("2024-04", 1), ("2024-03", 13), ("2024-02", 6), ("2023_2024-01", 8)]
    assert plan.shard_of(datetime(2024, 3, 30)).name == "2024-03"
    assert plan.shard_of(datetime(2023, 6, 1)).name == "2023_2024-01"


def test_adding_to_the_newest_year_keeps_older_shards():
    before = ShardPlan(dates((2020, 1, 8), (2021, 1, 8), (2022, 1, 3)), size=10)
    after = ShardPlan(dates((2020, 1, 8), (2021, 1, 8), (2022, 1, 4)), size=10)
    assert [(s.name, s.count) for s in before.shards[1:]] == [(s.name, s.count) for s in after.shards[1:]]


def test_a_small_newest_remainder_is_balanced_with_the_shard_before():
    # a reader's first search opens the newest shard alone only if it holds half a shard
    older = [(2020, m, 1) for m in range(1, 11)] + [(2021, m, 1) for m in range(1, 11)]   # 10 + 10
    for newest, expected in ((0, [("2021", 10), ("2020", 10)]),
                             # 2021 + 1: the last two shards' months split in two halves
                             (1, [("2021-06_2022", 6), ("2021-01_2021-05", 5), ("2020", 10)]),
                             (4, [("2021-08_2022", 7), ("2021-01_2021-07", 7), ("2020", 10)]),
                             # half a shard: the remainder is a shard, 2021 the packed one again
                             (5, [("2022", 5), ("2021", 10), ("2020", 10)]),
                             (9, [("2022", 9), ("2021", 10), ("2020", 10)])):
        days = dates(*older, *[(2022, 1 + i, 1) for i in range(newest)])
        plan = ShardPlan(days, size=SIZE)
        assert [(s.name, s.count) for s in plan.shards] == expected, newest
        assert plan.shards[0].count >= SIZE // 2
        assert all(s.count <= SIZE for s in plan.shards)   # memory stays bounded by the size
        # every article lands in the shard that counted it
        assert Counter(plan.shard_of(d).name for d in days) == {s.name: s.count for s in plan.shards}
    # a newest remainder that cannot be split (one month) stays as it is
    plan = ShardPlan(dates((2020, 1, 10), (2021, 2, 1)), size=SIZE)
    assert [(s.name, s.count) for s in plan.shards] == [("2021", 1), ("2020", 10)]
    # one shard, however small, is the whole site
    assert [(s.name, s.count) for s in ShardPlan(dates((2022, 3, 2)), size=SIZE).shards] == [("2022", 2)]


def test_empty_site_has_one_shard():
    plan = ShardPlan([], size=10)
    assert len(plan) == 1 and plan.shards[0].count == 0


# -- a real build --------------------------------------------------------------------------
def _logging_pagefind(path: Path, log: Path) -> str:
    """A PAGEFIND_BINARY_PATH that runs the real binary and logs when each indexing process
    (`--service`; not `--version`, which the shard cache asks) starts and ends."""
    path.write_text(f'#!/bin/sh\n[ "$1" = --service ] && echo "start $(date +%s%N)" >> {log}\n"{executable()}" "$@"\n'
                    f'status=$?\n[ "$1" = --service ] && echo "end $(date +%s%N)" >> {log}\nexit $status\n',
                    encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


def _bundle_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Project, Path]:
    from synth import write_corpus

    proj = make_project(tmp_path_factory.mktemp("shards"), with_content=False)
    proj.plugin_options(search_shard_size=SIZE)
    write_corpus(str(proj.docs), 60, seed=11)
    log = proj.root / "pagefind.log"
    _build_with_logging(proj, log)
    return proj, log


def _build_with_logging(proj: Project, log: Path) -> str:
    """A strict build with the logging Pagefind; the build's log."""
    os.environ["PAGEFIND_BINARY_PATH"] = _logging_pagefind(proj.root / "pagefind.sh", log)
    try:
        result = proj.build(strict=True)
    finally:
        os.environ.pop("PAGEFIND_BINARY_PATH")
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stderr


def test_one_pagefind_process_at_a_time(built):
    proj, log = built
    events = [line.split() for line in log.read_text().splitlines()]
    entry = json.loads((proj.site / "pagefind" / "pagefind-entry.json").read_text())
    # one process a shard, and one for the stand-in primary
    assert len(events) == 2 * (len(entry["govnews_shards"]) + 1) >= 8
    # start, end, start, end …: a process starts only after the previous one has exited
    assert [kind for kind, _ in events] == ["start", "end"] * (len(events) // 2)
    stamps = [int(t) for _, t in events]
    assert stamps == sorted(stamps)


def test_each_shard_is_a_bundle_merged_by_the_primary(built):
    proj, _ = built
    bundle = proj.site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    shards = entry["govnews_shards"]
    # every shard apart, the primary a stand-in of one word-less page (search/worker.py write_router)
    assert all(s["path"] == s["name"] + "/" for s in shards)
    assert entry["languages"]["und"]["page_count"] == 1
    # a first search opens the primary alone: it holds at least half the tier, no shard more than one
    assert shards[0]["count"] >= entry["govnews_tier"] / 2 and max(s["count"] for s in shards) <= SIZE
    assert sum(s["count"] for s in shards) == 60
    years = [int(s["name"][:4]) for s in shards]
    assert years == sorted(years, reverse=True)   # newest first
    for shard in shards:
        names = sorted(p.name for p in (bundle / shard["path"]).iterdir())
        # the primary's script, worker and WebAssembly serve every shard
        assert "pagefind.js" not in names and not any(n.startswith("wasm.") for n in names)
        assert {"pagefind-entry.json", "index", "fragment", "filter"} <= set(names)


def test_new_article_leaves_older_shards_byte_identical(built, tmp_path):
    proj, _ = built
    other = make_project(tmp_path / "next", with_content=False)
    shutil.copy(proj.root / "mkdocs.yml", other.root / "mkdocs.yml")
    shutil.rmtree(other.docs)
    shutil.copytree(proj.docs, other.docs)
    other.article("2026/late-news.md", title="新的一篇", date="2026-06-30", body="最新的消息。", town="湖塘镇",
                  topic="[营商环境]")
    result = other.build(strict=True)
    assert result.returncode == 0, result.stderr[-3000:]
    entry = json.loads((proj.site / "pagefind" / "pagefind-entry.json").read_text())
    older = [s["path"] for s in entry["govnews_shards"][1:]]
    assert older
    for path in older:
        assert _bundle_files(proj.site / "pagefind" / path) == _bundle_files(other.site / "pagefind" / path), path
    # the newest shard took the article
    assert _bundle_files(proj.site / "pagefind") != _bundle_files(other.site / "pagefind")


def test_site_without_articles_has_an_empty_bundle(tmp_path):
    proj = make_project(tmp_path / "empty", with_content=False)
    result = proj.build(strict=True)
    assert result.returncode == 0, result.stderr[-3000:]
    entry = json.loads((proj.site / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"] == {} and len(entry["govnews_shards"]) == 1


def test_pagefind_failure_is_a_message_not_a_traceback(tmp_path):
    proj = make_project(tmp_path / "broken", with_content=False)
    proj.article("2024/a.md", title="甲", town="湖塘镇", topic="[营商环境]")
    fake = tmp_path / "pagefind.sh"
    fake.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    os.environ["PAGEFIND_BINARY_PATH"] = str(fake)
    try:
        result = proj.build(strict=True)
    finally:
        os.environ.pop("PAGEFIND_BINARY_PATH")
    assert result.returncode != 0
    assert "搜索索引失败" in result.stderr and "Traceback" not in result.stderr, result.stderr[-2000:]


def test_bad_shard_size_is_a_message(tmp_path):
    proj = make_project(tmp_path / "bad", with_content=False)
    proj.plugin_options(search_shard_size=0)
    result = proj.build(strict=True)
    assert result.returncode != 0
    message = "plugins.govnews.search_shard_size（每个搜索分片最多的文章数）至少为 1（现为 0）"
    assert re.search(r"mkdocs\.yml:\d+: " + re.escape(message), result.stderr), result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    check = proj.govnews("check")   # the CLI reads the same schema
    assert check.returncode == 1 and message in check.stdout, check.stdout + check.stderr


# -- the shard cache (search/cache.py) --------------------------------------------------------
def _copy_project(src: Project, dest: Path, with_cache: bool) -> Project:
    other = make_project(dest, with_content=False)
    shutil.copy(src.root / "mkdocs.yml", other.root / "mkdocs.yml")
    shutil.rmtree(other.docs)
    shutil.copytree(src.docs, other.docs)
    if with_cache:
        shutil.copytree(src.root / ".cache", other.root / ".cache")
    return other


def _build_logged(proj: Project) -> tuple[str, int]:
    """Build with the logging Pagefind; the build's log and how many Pagefind processes ran."""
    log = proj.root / "pagefind-again.log"
    log.unlink(missing_ok=True)
    stderr = _build_with_logging(proj, log)
    runs = sum(1 for line in log.read_text().splitlines() if line.startswith("start")) if log.exists() else 0
    return stderr, runs


def test_unchanged_shards_are_not_indexed_again(built, tmp_path):
    proj, _ = built
    shards = json.loads((proj.site / "pagefind" / "pagefind-entry.json").read_text())["govnews_shards"]
    cache = proj.root / ".cache" / "govnews" / "search"
    assert len([p for p in cache.iterdir() if p.is_dir()]) == len(shards) + 1   # and the stand-in primary

    # the same articles with the first build's cache: no Pagefind index run, the same bundle
    again = _copy_project(proj, tmp_path / "again", with_cache=True)
    log, runs = _build_logged(again)
    assert runs == 0, log[-2000:]
    assert f"其中 {len(shards)} 个未变、沿用上次的索引" in log
    assert _bundle_files(proj.site / "pagefind") == _bundle_files(again.site / "pagefind")

    # one article of the newest shard changes: that shard alone is indexed, and finds the word
    newest = max(again.docs.joinpath("articles").rglob("*.md"), key=lambda p: (p.parent.name, p.read_text()))
    text = newest.read_text(encoding="utf-8")
    newest.write_text(text.rstrip("\n") + "\n\n新增一句话：缓存之后改动的稻香湾。\n", encoding="utf-8")
    log, runs = _build_logged(again)
    entry = json.loads((again.site / "pagefind" / "pagefind-entry.json").read_text())
    changed = [s for s in entry["govnews_shards"]
               if _bundle_files(again.site / "pagefind" / s["path"]) != _bundle_files(proj.site / "pagefind" / s["path"])]
    assert runs == len(changed) == 1, log[-2000:]
    assert f"其中 {len(shards) - 1} 个未变" in log
    from test_search import run
    hits = run(again.site, [{"q": "稻香湾"}])[0]
    assert len(hits["results"]) == 1, hits
    # a build without the cache writes the same bundle
    cold = _copy_project(again, tmp_path / "cold", with_cache=False)
    result = cold.build(strict=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert _bundle_files(cold.site / "pagefind") == _bundle_files(again.site / "pagefind")
    # the cache keeps only what the last build used
    left = [p.name for p in (again.root / ".cache" / "govnews" / "search").iterdir() if p.is_dir()]
    assert len(left) == len(shards) + 1
