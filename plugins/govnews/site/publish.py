"""Publishing features of one build, behind one object the Site calls into.

<head> markup (government <meta>, Open Graph, JSON-LD, feed links), the policy card, FAQ,
related articles, the government footer, feeds, article sitemap dates; the policy library's
helpers its page kinds use (site/pages/library.py, policy.py).
Engine-independent: returns escaped HTML strings; writes files only in post_build.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

from govnews.common.diagnostics import WARNING, Problems
from govnews.common.text import format_cn_date
from govnews.common.urls import rel
from govnews.config.govsite import GovSiteInfo, load_site_info, site_domain
from govnews.config.settings import DOCUMENT_TYPE, Settings
from govnews.model import attachments
from govnews.model.catalog import Article, Catalog
from govnews.model.documents import build_documents
from govnews.model.facets import Facet, item_labels
from govnews.model.policy import POLICIES_PATH, PolicyIndex, build_policies
from govnews.site import faq, feeds, seo
from govnews.site.related import RelatedIndex
from govnews.site.render import TEMPLATES
from govnews.site.stats import STATS_URL
from govnews.site.views import View

# <meta name="ColumnType"> for pages of these article types (others: GovSiteInfo.column_type)
COLUMN_TYPES = {"政策解读": "政策解读", "通知公告": "通知公告", "政策文件": "政策文件"}
LIBRARY_FEED = f"{POLICIES_PATH}/feed.xml"   # the policy library's feed (newest documents)

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
        # when the site last changed: generated pages' and feeds' dates (never the clock)
        self.newest = max((seo.modified(a) for a in catalog.listed), default=None)
        # instants that stand for a partial date (the start of 2023, of 2024-10): a generated
        # page whose newest change is one gets that precision in the sitemap, not a made-up day
        self._partial_at = seo.partial_instants(catalog.listed)

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
                                                              f"（{art.date_cn}）", WARNING)
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

    def context(self, current: str, **extra) -> dict:
        def link(facet_name: str, key: str) -> str | None:
            facet = self.facets.get(facet_name)
            return facet.url(key) if facet is not None and key in facet.values else None

        ctx = {"u": lambda target: rel(target, current), "link": link,
               "item_meta": lambda art: item_labels(self.facets, art),
               "doc_rows": self.document_rows,
               "policies_url": self.policies.overview_url, "stats_url": STATS_URL}
        ctx.update(extra)
        return ctx

    def lastmod(self, art: Article) -> str | None:
        """Sitemap <lastmod> (ISO 8601) of an article; None when undated. Generated pages'
        dates come from their page kind (site/pages)."""
        return seo.modified_iso(art) if art.date else None

    def change_iso(self, when: datetime | None) -> str | None:
        """Sitemap <lastmod> of a generated page from its newest change (site/pages)."""
        return seo.change_iso(when, self._partial_at) if when else None

    def type_page(self, name: str) -> str:
        """The list page of an article type (the type facet's value), '' when it has none."""
        facet = self.facets.get("type")
        return facet.url(name) if facet is not None and name in facet.values else ""

    def type_search(self, name: str) -> str:
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
    def head(self, art: Article | None, view: View | None, crumbs=None, view_head: dict | None = None) -> str:
        """The <head> markup of an article or of a generated page (`view_head`: its kind's data)."""
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
            ctx.update(view_head or {})
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
            "modified": seo.modified_iso(art), "json_ld": json_ld,
            "feeds": [{"title": f"{self.settings.site_name}（RSS）", "url": feeds.SITE_FEED}, *feeds_],
        }

    # -- article decorations -----------------------------------------------------------
    def policy_card(self, art: Article) -> str:
        """Above the body: an explainer's card of its document, or a document's own header."""
        doc = self.policies.of_document(art)
        if doc is not None:
            return _env.get_template("document_header.html").render(self.context(art.url, pol=doc, doc=doc.document,
                                                                             art=art))
        pol = self.policies.of(art)
        if pol is None:
            return ""
        return _env.get_template("policy_card.html").render(self.context(art.url, pol=pol, art=art))

    def after_body(self, art: Article, html: str) -> str:
        """Below a document's body: its attachments (files its body links) and its explainers."""
        doc = self.policies.of_document(art)
        if doc is None:
            return ""
        return _env.get_template("document_footer.html").render(self.context(
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
        return _env.get_template("related.html").render(self.context(art.url, items=items))

    def footer_html(self) -> str:
        return _env.get_template("gov_footer.html").render(info=self.info, site_name=self.settings.site_name)

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
        feeds.write_feeds(site_dir, specs, self.settings.site_url, self.newest)  # never the clock
        seo.pin_sitemap_gz(site_dir, self.newest)

