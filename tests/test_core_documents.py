"""Policy documents in process (no MkDocs): the 发文字号 check, key aliases, facets of some
types only, resolving an explainer's `policy:`, and the library index."""

from __future__ import annotations

import pytest

from govnews.config.options import ConfigError, settings_from_options
from govnews.model.documents import check_number
from govnews.site.views import LIST

from core_helpers import site_of

DOC = "title: {title}\ndate: {date}\ntype: 政策文件\nissuer: 常州市武进区人民政府\nnumber: {number}"


@pytest.mark.parametrize("written,fixed,problem", [
    ("武政发〔2024〕8号", "武政发〔2024〕8号", None),
    ("武政发[2024]8号", "武政发〔2024〕8号", "是否应为「武政发〔2024〕8号」"),
    ("武政发【2024】8号", "武政发〔2024〕8号", "是否应为「武政发〔2024〕8号」"),
    ("武政发（2024）8号", "武政发〔2024〕8号", "是否应为「武政发〔2024〕8号」"),
    ("武政发(2024)8号", "武政发〔2024〕8号", "是否应为「武政发〔2024〕8号」"),
    ("武政发〔2024〕008号", "武政发〔2024〕8号", "不编虚位"),
    ("武政发〔2024〕第8号", "武政发〔2024〕8号", "不加“第”"),
    ("武政发〔2024〕8", "武政发〔2024〕8号", "末尾写“号”"),
    ("武政发〔２０２４〕８号", "武政发〔2024〕8号", "是否应为「武政发〔2024〕8号」"),
    ("武政发〔24〕8号", "武政发〔24〕8号", "年份应写全 4 位"),
    ("武政发﹝2024﹞8号", "武政发〔2024〕8号", "是否应为「武政发〔2024〕8号」"),   # look-alike brackets
    ("武政发〘2024〙8号", "武政发〔2024〕8号", "是否应为「武政发〔2024〕8号」"),
    ("武政发〔2024〕0号", "武政发〔2024〕0号", "序号不能为 0"),
    ("武政发〔2024〕000号", "武政发〔2024〕000号", "序号不能为 0"),
    ("第八号文件", "第八号文件", "格式不对"),
    ("〔2024〕8号", "〔2024〕8号", "格式不对"),     # no 机关代字
])
def test_number_format(written, fixed, problem):
    got, wrong = check_number(written)
    assert got == fixed
    if problem is None:
        assert wrong is None
    else:
        assert wrong is not None and problem in wrong and f"「{written}」" in wrong


def test_facets_of_documents_only(tmp_path):
    site = site_of(tmp_path, {
        "2024/doc.md": DOC.format(title="甲", date="2024-05-01", number="武政发〔2024〕8号") + "\nsubject: 科技、教育",
        "2024/news.md": "title: 乙\ndate: 2024-05-02\nissuer: 常州市武进区人民政府\nstatus: 有效",
    })
    doc, news = (site.catalog.by_src[f"articles/2024/{n}.md"] for n in ("doc", "news"))
    assert doc.terms["issuer"] == ("常州市武进区人民政府",) and doc.terms["status"] == ("有效",)   # the default
    assert news.terms["issuer"] == () and news.terms["status"] == ()    # not a document: no default either
    messages = [str(p) for p in site.problems if "news.md" in p.path]
    assert "docs/articles/2024/news.md:4: issuer（发文机关）只用于类型为 政策文件 的文章（本文类型为「新闻」）" in messages
    assert "docs/articles/2024/news.md:5: status（有效性）只用于类型为 政策文件 的文章（本文类型为「新闻」）" in messages
    # the facet pages list documents only, the year facet of documents too
    assert [a.title for a in site.facets["issuer"].values["常州市武进区人民政府"].articles] == ["甲"]
    assert list(site.facets["policy_year"].values) == ["2024"]
    assert [a.title for a in site.facets["policy_year"].values["2024"].articles] == ["甲"]
    assert [a.title for a in site.facets["archive"].values["2024"].articles] == ["乙", "甲"]
    lists = {v.url for v in site.views if v.kind == LIST and v.facet.name in ("issuer", "subject", "status")}
    assert lists == {"issuers/wujin-qu-zhengfu/", "subjects/keji-jiaoyu/", "validity/youxiao/"}


def test_chinese_key_names_and_their_duplicates(tmp_path):
    site = site_of(tmp_path, {
        "2024/doc.md": "标题: 甲\n发布日期: 2024-05-01\ntype: 政策文件\n发文机关: 区政府\n发文字号: 武政发〔2024〕8号\n"
                       "成文日期: 2024-04-28\n索引号: 0141/2024-8\n主题分类: 综合政务\n有效性: 现行有效",
        "2024/dup.md": "title: 乙\ndate: 2024-05-02\ntype: 政策文件\nissuer: 区政府\nnumber: 武政发〔2024〕9号\n"
                       "文号: 武政发〔2024〕10号",
    })
    doc = site.publishing.documents.by_number["武政发〔2024〕8号"]
    assert (doc.art.title, doc.art.date.day, doc.written.day, doc.index_no) == ("甲", 1, 28, "0141/2024-8")
    assert (doc.issuers, doc.subject, doc.status) == (("常州市武进区人民政府",), "综合政务", "有效")
    assert not [p for p in site.problems.errors if "doc.md" in p.path], site.problems.errors
    assert "docs/articles/2024/dup.md:7: 「文号」就是 number，与前面的 number 重复，只写一个" in map(str, site.problems)


def test_explainer_names_its_document_by_number_path_or_inline_block(tmp_path):
    site = site_of(tmp_path, {
        "2024/doc.md": DOC.format(title="甲文件", date="2024-05-01", number="武政发〔2024〕8号"),
        "2024/by-number.md": "title: 解读一\ndate: 2024-05-03\ntype: 政策解读\npolicy: 武政发〔2024〕8号",
        "2025/by-path.md": "title: 解读二\ndate: 2025-01-03\ntype: 政策解读\npolicy: ../2024/doc.md",
        "2025/by-docs-path.md": "title: 解读三\ndate: 2025-01-04\ntype: 政策解读\npolicy: articles/2024/doc.md",
        "2025/inline.md": "title: 解读四\ndate: 2025-01-05\ntype: 政策解读\npolicy:\n  title: 甲\n  issuer: 某机关\n"
                          "  number: 武政发[2024]8号",
        "2025/elsewhere.md": "title: 解读五\ndate: 2025-01-06\ntype: 政策解读\npolicy:\n  title: 上级文件\n  issuer: 某机关",
    })
    assert not site.problems.errors, site.problems.errors
    index = site.publishing.policies
    doc = index.by_document["articles/2024/doc/"]
    assert [a.title for a in doc.explainers] == ["解读四", "解读三", "解读二", "解读一"]
    assert {index.of(a).url for a in doc.explainers} == {"articles/2024/doc/"}
    assert [p.title for p in index.documents] == ["甲文件"]
    assert [p.title for p in index.policies.values()] == ["上级文件"]     # keeps its /policies/<slug>/ page
    assert [v.url for v in site.views if v.kind == "policy"] == [next(iter(index.policies.values())).url]
    assert not any("还没有解读" in p.message for p in site.problems)


def test_unexplained_and_unpublished_documents(tmp_path):
    site = site_of(tmp_path, {
        "2024/doc.md": DOC.format(title="甲", date="2024-05-01", number="武政发〔2024〕8号"),
        "2024/draft-doc.md": DOC.format(title="乙", date="2024-05-02", number="武政发〔2024〕9号") + "\ndraft: true",
        "2024/exp.md": "title: 解读\ndate: 2024-05-03\ntype: 政策解读\npolicy: 武政发〔2024〕9号",
        "2024/exp-inline.md": "title: 解读二\ndate: 2024-05-04\ntype: 政策解读\npolicy:\n  title: 乙\n  issuer: 某机关\n"
                              "  number: 武政发〔2024〕9号",
    })
    infos = [str(p) for p in site.problems if p.is_info]
    assert any(m.startswith("docs/articles/2024/doc.md:4: 政策文件「甲」还没有解读") for m in infos), infos
    errors = [str(p) for p in site.problems.errors]
    assert any(m.startswith("docs/articles/2024/exp.md:5: 所解读的政策文件 docs/articles/2024/draft-doc.md 尚未发布")
               for m in errors), errors
    assert any(m.startswith("docs/articles/2024/exp-inline.md:5: 所解读的政策文件 docs/articles/2024/draft-doc.md 尚未发布")
               for m in errors), errors
    assert site.publishing.policies.of(site.catalog.by_src["articles/2024/exp.md"]) is None


def test_no_library_without_documents(tmp_path):
    site = site_of(tmp_path, {"2024/a.md": "title: 甲\ndate: 2024-05-01"}, nav=("index.md", "policies/index.md"))
    assert not any(v.url == "policies/" for v in site.views)
    assert site.unpublished_nav() == {"policies/index.md"}
    # no documents: `govnews check` does not list 22 主题分类 and every 发文机关 as empty columns
    empty = [m for _p, _l, m in site.empty_vocabulary_terms()]
    assert empty and not [m for m in empty if m.startswith(("发文机关", "有效性", "主题分类"))]


def test_types_option_from_mkdocs_yml(tmp_path):
    docs = tmp_path / "docs"
    (docs / "_vocab").mkdir(parents=True)
    (docs / "_vocab" / "departments.yml").write_text("- name: 区教育局\n  slug: jiaoyu\n", encoding="utf-8")
    s = settings_from_options({"facets": [{"name": "department", "title": "部门", "vocabulary": "departments",
                                   "types": ["通知公告"]},
                                  {"name": "notice_year", "title": "通知年份", "field": "date", "levels": ["%Y"]}]},
                      docs_dir=str(docs))
    assert s.facet("department").types == ("通知公告",)
    assert s.facet("notice_year").field == "date"          # a second date facet is allowed
    with pytest.raises(ConfigError) as err:
        settings_from_options({"facets": [{"name": "department", "title": "部门", "types": "通知公告"}]}, docs_dir=str(docs))
    assert "plugins.govnews.facets[department].types 应为列表" in str(err.value)


def test_misspelt_type_of_a_facet_is_reported_at_its_line(tmp_path):
    cfg = tmp_path / "mkdocs.yml"
    cfg.write_text("site_name: 测试\nplugins:\n  - govnews:\n      facets:\n        - name: issuer\n"
                   "          types: [政策文件件]\n", encoding="utf-8")
    site = site_of(tmp_path, {"2024/a.md": "title: 甲\ndate: 2024-05-01"},
                   {"facets": [{"name": "issuer", "types": ["政策文件件"]}]})
    messages = [str(p) for p in site.problems.errors]
    assert any(m.endswith("mkdocs.yml:6: plugins.govnews.facets[issuer].types: 没有文章类型「政策文件件」（是否应为「政策文件」？）")
               for m in messages), messages


def test_required_facet_and_new_document_scaffold(tmp_path):
    from govnews.cli.new import NewArticle, create_article

    site = site_of(tmp_path, {"2024/a.md": "title: 甲\ndate: 2024-05-01\ntype: 政策文件\nissuer: \"\"",
                              "2024/b.md": "title: 乙\ndate: 2024-05-01\ntype: 政策文件"})
    errors = [str(p) for p in site.problems.errors]
    assert "docs/articles/2024/a.md:5: 类型为「政策文件」的文章须写发文机关 issuer（如 issuer: 常州市武进区人民政府）" in errors
    assert "docs/articles/2024/b.md:4: 类型为「政策文件」的文章须写发文机关 issuer（如 issuer: 常州市武进区人民政府）" in errors
    path, url = create_article(NewArticle(title="新文件", type="政策文件", date="2024-06-01"), site.settings)
    text = open(path, encoding="utf-8").read()
    for key in ("issuer:", "number:", "written:", "index_no:", "subject:", "status: 有效"):
        assert f"\n{key}" in text, key


def test_library_page_stays_small(tmp_path):
    from bs4 import BeautifulSoup

    from govnews.site.pages.library import LIBRARY_LIMIT

    n = LIBRARY_LIMIT + 5
    site = site_of(tmp_path, {f"{2000 + i // 20}/doc-{i}.md": DOC.format(title=f"文件{i}", date=f"{2000 + i // 20}-03-{i % 20 + 1:02d}",
                                                                       number=f"武政发〔{2000 + i // 20}〕{i}号")
                              for i in range(n)})
    view = next(v for v in site.views if v.url == "policies/")
    soup = BeautifulSoup(site.kinds.render(view), "lxml")
    items = soup.select(".gn-library .gn-item")
    assert len(items) == LIBRARY_LIMIT and items[0].a.get_text() == f"文件{n - 1}"
    more = soup.select_one(".gn-more a")
    assert more["href"] == "../types/zhengce-wenjian/" and f"全部 {n} 件" in more.get_text()
    years = [a["href"] for a in soup.select('[data-gn-facet="policy_year"] a.gn-chip')]
    assert len(years) == 6 and years[0] == "../policy-years/2005/"
