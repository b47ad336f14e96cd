"""The in-process harness (tests/site_harness.py) builds what the command line builds and
fails where a strict build fails."""

from __future__ import annotations

from site_harness import build_files, parse_files

ARTICLE = """
-- docs/articles/2024/hutang.md --
---
title: 湖塘镇优化营商环境
date: 2024-05-29
town: 湖塘镇
topic: 营商环境
---

湖塘镇召开营商环境座谈会。
"""


def test_files_in_a_string_are_parsed_as_txtar():
    files = parse_files(ARTICLE + "-- docs/index.md --\n# 首页\n")
    assert list(files) == ["docs/articles/2024/hutang.md", "docs/index.md"]
    assert files["docs/articles/2024/hutang.md"].startswith("---\ntitle: 湖塘镇优化营商环境\n")


def test_an_article_builds_with_its_facet_pages(tmp_path):
    site = build_files(ARTICLE, tmp_path)
    assert site.ok, site.messages
    assert site.html("articles/2024/hutang/").find("h1").get_text(strip=True) == "湖塘镇优化营商环境"
    town = site.html(next(p for p in ("towns/hutang/", "places/hutang/", "town/hutang/")
                          if (site.site / p / "index.html").exists()))
    assert "湖塘镇优化营商环境" in town.get_text()


def test_a_bad_article_fails_the_strict_build_with_its_message(tmp_path):
    site = build_files(ARTICLE.replace("town: 湖塘镇", "town: 湖堂镇"), tmp_path)
    assert not site.ok
    assert site.has("docs/articles/2024/hutang.md:4: 未知地名「湖堂镇」（是否应为「湖塘镇」？）"), site.messages
