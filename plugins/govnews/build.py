"""One build of the site, engine-independent: vocabularies → catalog → facets → views.

An engine adapter (plugin.py for MkDocs) asks a Site for each page's source, title/meta and
final HTML; nothing here knows about MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .catalog import Article, Catalog, build_catalog
from .diagnostics import Problems
from .facets import Facet, build_facets
from .render import Renderer
from .settings import Settings
from .views import View, build_views
from .vocab import Vocabularies, load_vocabularies

__all__ = ["Settings", "Site", "build_site", "PageInfo"]


@dataclass
class PageInfo:
    title: str
    meta: dict = field(default_factory=dict)   # raw values; the adapter escapes them


@dataclass
class Site:
    settings: Settings
    vocabs: Vocabularies
    catalog: Catalog
    facets: dict[str, Facet]
    views: list[View]
    problems: Problems
    renderer: Renderer
    views_by_src: dict[str, View]

    def article(self, src: str) -> Article | None:
        return self.catalog.by_src.get(src)

    def page_source(self, src: str) -> str | None:
        """Markdown body for an article (released after use: read once), '' for a view."""
        art = self.catalog.by_src.get(src)
        if art is not None:
            body, art.body = art.body, None
            return body if body is not None else ""
        if src in self.views_by_src:
            return ""
        return None

    def page_info(self, src: str) -> PageInfo | None:
        art = self.catalog.by_src.get(src)
        if art is not None:
            meta = {"description": art.excerpt}
            if art.authors:
                meta["author"] = "、".join(art.author_names)
            return PageInfo(art.title, meta)
        view = self.views_by_src.get(src)
        if view is not None:
            return PageInfo(view.title)
        return None

    def page_html(self, src: str, html: str) -> str:
        art = self.catalog.by_src.get(src)
        if art is not None:
            if not art.listed or art.date is None:
                return html  # broken metadata was reported; keep the text visible
            r = self.renderer
            return f'{r.article_header(art)}<div class="gn-body">{html}</div>{r.article_footer(art)}'
        view = self.views_by_src.get(src)
        if view is not None:
            return self.renderer.render_view(view)
        return html


    def head_html(self, src: str) -> str:
        """Extra <head> markup for a page (escaped HTML). Publishing features add to it."""
        parts: list[str] = []
        return "\n".join(parts)

    def post_build(self, site_dir: str) -> None:
        """Whole-site outputs after every page is written (feeds, search index …)."""


def build_site(sources, settings: Settings, has_home: bool = False) -> Site:
    problems = Problems()
    vocabs = load_vocabularies(settings.vocab_path, problems, display_dir=_display(settings))
    catalog = build_catalog(sources, vocabs, settings, problems)
    facets = build_facets(catalog, vocabs, settings)
    views = build_views(catalog, facets, settings.per_page, home=not has_home)
    renderer = Renderer(catalog, facets, settings)
    return Site(settings, vocabs, catalog, facets, views, problems, renderer,
                {v.src_uri: v for v in views})


def _display(settings: Settings) -> str:
    import os

    try:
        return os.path.relpath(settings.vocab_path)
    except ValueError:  # pragma: no cover
        return settings.vocab_path
