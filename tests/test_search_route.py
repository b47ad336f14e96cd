"""The routing summary (search/route.py), in process: its terms, its files, its JavaScript twin.

Built sites that use it: test_search_scale.py (a rare phrase read from its articles alone, a
phrase in no article opening nothing, a phrase of one year opening that year's shards, the
search page in Chromium) and test_search_quality.py (the query set on a site of several shards).
"""

from __future__ import annotations

import json
import subprocess

from govnews.search import route
from govnews.search.titles import fnv1a

from conftest import ROOT


def test_terms_are_the_pairs_and_triples_of_each_han_run():
    got = route.run_terms(["乡村振兴，2024年", "镇"])
    assert got == {"乡村", "村振", "振兴", "乡村振", "村振兴"}   # 年 and 镇 alone: runs of one
    # a soft break is gone before (records.html_text); punctuation and other words split runs
    assert "兴年" not in got and route.run_terms(["安全 生产"]) == {"安全", "生产"}
    assert route.query_terms("乡村振兴") == ["乡村振", "村振兴"]
    assert route.query_terms("乡村") == ["乡村"]


def _router(n_rare: int = 3, n_common: int = 30) -> route.Router:
    ids = {f"/a/{i}/": i for i in range(n_common + n_rare)}
    router = route.Router(ids, limit=24)
    for i in range(n_common):
        router.add("old" if i < n_common // 2 else "new", f"/a/{i}/", ["营商环境优化", ""])
    for i in range(n_common, n_common + n_rare):
        router.add("new", f"/a/{i}/", ["乡村振兴"])
    return router


def _lookup(folder, entry, term):
    with open(folder / f"r{fnv1a(term) % entry['buckets']}.json", encoding="utf-8") as fh:
        chunk = json.load(fh)
    if term in chunk["r"]:
        ids, at = [], 0
        for k, gap in enumerate(chunk["r"][term]):
            at = gap if k == 0 else at + gap
            ids.append(at)
        return ids
    for shards, words in chunk["s"].items():
        if term in words.split(" "):
            return shards
    return None


def test_rare_terms_list_articles_common_ones_their_shards(tmp_path):
    refs = {f"/a/{i}/": f"new/und_{i:07x}" for i in range(33)}
    entry = _router().write(str(tmp_path / "r"), ["new", "old"], refs)
    folder = tmp_path / "r"
    assert entry["limit"] == 24 and entry["buckets"] >= 1 and entry["refs"] == route.REFS
    assert _lookup(folder, entry, "村振兴") == [30, 31, 32]          # three articles: their ids
    assert _lookup(folder, entry, "营商环") == "*"                    # thirty, in every shard
    assert _lookup(folder, entry, "量子纠") is None                   # nowhere
    # fragment references by id, REFS to a file
    with open(folder / "f0.json", encoding="utf-8") as fh:
        assert json.load(fh)[31] == "new/und_000001f"


def test_a_term_over_the_limit_names_only_its_shards(tmp_path):
    ids = {f"/a/{i}/": i for i in range(40)}
    router = route.Router(ids, limit=24)
    for i in range(40):
        router.add("2019" if i < 30 else "2020", f"/a/{i}/", ["蓝莓采摘节" if i < 30 else "营商环境"])
    router.add("2018", "/a/x/", ["无关"])   # not an indexed article: ignored
    entry = router.write(str(tmp_path / "r"), ["2018", "2019", "2020"], {})
    assert _lookup(tmp_path / "r", entry, "采摘节") == "2019"
    assert _lookup(tmp_path / "r", entry, "营商环") == list(range(30, 40))


def test_the_files_are_the_same_for_the_same_records(tmp_path):
    for name in ("a", "b"):
        _router().write(str(tmp_path / name), ["new", "old"], {})
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert files == sorted(p.name for p in (tmp_path / "b").iterdir())
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)


def test_the_browser_asks_for_the_same_terms_in_the_same_files():
    words = ["乡村振兴", "一网通办", "安全", "𠀀𠀁𠀂字"]
    script = f"""
const api = require(process.argv[1]);
const words = {json.dumps(words, ensure_ascii=False)};
process.stdout.write(JSON.stringify(words.map((w) => api.routeTerms(w).map((t) => [t, api.fnv1a(t)]))));
"""
    proc = subprocess.run(["/usr/bin/node", "-e", script, str(ROOT / "plugins" / "govnews" / "site" / "assets" / "search.js")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == [[[t, fnv1a(t)] for t in route.query_terms(w)] for w in words]


def test_reader_cost_prints_the_issue_table():
    """scripts/search_reader_cost.py's table: each query on both sites, what misses a target marked."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("search_reader_cost", ROOT / "scripts" / "search_reader_cost.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    labels = [label for label, _params in module.QUERIES]
    assert len(labels) >= 9 and any("filter only" in x for x in labels) and any("sort=date" in x for x in labels)
    big = {"bytes": {"a": 400 * 1024, "b": 20 * 1024}, "files": {"a": 40, "b": 5},
           "slow_ms": {"a": 9000, "b": 4000}}
    small = {"bytes": {"a": 200 * 1024, "b": 200 * 1024}, "files": {"a": 12, "b": 12},
             "slow_ms": {"a": 6000, "b": 5000}}
    rows = module.table(big, small, "10,000 articles", 350, 1.25)
    assert rows[2] == "| a | 200 KB, 12 files | 400 KB, 40 files **over** | 6.0 s | 9.0 s | 1.50× **over** |"
    assert rows[3] == "| b | 200 KB, 12 files | 20 KB, 5 files | 5.0 s | 4.0 s | 0.80× |"
    assert "worst query 400 KB (target <= 350 KB); worst slow-phone ratio 1.50×" in rows[-1]
