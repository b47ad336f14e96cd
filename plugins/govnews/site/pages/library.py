"""The policy library /policies/: the site's policy documents (政策文件), newest first, with
their explainers; shown once there is a document to list."""

from __future__ import annotations

from datetime import datetime

from govnews.config.settings import DOCUMENT_TYPE
from govnews.model.policy import POLICIES_PATH
from govnews.site.pages.base import PageKind, newest_change
from govnews.site.publish import LIBRARY_FEED  # noqa: F401 (the library's feed, written in post_build)
from govnews.site.render import TEMPLATES
from govnews.site.views import View

POLICIES = "policies"
# documents listed on /policies/ itself; the rest through its filters and the 政策文件 type pages
# (paginated by the facet engine), so the page stays small for a library of thousands
LIBRARY_LIMIT = 100


class LibraryKind(PageKind):
    names = (POLICIES,)

    def views(self) -> list[View]:
        return [] if self.ctx.publishing.policies.empty else [View(POLICIES, f"{POLICIES_PATH}/", "政策文件")]

    def render(self, view: View) -> str:
        pub = self.ctx.publishing
        return TEMPLATES.get_template("policies.html").render(pub.context(
            view.url, view=view, documents=pub.policies.documents, filters=pub.library_filters(),
            policies=list(pub.policies.policies.values()), limit=LIBRARY_LIMIT,
            all_url=pub.type_page(DOCUMENT_TYPE), search_url=pub.type_search(DOCUMENT_TYPE)))

    def head(self, view: View) -> dict:
        out = super().head(view)
        out["column"] = {"name": "政策文件", "type": "政策文件", "description": "本站发布的政策文件及其解读"}
        if self.ctx.publishing.policies.documents:
            out["feeds"] = [self.site_feed(), {"title": "政策文件（RSS）", "url": LIBRARY_FEED}]
        return out

    def lastmod(self, view: View) -> datetime | None:
        """The library changes with its documents and their explainers."""
        index = self.ctx.publishing.policies
        pols = [*index.documents, *index.policies.values()]
        items = [*(p.document.art for p in index.documents), *(a for p in pols for a in p.explainers[:1])]
        return newest_change(items, self.ctx.publishing.newest)
