"""Machine-readable page data: government <meta> tags, Open Graph, JSON-LD.

Everything here returns plain values; templates/publish_head.html (autoescaped) prints them.
JSON-LD goes inside <script>, where HTML escaping does not apply, so json_for_script()
escapes the characters that could end the script element instead.
"""

from __future__ import annotations

import gzip
import json
import os
from datetime import datetime

from markupsafe import Markup

from govnews.common.text import DAY, iso_date
from govnews.model.catalog import Article

_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_for_script(data) -> Markup:
    """JSON safe inside <script type="application/ld+json">: no '</script>', no '<!--'."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for ch, repl in _SCRIPT_UNSAFE.items():
        text = text.replace(ch, repl)
    return Markup(text)


def absolute(site_url: str, url: str) -> str:
    """Site-relative URL → absolute (site_url is checked to be present and http(s))."""
    return site_url.rstrip("/") + "/" + url.lstrip("/")


def pub_date(value: datetime | Article) -> str:
    """PubDate as 《政府网站发展指引》 writes it: 2024-05-29 10:30; an article with a partial
    date gets what is known, 2024-10 or 2023 (never a placeholder day)."""
    if isinstance(value, Article):
        if value.date_partial:
            return value.date_iso
        value = value.date
    return value.strftime("%Y-%m-%d %H:%M")


def modified(art: Article) -> datetime:
    """When the article last changed, for ordering and feeds' lastBuildDate (a partial date:
    the start of its period)."""
    return art.updated if art.updated and art.date and art.updated > art.date else art.date


def modified_iso(art: Article) -> str:
    """dateModified / sitemap <lastmod>: `updated` when later, else the date with its precision."""
    if art.updated and art.date and art.updated > art.date:
        return art.updated.isoformat()
    return art.date_iso


def partial_instants(articles) -> dict[datetime, str]:
    """Change instants (seo.modified) that only partial dates give → their precision (the
    coarsest when two share one); an instant a full date also gives is a day, not listed."""
    found: dict[datetime, str] = {}
    full: set[datetime] = set()
    for art in articles:
        if art.date is None:
            continue
        when = modified(art)
        if art.date_partial and when == art.date:
            if found.get(when) != "year":
                found[when] = art.date_precision
        else:
            full.add(when)
    return {when: p for when, p in found.items() if when not in full}


def change_iso(when: datetime, partial_at: dict[datetime, str]) -> str:
    """ISO 8601 of a page's newest change, with a partial date's precision when it is one."""
    return iso_date(when, partial_at.get(when, DAY))


def keywords(art: Article) -> list[str]:
    """Front-matter keywords (list or 、/, separated text), then topics; no duplicates."""
    raw = art.extra.get("keywords")
    words: list[str] = []
    if isinstance(raw, list):
        words = [str(w).strip() for w in raw]
    elif raw not in (None, ""):
        words = [w.strip() for w in str(raw).replace("，", ",").replace("、", ",").split(",")]
    return list(dict.fromkeys(w for w in [*words, *art.topics] if w))


def image_url(art: Article, site_url: str) -> str:
    image = art.extra.get("image")
    if not isinstance(image, str) or not image.strip():
        return ""
    image = image.strip()
    if image.startswith(("https://", "http://")):
        return image
    if image.startswith("/"):
        return absolute(site_url, image)
    return absolute(site_url, art.url + image)  # relative to the article page


def news_article(art: Article, url: str, site_url: str, publisher: str, image: str = "") -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": art.title,
        "datePublished": art.date_iso,
        "dateModified": modified_iso(art),
        "mainEntityOfPage": url,
        "url": url,
        "inLanguage": "zh-CN",
        "author": [{"@type": "Person", "name": name} for name in art.author_names]
        or [{"@type": "Organization", "name": publisher}],
        "publisher": {"@type": "Organization", "name": publisher, "url": site_url},
    }
    if art.excerpt:
        data["description"] = art.excerpt
    if art.topics:
        data["articleSection"] = list(art.topics)
    words = keywords(art)
    if words:
        data["keywords"] = words
    if image:
        data["image"] = [image]
    return data


def breadcrumb_list(crumbs: list[tuple[str, str]]) -> dict:
    """crumbs: (label, absolute URL) from the home page to the current page."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": label, "item": url}
            for i, (label, url) in enumerate(crumbs, start=1)
        ],
    }


def faq_page(pairs: list[tuple[str, str]]) -> dict:
    """pairs: (question, answer) as plain text."""
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {"@type": "Question", "name": q, "acceptedAnswer": {"@type": "Answer", "text": a}}
            for q, a in pairs
        ],
    }


def pin_sitemap_gz(site_dir: str, newest: datetime | None) -> None:
    """Rewrite the engine's sitemap.xml.gz with the newest article's date in its gzip header
    (MkDocs stamps the day of the build there: two builds on different days would differ)."""
    plain = os.path.join(site_dir, "sitemap.xml")
    if not os.path.isfile(plain):
        return
    with open(plain, "rb") as fh:
        data = fh.read()
    mtime = int(newest.timestamp()) if newest is not None else 0
    with open(plain + ".gz", "wb") as raw, gzip.GzipFile("sitemap.xml", "wb", fileobj=raw, mtime=mtime) as gz:
        gz.write(data)


# schema.org legislationLegalForce of a document's 有效性 (documents.py)
_LEGAL_FORCE = {"有效": "https://schema.org/InForce", "修订": "https://schema.org/PartiallyInForce",
                "失效": "https://schema.org/NotInForce", "废止": "https://schema.org/NotInForce"}


def legislation(doc, url: str, site_url: str, publisher: str, replaces=()) -> dict:
    """A policy document (documents.Document) as schema.org Legislation. The document that
    replaces others names them (legislationChanges: amendment, replacement or repeal)."""
    art = doc.art
    data = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": art.title,
        "headline": art.title,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": "zh-CN",
        "datePublished": art.date_iso,
        "dateModified": modified_iso(art),
        "legislationPassedBy": [{"@type": "GovernmentOrganization", "name": name} for name in doc.issuers],
        "legislationLegalForce": _LEGAL_FORCE.get(doc.status, "https://schema.org/InForce"),
        "publisher": {"@type": "Organization", "name": publisher, "url": site_url},
    }
    if doc.number:
        data["legislationIdentifier"] = doc.number
    if doc.written:
        data["legislationDate"] = doc.written.date().isoformat()
    if doc.index_no:
        data["identifier"] = doc.index_no
    if doc.subject:
        data["about"] = {"@type": "Thing", "name": doc.subject}
    if doc.expired:
        data["expires"] = doc.expired.date().isoformat()
    if replaces:
        data["legislationChanges"] = [{"@type": "Legislation", "url": u} for u in replaces]
    if art.excerpt:
        data["description"] = art.excerpt
    return data


def legislation_ref(pol, url: str, original: str = "") -> dict:
    """What an explainer is about: its policy document (policy.Policy), briefly."""
    data = {"@type": "Legislation", "name": pol.title, "url": url}
    if pol.number:
        data["legislationIdentifier"] = pol.number
    if pol.issuer:
        data["legislationPassedBy"] = {"@type": "GovernmentOrganization", "name": pol.issuer}
    if original:
        data["sameAs"] = original
    return data
