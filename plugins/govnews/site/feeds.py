"""RSS 2.0 feeds (feedgen): the whole site, and every value of each facet with feed=True.

A value's feed lives beside its list page: topics/<slug>/feed.xml, towns/<slug>/feed.xml,
types/<slug>/feed.xml; the site feed is feed.xml. Each holds the newest FEED_SIZE articles.
lastBuildDate is the newest date (published or updated) in the feed — the site's newest for
a feed without articles, none on a site without any — never the clock, so an unchanged feed
is byte-identical from build to build.

An article with a partial date (date: 2023, date: 2024-10) has no <pubDate>: RSS 2.0 makes it
optional and an RFC 822 date needs a day, which the source does not give. Its item carries
<dc:date>2023</dc:date> (Dublin Core takes W3C Datetime, which allows a year or a year and
month) and sits in the feed where the site's lists put it: at the start of its period.
When the newest change in a feed is such an article, the feed has no lastBuildDate (optional
in RSS 2.0 too) rather than a made-up day.

Descriptions are plain text (summaries, excerpts). Feed readers render <description> as HTML,
so the text is HTML-escaped before feedgen XML-escapes it: `3<5` reads as 3<5, and a summary
with markup shows the markup as text.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from datetime import datetime

from feedgen.feed import FeedGenerator

from govnews.model.catalog import Article
from govnews.site.seo import absolute, modified

FEED_SIZE = 20
SITE_FEED = "feed.xml"


@dataclass
class FeedSpec:
    url: str                 # site-relative feed file, e.g. topics/wenhua/feed.xml
    page_url: str            # the HTML page it follows
    title: str
    description: str
    articles: list[Article]  # newest first, already cut to FEED_SIZE


def feed_specs(site_name: str, site_description: str, listed: list[Article], facets) -> list[FeedSpec]:
    specs = [FeedSpec(SITE_FEED, "", site_name, site_description or site_name, listed[:FEED_SIZE])]
    for facet in facets.values():
        if not facet.spec.feed:
            continue
        for key, value in facet.values.items():
            page = facet.url(key)
            specs.append(FeedSpec(page + "feed.xml", page, f"{value.label} - {site_name}",
                                  value.description or f"{site_name}：{value.label}的最新文章",
                                  value.articles[:FEED_SIZE]))
    return specs


def feed_for_page(facet, key: str) -> str | None:
    """Feed URL of a facet value's list pages, or None when the facet has no feeds."""
    if facet is None or not facet.spec.feed or key not in facet.values:
        return None
    return facet.url(key) + "feed.xml"


_LAST_BUILD = re.compile(rb"\s*<lastBuildDate>[^<]*</lastBuildDate>")


def render_feed(spec: FeedSpec, site_url: str, newest: datetime | None) -> bytes:
    """newest: the site's newest article date, for a feed that has no articles of its own."""
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.title(spec.title)
    fg.link(href=absolute(site_url, spec.url), rel="self")
    fg.link(href=absolute(site_url, spec.page_url), rel="alternate")  # last link = RSS <link>
    fg.description(html.escape(spec.description, quote=False))
    fg.language("zh-CN")
    last = max((modified(a) for a in spec.articles), default=newest)
    if spec.articles and _partial_last(spec.articles, last):
        last = None   # the newest change is a partial date: no invented day as lastBuildDate
    if last is not None:
        fg.lastBuildDate(last)
    for art in spec.articles:
        url = absolute(site_url, art.url)
        fe = fg.add_entry(order="append")
        fe.title(art.title)
        fe.link(href=url)
        fe.guid(url, permalink=True)
        if art.date_partial:
            fe.dc.dc_date(art.date_iso)   # 2023 / 2024-10: no invented day (see the module notes)
        else:
            fe.pubDate(art.date)
        if art.excerpt:
            fe.description(html.escape(art.excerpt, quote=False))
        if art.authors:
            fe.dc.dc_creator("、".join(str(a) for a in art.authors))
        for topic in art.topics:
            fe.category(term=topic)
    xml = fg.rss_str(pretty=True)
    # feedgen falls back to the clock: a site without articles gets no lastBuildDate at all
    return xml if last is not None else _LAST_BUILD.sub(b"", xml, count=1)


def _partial_last(articles: list[Article], last: datetime) -> bool:
    """The feed's newest change is an article's partial date (its start of period), not a day."""
    return any(a.date_partial and modified(a) == last and not (a.updated and a.updated > a.date) for a in articles)


def write_feeds(site_dir: str, specs: list[FeedSpec], site_url: str, newest: datetime | None) -> int:
    for spec in specs:
        path = os.path.join(site_dir, *spec.url.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(render_feed(spec, site_url, newest))
    return len(specs)
