"""Search quality, measured: a query set run against a built site with Pagefind's JavaScript.

Ground truth comes from the built article pages as readers see them (title, kicker,
byline, body), not from the index: an article is relevant when its text contains every
word of the query (terms.contains_all); filters come from the facet engine. A query may
stand for another (`means`: a typo or traditional characters) and may expect nothing.

Used by tests/test_search_quality.py and scripts/search_quality.py. `vanilla_index` builds
the "before" index: the same texts given to Pagefind as plain Chinese pages, as Pagefind
would index the site without govnews' terms.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
from dataclasses import dataclass, field
from html import escape

from govnews.search import terms
from govnews.search.service import PagefindService

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
RUNNER = os.path.join(ROOT, "scripts", "search_eval.mjs")
NODE = os.environ.get("NODE", "/usr/bin/node")
K = 10


@dataclass
class Page:
    url: str
    title: str
    text: str            # heading, byline, body: what a reader can search for
    date: str            # ISO, from <time datetime>
    filters: dict[str, list[str]] = field(default_factory=dict)

    @functools.cached_property
    def hay(self) -> str:
        """The text as relevance compares it (terms.contains_all), normalised once."""
        return terms.normalize(self.text)


@dataclass
class Query:
    q: str = ""
    kind: str = ""
    means: str = ""                  # the query a typo / traditional query stands for
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = ""
    expect_none: bool = False

    @property
    def label(self) -> str:
        parts = [self.q or "（仅筛选）"]
        parts += [f"{k}={'|'.join(v)}" for k, v in sorted(self.filters.items())]
        if self.sort:
            parts.append(f"sort={self.sort}")
        return " ".join(parts)


def load_queries(path: str) -> list[Query]:
    import yaml

    with open(path, encoding="utf-8") as fh:
        items = yaml.safe_load(fh)
    return [Query(**{k: v for k, v in item.items()}) for item in items]


def _class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def _first(node, xpath: str):
    found = node.xpath(xpath)
    return found[0] if found else None


def _text(node, sep: str = " ") -> str:
    """The element's text as a reader meets it: every text piece stripped, scripts, styles
    and heading anchors left out (lxml: a 100,000-article site is read in minutes, not the
    half hour a BeautifulSoup parse of each page takes)."""
    if node is None:
        return ""
    for drop in node.xpath(f".//script | .//style | .//a[{_class('headerlink')}]"):
        drop.drop_tree()
    return sep.join(s for s in (t.strip() for t in node.itertext()) if s)


def read_page(path: str, url: str, filters: dict[str, list[str]]) -> Page | None:
    import lxml.html

    with open(path, "rb") as fh:
        doc = lxml.html.fromstring(fh.read().decode("utf-8"))
    title = _text(_first(doc, f"//*[{_class('gn-title')}]"))
    if not title:
        return None
    heading = " ".join(t for t in (_text(_first(doc, f"//*[{_class('gn-kicker')}]")), title,
                                     _text(_first(doc, f"//*[{_class('gn-subtitle')}]"))) if t)
    byline = ""
    for row in doc.xpath(f"//*[{_class('gn-meta')}]/div"):
        if _text(_first(row, "./dt")) == "作者":
            byline = _text(_first(row, "./dd"))
    body = _text(_first(doc, f"//*[{_class('gn-body')}]"), "\n")
    time = _first(doc, f"//*[{_class('gn-meta')}]//time")
    return Page(url, title, "\n".join([heading, byline, body]),
                time.get("datetime", "") if time is not None else "", filters)


def read_pages(site_dir: str, filters_by_url: dict[str, dict[str, list[str]]]) -> dict[str, Page]:
    """Every built article page under <site>/articles/."""
    pages: dict[str, Page] = {}
    base = os.path.join(site_dir, "articles")
    for dirpath, _dirs, files in os.walk(base):
        if "index.html" not in files:
            continue
        rel = os.path.relpath(dirpath, site_dir).replace(os.sep, "/") + "/"
        page = read_page(os.path.join(dirpath, "index.html"), "/" + rel, filters_by_url.get(rel, {}))
        if page:
            pages[page.url] = page
    return pages


def relevant(query: Query, pages: dict[str, Page]) -> set[str]:
    words = query.means or query.q
    out = set()
    needles = terms.query_words(words) if words else []
    if words and not needles:
        return set()
    for page in pages.values():
        if needles and not all(w in page.hay for w in needles):
            continue
        if any(not set(values) & set(page.filters.get(name, ())) for name, values in query.filters.items()):
            continue
        out.add(page.url)
    return out


def run(site_dir: str, queries: list[Query], mode: str = "govnews") -> list[dict]:
    """Run queries with Node and Pagefind's JavaScript; one answer per query."""
    payload = [{"q": q.q, "filters": q.filters, "sort": q.sort} for q in queries]
    if not os.path.exists(NODE):
        raise RuntimeError(f"Node.js is needed to run Pagefind's JavaScript: {NODE} is missing "
                           "(Debian: apt-get install nodejs)")
    proc = subprocess.run([NODE, RUNNER, site_dir, mode], input=json.dumps(payload, ensure_ascii=False),
                          capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(f"search_eval.mjs failed: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout)


@dataclass
class Scores:
    recall: float
    precision: float
    mrr: float
    scored: int                      # queries with relevant articles
    empty_ok: int                    # expect-nothing queries that returned nothing
    empty_total: int
    rows: list[dict]
    title_first: float = 0.0         # of queries some title matches: the first hit's title matches
    title_queries: int = 0

    def summary(self) -> str:
        return (f"recall@{K} {self.recall:.3f}  precision@{K} {self.precision:.3f}  MRR {self.mrr:.3f}  "
                f"title match first {self.title_first:.2f} ({self.title_queries} queries)  "
                f"({self.scored} queries; {self.empty_ok}/{self.empty_total} no-match queries empty)")

    def table(self) -> str:
        lines = [f"{'query':<34} {'kind':<10} {'rel':>5} {'got':>4} {'R@10':>5} {'P@10':>5} {'RR':>5}"]
        for r in self.rows:
            lines.append(f"{r['label'][:34]:<34} {r['kind'][:10]:<10} {r['relevant']:>5} {r['returned']:>4} "
                         f"{r['recall']:>5.2f} {r['precision']:>5.2f} {r['rr']:>5.2f}")
        return "\n".join(lines)


def score(queries: list[Query], answers: list[dict], pages: dict[str, Page]) -> Scores:
    rows = []
    recall = precision = mrr = 0.0
    scored = empty_ok = empty_total = 0
    title_hits = title_queries = 0
    for query, answer in zip(queries, answers):
        got = [u for u in answer["results"]][:K]
        rel = relevant(query, pages)
        row = {"label": query.label, "kind": query.kind, "relevant": len(rel), "returned": len(got),
               "recall": 0.0, "precision": 0.0, "rr": 0.0, "exact": answer.get("exact"), "results": got}
        if query.expect_none or not rel:
            empty_total += 1
            ok = not got and not rel
            empty_ok += ok
            row.update(recall=float(ok), precision=float(ok), rr=float(ok))
        else:
            hits = [u for u in got if u in rel]
            row["recall"] = len(hits) / min(K, len(rel))
            row["precision"] = len(hits) / len(got) if got else 0.0
            row["rr"] = next((1 / (i + 1) for i, u in enumerate(got) if u in rel), 0.0)
            words = query.means or query.q
            if words and not query.sort and any(terms.contains_all(pages[u].title, words) for u in rel):
                title_queries += 1
                title_hits += bool(got) and got[0] in pages and terms.contains_all(pages[got[0]].title, words)
            recall += row["recall"]
            precision += row["precision"]
            mrr += row["rr"]
            scored += 1
        rows.append(row)
    n = max(1, scored)
    return Scores(recall / n, precision / n, mrr / n, scored, empty_ok, empty_total, rows,
                  title_hits / max(1, title_queries), title_queries)


def vanilla_index(pages: dict[str, Page], out_dir: str) -> None:
    """The 'before' index: the same pages as plain Chinese HTML, Pagefind segmenting them."""
    service = PagefindService()
    try:
        index_id = service.call({"type": "NewIndex", "config": None}, timeout=60)["index_id"]
        for page in pages.values():
            heading, byline, body = (page.text.split("\n", 2) + ["", ""])[:3]
            parts = ['<html lang="zh-cn"><body><main data-pagefind-body>',
                     f"<h1>{escape(heading)}</h1><p>{escape(byline)}</p>"]
            parts += [f"<p>{escape(line)}</p>" for line in body.split("\n")]
            parts.append(f'</main><span data-pagefind-meta="title">{escape(page.title)}</span>')
            for name, values in page.filters.items():
                parts += [f'<span data-pagefind-filter="{escape(name)}">{escape(v)}</span>' for v in values]
            parts.append(f'<span data-pagefind-sort="date">{escape(page.date)}</span></body></html>')
            service.send({"type": "AddFile", "index_id": index_id, "url": page.url,
                          "file_contents": "".join(parts), "file_path": None})
        service.drain(timeout=600)
        service.call({"type": "WriteFiles", "index_id": index_id, "output_path": os.path.join(out_dir, "pagefind")},
                     timeout=600)
    finally:
        service.close()


def project_filters(config_file: str) -> dict[str, dict[str, list[str]]]:
    """Search filters of every indexed article (site-relative URL → filters), from the
    facet engine, for the project at config_file (read without MkDocs, as `govnews check`)."""
    from govnews.config.project import load_settings
    from govnews.model.catalog import article_sources
    from govnews.search.indexer import indexable
    from govnews.search.records import filters_of
    from govnews.site.build import build_site

    settings = load_settings(config_file)
    site = build_site(list(article_sources(settings.docs_dir, settings)), settings)
    return {a.url: filters_of(a, site.facets) for a in site.catalog.listed if indexable(a)}
