"""The search index of one build, fed page by page while the engine renders.

`add` is called with each published article's rendered body (the HTML the engine already
holds: nothing is read twice); the record goes to a Pagefind service process at once, so
indexing runs on another core while rendering continues. `finish` writes the bundle to
<site>/pagefind/. Drafts and future-dated articles are never indexed, not even under
`mkdocs serve` (where the catalog lists drafts for preview).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile

from ..catalog import Article, Catalog
from ..facets import Facet
from . import records, stable, terms
from .service import PagefindError, PagefindService

log = logging.getLogger("mkdocs.plugins.govnews.search")

BUNDLE_DIR = "pagefind"
T2S = os.path.join(os.path.dirname(__file__), "t2s.txt")   # scripts/search_t2s.py
T2S_FILE = "govnews-t2s.json"
# Pagefind's own UIs: govnews has its own (assets/search.js), so these are not shipped
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")


def indexable(art: Article) -> bool:
    return art.listed and art.date is not None and not art.draft and not art.future


class SearchIndexer:
    def __init__(self, catalog: Catalog, facets: dict[str, Facet]):
        self.catalog = catalog
        self.facets = facets
        self._service: PagefindService | None = None
        self._index_id: int | None = None
        self._added: set[str] = set()
        self._expected = sum(1 for a in catalog.listed if indexable(a))
        self._tmp: str | None = None        # Pagefind writes here, finish() moves it into the site
        self._write_id: int | None = None

    def _start(self) -> None:
        self._service = PagefindService()
        answer = self._service.call({"type": "NewIndex", "config": {"force_language": terms.LANGUAGE}}, timeout=60)
        self._index_id = answer["index_id"]

    def add(self, art: Article, body_html: str) -> None:
        """Queue one article (its rendered Markdown body); returns at once."""
        if not indexable(art) or art.url in self._added or self._write_id is not None:
            return
        if self._service is None:
            self._start()
        self._added.add(art.url)
        html = records.record_html(art, records.html_text(body_html), self.facets)
        self._service.send({"type": "AddFile", "index_id": self._index_id, "url": "/" + art.url,
                            "file_contents": html, "file_path": None})
        if len(self._added) == self._expected:
            self._write()  # the last article: Pagefind writes while the engine finishes the site

    def _write(self) -> None:
        if self._service is None:
            self._start()
        self._tmp = tempfile.mkdtemp(prefix="govnews-pagefind-")
        self._write_id = self._service.send(
            {"type": "WriteFiles", "index_id": self._index_id, "output_path": os.path.join(self._tmp, BUNDLE_DIR)},
            want_answer=True)

    def finish(self, site_dir: str) -> int:
        """Put the bundle in <site_dir>/pagefind/; returns the number of indexed articles."""
        if self._write_id is None:
            for art in self.catalog.listed:  # only after a dirty build: bodies from the built pages
                if indexable(art) and art.url not in self._added:
                    body = _built_body(site_dir, art)
                    if body is not None:
                        self.add(art, body)
            if self._write_id is None:
                self._write()
        service = self._service
        out = os.path.join(site_dir, BUNDLE_DIR)
        try:
            service.wait(self._write_id, timeout=1800)
            service.drain(timeout=60)
            if service.errors:
                raise PagefindError("Pagefind 无法索引部分文章：" + "；".join(sorted(set(service.errors))[:3]))
            if os.path.isdir(out):
                shutil.rmtree(out)  # no stale chunks from an earlier build
            shutil.move(os.path.join(self._tmp, BUNDLE_DIR), out)
            stable.stabilize(out)
            for name in UNUSED:
                path = os.path.join(out, name)
                if os.path.exists(path):
                    os.remove(path)
            with open(T2S, encoding="utf-8") as fh:
                table = fh.read().strip()
            with open(os.path.join(out, T2S_FILE), "w", encoding="utf-8") as fh:
                json.dump(table, fh, ensure_ascii=False)
        finally:
            service.close()
            self._service = None
            shutil.rmtree(self._tmp, ignore_errors=True)
        log.info("govnews: 搜索索引 %d 篇文章（Pagefind）", len(self._added))
        return len(self._added)


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
