"""The routing summary: which articles or shards hold each phrase term, so a search opens only those.

A site of many date shards (shards.py) used to answer a query the newest shard could not with
every shard (a rare phrase, a phrase in no article: megabytes, over a hundred files). This
summary lets the browser (assets/search.js) know before it opens any shard where a phrase can
occur at all. Its terms are those of each Han run of a record (heading, byline, body, as
records.py indexes them): every two-character pair and every three-character run. A query
word of three or more characters needs all its three-character runs (a word of two, itself)
in one article, so only articles holding every such term can contain it; pairs alone would
route 乡村振兴 to every article that holds 乡村, 村振 and 振兴 apart (synth.DISTINCTIVE's decoys).

For each term: the ids of the articles that hold it when they are at most `limit` (ids count
from the oldest article, as the heading index's: titles.py), else the names of the shards that
hold it ("*": all). A query with a term of the first kind is answered from at most `limit`
articles' fragments, without Pagefind; with terms of the second kind only, from the shards
that hold every term; a query with a term that occurs nowhere opens nothing and says so.
Terms are spread over chunk files by FNV-1a (titles.fnv1a, mirrored in search.js), about
CHUNK_BYTES each, as Pagefind chunks its own index: a query reads one small file per term.

Chunk file: {"r": {term: [first id, gap, gap …]}, "s": {"shard,shard": "term term …"}}.
Reference file f<n>.json: where the fragments of ids n*REFS … (n+1)*REFS-1 are, as
"shard/fragment" (worker.fragment_urls); "" for an id without one.
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict

from govnews.search import terms
from govnews.search.titles import fnv1a

DIR = "govnews-route"
LIMIT = 24           # articles a query may have to check without Pagefind (one fragment each)
CHUNK_BYTES = 4000   # about this much JSON per chunk file: a query reads one per term
REFS = 50            # articles per file of fragment references (~1 KB)
_RUNS = re.compile(f"[{terms.HAN}]{{2,}}")


def run_terms(texts) -> set[str]:
    """The routing terms of some texts: the pairs and three-character runs of their Han runs."""
    out: set[str] = set()
    for text in texts:
        for run in _RUNS.findall(terms.fold(text)):
            n = len(run)
            out.update(run[i:i + 2] for i in range(n - 1))
            out.update(run[i:i + 3] for i in range(n - 2))
    return out


def query_terms(word: str) -> list[str]:
    """What a Han query word of two or more characters needs (search.js mirrors it)."""
    if len(word) < 3:
        return [word]
    return list(dict.fromkeys(word[i:i + 3] for i in range(len(word) - 2)))


class Router:
    """Collects every record's terms; `write` puts the chunk files in a folder.

    Per record, only the terms new to its shard since the last record of another shard update
    the shard masks, and only the terms still rare get the article's id: both are set
    operations in C, so the Python loop runs over a few hundred terms, not every term."""

    def __init__(self, ids: dict[str, int], limit: int = LIMIT):
        self.ids = ids              # record URL → article id (oldest first)
        self.limit = limit
        self._shards: list[str] = []
        self._shard_bit: dict[str, int] = {}
        self._mask: dict[str, int] = {}         # term → the shards that hold it (bits)
        self._rare: dict[str, list[int]] = {}   # term → its articles, while at most `limit`
        self._current: str | None = None        # the shard of the last record …
        self._seen: set[str] = set()            # … and the terms its mask already has

    def add(self, shard: str, url: str, texts) -> None:
        art = self.ids.get(url)
        if art is None:
            return
        bit = self._shard_bit.get(shard)
        if bit is None:
            bit = self._shard_bit[shard] = 1 << len(self._shards)
            self._shards.append(shard)
        if shard != self._current:   # records come shard after shard, mostly
            self._current, self._seen = shard, set()
        found = run_terms(texts)
        new = found - self._seen
        self._seen |= new
        mask, rare, limit = self._mask, self._rare, self.limit
        for term in new:
            m = mask.get(term)
            if m is None:
                mask[term] = bit
                rare[term] = []
            else:
                mask[term] = m | bit
        for term in rare.keys() & found:
            ids = rare[term]
            if len(ids) < limit:
                ids.append(art)
            else:
                del rare[term]

    def write(self, folder: str, all_shards: list[str], refs: dict[str, str]) -> dict:
        """The chunk and reference files in folder/ (refs: record URL → "shard/fragment");
        returns the entry record (path, buckets, limit …)."""
        everything = set(all_shards)
        rows = []
        size = 0
        for term in sorted(self._mask):
            ids, mask = self._rare.get(term), self._mask[term]
            if ids is not None:
                ids = sorted(ids)
                value = [ids[0]] + [b - a for a, b in zip(ids, ids[1:])]
                size += len(term.encode()) + 4 + sum(len(str(v)) + 1 for v in value)
            else:
                names = {name for name, bit in self._shard_bit.items() if mask & bit}
                value = "*" if names >= everything else ",".join(sorted(names))
                size += len(term.encode()) + 1
            rows.append((term, value))
        buckets = 1
        while buckets * CHUNK_BYTES < size:
            buckets *= 2
        chunks: list[dict] = [{"r": {}, "s": defaultdict(list)} for _ in range(buckets)]
        for term, value in rows:
            chunk = chunks[fnv1a(term) % buckets]
            if isinstance(value, list):
                chunk["r"][term] = value
            else:
                chunk["s"][value].append(term)
        os.makedirs(folder, exist_ok=True)
        for b, chunk in enumerate(chunks):
            data = {"r": chunk["r"], "s": {k: " ".join(v) for k, v in sorted(chunk["s"].items())}}
            with open(os.path.join(folder, f"r{b}.json"), "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
        by_id = [""] * (max(self.ids.values()) + 1 if self.ids else 0)
        for url, i in self.ids.items():
            by_id[i] = refs.get(url, "")
        for start in range(0, len(by_id), REFS):
            with open(os.path.join(folder, f"f{start // REFS}.json"), "w", encoding="utf-8") as fh:
                json.dump(by_id[start:start + REFS], fh, ensure_ascii=False, separators=(",", ":"))
        return {"path": DIR + "/", "buckets": buckets, "limit": self.limit, "refs": REFS, "terms": len(rows)}
