"""The office's page /audit/: the column-update audit (govnews.checks.audit) as a page of
the site, for the editors' preview and, when `audit.page` is on, the built site."""

from __future__ import annotations

import os

from govnews.checks.audit import AUDIT_URL, Thresholds, run_audit
from govnews.common.urls import rel
from govnews.site.render import TEMPLATES, esc


def write_page(site, site_dir: str, th: Thresholds) -> str:
    """/audit/ from the page shell: not in the nav, the sitemap or the search index, and
    marked noindex. Returns the file written."""
    audit = run_audit(site.catalog, site.vocabs, site.settings, th)
    content = TEMPLATES.get_template("audit.html").render(audit=audit, th=th, u=lambda t: rel(t, AUDIT_URL))
    base = site.settings.site_url.rstrip("/") + "/" if site.settings.site_url else ""
    html = site.page_shell.fill(AUDIT_URL, title_html="栏目更新检查",
                                head_html='<meta name="robots" content="noindex, nofollow">',
                                content_html=content, canonical=esc(base + AUDIT_URL))
    folder = os.path.join(site_dir, AUDIT_URL)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "index.html")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(html)
    return path
