"""Where Pagefind's CPU goes on one search shard of govnews records (issue 16, first builds).

    .venv/bin/python scripts/pagefind_cost.py [--articles 1250] [--runs 2]

Generates articles (`synth`), turns each into a search record shaped as a build makes
it (`records.render_record`: the body's bigram text, meta, filters, sort; the filters without
the place hierarchy: records captured from a real build of the same corpus cost the same within
noise), feeds them to one Pagefind service process (as `search/worker.py` does for a shard) and
reports:

- the Pagefind process's CPU reading the records (AddFile) and writing the bundle (GetFiles:
  building the index, then gzip of every file), and the bundle's bytes;
- the same records with half of each body and with each body's repeated bigrams dropped:
  Pagefind's cost follows the number of words it indexes, one per Han character here;
- what gzip costs on that bundle's files, by kind, at zlib's levels 9 (Pagefind compresses
  every file at its best level, one file after another on one thread), 6 and 1: Python's zlib
  stands in for Pagefind's deflate (miniz_oxide), which we cannot time apart.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import os
import re
import resource
import sys
import time
from collections import Counter

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(ROOT, "plugins"))
sys.path.insert(0, os.path.join(ROOT, "tests"))   # synth, search_quality_eval

import frontmatter  # noqa: E402
import markdown  # noqa: E402

from govnews.common.text import format_cn_date  # noqa: E402
from govnews.search import records  # noqa: E402
from govnews.search.service import PagefindService  # noqa: E402
from govnews.search.worker import _new_index  # noqa: E402

from synth import generate  # noqa: E402

_BODY = re.compile(r"(<p>)([^<]*)(</p></main>)")


def make_records(n: int, seed: int) -> list[tuple[str, str]]:
    out = []
    md = markdown.Markdown()
    for rel, text in generate(os.path.join(ROOT, "docs", "_vocab"), n, seed):
        post = frontmatter.loads(text)
        authors = [str(a) for a in post.get("author") or []]
        meta = {"title": post["title"], "date": format_cn_date(post["date"]), "type": post["type"],
                "author": "、".join(a.split()[-1] for a in authors), "town": post["town"]}
        fields = {"heading": post["title"], "names": "、".join(authors), "meta": meta,
                  "filters": {"专题": list(post["topic"]), "类型": [post["type"]]}, "shard": None,
                  "sort": {"date": post["date"].isoformat()}}
        body = records.html_text(md.reset().convert(post.content))
        out.append(("/" + rel[:-3] + "/", records.render_record(fields, body)))
    return out


def _body(record: str, change) -> str:
    return _BODY.sub(lambda m: m.group(1) + change(m.group(2)) + m.group(3), record, count=1)


def half(record: str) -> str:
    return _body(record, lambda b: b[: len(b) // 2])


def first_of_each(record: str) -> str:
    def dedupe(body: str) -> str:
        seen: set[str] = set()
        return " ".join(w for w in body.split(" ") if not (w in seen or seen.add(w)))
    return _body(record, dedupe)


def _cpu(pid: int) -> float:
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def index(recs: list[tuple[str, str]]) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    service = PagefindService()
    try:
        index_id = _new_index(service)
        for url, html in recs:
            service.send({"type": "AddFile", "index_id": index_id, "url": url, "file_contents": html,
                          "file_path": None})
        service.drain(timeout=600)
        read_cpu = _cpu(service._proc.pid)
        answer = service.call({"type": "GetFiles", "index_id": index_id}, timeout=1800)
    finally:
        service.close()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    files = {f["path"]: base64.b64decode(f["content"]) for f in answer["files"]}
    return {"wall": time.perf_counter() - t, "cpu": cpu, "read": read_cpu, "files": files,
            "words": sum(len(_BODY.search(h).group(2).split()) for _, h in recs if _BODY.search(h))}


def gzip_costs(files: dict[str, bytes]) -> list[tuple[str, int, int, dict]]:
    rows = []
    for kind in ("index", "fragment"):
        raw = [gzip.decompress(b) for p, b in files.items() if p.startswith(kind + "/")]
        costs = {}
        for level in (9, 6, 1):
            t = time.perf_counter()
            size = sum(len(gzip.compress(d, level)) for d in raw)
            costs[level] = (time.perf_counter() - t, size)
        rows.append((kind, len(raw), sum(map(len, raw)), costs))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1250, help="records in the shard (search_shard_size)")
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    recs = make_records(args.articles, args.seed)
    variants = {"records as built": recs,
                "half of each body": [(u, half(h)) for u, h in recs],
                "repeated bigrams dropped": [(u, first_of_each(h)) for u, h in recs]}
    print(f"{args.articles} records, Pagefind CPU seconds (median of {args.runs}):")
    print(f"{'':28} {'body words':>10} {'reading':>8} {'writing':>8} {'all':>6} {'wall':>6} {'bundle KB':>10}")
    built = None   # the records as a build makes them: their bundle's gzip costs below
    for name, variant in variants.items():
        runs = sorted((index(variant) for _ in range(args.runs)), key=lambda r: r["cpu"])
        r = runs[len(runs) // 2]
        built = built or r
        size = sum(len(b) for p, b in r["files"].items() if p.startswith(("index/", "fragment/")))
        print(f"{name:28} {r['words']:>10,} {r['read']:>8.2f} {r['cpu'] - r['read']:>8.2f} "
              f"{r['cpu']:>6.2f} {r['wall']:>6.2f} {size / 1024:>10,.0f}")
        print(f"{'':28} {r['cpu'] / max(r['words'], 1) * 1e6:>10.1f} µs of Pagefind CPU per body word")
    print("\ngzip of the bundle's files (zlib; seconds and KB by level):")
    for kind, count, raw, costs in gzip_costs(built["files"]):
        levels = "  ".join(f"level {lv}: {t:.2f} s {size / 1024:,.0f} KB" for lv, (t, size) in costs.items())
        print(f"{kind:9} {count:>5} files {raw / 1024:>8,.0f} KB raw   {levels}")
    kinds = Counter(p.split("/")[0] if "/" in p else "top" for p in built["files"])
    print("\nfiles:", dict(kinds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
