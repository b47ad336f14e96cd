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

    def _start(self) -> None:
        self._service = PagefindService()
        answer = self._service.call({"type": "NewIndex", "config": {"force_language": terms.LANGUAGE}}, timeout=60)
        self._index_id = answer["index_id"]

    def add(self, art: Article, body_html: str) -> None:
        """Queue one article (its rendered Markdown body); returns at once."""
        if not indexable(art) or art.url in self._added:
            return
        if self._service is None:
            self._start()
        self._added.add(art.url)
        html = records.record_html(art, records.html_text(body_html), self.facets)
        self._service.send({"type": "AddFile", "index_id": self._index_id, "url": "/" + art.url,
                            "file_contents": html, "file_path": None})

    def finish(self, site_dir: str) -> int:
        """Write <site_dir>/pagefind/; returns the number of indexed articles."""
        missing = [a for a in self.catalog.listed if indexable(a) and a.url not in self._added]
        for art in missing:  # only after a dirty build: read the body back from the built page
            body = _built_body(site_dir, art)
            if body is not None:
                self.add(art, body)
        if self._service is None:
            self._start()
        service = self._service
        out = os.path.join(site_dir, BUNDLE_DIR)
        try:
            service.drain(timeout=600)
            if service.errors:
                raise PagefindError("Pagefind 无法索引部分文章：" + "；".join(sorted(set(service.errors))[:3]))
            if os.path.isdir(out):
                shutil.rmtree(out)  # no stale chunks from an earlier build
            service.call({"type": "WriteFiles", "index_id": self._index_id, "output_path": out}, timeout=600)
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
        return len(self._added)


def _built_body(site_dir: str, art: Article) -> str | None:
    path = os.path.join(site_dir, art.url, "index.html")
    try:
        with open(path, encoding="utf-8") as fh:
            page = fh.read()
    except OSError:
        return None
    start = page.find('<div class="gn-body"')
    end = page.find('<!--gn-body-end-->', start)
    if start < 0:
        return None
    return page[start:end if end > 0 else None]
