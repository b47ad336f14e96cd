"""Issue 33, "Also": a facet path may not collide with anything the site generates, and a
替代文件 (replaced_by) loop is an error naming the files, not two pages each calling the
other 现行文件."""

from __future__ import annotations

import pytest

from govnews.config.options import ConfigError, settings_from_options

from core_helpers import DEPT, facet_docs, site_of


@pytest.fixture
def docs(tmp_path):
    return str(facet_docs(tmp_path))


@pytest.mark.parametrize("path,expected", [
    ("pagefind", "与站点已有网址 /pagefind/ 冲突"),
    ("images", "与站点已有网址 /images/ 冲突"),
    ("files", "与站点已有网址 /files/ 冲突"),
    ("audit", "与站点已有网址 /audit/ 冲突"),
    ("assets/x", "与站点已有网址 /assets/ 冲突"),
    ("topics/yingshang-huanjing", "与分类「topic」的网址 /topics/ 重叠"),
])
def test_facet_paths_that_collide_with_generated_output_are_errors(docs, tmp_path, path, expected):
    cfg = tmp_path / "mkdocs.yml"
    cfg.write_text("site_name: x\nplugins:\n  - govnews:\n      facets:\n        - name: department\n"
                   f"          title: 部门\n          path: {path}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        settings_from_options({"facets": [{**DEPT, "path": path}]}, docs_dir=docs, config_path=str(cfg))
    assert any(expected in m and m.startswith(f"{cfg}:7:") or expected in m and ":7:" in m
               for m in info.value.messages), info.value.messages


def test_a_facet_path_containing_another_facets_path_is_an_error(docs):
    with pytest.raises(ConfigError) as info:
        settings_from_options({"facets": [{**DEPT, "path": "dept"}, {**DEPT, "name": "office", "title": "科室",
                                                                      "field": "office", "path": "dept/keshi"}]},
                              docs_dir=docs, config_path="/nonexistent/mkdocs.yml")
    assert any("与分类「department」的网址 /dept/ 重叠" in m for m in info.value.messages), info.value.messages
    settings_from_options({"facets": [{**DEPT, "path": "departments"}]}, docs_dir=docs)   # fine


DOC = "title: {title}\ndate: 2024-05-0{day}\ntype: 政策文件\nissuer: 常州市武进区人民政府\nnumber: {number}\nstatus: 废止\n" \
      "replaced_by: {other}"


def test_a_replaced_by_loop_is_an_error_naming_both_files_and_no_page_links_it(tmp_path):
    site = site_of(tmp_path, {
        "2024/a.md": DOC.format(title="甲", day=1, number="武政发〔2024〕1号", other="武政发〔2024〕2号"),
        "2024/b.md": DOC.format(title="乙", day=2, number="武政发〔2024〕2号", other="武政发〔2024〕1号"),
        "2024/c.md": DOC.format(title="丙", day=3, number="武政发〔2024〕3号", other="武政发〔2024〕1号"),
    })
    messages = [str(p) for p in site.problems]
    for me, other in (("a", "b"), ("b", "a")):
        assert any(m.startswith(f"docs/articles/2024/{me}.md:8: replaced_by（替代文件）形成循环")
                   and f"docs/articles/2024/{other}.md" in m for m in messages), messages
    assert not any("c.md:8: replaced_by（替代文件）形成循环" in m for m in messages)   # leads into it, not in it
    docs = {d.art.src.rsplit("/", 1)[1]: d for d in site.publishing.documents.by_url.values()}
    assert docs["a.md"].successor is None and docs["b.md"].successor is None
    assert [p.art.title for p in docs["a.md"].predecessors] == ["丙"]
