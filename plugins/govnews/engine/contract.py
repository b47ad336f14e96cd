"""What the govnews core needs from a static-site engine, and what it offers one.

The engine today is MkDocs 1.6 (engine/mkdocs_plugin.py); ProperDocs, the maintained fork,
runs the same adapter. Another engine needs an adapter that keeps these duties, and nothing
else of govnews changes.

The engine's duties, in build order:
1. read the project (`mkdocs.yml`: site_url, docs_dir, nav, `plugins.govnews` options) and
   hand them to `settings_from_options`; a ConfigError's messages are the editor's, shown as they are;
2. list the Markdown files under docs_dir: the core decides which are articles
   (`build_site(sources, settings, editor_pages=…)`), and which generated pages exist
   (`generated_pages()`: home, overviews, policies … given to the engine as pages without
   files; list pages are written by the core itself, `page_written`/`post_build`);
3. keep articles out of the nav (`served_only`, `unpublished_nav`): a nav of 100,000
   articles is what made the engine slow;
4. for each page: the source (`page_source`), title and meta (`page_info`), the rendered
   body handed back (`page_html`, `article_page` for the article shell), the <head>
   (`head_html`), then the written file (`page_written`);
5. render Markdown with Python-Markdown and the extensions in engine/ (`plain_indent`,
   `chinese_breaks`, `tables`); heading ids follow pymdownx's slugify when a project sets
   it (checks/links.py reads the same setting);
6. the theme's templates get `footer_html`, `sitemap_entries`, `in_sitemap`;
7. after the last page: `post_build` (feeds, list pages, search index), then the problems
   (`site.problems`, each `path:line: message`) decide the exit status of a strict build.

URLs are directory URLs (`articles/2024/slug/` → `…/index.html`), as MkDocs writes them with
`use_directory_urls: true`; the core computes every URL itself and never asks the engine.
"""

from __future__ import annotations

from typing import Protocol

from govnews.common.diagnostics import Problems
from govnews.config.options import ConfigError, settings_from_options
from govnews.config.project import nav_paths
from govnews.config.settings import Settings
from govnews.model.catalog import Article, Catalog
from govnews.site.build import SHELL_SRC, PageInfo, Session, build_site


class CoreSite(Protocol):
    """The Site (site/build.py) as an engine adapter may use it; nothing else of it."""

    problems: Problems
    catalog: Catalog
    views: list

    def generated_pages(self) -> list[str]: ...
    def served_only(self, art: Article) -> bool: ...
    def unpublished_nav(self) -> set[str]: ...
    def unchanged_engine_pages(self, context: tuple) -> set[str]: ...
    def start_ahead(self, order: list[str]) -> None: ...
    def page_source(self, src: str) -> str | None: ...
    def page_info(self, src: str) -> PageInfo | None: ...
    def page_html(self, src: str, html: str) -> str: ...
    def shell_article(self, src: str) -> bool: ...
    def article_page(self, src: str, content_html: str) -> str: ...
    def head_html(self, src: str) -> str: ...
    def footer_html(self) -> str: ...
    def sitemap_entries(self) -> list[tuple[str, str | None]]: ...
    def in_sitemap(self, src: str) -> bool: ...
    def page_written(self, src: str, html: str, site_dir: str | None = None) -> None: ...
    def post_build(self, site_dir: str) -> None: ...


__all__ = ["SHELL_SRC", "ConfigError", "CoreSite", "PageInfo", "Session", "Settings", "build_site",
           "nav_paths", "settings_from_options"]
