"""One search record per published article: its words, filters, sort keys and display fields.

A record is a tiny HTML document handed to Pagefind (never written to the site): the title
in <h1> (Pagefind weights it 7× a paragraph), the byline, then the body, all encoded by
`terms.encode`; meta, filters and sort sit outside `data-pagefind-body` so their text is
not indexed. Filters come from the facet engine: every FacetSpec with a `search_filter`
contributes the article's values with their ancestors (湖塘镇 → 武进区 → 常州市 → 江苏省),
root first, cut to `search_levels`.
"""

from __future__ import annotations

import re
from html import escape, unescape

from govnews.model.catalog import Article
from govnews.model.documents import document_number
from govnews.model.facets import Facet
from govnews.search import terms
from govnews.search.shards import FILTER as SHARD_FILTER

_DROP = re.compile(
    r"<(script|style|template)\b.*?</\1\s*>"
    r"|<a\b[^>]*\bclass=\"[^\"]*\bheaderlink\b[^\"]*\"[^>]*>.*?</a>"   # toc permalinks (¶)
    r"|<!--.*?-->",
    re.S | re.I,
)
_BLOCK = re.compile(r"</?(?:p|div|h[1-6]|li|ul|ol|dl|dt|dd|tr|table|blockquote|pre|section|figure|figcaption|hr|br)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")
# a line break inside a paragraph of Chinese is layout, not a word boundary (a soft-wrapped
# 安全\n生产 reads 安全生产), so phrase search must see one run; elsewhere it is a space
_SOFT_HAN = re.compile(rf"(?<=[{terms.HAN}])[ \t]*\r?\n[ \t]*(?=[{terms.HAN}])")
_SOFT = re.compile(r"\r?\n")
_BLANKS = re.compile(r"[ \t\r\f\v\u00a0\u3000]*\n\s*")


def html_text(html: str) -> str:
    """Plain text of rendered article HTML; blocks become line breaks."""
    text = _DROP.sub("", html)
    text = _SOFT.sub(" ", _SOFT_HAN.sub("", text))
    text = _BLOCK.sub("\n", text)
    text = unescape(_TAG.sub("", text))
    return _BLANKS.sub("\n", text).strip()


def filters_of(art: Article, facets: dict[str, Facet]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for facet in facets.values():
        spec = facet.spec
        if not spec.search_filter:
            continue
        labels: list[str] = []
        for key in facet.keys_of(art):
            chain = [k for k in reversed(facet.lineage(key)) if k in facet.values][: spec.search_levels]
            for k in chain:
                label = facet.values[k].label
                if label not in labels:
                    labels.append(label)
        if labels:
            out[spec.search_filter] = labels
    return out


def byline(art: Article) -> str:
    return "、".join(str(a) for a in art.authors)


def searchable_text(art: Article, body_text: str) -> list[str]:
    """The parts of an article that are searched, in order: heading, byline, body. A policy
    document's 发文字号 belongs to its heading: readers look a document up by it."""
    heading = " ".join(p for p in (art.kicker, art.title, art.subtitle, document_number(art)) if p)
    return [heading, byline(art), body_text]


def meta_of(art: Article) -> dict[str, str]:
    meta = {
        "title": art.title,
        "date": art.date_cn,   # with a partial date's precision (2023年): no placeholder day
        "type": art.type,
    }
    if art.authors:
        meta["author"] = "、".join(art.author_names)
    if art.town:
        meta["town"] = art.town
    return meta


def sort_of(art: Article) -> dict[str, str]:
    # ISO dates in China time sort correctly as strings
    return {"date": art.date.strftime("%Y-%m-%dT%H:%M")}


def record_fields(art: Article, facets: dict[str, Facet], shard: str | None = None) -> dict:
    """Everything of a record but its body: small and plain, so the indexing process can be
    handed it (search/indexer.py) and build the record there."""
    heading, names, _ = searchable_text(art, "")
    return {"heading": heading, "names": names, "meta": meta_of(art), "filters": filters_of(art, facets),
            "shard": shard, "sort": sort_of(art)}


def record_html(art: Article, body_text: str, facets: dict[str, Facet], shard: str | None = None) -> str:
    return render_record(record_fields(art, facets, shard), body_text)


def render_record(fields: dict, body_text: str) -> str:
    """The record of an article's fields (record_fields) and its body's text (html_text)."""
    # three sections, each of the first two closed by SECTION, so results can show them apart
    parts = [f'<html lang="{terms.LANGUAGE}"><body><main data-pagefind-body>',
             f"<h1>{escape(terms.encode(fields['heading']), quote=False)} {terms.SECTION}</h1>",
             f"<p>{escape(terms.encode(fields['names']), quote=False)} {terms.EVERY} {terms.SECTION}</p>",
             f"<p>{escape(terms.encode(body_text), quote=False)}</p>",
             "</main><div>"]
    for key, value in fields["meta"].items():
        parts.append(f'<span data-pagefind-meta="{key}">{escape(value, quote=False)}</span>')
    for name, values in fields["filters"].items():
        attr = escape(name, quote=True)
        parts.extend(f'<span data-pagefind-filter="{attr}">{escape(v, quote=False)}</span>' for v in values)
    if fields["shard"] is not None:
        parts.append(f'<span data-pagefind-filter="{SHARD_FILTER}">{escape(fields["shard"], quote=False)}</span>')
    for key, value in fields["sort"].items():
        parts.append(f'<span data-pagefind-sort="{key}">{escape(value, quote=False)}</span>')
    parts.append("</div></body></html>")
    return "".join(parts)
