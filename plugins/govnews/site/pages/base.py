"""What every generated page kind provides, and what it is given.

A page kind (Material's blog: `View(Page)` → `Archive`, `Category`; Hugo: kind → layout) says
which pages of its kind the site has (`views`), how one is rendered (`render`), what its
<head> says (`head`: title, column, feeds) and its sitemap date (`lastmod`). The Site asks
the registry (pages/__init__.py) and never branches on a kind's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from govnews.config.settings import Settings
from govnews.model.catalog import Article, Catalog
from govnews.model.facets import Facet
from govnews.site import feeds, seo
from govnews.site.publish import Publishing
from govnews.site.render import Renderer
from govnews.site.views import View


@dataclass
class PageContext:
    settings: Settings
    catalog: Catalog
    facets: dict[str, Facet]
    renderer: Renderer        # lists, crumbs, article decorations (render.py)
    publishing: Publishing    # policies, feeds, SEO, the site's identity (publish.py)
    home: bool                # the site makes its home page (the editor wrote none)


class PageKind:
    names: tuple[str, ...] = ()   # the View.kind values this class renders

    def __init__(self, ctx: PageContext):
        self.ctx = ctx

    def views(self) -> list[View]:
        """This kind's pages in this build (none for a kind with nothing to show)."""
        return []

    def render(self, view: View) -> str:
        raise NotImplementedError

    def head(self, view: View) -> dict:
        """<head> data for publish_head.html beyond the site's defaults."""
        return {"title": view.title, "url": self.ctx.publishing.absolute(view.url)}

    def lastmod(self, view: View) -> datetime | None:
        """When the page last changed: by default, when the site did."""
        return self.ctx.publishing.newest

    # helpers for subclasses
    def site_feed(self) -> dict:
        return {"title": f"{self.ctx.settings.site_name}（RSS）", "url": feeds.SITE_FEED}


def newest_change(items: list[Article], fallback: datetime | None) -> datetime | None:
    """The latest change among a page's articles (their update, else their date)."""
    return max(seo.modified(a) for a in items) if items else fallback
