"""The search index of one build, fed page by page while the engine renders.

`add` is called with each published article's rendered body (the HTML the engine already
holds: nothing is read twice) and handed, with its record fields and date shard (shards.py),
to the indexing process (worker.py), which builds the record and feeds Pagefind one shard at
a time on the other core while rendering continues; unchanged shards come from the cache
(cache.py). `finish` puts the bundles in <site>/pagefind/ and lists them for the browser. Drafts and future-dated articles are never
indexed, not even under `mkdocs serve` (where the catalog lists drafts for preview).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections import Counter

from govnews.model.catalog import Article, Catalog
from govnews.model.facets import Facet
from govnews.search import records, route, stable, titles
from govnews.search.cache import last_names
from govnews.search.shards import ShardPlan
from govnews.search.worker import URLS, IndexProcess, write_empty

log = logging.getLogger("mkdocs.plugins.govnews.search")

BUNDLE_DIR = "pagefind"
T2S = os.path.join(os.path.dirname(__file__), "t2s.txt")   # scripts/search_t2s.py
T2S_FILE = "govnews-t2s.json"
ENTRY = "pagefind-entry.json"
ENTRY_KEY = "govnews_shards"   # in the primary's entry: every shard, newest first (assets/search.js)
TIER_KEY = "govnews_tier"       # articles a first search covers before it reaches into older shards
TITLES_KEY = "govnews_titles"    # the heading index of every article (search/titles.py)
ROUTE_KEY = "govnews_route"      # the routing summary: which articles or shards hold a term (route.py)
YEAR_KEY = "govnews_year_filter"  # the search filter whose values are years: picks the shards to load
# Pagefind's own UIs: govnews has its own (assets/search.js), so these are not shipped
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")
# merged shards use the primary's script, worker and WebAssembly
PRIMARY_ONLY = ("pagefind.js", "pagefind-worker.js", "wasm.unknown.pagefind")


def indexable(art: Article) -> bool:
    return art.listed and art.date is not None and not art.draft and not art.future


class SearchIndexer:
    def __init__(self, catalog: Catalog, facets: dict[str, Facet], shard_size: int, cache_dir: str = ""):
        """`cache_dir`: where indexed shards are kept between builds (cache.py); '' keeps none."""
        self.catalog = catalog
        self.facets = facets
        arts = [a for a in catalog.listed if indexable(a)]
        self._arts = sorted(arts, key=lambda a: (a.date, a.url))   # oldest first: the title index's ids
        self.plan = ShardPlan([a.date for a in arts], shard_size)
        self.shard_size = shard_size
        self._expected = Counter(self.plan.shard_of(a.date).name for a in arts)
        self._added: set[str] = set()
        self._process: IndexProcess | None = None
        self._cache_dir = cache_dir

    def _start(self) -> IndexProcess:
        if self._process is None:
            # with several shards, the routing summary (route.py) tells a search which to open
            ids = {"/" + a.url: i for i, a in enumerate(self._arts)} if len(self.plan) > 1 else None
            self._process = IndexProcess(self._expected, self._shard_cache_dir(), ids)
        return self._process

    def _shard_cache_dir(self) -> str:
        return os.path.join(self._cache_dir, "search") if self._cache_dir else ""

    def streams_while_rendering(self) -> bool:
        """Whether Pagefind will index a shard while the pages render: one the cache does not
        know from the last build (worker.py; a known shard is collected and hashed, and
        indexed only if it changed). Pagefind then has the other core to itself."""
        folder = self._shard_cache_dir()
        known = last_names(folder) if folder else {}
        return any(name not in known for name in self._expected)

    def _shard_name(self, art: Article) -> str:
        return self.plan.shard_of(art.date).name

    def fields(self, art: Article) -> dict | None:
        """What an article's record holds besides its body (records.record_fields), None for
        an article that is not indexed; independent of the body, so it can be made ahead."""
        if not indexable(art):
            return None
        shard = self._shard_name(art) if len(self.plan) > 1 else None
        return records.record_fields(art, self.facets, shard)

    def add(self, art: Article, body_html: str, fields: dict | None = None) -> None:
        """Queue one article (its rendered Markdown body; `fields` if made ahead); returns at once."""
        if not indexable(art) or art.url in self._added:
            return
        self._added.add(art.url)
        # the record is built in the indexing process: the body's text and its bigrams are
        # a tenth of an article's build time, which that process spends on the other core
        self._start().put(self._shard_name(art), "/" + art.url, body_html,
                          fields if fields is not None else self.fields(art))

    def _id_ranges(self) -> dict[str, list[int]]:
        """Each shard's article ids, [first, last + 1]: ids follow dates, shards are date ranges."""
        ranges: dict[str, list[int]] = {}
        for i, art in enumerate(self._arts):
            r = ranges.setdefault(self._shard_name(art), [i, i + 1])
            r[1] = i + 1
        return ranges

    def finish(self, site_dir: str) -> int:
        """Put the bundles in <site_dir>/pagefind/; returns the number of indexed articles."""
        for art in self.catalog.listed:  # only after a dirty build: bodies from the built pages
            if indexable(art) and art.url not in self._added:
                body = _built_body(site_dir, art)
                if body is not None:
                    self.add(art, body)
        process, self._process = self._start(), None
        try:
            written, reused, routing = process.close_and_wait()
            out = os.path.join(site_dir, BUNDLE_DIR)
            if os.path.isdir(out):
                shutil.rmtree(out)  # no stale chunks or shards from an earlier build
            shards = [s for s in self.plan.shards if s.name in written]
            if not shards:  # nothing to index: Pagefind's empty bundle (search.js says so)
                shards = [self.plan.shards[0]]
                written = {shards[0].name: write_empty(process.tmp)}
            # several shards and a routing summary: a stand-in primary, every shard below it
            router = routing["primary"] if routing and len(shards) > 1 else None
            if router:
                shutil.move(router, out)
                stable.stabilize(out)
                for name in UNUSED:
                    path = os.path.join(out, name)
                    if os.path.exists(path):
                        os.remove(path)
            for i, shard in enumerate(shards):
                target = os.path.join(out, shard.name) if i or router else out
                shutil.move(written[shard.name], target)
                stable.stabilize(target)
                for name in UNUSED + (URLS,) + (PRIMARY_ONLY if target != out else ()):
                    path = os.path.join(target, name)
                    if os.path.exists(path):
                        os.remove(path)
            # with several shards a first search opens only the newest: headings of all, apart
            title_index = titles.write(out, self._arts) if len(shards) > 1 else None
            route_index = None
            if router:
                shutil.move(routing["dir"], os.path.join(out, route.DIR))
                route_index = routing["entry"]
            _record_shards(out, shards, self._expected, self.shard_size, _year_filter(self.facets), title_index,
                           route_index, self._id_ranges(), router is not None)
            with open(T2S, encoding="utf-8") as fh:
                table = fh.read().strip()
            with open(os.path.join(out, T2S_FILE), "w", encoding="utf-8") as fh:
                json.dump(table, fh, ensure_ascii=False)
        finally:
            process.cleanup()
        log.info("govnews: 搜索索引 %d 篇文章，%d 个分片（Pagefind）%s", len(self._added), len(shards),
                 f"，其中 {len(reused)} 个未变、沿用上次的索引" if reused else "")
        return len(self._added)


def _record_shards(bundle: str, shards: list, counts: Counter, tier: int, year_filter: str | None,
                   title_index: dict | None = None, route_index: dict | None = None,
                   id_ranges: dict | None = None, stand_in: bool = False) -> None:
    """List the shards, newest first, in the primary's pagefind-entry.json (read before
    pagefind.js loads: no extra request for readers), with what the browser needs to load
    only some of them: each shard's article count and months, the first search's size, and
    which filter holds years (a year filter loads only the shards of those years)."""
    path = os.path.join(bundle, ENTRY)
    with open(path, encoding="utf-8") as fh:
        entry = json.load(fh)
    entry[ENTRY_KEY] = [{"name": s.name, "path": s.name + "/" if i or stand_in else "", "count": counts.get(s.name, 0),
                         "from": _month(s.keys[0], first=True) if s.keys else "",
                         "to": _month(s.keys[-1], first=False) if s.keys else "",
                         **({"ids": id_ranges[s.name]} if id_ranges and s.name in id_ranges else {})}
                        for i, s in enumerate(shards)]
    entry[TIER_KEY] = tier
    if year_filter:
        entry[YEAR_KEY] = year_filter
    if title_index:
        entry[TITLES_KEY] = title_index
    if route_index:
        entry[ROUTE_KEY] = route_index
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(entry, fh, ensure_ascii=False, separators=(",", ":"))


def _month(key: tuple[int, int], first: bool) -> str:
    """A shard key (year, month; month 0 = the whole year) as its first or last YYYY-MM."""
    year, month = key
    return f"{year}-{(month or (1 if first else 12)):02d}"


def _year_filter(facets: dict[str, Facet]) -> str | None:
    """The search filter of the date facet, whose first level is the year (年份)."""
    for facet in facets.values():
        spec = facet.spec
        if spec.search_filter and spec.levels and spec.levels[0] == "%Y" and spec.search_levels == 1:
            return spec.search_filter
    return None


def _built_body(site_dir: str, art: Article) -> str | None:
    """The body of an article page the engine did not render this time (a dirty build)."""
    import lxml.html

    path = os.path.join(site_dir, art.url, "index.html")
    try:
        with open(path, "rb") as fh:
            doc = lxml.html.fromstring(fh.read())
    except (OSError, ValueError):
        return None
    bodies = doc.find_class("gn-body")
    return lxml.html.tostring(bodies[0], encoding="unicode") if bodies else None
