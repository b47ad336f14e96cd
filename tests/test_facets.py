"""Facets are configuration: a 部门 facet from mkdocs.yml and a vocabulary file, no code change;
misconfigurations are messages; columns without articles are not published (issue 12)."""

from __future__ import annotations

import feedparser
import pytest

from conftest import Project, make_project

DEPARTMENTS = """\
- name: 区发展和改革局
  slug: fagai
  aliases: [发改局]
- name: 区生态环境局
  slug: shengtai
- name: 区教育局
  slug: jiaoyu
"""

FACET = ("\n      facets:\n        - name: department\n          field: department\n          path: departments\n"
         "          title: 部门\n          vocabulary: departments\n          search_filter: 部门\n          feed: true\n")


def configure(proj: Project, facets: str = FACET, nav: bool = False) -> None:
    cfg = proj.root / "mkdocs.yml"
    text = cfg.read_text(encoding="utf-8")
    text = text.replace("\n  - govnews\n", f"\n  - govnews:{facets}\n", 1)
    if nav:
        text = text.replace("  - 搜索: search/index.md", "  - 部门: departments/index.md\n  - 搜索: search/index.md")
    cfg.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def dept_site(tmp_path_factory) -> Project:
    proj = make_project(tmp_path_factory.mktemp("facet-dept"))
    configure(proj, nav=True)
    proj.write("_vocab/departments.yml", DEPARTMENTS)
    proj.article("2024/a.md", title="发改局推进重点项目", date="2024-05-01", department="发改局", topic="重点项目")
    proj.article("2024/b.md", title="生态环境局通报水质", date="2024-05-02", department="区生态环境局")
    proj.article("2024/c.md", title="没有部门的新闻", date="2024-05-03")
    result = proj.build(strict=True)
    assert result.returncode == 0, result.stderr
    return proj


def test_configured_facet_gets_pages_feed_chip_and_search_filter(dept_site):
    proj = dept_site
    overview = proj.html("departments/")
    assert overview.find("h1").get_text() == "部门"
    names = [a.get_text() for a in overview.select(".gn-overview a")]
    assert names == ["区发展和改革局", "区生态环境局"]          # 区教育局: no article, no column
    page = proj.html("departments/fagai/")
    assert [a.get_text() for a in page.select(".gn-item__title a")] == ["发改局推进重点项目"]
    assert not (proj.site / "departments" / "jiaoyu").exists()
    feed = feedparser.parse((proj.site / "departments/fagai/feed.xml").read_bytes())
    assert [e.title for e in feed.entries] == ["发改局推进重点项目"]
    assert not (proj.site / "departments/jiaoyu/feed.xml").exists()
    # a linked chip in the article header (the alias resolved to the vocabulary's name)
    art = proj.html("articles/2024/a/")
    chips = art.select('.gn-article-header ul[data-gn-facet="department"] a.gn-chip')
    assert [(a.get_text(), a["href"]) for a in chips] == [("区发展和改革局", "../../../departments/fagai/")]
    # the search page offers the filter, and the Pagefind index carries it
    search = proj.html("search/")
    group = search.select_one('fieldset[data-gn-filter="部门"]')
    assert group is not None and group["data-gn-param"] == "department"
    assert [s.get_text() for s in group.select(".gn-facet__label")] == ["区发展和改革局", "区生态环境局"]
    assert "部门" in [a.get_text(strip=True) for a in proj.html("").select(".md-tabs a")]
    # the sitemap lists the facet's pages, and only those with articles
    sitemap = (proj.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "departments/fagai/" in sitemap and "departments/jiaoyu/" not in sitemap


def test_configured_facet_filter_is_in_the_search_index(dept_site):
    """Pagefind writes one filter file per filter name: the 部门 filter is in the index."""
    proj = dept_site
    shards = sorted((proj.site / "pagefind").rglob("*.pf_filter"))
    assert shards, "no Pagefind filter files"
    # filter names are in the (gzipped, CBOR) filter files; the search page's group
    # names it, and the record of the article carries it (search/records.py, real facets)
    from govnews.config.project import load_settings
    from govnews.model.catalog import article_sources
    from govnews.search.records import record_html
    from govnews.site.build import build_site

    settings = load_settings(str(proj.root / "mkdocs.yml"))
    site = build_site(list(article_sources(settings.docs_dir, settings, root=str(proj.root))), settings)
    art = next(a for a in site.catalog.listed if a.title == "发改局推进重点项目")
    assert '<span data-pagefind-filter="部门">区发展和改革局</span>' in record_html(art, "正文", site.facets)


def test_misspelled_value_gets_did_you_mean(tmp_path):
    proj = make_project(tmp_path / "p")
    configure(proj)
    proj.write("_vocab/departments.yml", DEPARTMENTS)
    proj.article("2024/a.md", title="甲", department="区发展和改革")
    proj.article("2024/b.md", title="乙", department="[区教育局, 区生态环境局]")
    where = "docs/articles/2024/a.md:4: "
    message = "部门「区发展和改革」不存在，应为 区发展和改革局、区生态环境局、区教育局 之一（是否应为「区发展和改革局」？）"
    strict = proj.build(strict=True)
    assert strict.returncode != 0 and where + message in strict.stderr, strict.stderr
    assert "docs/articles/2024/b.md:4: department 只能写一个部门" in strict.stderr
    check = proj.govnews("check")
    assert check.returncode == 1 and where + message in check.stdout, check.stdout + check.stderr
    assert "Traceback" not in strict.stderr + check.stderr


# -- misconfiguration: a message naming mkdocs.yml and the option, never a traceback --------------

BAD = {   # options, the key whose line the message names, the message
    "unknown-option": ("\n      per_pgae: 10\n", "per_pgae", "plugins.govnews.per_pgae: 未知选项（是否应为「per_page」？）"),
    "unknown-facet-option": (FACET.replace("feed: true", "feeds: true"), "feeds",
                             "plugins.govnews.facets[department].feeds: 未知选项（是否应为「feed」？）"),
    "unknown-vocabulary": (FACET.replace("vocabulary: departments", "vocabulary: departmens"), "vocabulary",
                           "plugins.govnews.facets[department].vocabulary: 找不到词表「departmens」"),
    "builtin-field": (FACET.replace("field: department", "field: title"), "field",
                      "plugins.govnews.facets[department].field「title」是文章的内置字段"),
    "field-of-another-facet": (FACET.replace("field: department", "field: topic"), "field",
                               "plugins.govnews.facets[department].field「topic」已由分类「topic」读取"),
    "wrong-type": ("\n      search_shard_size: 很多\n", "search_shard_size", "plugins.govnews.search_shard_size（每个搜索分片最多的文章数）应为整数"),
    "bad-header": (FACET.replace("feed: true", "header: chip"), "header",
                   "plugins.govnews.facets[department].header「chip」应为 chips、meta、none 之一（是否应为「chips」？）"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_misconfiguration_is_a_message(tmp_path, case):
    options, key, message = BAD[case]
    proj = make_project(tmp_path / case)
    configure(proj, facets=options)
    proj.write("_vocab/departments.yml", DEPARTMENTS)
    proj.article("2024/a.md", title="甲", topic="营商环境")
    text = (proj.root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(text, 1) if t.strip().startswith(f"{key}:"))
    for strict in (True, False):
        result = proj.build(strict=strict)
        assert result.returncode != 0
        assert f"mkdocs.yml:{line}: {message}" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    check = proj.govnews("check")
    assert check.returncode == 1
    assert f"mkdocs.yml:{line}: {message}" in check.stdout, check.stdout + check.stderr
    assert "Traceback" not in check.stderr


# -- merging with the defaults, switching one off ----------------------------------------------

def test_default_changed_by_name_and_switched_off(tmp_path):
    proj = make_project(tmp_path / "p")
    facets = ("\n      facets:\n        - name: town\n          title: 村社区\n"
              "        - name: author\n          enabled: false\n")
    configure(proj, facets=facets)
    proj.article("2024/a.md", title="甲", town="湖塘镇", topic="营商环境", author="记者 何晓丹")
    result = proj.build(strict=True)
    assert result.returncode == 0, result.stderr
    assert proj.html("towns/").find("h1").get_text() == "村社区"        # only the title changed
    assert (proj.site / "towns/hutang/feed.xml").exists()                  # the rest as default
    assert (proj.site / "topics/yingshang-huanjing/index.html").exists()    # other defaults stay
    assert not (proj.site / "authors").exists()
    assert "部门" not in (proj.site / "index.html").read_text(encoding="utf-8")  # blank: not in the nav


# -- blank columns (issue 12) -----------------------------------------------------------------

def test_sample_site_has_no_blank_column(sample_site):
    site = sample_site.site
    for slug in ("danghu", "xihu", "nanxiashu"):
        assert not (site / "towns" / slug).exists()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "towns/danghu/" not in sitemap
    for feed in site.rglob("feed.xml"):
        assert feedparser.parse(feed.read_bytes()).entries, f"{feed} has no item"
    for page in (site / "towns").rglob("index.html"):
        assert "暂无文章" not in page.read_text(encoding="utf-8"), page
    towns = sample_site.html("towns/")
    assert "当湖街道" not in towns.get_text()
    # values with published articles keep their URLs (牛塘镇: its interview, date: 2023)
    for slug in ("hutang", "wujin", "niutang"):
        assert (site / f"towns/{slug}/index.html").exists() and f"towns/{slug}/" in sitemap


def test_check_reports_empty_vocabulary_entries_as_information(tmp_path):
    proj = make_project(tmp_path / "p")
    proj.article("2024/a.md", title="甲", town="湖塘镇", topic="营商环境")
    result = proj.govnews("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "docs/_vocab/places.yml:" in result.stdout
    assert "提示：镇街「当湖街道」还没有已发布的文章：不生成它的页面和订阅源" in result.stdout
    assert "镇街「湖塘镇」" not in result.stdout


def test_show_empty_keeps_a_facets_empty_values(tmp_path):
    proj = make_project(tmp_path / "p")
    configure(proj, facets="\n      facets:\n        - name: town\n          show_empty: true\n")
    proj.article("2024/a.md", title="甲", town="湖塘镇")
    assert proj.build(strict=True).returncode == 0
    assert "暂无文章" in proj.html("towns/danghu/").get_text()


def test_nav_entry_of_a_blank_column_is_dropped(tmp_path):
    """The sample nav names types/zhengce-jiedu/: with no 政策解读 article it is not linked."""
    proj = make_project(tmp_path / "p")
    proj.article("2024/a.md", title="甲", topic="营商环境")
    result = proj.build(strict=True)
    assert result.returncode == 0, result.stderr
    assert not (proj.site / "types/zhengce-jiedu").exists()
    nav = [a.get_text(strip=True) for a in proj.html("").select(".md-tabs a, .md-nav a")]
    assert "政策解读" not in nav and "专题" in nav
