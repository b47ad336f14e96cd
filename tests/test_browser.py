"""The built sample site in Debian's Chromium, served by the shipped nginx configuration.

Each page kind at desktop and phone size: loads without console errors, CSP violations,
failed requests or horizontal scrolling; Material's own scripts ran under the CSP.
Screenshots go to test-output/screenshots/ for a human to look at.
"""

from __future__ import annotations

import gzip
import re

import pytest

from browser_support import (  # noqa: F401 (fixtures)
    PageLog,
    browser,
    browser_site,
    new_page,
    sample_urls,
    screenshot,
    served,
)

KINDS = ("home", "topic", "town", "article", "archive", "topics")


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("kind", KINDS)
def test_page_renders_cleanly(served, browser, kind, viewport):
    url = sample_urls(served.site)[kind]
    log = PageLog()
    page = new_page(browser, viewport, log)
    try:
        response = page.goto(served.url(url), wait_until="load")
        assert response is not None and response.status == 200
        page.wait_for_timeout(200)  # let Material's bundle settle (timers, not timing a test)
        screenshot(page, f"{kind}-{viewport}")
        assert log.problems() == [], f"{kind} ({viewport}): {log.problems()}"
        # Material's inline bootstrap and its bundle both ran under the CSP
        assert page.evaluate("typeof __md_get === 'function' && typeof document$ === 'object'")
        assert page.locator("h1").first.is_visible()
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{kind} scrolls sideways by {overflow}px at {viewport}"
    finally:
        page.context.close()


def test_article_page_content(served, browser):
    page = new_page(browser, "desktop")
    try:
        page.goto(served.url(sample_urls(served.site)["article"]))
        header = page.locator(".gn-article-header")
        assert header.locator("h1.gn-title").is_visible()
        assert header.locator(".gn-breadcrumbs a").first.inner_text() == "首页"
        # the body text sits in a readable measure and size (elderly readers)
        size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.gn-body p')).fontSize)")
        assert size >= 17
    finally:
        page.context.close()


def test_pagination_links_work(served, browser):
    page = new_page(browser, "desktop")
    try:
        page.goto(served.url("archive/"))
        # the busiest archive year has more than one page
        years = page.locator(".gn-overview > li > a")
        assert years.count() > 0
        page.goto(served.url(sample_urls(served.site)["topic"]))
        nxt = page.locator(".gn-pagination__next")
        assert nxt.count() == 1, "the browser test site paginates its first topic"
        nxt.click()
        page.wait_for_load_state("load")
        assert "/page/2/" in page.url
        assert page.locator(".gn-pagination [aria-current=page]").inner_text() == "2"
    finally:
        page.context.close()


def test_search_with_chinese_query_and_filter(served, browser):
    urls = sample_urls(served.site)
    assert "search" in urls, "the home page links the /search/ page"
    log = PageLog()
    page = new_page(browser, "desktop", log)
    try:
        page.goto(served.url("search/?q=" + "营商环境"))
        results = page.locator("[data-gn-results] > li")
        results.first.wait_for(timeout=20000)
        status = page.locator("[data-gn-status]")
        before = status.inner_text()
        found = int(re.search(r"\d+", before).group())
        assert found > 0
        screenshot(page, "search-desktop")
        # the rarest topic as filter: fewer results, at most that topic's article count
        boxes = page.locator("[data-gn-filter] .gn-facet__item")
        counts = [int(boxes.nth(i).locator("[data-gn-count]").inner_text()) for i in range(boxes.count())]
        rare = min((c, i) for i, c in enumerate(counts) if c > 0)[1]
        boxes.nth(rare).locator("input[type=checkbox]").check()
        page.wait_for_function("b => document.querySelector('[data-gn-status]').textContent !== b", arg=before,
                               timeout=20000)
        after = status.inner_text()
        match = re.search(r"\d+", after)
        filtered = int(match.group()) if match else 0
        assert filtered < found and filtered <= counts[rare], (before, after)
        assert log.problems() == []
    finally:
        page.context.close()


def test_nginx_headers_types_and_caching(served):
    status, headers, body = served.get("")
    assert status == 200
    assert headers["content-type"].startswith("text/html")
    assert headers["cache-control"] == "no-cache"
    csp = headers["content-security-policy"]
    assert "'wasm-unsafe-eval'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert "sha256-" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "server" not in headers or "nginx/" not in headers["server"]

    # compression
    status, headers, gz = served.get("", {"Accept-Encoding": "gzip"})
    assert headers.get("content-encoding") == "gzip" and gzip.decompress(gz) == body

    # hashed Material assets: cached for a year, still with security headers
    bundle = next(p for p in (served.site / "assets" / "javascripts").glob("bundle.*.min.js"))
    status, headers, _ = served.get(f"assets/javascripts/{bundle.name}")
    assert status == 200 and "immutable" in headers["cache-control"]
    assert headers["content-type"].startswith("application/javascript")
    assert "content-security-policy" in headers

    # directory URL without slash: a relative redirect
    article = sample_urls(served.site)["article"]
    status, headers, _ = served.get(article.rstrip("/"))
    assert status == 301 and headers["location"] == "/" + article

    # the custom 404 page, with status 404
    status, headers, body = served.get("no/such/page/")
    assert status == 404 and "content-security-policy" in headers
    assert body == (served.site / "404.html").read_bytes()

    # dotfiles are never served
    (served.site / ".secret").write_text("x")
    assert served.get(".secret")[0] == 403


def test_pagefind_files_get_binary_types(served):
    bundle = served.site / "pagefind"
    assert bundle.is_dir(), "every build writes the Pagefind bundle"
    for pattern, ctype, cache in (("*.pf_meta", "application/octet-stream", "immutable"),
                                  ("index/*.pf_index", "application/octet-stream", "immutable"),
                                  ("fragment/*.pf_fragment", "application/octet-stream", "immutable"),
                                  ("wasm.*.pagefind", "application/octet-stream", "no-cache"),
                                  ("pagefind.js", "application/javascript", "no-cache")):
        found = sorted(bundle.glob(pattern))
        assert found, pattern
        rel = found[0].relative_to(served.site).as_posix()
        status, headers, _ = served.get(rel, {"Accept-Encoding": "gzip"})
        assert status == 200, rel
        assert headers["content-type"].split(";")[0] == ctype, rel
        assert cache in headers["cache-control"], rel
        if ctype == "application/octet-stream":
            assert "content-encoding" not in headers, f"{rel} is gzip already"


def test_csp_blocks_injected_inline_script(served, browser):
    """The policy is real: an inline script not in the build is refused by Chromium."""
    probe = served.site / "csp-probe" / "index.html"
    probe.parent.mkdir(exist_ok=True)
    probe.write_text("<!doctype html><title>probe</title><h1>probe</h1>"
                     "<script>window.__injected = 1</script>", encoding="utf-8")
    log = PageLog()
    page = new_page(browser, "desktop", log)
    try:
        page.goto(served.url("csp-probe/"))
        assert page.evaluate("window.__injected") is None
        assert any("Content Security Policy" in m for m in log.console)
    finally:
        page.context.close()
