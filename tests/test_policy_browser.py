"""The policy library in Debian's Chromium, served by the shipped nginx (with its CSP): no
serious axe-core violation on its pages; the search page filters by 有效性 from a deep link."""

from __future__ import annotations

import contextlib
import re

import pytest
from playwright.sync_api import expect

from browser_support import PageLog, browser, build_once, new_page, serve_with_nginx  # noqa: F401 (fixture)
from conftest import Project
from policy_fixtures import add_library

PAGES = ("policies/", "articles/2024/doc-a/", "articles/2022/doc-old/", "articles/2024/doc-evil/",
         "articles/2024/exp-a/", "validity/feizhi/")
RESULTS = "[data-gn-results] > li"


def _prepare(proj: Project) -> None:
    add_library(proj)


@pytest.fixture(scope="module")
def served_library(tmp_path_factory):
    proj = build_once(tmp_path_factory, "policy-library-site", _prepare)
    with contextlib.ExitStack() as stack:
        yield stack.enter_context(serve_with_nginx(proj.site, tmp_path_factory.mktemp("nginx-policy")))


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_library_pages_have_no_serious_axe_violations(served_library, browser, viewport):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = new_page(browser, viewport)
    try:
        for url in PAGES:
            page.goto(served_library.url(url), wait_until="load")
            page.wait_for_timeout(200)
            found = [v for v in axe.run(page).response["violations"] if v["impact"] in ("serious", "critical")]
            assert not found, f"{url} ({viewport}): " + "; ".join(f"{v['id']}: {v['help']}" for v in found)
    finally:
        page.context.close()


def test_search_page_filters_documents_by_validity(served_library, browser):
    log = PageLog()
    page = new_page(browser, "desktop", log)
    try:
        page.goto(served_library.url("search/?status=" + "废止"))
        page.locator(RESULTS).first.wait_for(timeout=20000)
        expect(page.locator("[data-gn-status]")).to_contain_text("共 1 篇文章（筛选：废止）", timeout=20000)
        titles = page.locator(f"{RESULTS} .gn-item__title").all_inner_texts()
        assert titles == ["关于推进智能化改造的实施意见（测试）"]
        assert page.locator("[data-gn-param=status] input[value=废止]").is_checked()
        # choosing 失效 too: either of them
        page.locator("[data-gn-param=status] label", has_text="失效").click()
        page.wait_for_url(re.compile(r".*status=.*status=.*"))
        expect(page.locator(RESULTS)).to_have_count(2, timeout=20000)
        titles = set(page.locator(f"{RESULTS} .gn-item__title").all_inner_texts())
        assert titles == {"关于推进智能化改造的实施意见（测试）", '关于</script><img src=x onerror="alert(1)">测试文件的通知'}
        assert not log.errors, log.errors
    finally:
        page.context.close()
