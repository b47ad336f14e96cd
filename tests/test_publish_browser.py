"""适老化 / accessibility of the built sample site in a real browser (Debian's chromium via
playwright): the 无障碍 toolbar's text size is remembered across pages, text contrast is at
least 4.5:1, keyboard focus is visible, and nothing overflows sideways at 200 % zoom.
(The toolbar's other aids: tests/test_reading_aids.py.)"""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from browser_support import CONTRAST_JS, browser  # noqa: F401 (browser: one Chromium per process, shared)


@pytest.fixture(scope="module")
def server(sample_site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(sample_site.site))
    handler.log_message = lambda *a, **k: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def _an_article(base: str, page) -> str:
    page.goto(base)
    href = page.locator(".gn-home-latest a").first.get_attribute("href")
    return base + href.lstrip("./")


def _pages(base, page) -> list[str]:
    # (the sample site has no policy document yet, so no /policies/ library: its list pages instead)
    return [base, _an_article(base, page), base + "stats/", base + "topics/", base + "archive/"]


def _larger_text(page) -> None:
    """150 %, the former 大字: two steps of the 无障碍 toolbar's 文字放大."""
    page.click("[data-gn-a11y-open]")
    for _ in range(2):
        page.get_by_role("button", name="文字放大").click()


def test_font_size_switch_is_remembered_across_pages(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server)
    size = lambda: page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    standard = size()
    _larger_text(page)
    assert page.evaluate("document.documentElement.dataset.gnZoom") == "2"
    assert size() >= standard * 1.15
    page.goto(server + "stats/")  # a new page load
    assert page.evaluate("document.documentElement.dataset.gnZoom") == "2"
    assert size() >= standard * 1.15
    page.get_by_role("button", name="重置").click()
    page.goto(server)
    assert page.evaluate("document.documentElement.dataset.gnZoom") is None
    assert size() == standard
    context.close()


def test_text_contrast_at_least_4_5(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    failures = {}
    for url in _pages(server, page):
        page.goto(url)
        bad = page.evaluate(CONTRAST_JS, {"minimum": 4.5, "onScreen": True, "skipGradients": True})["bad"]
        if bad:
            failures[url] = bad
    context.close()
    assert not failures, failures


def test_keyboard_focus_is_visible(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(_an_article(server, page))
    seen = 0
    for _ in range(12):
        page.keyboard.press("Tab")
        ring = page.evaluate("""() => { const e = document.activeElement; if (!e || e === document.body) return null;
            const s = getComputedStyle(e); return [e.tagName, s.outlineStyle, parseFloat(s.outlineWidth), s.boxShadow]; }""")
        if ring is None:
            continue
        tag, style, width, shadow = ring
        assert style != "none" and width >= 2 or shadow != "none", ring
        seen += 1
    assert seen >= 8
    context.close()


@pytest.mark.parametrize("font", ["standard", "large"])
def test_no_sideways_scroll_at_200_percent_zoom(server, browser, font):
    # 200 % zoom of a 1280 px window = a 640 CSS px viewport at device scale 2
    context = browser.new_context(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    page = context.new_page()
    page.goto(server)
    if font == "large":
        _larger_text(page)
    overflow = {}
    for url in _pages(server, page):
        page.goto(url)
        width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if width[0] > width[1]:
            overflow[url] = width
    context.close()
    assert not overflow, overflow
