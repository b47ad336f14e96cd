"""Generated page kinds, one module each, and their registry.

A new kind of generated page is one module here (a PageKind subclass: views, render, head,
lastmod) and one entry in KINDS; the Site, the sitemap and the engine adapter ask the
registry and never branch on a kind's name. KINDS' order is the order of the site's pages.
"""

from __future__ import annotations

from datetime import datetime

from govnews.site.pages.accessibility import AccessibilityKind
from govnews.site.pages.base import PageContext, PageKind
from govnews.site.pages.facet_pages import FacetListKind, OverviewKind
from govnews.site.pages.home import HomeKind
from govnews.site.pages.library import LibraryKind
from govnews.site.pages.policy import PolicyKind
from govnews.site.pages.search import SearchKind
from govnews.site.pages.stats import StatsKind
from govnews.site.views import View

KINDS: tuple[type[PageKind], ...] = (HomeKind, SearchKind, OverviewKind, FacetListKind, StatsKind, LibraryKind,
                                     PolicyKind, AccessibilityKind)


class PageKinds:
    """The build's page kinds, by View.kind."""

    def __init__(self, ctx: PageContext, kinds: tuple[type[PageKind], ...] = KINDS):
        self.ctx = ctx
        self.kinds = [kind(ctx) for kind in kinds]
        self._by_name = {name: k for k in self.kinds for name in k.names}

    def __getitem__(self, name: str) -> PageKind:
        return self._by_name[name]

    def views(self) -> list[View]:
        return [view for kind in self.kinds for view in kind.views()]

    def render(self, view: View) -> str:
        return self._by_name[view.kind].render(view)

    def head(self, view: View) -> dict:
        return self._by_name[view.kind].head(view)

    def lastmod(self, view: View) -> str | None:
        """Sitemap <lastmod> (ISO 8601); None when the site has no dated article."""
        when: datetime | None = self._by_name[view.kind].lastmod(view) if self.ctx.publishing.newest else None
        return self.ctx.publishing.change_iso(when)   # a partial date keeps its precision (2024-10)


__all__ = ["KINDS", "PageContext", "PageKind", "PageKinds"]
