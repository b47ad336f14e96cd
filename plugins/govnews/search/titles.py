"""A small index of every article's heading, for searches that open only the newest shards.

A reader's first search covers the newest shards only (assets/search.js), so an older article
whose very title names the query would go unseen. This index lets the browser list such
articles without opening their shards: for each search term of a heading (the bigrams of its
Han runs, other words whole: search/terms.py) the ids of the articles whose heading has it,
in buckets by a hash of the term, plus the articles' URL, title and date in blocks of ids.

Ids count from the oldest article, so a new article appends: the blocks of older ids stay
byte-identical across builds (caches keep them), and a bucket changes only when a new heading
has one of its terms. The bucket of a term is FNV-1a (32 bit, UTF-8) modulo the bucket count,
mirrored in assets/search.js.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict

from govnews.search import terms

DIR = "govnews-titles"
BLOCK = 25               # articles per block of URL/title/date (~3 KB): a search reads a few
POSTINGS_PER_BUCKET = 1000   # ~3 KB a bucket: a query reads one per term (issue 29: every KB counts)


def fnv1a(term: str) -> int:
    h = 0x811C9DC5
    for byte in term.encode("utf-8"):
        h ^= byte
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def heading_terms(text: str) -> set[str]:
    """What a heading can be found by: the query terms of each of its words."""
    out: set[str] = set()
    for word in terms.query_words(text):
        out.update(terms.query_terms(word))
    return out


def write(bundle: str, articles: list) -> dict:
    """Write the index below bundle/ for articles (oldest first); returns its entry record."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, art in enumerate(articles):
        heading = " ".join(p for p in (art.kicker, art.title, art.subtitle) if p)
        for term in sorted(heading_terms(heading)):
            postings[term].append(i)
    total = sum(len(ids) for ids in postings.values())
    buckets = 1
    while buckets * POSTINGS_PER_BUCKET < total:
        buckets *= 2
    out = os.path.join(bundle, DIR)
    os.makedirs(out, exist_ok=True)
    by_bucket: dict[int, dict[str, list[int]]] = defaultdict(dict)
    for term in sorted(postings):
        ids = postings[term]
        # ascending ids as gaps: small numbers, smaller files
        by_bucket[fnv1a(term) % buckets][term] = [ids[0]] + [b - a for a, b in zip(ids, ids[1:])]
    for b in range(buckets):
        _dump(os.path.join(out, f"t{b}.json"), by_bucket.get(b, {}))
    for start in range(0, len(articles), BLOCK):
        block = [["/" + a.url, a.title, a.date_cn] for a in articles[start:start + BLOCK]]
        _dump(os.path.join(out, f"d{start // BLOCK}.json"), block)
    return {"path": DIR + "/", "buckets": buckets, "block": BLOCK, "count": len(articles)}


def _dump(path: str, data) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
