"""A facet's pages (topic, town, type, year … any facet a site declares): its overview
(/topics/) and the paginated list of each value (/topics/yingshang-huanjing/2/)."""

from __future__ import annotations

from datetime import datetime

from govnews.site import feeds
from govnews.site.pages.base import PageKind, newest_change
from govnews.site.publish import COLUMN_TYPES
from govnews.site.render import TEMPLATES, Crumb, page_window
from govnews.site.views import LIST, OVERVIEW, View, page_count


class OverviewKind(PageKind):
    names = (OVERVIEW,)

    def views(self) -> list[View]:
        """Each facet with articles: its overview, then its values' list pages (a column
        without articles is not published)."""
        views: list[View] = []
        per_page = self.ctx.settings.per_page
        for facet in self.ctx.facets.values():
            if facet.blank:
                continue
            views.append(View(OVERVIEW, facet.overview_url, facet.spec.title, facet=facet))
            for key, value in facet.values.items():
                pages = page_count(value.count, per_page)
                for page in range(1, pages + 1):
                    title = value.label if page == 1 else f"{value.label}（第{page}页）"
                    views.append(View(LIST, facet.url(key, page), title, facet, key, page, pages))
        return views

    def render(self, view: View) -> str:
        return TEMPLATES.get_template("overview.html").render(self.ctx.renderer.context(
            view.url, view=view, facet=view.facet, crumbs=[Crumb("首页", ""), Crumb(view.title, None)]))

    def head(self, view: View) -> dict:
        out = super().head(view)
        facet = view.facet
        out["column"] = {"name": facet.spec.title, "type": self.ctx.publishing.info.column_type, "description": ""}
        return out


class FacetListKind(PageKind):
    names = (LIST,)   # its views come with their facet's overview (OverviewKind.views)

    def render(self, view: View) -> str:
        facet, value = view.facet, view.facet.values[view.key]
        crumbs = [Crumb("首页", ""), Crumb(facet.spec.title, facet.overview_url)]
        for key in reversed(facet.lineage(value.parent) if value.parent else []):
            crumbs.append(Crumb(facet.values[key].label, facet.url(key)))
        crumbs.append(Crumb(value.label, facet.url(view.key) if view.page > 1 else None))
        if view.page > 1:
            crumbs.append(Crumb(f"第{view.page}页", None))
        return TEMPLATES.get_template("list.html").render(self.ctx.renderer.context(
            view.url, view=view, facet=facet, value=value, crumbs=crumbs,
            items=view.items(self.ctx.settings.per_page),
            page_links=[(p, facet.url(view.key, p) if p else None) for p in page_window(view.page, view.pages)],
            prev_url=facet.url(view.key, view.page - 1) if view.page > 1 else None,
            next_url=facet.url(view.key, view.page + 1) if view.page < view.pages else None,
        ))

    def head(self, view: View) -> dict:
        out = super().head(view)
        facet, value = view.facet, view.facet.values.get(view.key)
        kind = COLUMN_TYPES.get(view.key, self.ctx.publishing.info.column_type)   # a 政策解读 / 通知公告 column
        out["column"] = {"name": value.label if value else facet.spec.title, "type": kind,
                         "description": value.description if value else ""}
        if value is not None:
            out["description"] = value.description or f"{value.label}的文章"
            href = feeds.feed_for_page(facet, view.key)
            if href:
                out["feeds"] = [self.site_feed(), {"title": f"{value.label}（RSS）", "url": href}]
        return out

    def lastmod(self, view: View) -> datetime | None:
        return newest_change(view.items(self.ctx.settings.per_page), self.ctx.publishing.newest)
