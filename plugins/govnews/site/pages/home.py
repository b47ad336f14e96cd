"""The home page: the latest articles, then each facet's home section (`home: blocks | chips`)."""

from __future__ import annotations

from govnews.site.pages.base import PageKind
from govnews.site.render import TEMPLATES
from govnews.site.views import HOME, View


class HomeKind(PageKind):
    names = (HOME,)

    def views(self) -> list[View]:
        return [View(HOME, "", "首页")] if self.ctx.home else []

    def render(self, view: View) -> str:
        settings, sections = self.ctx.settings, []
        for facet in self.ctx.facets.values():
            if facet.spec.home == "blocks":
                blocks = [(v, v.articles[: settings.home_per_topic]) for v in facet.values.values()
                          if v.main and v.articles]
                if blocks:
                    sections.append(("blocks", facet, blocks))
            elif facet.spec.home == "chips":
                chips = [v for v in facet.values.values() if v.count and not v.children]
                if chips:
                    sections.append(("chips", facet, chips))
        return TEMPLATES.get_template("home.html").render(self.ctx.renderer.context(
            view.url, view=view, latest=self.ctx.catalog.listed[: settings.home_latest], sections=sections))
