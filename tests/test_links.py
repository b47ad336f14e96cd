"""Links: the Markdown link scanner behind `govnews check`, and the whole-site check of the
built HTML with LinkChecker (scripts/linkcheck.py) — a clean site passes, a planted broken
link or missing anchor fails."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from govnews.checks.links import body_anchors, body_links, heading_slugifiers

from conftest import ROOT, Project, make_project

LINKCHECK = [sys.executable, str(ROOT / "scripts" / "linkcheck.py")]


# -- the Markdown scanner ---------------------------------------------------------------------
def test_body_links_finds_every_link_form_with_lines():
    body = (
        "第一段 [甲](a.md \"标题\") 和 ![图](<img/照片 1.jpg>) 和 [带[括号]的](b.md#x)。\n"
        "\n"
        "`[代码](no.md)` 与 [网址](https://www.gov.cn/) <a href='c.md'>c</a> <img alt=\"\" src=\"d.png\">\n"
        "~~~\n[围栏](no.md)\n~~~\n"
        "[ref]: e.md\n"
        "[^1]: 脚注不是链接\n"
        "[括号](f_(1).md)\n"
    )
    found = [(link.line, link.url, link.image) for link in body_links(body, first_line=10)]
    assert found == [
        (10, "a.md", False), (10, "img/照片 1.jpg", True), (10, "b.md#x", False),
        (12, "https://www.gov.cn/", False), (12, "c.md", False), (12, "d.png", True),
        (16, "e.md", False),
        (18, "f_(1).md", False),
    ]


def test_body_anchors_follow_toc_ids():
    body = "## 第一节\n\n## 第一节\n\n### Policy *Q&A*\n\n## 自定义 {#custom}\n\n<a id=\"here\"></a>\n```\n## 不是标题\n```\n"
    anchors = body_anchors(body, heading_slugifiers())
    assert {"第一节", "第一节_1", "policy-qa", "custom", "here"} <= anchors
    assert "不是标题" not in anchors
    assert "第一节_2" not in anchors and "第一节_1" not in body_anchors("## 第一节\n", heading_slugifiers())


# -- LinkChecker over the built site ----------------------------------------------------------
def _content(proj: Project) -> None:
    proj.write("images/photo.jpg", "not really a jpeg")
    proj.article("2024/jia.md", title="甲", slug="jia", topic="营商环境", town="湖塘镇",
                 body="见[乙的第一节](yi.md#第一节)。\n\n![现场](../../images/photo.jpg)\n")
    proj.article("2024/yi.md", title="乙", slug="yi", topic="营商环境",
                 body="## 第一节\n\n回到[甲](jia.md)或[专题](../../topics/index.md)。\n")


@pytest.fixture(scope="module")
def clean_site(tmp_path_factory) -> Project:
    proj = make_project(tmp_path_factory.mktemp("links") / "proj")
    _content(proj)
    result = proj.build(strict=True)
    assert result.returncode == 0, result.stderr
    return proj


def run_linkcheck(site) -> subprocess.CompletedProcess:
    return subprocess.run(LINKCHECK + [str(site)], capture_output=True, text=True, timeout=900)


def planted(clean_site: Project, tmp_path, body: str) -> Project:
    """A copy of the clean project plus one article, built *without* --strict (as a careless
    local build would): the broken link reaches the HTML and only the site check can see it."""
    proj = Project(tmp_path / "proj")
    shutil.copytree(clean_site.root, proj.root, ignore=shutil.ignore_patterns("site"))
    proj.article("2024/bing.md", title="丙", slug="bing", body=body)
    result = proj.build(strict=False)
    assert result.returncode == 0, result.stderr
    return proj


def test_clean_site_has_no_broken_links(clean_site):
    result = run_linkcheck(clean_site.site)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 errors found" in result.stdout and "0 warnings found" in result.stdout


def test_planted_broken_link_fails(clean_site, tmp_path):
    proj = planted(clean_site, tmp_path, "坏链接：[不存在](../nope/)。\n")
    result = run_linkcheck(proj.site)
    assert result.returncode == 1
    assert "articles/2024/nope/" in result.stdout and "404" in result.stdout
    assert "1 error found" in result.stdout


def test_planted_missing_anchor_fails(clean_site, tmp_path):
    proj = planted(clean_site, tmp_path, "坏锚点：[乙](yi.md#第二节)。\n")
    result = run_linkcheck(proj.site)
    assert result.returncode == 1
    assert "Anchor `%E7%AC%AC%E4%BA%8C%E8%8A%82' (decoded: `第二节') not found" in result.stdout \
        or "第二节" in result.stdout, result.stdout[-3000:]
    assert "0 errors found" in result.stdout and "1 warning found" in result.stdout


def test_linkcheck_refuses_a_missing_site(tmp_path):
    result = run_linkcheck(tmp_path / "nothing")
    assert result.returncode != 0 and "请先构建站点" in result.stderr


def test_check_weighs_body_pictures(tmp_path):
    """A photo straight from a phone (here 3 MB) is named with what it costs a reader on a slow
    link; a news photo of a few hundred KB is not."""
    proj = make_project(tmp_path / "proj")
    proj.write("articles/2024/big.jpg", "x" * (3 * 1024 * 1024))
    proj.write("articles/2024/small.jpg", "x" * (300 * 1024))
    proj.article("2024/photos.md", title="图片新闻", slug="photos",
                 body="![现场](big.jpg)\n\n<img src=\"small.jpg\" alt=\"会场\">\n\n![会场](small.jpg)\n")
    result = proj.govnews("check")
    assert result.returncode == 1, result.stdout + result.stderr
    found = [line for line in result.stdout.splitlines() if "MB" in line]
    assert found == ["docs/articles/2024/photos.md:7: 图片「big.jpg」有 3.0 MB，在手机慢速网络（1.5 Mbit/s）上要下载约 17 秒："
                     "请缩小到宽 1600 像素以内、500 KB 左右再用（如用“画图”打开，“重新调整大小”后另存为 JPEG）"], result.stdout
    assert "0 个错误，1 个警告" in result.stderr
