"""Helpers shared by the importer tests (not a test module)."""

from __future__ import annotations

import functools
from collections import Counter
from datetime import date

from govnews.common.diagnostics import Problems
from govnews.config.settings import Settings
from govnews.importer.pipeline import Options, import_file, import_text
from govnews.importer.text.accounting import essence, line_essence
from govnews.importer.text.classify import Classifier
from govnews.importer.text.mdbody import plain, render_body
from govnews.model.vocab import DEFAULT_KINDS, load_facet_vocabularies

from conftest import ROOT


@functools.lru_cache(maxsize=None)
def classifier(place: str | None = None) -> Classifier:
    """One per place: loading the vocabularies is most of a small import's time."""
    settings = Settings(docs_dir=str(ROOT / "docs"))          # as `govnews import` loads them
    vocabs = load_facet_vocabularies(str(ROOT / "docs" / "_vocab"), settings.facets, Problems(), extra=DEFAULT_KINDS)
    return Classifier(vocabs, place)


def run(path, place=None, year=None, source=""):
    return import_file(str(path), classifier(place), Options(year=year, source=source, today=date(2025, 6, 1)))


def run_text(text, place=None, year=None):
    return import_text(text, "clip.txt", classifier(place), Options(year=year, today=date(2025, 6, 1)))


def split_front_matter(text: str) -> tuple[str, str]:
    assert text.startswith("---\n"), text[:80]
    _, fm, body = text.split("---\n", 2)
    return fm, body.lstrip("\n")


def assert_nothing_lost(text: str, result) -> None:
    """Independent of the importer's own check: the rendered bodies (unescaped), the metadata
    lines and the removed boilerplate hold exactly the characters of the input, and the
    bodies keep the input order."""
    assert not result.error, result.error
    source = "".join(line_essence(line) for line in text.split("\n"))
    bodies = [essence(plain(render_body(d))) for d in result.drafts]
    meta = [essence(s.text) for d in result.drafts
            for b in (*d.kicker, *d.title, *d.subtitle, *d.info, *d.bylines, *d.staff) for s in b.spans]
    removed = [line_essence(r.text) for r in result.removed if r.line > 0]   # whole lines, as read
    assert Counter("".join(bodies + meta + removed)) == Counter(source)
    it = iter(source)
    joined = "".join(bodies)
    assert all(ch in it for ch in joined), "body text out of input order"


def write_page(path, title: str, body: str, date: str = "2024-03-18", head: str = ""):
    """A saved CMS article page: its ArticleTitle and PubDate meta tags, the title as <h1>, then `body`."""
    path.write_text(f"<html><head><meta charset='utf-8'><meta name='ArticleTitle' content='{title}'>"
                    f"<meta name='PubDate' content='{date}'>{head}</head><body><h1>{title}</h1>{body}</body></html>",
                    encoding="utf-8")
    return path


class OldSite:
    """The old site, still online: a local HTTP server answering `routes` (path → (bytes,
    content type), or a str: where it redirects); any other path is a 404."""

    def __init__(self, routes: dict) -> None:
        import http.server
        import threading

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                from urllib.parse import unquote

                route = routes.get(unquote(self.path))
                if route is None:
                    self.send_error(404)
                    return
                if isinstance(route, str):
                    self.send_response(302)
                    self.send_header("Location", route)
                    self.end_headers()
                    return
                body, kind = route
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
