"""Publishing features of one build, behind one object the Site calls into.

<head> markup (government <meta>, Open Graph, JSON-LD, feed links), the policy card, FAQ,
related articles, the government footer, policy and statistics pages, feeds, sitemap dates.
Engine-independent: returns escaped HTML strings; writes files only in post_build.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

from . import attachments, faq, feeds, seo
from .catalog import Article, Catalog
from .diagnostics import WARNING, Problems
from .documents import build_documents
from .facets import Facet, item_labels
from .govsite import GovSiteInfo, load_site_info, site_domain
from .policy import EXPLAINER_TYPE, POLICIES_PATH, PolicyIndex, build_policies
from .related import RelatedIndex
from .settings import DOCUMENT_TYPE, Settings
from .stats import STATS_URL, bar_chart, compute_stats, heat_map
from .text import format_cn_date
from .render import TEMPLATES
from .urls import rel
from .views import LIST, OVERVIEW, View

STATS = "stats"
POLICY = "policy"
POLICIES = "policies"
KINDS = (STATS, POLICY, POLICIES)
# <meta name="ColumnType"> for list pages of these article types (others: GovSiteInfo.column_type)
COLUMN_TYPES = {"政策解读": "政策解读", "通知公告": "通知公告", "政策文件": "政策文件"}
LIBRARY_FEED = f"{POLICIES_PATH}/feed.xml"   # the policy library's feed (newest documents)
# documents listed on /policies/ itself; the rest through its filters and the 政策文件 type pages
# (paginated by the facet engine), so the page stays small for a library of thousands
LIBRARY_LIMIT = 100

_env = TEMPLATES  # shared with render.py: one autoescaping environment
_env.filters["pubdate"] = seo.pub_date


def _cn_datetime(dt: datetime) -> str:
    """2024年6月1日, with the time when one was given (10:30)."""
    text = format_cn_date(dt)
    return text if (dt.hour, dt.minute) == (0, 0) else f"{text} {dt:%H:%M}"


_env.filters["cn_datetime"] = _cn_datetime


def _line(art: Article, key: str) -> int:
    """Line of a front-matter key when the catalog recorded it (Article.key_lines), else 1."""
    return (getattr(art, "key_lines", None) or {}).get(key, 1)


class Publishing:
    def __init__(self, settings: Settings, catalog: Catalog, facets: dict[str, Facet], problems: Problems):
        self.settings = settings
        self.keep_feeds = False   # build_site: true for `serve --dirty` rebuilds
        self.catalog = catalog
        self.facets = facets
        # site identity from mkdocs.yml `extra: govnews:` (checked into problems)
        self.info: GovSiteInfo = load_site_info(settings.site_extra, settings.config_path, problems)
        self.site_description = settings.site_description
        self._check_site_url(problems)
        self._check_updates(problems)
        self.documents = build_documents(catalog, problems, settings.now)
        self.policies: PolicyIndex = build_policies(catalog, self.documents, problems)
        self.related = RelatedIndex(facets, {url: p.explainers for url, p in self.policies.by_article.items()})
        self.views = [View(STATS, STATS_URL, "统计")]
        if not self.policies.empty:   # the library, once there is a document to list
            self.views.append(View(POLICIES, f"{POLICIES_PATH}/", "政策文件"))
        self.views += [View(POLICY, p.url, p.title, key=p.key) for p in self.policies.policies.values()]
        self._views_by_url = {v.url: v for v in self.views}
        self._newest = max((seo.modified(a) for a in catalog.listed), default=None)

    # -- configuration ---------------------------------------------------------------
    def _check_site_url(self, problems: Problems) -> None:
        url = self.settings.site_url
        if not url:
            problems.add("mkdocs.yml", 1, "缺少 site_url（站点正式网址，如 https://www.example.gov.cn/）："
                                          "订阅源、站点地图和结构化数据都需要完整网址")
        elif not url.startswith(("https://", "http://")):
            problems.add("mkdocs.yml", 1, f"site_url「{url}」应以 https:// 或 http:// 开头")

    def _check_updates(self, problems: Problems) -> None:
        for art in self.catalog.articles:
            if not art.listed or art.date is None:
                continue
            if art.updated is not None and art.updated < art.date:
                problems.add(art.path, _line(art, "updated"), f"updated（{format_cn_date(art.updated)}）早于发布日期 date"
                                                              f"（{format_cn_date(art.date)}）", WARNING)
            elif art.updated is not None and art.updated > self.settings.now and not art.future:
                problems.add(art.path, _line(art, "updated"), f"updated（{format_cn_date(art.updated)}）还没有到：更新日期写"
                                                              f"已经做过的更新那天（写将来的日期算伪造日期）", WARNING)
            if art.update_note and art.updated is None:
                problems.add(art.path, _line(art, "update_note"), "写了 update_note（更新说明）却没有 updated（更新日期）",
                             WARNING)

    # -- helpers ---------------------------------------------------------------------
    def absolute(self, url: str) -> str:
        return seo.absolute(self.settings.site_url, url)

    _abs = absolute

    def _ctx(self, current: str, **extra) -> dict:
        def link(facet_name: str, key: str) -> str | None:
            facet = self.facets.get(facet_name)
            return facet.url(key) if facet is not None and key in facet.values else None

        ctx = {"u": lambda target: rel(target, current), "link": link,
               "item_meta": lambda art: item_labels(self.facets, art),
               "doc_rows": self.document_rows,
               "policies_url": self.policies.overview_url, "stats_url": STATS_URL}
        ctx.update(extra)
        return ctx

    def lastmod(self, art: Article | None = None, view: View | None = None) -> str | None:
        """Sitemap <lastmod> (ISO 8601) of an article or generated page; None when unknown."""
        if art is not None:
            return seo.modified(art).isoformat() if art.date else None
        if view is None or self._newest is None:
            return None
        if view.kind == LIST:
            items = view.items(self.settings.per_page)
        elif view.kind == POLICY:
            items = self.policies.policies[view.key].explainers
        elif view.kind == POLICIES:   # the library changes with its documents and their explainers
            pols = [*self.policies.documents, *self.policies.policies.values()]
            items = [*(p.document.art for p in self.policies.documents), *(a for p in pols for a in p.explainers[:1])]
        else:
            return self._newest.isoformat()
        return max(seo.modified(a) for a in items).isoformat() if items else self._newest.isoformat()

    def _type_page(self, name: str) -> str:
        """The list page of an article type (the type facet's value), '' when it has none."""
        facet = self.facets.get("type")
        return facet.url(name) if facet is not None and name in facet.values else ""

    def _type_search(self, name: str) -> str:
        """The search page narrowed to an article type (its filter is the facet's URL parameter)."""
        facet = self.facets.get("type")
        if facet is None or not facet.spec.search_filter or name not in facet.values:
            return ""
        return f"search/?{facet.name}={quote(name)}"

    def document_facets(self) -> list[Facet]:
        """The facets declared for policy documents (`types: [政策文件]`) that have values,
        except date facets: the library's filters and a document's header rows."""
        return [f for f in self.facets.values()
                if DOCUMENT_TYPE in f.spec.types and not f.spec.levels and not f.blank]

    def document_rows(self, art: Article) -> list[tuple[str, list[tuple[str, str | None]]]]:
        """(label, [(value, facet page URL or None)]) of a document in each document facet."""
        rows = []
        for facet in self.document_facets():
            values = [(k, facet.url(k) if k in facet.values else None) for k in facet.keys_of(art)]
            if values:
                rows.append((facet.spec.shown_label, values))
        return rows

    def library_filters(self) -> list[tuple[Facet, list]]:
        """The library's filter groups: each document facet's values with documents (and the
        date facets of documents: 年份), linking to the facet's pages."""
        groups = []
        for facet in self.facets.values():
            if DOCUMENT_TYPE in facet.spec.types and not facet.blank:
                values = [v for v in facet.values.values() if v.articles and v.parent is None]
                if values:
                    groups.append((facet, values))
        return groups

    # -- <head> ----------------------------------------------------------------------
    def head(self, art: Article | None, view: View | None, crumbs=None) -> str:
        site_name = self.settings.site_name
        ctx = {
            "site_name": site_name, "domain": site_domain(self.settings.site_url), "info": self.info,
            "art": None, "column": None, "feeds": [], "json_ld": [], "image": "",
            "title": site_name, "description": self.site_description, "url": self._abs(""),
            "keywords": [], "authors": "", "source": "",
        }
        current = ""
        site_feed = {"title": f"{site_name}（RSS）", "url": feeds.SITE_FEED}
        ctx["feeds"].append(site_feed)
        if art is not None and art.date is not None and art.listed:
            current = art.url
            ctx.update(self._article_head(art, crumbs or []))
        elif view is not None:
            current = view.url
            ctx.update(self._view_head(view))
        for f in ctx["feeds"]:
            f["href"] = rel(f["url"], current)
        return _env.get_template("publish_head.html").render(ctx).strip()

    def _article_head(self, art: Article, crumbs) -> dict:
        url = self._abs(art.url)
        image = seo.image_url(art, self.settings.site_url)
        publisher = self.info.sponsor or self.settings.site_name
        # the column: its type unless plain news, else the column its breadcrumbs name
        column_name = art.type if art.type != "新闻" else (crumbs[-2].label if len(crumbs) > 2 else "新闻")
        column_type = COLUMN_TYPES.get(art.type, self.info.column_type)
        trail = [(c.label, self._abs(c.url if c.url is not None else art.url)) for c in crumbs]
        doc = self.policies.of_document(art)
        if doc is not None:   # a policy document: schema.org Legislation
            data = seo.legislation(doc.document, url, self._abs(""), publisher,
                                   replaces=[self._abs(d.art.url) for d in doc.document.predecessors])
        else:
            data = seo.news_article(art, url, self._abs(""), publisher, image)
            pol = self.policies.of(art)
            if pol is not None:   # what the explainer is about
                data["about"] = seo.legislation_ref(pol, self._abs(pol.url), pol.link)
        json_ld = [seo.json_for_script(data)]
        if trail:
            json_ld.append(seo.json_for_script(seo.breadcrumb_list(trail)))
        feeds_ = []
        for facet in self.facets.values():   # feeds of the columns it sits in (facets with breadcrumbs)
            if not facet.spec.breadcrumbs:
                continue
            key = next((k for k in facet.keys_of(art) if k in facet.values), None)
            href = feeds.feed_for_page(facet, key) if key else None
            if href:
                feeds_.append({"title": f"{facet.values[key].label}（RSS）", "url": href})
        return {
            "art": art, "title": art.title, "description": art.excerpt, "url": url, "image": image,
            "column": {"name": column_name, "type": column_type, "description": ""},
            "keywords": seo.keywords(art), "authors": "、".join(art.author_names),
            "source": art.source or ("、".join(doc.document.issuers) if doc is not None else "") or publisher,
            "modified": seo.modified(art), "json_ld": json_ld,
            "feeds": [{"title": f"{self.settings.site_name}（RSS）", "url": feeds.SITE_FEED}, *feeds_],
        }

    def _view_head(self, view: View) -> dict:
        out: dict = {"title": view.title, "url": self._abs(view.url)}
        if view.kind in (LIST, OVERVIEW) and view.facet is not None:
            facet = view.facet
            value = facet.values.get(view.key) if view.kind == LIST else None
            kind = COLUMN_TYPES.get(view.key, self.info.column_type)   # a 政策解读 / 通知公告 column
            out["column"] = {"name": value.label if value else facet.spec.title, "type": kind,
                             "description": value.description if value else ""}
            if value is not None:
                out["description"] = value.description or f"{value.label}的文章"
                href = feeds.feed_for_page(facet, view.key)
                if href:
                    out["feeds"] = [{"title": f"{self.settings.site_name}（RSS）", "url": feeds.SITE_FEED},
                                    {"title": f"{value.label}（RSS）", "url": href}]
        elif view.kind == STATS:
            titles = "、".join(f"各{f.spec.title}" for f in self.facets.values() if f.spec.stats)
            out["column"] = {"name": "统计", "type": "数据发布", "description": f"{titles}每月发稿数量" if titles else "每月发稿数量"}
        elif view.kind in (POLICY, POLICIES):
            out["column"] = {"name": "政策文件", "type": "政策文件" if view.kind == POLICIES else "政策解读",
                             "description": "本站发布的政策文件及其解读" if view.kind == POLICIES else ""}
            if view.kind == POLICIES and self.policies.documents:
                out["feeds"] = [{"title": f"{self.settings.site_name}（RSS）", "url": feeds.SITE_FEED},
                                {"title": "政策文件（RSS）", "url": LIBRARY_FEED}]
            if view.kind == POLICY:
                out["feeds"] = [{"title": f"{self.settings.site_name}（RSS）", "url": feeds.SITE_FEED}]
                href = feeds.feed_for_page(self.facets.get("type"), EXPLAINER_TYPE)
                if href:
                    out["feeds"].append({"title": f"{EXPLAINER_TYPE}（RSS）", "url": href})
        return out

    # -- article decorations -----------------------------------------------------------
    def policy_card(self, art: Article) -> str:
        """Above the body: an explainer's card of its document, or a document's own header."""
        doc = self.policies.of_document(art)
        if doc is not None:
            return _env.get_template("document_header.html").render(self._ctx(art.url, pol=doc, doc=doc.document,
                                                                             art=art))
        pol = self.policies.of(art)
        if pol is None:
            return ""
        return _env.get_template("policy_card.html").render(self._ctx(art.url, pol=pol, art=art))

    def after_body(self, art: Article, html: str) -> str:
        """Below a document's body: its attachments (files its body links) and its explainers."""
        doc = self.policies.of_document(art)
        if doc is None:
            return ""
        return _env.get_template("document_footer.html").render(self._ctx(
            art.url, pol=doc, art=art, files=attachments.with_sizes(attachments.find(html), art.url,
                                                                     self.settings.docs_dir)))

    def body(self, art: Article, html: str) -> str:
        """The article body with Q&A turned into a FAQ block (+ FAQPage JSON-LD)."""
        new, pairs = faq.faq_html(html)
        if not pairs:
            return html
        return new + f'<script type="application/ld+json">{seo.json_for_script(seo.faq_page(pairs))}</script>'

    def related_html(self, art: Article) -> str:
        items = self.related.related(art)
        if not items:
            return ""
        return _env.get_template("related.html").render(self._ctx(art.url, items=items))

    def footer_html(self) -> str:
        return _env.get_template("gov_footer.html").render(info=self.info, site_name=self.settings.site_name)

    # -- generated pages ----------------------------------------------------------------
    def render_view(self, view: View) -> str:
        if view.kind == STATS:
            return self._stats(view)
        if view.kind == POLICIES:
            return _env.get_template("policies.html").render(self._ctx(
                view.url, view=view, documents=self.policies.documents, filters=self.library_filters(),
                policies=list(self.policies.policies.values()), limit=LIBRARY_LIMIT,
                all_url=self._type_page(DOCUMENT_TYPE), search_url=self._type_search(DOCUMENT_TYPE)))
        if view.kind == POLICY:
            pol = self.policies.policies[view.key]
            return _env.get_template("policy_page.html").render(self._ctx(view.url, view=view, pol=pol))
        raise ValueError(view.kind)

    def _stats(self, view: View) -> str:
        st = compute_stats(self.catalog, self.facets)
        ctx = self._ctx(view.url, view=view, st=st, trend=None, sections=[],
                        month_titles=[f"{y}年{m}月" for y, m in st.months])
        if st.total:
            ctx["trend"] = bar_chart(st.trend_months, st.trend)
            ctx["sections"] = [(sec, heat_map(sec.months, st.months)) for sec in st.sections if sec.months]
        return _env.get_template("stats.html").render(ctx)

    # -- whole-site outputs --------------------------------------------------------------
    def post_build(self, site_dir: str) -> None:
        if not self.settings.site_url:
            return  # reported as a problem; feeds need absolute URLs
        if self.keep_feeds:
            return  # a `mkdocs serve --dirty` rebuild: the session's first feeds stay (a preview)
        specs = feeds.feed_specs(self.settings.site_name, self.site_description, self.catalog.listed, self.facets)
        if self.policies.documents:   # the library's feed; no feed for a library without documents
            docs = [p.document.art for p in self.policies.documents[:feeds.FEED_SIZE]]
            specs.append(feeds.FeedSpec(LIBRARY_FEED, f"{POLICIES_PATH}/", f"政策文件 - {self.settings.site_name}",
                                        f"{self.settings.site_name}：最新发布的政策文件", docs))
        feeds.write_feeds(site_dir, specs, self.settings.site_url, self._newest)  # never the clock
        seo.pin_sitemap_gz(site_dir, self._newest)

