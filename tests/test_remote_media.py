"""Pictures and media hotlinked from other sites, and MkDocs' own warnings under -q --strict.

The shipped Content-Security-Policy loads images and media from the site only, so a picture
pasted with its old CMS address is a blank box for readers: `govnews check` and every strict
build (quiet or not) name its line. A Markdown image that is not there is MkDocs' own warning,
which `mkdocs build -q --strict` used to drop (MkDocs' logger is at ERROR under -q)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from govnews.checks import remotemedia
from govnews.checks.articles import ARTICLE_CHECKS
from govnews.common.diagnostics import Problems
from govnews.config.settings import Settings
from govnews.model.catalog import read_article
from govnews.model.vocab import load_vocabularies

from conftest import ROOT, engine_command, make_project

sys.path.insert(0, str(ROOT / "scripts" / "deploy"))
import nginx_conf  # noqa: E402  (the policy the shipped server sends)


def lines(body: str, origin: str = "") -> list[int]:
    return [line for line, _ in remotemedia.scan(body, 1, origin)]


@pytest.mark.parametrize("body", [
    "![现场](http://www.example.gov.cn/images/a.jpg)",
    "![现场](https://www.example.gov.cn/a.jpg \"题注\")",
    "![现场](<//cdn.example.com/a.jpg>)",
    '<img alt="" src="HTTP://www.example.gov.cn/a.jpg">',
    '<p><img src="a.jpg" srcset="a.jpg 1x, https://cdn.example.com/a2.jpg 2x"></p>',
    '<video controls src="http://v.example.com/a.mp4"></video>',
    '<video controls poster="https://v.example.com/a.jpg"><source src="a.mp4"></video>',
    '<audio src="//fm.example.com/a.mp3"></audio>',
    "![现场][p]\n\n[p]: http://www.example.gov.cn/a.jpg",
    "![P]\n\n[p]: <https://www.example.gov.cn/a.jpg> \"题注\"",
])
def test_remote_media_is_found_on_its_line(body):
    assert lines("第一段。\n\n" + body) == [3], body


@pytest.mark.parametrize("body", [
    "[国务院](https://www.gov.cn/) 和 <a href=\"http://www.example.gov.cn/\">链接</a>",
    "![现场](images/a.jpg) <img src=\"../a.png\"> <video src=\"a.mp4\"></video>",
    "```\n![代码](http://www.example.gov.cn/a.jpg)\n```",
    "`<img src=\"http://www.example.gov.cn/a.jpg\">`",
    "![现场][p]\n\n[p]: images/a.jpg\n\n[q]: http://www.example.gov.cn/a.jpg",
    "[![图](a.jpg)](http://www.example.gov.cn/big.jpg)",
    "![本站](https://news.example.gov.cn/images/a.jpg)",
])
def test_links_local_media_code_and_the_sites_own_host_pass(body):
    assert lines(body, origin="news.example.gov.cn") == [], body


def test_the_shipped_policy_is_what_the_check_assumes():
    # if the policy ever allows other hosts, the check must learn them (or go)
    policy = dict(part.split(" ", 1) for part in nginx_conf.content_security_policy([]).split("; "))
    assert policy["img-src"] == "'self' data:"
    assert "media-src" not in policy and policy["default-src"] == "'self'"


def test_check_names_the_line_in_chinese():
    problems = Problems()
    vocabs = load_vocabularies(str(ROOT / "docs" / "_vocab"), Problems(), display_dir="docs/_vocab")
    text = "---\ntitle: 标题\ndate: 2024-05-29\n---\n\n正文。\n\n![现场](http://www.old.gov.cn/a.jpg)\n"
    read_article("articles/2024/x.md", "docs/articles/2024/x.md", text, vocabs,
                 Settings(docs_dir=str(ROOT / "docs"), site_url="https://news.example.gov.cn/"), problems,
                 ARTICLE_CHECKS)
    assert [str(p) for p in problems] == [
        "docs/articles/2024/x.md:8: 图片「http://www.old.gov.cn/a.jpg」在外站：本站的安全策略（CSP）只加载本站的图片和"
        "音视频，读者看到的会是空白，外站改版后也会失效；请下载后放到 docs/ 下（如文章旁边），用相对路径引用"]
    assert all(p.is_error for p in problems)


def _build(proj, *args):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(engine_command("build") + list(args), cwd=proj.root, capture_output=True,
                          text=True, env=env, timeout=900)


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    proj = make_project(tmp_path_factory.mktemp("media") / "proj")
    proj.article("2024/hot.md", title="外链图片", slug="hot",
                 body="正文。\n\n<img src=\"https://www.old.gov.cn/a.jpg\" alt=\"旧站图片\">\n")
    proj.article("2024/gone.md", title="缺图", slug="gone", body="正文。\n\n![现场](missing.jpg)\n")
    return proj


@pytest.mark.parametrize("args", [["--strict"], ["-q", "--strict"]])
def test_strict_builds_fail_on_both_at_any_verbosity(broken, args):
    result = _build(broken, *args)
    assert result.returncode != 0, result.stderr
    assert "docs/articles/2024/hot.md:9: 图片「https://www.old.gov.cn/a.jpg」在外站" in result.stderr
    assert "missing.jpg" in result.stderr   # MkDocs' own warning, named even under -q
    assert "Traceback" not in result.stderr


def test_quiet_build_without_strict_stays_quiet_and_builds(broken):
    result = _build(broken, "-q")
    assert result.returncode == 0, result.stderr
    assert "missing.jpg" not in result.stderr and "在外站" not in result.stderr
    assert (broken.site / "articles" / "2024" / "gone" / "index.html").exists()


def test_quiet_strict_build_fails_on_a_mkdocs_warning_alone(tmp_path):
    proj = make_project(tmp_path / "proj")
    proj.article("2024/gone.md", title="缺图", slug="gone", body="正文。\n\n![现场](missing.jpg)\n")
    assert proj.govnews("check").returncode != 0   # the same finding, in Chinese, without building
    result = _build(proj, "-q", "--strict")
    assert result.returncode != 0, result.stderr
    assert "MkDocs 另有 1 个警告" in result.stderr and "'missing.jpg'" in result.stderr
    assert "Traceback" not in result.stderr
    os.remove(proj.docs / "articles" / "2024" / "gone.md")
    proj.article("2024/gone.md", title="有图", slug="gone", body="正文。\n\n![现场](here.jpg)\n")
    proj.write("articles/2024/here.jpg", "not really a jpeg")
    result = _build(proj, "-q", "--strict")
    assert result.returncode == 0 and result.stderr == "", result.stderr
