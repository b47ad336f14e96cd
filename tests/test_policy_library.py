"""The policy library (issue 13): documents (type 政策文件) as articles, linked both ways with
their explainers; /policies/ with filters from the facet engine; banners of repealed and
revised documents; structured data; search by 有效性; bad input as messages.

One real build of the sample site plus the library of tests/policy_fixtures.py; the failing
inputs share a second project.
"""

from __future__ import annotations

import json
import re
import subprocess

import feedparser
import pytest
from test_publish import _resolve

from conftest import ROOT, Project, make_project
from policy_fixtures import EVIL_DOC_TITLE, EVIL_INDEX, EVIL_ISSUER, N_A, N_B, N_EVIL, N_OLD, N_REV, OFFSITE, add_library

SITE_URL = "https://news.example.gov.cn/"
INTERVIEW = "articles/2023/niu-tang-zhen-shang-xian-zheng.md"


def _jsonld(soup) -> list[dict]:
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


def _fields(soup) -> dict[str, str]:
    table = soup.select_one(".gn-document .gn-document__meta")
    assert table is not None
    return {tr.th.get_text(strip=True): tr.td.get_text("", strip=True) for tr in table.select("tr")}


@pytest.fixture(scope="module")
def lib(tmp_path_factory) -> Project:
    proj = make_project(tmp_path_factory.mktemp("policy-library"), with_content=True)
    add_library(proj)
    # the sample interview's real text, its date taken as confirmed here (not in the sample
    # site): today's inline `policy:` block of a document that is not on this site
    src = ROOT / "docs" / INTERVIEW
    proj.write(INTERVIEW, src.read_text(encoding="utf-8").replace("date_confirmed: false", "date_confirmed: true"))
    result = proj.build(strict=True)
    assert result.returncode == 0, result.stderr[-4000:]
    return proj


# -- the document page ----------------------------------------------------------------------

def test_document_page_shows_every_field(lib):
    soup = lib.html("articles/2024/doc-a/")
    fields = _fields(soup)
    assert fields["标题"] == "关于推进智能化改造和数字化转型的若干意见（测试）"
    assert fields["索引号"] == "014112345/2024-00008"
    assert fields["发文字号"] == N_A
    assert fields["发文机关"] == "常州市武进区人民政府"
    assert fields["主题分类"] == "工业、交通"
    assert fields["有效性"] == "有效"
    assert fields["成文日期"] == "2024年2月20日"
    assert fields["发布日期"] == "2024年2月26日"
    assert fields["本文件替代"] == f"关于推进智能化改造的实施意见（测试）（{N_OLD}）"
    # facet values link to the library's filter pages
    links = {a.get_text(): _resolve("articles/2024/doc-a/", a["href"]) for a in soup.select(".gn-document__meta a")}
    assert links["常州市武进区人民政府"] == "issuers/wujin-qu-zhengfu/"
    assert links["工业、交通"] == "subjects/gongye-jiaotong/"
    assert links["有效"] == "validity/youxiao/"
    # the body stays, the attachments (files the body links) are listed, and exist
    assert "现将有关意见印发给你们" in soup.select_one(".gn-body").get_text()
    files = [(a.get_text(), _resolve("articles/2024/doc-a/", a["href"])) for a in soup.select(".gn-document-files a")]
    assert files == [("1. 申报表", "articles/2024/files/shenbao.docx"), ("2. 政策全文", "articles/2024/files/zhengce.pdf")]
    for _text, target in files:
        assert (lib.site / target).is_file()
    # each with its type and size: a reader on a slow link knows what a tap costs
    kinds = [s.get_text() for s in soup.select(".gn-document-files__kind")]
    sizes = [max(1, round((lib.site / target).stat().st_size / 1024)) for _, target in files]
    assert kinds == [f"DOCX，{sizes[0]} KB", f"PDF，{sizes[1]} KB"], kinds
    assert soup.select_one(".gn-document-banner") is None   # in force: no banner


def test_chinese_key_names_are_read(lib):
    fields = _fields(lib.html("articles/2022/doc-old/"))
    assert fields["标题"] == "关于推进智能化改造的实施意见（测试）"
    assert (fields["发文字号"], fields["成文日期"], fields["发布日期"]) == (N_OLD, "2022年2月25日", "2022年3月1日")
    assert fields["发文机关"] == "常州市武进区人民政府"      # alias 武进区政府 resolved by the vocabulary


def test_explainers_and_documents_link_both_ways(lib):
    expected = {N_A: ("articles/2024/doc-a/", {"articles/2024/exp-a/", "articles/2024/exp-a-path/"}),
                N_OLD: ("articles/2022/doc-old/", {"articles/2022/exp-old/"}),
                N_REV: ("articles/2023/doc-rev/", {"articles/2023/exp-rev/"}),   # inline block, same 发文字号
                N_EVIL: ("articles/2024/doc-evil/", {"articles/2024/exp-evil/"})}
    for number, (doc_url, explainers) in expected.items():
        for url in explainers:
            card = lib.html(url).select_one(".gn-policy-card")
            title = card.select_one(".gn-policy-card__title a")
            assert _resolve(url, title["href"]) == doc_url, url
            assert number in card.get_text()
            meta = {d.dt.get_text(): d.dd.get_text() for d in card.select(".gn-policy-card__meta div")}
            assert meta["发文字号"] == number and meta["有效性"] and meta["发文机关"]
        doc = lib.html(doc_url)
        listed = {_resolve(doc_url, a["href"]) for a in doc.select("#gn-document-explainers .gn-item__title a")}
        assert listed == explainers, doc_url
        assert not (lib.site / "policies" / number).exists()
    # no /policies/<slug>/ page for a document on this site (its page is the article): only
    # the two documents known from inline blocks have one
    assert len([p for p in (lib.site / "policies").iterdir() if p.is_dir()]) == 2


def test_card_shows_status_of_a_document_no_longer_in_force(lib):
    card = lib.html("articles/2022/exp-old/").select_one(".gn-policy-card")
    assert "本文件已于2024年2月26日废止" in card.select_one(".gn-policy-card__status").get_text()
    meta = {d.dt.get_text(): d.dd.get_text() for d in card.select(".gn-policy-card__meta div")}
    assert meta["有效性"] == "废止"


def test_repealed_document_banner_with_date_and_successor(lib):
    url = "articles/2022/doc-old/"
    soup = lib.html(url)
    banner = soup.select_one(".gn-document-banner")
    assert banner is not None and "gn-document-banner--void" in banner["class"]
    assert banner.get_text(" ", strip=True).startswith("本文件已于2024年2月26日废止。")
    link = banner.select_one("a.gn-document-banner__successor")
    assert _resolve(url, link["href"]) == "articles/2024/doc-a/" and N_A in link.get_text()
    fields = _fields(soup)
    assert fields["有效性"] == "废止" and fields["废止日期"] == "2024年2月26日"
    assert fields["替代文件"] == f"关于推进智能化改造和数字化转型的若干意见（测试）（{N_A}）"
    # expired without a successor: the date only
    evil = lib.html("articles/2024/doc-evil/").select_one(".gn-document-banner")
    assert evil.get_text(strip=True) == "本文件已于2024年12月31日失效。" and evil.find("a") is None


def test_revised_document_links_to_the_revised_text(lib):
    url = "articles/2023/doc-rev/"
    soup = lib.html(url)
    banner = soup.select_one(".gn-document-banner")
    assert "本文件已修订" in banner.get_text() and "gn-document-banner--void" not in banner["class"]
    link = banner.select_one("a")
    assert _resolve(url, link["href"]) == "articles/2024/doc-b/"
    assert _fields(soup)["修订后文本"].endswith(f"（{N_B}）")
    assert _fields(lib.html("articles/2024/doc-b/"))["本文件替代"].endswith(f"（{N_REV}）")


# -- the library ------------------------------------------------------------------------------

def test_library_lists_documents_newest_first_then_documents_elsewhere(lib):
    soup = lib.html("policies/")
    items = soup.select(".gn-library .gn-item")
    urls = [_resolve("policies/", i.select_one(".gn-item__title a")["href"]) for i in items]
    assert urls == ["articles/2024/doc-b/", "articles/2024/doc-evil/", "articles/2024/doc-a/",
                    "articles/2023/doc-rev/", "articles/2022/doc-old/"]
    statuses = [i["data-gn-status"] for i in items]
    assert statuses == ["有效", "失效", "有效", "修订", "废止"]
    assert "暂无解读" in items[0].get_text() and "2 篇解读" in items[2].get_text()
    assert N_A in items[2].get_text() and "常州市武进区人民政府" in items[2].get_text()
    elsewhere = [a.get_text() for a in soup.select(".gn-policies--elsewhere .gn-item__title a")]
    assert OFFSITE in elsewhere and "“智能化改造、数字化转型”三年行动计划" in elsewhere
    assert "政策文件" in [a.get_text(strip=True) for a in lib.html("").select(".md-tabs a")]
    search = soup.select_one(".gn-lead a")
    assert search.get_text() == "在政策文件中搜索"
    assert _resolve("policies/", search["href"].split("?")[0]) == "search/"
    assert search["href"].endswith("?type=%E6%94%BF%E7%AD%96%E6%96%87%E4%BB%B6")


def test_library_filters_come_from_the_facets_with_counts(lib):
    soup = lib.html("policies/")
    groups = {g["data-gn-facet"]: {a.contents[0].strip(): (int(a.select_one(".gn-chip__count").get_text()),
                                                           _resolve("policies/", a["href"]))
                                   for a in g.select("a.gn-chip")}
              for g in soup.select(".gn-library-filter")}
    assert list(groups) == ["issuer", "subject", "status", "policy_year"]
    assert groups["issuer"] == {"常州市武进区人民政府": (3, "issuers/wujin-qu-zhengfu/"),
                                "常州市武进区人民政府办公室": (2, "issuers/wujin-qu-zhengfu-ban/"),
                                EVIL_ISSUER: (1, "issuers/evil-issuer/")}
    assert groups["subject"] == {"综合政务": (1, "subjects/zonghe-zhengwu/"), "工业、交通": (2, "subjects/gongye-jiaotong/"),
                                 "科技、教育": (2, "subjects/keji-jiaoyu/")}
    assert groups["status"] == {"有效": (2, "validity/youxiao/"), "修订": (1, "validity/xiuding/"),
                                "失效": (1, "validity/shixiao/"), "废止": (1, "validity/feizhi/")}
    assert groups["policy_year"] == {"2024年": (3, "policy-years/2024/"), "2023年": (1, "policy-years/2023/"),
                                     "2022年": (1, "policy-years/2022/")}
    # each filter value is a list page of documents only, with as many as its count
    for facet in groups.values():
        for count, url in facet.values():
            page = lib.html(url)
            titles = [a["href"] for a in page.select(".gn-list .gn-item__title a")]
            assert len(titles) == count, url
            assert all("/doc-" in _resolve(url, h) for h in titles), url
    # no page for a value without documents (no blank columns); news has no 发文机关
    assert not (lib.site / "issuers" / "jiangsu-sheng-zhengfu").exists()
    assert not (lib.site / "subjects" / "guofang").exists()
    assert not (lib.site / "policy-years" / "2021").exists()
    assert "暂无文章" not in (lib.site / "validity" / "index.html").read_text(encoding="utf-8")


def test_library_feed_and_autodiscovery(lib):
    feed = feedparser.parse((lib.site / "policies" / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert [e.link for e in feed.entries] == [SITE_URL + u for u in (
        "articles/2024/doc-b/", "articles/2024/doc-evil/", "articles/2024/doc-a/", "articles/2023/doc-rev/",
        "articles/2022/doc-old/")]
    assert feed.entries[1].title == EVIL_DOC_TITLE
    links = lib.html("policies/").find_all("link", rel="alternate feed")
    assert {_resolve("policies/", link["href"]) for link in links} == {"feed.xml", "policies/feed.xml"}
    # documents are articles: in the site feed and the sitemap like any other
    sitemap = (lib.site / "sitemap.xml").read_text(encoding="utf-8")
    # the library's lastmod is its newest document or explainer (exp-offsite, 2024-05-01), not the site's
    assert re.search(r"<loc>https://news\.example\.gov\.cn/policies/</loc>\s*<lastmod>2024-05-01T00:00:00\+08:00"
                     r"</lastmod>", sitemap), sitemap[:3000]
    assert SITE_URL + "articles/2024/doc-a/" in sitemap and SITE_URL + "issuers/wujin-qu-zhengfu/" in sitemap


# -- structured data, meta tags and escaping ------------------------------------------------------

def test_document_structured_data_and_government_meta(lib):
    soup = lib.html("articles/2022/doc-old/")
    law = next(d for d in _jsonld(soup) if d["@type"] == "Legislation")
    assert law["legislationIdentifier"] == N_OLD
    assert law["legislationDate"] == "2022-02-25" and law["datePublished"].startswith("2022-03-01")
    assert law["legislationLegalForce"] == "https://schema.org/NotInForce" and law["expires"] == "2024-02-26"
    assert [o["name"] for o in law["legislationPassedBy"]] == ["常州市武进区人民政府"]
    assert law["about"] == {"@type": "Thing", "name": "工业、交通"}
    new = next(d for d in _jsonld(lib.html("articles/2024/doc-a/")) if d["@type"] == "Legislation")
    assert new["legislationLegalForce"] == "https://schema.org/InForce"
    assert new["legislationChanges"] == [{"@type": "Legislation", "url": SITE_URL + "articles/2022/doc-old/"}]
    meta = {m["name"]: m["content"] for m in soup.find_all("meta", attrs={"name": True})}
    assert meta["ColumnName"] == "政策文件" and meta["ColumnType"] == "政策文件"
    assert meta["ArticleTitle"] == "关于推进智能化改造的实施意见（测试）" and meta["PubDate"] == "2022-03-01 00:00"
    assert meta["ContentSource"] == "常州市武进区人民政府" and meta["SiteIDCode"] == "0000000000"
    # an explainer says what it is about
    news = next(d for d in _jsonld(lib.html("articles/2024/exp-a/")) if d["@type"] == "NewsArticle")
    assert news["about"]["legislationIdentifier"] == N_A
    assert news["about"]["url"] == SITE_URL + "articles/2024/doc-a/"


def test_hostile_front_matter_is_escaped_everywhere(lib):
    for url in ("articles/2024/doc-evil/", "policies/", "articles/2024/exp-evil/", "issuers/evil-issuer/"):
        raw = (lib.site / url / "index.html").read_text(encoding="utf-8")
        assert "<img src=x" not in raw and "<b>坏</b>" not in raw and "<i>2024</i>" not in raw, url
    soup = lib.html("articles/2024/doc-evil/")
    fields = _fields(soup)
    assert fields["标题"] == EVIL_DOC_TITLE and fields["索引号"] == EVIL_INDEX and fields["发文机关"] == EVIL_ISSUER
    law = next(d for d in _jsonld(soup) if d["@type"] == "Legislation")
    assert law["name"] == EVIL_DOC_TITLE and law["identifier"] == EVIL_INDEX
    assert law["legislationPassedBy"][0]["name"] == EVIL_ISSUER
    head_scripts = [s for s in soup.head.find_all("script") if s.get("type") == "application/ld+json"]
    assert len(head_scripts) == 2    # Legislation + BreadcrumbList: nothing broke out
    meta = {m["name"]: m["content"] for m in soup.find_all("meta", attrs={"name": True})}
    assert meta["ContentSource"] == EVIL_ISSUER


# -- today's inline policy blocks keep working ----------------------------------------------------

def test_inline_policy_block_keeps_its_policy_page(lib):
    url = "articles/2023/niu-tang-zhen-shang-xian-zheng/"
    card = lib.html(url).select_one(".gn-policy-card")
    target = _resolve(url, card.select_one(".gn-policy-card__title a")["href"])
    assert re.fullmatch(r"policies/[a-z0-9-]+/", target), target
    page = lib.html(target)
    assert page.find("h1").get_text() == "“智能化改造、数字化转型”三年行动计划"
    assert {_resolve(target, a["href"]) for a in page.select(".gn-list .gn-item__title a")} == {url}
    offsite = lib.html("articles/2024/exp-offsite/").select_one(".gn-policy-card")
    assert "https://www.example.gov.cn/zcwj/2.html" in [a["href"] for a in offsite.find_all("a")]


def test_sample_site_builds_without_a_blank_library(sample_site):
    # the sample's only explainer (the 牛塘镇 interview, date: 2023) is published: the library
    # lists the policy it explains, which is not on this site; no document, so no document facets
    lib = sample_site.html("policies/")
    items = [a.get_text(strip=True) for a in lib.select(".gn-item__title a")]
    assert items == ["“智能化改造、数字化转型”三年行动计划"], items
    nav = [a.get_text(strip=True) for a in sample_site.html("").select(".md-tabs a, .md-nav a")]
    assert "政策文件" in nav
    assert not (sample_site.site / "issuers").exists() and not (sample_site.site / "validity").exists()


# -- search -------------------------------------------------------------------------------------

def _search(site_dir, queries: list[dict], mode: str = "raw") -> list[dict]:
    proc = subprocess.run(["/usr/bin/node", str(ROOT / "scripts" / "search_eval.mjs"), str(site_dir), mode],
                          input=json.dumps(queries, ensure_ascii=False), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


def test_search_filters_by_validity_issuer_and_subject(lib):
    from govnews.search import terms

    every = {"q": terms.EVERY, "limit": 1000}
    answers = _search(lib.site, [{**every, "filters": {"有效性": ["废止"]}},
                                 {**every, "filters": {"有效性": ["有效"]}},
                                 {**every, "filters": {"有效性": ["失效", "废止"]}},
                                 {**every, "filters": {"发文机关": ["常州市武进区人民政府办公室"]}},
                                 {**every, "filters": {"主题分类": ["科技、教育"], "有效性": ["有效"]}},
                                 {**every, "filters": {"类型": ["政策文件"]}}])
    repealed, valid, void, office, science, documents = (set(a["results"]) for a in answers)
    assert repealed == {"/articles/2022/doc-old/"}
    assert valid == {"/articles/2024/doc-a/", "/articles/2024/doc-b/"}      # explainers and news carry no 有效性
    assert void == {"/articles/2022/doc-old/", "/articles/2024/doc-evil/"}
    assert office == {"/articles/2023/doc-rev/", "/articles/2024/doc-b/"}
    assert science == {"/articles/2024/doc-b/"}
    assert len(documents) == 5
    # a document is found by its 发文字号, through govnews' own search engine (search.js)
    by_number = _search(lib.site, [{"q": N_OLD}, {"q": "武政办发〔2024〕5号"}], mode="govnews")
    assert by_number[0]["results"][0] == "/articles/2022/doc-old/"
    assert by_number[1]["results"][0] == "/articles/2024/doc-b/"
    # the search page offers them as filter groups, counted from the facet engine
    page = lib.html("search/")
    group = page.select_one('fieldset[data-gn-filter="有效性"]')
    assert group is not None and group["data-gn-param"] == "status"
    totals = {i.select_one("input")["value"]: int(i["data-gn-total"]) for i in group.select("[data-gn-value]")}
    assert totals == {"有效": 2, "修订": 1, "失效": 1, "废止": 1}
    assert page.select_one('fieldset[data-gn-filter="发文机关"]') is not None


# -- govnews check ------------------------------------------------------------------------------

def test_check_lists_unexplained_documents_as_information(lib):
    result = lib.govnews("check")
    assert result.returncode == 0, result.stdout + result.stderr
    infos = [line for line in result.stdout.splitlines() if "还没有解读" in line]
    assert len(infos) == 1, result.stdout
    assert re.match(r"docs/articles/2024/doc-b\.md:\d+: 提示：政策文件「关于加强科技创新的若干措施（修订）（测试）」还没有解读", infos[0])
    assert N_B in infos[0]


def test_check_names_explainers_whose_policy_has_no_original_to_open(lib, tmp_path):
    """An explainer of a policy that is neither on this site nor linked: readers cannot reach the
    original, which inspectors count as 解读未与原文关联. Information, not a failure."""
    # on the library site: documents on the site or linked, but the sample interview's 三年行动计划,
    # whose text names no document number, date or address
    named = [line.split(":", 1)[0] for line in lib.govnews("check").stdout.splitlines() if "没有原文链接" in line]
    assert named == ["docs/" + INTERVIEW]
    proj = make_project(tmp_path / "proj")
    proj.article("2024/exp.md", title="省级行动计划解读", type="政策解读", town="武进区",
                 policy="\n  title: 江苏省制造业智能化改造行动计划\n  issuer: 江苏省人民政府")
    proj.article("2024/exp-draft.md", title="草稿中的解读", type="政策解读", town="武进区", draft="true",
                 policy="\n  title: 江苏省某项计划\n  issuer: 江苏省人民政府")
    result = proj.govnews("check")
    assert result.returncode == 0, result.stdout + result.stderr
    found = [line for line in result.stdout.splitlines() if "没有原文链接" in line]
    assert found == ["docs/articles/2024/exp.md:6: 提示：所解读的政策「江苏省制造业智能化改造行动计划」没有原文链接："
                     "读者看不到原文，检查时算作解读未与政策原文关联；请在 policy 下写 link: 原文网址（https://…），"
                     "或把原文作为政策文件（type: 政策文件）发布到本站"], result.stdout


# -- bad input: `path:line: message（是否应为「…」？）`, failing strict builds and check ------------

BAD_DOCS = {   # file → front matter lines
    "2024/doc.md": ["type: 政策文件", "issuer: 常州市武进区人民政府", f"number: {N_A}"],
    "2024/doc-brackets.md": ["type: 政策文件", "issuer: 常州市武进区人民政府", "number: 武政发【2024】08号"],
    "2024/doc-year.md": ["type: 政策文件", "issuer: 常州市武进区人民政府", "number: 武政发〔24〕9号"],
    "2024/doc-dup.md": ["type: 政策文件", "issuer: 常州市武进区人民政府", f"number: {N_A}"],
    "2024/doc-void.md": ["type: 政策文件", "issuer: 常州市武进区人民政府", "number: 武政发〔2024〕10号", "status: 废止"],
    "2024/doc-status.md": ["type: 政策文件", "issuer: 常州市武进区人民政府", "number: 武政发〔2024〕11号", "status: 已废"],
    "2024/doc-issuer.md": ["type: 政策文件", "issuer: 常州市武进区人民正府", "number: 武政发〔2024〕12号"],
    "2024/doc-noissuer.md": ["type: 政策文件", "number: 武政发〔2024〕13号"],
    "2024/doc-successor.md": ["type: 政策文件", "issuer: 常州市武进区人民政府", "number: 武政发〔2024〕14号",
                              "status: 废止", "replaced_by: 武政发〔2024〕80号"],
    "2024/doc-future.md": ["type: 政策文件", "issuer: 常州市武进区人民政府", "number: 武政发〔2024〕16号",
                           "status: 失效", "expired: 2099-01-01"],
    "2024/news-number.md": ["number: 武政发〔2024〕15号"],
    "2024/exp-unknown.md": ["type: 政策解读", "policy: 武政发〔2024〕18号"],
    "2024/exp-brackets.md": ["type: 政策解读", "policy: 武政发[2024]8号"],
    "2024/exp-path.md": ["type: 政策解读", "policy: ../2024/dco.md"],
}


def _line(proj: Project, rel: str, key: str) -> int:
    lines = (proj.docs / "articles" / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, text in enumerate(lines, 1) if text.startswith(f"{key}:"))


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    proj = make_project(tmp_path_factory.mktemp("policy-bad"))
    for rel, lines in BAD_DOCS.items():
        proj.write(f"articles/{rel}", "\n".join(["---", f"title: 文件{rel}", "date: 2024-05-29", *lines, "---", "",
                                                 "正文。", ""]))
    cmd_quiet = proj.build(extra=["-q"])
    return proj, proj.build(), cmd_quiet, proj.govnews("check")


def _expected(proj: Project) -> list[str]:
    at = lambda rel, key: f"docs/articles/{rel}:{_line(proj, rel, key)}: "  # noqa: E731
    return [
        at("2024/exp-unknown.md", "policy") + f"policy：本站没有发文字号为「武政发〔2024〕18号」的政策文件（是否应为「{N_A}」？）",
        at("2024/exp-brackets.md", "policy") + f"policy「武政发[2024]8号」写法不规范（是否应为「{N_A}」？）",
        at("2024/exp-path.md", "policy") + "policy：找不到政策文件「../2024/dco.md」（是否应为「doc.md」？）",
        at("2024/doc-brackets.md", "number") + "发文字号「武政发【2024】08号」写法不规范：年份写在六角括号〔〕里，序号不加“第”、不编虚位，"
                                               f"末尾写“号”（是否应为「{N_A}」？）",
        at("2024/doc-year.md", "number") + f"发文字号「武政发〔24〕9号」中的年份应写全 4 位，如 {N_A}",
        at("2024/doc-dup.md", "number") + f"发文字号「{N_A}」与 docs/articles/2024/doc-brackets.md 重复",
        at("2024/doc-void.md", "status") + "有效性为「废止」的文件须写 expired（废止日期）或 replaced_by（替代它的文件的发文字号）",
        at("2024/doc-status.md", "status") + "有效性「已废」不存在，应为 有效、修订、失效、废止 之一（是否应为「废止」？）",
        at("2024/doc-issuer.md", "issuer") + "发文机关「常州市武进区人民正府」不存在，应为 常州市武进区人民政府、常州市武进区人民政府办公室、"
                                             "常州市人民政府、江苏省人民政府、湖塘镇人民政府、牛塘镇人民政府、平湖市人民政府 之一"
                                             "（是否应为「常州市武进区人民政府」？）",
        at("2024/doc-noissuer.md", "type") + "类型为「政策文件」的文章须写发文机关 issuer（如 issuer: 常州市武进区人民政府）",
        at("2024/doc-successor.md", "replaced_by") + "replaced_by：本站没有发文字号为「武政发〔2024〕80号」的政策文件"
                                                     f"（是否应为「{N_A}」？）",
        at("2024/doc-future.md", "expired") + "expired（2099年1月1日）还没有到：到那天之前文件仍有效，请到期后再把 status 改为「失效」",
        at("2024/news-number.md", "number") + "number（发文字号）只用于类型为 政策文件 的文章（本文类型为「新闻」）",
    ]


def test_bad_policy_input_fails_strict_builds_with_messages(bad):
    proj, loud, quiet, _check = bad
    for result in (loud, quiet):
        assert result.returncode != 0
        assert "Traceback" not in result.stderr
        missing = [m for m in _expected(proj) if m not in result.stderr]
        assert missing == [], result.stderr[-5000:]


def test_bad_policy_input_fails_check_with_the_same_messages(bad):
    proj, _loud, _quiet, check = bad
    assert check.returncode == 1
    assert "Traceback" not in check.stderr
    missing = [m for m in _expected(proj) if m not in check.stdout]
    assert missing == [], check.stdout[-5000:]


# -- deterministic output -------------------------------------------------------------------------

def test_library_builds_byte_identical(lib, tmp_path):
    import shutil

    again = Project(tmp_path / "again")
    shutil.copytree(lib.root, again.root, ignore=shutil.ignore_patterns("site"))
    assert again.build().returncode == 0

    def files(root):
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    first, second = files(lib.site), files(again.site)
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


# -- the pages are valid HTML and their links resolve -------------------------------------------

def test_library_pages_pass_the_link_check(lib):
    result = subprocess.run([__import__("sys").executable, str(ROOT / "scripts" / "linkcheck.py"), str(lib.site)],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 errors found" in result.stdout and "0 warnings found" in result.stdout


def test_library_pages_are_valid_html(lib):
    from test_html_valid import unexplained, validate

    urls = ["policies/", "articles/2024/doc-a/", "articles/2022/doc-old/", "articles/2023/doc-rev/",
            "articles/2024/doc-evil/", "articles/2024/exp-a/", "issuers/", "validity/feizhi/", "policy-years/2024/"]
    problems = unexplained(validate([str(lib.site / u / "index.html") for u in urls]))
    assert problems == [], "\n".join(problems)
