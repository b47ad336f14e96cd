"""Catalog, facets and views in process (no MkDocs): quick, and the first to fail when the core breaks."""

from __future__ import annotations

from govnews.site.views import LIST, OVERVIEW

from core_helpers import site_of

DEPTS = {"departments.yml": "- name: 区发展和改革局\n  slug: fagai\n  aliases: [发改局]\n- name: 区教育局\n  slug: jiaoyu\n"}
DEPT = {"name": "department", "title": "部门", "vocabulary": "departments", "search_filter": "部门", "feed": True,
        "path": "departments"}


def test_added_facet_reads_validates_and_lists(tmp_path):
    site = site_of(tmp_path, {
        "2024/a.md": "title: 甲\ndate: 2024-05-01\ndepartment: 发改局",
        "2024/b.md": "title: 乙\ndate: 2024-05-02\ndepartment: 区教育",
        "2024/c.md": "title: 丙\ndate: 2024-05-03\ndepartments: 区教育局",
    }, {"facets": [DEPT]}, DEPTS)
    facet = site.facets["department"]
    assert list(facet.values) == ["区发展和改革局"]          # 区教育局 has no article: no column
    assert [a.title for a in facet.values["区发展和改革局"].articles] == ["甲"]
    messages = [str(p) for p in site.problems.sorted()]
    assert any("b.md:4: 部门「区教育」不存在，应为 区发展和改革局、区教育局 之一（是否应为「区教育局」？）" in m for m in messages)
    assert any("c.md:4: 未知字段「departments」（是否应为「department」？）" in m for m in messages)
    urls = {v.url for v in site.views if v.facet is facet}
    assert urls == {"departments/", "departments/fagai/"}


def test_list_field_when_multiple(tmp_path):
    site = site_of(tmp_path, {"2024/a.md": "title: 甲\ndate: 2024-05-01\ndepartment: [发改局, 区教育局]"},
                   {"facets": [{**DEPT, "multiple": True}]}, DEPTS)
    assert site.catalog.listed[0].terms["department"] == ("区发展和改革局", "区教育局")
    assert not site.problems.errors


def test_blank_facet_has_no_overview_and_empty_values_no_pages(tmp_path):
    site = site_of(tmp_path, {"2024/a.md": "title: 甲\ndate: 2024-05-01\ntown: 湖塘镇"}, {"facets": [DEPT]}, DEPTS)
    kinds = {(v.kind, v.url) for v in site.views}
    assert (OVERVIEW, "departments/") not in kinds and (OVERVIEW, "topics/") not in kinds
    towns = {v.url for v in site.views if v.kind == LIST and v.facet.name == "town"}
    assert towns == {"towns/hutang/", "towns/wujin/", "towns/changzhou/", "towns/jiangsu/"}
    empty = [m for _p, _l, m in site.empty_vocabulary_terms()]
    assert "镇街「当湖街道」还没有已发布的文章：不生成它的页面和订阅源" in empty
    assert not any("湖塘镇" in m for m in empty)


def test_show_empty_keeps_values(tmp_path):
    site = site_of(tmp_path, {"2024/a.md": "title: 甲\ndate: 2024-05-01\ntown: 湖塘镇"},
                   {"facets": [{"name": "town", "show_empty": True}]})
    assert "当湖街道" in site.facets["town"].values
    assert any(v.url == "towns/danghu/" for v in site.views)


def test_header_chip_breadcrumbs_related_from_the_facet_options(tmp_path):
    site = site_of(tmp_path, {
        "2024/a.md": "title: 甲\ndate: 2024-05-01\ndepartment: 发改局",
        "2024/b.md": "title: 乙\ndate: 2024-05-02\ndepartment: 发改局",
    }, {"facets": [{**DEPT, "breadcrumbs": 3, "related": 500, "stats": True}]}, DEPTS)
    a = next(x for x in site.catalog.listed if x.title == "甲")
    rows, chips = site.renderer.article_facets(a)
    assert [(f.name, items) for f, items in chips] == [("department", [("区发展和改革局", "departments/fagai/")])]
    assert [c.label for c in site.renderer.article_crumbs(a)] == ["首页", "部门", "区发展和改革局", "甲"]
    assert [r.title for r in site.publishing.related.related(a)] == ["乙"]
    html = site.renderer.article_header(a)
    assert 'data-gn-facet="department"' in html and "../../../departments/fagai/" in html
    from govnews.site.stats import compute_stats
    st = compute_stats(site.catalog, site.facets)
    assert [s.title for s in st.sections] == ["专题", "镇街", "部门"]


def test_list_items_show_header_rows_with_a_vocabulary(tmp_path):
    from govnews.model.facets import item_labels

    site = site_of(tmp_path, {"2024/a.md": "title: 甲\ndate: 2024-05-01\ndepartment: 发改局\ntown: 湖塘镇",
                              "2024/b.md": "title: 乙\ndate: 2024-05-02\ntype: 通知公告"},
                   {"facets": [{**DEPT, "header": "meta", "label": "发文部门"}]}, DEPTS)
    a, b = (site.catalog.by_src[f"articles/2024/{n}.md"] for n in "ab")
    assert item_labels(site.facets, a) == ["湖塘镇", "区发展和改革局"]     # 新闻 is the default: left out
    assert item_labels(site.facets, b) == ["通知公告"]
    rows, chips = site.renderer.article_facets(a)
    assert ("发文部门", [("", "区发展和改革局", "departments/fagai/")]) in rows and chips == []


def test_default_type_and_messages_of_the_defaults(tmp_path):
    site = site_of(tmp_path, {
        "2024/a.md": "title: 甲\ndate: 2024-05-01\ntown: [湖塘镇, 牛塘镇]\ntopic: 营商环竟",
    })
    art = site.catalog.articles[0]
    assert art.type == "新闻" and art.town == "湖塘镇" and art.topics == ()
    messages = [p.message for p in site.problems.sorted()]
    assert "town 只能写一个地名（湖塘镇、牛塘镇共同的上级是「武进区」：涉及几处的文章可写 town: 武进区）" in messages
    assert "未知专题「营商环竟」（是否应为「营商环境」？）" in messages


def test_site_built_whole_search_policy(tmp_path):
    from govnews.model.catalog import article_sources
    from govnews.site.build import Session, build_site

    site = site_of(tmp_path, {"2024/a.md": "title: 甲\ndate: 2024-05-01"}, {"search": False})
    assert site.search is None
    settings = site.settings.with_(search=True, serving=True, dirty=True)
    session = Session()
    sources = list(article_sources(settings.docs_dir, settings, root=str(tmp_path)))
    first = build_site(sources, settings, session=session)
    again = build_site(sources, settings, session=session)
    assert first.search is not None and again.search is None       # --dirty rebuilds keep the first index
    assert again.session is session   # memos kept between --dirty rebuilds
    plain = build_site(sources, settings.with_(serving=False, dirty=False), session=Session())
    assert plain.search is not None and plain.session is None


def test_draft_is_served_only_and_nav_drops_blank_columns(tmp_path):
    site = site_of(tmp_path, {"2024/a.md": "title: 甲\ndate: 2024-05-01\ndraft: true",
                              "2024/b.md": "title: 乙\ndate: 2024-05-01\ntopic: 营商环境"},
                   nav=("index.md", "topics/index.md", "towns/index.md", "types/zhengce-jiedu/index.md",
                        "stats/index.md"))
    draft = site.catalog.by_src["articles/2024/a.md"]
    assert site.served_only(draft) and not site.served_only(site.catalog.by_src["articles/2024/b.md"])
    assert site.unpublished_nav() == {"towns/index.md", "types/zhengce-jiedu/index.md"}


def test_fields_of_other_generators_suggest_ours(tmp_path):
    """tags/categories (Hugo, Material's blog), description, 来源: the message names the field meant,
    and only a field this site has (a site whose facet reads `tags` knows it)."""
    site = site_of(tmp_path, {
        "2024/a.md": "title: 甲\ndate: 2024-05-01\ntags: [营商环境]\ndescription: 摘要\n来源: 武进日报\nTags: x",
    }, {}, {})
    messages = [str(p) for p in site.problems.sorted()]
    for line, key, meant in ((4, "tags", "topic"), (5, "description", "summary"), (6, "来源", "source"),
                             (7, "Tags", "topic")):
        assert any(f"a.md:{line}: 未知字段「{key}」（是否应为「{meant}」？）" in m for m in messages), messages
    site = site_of(tmp_path / "b", {"2024/a.md": "title: 甲\ndate: 2024-05-01\ncategories: 发改局"},
                   {"facets": [{**DEPT, "name": "categories"}]}, DEPTS)
    assert not any("categories" in str(p) for p in site.problems)
