"""What the routing summary (search/route.py) costs a build, and how big it is, on a built site.

Reads every record back from a built site's Pagefind fragments (the text Pagefind was given,
decoded: search/terms.py), then times what the indexing process adds per article: the record's
routing terms (Router.add), writing the chunk files (Router.write) and reading each shard's
fragment names (worker.fragment_urls, done once per shard and cached with it). Prints the
number of terms, of rare terms (listed by article), the files and their sizes.

    python3 scripts/search_route_cost.py SITE_DIR          # e.g. a 10,000-article build's site/

The generated corpus (tests/synth.py) draws its sentences from a small pool, so its terms stop
growing after a few hundred articles; --real-text FILE adds the distinct terms of a real text
per article to estimate a real archive (see MAINTAINERS).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(ROOT, "plugins"))

from govnews.search import route, terms  # noqa: E402
from govnews.search.worker import URLS, fragment_urls  # noqa: E402


def records(bundle: str):
    """(shard, url, [heading, byline, body]) of every record in the site's shards."""
    entry = json.load(open(os.path.join(bundle, "pagefind-entry.json"), encoding="utf-8"))
    for shard in entry.get("govnews_shards") or []:
        folder = os.path.join(bundle, shard["path"], "fragment")
        for name in sorted(os.listdir(folder)):
            with open(os.path.join(folder, name), "rb") as fh:
                data = json.loads(gzip.decompress(fh.read())[len(b"pagefind_dcd"):])
            yield shard["name"], data["url"], terms.decode(data["content"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("site")
    args = ap.parse_args()
    bundle = os.path.join(args.site, "pagefind")
    recs = list(records(bundle))
    ids = {url: i for i, (_s, url, _t) in enumerate(sorted(recs, key=lambda r: r[1]))}
    router = route.Router(ids)
    t = time.process_time()
    for shard, url, texts in recs:
        router.add(shard, url, texts)
    add = time.process_time() - t
    tmp = tempfile.mkdtemp(prefix="govnews-route-")
    try:
        t = time.process_time()
        entry = router.write(os.path.join(tmp, "r"), sorted({s for s, _u, _t in recs}), {})
        write = time.process_time() - t
        files = os.listdir(os.path.join(tmp, "r"))
        size = sum(os.path.getsize(os.path.join(tmp, "r", f)) for f in files)
        chunks = [f for f in files if f.startswith("r")]
        shards = {s for s, _u, _t in recs}
        t = time.process_time()
        for s in shards:   # as a build without a cache does: from the fragments
            copy = os.path.join(tmp, "s", s)
            shutil.copytree(os.path.join(bundle, [x for x in json.load(open(os.path.join(bundle, "pagefind-entry.json")))
                                                  ["govnews_shards"] if x["name"] == s][0]["path"]), copy)
            if os.path.exists(os.path.join(copy, URLS)):
                os.remove(os.path.join(copy, URLS))
        copied = time.process_time() - t
        t = time.process_time()
        for s in shards:
            fragment_urls(os.path.join(tmp, "s", s))
        urls = time.process_time() - t - 0 * copied
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    rare = len(router._rare)
    n = len(recs)
    print(f"{n} records in {len(shards)} shards")
    print(f"terms: {entry['terms']:,} ({rare:,} in at most {route.LIMIT} articles: listed by id)")
    print(f"files: {len(chunks)} chunks + {len(files) - len(chunks)} fragment-reference files, {size / 1e6:.2f} MB; "
          f"chunk mean {sum(os.path.getsize(os.path.join(bundle, 'govnews-route', f)) for f in chunks if os.path.exists(os.path.join(bundle, 'govnews-route', f))) / max(1, len(chunks)) / 1024:.1f} KB as built")
    print(f"indexing process CPU: terms {add / n * 1000:.3f} ms/article ({add:.1f} s), write {write:.1f} s, "
          f"fragment names {urls / n * 1000:.3f} ms/article ({urls:.1f} s)")
    print(f"peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
