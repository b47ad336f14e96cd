"""The indexing process: builds each article's search record and feeds Pagefind, off the build.

The build (MkDocs' process) hands every published article's rendered body and its small
record fields (records.record_fields) to one child Python process and goes on rendering.
The child turns them into records (the body's text, its bigrams: records.render_record),
and a thread of its own streams them to one Pagefind service process per date shard
(shards.py), one shard at a time, which bounds memory by the shard size (articles render in
path order, articles/<year>/…, so shards complete one after another). Unchanged shards are
copied from the cache (cache.py). Nothing of this holds the build's interpreter lock: the
record building, Pagefind's answers (a shard's bundle arrives as one JSON frame of many MB)
and the bundle's files are the child's work, on the other core.

The child is started with `spawn` (a fresh interpreter, not a fork of a process that runs
threads: MkDocs' server under `mkdocs serve`).
"""

from __future__ import annotations

import base64
import gzip
import json
import multiprocessing
import os
import queue as queue_module
import shutil
import tempfile
import threading
from collections import Counter, deque

from govnews.search import records, terms
from govnews.search.cache import ShardCache, salt
from govnews.search.route import Router
from govnews.search.service import PagefindError, PagefindService, executable

ENTRY = "pagefind-entry.json"
URLS = "govnews-urls.json"   # in a shard's bundle (and its cache entry): record URL → fragment hash
ROUTE = "route"              # the routing summary's chunks, in the temp dir (route.py)
WRITE_TIMEOUT = 1800
_CLOSE = None
BATCH = 50   # articles per message: one pickle and one wake-up of the queue's thread for 50


def index_config() -> dict:
    return {"force_language": terms.LANGUAGE}


class IndexProcess:
    """The build's end: put records in, close, get the shards' bundles (in `tmp`)."""

    def __init__(self, expected: Counter, cache_dir: str = "", ids: dict[str, int] | None = None):
        """`ids`: record URL → article id, to write the routing summary (route.py); None: none."""
        ctx = multiprocessing.get_context("spawn")
        self.tmp = tempfile.mkdtemp(prefix="govnews-pagefind-")
        self._in = ctx.Queue()
        self._out = ctx.Queue()
        self._proc = ctx.Process(target=_main, args=(self._in, self._out, dict(expected), self.tmp, cache_dir, ids),
                                 name="govnews-search", daemon=True)
        self._proc.start()
        self._batch: list[tuple] = []

    def put(self, shard: str, url: str, body_html: str, fields: dict) -> None:
        self._batch.append((shard, url, body_html, fields))
        if len(self._batch) >= BATCH:
            self._in.put(self._batch)
            self._batch = []

    def close_and_wait(self) -> tuple[dict[str, str], list[str], dict | None]:
        """{shard name: its bundle's folder}, the names of shards taken from the cache, and the
        routing summary ({"entry": its entry record, "dir": its files}; None without `ids`)."""
        if self._batch:
            self._in.put(self._batch)
            self._batch = []
        self._in.put(_CLOSE)
        while True:
            try:
                result = self._out.get(timeout=5)
                break
            except queue_module.Empty:
                if not self._proc.is_alive():
                    raise PagefindError(f"索引进程意外退出（{self._proc.exitcode}）") from None
        self._proc.join(timeout=60)
        if result[0] == "error":
            raise PagefindError(result[1])
        return result[1], result[2], result[3]

    def cleanup(self) -> None:
        if self._proc.is_alive():
            self._proc.kill()
            self._proc.join()
        shutil.rmtree(self.tmp, ignore_errors=True)


def _main(inbox, outbox, expected: dict, tmp: str, cache_dir: str, ids: dict | None = None) -> None:
    """The child process."""
    try:
        cache = ShardCache(cache_dir, salt(executable(), index_config())) if cache_dir else None
        worker = _ShardWorker(Counter(expected), tmp, cache)
        router = Router(ids) if ids is not None else None
        while (batch := inbox.get()) is not _CLOSE:
            for shard, url, body_html, fields in batch:
                body = records.html_text(body_html)
                worker.put(shard, url, records.render_record(fields, body))
                if router is not None:
                    router.add(shard, url, (fields["heading"], fields["names"], body))
        written = worker.close_and_wait()
        primary = _router_bundle(tmp, cache) if router is not None else None
        if cache is not None:
            cache.commit()
        route = None
        if router is not None:
            refs = {}
            for shard, path in written.items():
                for url, fragment in fragment_urls(path).items():
                    refs[url] = f"{shard}/{fragment}"
            folder = os.path.join(tmp, ROUTE)
            route = {"entry": router.write(folder, sorted(expected), refs), "dir": folder, "primary": primary}
        outbox.put(("ok", written, cache.reused if cache is not None else [], route))
    except PagefindError as err:
        outbox.put(("error", str(err)))
    except BaseException as exc:  # reported by the build, as a message
        outbox.put(("error", f"Pagefind 索引失败：{exc!r}"))


ROUTER_RECORD = ('<html lang="und"><body><main data-pagefind-body><p>govnewsrouter</p></main>'
                 '</body></html>')


def write_router(tmp: str) -> str:
    """The primary bundle of a site of several shards: Pagefind's script, worker and
    WebAssembly with an index of one word-less stand-in page, so that every shard, the newest
    too, is merged only when a search needs it (the routing summary, route.py, says which)."""
    service = PagefindService()
    try:
        index_id = _new_index(service)
        service.call({"type": "AddFile", "index_id": index_id, "url": "/search/", "file_contents": ROUTER_RECORD,
                      "file_path": None}, timeout=60)
        return _write(service, index_id, os.path.join(tmp, "primary"))
    finally:
        service.close()


PRIMARY = "~primary"   # the stand-in's name in the cache (no shard name starts with ~)


def _router_bundle(tmp: str, cache: ShardCache | None) -> str:
    """The stand-in primary (write_router), from the cache when it has it: no Pagefind run."""
    if cache is None:
        return write_router(tmp)
    key = cache.key()
    key.update([("/search/", ROUTER_RECORD)])
    path = os.path.join(tmp, "primary")
    if cache.fetch(PRIMARY, key.hexdigest(), path):
        cache.reused.remove(PRIMARY)   # not a shard: the build's log counts shards
        return path
    write_router(tmp)
    cache.store(PRIMARY, key.hexdigest(), path)
    return path


def write_empty(tmp: str) -> str:
    """Pagefind's bundle of no pages (a site without published articles)."""
    service = PagefindService()
    try:
        return _write(service, _new_index(service), os.path.join(tmp, "empty"))
    finally:
        service.close()


class _ShardWorker:
    """Feeds queued records to Pagefind, one shard (one process) at a time, on its own thread."""

    def __init__(self, expected: Counter, tmp: str, cache: ShardCache | None = None):
        self._expected = expected
        self._cache = cache
        self._tmp = tmp
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
            fragment_urls(path)
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
                fragment_urls(path)
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
        return _write(service, index_id, os.path.join(self._tmp, shard))


def _write(service: PagefindService, index_id: int, path: str) -> str:
    """A bundle, written by us from Pagefind's GetFiles answer: WriteFiles answers before its
    files are flushed (tokio writes them on a background pool), and closing the process then
    loses them; seen as an empty pagefind-entry.json about once in 20 builds."""
    answer = service.call({"type": "GetFiles", "index_id": index_id}, timeout=WRITE_TIMEOUT)
    service.drain(timeout=60)
    if service.errors:
        raise PagefindError("Pagefind 无法索引部分文章：" + "；".join(sorted(set(service.errors))[:3]))
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


def fragment_urls(bundle: str) -> dict[str, str]:
    """Record URL → the name of its fragment file (without .pf_fragment) in a shard's bundle;
    read from the fragments once and kept beside them (URLS), so a cached shard has it too."""
    path = os.path.join(bundle, URLS)
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError):
        pass
    out = {}
    folder = os.path.join(bundle, "fragment")
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else ():
        if name.endswith(".pf_fragment"):
            with open(os.path.join(folder, name), "rb") as fh:
                raw = gzip.decompress(fh.read())
            url = json.loads(raw[len(b"pagefind_dcd"):])["url"]
            out[url] = name[: -len(".pf_fragment")]
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(out, fh, ensure_ascii=False, sort_keys=True)
    return out


def _new_index(service: PagefindService) -> int:
    answer = service.call({"type": "NewIndex", "config": index_config()}, timeout=60)
    return answer["index_id"]
