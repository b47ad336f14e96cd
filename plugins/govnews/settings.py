"""Build settings: plain data, so the core runs with or without MkDocs.

Facets are configuration, not code (as Hugo's taxonomies): each names the article field it
reads, the URL path of its pages, its vocabulary, and whether it becomes a search filter.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import datetime

from .text import CHINA_TZ


@dataclass(frozen=True)
class FacetSpec:
    name: str                      # internal key, e.g. "topic"
    field: str                     # Article attribute: topics | town | authors | type | date
    path: str                      # URL path of its pages: /<path>/ and /<path>/<slug>/
    title: str                     # Chinese heading of the overview page, e.g. 专题
    vocabulary: str | None = None  # topics | places | types, or None for free values
    levels: tuple[str, ...] = ()   # date facets: strftime levels, coarse to fine
    labels: tuple[str, ...] = ()   # date facets: label per level ({y} {m})
    search_filter: str | None = None  # Pagefind filter name, or None
    search_levels: int = 99        # how many hierarchy levels the search filter carries
    feed: bool = False             # one feed per value
    show_empty: bool = True        # keep vocabulary values with no articles (stable links)


DEFAULT_FACETS: tuple[FacetSpec, ...] = (
    FacetSpec("topic", "topics", "topics", "专题", vocabulary="topics", search_filter="专题", feed=True),
    FacetSpec("town", "town", "towns", "镇街", vocabulary="places", search_filter="地区", feed=True),
    FacetSpec("type", "type", "types", "类型", vocabulary="types", search_filter="类型", feed=True),
    FacetSpec("author", "authors", "authors", "作者"),
    FacetSpec(
        "archive", "date", "archive", "归档",
        levels=("%Y", "%Y/%m"), labels=("{y}年", "{y}年{m}月"),
        search_filter="年份", search_levels=1, show_empty=False,
    ),
)


@dataclass(frozen=True)
class Settings:
    docs_dir: str
    vocab_dir: str = "_vocab"           # relative to docs_dir
    articles_dir: str = "articles"      # relative to docs_dir; every .md below is an article
    permalink: str = "articles/{year}/{slug}/"
    per_page: int = 20
    home_latest: int = 10
    home_per_topic: int = 5
    facets: tuple[FacetSpec, ...] = DEFAULT_FACETS
    include_drafts: bool = False        # true under `mkdocs serve`: drafts visible, marked
    now: datetime = field(default_factory=lambda: build_time())
    site_name: str = ""
    site_url: str = ""
    search_shard_size: int = 2500       # most articles one Pagefind run indexes (search/shards.py)

    @property
    def vocab_path(self) -> str:
        return os.path.join(self.docs_dir, self.vocab_dir)

    def facet(self, name: str) -> FacetSpec:
        for spec in self.facets:
            if spec.name == name:
                return spec
        raise KeyError(name)

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)


def build_time() -> datetime:
    """Now in China time; SOURCE_DATE_EPOCH pins it for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), CHINA_TZ)
    return datetime.now(CHINA_TZ)


def facets_from_config(items: list[dict] | None) -> tuple[FacetSpec, ...]:
    """Facet list from mkdocs.yml (list of mappings); None keeps the defaults."""
    if not items:
        return DEFAULT_FACETS
    specs = []
    for item in items:
        item = dict(item)
        for key in ("levels", "labels"):
            if key in item:
                item[key] = tuple(item[key])
        specs.append(FacetSpec(**item))
    return tuple(specs)
