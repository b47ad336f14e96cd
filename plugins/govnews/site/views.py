"""Generated pages (views) as plain data: one list of View for the whole build, made by
the page kinds (site/pages/).

Views hold references, not HTML: each is rendered only when the engine asks for it, so
memory stays flat with 100,000 articles.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from govnews.model.catalog import Article
from govnews.model.facets import Facet

HOME = "home"
OVERVIEW = "overview"
LIST = "list"
SEARCH = "search"              # the search page (/search/), filled in by assets/search.js


@dataclass
class View:
    kind: str
    url: str                       # site-relative directory URL, '' for home
    title: str
    facet: Facet | None = None
    key: str | None = None         # facet value
    page: int = 1
    pages: int = 1
    extra: dict = field(default_factory=dict)

    @property
    def src_uri(self) -> str:
        return f"{self.url}index.md"

    def items(self, per_page: int) -> list[Article]:
        if self.kind != LIST:
            return []
        arts = self.facet.values[self.key].articles
        return arts[(self.page - 1) * per_page: self.page * per_page]


def page_count(n: int, per_page: int) -> int:
    """Pages for n articles; a value kept with show_empty still gets its one page."""
    return max(1, math.ceil(n / per_page))
