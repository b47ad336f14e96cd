"""The search index of one build, fed page by page while the engine renders.

`add` is called with each published article's rendered body (the HTML the engine already
holds: nothing is read twice); the record is queued for its date shard (shards.py) and a
worker thread streams it to a Pagefind service process, so indexing runs on another core
while rendering continues. One Pagefind process runs at a time: when a shard has all its
articles it writes its bundle and exits, which bounds memory by the shard size (articles
render in path order, articles/<year>/…, so shards complete one after another).
`finish` puts the bundles in <site>/pagefind/. Drafts and future-dated articles are never
indexed, not even under `mkdocs serve` (where the catalog lists drafts for preview).
"""

from __future__ import annotations

import base64
import json
import logging
import os
import shutil
import tempfile
import threading
from collections import Counter, deque

from ..catalog import Article, Catalog
from ..facets import Facet
from . import records, stable, terms, titles
from .cache import ShardCache, salt
from .service import PagefindError, PagefindService, executable
from .shards import ShardPlan

log = logging.getLogger("mkdocs.plugins.govnews.search")

BUNDLE_DIR = "pagefind"
T2S = os.path.join(os.path.dirname(__file__), "t2s.txt")   # scripts/search_t2s.py
T2S_FILE = "govnews-t2s.json"
ENTRY = "pagefind-entry.json"
ENTRY_KEY = "govnews_shards"   # in the primary's entry: every shard, newest first (assets/search.js)
TIER_KEY = "govnews_tier"       # articles a first search covers before it reaches into older shards
TITLES_KEY = "govnews_titles"    # the heading index of every article (search/titles.py)
YEAR_KEY = "govnews_year_filter"  # the search filter whose values are years: picks the shards to load
# Pagefind's own UIs: govnews has its own (assets/search.js), so these are not shipped
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")
# merged shards use the primary's script, worker and WebAssembly
PRIMARY_ONLY = ("pagefind.js", "pagefind-worker.js", "wasm.unknown.pagefind")
WRITE_TIMEOUT = 1800


def indexable(art: Article) -> bool:
    return art.listed and art.date is not None and not art.draft and not art.future


def _index_config() -> dict:
    return {"force_language": terms.LANGUAGE}


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
        self._worker: _ShardWorker | None = None
        self._cache_dir = cache_dir
        self.cache: ShardCache | None = None

    def _new_worker(self) -> "_ShardWorker":
        if self._cache_dir and self.cache is None:
            self.cache = ShardCache(os.path.join(self._cache_dir, "search"), salt(executable(), _index_config()))
        return _ShardWorker(self._expected, self.cache)

    def _shard_name(self, art: Article) -> str:
        return self.plan.shard_of(art.date).name

    def add(self, art: Article, body_html: str) -> None:
        """Queue one article (its rendered Markdown body); returns at once."""
        if not indexable(art) or art.url in self._added:
            return
        if self._worker is None:
            self._worker = self._new_worker()
        self._added.add(art.url)
        name = self._shard_name(art)
        shard = name if len(self.plan) > 1 else None
        html = records.record_html(art, records.html_text(body_html), self.facets, shard=shard)
        self._worker.put(name, "/" + art.url, html)

    def finish(self, site_dir: str) -> int:
        """Put the bundles in <site_dir>/pagefind/; returns the number of indexed articles."""
        for art in self.catalog.listed:  # only after a dirty build: bodies from the built pages
            if indexable(art) and art.url not in self._added:
                body = _built_body(site_dir, art)
                if body is not None:
                    self.add(art, body)
        if self._worker is None:
            self._worker = self._new_worker()
        worker, self._worker = self._worker, None
        try:
            written = worker.close_and_wait()
            out = os.path.join(site_dir, BUNDLE_DIR)
            if os.path.isdir(out):
                shutil.rmtree(out)  # no stale chunks or shards from an earlier build
            shards = [s for s in self.plan.shards if s.name in written]
            if not shards:  # nothing to index: Pagefind's empty bundle (search.js says so)
                shards = [self.plan.shards[0]]
                written = {shards[0].name: worker.write_empty()}
            for i, shard in enumerate(shards):
                target = os.path.join(out, shard.name) if i else out
                shutil.move(written[shard.name], target)
                stable.stabilize(target)
                for name in UNUSED + (PRIMARY_ONLY if i else ()):
                    path = os.path.join(target, name)
                    if os.path.exists(path):
                        os.remove(path)
            # with several shards a first search opens only the newest: headings of all, apart
            title_index = titles.write(out, self._arts) if len(shards) > 1 else None
            _record_shards(out, shards, self._expected, self.shard_size, _year_filter(self.facets), title_index)
            with open(T2S, encoding="utf-8") as fh:
                table = fh.read().strip()
            with open(os.path.join(out, T2S_FILE), "w", encoding="utf-8") as fh:
                json.dump(table, fh, ensure_ascii=False)
            if self.cache is not None:
                self.cache.commit()
        finally:
            worker.cleanup()
        reused = len(self.cache.reused) if self.cache is not None else 0
        log.info("govnews: 搜索索引 %d 篇文章，%d 个分片（Pagefind）%s", len(self._added), len(shards),
                 f"，其中 {reused} 个未变、沿用上次的索引" if reused else "")
        return len(self._added)


def _record_shards(bundle: str, shards: list, counts: Counter, tier: int, year_filter: str | None,
                   title_index: dict | None = None) -> None:
    """List the shards, newest first, in the primary's pagefind-entry.json (read before
    pagefind.js loads: no extra request for readers), with what the browser needs to load
    only some of them: each shard's article count and months, the first search's size, and
    which filter holds years (a year filter loads only the shards of those years)."""
    path = os.path.join(bundle, ENTRY)
    with open(path, encoding="utf-8") as fh:
        entry = json.load(fh)
    entry[ENTRY_KEY] = [{"name": s.name, "path": s.name + "/" if i else "", "count": counts.get(s.name, 0),
                         "from": _month(s.keys[0], first=True) if s.keys else "",
                         "to": _month(s.keys[-1], first=False) if s.keys else ""}
                        for i, s in enumerate(shards)]
    entry[TIER_KEY] = tier
    if year_filter:
        entry[YEAR_KEY] = year_filter
    if title_index:
        entry[TITLES_KEY] = title_index
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


class _ShardWorker:
    """Feeds queued records to Pagefind, one shard (one process) at a time, on its own thread."""

    def __init__(self, expected: Counter, cache: ShardCache | None = None):
        self._expected = expected
        self._cache = cache
        self._tmp = tempfile.mkdtemp(prefix="govnews-pagefind-")
        self._cond = threading.Condition()
        self._pending: dict[str, deque] = {}
        self._order: list[str] = []          # shards in the order their first record came
        self._closed = False
        self._written: dict[str, str] = {}   # shard → its bundle in the temp dir
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="govnews-search", daemon=True)
        self._thread.start()

    def put(self, shard: str, url: str, html: str) -> None:
        with self._cond:
            if shard not in self._pending:
                self._pending[shard] = deque()
                self._order.append(shard)
            self._pending[shard].append((url, html))
            self._cond.notify_all()

    def close_and_wait(self) -> dict[str, str]:
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join()
        if self._error is not None:
            if isinstance(self._error, PagefindError):
                raise self._error
            raise PagefindError(f"Pagefind 索引失败：{self._error}") from self._error
        return self._written

    def write_empty(self) -> str:
        service = PagefindService()
        try:
            return self._write(service, _new_index(service), "empty")
        finally:
            service.close()

    def cleanup(self) -> None:
        shutil.rmtree(self._tmp, ignore_errors=True)

    def _next_shard(self) -> str | None:
        with self._cond:
            while True:
                todo = [s for s in self._order if s not in self._written]
                if todo:
                    return todo[0]
                if self._closed:
                    return None
                self._cond.wait()

    def _run(self) -> None:
        try:
            while (shard := self._next_shard()) is not None:
                self._index(shard)
        except BaseException as exc:  # reported by close_and_wait, on the build thread
            self._error = exc

    def _batches(self, shard: str):
        """The shard's records, batch by batch as the build queues them, until it has all."""
        fed, done = 0, False
        while not done:
            with self._cond:
                while not self._pending[shard] and not self._closed and fed < self._expected[shard]:
                    self._cond.wait()
                batch = list(self._pending[shard])
                self._pending[shard].clear()
                # all expected records, or the build has none left to give (close follows the last put)
                done = self._closed or fed + len(batch) >= self._expected[shard]
            fed += len(batch)
            yield batch

    def _index(self, shard: str) -> None:
        cache = self._cache
        if cache is None:
            path = self._pagefind(shard, self._batches(shard))
        elif not cache.known(shard):   # new: index while the pages render, as without a cache
            key = cache.key()
            path = self._pagefind(shard, self._batches(shard), key)
            cache.store(shard, key.hexdigest(), path)
        else:                          # built before: unchanged unless its records differ
            key = cache.key()
            collected: list = []
            for batch in self._batches(shard):
                key.update(batch)
                collected.extend(batch)
            path = os.path.join(self._tmp, shard)
            if not cache.fetch(shard, key.hexdigest(), path):
                path = self._pagefind(shard, [collected])
                cache.store(shard, key.hexdigest(), path)
        with self._cond:
            self._written[shard] = path

    def _pagefind(self, shard: str, batches, key=None) -> str:
        """Index the records with one Pagefind process; returns the bundle's folder."""
        service = PagefindService()
        try:
            index_id = _new_index(service)
            for batch in batches:
                if key is not None:
                    key.update(batch)
                for url, html in batch:
                    service.send({"type": "AddFile", "index_id": index_id, "url": url,
                                  "file_contents": html, "file_path": None})
            return self._write(service, index_id, shard)
        finally:
            service.close()

    def _write(self, service: PagefindService, index_id: int, shard: str) -> str:
        """The shard's bundle, written by us from Pagefind's GetFiles answer: WriteFiles answers
        before its files are flushed (tokio writes them on a background pool), and closing the
        process then loses them; seen as an empty pagefind-entry.json about once in 20 builds."""
        answer = service.call({"type": "GetFiles", "index_id": index_id}, timeout=WRITE_TIMEOUT)
        service.drain(timeout=60)
        if service.errors:
            raise PagefindError("Pagefind 无法索引部分文章：" + "；".join(sorted(set(service.errors))[:3]))
        path = os.path.join(self._tmp, shard)
        for item in answer.get("files") or []:
            rel = os.path.normpath(item["path"])
            if rel.startswith("..") or os.path.isabs(rel):
                raise PagefindError(f"Pagefind 返回了异常的文件路径：{item['path']}")
            target = os.path.join(path, rel)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as fh:
                fh.write(base64.b64decode(item["content"]))
        if not os.path.exists(os.path.join(path, ENTRY)):
            raise PagefindError("Pagefind 没有生成索引文件")
        return path


def _new_index(service: PagefindService) -> int:
    answer = service.call({"type": "NewIndex", "config": _index_config()}, timeout=60)
    return answer["index_id"]


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
