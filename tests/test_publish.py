"""Publishing on a real built site: feeds, sitemap, JSON-LD/Open Graph (and their escaping),
government <meta> tags and footer, policy explainers, FAQ, related articles, updates, stats.

One site is built for the whole module; the failing-input cases share a second project.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import feedparser
import pytest

from govnews.config.project import load_settings
from govnews.model.catalog import article_sources
from govnews.site.build import build_site
from govnews.site.related import WINDOW

from conftest import Project, make_project, published_samples
from synth import write_corpus

SITE_URL = "https://news.example.gov.cn/"
EVIL_TITLE = '</script><img src=x onerror="alert(1)">测试&标题'
EVIL_TOPIC = "<i>坏</i>专题"
EVIL_SPONSOR = "武进区<b>政府</b>&办公室"
N_FILLER = 24          # articles in 营商环境 besides the evil one: more than a feed holds
POLICY_NUMBER = "武政发〔2024〕1号"


def _yaml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def filler_dates() -> list[date]:
    return [date(2024, 1, 3) + timedelta(days=5 * i) for i in range(N_FILLER)]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Project:
    proj = make_project(tmp_path_factory.mktemp("publish"))
    with open(proj.docs / "_vocab" / "topics.yml", "a", encoding="utf-8") as fh:
        fh.write(f"- name: {_yaml(EVIL_TOPIC)}\n  slug: evil\n  description: 测试转义\n")
    cfg = proj.root / "mkdocs.yml"
    text = cfg.read_text(encoding="utf-8")
    text = re.sub(r"sponsor: .*", f"sponsor: {_yaml(EVIL_SPONSOR)}", text, count=1)
    cfg.write_text(text, encoding="utf-8")

    proj.article("2024/evil.md", title=_yaml(EVIL_TITLE), date="2024-05-29 10:30", updated="2024-06-02 09:00",
                 update_note="更正了第二段数据", author="[记者 何晓丹, 通讯员 屠东君]", town="湖塘镇",
                 topic=f"[营商环境, {_yaml(EVIL_TOPIC)}]", source="武进日报", keywords="[帮办, 政企]",
                 summary=_yaml("摘要里也有</script>和<b>标签</b>"))
    for i, day in enumerate(filler_dates()):
        proj.article(f"2024/filler-{i:02d}.md", title=f"营商环境工作第{i}篇", date=day.isoformat(),
                     author="[记者 吴梦婷]", town="湖塘镇" if i % 2 else "牛塘镇", topic="[营商环境]")
    policy = ("\n  title: 关于推进智能化改造数字化转型的若干意见\n  number: " + POLICY_NUMBER +
              "\n  issuer: 常州市武进区人民政府\n  date: 2024-01-05\n  link: https://www.example.gov.cn/zcwj/1.html")
    proj.article("2024/explainer-one.md", title="政风热线：科技创新答问", date="2024-05-20", type="政策解读",
                 author="[记者 吴梦婷]", town="牛塘镇", topic="[科技创新]", policy=policy,
                 body="近日，牛塘镇上线“政风热线”。\n\n问：牛塘镇围绕科技创新做了哪些工作？\n\n"
                      "答：主要包含三方面内容。\n\n（1）加大创新主体培育。\n\n问：数字化转型<怎么>推进？\n\n"
                      "答：组织企业到标杆企业参观。\n\n答：副镇长补充回答。")
    # the same policy, written with the Chinese keys
    policy_cn = ("\n  标题: 关于推进智能化改造数字化转型的若干意见\n  发文字号: " + POLICY_NUMBER +
                 "\n  发文机关: 常州市武进区人民政府\n  日期: 2024-01-05\n  链接: https://www.example.gov.cn/zcwj/1.html")
    proj.article("2024/explainer-two.md", title="图解：智能化改造若干意见", date="2024-02-01", type="政策解读",
                 town="武进区", topic="[产业发展]", policy=policy_cn)
    proj.article("2024/notice.md", title="区政府关于开展文明典范城市创建的通知", date="2024-03-01",
                 type="通知公告", town="武进区", topic="[城市管理]")
    onsite = ("\n  title: 关于开展文明典范城市创建的通知\n  issuer: 常州市武进区人民政府\n  date: 2024-03-01"
              "\n  link: /articles/2024/notice/")
    proj.article("2024/explainer-three.md", title="一图读懂文明典范城市创建", date="2024-03-05", type="政策解读",
                 town="西湖街道", topic="[城市管理]", policy=onsite)
    proj.article("2024/draft.md", title="草稿不发布", date="2024-05-30", draft="true", topic="[营商环境]")
    proj.article("2027/future.md", title="未来的文章", date="2027-01-01", topic="[营商环境]")
    result = proj.build()
    assert result.returncode == 0, result.stderr
    return proj


def _jsonld(soup) -> list[dict]:
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


def _meta(soup, name: str) -> str | None:
    tag = soup.find("meta", attrs={"name": name})
    return tag["content"] if tag else None


def _resolve(base: str, href: str) -> str:
    """Site-relative path of a relative href on the page at directory URL `base` (no #fragment)."""
    href = href.split("#")[0]
    parts = [p for p in base.strip("/").split("/") if p]
    segs = href.split("/")
    for seg in segs[:-1]:
        if seg == "..":
            parts.pop()
        elif seg and seg != ".":
            parts.append(seg)
    return "/".join(parts + [segs[-1]]) if segs[-1] else "/".join(parts) + "/"


# -- feeds ----------------------------------------------------------------------------

def test_site_feed_holds_newest_twenty_with_full_fields(site):
    feed = feedparser.parse((site.site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    entries = feed.entries
    assert len(entries) == 20
    links = [e.link for e in entries]
    assert all(link.startswith(SITE_URL + "articles/") for link in links)
    assert SITE_URL + "articles/2024/draft/" not in links and SITE_URL + "articles/2027/future/" not in links
    published = [e.published_parsed for e in entries]
    assert published == sorted(published, reverse=True)
    evil = entries[0]
    assert evil.title == EVIL_TITLE  # full title, exact
    assert evil.link == SITE_URL + "articles/2024/evil/"
    assert evil.author == "记者 何晓丹、通讯员 屠东君"
    assert evil.summary.startswith("摘要里也有")  # feedparser sanitizes the HTML it finds
    assert {t.term for t in evil.tags} == {"营商环境", EVIL_TOPIC}
    # deterministic: the channel date is the newest content date, not the build time
    assert feed.feed.updated_parsed[:5] == (2024, 6, 2, 1, 0)  # 09:00 China time in UTC


def test_topic_town_and_type_feeds_list_their_articles_only(site):
    topic = feedparser.parse((site.site / "topics/yingshang-huanjing/feed.xml").read_bytes())
    assert len(topic.entries) == 20  # newest 20 of N_FILLER + 1
    assert topic.feed.link == SITE_URL + "topics/yingshang-huanjing/"
    assert all("营商环境" in {t.term for t in e.tags} for e in topic.entries)
    town = feedparser.parse((site.site / "towns/niutang/feed.xml").read_bytes())
    expected = 1 + sum(1 for i in range(N_FILLER) if i % 2 == 0)  # explainer-one + even fillers
    assert len(town.entries) == min(20, expected)
    kinds = feedparser.parse((site.site / "types/zhengce-jiedu/feed.xml").read_bytes())
    assert [e.link.rsplit("/", 2)[-2] for e in kinds.entries] == ["explainer-one", "explainer-three", "explainer-two"]
    # district feeds roll up their towns (牛塘镇 is in 武进区)
    district = feedparser.parse((site.site / "towns/wujin/feed.xml").read_bytes())
    assert SITE_URL + "articles/2024/explainer-one/" in {e.link for e in district.entries}


def test_feed_autodiscovery_links_point_at_existing_feeds(site):
    for page, wanted in (("", {"feed.xml"}),
                         ("topics/yingshang-huanjing/", {"feed.xml", "topics/yingshang-huanjing/feed.xml"}),
                         ("topics/yingshang-huanjing/page/2/", {"feed.xml", "topics/yingshang-huanjing/feed.xml"}),
                         ("types/zhengce-jiedu/", {"feed.xml", "types/zhengce-jiedu/feed.xml"})):
        soup = site.html(page)
        links = soup.find_all("link", rel="alternate", type="application/rss+xml")
        found = {_resolve(page, link["href"]) for link in links}
        assert found == wanted, page
        for target in found:
            assert (site.site / target).is_file()


# -- sitemap --------------------------------------------------------------------------

def test_sitemap_lists_published_pages_with_lastmod(site):
    raw = (site.site / "sitemap.xml").read_text(encoding="utf-8")
    assert raw.startswith("<?xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {u.find("s:loc", ns).text: (u.find("s:lastmod", ns).text if u.find("s:lastmod", ns) is not None else None)
            for u in ET.fromstring(raw.encode()).findall("s:url", ns)}
    assert all(loc.startswith(SITE_URL) for loc in urls)
    assert urls[SITE_URL + "articles/2024/evil/"] == "2024-06-02T09:00:00+08:00"   # updated wins
    assert urls[SITE_URL + "articles/2024/filler-00/"] == "2024-01-03T00:00:00+08:00"
    for missing in ("articles/2024/draft/", "articles/2027/future/"):
        assert SITE_URL + missing not in urls
    assert not [u for u in urls if "_gn-shell" in u]
    # list pages, generated pages and articles are all there, and every one exists
    for needed in ("", "topics/yingshang-huanjing/", "topics/yingshang-huanjing/page/2/", "stats/", "policies/"):
        assert SITE_URL + needed in urls, needed
    assert urls[SITE_URL + "topics/yingshang-huanjing/"] == "2024-06-02T09:00:00+08:00"
    for loc in urls:
        assert (site.site / loc[len(SITE_URL):] / "index.html").is_file(), loc
    n_articles = N_FILLER + 5
    assert len([u for u in urls if "/articles/" in u]) == n_articles


# -- structured data and escaping --------------------------------------------------------

def test_evil_title_cannot_break_out_of_json_ld_or_meta(site):
    soup = site.html("articles/2024/evil/")
    assert soup.find("img", onerror=True) is None
    assert not soup.select('img[src="x"]')
    raw = (site.site / "articles/2024/evil/index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in raw and '<img src="x"' not in raw
    data = {d["@type"]: d for d in _jsonld(soup)}
    news = data["NewsArticle"]
    assert news["headline"] == EVIL_TITLE
    assert news["datePublished"] == "2024-05-29T10:30:00+08:00"
    assert news["dateModified"] == "2024-06-02T09:00:00+08:00"
    assert [a["name"] for a in news["author"]] == ["何晓丹", "屠东君"]
    assert news["publisher"]["name"] == EVIL_SPONSOR
    assert news["url"] == SITE_URL + "articles/2024/evil/"
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == ["首页", "专题", "营商环境", EVIL_TITLE]
    assert crumbs[-1]["item"] == SITE_URL + "articles/2024/evil/"
    og = {m["property"]: m["content"] for m in soup.find_all("meta", property=True)}
    assert og["og:title"] == EVIL_TITLE
    assert og["og:type"] == "article"
    assert og["og:url"] == SITE_URL + "articles/2024/evil/"
    assert og["article:published_time"] == "2024-05-29T10:30:00+08:00"
    assert og["og:description"] == "摘要里也有</script>和<b>标签</b>"
    # the page still has exactly the scripts the theme and govnews put there
    head_scripts = soup.head.find_all("script")
    assert len([s for s in head_scripts if s.get("type") == "application/ld+json"]) == 2
    assert soup.find("b") is None or "标签" not in soup.find("b").get_text()


def test_government_meta_tags(site):
    art = site.html("articles/2024/evil/")
    assert _meta(art, "SiteName") == "武进新闻与政策解读"
    assert _meta(art, "SiteDomain") == "news.example.gov.cn"
    assert _meta(art, "SiteIDCode") == "0000000000"
    assert _meta(art, "ArticleTitle") == EVIL_TITLE
    assert _meta(art, "PubDate") == "2024-05-29 10:30"
    assert _meta(art, "ContentSource") == "武进日报"
    assert _meta(art, "Keywords") == f"帮办,政企,营商环境,{EVIL_TOPIC}"
    assert _meta(art, "Author") == "何晓丹、屠东君"
    assert _meta(art, "Description") == "摘要里也有</script>和<b>标签</b>"
    lst = site.html("topics/yingshang-huanjing/")
    assert _meta(lst, "SiteIDCode") == "0000000000"
    assert _meta(lst, "ColumnName") == "营商环境"
    assert _meta(lst, "ColumnType") == "政务动态"
    assert _meta(lst, "ArticleTitle") is None
    assert _meta(site.html("types/zhengce-jiedu/"), "ColumnType") == "政策解读"
    home = site.html("")
    assert _meta(home, "SiteName") == "武进新闻与政策解读" and _meta(home, "ColumnName") is None


def test_government_footer_from_config_escaped(site):
    for page in ("", "articles/2024/evil/", "topics/yingshang-huanjing/", "stats/"):
        footer = site.html(page).select_one("footer .gn-gov-footer")
        assert footer is not None, page
        text = footer.get_text(" ", strip=True)
        assert f"主办单位：{EVIL_SPONSOR}" in text
        assert footer.find("b") is None  # the sponsor's markup is text, not HTML
        assert "网站标识码：0000000000" in text
        icp = footer.select_one("a.gn-gov-footer__icp")
        assert icp.get_text() == "苏ICP备00000000号" and icp["href"] == "https://beian.miit.gov.cn/"
        police = footer.select_one("a.gn-gov-footer__police")
        assert police["href"].endswith("code=32041200000000")
        assert "联系电话" in text
    assert "Material for MkDocs" not in site.html("").select_one("footer").get_text()


# -- policy explainers and FAQ -----------------------------------------------------------

def test_explainer_shows_policy_card_linking_both_ways(site):
    soup = site.html("articles/2024/explainer-one/")
    card = soup.select_one(".gn-policy-card")
    assert card is not None
    assert "关于推进智能化改造数字化转型的若干意见" in card.get_text()
    assert POLICY_NUMBER in card.get_text() and "常州市武进区人民政府" in card.get_text()
    hrefs = [a["href"] for a in card.find_all("a")]
    assert "https://www.example.gov.cn/zcwj/1.html" in hrefs
    page_links = {h for h in hrefs if not h.startswith("http")}   # the title and 全部解读: the policy page
    assert len(page_links) == 1
    policy_url = _resolve("articles/2024/explainer-one/", page_links.pop())
    policy = site.html(policy_url)
    listed = {_resolve(policy_url, a["href"]) for a in policy.select(".gn-list .gn-item__title a")}
    assert listed == {"articles/2024/explainer-one/", "articles/2024/explainer-two/"}
    assert policy.find("h1").get_text() == "关于推进智能化改造数字化转型的若干意见"
    overview = site.html("policies/")
    assert len(overview.select(".gn-policies .gn-item")) == 2


def test_policy_link_to_an_article_on_the_site(site):
    soup = site.html("articles/2024/explainer-three/")
    card = soup.select_one(".gn-policy-card")
    targets = {_resolve("articles/2024/explainer-three/", a["href"]) for a in card.find_all("a")}
    assert "articles/2024/notice/" in targets


def test_question_and_answer_render_as_faq_with_faqpage_json_ld(site):
    soup = site.html("articles/2024/explainer-one/")
    items = soup.select(".gn-body .gn-faq .gn-faq__item")
    assert len(items) == 2
    assert items[0].select_one(".gn-faq__q").get_text() == "问牛塘镇围绕科技创新做了哪些工作？"
    assert "（1）加大创新主体培育。" in items[0].select_one(".gn-faq__a").get_text()
    assert soup.select_one(".gn-body > p").get_text().startswith("近日")  # the lead stays outside
    faq = next(d for d in _jsonld(soup) if d["@type"] == "FAQPage")
    questions = [q["name"] for q in faq["mainEntity"]]
    assert questions == ["牛塘镇围绕科技创新做了哪些工作？", "数字化转型<怎么>推进？"]
    assert faq["mainEntity"][0]["acceptedAnswer"]["text"] == "主要包含三方面内容。 （1）加大创新主体培育。"
    # a second answer to one question (two officials) keeps its own 答 mark
    assert [m.get_text() for m in items[1].select(".gn-faq__mark")] == ["问", "答", "答"]


# -- related articles and updates ---------------------------------------------------------

def test_related_articles(site):
    soup = site.html("articles/2024/filler-10/")
    links = [_resolve("articles/2024/filler-10/", a["href"]) for a in soup.select(".gn-related a")]
    assert 1 <= len(links) <= 5
    assert "articles/2024/filler-10/" not in links
    assert all(link.startswith("articles/2024/filler-") or link == "articles/2024/evil/" for link in links)
    # nearest in time within the same topic and town come first
    assert links[0] in ("articles/2024/filler-08/", "articles/2024/filler-12/")
    # explainers of the same policy relate to each other first
    soup = site.html("articles/2024/explainer-two/")
    first = soup.select_one(".gn-related a")
    assert _resolve("articles/2024/explainer-two/", first["href"]) == "articles/2024/explainer-one/"


def test_updated_shows_date_time_and_note(site):
    soup = site.html("articles/2024/evil/")
    text = soup.select_one(".gn-article-header").get_text(" ", strip=True)
    assert "更新于 2024年6月2日 09:00" in text
    assert "更新说明：更正了第二段数据" in text


# -- stats ----------------------------------------------------------------------------

def test_stats_page_counts_and_escaped_labels(site):
    soup = site.html("stats/")
    assert soup.find("h1").get_text() == "统计"
    svgs = soup.select(".gn-view--stats svg")
    assert len(svgs) >= 3
    # per topic per month: 营商环境 in May 2024 = the evil article (fillers stop in May)
    may = [d for d in filler_dates() if (d.year, d.month) == (2024, 5)]
    table = soup.select_one(".gn-chart--heat table")
    heads = [th.get_text() for th in table.select("thead th")]
    col = heads.index("2024年5月")
    row = next(tr for tr in table.select("tbody tr") if tr.th.get_text() == "营商环境")
    assert int(row.find_all(["th", "td"])[col].get_text()) == len(may) + 1
    # the label of the hostile topic is SVG text, not markup
    labels = [t.get_text() for t in soup.select("svg text.gn-chart__label")]
    assert EVIL_TOPIC in labels
    assert soup.select("svg i") == [] and soup.select(".gn-view--stats i") == []
    # linked from the nav
    nav = [a.get_text(strip=True) for a in site.html("").select(".md-tabs a, .md-nav a")]
    assert "统计" in nav and "政策文件" in nav


# -- bad input ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> tuple[Project, object, object]:
    proj = make_project(tmp_path_factory.mktemp("publish-bad"))
    cfg = proj.root / "mkdocs.yml"
    text = cfg.read_text(encoding="utf-8")
    text = re.sub(r"^site_url: .*\n", "", text, flags=re.M)
    text = re.sub(r'site_code: "0000000000"', 'site_code: "12345"', text)
    cfg.write_text(text, encoding="utf-8")
    proj.write("articles/2024/no-policy.md",
               "---\ntitle: 没有政策的解读\ndate: 2024-05-29\ntype: 政策解读\n---\n\n正文。\n")
    proj.write("articles/2024/bad-policy.md",
               "---\ntitle: 政策写错\ndate: 2024-05-29\ntype: 政策解读\npolicy:\n  title: 某文件\n"
               "  issuer: 某机关\n  date: 2024-13-01\n  link: articles/2024/nowhere/\n  isuer: 多余\n---\n\n正文。\n")
    proj.write("articles/2024/old-update.md",
               "---\ntitle: 更新日期早于发布日期\ndate: 2024-05-29\nupdated: 2024-05-01\n---\n\n正文。\n")
    proj.write("articles/2024/future-update.md",   # the build's clock: SOURCE_DATE_EPOCH 1790000000 (2026-09)
               "---\ntitle: 更新日期在将来\ndate: 2024-05-29\nupdated: 2099-01-01\n---\n\n正文。\n")
    proj.write("articles/2099/future.md",          # scheduled, with its update after it: nothing to say yet
               "---\ntitle: 定时发布\ndate: 2099-01-01\nupdated: 2099-01-02\n---\n\n正文。\n")
    return proj, proj.build(), proj.govnews("check")


def test_bad_publishing_input_fails_strict_build_with_messages(broken):
    proj, result, _ = broken
    assert result.returncode != 0
    out = result.stderr
    assert "Traceback" not in out
    assert "缺少 site_url" in out
    line = next(i for i, l in enumerate((proj.root / "mkdocs.yml").read_text(encoding="utf-8").splitlines(), 1)
                if "site_code:" in l)
    assert re.search(rf"mkdocs\.yml:{line}: 网站标识码「12345」应为 10 位", out), out
    assert re.search(r"docs/articles/2024/no-policy\.md:\d+: 政策解读必须写明所解读的政策 policy", out), out
    assert "bad-policy.md:" in out
    assert "日期不合法「2024-13-01」" in out
    assert "policy 的 link「articles/2024/nowhere/」既不是网址" in out
    assert "policy 中未知字段「isuer」（是否应为「issuer」？）" in out
    assert "old-update.md:" in out and "updated（2024年5月1日）早于发布日期 date（2024年5月29日）" in out
    assert ("docs/articles/2024/future-update.md:4: updated（2099年1月1日）还没有到：更新日期写已经做过的更新那天"
            "（写将来的日期算伪造日期）") in out
    assert "future.md:4" not in out


def test_govnews_check_reports_missing_policy(broken):
    _, _, check = broken
    assert check.returncode != 0
    assert "Traceback" not in check.stderr
    assert re.search(r"no-policy\.md:\d+: 政策解读必须写明所解读的政策 policy", check.stdout), check.stdout


# -- the repository's own content ---------------------------------------------------------

def test_sample_site_interview_renders_as_faq_and_feeds_parse(sample_site):
    # the 牛塘镇 interview (date: 2023, all its source gives) is published: a 政策解读 with its Q&A
    url = "articles/2023/niu-tang-zhen-shang-xian-zheng/"
    soup = sample_site.html(url)
    items = soup.select(".gn-faq .gn-faq__item")
    assert len(items) >= 3
    faq = next(d for d in _jsonld(soup) if d["@type"] == "FAQPage")
    assert len(faq["mainEntity"]) == len(items)
    assert faq["mainEntity"][0]["name"].startswith("创新工作是推进产业转型升级的关键动能")
    feed = feedparser.parse((sample_site.site / "feed.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == min(20, len(published_samples())) > 0
    ET.fromstring((sample_site.site / "sitemap.xml").read_bytes())


# -- related articles stay bounded per article (no all-pairs comparison) ------------------

def test_related_candidates_are_bounded_per_article(tmp_path):
    proj = make_project(tmp_path / "many")
    n = 3000
    write_corpus(str(proj.docs), n, seed=11)
    settings = load_settings(str(proj.root / "mkdocs.yml"))   # the project's own settings (footer info too)
    site = build_site(list(article_sources(str(proj.docs), settings, root=str(proj.root))), settings)
    assert not site.problems.errors, site.problems.errors[:3]
    index = site.publishing.related
    total = 0
    for art in site.catalog.listed:
        bound = 2 * WINDOW * (len(art.topics) + 1 + 1)   # topics, town, policy
        candidates = index.candidates(art)
        assert len(candidates) <= bound
        total += len(candidates)
        related = index.related(art)
        assert len(related) <= 5 and art not in related
        assert {a.url for a in related} <= {a.url for a in candidates}
    assert total <= 2 * WINDOW * 5 * n
    # deterministic: the same answer twice, ties broken by date and URL
    some = site.catalog.listed[:50]
    assert [[a.url for a in index.related(a)] for a in some] == [[a.url for a in index.related(a)] for a in some]
