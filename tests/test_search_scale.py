"""Search on a big archive, in miniature: many date shards, common bigrams, rare phrases.

A reader's first search opens only the newest shards (govnews_tier articles); older ones are
merged in when the first page is not full, when a year filter asks for them, or when the
reader asks for everything. A phrase is found by Pagefind's exact search over its bigrams,
so an article that contains it is never lost among the many that only contain its pairs.
Queries run through the site's own engine (assets/search.js) in Node, as in test_search.py.
"""

from __future__ import annotations

import json
import subprocess

import pytest
from test_search import run

from browser_support import build_once
from conftest import ROOT, Project

SHARD = 30
YEARS = range(2017, 2025)
DECOYS_PER_YEAR = 25
# every pair of 安全生产 (安全 全生 生产), many times, never the phrase itself
DECOY = "安全意识要牢记，完全生效的制度，生产用的乙型流水线运转正常。" * 4
TARGETS = {  # url → the body that holds the rare phrase once
    "/articles/2017/target-old/": "本年度开展了一次检查，内容涉及安全生产等多个方面。",
    "/articles/2020/target-mid/": "会议强调安全生产责任重于泰山。",
    "/articles/2024/target-new/": "各村社区落实安全生产月活动。",
    # an editor's soft line break inside the phrase: the reader sees 安全生产
    "/articles/2022/target-wrapped/": "镇里组织开展安全\n生产大检查，覆盖全部企业。",
}


# a phrase in more articles than the routing summary lists one by one (route.LIMIT), all of one
# year: the summary names the shards that hold it, and only those are opened
CLUSTER = "蓝莓采摘节"
CLUSTER_YEAR = 2019
CLUSTER_COUNT = 26


def prepare(proj: Project) -> None:
    proj.plugin_options(search_shard_size=SHARD)
    for i in range(CLUSTER_COUNT):
        proj.article(f"{CLUSTER_YEAR}/cluster-{i:02d}.md", title=f"果园活动第{i}场", date=f"{CLUSTER_YEAR}-{1 + i % 12:02d}-{1 + i % 27:02d}",
                     body=f"{CLUSTER}如期举办，游客纷至沓来。" * 2, town="湖塘镇", topic="[文化]")
    for year in YEARS:
        for i in range(DECOYS_PER_YEAR):
            proj.article(f"{year}/decoy-{i:02d}.md", title=f"安全意识、完全生效与生产检查第{i}次", date=f"{year}-{1 + i % 12:02d}-{1 + i % 27:02d}",
                         body=DECOY, town="湖塘镇", topic="[营商环境]")
    filler = "全镇上下齐心协力推动各项工作取得新进展。" * 30  # long: ranked below the decoys
    for url, body in TARGETS.items():
        year, slug = url.split("/")[2:4]
        proj.article(f"{year}/{slug}.md", title="工作动态", date=f"{year}-06-15", body=filler + body + filler,
                     town="牛塘镇", topic="[文化]")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Project:
    return build_once(tmp_path_factory, "search-scale", prepare)


def test_a_rare_phrase_is_found_in_every_shard_among_its_common_pairs(site):
    answer = run(site.site, [{"q": "安全生产", "limit": 20}])[0]
    assert answer["exact"] is True
    assert sorted(answer["results"]) == sorted(TARGETS) and answer["total"] == len(TARGETS)
    # fewer hits than a page: every shard was searched, and the reader is told nothing less
    assert answer["scope"]["partial"] is False


def test_the_first_search_opens_only_the_newest_shards(site):
    first, everything = run(site.site, [{"q": "乙型流水线"}, {"q": "乙型流水线", "all": True, "limit": 1000}])
    scope = first["scope"]
    assert scope["partial"] is True and scope["searched"] < scope["total"]
    assert len(first["results"]) == 10 and first["exact"]
    shards = json.loads((site.site / "pagefind" / "pagefind-entry.json").read_text())["govnews_shards"]
    assert len(shards) > 4
    tier, n = set(), 0
    for shard in shards:   # newest first, until the tier's article count is reached
        if n >= SHARD / 2:
            break
        tier.add(shard["name"])
        n += shard["count"]
    older = {path.split("/")[0] for path in first["fetched"] if path.split("/")[0] in {s["name"] for s in shards}}
    assert older <= tier and len(tier) < len(shards) - 2, (older, tier)  # no file of an older shard
    # asked for everything: every decoy, and the bytes of every shard
    assert everything["total"] == len(YEARS) * DECOYS_PER_YEAR and everything["scope"]["partial"] is False
    assert len({p.split("/")[0] for p in everything["fetched"] if "/" in p}) > 3


def test_a_year_filter_opens_the_shards_of_that_year(site):
    answer = run(site.site, [{"q": "乙型流水线", "filters": {"年份": ["2018年"]}, "limit": 100}])[0]
    assert answer["total"] == DECOYS_PER_YEAR and all(u.startswith("/articles/2018/") for u in answer["results"])
    assert answer["scope"]["partial"] is False
    shards = {p.split("/")[0] for p in answer["fetched"] if "/" in p and p[:2] == "20"}
    assert shards and all("2018" in s for s in shards), shards


def test_date_order_reaches_into_older_shards_as_pages_need(site):
    answer = run(site.site, [{"q": "乙型流水线", "sort": "date", "limit": 60}])[0]
    years = [int(u.split("/")[2]) for u in answer["results"]]
    assert len(years) == 60 and years == sorted(years, reverse=True)
    assert years[0] == 2024 and years[-1] < 2023


def test_nothing_found_says_so_when_there_are_no_similar_results_either():
    script = """
const api = require(process.argv[1]);
process.stdout.write([api.describe({exact: false, total: 0}, "某词"), api.describe({exact: false, total: 2}, "某词"),
  api.scopeNote({scope: {partial: true, searched: 2500, total: 100000, from: "2024-03"}}),
  api.scopeNote({scope: {partial: false, searched: 9, total: 9, from: ""}})].join("\\n"));
"""
    proc = subprocess.run(["/usr/bin/node", "-e", script, str(ROOT / "plugins" / "govnews" / "site" / "assets" / "search.js")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    none, near, partial, whole = proc.stdout.split("\n")
    assert "没有找到" in none and "相近结果" not in none.replace("相近的结果", "")
    assert "以下是相近结果" in near
    assert partial == "（只搜索了最近的 2,500 篇文章，2024年3月以来；全站共 100,000 篇）"
    assert whole == ""


# -- the search page in Chromium, served by the shipped nginx -----------------------------------
@pytest.fixture(scope="module")
def scale_served(site, tmp_path_factory):
    from browser_support import serve_with_nginx

    with serve_with_nginx(site.site, tmp_path_factory.mktemp("scale-nginx")) as served:
        yield served


def test_search_page_says_what_it_searched_and_searches_everything_on_request(site, scale_served):
    from playwright.sync_api import sync_playwright

    from browser_support import PageLog, launch_chromium, new_page

    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            log = PageLog()
            page = new_page(browser, "phone", log)
            requested: list[str] = []
            page.on("request", lambda r: requested.append(r.url))
            page.goto(scale_served.url("search/?q=乙型流水线"))
            status = page.locator("[data-gn-status]")
            page.wait_for_function("() => /找到/.test(document.querySelector('[data-gn-status]').textContent)",
                                   timeout=60000)
            text = status.inner_text()
            total = len(list((site.site / "articles").rglob("index.html")))
            assert "只搜索了最近的" in text and f"全站共 {total:,} 篇" in text, text
            older = page.locator("[data-gn-older]")
            assert older.is_visible() and f"搜索全部 {total:,} 篇文章" in older.inner_text()
            oldest = sorted(s["name"] for s in json.loads(
                (site.site / "pagefind" / "pagefind-entry.json").read_text())["govnews_shards"] if s["path"])[0]
            assert not [u for u in requested if f"/pagefind/{oldest}/" in u]
            older.click()
            page.wait_for_function("() => /找到 200 篇/.test(document.querySelector('[data-gn-status]').textContent)",
                                   timeout=60000)
            assert "只搜索了" not in status.inner_text() and older.is_hidden()
            assert [u for u in requested if f"/pagefind/{oldest}/" in u]
            # older articles whose heading has the words: listed apart, linked
            page.goto(scale_served.url("search/?q=生产检查"))
            apart = page.locator("[data-gn-older-titles]")
            apart.locator("li a").first.wait_for(timeout=60000)
            assert apart.locator("li").count() == 5 and "生产检查" in apart.locator("h2").inner_text()
            href = apart.locator("li a").first.get_attribute("href")
            assert scale_served.get(href)[0] == 200, href
            # nothing at all, not even near misses: said plainly
            page.goto(scale_served.url("search/?q=无此词语甲乙丙丁"))
            page.wait_for_function("() => /没有/.test(document.querySelector('[data-gn-status]').textContent)",
                                   timeout=60000)
            assert "也没有相近的结果" in status.inner_text() and page.locator("[data-gn-results] > li").count() == 0
            assert not log.errors, log.errors
        finally:
            browser.close()


def test_older_articles_whose_heading_has_the_query_are_listed_apart(site):
    first = run(site.site, [{"q": "生产检查", "older": 5}])[0]
    assert first["scope"]["partial"] and first["exact"]
    searched = set(first["results"])
    older = first["older"]
    assert len(older) == 5 and all("生产检查" in t["title"] for t in older)
    # older than anything searched, newest first, and none of the shown results
    assert not {t["url"] for t in older} & searched
    years = [int(t["url"].split("/")[2]) for t in older]
    assert years == sorted(years, reverse=True)
    newest_searched_from = first["scope"]["from"][:4]
    assert max(years) <= int(newest_searched_from)
    # the heading index was read, no older shard was opened for it
    shards = {s["name"] for s in json.loads((site.site / "pagefind" / "pagefind-entry.json").read_text())["govnews_shards"]}
    assert any(p.startswith("govnews-titles/") for p in first["fetched"])
    opened = {p.split("/")[0] for p in first["fetched"]} & shards
    assert len(opened) <= 1, opened
    # a search that covered everything lists nothing apart
    assert run(site.site, [{"q": "安全生产", "older": 5}])[0]["older"] == []


# -- the routing summary (search/route.py): a query opens only what can match (issue 29) ---------
def _shard_names(site: Project) -> set[str]:
    return {s["name"] for s in json.loads((site.site / "pagefind" / "pagefind-entry.json").read_text())["govnews_shards"]}


def _opened(answer: dict, shards: set[str]) -> set[str]:
    """The shards a query read any Pagefind index file of (metadata, index or filter chunks)."""
    return {f.split("/")[0] for f in answer["fetched"]
            if f.split("/")[0] in shards and not f.endswith(".pf_fragment")}


def test_a_rare_phrase_is_read_from_its_few_articles_without_opening_a_shard(site):
    shards = _shard_names(site)
    answer, dated = run(site.site, [{"q": "安全生产", "limit": 20, "counts": True},
                                    {"q": "安全生产", "sort": "date", "limit": 20}])
    assert answer["exact"] and sorted(answer["results"]) == sorted(TARGETS) and answer["total"] == len(TARGETS)
    assert answer["scope"]["partial"] is False
    # the summary's files and the four articles' fragments: no shard's index, no decoy
    assert not _opened(answer, shards) and not [f for f in answer["fetched"] if f.endswith(".pf_meta")], answer["fetched"]
    assert len([f for f in answer["fetched"] if f.endswith(".pf_fragment")]) == len(TARGETS)
    # filter counts are those of the hits, over the whole archive
    assert answer["counts"]["地区"]["牛塘镇"] == len(TARGETS) and "湖塘镇" not in answer["counts"]["地区"]
    assert answer["counts"]["年份"] == {"2017年": 1, "2020年": 1, "2022年": 1, "2024年": 1}
    # newest first when sorted by date
    assert [u.split("/")[2] for u in dated["results"]] == ["2024", "2022", "2020", "2017"]
    # a filter narrows them, from the fragments as well
    town = run(site.site, [{"q": "安全生产", "filters": {"年份": ["2020年"]}}])[0]
    assert town["results"] == ["/articles/2020/target-mid/"]


def test_a_phrase_in_no_article_opens_nothing(site):
    # its pairs occur nowhere either: no near miss to look for, Pagefind is never loaded
    answer = run(site.site, [{"q": "量子纠缠"}])[0]
    assert answer["results"] == [] and answer["exact"] is False and answer["total"] == 0
    assert answer["scope"]["partial"] is False
    assert all(f == "pagefind-entry.json" or f == "govnews-t2s.json" or f.startswith("govnews-route/")
               for f in answer["fetched"]), answer["fetched"]
    # a phrase whose every pair is common but which no article holds: no shard's index either
    decoyed = run(site.site, [{"q": "安全生产月度总结"}])[0]
    assert decoyed["results"] == [] and not _opened(decoyed, _shard_names(site)), decoyed["fetched"]


def test_a_phrase_of_one_year_opens_only_that_years_shards(site):
    shards = _shard_names(site)
    answer = run(site.site, [{"q": CLUSTER, "limit": 100, "all": True}])[0]
    assert answer["exact"] and answer["total"] == CLUSTER_COUNT
    assert all(u.startswith(f"/articles/{CLUSTER_YEAR}/cluster-") for u in answer["results"])
    opened = _opened(answer, shards)
    assert opened and all(str(CLUSTER_YEAR) in name for name in opened), opened
    assert len(opened) < len(shards) - 3


def test_search_page_finds_a_rare_phrase_and_says_nothing_found_without_the_index(site, scale_served):
    from playwright.sync_api import sync_playwright

    from browser_support import PageLog, launch_chromium, new_page

    shards = _shard_names(site)
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            log = PageLog()
            page = new_page(browser, "phone", log)
            requested: list[str] = []
            page.on("request", lambda r: requested.append(r.url))
            status = page.locator("[data-gn-status]")
            page.goto(scale_served.url("search/?q=安全生产"))
            page.wait_for_function("() => /找到/.test(document.querySelector('[data-gn-status]').textContent)",
                                   timeout=60000)
            assert status.inner_text() == f"找到 {len(TARGETS)} 篇文章", status.inner_text()
            hrefs = page.locator("[data-gn-results] > li h2 a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
            assert sorted(hrefs) == sorted(TARGETS)
            assert page.locator("[data-gn-results] mark").first.inner_text() == "安全生产"
            assert page.locator("[data-gn-older]").is_hidden()
            # the facet counts are the hits'
            count = page.locator("[data-gn-param=town] [data-gn-value]", has_text="牛塘镇").locator("[data-gn-count]")
            assert count.text_content() == str(len(TARGETS))   # folded on a phone: text, not inner text
            pagefind = [u.split("/pagefind/", 1)[1] for u in requested if "/pagefind/" in u]
            assert not [p for p in pagefind if p.split("/")[0] in shards and not p.endswith(".pf_fragment")], pagefind
            assert not [p for p in pagefind if p.startswith("wasm.")], pagefind

            requested.clear()
            page.goto(scale_served.url("search/?q=量子纠缠"))
            page.wait_for_function("() => /没有/.test(document.querySelector('[data-gn-status]').textContent)",
                                   timeout=60000)
            assert status.inner_text() == "没有找到包含「量子纠缠」的文章，也没有相近的结果"
            assert page.locator("[data-gn-results] > li").count() == 0
            pagefind = [u.split("/pagefind/", 1)[1] for u in requested if "/pagefind/" in u]
            assert pagefind and all(p.startswith(("pagefind-entry.json", "govnews-route/", "govnews-t2s.json"))
                                    for p in pagefind), pagefind
            assert not log.errors and not log.failed, (log.errors, log.failed)
        finally:
            browser.close()
