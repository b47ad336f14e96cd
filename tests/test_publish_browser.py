"""适老化 / accessibility of the built sample site in a real browser (Debian's chromium via
playwright): the 无障碍 toolbar's text size is remembered across pages, text contrast is at
least 4.5:1, keyboard focus is visible, and nothing overflows sideways at 200 % zoom.
(The toolbar's other aids: tests/test_reading_aids.py.)"""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from browser_support import browser  # noqa: F401 (fixture: one Chromium per process, shared)

# Every visible element with its own text: its colour (times the opacity of it and its
# ancestors) over the composited background of its ancestors → WCAG contrast ratio.
CONTRAST_JS = r"""
() => {
  const parse = (c) => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const over = (top, bottom) => { const a = top[3]; return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat([1]); };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.backgroundImage !== "none" && !s.backgroundImage.startsWith("url(")) return null;  // gradients: skip
      const c = parse(s.backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let bg = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return bg;
  };
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest("svg, script, style, noscript, [hidden], [aria-hidden=true]")) continue;
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    if (r.width === 0 || r.height === 0 || s.visibility !== "visible" || r.bottom < 0 || r.right < 0) continue;
    let opacity = 1;
    for (let e = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
    if (opacity < 0.1) continue;  // invisible on purpose (e.g. closed overlays)
    const bg = background(el);
    if (!bg) continue;
    const fg = parse(s.color); fg[3] *= opacity;
    const l1 = lum(over(fg, bg)), l2 = lum(bg);
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    if (ratio < 4.5) out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} «${el.textContent.trim().slice(0, 20)}» ${ratio.toFixed(2)}`);
  }
  return out;
}
"""


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
        bad = page.evaluate(CONTRAST_JS)
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
