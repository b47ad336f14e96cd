"""A policy's page: the document an explainer (政策解读) names, with every explainer of it."""

from __future__ import annotations

from datetime import datetime

from govnews.model.policy import EXPLAINER_TYPE
from govnews.site import feeds
from govnews.site.pages.base import PageKind, newest_change
from govnews.site.render import TEMPLATES
from govnews.site.views import View

POLICY = "policy"


class PolicyKind(PageKind):
    names = (POLICY,)

    def views(self) -> list[View]:
        return [View(POLICY, p.url, p.title, key=p.key) for p in self.ctx.publishing.policies.policies.values()]

    def render(self, view: View) -> str:
        pub = self.ctx.publishing
        return TEMPLATES.get_template("policy_page.html").render(
            pub.context(view.url, view=view, pol=pub.policies.policies[view.key]))

    def head(self, view: View) -> dict:
        out = super().head(view)
        out["column"] = {"name": "政策文件", "type": "政策解读", "description": ""}
        out["feeds"] = [self.site_feed()]
        href = feeds.feed_for_page(self.ctx.facets.get("type"), EXPLAINER_TYPE)
        if href:
            out["feeds"].append({"title": f"{EXPLAINER_TYPE}（RSS）", "url": href})
        return out

    def lastmod(self, view: View) -> datetime | None:
        return newest_change(self.ctx.publishing.policies.policies[view.key].explainers, self.ctx.publishing.newest)
