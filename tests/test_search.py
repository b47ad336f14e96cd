"""Search index of a real build: what is indexed, filters, sort, meta, determinism, escaping.

One project (the sample site, a few generated articles and the fixtures below) is built
once per session with the real `mkdocs build`; queries run through Pagefind's own
JavaScript in Node (scripts/search_eval.mjs), raw and through govnews' engine. Its shard
size is small, so every query runs across several date shards merged in the browser
(a 100,000-article site has dozens); the sample site's tests cover the single bundle.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from govnews.search import terms

import search_quality_eval as quality
from browser_support import build_once
from conftest import ROOT, Project, make_project

DRAFT_WORD = "草稿专用词甲乙"
FUTURE_WORD = "未来专用词丙丁"
ESCAPE_WORD = "转义测试词戊己"
FILTER_WORD = "筛选测试词庚辛"
NASTY_TITLE = "标题</script><img src=x onerror=alert(1)>&amp;测试"


SHARD_SIZE = 12


def add_fixtures(proj: Project) -> None:
    from synth import write_corpus

    proj.plugin_options(search_shard_size=SHARD_SIZE)

    write_corpus(str(proj.docs), 40, seed=5)
    proj.article("2024/search-draft.md", title="草稿文章", body=f"{DRAFT_WORD}。", draft="true",
                 town="湖塘镇", topic="[营商环境]")
    proj.article("2099/search-future.md", title="未来文章", date="2099-01-01", body=f"{FUTURE_WORD}。",
                 town="湖塘镇", topic="[营商环境]")
    proj.article("2024/search-escape.md", title=json.dumps(NASTY_TITLE, ensure_ascii=False), date="2024-03-02",
                 body=f"{ESCAPE_WORD}。\n\n<!-- 编辑备注：脚本里的词 -->\n", town="牛塘镇",
                 topic="[文化]", author="[记者 测试员]")
    proj.article("2023/search-filter.md", title="筛选测试", date="2023-03-15 10:30", body=f"{FILTER_WORD}。",
                 town="新埭镇", topic="[文化, 交通]", type="通知公告", author="[记者 测试员, 通讯员 李四]")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Project:
    return build_once(tmp_path_factory, "search-site", add_fixtures)


def run(site_dir: Path, queries: list[dict], mode: str = "govnews") -> list[dict]:
    proc = subprocess.run(["/usr/bin/node", str(ROOT / "scripts" / "search_eval.mjs"), str(site_dir), mode],
                          input=json.dumps(queries, ensure_ascii=False), capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


def everything(site_dir: Path, **extra) -> dict:
    """Every indexed page: the word every record carries, as filter-only searches use it."""
    return run(site_dir, [{"q": terms.EVERY, "limit": 100000, **extra}], "raw")[0]


@pytest.fixture(scope="session")
def published(site: Project) -> dict[str, dict[str, list[str]]]:
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1790000000"
    try:
        return {"/" + url: f for url, f in quality.project_filters(str(site.root / "mkdocs.yml")).items()}
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def test_index_holds_exactly_the_published_articles(site, published):
    got = everything(site.site)
    assert set(got["results"]) == set(published)
    assert got["total"] == len(published) > 40
    entry = json.loads((site.site / "pagefind" / "pagefind-entry.json").read_text())
    shards = entry["govnews_shards"]
    # several shards: each apart below a stand-in primary (search/worker.py write_router)
    assert len(shards) >= 3 and all(s["path"] == s["name"] + "/" for s in shards)
    assert entry["languages"]["und"]["page_count"] == 1
    counts = []
    for shard in shards:
        shard_entry = json.loads((site.site / "pagefind" / shard["path"] / "pagefind-entry.json").read_text())
        counts += [lang["page_count"] for lang in shard_entry["languages"].values()]
    assert sum(counts) == len(published) and max(counts) <= SHARD_SIZE
    # generated pages (home, topics, towns, archive, search …) and drafts are not in it
    assert all(u.startswith("/articles/") for u in got["results"])
    assert "/articles/2024/search-draft/" not in got["results"]
    assert "/articles/2099/search-future/" not in got["results"]


def test_drafts_future_and_comments_are_not_searchable(site):
    # scripts never reach a body (bodysafety refuses them: tests/test_hardening.py); comments are editors' notes
    answers = run(site.site, [{"q": DRAFT_WORD}, {"q": FUTURE_WORD}, {"q": "脚本里的词"}, {"q": ESCAPE_WORD}])
    assert [a["results"] for a in answers[:3]] == [[], [], []]
    assert answers[3]["results"] == ["/articles/2024/search-escape/"]


def test_chrome_and_index_pages_are_not_searchable(site):
    # words that only the site's chrome and generated pages carry
    footer = BeautifulSoup((site.site / "index.html").read_text(encoding="utf-8"), "lxml")
    assert "主办单位" in footer.get_text()
    description = "政企沟通与惠企政策落实"  # topics.yml: 营商环境's description, on its topic page
    assert description in (site.site / "topics" / "yingshang-huanjing" / "index.html").read_text(encoding="utf-8")
    answers = run(site.site, [{"q": "主办单位"}, {"q": description}, {"q": "上一篇"}, {"q": "营商环境"}])
    assert [a["results"] for a in answers[:3]] == [[], [], []]
    assert answers[3]["results"]  # while article words are found


def test_filters_follow_the_facet_engine(site, published):
    fixture = published["/articles/2023/search-filter/"]
    assert fixture == {"专题": ["文化", "交通"], "地区": ["浙江省", "嘉兴市", "平湖市", "新埭镇"],
                       "类型": ["通知公告"], "年份": ["2023年"]}
    # a parent place finds its towns' articles (武进区 → 湖塘镇), and nothing else
    wujin = everything(site.site, filters={"地区": ["武进区"]})["results"]
    expected = {u for u, f in published.items() if "武进区" in f.get("地区", [])}
    assert set(wujin) == expected
    hutang = {u for u, f in published.items() if "湖塘镇" in f.get("地区", [])}
    assert hutang and hutang <= set(wujin)
    assert not {u for u, f in published.items() if "平湖市" in f.get("地区", [])} & set(wujin)
    # several values of one filter: any of them; several filters: all of them
    both = everything(site.site, filters={"专题": ["文化", "交通"], "年份": ["2023年"]})["results"]
    assert set(both) == {u for u, f in published.items()
                         if {"文化", "交通"} & set(f.get("专题", [])) and f.get("年份") == ["2023年"]}
    # years only (search_levels: 1), no months
    years = {v for f in published.values() for v in f.get("年份", [])}
    assert years and all(v.endswith("年") and "月" not in v for v in years)


def test_filter_counts_match_the_search_page(site, published):
    page = site.html("search/")
    for group in page.select("[data-gn-filter]"):
        name = group["data-gn-filter"]
        for item in group.select("[data-gn-value]"):
            value = item.select_one("input")["value"]
            expected = sum(1 for f in published.values() if value in f.get(name, []))
            assert int(item["data-gn-total"]) == expected, (name, value)
    # the URL parameters are the facet names
    assert {g["data-gn-param"] for g in page.select("[data-gn-filter]")} == {"topic", "town", "type", "archive"}


def test_sort_by_date_and_result_meta(site):
    answers = run(site.site, [{"q": "", "filters": {"类型": ["通知公告"]}},
                              {"q": FILTER_WORD},
                              {"q": "湖塘镇", "sort": "date", "limit": 100},
                              {"q": "", "filters": {"地区": ["武进区"]}, "limit": 100}])
    notice, fixture, by_date, filtered = answers
    assert "/articles/2023/search-filter/" in notice["results"]
    assert fixture["results"] == ["/articles/2023/search-filter/"]
    first = fixture["first"]
    assert (first["title"], first["date"], first["town"], first["author"]) == ("筛选测试", "2023年3月15日", "新埭镇",
                                                                               "测试员、李四")
    assert any(piece["mark"] and piece["text"] == FILTER_WORD for piece in first["excerpt"])

    def date_of(url: str) -> str:
        soup = site.html(url)
        return soup.select_one(".gn-meta time")["datetime"]

    # newest first across every shard (each shard ranks only its own pages by date)
    for answer in (by_date, filtered):
        dates = [date_of(u) for u in answer["results"]]
        assert len(dates) == answer["total"] > SHARD_SIZE and dates == sorted(dates, reverse=True)
        years = {d[:4] for d in dates}
        assert len(years) >= 2


def test_titles_are_stored_raw_and_escaped_in_the_record(site):
    answer = run(site.site, [{"q": ESCAPE_WORD}])[0]
    assert answer["first"]["title"] == NASTY_TITLE  # shown with textContent, never as HTML
    from govnews.common.text import parse_date
    from govnews.model.catalog import Article
    from govnews.search.records import record_html

    art = Article(src="a.md", path="a.md", title=NASTY_TITLE, date=parse_date("2024-01-01"), url="articles/2024/a/")
    html = record_html(art, "正文", {})
    assert "<img" not in html and "</script><" not in html


def test_terms_match_their_javascript_twin(site):
    """search/terms.py and assets/search.js must split text and queries identically."""
    samples = [page.read_text(encoding="utf-8")[:3000] for page in sorted((ROOT / "docs" / "articles").rglob("*.md"))]
    samples += ["PM2.5浓度 3.8万余件 ＰＭ２．５ New Energy汽车 B2幢 95.3% a_b __x 一 〇", "“小湖来帮办”\n\n## 标题\n正文",
                "湖塘镇:架起政企、政民交流互动新桥梁", "𠀀𠀁测试 Ünïcode café", "", "¶¶ ¶ govnewsall"]
    script = """
const api = require(process.argv[1]);
const items = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(items.map((it) => ({
  words: api.queryWords(it.text), terms: api.queryTerms(it.text), decoded: api.decode(it.encoded)}))));
"""
    items = [{"text": s, "encoded": terms.encode(s)} for s in samples]
    proc = subprocess.run(["/usr/bin/node", "-e", script, str(ROOT / "plugins" / "govnews" / "site" / "assets" / "search.js")],
                          input=json.dumps(items, ensure_ascii=False), capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    for text, js in zip(samples, json.loads(proc.stdout)):
        assert js["words"] == terms.query_words(text)
        assert js["terms"] == terms.query_terms(text)
        assert js["decoded"] == terms.decode(terms.encode(text))
        # encode → decode loses nothing but whitespace
        assert terms.normalize("".join(js["decoded"])) == terms.normalize(text.replace("¶", "").replace(terms.EVERY, ""))


def test_bundle_is_byte_identical_across_builds(site, tmp_path):
    other = make_project(tmp_path / "again", with_content=False)
    import shutil

    shutil.copy(site.root / "mkdocs.yml", other.root / "mkdocs.yml")
    shutil.rmtree(other.docs)
    shutil.copytree(site.docs, other.docs)
    result = other.build(strict=True)
    assert result.returncode == 0, result.stderr[-3000:]

    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    first, second = files(site.site / "pagefind"), files(other.site / "pagefind")
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_pages_carry_the_search_box_and_page(site):
    article = site.html("articles/2023/search-filter/")
    form = article.select_one("form[data-gn-search-form=header]")
    assert form is not None and form["action"] == "../../../search/"
    assert form.select_one("input[name=q]") is not None
    assert article.select_one("[data-md-component=search]") is None  # Material's own search stays off
    page = site.html("search/")
    assert page.select_one("form[data-gn-search-form=page] input[name=q]") is not None
    nav = [a.get_text(strip=True) for a in page.select("nav.md-tabs a")]
    assert "搜索" in nav
