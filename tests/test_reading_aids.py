"""无障碍 reading aids (assets/a11y/) and the page /accessibility/, on the browser site served by
the shipped nginx (CSP included) in Debian's Chromium.

Each control does what it says, measured in the page: computed font sizes, contrast ratios,
cursor styles, the guide lines' positions, the plain-text layout, what speechSynthesis.speak
receives (a recording stub installed by an init script: no audio device needed). axe finds
no serious violation in any mode; the toolbar works with the keyboard alone; the settings
survive a page change and apply before first paint.
"""

from __future__ import annotations

import json
import re
import time

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser_support import (  # noqa: F401 (fixtures)
    CONTRAST_JS,
    PageLog,
    browser,
    browser_site,
    new_page,
    sample_urls,
    served,
)
from conftest import ROOT

A11Y = ROOT / "plugins" / "govnews" / "site" / "assets" / "a11y"
LAZY = ("toolbar.js", "toolbar.css", "modes.css")


# A recording speechSynthesis: speak() logs the utterance; with auto, each ends at once
# (the whole text is "read"), else __finish() ends the current one.
SPEECH_STUB = r"""
(() => {
  const log = window.__speech = { spoken: [], calls: [], voices: %(voices)s, auto: %(auto)s };
  class Utterance { constructor(text) { this.text = text; this.lang = ""; this.rate = 1; this.voice = null; } }
  const synth = {
    current: null,
    getVoices() { return log.voices; },
    addEventListener() {}, removeEventListener() {},
    speak(u) {
      log.calls.push("speak");
      log.spoken.push({ text: u.text, rate: u.rate, lang: u.lang, voice: u.voice ? u.voice.lang : null });
      this.current = u;
      if (log.auto) setTimeout(() => { if (this.current === u) { this.current = null; u.onend && u.onend({}); } }, 0);
    },
    pause() { log.calls.push("pause"); },
    resume() { log.calls.push("resume"); },
    cancel() {
      log.calls.push("cancel");
      const u = this.current; this.current = null;
      if (u) setTimeout(() => u.onerror && u.onerror({ error: "interrupted" }), 0);
    },
  };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = Utterance;
  window.__finish = () => { const u = synth.current; if (u) { synth.current = null; u.onend && u.onend({}); } };
})();
"""
ZH_VOICE = '[{"lang": "zh-CN", "name": "测试中文", "voiceURI": "zh", "localService": true, "default": true}]'


def _stub(voices: str = ZH_VOICE, auto: bool = True) -> str:
    return SPEECH_STUB % {"voices": voices, "auto": "true" if auto else "false"}


def _page(browser, viewport="desktop", settings: dict | None = None, log: PageLog | None = None, speech=None):
    """A fresh page; `settings` stored before any page script runs (as a reader's earlier visit)."""
    page = new_page(browser, viewport, log)
    if settings is not None:
        page.context.add_init_script(
            f"if (!sessionStorage.getItem('gn-test')) {{ sessionStorage.setItem('gn-test', '1');"
            f" localStorage.setItem('gn-a11y', {json.dumps(json.dumps(settings))}); }}")
    if speech is not None:
        page.context.add_init_script(speech)
    return page


def _open_toolbar(page):
    page.click("[data-gn-a11y-open]")
    page.wait_for_selector("#gn-a11y-panel:not([hidden]) button[data-act=read]")


def _until(page, js: str, timeout: float = 5.0) -> None:
    """Wait until `js` is true (page.wait_for_function evaluates a string, which the CSP forbids)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(js):
        assert time.monotonic() < deadline, f"timed out waiting for {js}"
        page.wait_for_timeout(20)


def _stored(page) -> dict:
    return json.loads(page.evaluate("localStorage.getItem('gn-a11y') || '{}'"))


@pytest.fixture(scope="module")
def urls(served):
    found = sample_urls(served.site)
    found["accessibility"] = "accessibility/"
    return found


# -- cost and loading -------------------------------------------------------------------------
def test_toolbar_loads_only_when_opened(served, browser, urls):
    """A page view loads early.js only; opening the toolbar loads toolbar.js/.css and
    modes.css from the site itself, under the CSP, without errors."""
    log = PageLog()
    page = _page(browser, log=log)
    try:
        page.goto(served.url(urls["article"]), wait_until="load")
        names = [u.rsplit("/", 1)[-1] for u in log.requested if "/a11y/" in u]
        assert names == ["early.js"], names
        assert page.locator("[data-gn-a11y-open]").is_visible()
        assert page.get_attribute("[data-gn-a11y-open]", "aria-expanded") == "false"
        _open_toolbar(page)
        names = sorted(u.rsplit("/", 1)[-1] for u in log.requested if "/a11y/" in u)
        assert names == sorted(["early.js", *LAZY]), names
        assert page.get_attribute("[data-gn-a11y-open]", "aria-expanded") == "true"
        assert all(u.startswith(served.base) for u in log.requested), "a request left the site"
        assert log.problems() == [], log.problems()
    finally:
        page.context.close()


def test_lazy_assets_are_copied_not_linked(served):
    """The adapter copies assets/a11y/ byte for byte and adds none of it to any page."""
    out = served.site / "assets" / "govnews" / "a11y"
    for src in sorted(A11Y.iterdir()):
        assert (out / src.name).read_bytes() == src.read_bytes(), src.name
    html = (served.site / "index.html").read_text(encoding="utf-8")
    assert re.findall(r"a11y/[\w.]+", html) == ["a11y/early.js"]
    status, headers, _ = served.get("assets/govnews/a11y/toolbar.js", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-type"].startswith("application/javascript")


def test_byte_budget(served):
    """scripts/a11y_cost.py (the MAINTAINERS figures): a page view pays under 1.5 KB gzip for the
    closed toolbar (early.js) plus under 250 B of markup; opening it under 12 KB."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "a11y_cost.py"), str(served.site)],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    early = int(re.search(r"early\.js\s+\d+ B raw\s+(\d+) B gzip", out.stdout).group(1))
    markup = [int(n) for n in re.findall(r"markup in \S+\s+\+(\d+) B gzip", out.stdout)]
    opened = int(re.search(r"total\s+\d+ B raw\s+(\d+) B gzip", out.stdout).group(1))
    assert early < 1500 and markup and max(markup) < 250 and opened < 12000, out.stdout


# -- each control -------------------------------------------------------------------------------
def test_text_zoom_steps_and_reflow(served, browser, urls):
    page = _page(browser)
    try:
        page.goto(served.url(urls["article"]))
        root_px = "parseFloat(getComputedStyle(document.documentElement).fontSize)"
        body_px = "parseFloat(getComputedStyle(document.querySelector('.gn-body p')).fontSize)"
        base, body = page.evaluate(root_px), page.evaluate(body_px)
        line = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.gn-body p')).lineHeight)")
        assert line / body >= 1.3   # 适老化: line spacing at least 1.3
        _open_toolbar(page)
        bigger = page.get_by_role("button", name="文字放大")
        for step, factor in enumerate((1.25, 1.5, 1.75, 2.0), start=1):
            bigger.click()
            assert page.evaluate(root_px) == pytest.approx(base * factor, abs=0.05), step
            assert page.evaluate(body_px) == pytest.approx(body * factor, abs=0.1), step
            assert _stored(page)["z"] == step
        assert bigger.is_disabled()   # 200 % is the largest
        page.get_by_role("button", name="文字缩小").click()
        assert page.evaluate(root_px) == pytest.approx(base * 1.75, abs=0.05)
    finally:
        page.context.close()
    # 200 % at 320 CSS px: nothing scrolls sideways (WCAG 1.4.10 reflow)
    page = _page(browser, "phone", settings={"z": 4})
    page.set_viewport_size({"width": 320, "height": 640})
    overflow = {}
    try:
        for kind in ("home", "article", "topic", "archive", "search", "stats", "accessibility"):
            page.goto(served.url(urls[kind]))
            assert page.evaluate("document.documentElement.dataset.gnZoom") == "4"
            width = page.evaluate("[document.documentElement.scrollWidth, document.body.scrollWidth, "
                                  "document.documentElement.clientWidth]")
            if max(width[:2]) > width[2]:
                overflow[kind] = width
    finally:
        page.context.close()
    assert not overflow, overflow


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_high_contrast_schemes(served, browser, urls, scheme):
    """Every text, body and links included, at least 7:1 (WCAG 1.4.6); 标准 restores the site's look."""
    page = _page(browser)
    try:
        page.goto(served.url(urls["article"]))
        standard = page.evaluate("getComputedStyle(document.querySelector('.gn-body p')).color")
        _open_toolbar(page)
        page.get_by_role("button", name="黑底白字" if scheme == "dark" else "白底黑字").click()
        failures = {}
        for kind in ("article", "home", "topic", "accessibility"):
            if kind != "article":
                page.goto(served.url(urls[kind]))
            assert page.evaluate("document.documentElement.dataset.gnScheme") == scheme
            result = page.evaluate(CONTRAST_JS, {"minimum": 7})
            assert result["seen"]["links"] > 5 and result["seen"]["text"] > 5, result["seen"]
            if result["bad"]:
                failures[kind] = result["bad"]
        assert not failures, failures
        page.goto(served.url(urls["article"]))
        page.emulate_media(media="print")   # on paper the standard colours (no white text on white paper)
        assert page.evaluate("getComputedStyle(document.querySelector('.gn-body p')).color") == standard
        page.emulate_media(media="screen")
        page.get_by_role("button", name="标准").click()
        assert page.evaluate("document.documentElement.dataset.gnScheme") is None
        page.goto(served.url(urls["article"]))
        assert page.evaluate("getComputedStyle(document.querySelector('.gn-body p')).color") == standard
    finally:
        page.context.close()


def test_big_cursor_and_guide_lines(served, browser, urls):
    page = _page(browser)
    try:
        page.goto(served.url(urls["article"]))
        assert page.evaluate("getComputedStyle(document.body).cursor") == "auto"
        _open_toolbar(page)
        page.get_by_role("button", name="大鼠标").click()
        assert "cursor.svg" in page.evaluate("getComputedStyle(document.querySelector('.gn-body p')).cursor")
        assert "pointer.svg" in page.evaluate("getComputedStyle(document.querySelector('.gn-body a, .md-content a')).cursor")
        assert served.get("assets/govnews/a11y/cursor.svg")[0] == 200
        assert page.get_by_role("button", name="大鼠标").get_attribute("aria-pressed") == "true"

        page.get_by_role("button", name="十字线").click()
        where = ("() => { const x = document.querySelector('.gn-guide--x').getBoundingClientRect(),"
                 " y = document.querySelector('.gn-guide--y').getBoundingClientRect();"
                 " return [x.top + x.height / 2, y.left + y.width / 2, x.width, y.height]; }")
        for px, py in ((300, 400), (640, 250)):
            page.mouse.move(px, py)
            _until(page, f"Math.abs(document.querySelector('.gn-guide--y').getBoundingClientRect().left - {px}) < 4")
            gy, gx, width, height = page.evaluate(where)
            assert abs(gy - py) <= 2 and abs(gx - px) <= 2, (gy, gx)
            assert width >= 1200 and height >= 800   # across the whole window
        assert page.locator(".gn-guide").first.get_attribute("aria-hidden") == "true"
        page.get_by_role("button", name="十字线").click()
        assert page.evaluate("getComputedStyle(document.querySelector('.gn-guide--x')).display") == "none"
    finally:
        page.context.close()


def test_plain_text_mode(served, browser, urls):
    """纯文本: no header, tabs, sidebars or pictures; the article's texts one below the other
    in one column, in the order of the document."""
    page = _page(browser)
    try:
        page.goto(served.url(urls["article"]))
        _open_toolbar(page)
        page.get_by_role("button", name="纯文本").click()
        assert page.evaluate("document.documentElement.dataset.gnPlain") == "1"
        for hidden in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary"):
            assert not page.locator(hidden).first.is_visible(), hidden
        assert page.evaluate("[...document.querySelectorAll('.md-container img')]"
                             ".every(i => i.getClientRects().length === 0)")
        boxes = page.evaluate("""() => [...document.querySelectorAll(
            '.md-content h1, .md-content dl.gn-meta > div, .md-content .gn-body > p')]
            .filter(e => e.getClientRects().length)
            .map(e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);
                        return [r.top, r.bottom, r.left, e.textContent.trim().slice(0, 10), s.backgroundColor, s.borderTopStyle]; })""")
        assert len(boxes) >= 6
        for before, after in zip(boxes, boxes[1:]):
            assert after[0] >= before[1] - 1, (before, after)   # below the one before it
            assert abs(after[2] - boxes[0][2]) <= 1, (boxes[0], after)   # in one column
        assert all(b[4] == "rgba(0, 0, 0, 0)" and b[5] == "none" for b in boxes), boxes
        text = page.inner_text(".md-content")
        title = page.inner_text(".md-content h1")
        first = page.locator(".gn-body > p").first.inner_text()
        assert -1 < text.index(title) < text.index(first)
        page.set_viewport_size({"width": 390, "height": 844})   # a phone: the column fits, lines wrap
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        assert page.evaluate("document.querySelector('.md-content h1').getBoundingClientRect().right <= 390")
    finally:
        page.context.close()


def test_settings_survive_a_page_change(served, browser, urls):
    """Set on one page, in force on the next before its first paint: the next page does not
    paint until modes.css (held back here for a second) has arrived."""
    page = _page(browser)
    try:
        page.goto(served.url(urls["home"]))
        _open_toolbar(page)
        page.get_by_role("button", name="文字放大").click()
        page.get_by_role("button", name="黑底白字").click()
        page.get_by_role("button", name="大鼠标").click()
        assert _stored(page) == {"o": 1, "z": 1, "s": "dark", "c": 1}

        def slow(route):
            time.sleep(1.0)
            route.continue_()
        page.route("**/a11y/modes.css", slow)
        page.goto(served.url(urls["topic"]), wait_until="load")
        _until(page, "performance.getEntriesByName('first-paint').length > 0")
        state = page.evaluate("""() => ({ zoom: document.documentElement.dataset.gnZoom,
            scheme: document.documentElement.dataset.gnScheme, cursor: document.documentElement.dataset.gnCursor,
            bg: getComputedStyle(document.body).backgroundColor,
            paint: performance.getEntriesByName('first-paint')[0].startTime,
            css: performance.getEntriesByType('resource').find(e => e.name.endsWith('modes.css')).responseEnd })""")
        assert (state["zoom"], state["scheme"], state["cursor"]) == ("1", "dark", "1")
        assert state["bg"] == "rgb(0, 0, 0)"
        assert state["paint"] >= state["css"] >= 1000, state   # no paint before modes.css: no flash
        page.unroute("**/a11y/modes.css")
        page.wait_for_selector("#gn-a11y-panel:not([hidden]) button")   # left open: open again
        page.get_by_role("button", name="重置").click()
        assert _stored(page) == {"o": 1}
        page.goto(served.url(urls["article"]))
        assert page.evaluate("Object.keys(document.documentElement.dataset).filter(k => k.startsWith('gn'))") == ["gnA11y"]
    finally:
        page.context.close()


def test_former_and_broken_settings(served, browser, urls):
    """The former 大字 switch's choice becomes 150 %; values the page does not know are ignored."""
    page = _page(browser)
    try:
        page.goto(served.url(urls["home"]))
        page.evaluate("localStorage.setItem('gn-font', 'large')")
        page.goto(served.url(urls["topic"]))
        assert page.evaluate("document.documentElement.dataset.gnZoom") == "2"
        assert page.evaluate("localStorage.getItem('gn-font')") is None and _stored(page) == {"z": 2}
        for broken in ('{"z": 9, "s": "purple"}', '"text"', "[1]", "{not json"):
            page.evaluate(f"localStorage.setItem('gn-a11y', {json.dumps(broken)})")
            page.goto(served.url(urls["topic"]))
            assert page.evaluate("Object.keys(document.documentElement.dataset).filter(k => k.startsWith('gn'))") \
                == ["gnA11y"], broken
        _open_toolbar(page)   # and the toolbar works from there
        page.get_by_role("button", name="文字放大").click()
        assert page.evaluate("document.documentElement.dataset.gnZoom") == "1"
    finally:
        page.context.close()


# -- 语音阅读 ---------------------------------------------------------------------------------------
def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_read_aloud(served, browser, urls):
    """朗读全文 reads title, byline and body in order, in Chinese; the sentence being read is
    highlighted; pause, resume, speed and stop reach speechSynthesis."""
    page = _page(browser, speech=_stub())
    try:
        page.goto(served.url(urls["article"]))
        _open_toolbar(page)
        page.get_by_role("button", name="朗读全文").click()
        _until(page, "document.querySelector('.gn-a11y-panel__status').textContent === '朗读完毕'")
        spoken = page.evaluate("__speech.spoken")
        assert {s["lang"] for s in spoken} == {"zh-CN"} and {s["voice"] for s in spoken} == {"zh-CN"}
        said = _squash("".join(s["text"] for s in spoken))
        parts = [page.inner_text(".gn-article-header h1"), page.inner_text("dl.gn-meta dd")]
        parts += page.locator(".gn-body > p").all_inner_texts()
        at = 0
        for part in parts:   # each in the order of the page
            found = said.find(_squash(part), at)
            assert found >= 0, f"not read in order: {part[:30]}"
            at = found + len(_squash(part))
        assert "首页" not in said[:10] and "相关文章" not in said   # navigation is not read
    finally:
        page.context.close()

    page = _page(browser, speech=_stub(auto=False))
    try:
        page.goto(served.url(urls["article"]))
        _open_toolbar(page)
        highlighted = "(() => { const h = CSS.highlights.get('gn-speak'); return h ? [...h][0].toString() : null; })()"
        page.get_by_role("button", name="朗读全文").click()
        _until(page, "__speech.spoken.length === 1")
        first = page.evaluate("__speech.spoken[0].text")
        assert _squash(page.evaluate(highlighted)) == _squash(first)
        page.evaluate("__finish()")
        _until(page, "__speech.spoken.length === 2")
        second = page.evaluate("__speech.spoken[1].text")
        assert _squash(page.evaluate(highlighted)) == _squash(second) != _squash(first)

        bar = page.locator(".gn-a11y-reading")   # pause and stop in view wherever one scrolled
        assert bar.is_visible() and bar.evaluate("e => getComputedStyle(e).position") == "fixed"
        pause = page.locator("#gn-a11y-panel [data-act=pause]")
        pause.click()
        assert page.evaluate("__speech.calls").count("pause") == 1
        assert pause.inner_text() == "继续" and pause.get_attribute("aria-pressed") == "true"
        pause.click()
        assert page.evaluate("__speech.calls").count("resume") == 1 and pause.inner_text() == "暂停"

        page.get_by_role("button", name="语速慢").click()   # the same sentence again, slower
        _until(page, "__speech.spoken.length === 3")
        again = page.evaluate("__speech.spoken[2]")
        assert again["text"] == second and again["rate"] < 1
        assert _stored(page)["r"] == "0"

        page.keyboard.press("Escape")   # stops, wherever the focus is
        assert page.evaluate(highlighted) is None and bar.is_hidden() and pause.is_disabled()
        page.get_by_role("button", name="朗读全文").click()   # from the start again
        _until(page, "__speech.spoken.length === 4")
        assert page.evaluate("__speech.spoken[3].text") == first
        bar.get_by_role("button", name="停止").click()
        assert page.evaluate("__speech.calls").count("cancel") >= 3
        assert bar.is_hidden()
        assert page.evaluate(highlighted) is None
        assert pause.is_disabled()
        page.wait_for_timeout(50)
        assert page.evaluate("__speech.spoken.length") == 4   # nothing more is read
    finally:
        page.context.close()


def test_point_reading(served, browser, urls):
    """指读: the paragraph the pointer rests on, the link the keyboard focuses."""
    page = _page(browser, speech=_stub())
    try:
        page.goto(served.url(urls["article"]))
        _open_toolbar(page)
        point = page.get_by_role("button", name="指读")
        point.click()
        assert point.get_attribute("aria-pressed") == "true"
        paragraph = page.locator(".gn-body > p").nth(1)
        paragraph.hover()
        _until(page, "__speech.spoken.length > 0")
        page.wait_for_timeout(100)
        said = _squash("".join(s["text"] for s in page.evaluate("__speech.spoken")))
        assert said == _squash(paragraph.inner_text())
        page.evaluate("__speech.spoken = []")
        link = page.locator(".gn-breadcrumbs a").first
        link.focus()
        _until(page, "__speech.spoken.length > 0")
        assert page.evaluate("__speech.spoken[0].text") == link.inner_text()
    finally:
        page.context.close()


def test_no_chinese_voice_message(served, browser, urls):
    """No Chinese voice on the device: the toolbar says so, and nothing is spoken."""
    page = _page(browser, speech=_stub(voices='[{"lang": "en-US", "name": "English"}]'))
    try:
        page.goto(served.url(urls["article"]))
        _open_toolbar(page)
        page.get_by_role("button", name="朗读全文").click()
        status = page.locator(".gn-a11y-panel__status")
        _until(page, "document.querySelector('.gn-a11y-panel__status').textContent.includes('没有中文语音')")
        assert status.get_attribute("role") == "status"
        page.evaluate("__speech.voices = []")   # an empty voice list: said after waiting for one
        page.get_by_role("button", name="朗读全文").click()
        _until(page, "document.querySelector('.gn-a11y-panel__status').textContent.includes('没有中文语音')")
        assert page.evaluate("__speech.spoken") == []
    finally:
        page.context.close()


# -- keyboard ----------------------------------------------------------------------------------------
def test_toolbar_by_keyboard_alone(served, browser, urls):
    page = _page(browser)
    try:
        page.goto(served.url(urls["article"]))
        for _ in range(2):   # the first stop, after Material's skip link where the page has one
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.dataset.gnA11yOpen") == "":
                break
        assert page.evaluate("document.activeElement.dataset.gnA11yOpen") == ""
        page.keyboard.press("Enter")
        page.wait_for_selector("#gn-a11y-panel:not([hidden]) button")
        assert page.evaluate("document.activeElement.dataset.act") == "read"   # focus moved in
        assert page.get_attribute("[data-gn-a11y-open]", "aria-expanded") == "true"
        visited = []
        for _ in range(40):   # Tab reaches every enabled control, then leaves the toolbar
            inside = page.evaluate("document.activeElement.closest('#gn-a11y-panel') !== null")
            if not inside:
                break
            visited.append(page.evaluate("document.activeElement.dataset.act || document.activeElement.textContent"))
            page.keyboard.press("Tab")
        enabled = page.evaluate("[...document.querySelectorAll('#gn-a11y-panel button:not(:disabled), #gn-a11y-panel a')]"
                                ".map(e => e.dataset.act || e.textContent)")
        assert visited == enabled and len(enabled) >= 14
        page.keyboard.press("Shift+Tab")
        while page.evaluate("document.activeElement.dataset.act") != "bigger":
            page.keyboard.press("Shift+Tab")
        page.keyboard.press("Enter")
        assert page.evaluate("document.documentElement.dataset.gnZoom") == "1"
        page.keyboard.press("Shift+Tab")   # 缩小, enabled now
        assert page.evaluate("document.activeElement.dataset.act") == "smaller"
        page.keyboard.press("Space")
        assert page.evaluate("document.documentElement.dataset.gnZoom") is None
        # shortcuts, as /accessibility/ lists them
        page.keyboard.press("Alt+Shift+Digit3")
        page.keyboard.press("Alt+Shift+Digit5")
        page.keyboard.press("Alt+Shift+Digit6")
        assert _stored(page) == {"o": 1, "z": 1, "s": "dark", "c": 1}
        page.keyboard.press("Alt+Shift+Digit9")
        assert _stored(page) == {"o": 1}
        page.focus("[data-act=reset]")
        page.keyboard.press("Escape")   # closes; focus back on the button that opened it
        assert page.locator("#gn-a11y-panel").is_hidden()
        assert page.evaluate("document.activeElement.dataset.gnA11yOpen") == ""
        assert page.get_attribute("[data-gn-a11y-open]", "aria-expanded") == "false"
        page.keyboard.press("Alt+Shift+Digit0")
        assert page.locator("#gn-a11y-panel").is_visible()
    finally:
        page.context.close()

    page = _page(browser)   # a shortcut on a fresh page loads the toolbar first
    try:
        page.goto(served.url(urls["home"]))
        page.keyboard.press("Alt+Shift+Digit3")
        _until(page, "document.documentElement.dataset.gnZoom === '1'")
        assert page.locator("#gn-a11y-panel").is_visible()
    finally:
        page.context.close()


# -- axe ------------------------------------------------------------------------------------------------
_axe = Axe()
MODES = {   # the toolbar open in the standard colours: "plain" (which leaves the toolbar as it is)
    "dark": {"o": 1, "s": "dark"},
    "light": {"s": "light", "c": 1, "g": 1},
    "zoom": {"z": 4},
    "plain": {"p": 1, "o": 1},
}


@pytest.mark.parametrize("mode", list(MODES))
def test_axe_in_every_mode(served, browser, urls, mode):
    failures = {}
    # (every kind with the toolbar closed: test_a11y.py)
    for viewport, kinds in (("desktop", ("home", "search", "accessibility")), ("phone", ("article",))):
        page = _page(browser, viewport, settings=MODES[mode])
        try:
            for kind in kinds:
                page.goto(served.url(urls[kind]), wait_until="load")
                if MODES[mode].get("o"):
                    page.wait_for_selector("#gn-a11y-panel:not([hidden]) button")
                page.wait_for_timeout(50)
                found = _axe.run(page).response["violations"]   # none at all, of any impact
                if found:
                    failures[f"{kind} ({viewport})"] = [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in found]
        finally:
            page.context.close()
    assert not failures, failures


# -- the page /accessibility/ -------------------------------------------------------------------------------
def test_accessibility_page(served):
    """The page lists the aids, the shortcuts toolbar.js implements and the checklist, whose
    every named test exists; every page's footer links to it; the sitemap has it."""
    from bs4 import BeautifulSoup

    from govnews.site.pages.accessibility import CHECKLIST, NOT_MET, SHORTCUTS

    page = BeautifulSoup((served.site / "accessibility" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert page.select_one(".md-content h1").get_text() == "无障碍说明"
    rows = [(tr["data-gn-key"], tr["data-gn-action"]) for tr in page.select("tr[data-gn-key]")]
    assert rows == [(key, action) for key, action, _ in SHORTCUTS]
    script = (A11Y / "toolbar.js").read_text(encoding="utf-8")
    keys = re.search(r"var KEYS = \{(.*?)\};", script, re.S).group(1)
    assert dict(re.findall(r'(\d): "(\w+)"', keys)) == dict(rows)
    items = page.select("ol.gn-a11y-checklist > li")
    assert [li["data-gn-status"] for li in items] == [i.status for i in CHECKLIST]
    assert any(li["data-gn-status"] == NOT_MET for li in items)   # unmet items named
    for item in CHECKLIST:
        if item.test:
            path, name = item.test.split("::")
            assert re.search(rf"^def {name}\(", (ROOT / path).read_text(encoding="utf-8"), re.M), item.test
    for url in ("index.html", "accessibility/index.html", "topics/index.html"):
        html = BeautifulSoup((served.site / url).read_text(encoding="utf-8"), "lxml")
        link = html.select_one(".md-footer a.gn-gov-footer__a11y")
        assert link is not None and link.get_text() == "无障碍说明", url
        depth = url.count("/")
        assert link["href"] == ("../" * depth or "./") + "accessibility/", (url, link["href"])
    html = (served.site / "404.html").read_text(encoding="utf-8")   # served at any depth: from the root
    assert 'class="gn-gov-footer__a11y" href="/accessibility/"' in html
    articles = sorted((served.site / "articles").glob("*/*/index.html"))
    html = articles[0].read_text(encoding="utf-8")   # filled into the page shell
    assert 'class="gn-gov-footer__a11y" href="../../../accessibility/"' in html
    assert "accessibility/</loc>" in (served.site / "sitemap.xml").read_text(encoding="utf-8")
