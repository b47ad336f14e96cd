"""MkDocs adapter: translates MkDocs events into calls on the govnews core. No logic here."""

from __future__ import annotations

import logging
import os

from jinja2 import BytecodeCache
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, InclusionLevel

from . import build as core
from .render import esc
from .search.service import PagefindError
from .settings import facets_from_config

log = logging.getLogger("mkdocs.plugins.govnews")
ASSETS = os.path.join(os.path.dirname(__file__), "assets")
ASSET_URL = "assets/govnews/"
# every .css/.js shipped in govnews/assets is added to the site, in sorted order
ASSET_FILES = sorted(n for n in os.listdir(ASSETS) if n.endswith((".css", ".js")))


class GovnewsConfig(base.Config):
    # content
    vocab_dir = c.Type(str, default="_vocab")
    articles_dir = c.Type(str, default="articles")
    permalink = c.Type(str, default="articles/{year}/{slug}/")
    # generated pages
    per_page = c.Type(int, default=20)
    home = c.Type(bool, default=True)
    home_latest = c.Type(int, default=10)
    facets = c.Optional(c.ListOfItems(c.Type(dict)))
    # search
    search = c.Type(bool, default=True)   # false: no Pagefind index (e.g. huge-site previews)
    # most articles per search shard: bounds the indexer's memory (~350 KB per article);
    # fewer, larger shards mean fewer downloads per query (search/shards.py)
    search_shard_size = c.Type(int, default=core.Settings.search_shard_size)


class GovnewsPlugin(BasePlugin[GovnewsConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.serving = False
        self.dirty = False
        self.builds = 0
        self.site: core.Site | None = None
        # Kept across `mkdocs serve` rebuilds (MkDocs keeps plugins that have on_startup).
        self.parse_cache = core.ParseCache()
        self.list_memo: dict = {}
        self.chrome: dict[tuple[str, str], str] = {}   # rendered nav chrome, per build (_cached)
        self.template_code = _TemplateCodeCache()
        self.nav_roots: set[str] = set()
        self.nav_srcs: set[str] = set()
        self.logged = 0   # site.problems already logged (more come while pages render)

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config):
        if self.config.search_shard_size < 1:
            raise PluginError(f"{config.config_file_path}: search_shard_size 须为正整数"
                              f"（现为 {self.config.search_shard_size}，默认 {core.Settings.search_shard_size}）")
        for name in ASSET_FILES:
            target = config.extra_css if name.endswith(".css") else config.extra_javascript
            if ASSET_URL + name not in target:
                target.append(ASSET_URL + name)

    def on_files(self, files, *, config):
        settings = core.Settings(
            docs_dir=config.docs_dir,
            vocab_dir=self.config.vocab_dir,
            articles_dir=self.config.articles_dir,
            permalink=self.config.permalink,
            per_page=self.config.per_page,
            home_latest=self.config.home_latest,
            facets=facets_from_config(self.config.facets),
            include_drafts=self.serving,
            site_name=config.site_name,
            site_url=config.site_url or "",
            search_shard_size=self.config.search_shard_size,
        )
        vocab_prefix = settings.vocab_dir.strip("/") + "/"
        for f in [f for f in files if f.src_uri.startswith(vocab_prefix)]:
            files.remove(f)  # vocabularies are data, not pages

        prefix = settings.articles_dir.strip("/") + "/"
        article_files = {f.src_uri: f for f in files.documentation_pages() if f.src_uri.startswith(prefix)}
        cwd = os.getcwd() + os.sep
        sources = [(src, _shown(f.abs_src_path, cwd), f.abs_src_path) for src, f in sorted(article_files.items())]
        self.site = site = core.build_site(sources, settings, has_home=("index.md" in files.src_uris) or not self.config.home,
                                           cache=self.parse_cache if self.serving else None)
        if not self.config.search:
            site.search = None
        if self.serving and self.dirty and self.builds:
            # `mkdocs serve --dirty` renders only changed pages: an index fed with those alone
            # would lose the rest, so the search index of the first build is kept.
            site.search = None
        if self.serving and self.dirty:
            site.list_memo = self.list_memo
        self.builds += 1
        site.engine_srcs = frozenset(_nav_paths(config.nav))  # generated pages the nav names
        site.configure(config.extra.get("govnews"), config.config_file_path, config.site_description)

        site.problems[:] = site.problems.sorted()
        self.logged = 0
        self._log_problems()

        for art in site.catalog.articles:
            f = article_files[art.src]
            if art.withheld:   # unreadable, or another article has its URL: reported, never written
                f.inclusion = InclusionLevel.EXCLUDED
                continue
            f.dest_uri = art.url + "index.html" if config.use_directory_urls else art.url.rstrip("/") + ".html"
            f.url = art.url
            # drafts and future-dated articles: served by `mkdocs serve`, never built
            f.inclusion = InclusionLevel.DRAFT if (art.draft or art.future) else InclusionLevel.NOT_IN_NAV
        for view in site.engine_views:
            if view.src_uri in files.src_uris:
                continue  # an editor's own page wins
            files.append(File.generated(config, view.src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV))
        # one page shell, from which the core writes every list page after the build
        files.append(File.generated(config, core.SHELL_SRC, content="", inclusion=InclusionLevel.NOT_IN_NAV))
        for name in ASSET_FILES:
            files.append(File.generated(config, ASSET_URL + name, abs_src_path=os.path.join(ASSETS, name)))
        log.info("govnews: %d 篇文章（%d 篇发布），%d 个生成页面",  # noqa: RUF001
                 len(site.catalog.articles), len(site.catalog.listed), len(site.views))
        return files

    def on_page_read_source(self, *, page, config):
        if self.site is None:
            return None
        return self.site.page_source(page.file.src_uri)

    def on_page_markdown(self, markdown, *, page, config, files):
        if self.site is None:
            return markdown
        info = self.site.page_info(page.file.src_uri)
        if info is not None:
            page.title = esc(info.title)
            page.meta = {key: esc(value) for key, value in info.meta.items()}
            if info.canonical_url is not None:
                page.canonical_url = info.canonical_url
        return markdown

    def on_page_content(self, html, *, page, config, files):
        if self.site is None:
            return html
        html = self.site.page_html(page.file.src_uri, html)
        self._log_problems()
        return html

    def on_nav(self, nav, *, config, files):
        # first URL segments of nav pages: a page elsewhere links to them by its depth alone
        self.nav_roots = {p.url.split("/", 1)[0] for p in nav.pages}
        self.nav_srcs = {p.file.src_uri for p in nav.pages}
        return nav

    def on_env(self, env, *, config, files):
        self.chrome = {}
        env.globals["govnews_cached"] = self._cached
        if self.serving:
            env.bytecode_cache = self.template_code
        return env

    def _cached(self, block: str, key: str, caller) -> str:
        """Material's tabs and navigation sidebar, rendered once per key (see on_page_context)."""
        html = self.chrome.get((block, key))
        if html is None:
            html = self.chrome[(block, key)] = caller()
        return html

    def on_page_context(self, context, *, page, config, nav):
        if self.site is not None:
            # extra <head> markup (meta tags, feeds, JSON-LD), printed by overrides/main.html
            context["govnews_head"] = self.site.head_html(page.file.src_uri)
        # A page outside the nav (every article) marks no nav item active, and its links to nav
        # pages depend only on its depth: its tabs and sidebar are the same as every such page's
        # at that depth. Material renders them per page (a third of an article's render time).
        root = page.url.split("/", 1)[0]
        if page.file.src_uri not in self.nav_srcs and root not in self.nav_roots:
            context["govnews_chrome_key"] = context.get("base_url")
        return context

    def on_post_page(self, output, *, page, config):
        if self.site is not None:
            self.site.page_written(page.file.src_uri, output)
        return output

    def on_post_build(self, *, config):
        if self.site is not None:
            try:
                self.site.post_build(config.site_dir)
            except PagefindError as err:   # a message for the editor, not a traceback
                raise PluginError(f"搜索索引失败：{err}") from err
            self._log_problems()
            self._fail_if_strict(config)

    def _log_problems(self) -> None:
        if self.site is None:
            return
        for problem in self.site.problems[self.logged:]:
            log.warning(str(problem))
        self.logged = len(self.site.problems)

    def _fail_if_strict(self, config) -> None:
        """A strict build fails on any govnews problem, as `govnews check` does. MkDocs counts
        strict warnings only at the levels it logs (none under -q), so we count our own."""
        problems = self.site.problems if self.site is not None else []
        if not config.strict or self.serving or not problems:
            return
        errors = sum(1 for p in problems if p.is_error)
        summary = f"govnews：{errors} 个错误，{len(problems) - errors} 个警告，严格模式（--strict）构建失败"
        if not log.isEnabledFor(logging.WARNING):   # -q hid them: say what they are
            summary += "\n" + "\n".join(str(p) for p in problems)
        raise PluginError(summary)


def _nav_paths(nav) -> list[str]:
    """Every page path named in mkdocs.yml's nav (nested lists of {title: path})."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for v in nav.values() for p in _nav_paths(v)]
    if isinstance(nav, list):
        return [p for v in nav for p in _nav_paths(v)]
    return []


def _shown(abs_path: str, cwd: str | None = None) -> str:
    """Path as editors see it in messages: relative to where mkdocs runs."""
    cwd = cwd or os.getcwd() + os.sep
    if abs_path.startswith(cwd):
        return abs_path[len(cwd):]   # the usual case, without relpath's cost (0.1 ms × every article)
    try:
        return os.path.relpath(abs_path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return abs_path


class _TemplateCodeCache(BytecodeCache):
    """Compiled templates kept across `mkdocs serve` rebuilds (MkDocs makes a new Jinja
    environment for each, recompiling Material's templates: ~0.4 s per rebuild). Entries are
    checked against the template source's checksum, so edited templates recompile."""

    def __init__(self):
        self._store: dict[str, tuple[str, object]] = {}

    def load_bytecode(self, bucket) -> None:
        hit = self._store.get(bucket.key)
        if hit is not None and hit[0] == bucket.checksum:
            bucket.code = hit[1]

    def dump_bytecode(self, bucket) -> None:
        self._store[bucket.key] = (bucket.checksum, bucket.code)
