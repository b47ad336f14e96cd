"""The settings schema (config/options.py) in process: defaults, merging by name, every mistake a message."""

from __future__ import annotations

import pytest

from govnews.config.options import OPTIONS, ConfigError, settings_from_options
from govnews.config.settings import DEFAULT_FACETS, Settings

from core_helpers import DEPT, facet_docs


@pytest.fixture
def docs(tmp_path):
    return str(facet_docs(tmp_path))


def errors_of(options, docs) -> list[str]:
    with pytest.raises(ConfigError) as info:
        settings_from_options(options, docs_dir=docs, config_path="/nonexistent/mkdocs.yml")
    return info.value.messages


def test_defaults_are_settings_defaults(docs):
    s = settings_from_options(None, docs_dir=docs)
    assert s.facets == DEFAULT_FACETS and s.per_page == Settings(docs_dir=docs).per_page
    assert {o.name for o in OPTIONS} >= {"search", "search_shard_size", "facets", "per_page"}


def test_search_options_reach_the_settings(docs):
    s = settings_from_options({"search": False, "search_shard_size": 10}, docs_dir=docs)
    assert s.search is False and s.search_shard_size == 10


def test_added_facet_merges_with_the_defaults(docs):
    s = settings_from_options({"facets": [DEPT, {"name": "town", "title": "村社区"}, {"name": "author", "enabled": False}]},
                      docs_dir=docs)
    names = [f.name for f in s.facets]
    assert names == ["topic", "town", "type", "archive", "issuer", "subject", "status", "policy_year", "department"]
    town = s.facet("town")
    assert town.title == "村社区" and town.vocabulary == "places" and town.feed   # only the title changed
    dept = s.facet("department")
    assert (dept.field, dept.path, dept.header, dept.show_empty) == ("department", "department", "chips", False)


@pytest.mark.parametrize("options,expected", [
    ({"per_pgae": 3}, "plugins.govnews.per_pgae: 未知选项（是否应为「per_page」？）"),
    ({"per_page": 0}, "plugins.govnews.per_page（列表页每页篇数）至少为 1（现为 0）"),
    ({"per_page": True}, "plugins.govnews.per_page（列表页每页篇数）应为整数"),
    ({"permalink": "articles/{id}/"}, "plugins.govnews.permalink「articles/{id}/」只能用 {year} 和 {slug}"),
    ({"facets": [{**DEPT, "vocabulary": "departmens"}]}, "找不到词表「departmens」"),
    ({"facets": [{**DEPT, "vocabulary": "departmens"}]}, "（是否应为「departments」？）"),
    ({"facets": [{**DEPT, "feeed": True}]}, "plugins.govnews.facets[department].feeed: 未知选项（是否应为「feed」？）"),
    ({"facets": [{**DEPT, "field": "date"}]}, "field「date」是文章的内置字段"),
    ({"facets": [{**DEPT, "field": "town"}]}, "field「town」已由分类「town」读取"),
    ({"facets": [{**DEPT, "path": "topics"}]}, "path「topics」已由分类「topic」使用"),
    ({"facets": [{**DEPT, "path": "search"}]}, "与站点已有网址 /search/ 冲突"),
    ({"facets": [{"name": "department"}]}, "新分类须写 title"),
    ({"facets": [{"name": "Dept", "title": "部门"}]}, "facets[0].name 缺少或不合法"),
    ({"facets": [DEPT, DEPT]}, "分类「department」写了两次"),
    ({"facets": [{**DEPT, "multiple": "yes"}]}, "facets[department].multiple 应为true 或 false"),
    ({"facets": "department"}, "plugins.govnews.facets（分类（facet），按 name 与默认分类合并）应为列表"),
])
def test_mistakes_are_messages(docs, options, expected):
    messages = errors_of(options, docs)
    assert any(expected in m for m in messages), messages
    assert all(m.startswith("mkdocs.yml:") or m.startswith("../") or ":" in m for m in messages)


def test_messages_name_the_line_in_mkdocs_yml(tmp_path, docs):
    cfg = tmp_path / "mkdocs.yml"
    cfg.write_text("site_name: x\nplugins:\n  - govnews:\n      per_page: 5\n      facets:\n"
                   "        - name: department\n          title: 部门\n          feeed: true\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        settings_from_options({"per_page": 5, "facets": [{"name": "department", "title": "部门", "feeed": True}]},
                      docs_dir=docs, config_path=str(cfg))
    (message,) = info.value.messages
    assert message.endswith(":8: plugins.govnews.facets[department].feeed: 未知选项（是否应为「feed」？）")
