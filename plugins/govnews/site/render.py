"""HTML for generated pages and article decorations, from Jinja templates with autoescape.

Every value an editor wrote (titles, names, summaries, vocabulary entries) passes through
here escaped; MkDocs' own Jinja environment does not autoescape, so nothing editor-written
is handed to it raw.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from govnews.common.text import format_cn_date
from govnews.common.urls import rel, root_prefix
from govnews.config.settings import Settings
from govnews.model.catalog import Article, Catalog
from govnews.model.facets import Facet, item_labels

_env = Environment(
    loader=PackageLoader("govnews.site", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=StrictUndefined,
    keep_trailing_newline=False,
    auto_reload=False,   # templates ship with the package: no stat() per page
)
_env.filters["cn_date"] = format_cn_date
_env.filters["iso"] = lambda dt: dt.isoformat() if dt else ""
TEMPLATES = _env  # the one template environment of the core (autoescaping)

# Stands for "the way back to the site root" in cached fragments; replaced per page.
ROOT_MARK = "\x1fROOT\x1f"


def esc(value: object) -> str:
    """Escape a value for MkDocs/Material templates, which print page.title etc. raw."""
    return escape(str(value), quote=True)


@dataclass
class Crumb:
    label: str
    url: str | None  # site-relative; None for the current page


def page_window(page: int, pages: int, around: int = 2) -> list[int]:
    """Page numbers a pager shows: first, last and `around` either side of the current one,
    with 0 for a gap. Bounded, so a 4,000-page list does not put 4,000 links on every page."""
    shown = sorted({1, pages, *range(max(1, page - around), min(pages, page + around) + 1)})
    out: list[int] = []
    for p in shown:
        if out and p - out[-1] > 1:
            out.append(0)
        out.append(p)
    return out


class Renderer:
    """Renders article lists and decorations for one build (page kinds: site/pages)."""

    def __init__(self, catalog: Catalog, facets: dict[str, Facet], settings: Settings):
        self.catalog = catalog
        self.facets = facets
        self.settings = settings
        self._crumb_facets = sorted((f for f in facets.values() if f.spec.breadcrumbs),
                                    key=lambda f: f.spec.breadcrumbs)
        self._columns: dict[str, tuple[Facet, str]] = {}
        self._neighbors = self._column_neighbors()
        self._items: dict[str, str] = {}
        self._macros = _env.get_template("_macros.html").make_module(
            {"u": lambda target: ROOT_MARK + target, "item_meta": self.item_meta})

    def items_html(self, arts: list[Article], current: str, heading: str = "h2") -> Markup:
        """A list of articles; each item is rendered once per build and reused on every
        list page it appears on (an article is listed on ~10 facet pages)."""
        if not arts:
            return Markup('<p class="gn-empty">暂无文章。</p>')
        parts = ['<ol class="gn-list">']
        for art in arts:
            key = art.url + heading
            item = self._items.get(key)
            if item is None:
                item = self._items[key] = str(self._macros.article_item(art, heading))
            parts.append(item)
        parts.append("</ol>")
        return Markup("".join(parts).replace(ROOT_MARK, root_prefix(current)))

    def item_meta(self, art: Article) -> list[str]:
        return item_labels(self.facets, art)

    # -- links -------------------------------------------------------------------------
    def value_link(self, facet_name: str, key: str) -> str | None:
        facet = self.facets.get(facet_name)
        if facet is None or key not in facet.values:
            return None
        return facet.url(key)

    def column_of(self, art: Article) -> tuple[Facet, str] | None:
        """The column an article sits in: its first value in the first facet, by breadcrumbs
        priority, where it has one. Breadcrumbs, prev/next and the article's feed links follow it."""
        for facet in self._crumb_facets:
            for key in facet.keys_of(art):
                if key in facet.values:
                    return facet, key
        return None

    def _column_neighbors(self) -> dict[str, tuple[Article | None, Article | None]]:
        """(older, newer) article in each article's column, one pass over the lists."""
        result: dict[str, tuple[Article | None, Article | None]] = {}
        for art in self.catalog.listed:
            column = self.column_of(art)
            if column is not None:
                self._columns[art.url] = column
        for facet in self._crumb_facets:
            for key, value in facet.values.items():
                arts = value.articles
                for i, art in enumerate(arts):
                    column = self._columns.get(art.url)
                    if column is not None and column[0] is facet and column[1] == key:
                        older = arts[i + 1] if i + 1 < len(arts) else None
                        newer = arts[i - 1] if i > 0 else None
                        result[art.url] = (older, newer)
        return result

    def context(self, current: str, **extra) -> dict:
        ctx = {
            "u": lambda target: rel(target, current),
            "link": self.value_link,
            "items_html": lambda arts, heading="h2": self.items_html(arts, current, heading),
            "per_page": self.settings.per_page,
        }
        ctx.update(extra)
        return ctx

    # -- articles ----------------------------------------------------------------------
    def article_crumbs(self, art: Article) -> list[Crumb]:
        crumbs = [Crumb("首页", "")]
        column = self._columns.get(art.url) or self.column_of(art)
        if column is not None:
            facet, key = column
            crumbs += [Crumb(facet.spec.title, facet.overview_url), Crumb(facet.values[key].label, facet.url(key))]
        crumbs.append(Crumb(art.title, None))
        return crumbs

    def article_facets(self, art: Article) -> tuple[list, list]:
        """(rows, chips) of the article header, from the facets' `header` option: a row is
        (label, [(prefix, text, url or None)]), a chip list (facet, [(text, url or None)])."""
        rows, chips = [], []
        for facet in self.facets.values():
            spec = facet.spec
            if spec.header == "none":
                continue
            if spec.field == "author":   # bylines keep their roles: 记者 何晓丹
                items = [(a.role, a.name) for a in art.authors]
            else:
                items = [("", k) for k in facet.keys_of(art)]
            if not items:
                continue
            linked = [(role, name, facet.url(name) if name in facet.values else None) for role, name in items]
            if spec.header == "meta":
                rows.append((spec.shown_label, linked))
            else:
                chips.append((facet, [(name, url) for _role, name, url in linked]))
        return rows, chips

    def article_header(self, art: Article) -> str:
        rows, chips = self.article_facets(art)
        return _env.get_template("article_header.html").render(self.context(
            art.url, art=art, crumbs=self.article_crumbs(art), rows=rows, chips=chips))

    def article_footer(self, art: Article) -> str:
        older, newer = self._neighbors.get(art.url, (None, None))
        column = self._columns.get(art.url)
        return _env.get_template("article_footer.html").render(self.context(
            art.url, art=art, older=older, newer=newer,
            column_label=column[0].spec.shown_label if column else ""))
