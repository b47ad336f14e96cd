"""The search page /search/: a form with the facets' filters, filled in by assets/search.js."""

from __future__ import annotations

from govnews.search.page import filter_groups
from govnews.site.pages.base import PageKind
from govnews.site.render import TEMPLATES, Crumb
from govnews.site.views import SEARCH, View


class SearchKind(PageKind):
    names = (SEARCH,)

    def views(self) -> list[View]:
        return [View(SEARCH, "search/", "搜索")]

    def render(self, view: View) -> str:
        facets = self.ctx.facets
        return TEMPLATES.get_template("search.html").render(self.ctx.renderer.context(
            view.url, view=view, groups=filter_groups(facets),
            browse=[f for f in facets.values() if not f.blank and f.spec.search_filter],
            crumbs=[Crumb("首页", ""), Crumb(view.title, None)]))
