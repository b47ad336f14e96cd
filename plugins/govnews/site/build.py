"""One build of the site, engine-independent: vocabularies → catalog → facets → views.

An engine adapter (engine/mkdocs_plugin.py for MkDocs; its duties: engine/contract.py) asks a Site for each page's source, title/meta and
final HTML; nothing here knows about MkDocs. List pages (most generated pages) are not
engine pages at all: they are written in post_build from one page shell (shell.py).
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass, field

from govnews.checks import bodysafety
from govnews.checks.articles import ARTICLE_CHECKS
from govnews.checks.links import unlink, unpublished_links
from govnews.checks.wording import check_catalog as check_wording
from govnews.common.diagnostics import Problems
from govnews.config.options import PREFIX, facet_option_line
from govnews.config.settings import DEFAULT_FACETS, Settings
from govnews.model.catalog import Article, Catalog, ParseCache, build_catalog, read_body
from govnews.model.facets import Facet, build_facets
from govnews.model.policy import POLICIES_PATH
from govnews.model.vocab import Vocabularies, load_facet_vocabularies
from govnews.perf import background
from govnews.perf.ahead import Ahead
from govnews.search import SearchIndexer
from govnews.site import shell
from govnews.site.bodyimages import lazy_images
from govnews.site.pages import PageContext, PageKinds
from govnews.site.publish import Publishing
from govnews.site.render import Renderer, esc
from govnews.site.signoff import mark_signoff
from govnews.site.views import LIST, View

__all__ = ["Settings", "Site", "Session", "build_site", "PageInfo", "ParseCache"]

SHELL_SRC = shell.SHELL_URL + "index.md"
log = logging.getLogger("mkdocs.plugins.govnews")
_BODY, _HEAD, _FIELDS = range(3)   # the pieces of an article that ahead.py makes (Site._article_parts)


class Session:
    """What one `mkdocs serve` session keeps between rebuilds (a build uses a fresh one)."""

    def __init__(self) -> None:
        self.parse_cache = ParseCache()
        self.list_memo: dict = {}   # fingerprints of written list pages
        self.item_prints: dict = {}  # url → fingerprint of an article as a list item (see _item_prints)
        self.engine_memo: dict = {}  # src → fingerprint of generated pages the engine rendered
        self.builds = 0


@dataclass
class PageInfo:
    title: str
    meta: dict = field(default_factory=dict)   # raw values; the adapter escapes them
    canonical_url: str | None = None            # override of the engine's canonical URL


@dataclass(repr=False)   # its repr would print every article once per list it is on
class Site:
    settings: Settings
    vocabs: Vocabularies
    catalog: Catalog
    facets: dict[str, Facet]
    views: list[View]
    problems: Problems
    renderer: Renderer
    views_by_src: dict[str, View]
    page_shell: shell.PageShell | None = None
    publishing: Publishing | None = None   # feeds, SEO, policies, related (publish.py)
    kinds: PageKinds | None = None         # generated page kinds: render, head, lastmod (site/pages)
    search: SearchIndexer | None = None    # Pagefind index, fed as articles render (search/)
    engine_srcs: frozenset[str] = frozenset()  # list pages the engine must know (named in its nav)
    session: Session | None = None  # under `mkdocs serve --dirty`: what rebuilds reuse (memos)
    hidden_links: dict[str, set[str]] = field(default_factory=dict)  # src → URLs of unpublished articles it links
    editor_pages: frozenset[str] = frozenset()  # pages the editor wrote (docs/*.md): they win
    _view_html: dict[str, str] = field(default_factory=dict)     # generated pages rendered ahead
    _engine_pending: dict = field(default_factory=dict)          # engine_memo once written
    _list_writer: background.Child | None = None                 # writing the list pages meanwhile
    _ahead: Ahead | None = None                                  # articles' parts, made meanwhile
    _children: bool | None = None                                # see _children_help

    # -- what the engine publishes --------------------------------------------------------
    def generated_pages(self) -> list[str]:
        """Sources of the generated pages the engine must add (an editor's own page wins)."""
        return [v.src_uri for v in self.engine_views if v.src_uri not in self.editor_pages]

    def served_only(self, art: Article) -> bool:
        """Drafts, future-dated articles and unconfirmed dates: shown by `mkdocs serve`, never built."""
        return art.draft or art.future or not art.date_confirmed

    def unpublished_nav(self) -> set[str]:
        """Nav entries naming a facet page that is not published (a column without articles),
        the engine drops them from its nav, so no link leads to a blank column."""
        # (a default facet switched off counts: its pages are not published either)
        prefixes = tuple({f.path + "/" for f in (*self.settings.facets, *DEFAULT_FACETS)} | {POLICIES_PATH + "/"})
        return {p for p in self.settings.nav
                if p.startswith(prefixes) and p not in self.views_by_src and p not in self.editor_pages}

    def empty_vocabulary_terms(self) -> list:
        """Vocabulary entries no published article uses (its column is not published), as
        information for editors (`govnews check`)."""
        out = []
        for facet in self.facets.values():
            spec = facet.spec
            if not spec.vocabulary or spec.show_empty:
                continue
            vocab = self.vocabs.get(spec.vocabulary)
            if vocab.builtin or (spec.types and facet.blank):
                continue   # govnews' own list, or a facet of article types the site has none of
            for term in vocab.terms.values():
                if term.name not in facet.values:
                    out.append((vocab.path, term.line, f"{spec.title}「{term.name}」还没有已发布的文章：不生成它的页面和订阅源"))
        return out

    # -- what the engine renders ----------------------------------------------------------
    @property
    def engine_views(self) -> list[View]:
        """Generated pages the engine renders itself (home, overviews …)."""
        return [v for v in self.views if v.kind != LIST or v.src_uri in self.engine_srcs]

    @property
    def list_views(self) -> list[View]:
        """Facet value pages, written from the page shell in post_build."""
        return [v for v in self.views if v.kind == LIST and v.src_uri not in self.engine_srcs]

    def article(self, src: str) -> Article | None:
        return self.catalog.by_src.get(src)

    def page_source(self, src: str) -> str | None:
        """Markdown body for an article (released after use: read once), '' for a view."""
        art = self.catalog.by_src.get(src)
        if art is not None:
            body, art.body = art.body, None
            return body if body is not None else read_body(art)
        if src in self.views_by_src or src == SHELL_SRC:
            return ""
        return None

    def page_info(self, src: str) -> PageInfo | None:
        art = self.catalog.by_src.get(src)
        if art is not None:
            meta = {"description": art.excerpt}
            if art.authors:
                meta["author"] = "、".join(art.author_names)
            lastmod = self.publishing.lastmod(art) if self.publishing else None
            if lastmod:
                meta["lastmod"] = lastmod  # sitemap <lastmod> (overrides/sitemap.xml)
            return PageInfo(art.title, meta)
        view = self.views_by_src.get(src)
        if view is not None:
            lastmod = self.kinds.lastmod(view) if self.kinds else None
            return PageInfo(view.title, {"lastmod": lastmod} if lastmod else {})
        if src == SHELL_SRC:
            return PageInfo(shell.TITLE, {"description": shell.DESCRIPTION, "author": shell.AUTHOR},
                            canonical_url=shell.CANONICAL)
        return None

    def shell_article(self, src: str) -> bool:
        """Whether this article's page may be filled into the page shell (article_page) rather
        than rendered by the engine's theme; the engine adds its own conditions (no table of
        contents, outside the nav)."""
        art = self.catalog.by_src.get(src)
        return (self.settings.article_shell and bool(self.settings.site_url)
                and art is not None and art.listed and art.date is not None)

    def article_page(self, src: str, content_html: str) -> str:
        """An article's whole page: the page shell filled with its converted body (the HTML
        page_html returned), title, <head> extras, canonical URL, description and author."""
        art = self.catalog.by_src[src]
        if self.page_shell is None:
            raise shell.ShellError("the engine rendered an article before the page shell")
        return self.page_shell.fill(
            art.url,
            title_html=esc(art.title),
            head_html=self.head_html(src),
            content_html=content_html,
            canonical=esc(self._base_url() + art.url),
            # without their own, the site's (as the theme: site_description, site_author)
            description_html=esc(art.excerpt) if art.excerpt else None,
            author_html=esc("、".join(art.author_names)) if art.author_names else None,
        )

    def _base_url(self) -> str:
        return self.settings.site_url.rstrip("/") + "/" if self.settings.site_url else ""

    def page_html(self, src: str, html: str) -> str:
        art = self.catalog.by_src.get(src)
        if art is not None or (src not in self.views_by_src and src != SHELL_SRC):
            html = lazy_images(self._safe_body(src, art, html))   # an editor's page: no script reaches readers
        if art is not None:
            html = mark_signoff(html)   # 落款 flush right
            if src in self.hidden_links:
                html = unlink(html, art.url, self.hidden_links[src])
            if not art.listed or art.date is None:
                return html  # broken metadata was reported; keep the text visible
            ahead = self._ahead if self._ahead is not None and src in self._ahead else None
            if self.search is not None:
                self.search.add(art, html, ahead.part(src, _FIELDS) if ahead else None)
            header, card, footer, related = ahead.part(src, _BODY) if ahead else self._body_parts(art)
            p = self.publishing
            if p is not None:  # policy card, FAQ, related articles
                return (f'{header}{card}<div class="gn-body">{p.body(art, html)}</div>'
                        f'{p.after_body(art, html)}{footer}{related}')
            return f'{header}<div class="gn-body">{html}</div>{footer}'
        view = self.views_by_src.get(src)
        if view is not None:
            html = self._view_html.pop(src, None)
            return html if html is not None else self._render_view(view)
        if src == SHELL_SRC:
            return shell.CONTENT
        return html

    def _body_parts(self, art: Article) -> tuple[str, str, str, str]:
        """An article's header, policy card, footer and related articles: none depends on its body."""
        r, p = self.renderer, self.publishing
        if p is None:
            return r.article_header(art), "", r.article_footer(art), ""
        return r.article_header(art), p.policy_card(art), r.article_footer(art), p.related_html(art)

    def _article_parts(self, src: str) -> tuple:
        """What ahead.py makes of an article: _BODY, _HEAD and _FIELDS."""
        art = self.catalog.by_src[src]
        return (self._body_parts(art), self._head_html(src),
                self.search.fields(art) if self.search is not None else None)

    def _children_help(self) -> bool:
        """Whether forked children (background.py) may take work off the engine's core: not
        when a session's memos decide what is written (`mkdocs serve`), and not while Pagefind
        indexes during the render (an empty or stale shard cache: it needs the other core,
        and a first build measured slower with children than without)."""
        if self._children is None:
            self._children = (self.session is None and not self.settings.serving and background.available()
                              and (self.search is None or not self.search.streams_while_rendering()))
        return self._children

    def start_ahead(self, order: list[str]) -> None:
        """The engine will render the articles in `order`: have a child make their parts
        meanwhile (ahead.py), unless a session's memos are in play or no child can run."""
        if not self._children_help():
            return
        by_src = self.catalog.by_src
        order = [s for s in order if s in by_src and by_src[s].listed and by_src[s].date is not None]
        self._ahead = Ahead(order, self._article_parts, 3, self.settings.cache_path)

    def _render_view(self, view: View) -> str:
        return self.kinds.render(view)

    def unchanged_engine_pages(self, context: tuple) -> set[str]:
        """Under `mkdocs serve --dirty` rebuilds: the generated pages the engine renders (home,
        overviews, policy pages …) whose content, <head> and title are those it wrote last
        time, with the same site-wide context (the engine's: nav, config, theme; ours: every
        generated page's title, the footer). The engine may skip them. Their HTML is kept
        for page_html, so a page that did change is not rendered twice."""
        if self.session is None:
            return set()
        memo, pending = self.session.engine_memo, self._engine_pending
        srcs = self.generated_pages()
        site_wide = (context, self.footer_html(), tuple((s, self.views_by_src[s].title) for s in srcs))
        if self.session.builds < 2 or memo.get(None) != site_wide:
            memo.clear()   # every page is rendered again
        pending[None] = site_wide
        unchanged = set()
        for src in srcs:
            view = self.views_by_src[src]
            html = self._view_html[src] = self._render_view(view)
            key = pending[src] = (html, self.head_html(src), view.title)
            if memo.get(src) == key:   # (a changed site-wide context cleared the memo)
                unchanged.add(src)
            else:   # rendered again: the memo claims it once this build has written it
                memo.pop(src, None)
        return unchanged

    def _safe_body(self, src: str, art: Article | None, html: str) -> str:
        html, removed = bodysafety.clean_html(html)
        if removed and (art is None or not art.unsafe):   # not already reported with its line
            path = art.path if art is not None else os.path.relpath(os.path.join(self.settings.docs_dir, src))
            line = art.body_line if art is not None else 1
            self.problems.add(path, line, f"正文中有会运行脚本的内容（{'、'.join(dict.fromkeys(removed))}），"
                                          f"发布时已去掉：请删除")
        return html

    def footer_html(self) -> str:
        """The government footer (escaped HTML), printed by overrides/partials/footer.html."""
        return self.publishing.footer_html() if self.publishing is not None else ""

    def head_html(self, src: str) -> str:
        """Extra <head> markup for a page (escaped HTML). Publishing features add to it."""
        ahead = self._ahead
        if ahead is not None and src in ahead:
            return ahead.part(src, _HEAD)
        return self._head_html(src)

    def _head_html(self, src: str) -> str:
        if src == SHELL_SRC:
            return shell.HEAD
        parts: list[str] = []
        if self.publishing is not None:
            art = self.catalog.by_src.get(src)
            crumbs = self.renderer.article_crumbs(art) if art is not None and art.listed else None
            view = self.views_by_src.get(src)
            parts.append(self.publishing.head(art, view, crumbs, self.kinds.head(view) if view is not None else None))
        return "\n".join(parts)

    def sitemap_entries(self) -> list[tuple[str, str | None]]:
        """(absolute URL, lastmod) of pages the engine does not know (list pages), for
        overrides/sitemap.xml; the engine lists its own pages."""
        if self.publishing is None:
            return []
        return [(self.publishing.absolute(v.url), self.kinds.lastmod(v)) for v in self.list_views]

    def in_sitemap(self, src: str) -> bool:
        return src != SHELL_SRC

    def page_written(self, src: str, html: str, site_dir: str | None = None) -> None:
        """The engine's final HTML of a page (only the shell is kept). With the shell known,
        the list pages can be written: by a child on the other core while the engine renders
        the articles (background.py), unless a session's memo decides which to write."""
        if src == SHELL_SRC:   # the theme prints site_description and site_author as they are
            self.page_shell = shell.PageShell(html, self.settings.site_description, self.settings.site_author)
            if site_dir is not None and self._children_help():
                self._list_writer = background.start(lambda: self._write_lists(site_dir))

    # -- after the engine -----------------------------------------------------------------
    def post_build(self, site_dir: str) -> None:
        """Whole-site outputs after every engine page is written (list pages, feeds, search …)."""
        if self._ahead is not None:
            self._ahead.close()
            log.debug("govnews: %d 篇文章的页面部件由子进程预先生成", self._ahead.served)
            self._ahead = None
        self.write_list_pages(site_dir)
        if self.publishing is not None:
            self.publishing.post_build(site_dir)
        if self.search is not None:
            self.search.finish(site_dir)
        if self.session is not None:   # written: what unchanged_engine_pages compares with next time
            self.session.engine_memo.update(self._engine_pending)

    def _item_prints(self) -> dict:
        """url → what a list item shows of the article. Under `serve --dirty` an article whose
        print is as in the last build keeps the last build's object, so comparing list pages
        with the memo is mostly identity checks (2,500 pages × 20 items at 5,000 articles)."""
        old = self.session.item_prints if self.session is not None else {}
        prints = {}
        for a in self.catalog.listed:
            fp = (a.url, a.title, a.date, a.excerpt, tuple(a.terms.items()), a.draft)
            last = old.get(a.url)
            prints[a.url] = last if last == fp else fp
        if self.session is not None:
            self.session.item_prints = prints
        return prints

    def _list_fingerprint(self, view: View, item_prints: dict) -> tuple:
        value = view.facet.values[view.key]
        items = tuple(item_prints[a.url] for a in view.items(self.settings.per_page))
        children = tuple((k, view.facet.values[k].count) for k in value.children)
        return (view.title, view.page, view.pages, value.count, value.description, children, items)

    def write_list_pages(self, site_dir: str) -> None:
        shutil.rmtree(os.path.join(site_dir, shell.SHELL_URL.split("/")[0]), ignore_errors=True)
        writer, self._list_writer = self._list_writer, None
        if writer is not None and writer.succeeded():
            log.debug("govnews: 列表页由子进程写出")
            return
        self._write_lists(site_dir)   # no child, or it failed: here, where errors are reported

    def _write_lists(self, site_dir: str) -> None:
        if self.page_shell is None:
            raise shell.ShellError("the engine never rendered the page shell")
        base = self._base_url()
        made: set[str] = set()
        memo = self.session.list_memo if self.session is not None else None
        context = (site_dir, self.page_shell.signature, self._base_url())
        if memo is not None and memo.get(None) != context:
            memo.clear()   # another output directory, nav or theme: every page is written again
        item_prints = self._item_prints() if memo is not None else {}
        for view in self.list_views:
            if memo is not None:
                # under `mkdocs serve`: skip pages whose articles and numbering are unchanged
                # (the memo is this output directory's, which only this session writes)
                key = self._list_fingerprint(view, item_prints)
                if memo.get(view.url) == key:
                    continue
            html = self.page_shell.fill(
                view.url,
                title_html=esc(view.title),
                head_html=self.head_html(view.src_uri),
                content_html=self.kinds.render(view),
                canonical=esc(base + view.url),
            )
            folder = os.path.join(site_dir, view.url)
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            with open(os.path.join(folder, "index.html"), "w", encoding="utf-8") as fh:
                fh.write(html)
            if memo is not None:
                memo[view.url] = key
        if memo is not None:
            memo[None] = context


def build_site(sources, settings: Settings, editor_pages=frozenset(), session: Session | None = None) -> Site:
    """One build, whole: everything a Site holds is decided here from the settings, the
    article sources, the pages the editor wrote and (under `mkdocs serve`) the session."""
    editor_pages = frozenset(editor_pages)
    session = session or Session()
    first_build = session.builds == 0
    session.builds += 1
    cache = session.parse_cache if settings.serving else None
    problems = Problems()
    vocabs = load_facet_vocabularies(settings.vocab_path, settings.facets, problems, _display(settings))
    _check_facet_types(settings, vocabs, problems)
    if cache is not None:
        cache.validate(_vocab_signature(settings.vocab_path))
    catalog = build_catalog(sources, vocabs, settings, problems, cache, checks=ARTICLE_CHECKS)
    check_wording(catalog, vocabs, settings.vocab_path, problems, _display(settings), cache)  # 表述错误
    hidden_links = {} if settings.include_drafts else unpublished_links(catalog, problems)
    facets = build_facets(catalog, vocabs, settings)
    has_home = not settings.home or "index.md" in editor_pages
    renderer = Renderer(catalog, facets, settings)
    publishing = Publishing(settings, catalog, facets, problems)
    publishing.keep_feeds = settings.serving and settings.dirty and not first_build
    kinds = PageKinds(PageContext(settings, catalog, facets, renderer, publishing, home=not has_home))
    views = kinds.views()
    # `mkdocs serve --dirty` renders only changed pages: an index fed with those alone would
    # lose the rest, so rebuilds keep the search index of the session's first build.
    search_now = settings.search and (first_build or not (settings.serving and settings.dirty))
    views_by_src = {v.src_uri: v for v in views}
    return Site(settings, vocabs, catalog, facets, views, problems, renderer, views_by_src,
                publishing=publishing, kinds=kinds,
                search=SearchIndexer(catalog, facets, settings.search_shard_size, settings.cache_path)
                if search_now else None,
                engine_srcs=frozenset(p for p in settings.nav if p in views_by_src),
                session=session if settings.serving and settings.dirty else None,
                editor_pages=editor_pages, hidden_links=hidden_links)


def _check_facet_types(settings: Settings, vocabs: Vocabularies, problems: Problems) -> None:
    """A facet's `types:` must name article types (a misspelt one would match no article)."""
    kind = next((s.vocabulary for s in settings.facets if s.name == "type" and s.vocabulary), None)
    if kind is None:
        return
    vocab = vocabs.get(kind)
    for spec in settings.facets:
        for name in spec.types:
            if vocab.resolve(name) is None and spec not in DEFAULT_FACETS:
                path, line = facet_option_line(settings.config_path, spec.name, "types")
                problems.add(path, line, f"{PREFIX}.facets[{spec.name}].types: 没有文章类型「{name}」{vocab.hint(name)}")


def _vocab_signature(vocab_dir: str) -> tuple:
    sig = []
    for name in sorted(os.listdir(vocab_dir)) if os.path.isdir(vocab_dir) else []:
        st = os.stat(os.path.join(vocab_dir, name))
        sig.append((name, st.st_mtime_ns, st.st_size))
    return tuple(sig)


def _display(settings: Settings) -> str:
    try:
        return os.path.relpath(settings.vocab_path)
    except ValueError:  # pragma: no cover
        return settings.vocab_path
