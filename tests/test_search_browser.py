"""Search in Debian's Chromium, on the sample site served by the shipped nginx (with its CSP).

A reader types a Chinese query in the header box, sees results, opens the search page,
narrows it to a town, reloads the deep link, and opens a result; the same with the
keyboard only, and on a phone.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from browser_support import (  # noqa: F401 (fixtures)
    PageLog,
    browser,
    browser_site,
    new_page,
    screenshot,
    served,
)

QUICK = "[data-gn-quick] .md-search-result__list > li"
BLOCKING = ("serious", "critical")


def axe_problems(page) -> list[str]:
    """Serious and critical axe-core violations on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    return [f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:3]]}" for v in found if v["impact"] in BLOCKING]
RESULTS = "[data-gn-results] > li"


def search_problems(log: PageLog) -> list[str]:
    """Uncaught errors anywhere, and any failed request of the search bundle."""
    return log.errors + [f for f in log.failed if "/pagefind/" in f] + \
        [c for c in log.console if "pagefind" in c.lower() or "Content Security Policy" in c]


def test_header_query_town_filter_and_result(served, browser):
    log = PageLog()
    page = new_page(browser, "desktop", log)
    try:
        page.goto(served.url(""))
        box = page.locator("[data-gn-search-form=header] input[name=q]")
        box.click()
        box.fill("营商环境")
        quick = page.locator(QUICK)
        quick.first.wait_for(timeout=20000)
        assert page.locator("[data-gn-quick-status]").inner_text().startswith("找到")
        assert quick.count() >= 2  # hits and the link to the search page
        assert page.locator(f"{QUICK} mark").first.inner_text() == "营商环境"
        screenshot(page, "search-header-desktop")
        assert axe_problems(page) == []

        box.press("Enter")
        page.wait_for_url("**/search/?q=*")
        results = page.locator(RESULTS)
        results.first.wait_for(timeout=20000)
        before = results.count()
        assert before > 0
        assert page.locator("[data-gn-status]").inner_text().startswith("找到")
        assert page.locator("#gn-search-q").input_value() == "营商环境"

        # narrow to one town: the URL carries the filter, every hit is from that town
        page.locator("[data-gn-param=town] label", has_text="湖塘镇").click()
        page.wait_for_url("**town=*")
        # a function, not a bare expression: Playwright evals a bare expression in the page, which the CSP refuses
        page.wait_for_function("() => document.querySelector('[data-gn-status]').textContent.includes('湖塘镇')")
        towns = page.locator(f"{RESULTS} .gn-hit__town").all_inner_texts()
        assert towns and set(towns) == {"湖塘镇"}
        assert len(towns) <= before
        assert parse_qs(urlparse(page.url).query) == {"q": ["营商环境"], "town": ["湖塘镇"]}
        # facet counts are for this search, in every group
        found = int(re.search(r"找到约? (\d+) 篇", page.locator("[data-gn-status]").inner_text()).group(1))
        counts = {(item.get_attribute("data-gn-param"), label): int(n)
                  for item in page.locator("[data-gn-filter]").all()
                  for label, n in zip(item.locator(".gn-facet__label").all_inner_texts(),
                                      item.locator("[data-gn-count]").all_inner_texts())}
        assert counts[("town", "湖塘镇")] == found and counts[("town", "牛塘镇")] == 0
        assert counts[("topic", "营商环境")] <= found
        assert all(n <= found for (group, _), n in counts.items() if group in ("topic", "type", "archive"))
        screenshot(page, "search-page-desktop")
        assert axe_problems(page) == []

        # the URL is a deep link: reloading restores query, filter and results
        titles = page.locator(f"{RESULTS} .gn-item__title").all_inner_texts()
        page.reload()
        page.locator(RESULTS).first.wait_for(timeout=20000)
        assert page.locator("[data-gn-param=town] input[value=湖塘镇]").is_checked()
        assert page.locator(f"{RESULTS} .gn-item__title").all_inner_texts() == titles

        # open a result
        with page.expect_navigation():
            page.locator(f"{RESULTS} .gn-item__title a").first.click()
        assert "/articles/" in page.url
        assert page.locator("h1.gn-title").inner_text() == titles[0]
        assert search_problems(log) == []
    finally:
        page.context.close()


def test_keyboard_only(served, browser):
    log = PageLog()
    page = new_page(browser, "desktop", log)
    try:
        page.goto(served.url("topics/"))
        page.keyboard.press("/")  # as in Material: "/" focuses the search box
        assert page.evaluate("document.activeElement.name") == "q"
        page.keyboard.type("小湖来帮办")
        page.locator(QUICK).first.wait_for(timeout=20000)
        # the quick list may still fetch fragments: leaving the page now would cancel them
        # (net::ERR_ABORTED), which is the navigation's doing, not a failed request
        page.wait_for_load_state("networkidle")
        page.keyboard.press("ArrowDown")
        first = page.evaluate("document.activeElement.getAttribute('href')")
        assert first and "/articles/" in first
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowUp")
        assert page.evaluate("document.activeElement.getAttribute('href')") == first
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith(first.lstrip("./"))
        assert "小湖来帮办" in page.locator(".md-content").first.inner_text()

        # on the search page: Tab reaches the filters, Space ticks one
        page.goto(served.url("search/?q=" + "党建"))
        page.locator(RESULTS).first.wait_for(timeout=20000)
        box = page.locator("[data-gn-filter] input[type=checkbox]").first
        box.focus()
        page.keyboard.press("Space")
        page.wait_for_url("**topic=*")
        assert box.is_checked()
        assert search_problems(log) == []
    finally:
        page.context.close()


def test_phone(served, browser):
    log = PageLog()
    page = new_page(browser, "phone", log)
    try:
        page.goto(served.url("search/?q=" + "医保"))
        page.locator(RESULTS).first.wait_for(timeout=20000)
        assert not page.locator("[data-gn-facets]").evaluate("d => d.open")  # filters folded
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        screenshot(page, "search-page-phone")
        assert axe_problems(page) == []
        # the header's magnifier opens the box
        page.locator("label.md-header__button[for=__search]").click()
        box = page.locator("[data-gn-search-form=header] input[name=q]")
        box.wait_for(state="visible")
        box.fill("小牛办")
        page.locator(QUICK).first.wait_for(timeout=20000)
        assert page.locator(f"{QUICK} mark").first.inner_text() == "小牛办"
        screenshot(page, "search-header-phone")
        assert search_problems(log) == []
    finally:
        page.context.close()


def test_a_query_naming_a_column_links_its_page(served, browser):
    """营商环境 is a topic: the search page offers the topic's page with all its articles,
    also those whose text does not hold the words; a query naming no column offers none."""
    log = PageLog()
    page = new_page(browser, "phone", log)
    columns = page.locator("[data-gn-columns]")
    try:
        page.goto(served.url("search/?q=" + "营商环境"))
        page.locator(RESULTS).first.wait_for(timeout=20000)
        total = int(page.locator("[data-gn-param=topic] [data-gn-value]", has_text="营商环境")
                    .get_attribute("data-gn-total"))
        link = columns.locator("a")
        assert columns.is_visible() and link.count() == 1
        assert link.inner_text() == f"专题「营商环境」全部 {total} 篇"
        assert axe_problems(page) == []
        link.click()
        page.wait_for_url("**/topics/yingshang-huanjing/")
        assert page.locator("h1").first.inner_text() == "营商环境"
        assert page.locator(".gn-count-line strong").inner_text() == str(total)

        page.goto(served.url("search/?q=" + "湖塘"))   # the start of a town's name
        page.locator(RESULTS).first.wait_for(timeout=20000)
        assert columns.locator("a").all_inner_texts() == [
            f"镇街「湖塘镇」全部 {page.locator('[data-gn-param=town] [data-gn-value]', has_text='湖塘镇').get_attribute('data-gn-total')} 篇"]

        page.locator("#gn-search-q").fill("小牛办")
        page.locator("#gn-search-q").press("Enter")
        page.wait_for_function("() => !document.querySelector('[data-gn-status]').textContent.includes('正在')")
        page.wait_for_url("**q=%E5%B0%8F%E7%89%9B%E5%8A%9E*")
        assert columns.is_hidden()
        assert search_problems(log) == []
    finally:
        page.context.close()


def test_hostile_title_is_shown_as_text(browser, tmp_path_factory):
    """An editor's title with markup (the fixture site of test_search.py) is text in results."""
    from test_search import ESCAPE_WORD, NASTY_TITLE, add_fixtures

    from browser_support import build_once, serve_with_nginx

    site = build_once(tmp_path_factory, "search-site", add_fixtures)
    with serve_with_nginx(site.site, tmp_path_factory.mktemp("nginx-search")) as server:
        log = PageLog()
        page = new_page(browser, "desktop", log)
        try:
            page.goto(server.url("search/?q=" + ESCAPE_WORD))
            title = page.locator(f"{RESULTS} .gn-item__title")
            title.first.wait_for(timeout=20000)
            assert title.all_inner_texts() == [NASTY_TITLE]
            assert page.locator(f"{RESULTS} img").count() == 0
            box = page.locator("[data-gn-search-form=header] input[name=q]")
            box.fill(ESCAPE_WORD)
            page.locator(f"{QUICK} h1").first.wait_for(timeout=20000)
            assert page.locator(f"{QUICK} h1").first.inner_text() == NASTY_TITLE
            assert page.locator("[data-gn-quick] img").count() == 0
            assert search_problems(log) == []
        finally:
            page.context.close()


def test_page_waits_are_functions_not_bare_expressions():
    """Playwright evals a bare `wait_for_function` expression again on every poll, in the page,
    where the shipped CSP (no 'unsafe-eval') refuses it: such a wait passes when the condition
    already holds and fails when it must poll (CI, Chromium 156). A function is evaled once."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    call = re.compile(r"""wait_for_function\(\s*f?(["'])(.*?)\1""", re.S)
    function = re.compile(r"\s*(async\s+)?(function\b|\w+\s*=>|\([^()]*\)\s*=>)")
    bare = [f"{path.name}: {m.group(2)[:60]}"
            for path in sorted([*root.glob("tests/*.py"), *root.glob("scripts/*.py")])
            for m in call.finditer(path.read_text(encoding="utf-8")) if not function.match(m.group(2))]
    assert bare == []
    # the patterns tell the two apart
    assert not function.match("[...document.links].some(a => a.href)") and function.match("(b) => b")
