"""MkDocs adapter: translates MkDocs events into calls on the govnews core. No logic here."""

from __future__ import annotations

import logging
import os

from jinja2 import BytecodeCache, ChoiceLoader, DictLoader
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from govnews.checks import audit as column_audit
from govnews.engine import contract as core
from govnews.engine.contract import ConfigError, nav_paths, settings_from_options
from govnews.perf.idlegc import IdleCollector
from govnews.search.service import PagefindError
from govnews.site import admin as web_editor
from govnews.site import audit_page
from govnews.site.render import esc

log = logging.getLogger("mkdocs.plugins.govnews")
ASSETS = os.path.join(os.path.dirname(os.path.dirname(__file__)), "site", "assets")
ASSET_URL = "assets/govnews/"
# Markdown extensions every govnews site needs, added when a site's mkdocs.yml (made from an
# older copy) does not list them: pasted 首行缩进 would become code blocks, a line break inside
# Chinese a space, and imported tables text
MARKDOWN_EXTENSIONS = ("govnews.plain_indent", "govnews.chinese_breaks", "tables")
# every .css/.js shipped in govnews/assets is added to the site, in sorted order
ASSET_FILES = sorted(n for n in os.listdir(ASSETS) if n.endswith((".css", ".js")))
# files in subfolders of govnews/assets are copied to the site but added to no page: a page
# loads them itself when a reader asks (a11y/: the reading aids' toolbar, see a11y/early.js)
LAZY_ASSETS = sorted(os.path.relpath(os.path.join(d, n), ASSETS).replace(os.sep, "/")
                     for d, _, names in os.walk(ASSETS) if d != ASSETS for n in names)
# the template of articles filled into the page shell: MkDocs renders it (nothing), then
# on_post_page hands back the core's page (Site.article_page)
SHELL_TEMPLATE = "govnews-shell-article.html"


class GovnewsPlugin(BasePlugin):
    """The options are the core's (config.py): MkDocs passes them through unvalidated, and
    on_config hands them, with the site values around them, to the one schema the CLI reads
    too. MkDocs' own handling stays: `enabled: false` (MkDocs pops it before load_config)."""

    supports_multiple_instances = False

    def __init__(self):
        self.serving = False
        self.dirty = False
        self.options: dict | None = None
        self.settings: core.Settings | None = None
        self.site: core.CoreSite | None = None
        # Kept across `mkdocs serve` rebuilds (MkDocs keeps plugins that have on_startup).
        self.session = core.Session()
        self.chrome: dict[tuple[str, str], str] = {}   # rendered nav chrome, per build (_cached)
        self.template_code = _TemplateCodeCache()
        self.nav_roots: set[str] = set()
        self.nav_srcs: set[str] = set()
        self.shell_pages: set[str] = set()   # articles this build fills into the page shell
        self.skipped: set[str] = set()       # generated pages a --dirty rebuild need not render
        self.logged = 0   # site.problems already logged (more come while pages render)
        self.audit = column_audit.Thresholds()   # audit.py: thresholds and the /audit/ page
        self.collector = IdleCollector()   # under `mkdocs serve`: collect garbage between rebuilds
        self.quiet: _QuietStrict | None = None   # `-q --strict`: MkDocs' own warnings, kept for the failure

    def load_config(self, options, config_file_path=None):
        self.options = dict(options)   # validated by the core in on_config
        return super().load_config({}, config_file_path)

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"
        self.dirty = dirty

    def on_shutdown(self):
        self.collector.stop()
        if self.quiet is not None:
            self.quiet.remove()
            self.quiet = None

    def on_pre_build(self, *, config):
        if self.serving:
            self.collector.build_started()

    def on_config(self, config):
        if config.strict and not self.serving and self.quiet is None:
            self.quiet = _QuietStrict.install()
        extra = config.extra.get("govnews") if hasattr(config.extra, "get") else None
        try:
            self.settings = settings_from_options(
                self.options, docs_dir=config.docs_dir, config_path=config.config_file_path or "mkdocs.yml",
                site_name=config.site_name, site_url=config.site_url or "",
                site_description=config.site_description or "", site_author=config.site_author or "",
                site_extra=extra,
                nav=tuple(nav_paths(config.nav)), serving=self.serving, dirty=self.dirty)
        except ConfigError as err:   # the editor's message, not a traceback
            raise PluginError("\n".join(err.messages)) from None
        missing = [name for name in MARKDOWN_EXTENSIONS
                   if name not in config.markdown_extensions and f"markdown.extensions.{name}" not in config.markdown_extensions]
        config.markdown_extensions[:0] = missing
        for name in ASSET_FILES:
            target = config.extra_css if name.endswith(".css") else config.extra_javascript
            if ASSET_URL + name not in target:
                target.append(ASSET_URL + name)

    def on_files(self, files, *, config):
        settings = self.settings
        vocab_prefix = settings.vocab_dir.strip("/") + "/"
        for f in [f for f in files if f.src_uri.startswith(vocab_prefix)]:
            files.remove(f)  # vocabularies are data, not pages

        prefix = settings.articles_dir.strip("/") + "/"
        article_files = {f.src_uri: f for f in files.documentation_pages() if f.src_uri.startswith(prefix)}
        cwd = os.getcwd() + os.sep
        sources = [(src, _shown(f.abs_src_path, cwd), f.abs_src_path) for src, f in sorted(article_files.items())]
        editor_pages = frozenset(f.src_uri for f in files.documentation_pages() if f.src_uri not in article_files)
        self.site = site = core.build_site(sources, settings, editor_pages=editor_pages, session=self.session)
        self.shell_pages = set()
        self.audit = column_audit.thresholds_from_config(settings.audit, site.problems, _shown(settings.config_path))

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
            if self.dirty and art.from_cache:   # unchanged since this session's last build: its
                f.is_modified = _unmodified     # page is written (saves MkDocs two stats per file)
            f.inclusion = InclusionLevel.DRAFT if site.served_only(art) else InclusionLevel.NOT_IN_NAV
        dropped = site.unpublished_nav()
        if dropped:  # a column without articles: no nav link to a page that is not published
            config.nav = _without(config.nav, dropped)
            log.info("govnews: 导航中 %s 还没有文章，本次不显示", "、".join(sorted(dropped)))
        # a --dirty rebuild skips generated pages whose output would be the same as last time
        self.skipped = site.unchanged_engine_pages(_theme_context(config)) if self.dirty else set()
        for src in site.generated_pages():
            f = File.generated(config, src, content="", inclusion=InclusionLevel.NOT_IN_NAV)
            if src in self.skipped and os.path.exists(f.abs_dest_path):
                f.is_modified = _unmodified
            files.append(f)
        # one page shell, from which the core writes every list page after the build and most
        # articles as they are built: first, so that it is rendered before any article
        shell = File.generated(config, core.SHELL_SRC, content="", inclusion=InclusionLevel.NOT_IN_NAV)
        files = Files([shell, *files])
        for name in (*ASSET_FILES, *LAZY_ASSETS):
            files.append(File.generated(config, ASSET_URL + name, abs_src_path=os.path.join(ASSETS, name)))
        site.start_ahead([f.src_uri for f in files.documentation_pages()])   # the order MkDocs renders in
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
        src = page.file.src_uri
        html = self.site.page_html(src, html)
        self._log_problems()
        # The theme would render this page as it renders the shell, apart from what the core
        # fills in: no table of contents, no edit link, outside the nav (chrome as the shell's).
        if (self.site.shell_article(src) and not page.toc.items and not page.edit_url
                and self._off_nav(page)):
            page.meta["template"] = SHELL_TEMPLATE
            self.shell_pages.add(src)
        else:
            self.shell_pages.discard(src)
        return html

    def on_nav(self, nav, *, config, files):
        # first URL segments of nav pages: a page elsewhere links to them by its depth alone
        self.nav_roots = {p.url.split("/", 1)[0] for p in nav.pages}
        self.nav_srcs = {p.file.src_uri for p in nav.pages}
        for page in nav.pages:   # a skipped page is not read: its nav title is set as reading would
            if page.file.src_uri in self.skipped and self.site is not None:
                page.title = esc(self.site.page_info(page.file.src_uri).title)
        return nav

    def on_env(self, env, *, config, files):
        self.chrome = {}
        env.globals["govnews_cached"] = self._cached
        # what overrides/ prints from the core: the government footer, the sitemap's extra pages
        site = self.site
        env.globals["govnews_footer"] = site.footer_html() if site is not None else ""
        env.globals["govnews_sitemap"] = site.sitemap_entries if site is not None else list
        env.globals["govnews_in_sitemap"] = site.in_sitemap if site is not None else (lambda src: True)
        # a --dirty rebuild reads only the changed pages, so their neighbours' <lastmod> is gone:
        # keep the session's first, whole sitemap (an empty template output is not written)
        env.globals["govnews_keep_sitemap"] = self.dirty and self.session.builds > 1
        if self.serving:
            env.bytecode_cache = self.template_code
        env.loader = ChoiceLoader([env.loader, DictLoader({SHELL_TEMPLATE: ""})])
        return env

    def _cached(self, block: str, key: str, caller) -> str:
        """Material's tabs and navigation sidebar, rendered once per key (see on_page_context)."""
        html = self.chrome.get((block, key))
        if html is None:
            html = self.chrome[(block, key)] = caller()
        return html

    def on_page_context(self, context, *, page, config, nav):
        if page.file.src_uri in self.shell_pages:
            return context   # nothing of the theme's is rendered (on_post_page)
        if self.site is not None:
            # extra <head> markup (meta tags, feeds, JSON-LD), printed by overrides/main.html
            context["govnews_head"] = self.site.head_html(page.file.src_uri)
        # A page outside the nav (every article) marks no nav item active, and its links to nav
        # pages depend only on its depth: its tabs and sidebar are the same as every such page's
        # at that depth. Material renders them per page (a third of an article's render time).
        if self._off_nav(page):
            context["govnews_chrome_key"] = context.get("base_url")
        return context

    def _off_nav(self, page) -> bool:
        return page.file.src_uri not in self.nav_srcs and page.url.split("/", 1)[0] not in self.nav_roots

    def on_post_page(self, output, *, page, config):
        if self.site is not None:
            if page.file.src_uri in self.shell_pages:
                return self.site.article_page(page.file.src_uri, page.content)
            self.site.page_written(page.file.src_uri, output, config.site_dir)
        return output

    def on_post_build(self, *, config):
        if self.site is not None:
            try:
                self.site.post_build(config.site_dir)
            except PagefindError as err:   # a message for the editor, not a traceback
                raise PluginError(f"搜索索引失败：{err}") from err
            if self.shell_pages:
                log.info("govnews: %d 篇文章由页面外壳填写（article_shell）", len(self.shell_pages))
            if self.serving or self.audit.page:   # editors' preview always shows it
                audit_page.write_page(self.site, config.site_dir, self.audit)
            missing = web_editor.write_site_admin(self.site, config.site_dir)
            if missing:   # information: a site without the web editor is still a site
                log.info("govnews: %s", missing)
            self._log_problems()
            self._fail_if_strict(config)
        if self.serving:
            self.collector.build_finished()

    def _log_problems(self) -> None:
        if self.site is None:
            return
        for problem in self.site.problems[self.logged:]:
            (log.info if problem.is_info else log.warning)(str(problem))   # information never fails --strict
        self.logged = len(self.site.problems)

    def _fail_if_strict(self, config) -> None:
        """A strict build fails on any govnews problem, as `govnews check` does. MkDocs counts
        strict warnings only at the levels it logs (none under -q), so we count our own, and
        under -q also MkDocs' (a Markdown image that is not there)."""
        problems = [p for p in self.site.problems if not p.is_info] if self.site is not None else []
        others = self.quiet.records if self.quiet is not None else []
        if not config.strict or self.serving or not (problems or others):
            return
        errors = sum(1 for p in problems if p.is_error)
        summary = f"govnews：{errors} 个错误，{len(problems) - errors} 个警告，严格模式（--strict）构建失败"
        if others:
            summary += f"；MkDocs 另有 {len(others)} 个警告"
        if self.quiet is not None:   # -q hid them: say what they are
            summary += "\n" + "\n".join([str(p) for p in problems] + others)
        raise PluginError(summary)


class _QuietStrict(logging.Handler):
    """`mkdocs build -q --strict` must fail on a warning too, but -q sets MkDocs' logger to
    ERROR, so its warnings (a missing image, a link to nowhere) are dropped before its strict
    counter sees them and the build passes. For a quiet strict build the engine's top logger
    ('mkdocs', or ProperDocs' 'properdocs') lets warnings through again, its console handlers
    stay at ERROR (still quiet), and this handler keeps the warnings of everything but govnews
    (which reports its own) for the failure message."""

    def __init__(self, logger: logging.Logger) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []
        self.logger = logger
        self.restore: list[tuple[logging.Handler | logging.Logger, int]] = []

    @classmethod
    def install(cls) -> "_QuietStrict | None":
        logger = logging.getLogger("mkdocs")
        while isinstance(logger.parent, logging.Logger) and logger.parent is not logging.root:
            logger = logger.parent   # ProperDocs logs to 'properdocs', 'mkdocs' is its child
        if logger.isEnabledFor(logging.WARNING):
            return None   # not quiet: MkDocs shows and counts its warnings itself
        self = cls(logger)
        self.restore.append((logger, logger.level))
        for handler in logger.handlers:
            if isinstance(handler, logging.StreamHandler) and handler.level < logging.ERROR:
                self.restore.append((handler, handler.level))
                handler.setLevel(logging.ERROR)
        logger.setLevel(logging.WARNING)
        logger.addHandler(self)
        return self

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno == logging.WARNING and not record.name.startswith(log.name):
            self.records.append(record.getMessage())

    def remove(self) -> None:
        self.logger.removeHandler(self)
        for target, level in self.restore:
            target.setLevel(level)


def _unmodified() -> bool:
    return False


def _theme_context(config) -> tuple:
    """What the theme's rendering of a generated page depends on besides the page: the nav,
    mkdocs.yml and the theme's override files (`serve --watch-theme` rebuilds on their edits)."""
    paths = [config.config_file_path] if config.config_file_path else []
    custom = config.theme.custom_dir
    if custom and os.path.isdir(custom):
        for root, dirs, names in os.walk(custom):
            dirs.sort()
            paths += [os.path.join(root, n) for n in sorted(names)]
    sig: list = [repr(config.nav)]
    for path in paths:
        st = os.stat(path)
        sig.append((path, st.st_mtime_ns, st.st_size))
    return tuple(sig)


def _without(nav, dropped: set[str]):
    """mkdocs.yml's nav without the entries naming `dropped` pages (and sections left empty)."""
    if isinstance(nav, str):
        return None if nav in dropped else nav
    if isinstance(nav, dict):
        out = {k: _without(v, dropped) for k, v in nav.items()}
        out = {k: v for k, v in out.items() if v not in (None, [])}
        return out or None
    if isinstance(nav, list):
        return [x for x in (_without(v, dropped) for v in nav) if x not in (None, [], {})]
    return nav


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
