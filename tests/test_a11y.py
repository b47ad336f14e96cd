"""Accessibility: axe-core (axe-playwright-python) on the sample site's pages in Chromium,
served by the shipped nginx configuration. No serious or critical violation is allowed;
a planted one (an image without alt text) must be found."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser_support import (  # noqa: F401 (fixtures)
    browser,
    browser_site,
    new_page,
    sample_urls,
    serve_with_nginx,
    served,
)

BLOCKING = ("serious", "critical")
_axe = Axe()


def axe_violations(page, url: str) -> list[dict]:
    page.goto(url, wait_until="load")
    page.wait_for_timeout(200)  # Material's bundle adds its widgets after load
    results = _axe.run(page)
    return [v for v in results.response["violations"] if v["impact"] in BLOCKING]


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']} — "
                     + "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                                 for n in v["nodes"][:3])
                     for v in violations)


# every kind of page the site has, each at desktop and phone width
KINDS = ("home", "topic", "town", "article", "archive", "topics", "search", "policies", "policy",
         "stats", "authors", "author")


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("kind", KINDS)
def test_no_serious_axe_violations(served, browser, kind, viewport):
    urls = sample_urls(served.site)
    assert kind in urls, f"no {kind} page found from the home page"
    page = new_page(browser, viewport)
    try:
        violations = axe_violations(page, served.url(urls[kind]))
        assert not violations, f"{kind} ({viewport}):\n{describe(violations)}"
    finally:
        page.context.close()


def test_stats_charts_scroll_by_keyboard_on_a_phone(served, browser):
    """The heatmaps are wider than a phone: Tab reaches each scrolling region, arrows scroll it."""
    page = new_page(browser, "phone")
    try:
        page.goto(served.url("stats/"), wait_until="load")
        regions = page.locator(".gn-view--stats .gn-chart--heat > .gn-chart__scroll")
        assert regions.count() >= 1
        for i in range(regions.count()):
            region = regions.nth(i)
            assert region.evaluate("e => e.scrollWidth > e.clientWidth"), "chart fits: test needs a wider one"
            assert region.get_attribute("role") == "region" and region.get_attribute("aria-labelledby")
            region.focus()
            assert region.evaluate("e => e === document.activeElement"), "scroll region not focusable"
            page.keyboard.press("ArrowRight")
            page.wait_for_function("e => e.scrollLeft > 0", arg=region.element_handle(), timeout=5000)
    finally:
        page.context.close()


def test_planted_violation_is_found(tmp_path, browser):
    """An editor's raw <img> without alt text is a critical violation axe reports."""
    from conftest import make_project

    proj = make_project(tmp_path / "a11y")
    proj.write("articles/2024/pic.png", "")
    proj.article("2024/bad-image.md", title="缺少替代文本", slug="bad-image",
                 body='现场照片：\n\n<img src="pic.png" width="10" height="10">\n')
    result = proj.build(strict=False)
    assert result.returncode == 0, result.stderr
    with serve_with_nginx(proj.site, tmp_path / "nginx") as server:
        page = new_page(browser, "desktop")
        try:
            violations = axe_violations(page, server.url("articles/2024/bad-image/"))
        finally:
            page.context.close()
    assert "image-alt" in {v["id"] for v in violations}, describe(violations)
