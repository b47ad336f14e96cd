"""Issue 33, item 2: one body sanitizer that reads HTML as browsers do. Known script and
mutation-XSS payloads (tests/data/mxss_payloads.txt) are reported by `govnews check` and the
strict build alike, and none runs in Chromium when a plain build is served with no CSP
(GitHub Pages sends none)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path

import pytest

from govnews.checks import bodysafety

from conftest import ROOT, make_project

PAYLOADS = [line for line in (ROOT / "tests" / "data" / "mxss_payloads.txt").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
# Parsed as a browser does, these hold no handler and no script (an unquoted value runs on;
# an attribute's text stays text): nothing to report, and nothing runs.
HARMLESS = {"<img/src=x/onerror=document.title='PWNED'>",
            "<a title=\"&quot;><img src=x onerror=document.title='PWNED'>\">链接</a>"}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_check_and_build_agree_on_every_payload(payload):
    body = f"正文第一段。\n\n{payload}\n\n正文最后一段。\n"
    found = bodysafety.scan(body, first_line=5)
    cleaned, removed = bodysafety.clean_html(f"<p>正文第一段。</p>\n{payload}\n<p>正文最后一段。</p>")
    if payload in HARMLESS:
        assert found == [] and removed == [], (found, removed)
        return
    assert found, payload
    assert removed, payload
    assert {line for line, _ in found} <= {7}, found          # the payload's own line
    assert "PWNED" not in cleaned or not bodysafety.findings(cleaned), cleaned
    assert bodysafety.findings(cleaned) == []                  # what is published is clean
    assert "正文第一段" in cleaned      # (an unclosed <style> or <math> takes the rest with it)


def test_safe_bodies_are_left_alone():
    for html in ('<p>3 &lt; 5，<a href="../x/">链接</a></p>', "<p><b>粗</b> <font color=red>红</font></p>",
                 '<table><tr><th style="text-align: left">甲</th></tr></table>', "<p>x</p><!-- 编辑注 -->"):
        assert bodysafety.clean_html(html) == (html, []), html
    assert bodysafety.scan("正文 3<5，a:b。<https://www.gov.cn/a?b=1&c=2> <xx@gov.cn>\n\n<center>居中</center>\n") == []


def test_other_schemes_are_named_with_a_suggestion():
    [(line, message)] = bodysafety.scan("正文。\n\n[文件](file:///C:/公文/通知.doc)\n")
    assert line == 3 and "file: 地址" in message and "是否应为「https://…」？" in message
    assert bodysafety.clean_html('<a href="file:///C:/x.doc">x</a>')[1] == ["file:"]


# -- the real thing: a project with every payload, checked, built strict, built and served -------
@pytest.fixture(scope="module")
def payload_project(tmp_path_factory):
    proj = make_project(tmp_path_factory.mktemp("mxss") / "proj")
    for k, payload in enumerate(PAYLOADS):
        proj.article(f"2024/p{k:02d}.md", title=f"测试{k}", slug=f"p{k:02d}",
                     body=f"正文第一段。\n\n{payload}\n\n正文最后一段。\n")
    return proj


def test_check_and_strict_build_both_refuse_each_payload(payload_project):
    proj = payload_project
    check = proj.govnews("check")
    strict = proj.build(strict=True)
    assert check.returncode != 0 and strict.returncode != 0
    for k, payload in enumerate(PAYLOADS):
        name = f"docs/articles/2024/p{k:02d}.md:"
        if payload in HARMLESS:
            continue
        assert name in check.stdout + check.stderr, (payload, check.stdout[-2000:])
        assert name in strict.stderr, (payload, strict.stderr[-2000:])
    assert "Traceback" not in strict.stderr + check.stderr


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def _serve(root: Path):
    """The site as GitHub Pages serves it: files, no Content-Security-Policy."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_no_payload_runs_in_chromium_without_a_csp(payload_project):
    from playwright.sync_api import sync_playwright

    from browser_support import launch_chromium

    proj = payload_project
    built = proj.build(strict=False)
    assert built.returncode == 0, built.stderr[-3000:]
    ran, leftovers = [], []
    with _serve(proj.site) as base, sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            page = browser.new_page()
            for k, payload in enumerate(PAYLOADS):
                page.goto(base + f"articles/2024/p{k:02d}/", wait_until="load")
                page.wait_for_timeout(150)        # error events of broken pictures, toggles, animations
                box = page.locator(".gn-body").first.bounding_box() if page.locator(".gn-body").count() else None
                if box:      # pointer over the body: mouseover handlers, overlays
                    page.mouse.move(box["x"] + 10, box["y"] + 10)
                    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
                    page.wait_for_timeout(50)
                if page.title() == "PWNED" or page.evaluate("document.title") == "PWNED":
                    ran.append(payload)
                bad = page.evaluate("""() => {
                    const out = [];
                    for (const el of document.querySelectorAll('.gn-body *, body')) {
                        for (const a of el.attributes) {
                            const v = a.value.replace(/[\\x00-\\x20]/g, '').toLowerCase();
                            if (a.name.startsWith('on') || v.startsWith('javascript:') || v.startsWith('data:'))
                                out.push(el.tagName + ' ' + a.name);
                        }
                        if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'svg', 'math', 'NOSCRIPT', 'STYLE', 'TEMPLATE',
                             'BASE'].includes(el.tagName) && el.closest('.gn-body')) out.push(el.tagName);
                    }
                    return out;
                }""")
                if bad:
                    leftovers.append((payload, bad))
        finally:
            browser.close()
    assert ran == [], ran
    assert leftovers == [], leftovers
