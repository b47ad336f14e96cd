"""The site itself (issue 2): facet pages, pagination, roll-up, nav, article pages.

Every test builds a real site with the real `mkdocs build --strict` and reads the HTML.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import frontmatter
import pytest

from govnews.common.text import slugify

from conftest import Project, make_project
from synth import generate

N_SYNTH = 120


def list_page_items(project: Project, url: str) -> list[str]:
    """Article URLs listed on a facet value page, following its pagination."""
    out: list[str] = []
    while True:
        soup = project.html(url)
        out += [_abs(url, a["href"]) for a in soup.select(".gn-list .gn-item__title a")]
        nxt = soup.select_one(".gn-pagination__next")
        if nxt is None:
            return out
        url = _abs(url, nxt["href"])


def _abs(base: str, href: str) -> str:
    """Resolve a relative directory href against a site-relative directory URL."""
    parts = [p for p in base.strip("/").split("/") if p]
    for seg in href.split("/"):
        if seg == "..":
            parts.pop()
        elif seg and seg != ".":
            parts.append(seg)
    return "/".join(parts) + "/"


@pytest.fixture(scope="module")
def synth_site(tmp_path_factory) -> tuple[Project, dict[str, dict]]:
    """120 generated articles; returns the project and front matter by article URL."""
    proj = make_project(tmp_path_factory.mktemp("synth"))
    meta: dict[str, dict] = {}
    for rel, text in generate(str(proj.docs / "_vocab"), N_SYNTH, seed=7):
        proj.write(rel, text)
        post = frontmatter.loads(text)
        year = str(post["date"])[:4]
        meta[f"articles/{year}/{Path(rel).stem}/"] = post.metadata
    proj.write("about/team.md", "# 编辑部\n\n一个不在导航里、深度不同的页面。\n")
    result = proj.build()
    assert result.returncode == 0, result.stderr
    return proj, meta


def test_each_topic_page_lists_exactly_its_articles_newest_first(synth_site):
    proj, meta = synth_site
    import yaml

    topics = yaml.safe_load((proj.docs / "_vocab" / "topics.yml").read_text(encoding="utf-8"))
    checked = 0
    for topic in topics:
        expected = [u for u, m in meta.items() if topic["name"] in m["topic"]]
        listed = list_page_items(proj, f"topics/{topic['slug']}/")
        assert sorted(listed) == sorted(expected), topic["name"]
        dates = [str(meta[u]["date"]) for u in listed]
        assert dates == sorted(dates, reverse=True), f"{topic['name']} not newest first"
        checked += len(listed)
    assert checked >= N_SYNTH  # every article is under at least one topic


def test_overview_counts_match_value_pages(synth_site):
    proj, meta = synth_site
    soup = proj.html("topics/")
    for li in soup.select(".gn-overview > li"):
        link = li.find("a")
        count = int(li.select_one(".gn-count").get_text().split()[0])
        page = proj.html(_abs("topics/", link["href"]))
        assert int(page.select_one(".gn-count-line strong").get_text()) == count


def test_archive_year_and_month_pages(synth_site):
    proj, meta = synth_site
    by_year: dict[str, int] = {}
    by_month: dict[str, int] = {}
    for m in meta.values():
        d = str(m["date"])
        by_year[d[:4]] = by_year.get(d[:4], 0) + 1
        by_month[d[:4] + "/" + d[5:7]] = by_month.get(d[:4] + "/" + d[5:7], 0) + 1
    for year, n in by_year.items():
        assert len(list_page_items(proj, f"archive/{year}/")) == n
    for month, n in by_month.items():
        assert len(list_page_items(proj, f"archive/{month}/")) == n


def test_author_pages_use_names_without_roles(synth_site):
    proj, meta = synth_site
    counts: dict[str, int] = {}
    for m in meta.values():
        for byline in m["author"]:
            name = byline.split()[-1]
            counts[name] = counts.get(name, 0) + 1
    overview = proj.html("authors/")
    labels = {a.get_text(): a["href"] for a in overview.select(".gn-overview a")}
    assert set(labels) == set(counts)
    name = max(counts, key=counts.get)
    assert len(list_page_items(proj, _abs("authors/", labels[name]))) == counts[name]


def test_nav_holds_index_pages_only(synth_site):
    proj, _ = synth_site
    any_article = next((proj.site / "articles").glob("*/*/index.html"))
    for page in (proj.site / "index.html", proj.site / "topics" / "index.html", any_article):
        soup = proj.html(str(page.relative_to(proj.site)))
        nav_links = [a["href"] for a in soup.select("nav.md-nav a[href], nav.md-tabs a[href]")]
        assert nav_links, "nav is rendered"
        assert not [h for h in nav_links if "articles/" in h], nav_links
        # the nav is the same handful of index pages however many articles there are
        assert len(set(nav_links)) <= 12, nav_links


def test_reused_nav_chrome_links_resolve_and_toc_stays_per_page(synth_site):
    """Articles reuse one rendering of Material's tabs and sidebar (engine/mkdocs_plugin.py, govnews_cached):
    its links must resolve from every article, nothing may look active, and each article
    keeps its own table of contents."""
    proj, _ = synth_site
    pages = sorted((proj.site / "articles").glob("*/*/index.html"))
    sidebars, tocs = set(), set()
    other = proj.site / "about" / "team" / "index.html"   # outside the nav, another depth
    for page in pages[:: max(1, len(pages) // 15)] + [other]:
        url = page.parent.relative_to(proj.site).as_posix() + "/"
        soup = proj.html(url)
        nav = soup.select_one(".md-sidebar--primary")
        tabs = soup.select_one("nav.md-tabs")
        sidebars.add(str(nav) + str(tabs))
        for a in nav.select("a[href]") + tabs.select("a[href]"):
            target = proj.site / _abs(url, a["href"]).lstrip("/") / "index.html"
            assert target.exists(), (url, a["href"])
        assert not soup.select(".md-nav__link--active, .md-tabs__item--active")
        toc = soup.select_one(".md-sidebar--secondary")
        assert toc is not None
        tocs.add(str(toc))
    assert len(sidebars) == 2   # one per depth
    # a page in the nav still renders its own, with its tab active
    topics = proj.html("topics/")
    assert topics.select_one(".md-tabs__item--active a")["href"] in ("./", ".")


def test_article_urls_do_not_depend_on_topic_or_town(synth_site):
    proj, meta = synth_site
    for url in meta:
        assert re.fullmatch(r"articles/\d{4}/gen-\d{6}/", url)
        assert (proj.site / url / "index.html").exists()


# --- pagination boundaries --------------------------------------------------------------

@pytest.fixture(scope="module")
def paged_site(tmp_path_factory) -> Project:
    """Topics with exactly 0, 1, 20 and 21 articles."""
    proj = make_project(tmp_path_factory.mktemp("paged"))
    plan = {"文化": 1, "交通": 20, "法治建设": 21}  # 政协工作: 0
    n = 0
    for topic, count in plan.items():
        for i in range(count):
            n += 1
            proj.article(f"2023/p{n:03d}.md", title=f"{topic}文章{i}", date=f"2023-01-{(i % 28) + 1:02d}",
                         topic=topic, town="湖塘镇")
    result = proj.build()
    assert result.returncode == 0, result.stderr
    return proj


@pytest.mark.parametrize("slug,count,pages", [
    ("zhengxie-gongzuo", 0, 1), ("wenhua", 1, 1), ("jiaotong", 20, 1), ("fazhi-jianshe", 21, 2),
])
def test_pagination_boundaries(paged_site, slug, count, pages):
    proj = paged_site
    if count == 0:   # a column without articles is not published (no blank columns)
        assert not (proj.site / "topics" / slug).exists()
        return
    first = proj.html(f"topics/{slug}/")
    items = first.select(".gn-list .gn-item")
    assert len(items) == min(count, 20)
    assert (proj.site / "topics" / slug / "page" / "2" / "index.html").exists() == (pages == 2)
    assert not (proj.site / "topics" / slug / "page" / "3").exists()
    if pages == 2:
        second = proj.html(f"topics/{slug}/page/2/")
        assert len(second.select(".gn-list .gn-item")) == 1
        second_url = f"topics/{slug}/page/2/"
        assert _abs(second_url, second.select_one(".gn-pagination__prev")["href"]) == f"topics/{slug}/"
        assert _abs(f"topics/{slug}/", first.select_one(".gn-pagination__next")["href"]) == second_url
        # page 1 and page 2 together list every article once
        assert len(list_page_items(proj, f"topics/{slug}/")) == 21
    else:
        assert first.select_one(".gn-pagination") is None


def test_places_roll_up(paged_site):
    """A place page lists its own articles and those of every place below it."""
    proj = paged_site
    total = 42
    for url in ("towns/hutang/", "towns/wujin/", "towns/changzhou/", "towns/jiangsu/"):
        assert int(proj.html(url).select_one(".gn-count-line strong").get_text()) == total, url
    assert len(list_page_items(proj, "towns/wujin/")) == total
    assert not (proj.site / "towns" / "pinghu").exists()   # no article there: no blank column
    wujin = proj.html("towns/wujin/")
    assert "湖塘镇" in [a.get_text().split()[0] for a in wujin.select(".gn-children a")]


# --- article page -------------------------------------------------------------------

def test_article_page_shows_metadata_and_links(project):
    project.article("2024/hutang.md", title="湖塘镇:架起政企、政民交流互动新桥梁", date="2024-05-29",
                    kicker="“小湖来帮办” “小糖全知道”", author="[记者 何晓丹, 通讯员 屠东君]", town="湖塘镇",
                    topic="[营商环境, 政务服务]", source="武进日报",
                    body="正文第一段。\n\n## “小湖”把窗口“搬进”园区楼宇\n\n第二段。")
    project.article("2024/older.md", title="较早的文章", date="2024-05-01", topic="营商环境")
    project.article("2024/newer.md", title="较新的文章", date="2024-06-01", topic="营商环境")
    result = project.build()
    assert result.returncode == 0, result.stderr
    soup = project.html("articles/2024/hutang/")
    header = soup.select_one(".gn-article-header")
    assert header.select_one("h1").get_text() == "湖塘镇:架起政企、政民交流互动新桥梁"
    assert header.select_one(".gn-kicker").get_text() == "“小湖来帮办” “小糖全知道”"
    text = header.get_text(" ", strip=True)
    for expected in ("2024年5月29日", "记者", "何晓丹", "通讯员", "屠东君", "湖塘镇", "新闻", "武进日报"):
        assert expected in text
    chips = {a.get_text(): a["href"] for a in header.select(".gn-topics a")}
    assert chips == {"营商环境": "../../../topics/yingshang-huanjing/",
                     "政务服务": "../../../topics/zhengwu-fuwu/"}
    crumbs = [li.get_text(strip=True) for li in soup.select(".gn-breadcrumbs li")]
    assert crumbs == ["首页", "专题", "营商环境", "湖塘镇:架起政企、政民交流互动新桥梁"]
    # previous/next in the first topic
    here = "articles/2024/hutang/"
    assert _abs(here, soup.select_one(".gn-prevnext__prev")["href"]) == "articles/2024/older/"
    assert _abs(here, soup.select_one(".gn-prevnext__next")["href"]) == "articles/2024/newer/"
    # Chinese heading gets a usable anchor
    h2 = soup.select_one(".gn-body h2")
    assert h2["id"] and h2["id"] != "_1" and "小湖" in h2["id"]
    assert soup.select_one("html")["lang"].startswith("zh")


def test_home_page_latest_topics_and_towns(project):
    for i in range(12):
        project.article(f"2024/a{i:02d}.md", title=f"第{i}篇", date=f"2024-03-{i + 1:02d}", topic="生态环境",
                        town="牛塘镇")
    assert project.build().returncode == 0
    home = project.html("")
    latest = [a.get_text() for a in home.select(".gn-home-latest .gn-item__title a")]
    assert latest == [f"第{i}篇" for i in range(11, 1, -1)]
    topic_blocks = [h.get_text(strip=True) for h in home.select(".gn-home-topic h2")]
    assert topic_blocks == ["生态环境"]   # main topics without articles get no empty block
    assert "牛塘镇" in home.select_one(".gn-home-towns").get_text()


def test_editor_values_are_escaped_everywhere(project):
    evil = "<script>alert(1)</script> & </title><img src=x onerror=alert(2)>"
    project.article("2024/evil.md", title=f"'{evil}'", date="2024-05-29", topic="营商环境",
                    summary=f"'{evil}'", author="'记者 <b>坏人</b>'")
    result = project.build()
    assert result.returncode == 0, result.stderr
    for url in ("articles/2024/evil/", "topics/yingshang-huanjing/", ""):
        raw = (project.site / url / "index.html").read_text(encoding="utf-8")
        assert "<script>alert(1)" not in raw, url
        assert "<img src=x" not in raw, url
        assert "<b>坏人" not in raw, url
    soup = project.html("articles/2024/evil/")
    assert soup.select_one(".gn-title").get_text() == evil
    assert soup.title.get_text().startswith(evil)
    assert not soup.select("img[onerror]")


def test_drafts_are_excluded_from_every_page(project):
    project.article("2024/pub.md", title="已发布", date="2024-05-01", topic="文化", town="湖塘镇")
    project.article("2024/draft.md", title="草稿文章", date="2024-05-02", topic="文化", town="湖塘镇", draft="true")
    assert project.build().returncode == 0
    assert not (project.site / "articles" / "2024" / "draft").exists()
    for page in project.site.rglob("*.html"):
        assert "草稿文章" not in page.read_text(encoding="utf-8"), page


def test_same_input_builds_byte_identical_sites(tmp_path):
    def build(dest: Path) -> dict[str, str]:
        proj = make_project(dest)
        for rel, text in generate(str(proj.docs / "_vocab"), 30, seed=3):
            proj.write(rel, text)
        assert proj.build().returncode == 0
        return {str(p.relative_to(proj.site)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(proj.site.rglob("*")) if p.is_file()}

    assert build(tmp_path / "a") == build(tmp_path / "b")


def test_slugify_is_ascii_pinyin():
    assert slugify("湖塘镇") == "hu-tang-zhen"
    assert slugify("PM2.5 浓度") == "pm2-5-nong-du"


def test_explainer_with_only_title_and_issuer_of_its_policy(project):
    """A clipping often names a policy without its number, date or link: the explainer still
    builds, its card shows what is known, and the policy page on the site links back."""
    project.article("2023/qa.md", title="问答", date="2023-03-01", type="政策解读", topic="科技创新",
                    body="问:做了哪些工作?\n\n答:三方面。",
                    policy="{title: “智能化改造、数字化转型”三年行动计划, issuer: 江苏省、常州市}")
    result = project.build()
    assert result.returncode == 0, result.stderr
    card = project.html("articles/2023/qa/").select_one(".gn-policy-card")
    assert "江苏省、常州市" in card.get_text() and "发布日期" not in card.get_text()
    policy_href = card.select(".gn-policy-card__links a")[-1]["href"]
    page = project.html(_abs("articles/2023/qa/", policy_href))
    assert "问答" in page.get_text()


def test_search_can_be_switched_off(project):
    """`search: false` (plugin option) builds the site without a Pagefind index."""
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  - govnews\n" in text
    config.write_text(text.replace("\n  - govnews\n", "\n  - govnews:\n      search: false\n"), encoding="utf-8")
    project.article("2024/a.md", title="文章", date="2024-05-01", topic="文化")
    assert project.build().returncode == 0
    assert (project.site / "articles" / "2024" / "a" / "index.html").exists()
    assert not (project.site / "pagefind").exists()


def test_pager_links_stay_bounded_on_long_lists():
    """A place with 80,000 articles has 4,000 pages: each page links a handful, not all."""
    from govnews.site.render import page_window

    assert page_window(1, 1) == [1]
    assert page_window(5, 4000) == [1, 0, 3, 4, 5, 6, 7, 0, 4000]
    assert all(len(page_window(p, 4000)) <= 9 for p in (1, 2, 1000, 3999, 4000))
