"""What an outside tester broke (issue 15, items 1–13): script in bodies, markup in feeds,
leaked drafts, quiet strict builds, lost or overwritten articles, crashes on odd bytes,
unchecked file-name slugs, non-text titles, two byline lists, clock-derived output, and
messages that did not say how to fix the problem.

Fast in-process tests of the core, plus real `mkdocs build` runs in temp dirs."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import os
import subprocess
import sys

import feedparser
import pytest

from govnews.checks.articles import ARTICLE_CHECKS
from govnews.common.diagnostics import Problems
from govnews.config.settings import Settings
from govnews.model.catalog import parse_authors, read_article
from govnews.model.vocab import load_vocabularies
from govnews.site.feeds import FeedSpec, render_feed

from conftest import ROOT, Project, differing_files, make_project

VOCAB = ROOT / "docs" / "_vocab"
BAD = "docs/articles/2024/bad.md"


def read(text: str, src: str = "articles/2024/bad.md"):
    """One article through the catalog's checks: (article, messages as editors see them)."""
    problems = Problems()
    vocabs = load_vocabularies(str(VOCAB), Problems(), display_dir="docs/_vocab")
    art = read_article(src, "docs/" + src, text, vocabs, Settings(docs_dir=str(ROOT / "docs")), problems,
                       ARTICLE_CHECKS)
    return art, [str(p) for p in problems.sorted()]


def fm(*lines: str, body: str = "正文。") -> str:
    return "\n".join(["---", "title: 标题", "date: 2024-05-29", *lines, "---", "", body, ""])


def build(proj: Project, *args: str, epoch: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SOURCE_DATE_EPOCH", None)
    if epoch:
        env["SOURCE_DATE_EPOCH"] = "1790000000"
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=proj.root, capture_output=True,
                          text=True, env=env, timeout=900)


# -- a project full of what the tester tried, built once without --strict -----------------------
EVIL_BODY = """第一段。

<script>alert(1)</script>

<img src="x.png" onerror="alert(2)">

[点我](javascript:alert(3)) 和 ![图](data:image/svg+xml;base64,PHN2Zz4=)

<iframe src="https://evil.example/"></iframe>

<object data="x.swf"></object><embed src="x.swf">

<style>body{display:none}</style>

代码可以写：`<script>不运行</script>`
"""


@pytest.fixture(scope="module")
def tested(tmp_path_factory) -> tuple[Project, subprocess.CompletedProcess]:
    proj = make_project(tmp_path_factory.mktemp("hardening") / "proj")
    proj.article("2024/good.md", title="好文章", slug="good", topic="营商环境", town="湖塘镇",
                 summary="'3<5 是真的'", body="好的正文。见[草稿](wip.md)。")
    proj.article("2024/evil.md", title="坏正文", slug="evil", body=EVIL_BODY,
                 summary="'X\"><img src=x onerror=alert(1)>'")
    proj.article("2024/wip.md", title="写作中", slug="wip-secret-slug", draft="true")
    proj.article("2024/zero.md", title="草稿零", slug="zero", draft="0", body="不应发布的零草稿。")
    proj.article("2024/first.md", title="先发", date="2024-03-01", slug="same", body="先发的正文。")
    proj.article("2024/later.md", title="后发", date="2024-04-01", slug="same", body="后发的正文。")
    proj.article("2024/refs.md", title="引用", slug="refs", body="见[后发](later.md)和[先发](first.md)。")
    proj.article("2024/湖塘 新闻.md", title="文件名带空格", body="文件名的正文。")
    proj.article("2024/list-title.md", title="[甲, 乙]", slug="list-title", body="列表标题的正文。")
    result = build(proj)
    return proj, result


def test_plain_build_survives_everything_and_reports_it(tested):
    proj, result = tested
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert (proj.site / "index.html").exists() and (proj.site / "feed.xml").exists()
    assert (proj.site / "pagefind").is_dir()   # the search index was written (feedgen used to die first)
    for name in ("evil.md", "zero.md", "later.md", "湖塘 新闻.md", "list-title.md", "good.md"):
        assert f"docs/articles/2024/{name}:" in result.stderr, name


# 1 ----------------------------------------------------------------------------------------------
def test_scan_reports_script_in_a_body_with_its_line():
    from govnews.checks import bodysafety

    found = bodysafety.scan(EVIL_BODY, first_line=10)
    lines = {line for line, _ in found}
    text = "\n".join(f"{line}: {message}" for line, message in found)
    assert {12, 14, 16, 18, 20, 22} <= lines, text
    assert "<script>" in text and "onerror=" in text and "javascript:" in text and "data:" in text
    assert "<iframe>" in text and "<object>" in text and "<embed>" in text and "<style>" in text
    assert 24 not in lines   # a code span shows code, never runs it
    assert bodysafety.scan("正文 3<5，a:b。\n\n[好链接](https://www.gov.cn/) <b>粗</b>\n") == []


def test_scan_sees_through_entities_case_and_attr_list():
    from govnews.checks import bodysafety

    found = bodysafety.scan('<a href="JaVa&#x53;cript:alert(1)">x</a>\n\n[y](https://a.gov.cn/){onclick="x()"}\n')
    assert [line for line, _ in found] == [1, 3]


def test_clean_html_strips_what_runs_and_keeps_the_text():
    from govnews.checks import bodysafety

    html, removed = bodysafety.clean_html('<p>甲<script>alert(1)</script>乙<img src="x" onerror="y()">'
                                          '<a href=" javascript:z()">丙</a><iframe src="e"></iframe></p>')
    assert removed and "script" not in html and "onerror" not in html and "javascript" not in html
    assert "iframe" not in html and "甲" in html and "乙" in html and "丙" in html
    same = '<p>3 &lt; 5，<a href="../x/">链接</a></p>'
    assert bodysafety.clean_html(same) == (same, [])


def test_script_in_a_body_is_never_published(tested):
    proj, result = tested
    assert f"{BAD.replace('bad', 'evil')}:10: 正文中不允许 <script>" in result.stderr
    body = proj.html("articles/2024/evil/").select_one(".gn-body")
    assert body is not None and "第一段" in body.get_text()
    assert not body.find_all(["script", "iframe", "object", "embed", "style"])
    for el in body.find_all(True):
        assert not any(a.startswith("on") for a in el.attrs), el
        for attr in ("href", "src"):
            assert not str(el.get(attr, "")).lower().startswith(("javascript:", "data:")), el


def test_script_in_a_body_fails_check_and_the_strict_build(tmp_path):
    proj = make_project(tmp_path / "proj")
    proj.article("2024/evil.md", title="坏", slug="evil", body="正文。\n\n<img src=x onerror=alert(1)>\n")
    check = proj.govnews("check")
    assert check.returncode == 1 and f"{BAD.replace('bad', 'evil')}:9: 正文中不允许 onerror=" in check.stdout
    strict = build(proj, "-q", "--strict")
    assert strict.returncode != 0 and "evil.md:9: 正文中不允许 onerror=" in strict.stderr


def _nginx_conf():
    spec = importlib.util.spec_from_file_location("nginx_conf_h", ROOT / "scripts" / "deploy" / "nginx_conf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_csp_hashes_only_the_projects_own_inline_scripts(tested, tmp_path):
    proj, _ = tested
    nginx_conf = _nginx_conf()
    clean = nginx_conf.inline_script_hashes(str(proj.site))
    assert len(clean) >= 3   # Material's bootstrap snippets and the font-size switch
    page = proj.site / "articles" / "2024" / "good" / "index.html"
    injected = "alert('csp')"   # as an old or hand-edited build would carry it
    page.write_text(page.read_text(encoding="utf-8").replace(
        "好的正文。", f"好的正文。<script>{injected}</script>", 1), encoding="utf-8")
    digest = "'sha256-" + base64.b64encode(hashlib.sha256(injected.encode()).digest()).decode() + "'"
    hashes = nginx_conf.inline_script_hashes(str(proj.site))
    assert digest not in hashes and hashes == clean


# 2 ----------------------------------------------------------------------------------------------
def test_feed_description_is_escaped_text():
    from govnews.common.text import parse_date
    from govnews.model.catalog import Article

    art = Article(src="a.md", path="a.md", title="甲", date=parse_date("2024-05-01"), url="articles/2024/a/",
                  excerpt='3<5 X"><img src=x onerror=alert(1)>')
    xml = render_feed(FeedSpec("feed.xml", "", "站", "站", [art]), "https://e.gov.cn/", None).decode()
    assert "<description>3&amp;lt;5 X\"&amp;gt;&amp;lt;img src=x onerror=alert(1)&amp;gt;</description>" in xml
    entry = feedparser.parse(xml).entries[0]
    assert "<img" not in entry.summary and entry.summary.startswith("3&lt;5")


def test_feed_descriptions_stay_text(tested):
    proj, _ = tested
    raw = (proj.site / "feed.xml").read_text(encoding="utf-8")
    assert "3&amp;lt;5 是真的" in raw
    assert "<img" not in raw and "&lt;img" not in raw   # no markup for a reader to render
    feed = feedparser.parse(raw)
    by_title = {e.title: e for e in feed.entries}
    assert by_title["好文章"].summary == "3&lt;5 是真的"   # HTML for "3<5 是真的"
    assert "<img" not in by_title["坏正文"].summary and "&lt;img" in by_title["坏正文"].summary


# 3 ----------------------------------------------------------------------------------------------
def test_link_to_a_draft_never_publishes_its_slug(tested):
    proj, plain = tested
    assert "docs/articles/2024/good.md:10: 链接「wip.md」指向草稿「写作中」" in plain.stderr
    assert "wip-secret-slug" not in proj.html("articles/2024/good/").decode()
    assert not any("wip-secret-slug" in p.read_text(encoding="utf-8", errors="replace")
                   for p in proj.site.rglob("*") if p.is_file() and p.suffix in (".html", ".xml", ".json"))


def test_link_to_a_future_article_fails_the_strict_build(tmp_path):
    small = make_project(tmp_path / "small")
    small.article("2024/a.md", title="甲", slug="a", body="见[乙](b.md)。")
    small.article("2024/b.md", title="乙", slug="b", date="2099-01-01")
    for args in (["--strict"], ["-q", "--strict"]):
        result = build(small, *args)
        assert result.returncode != 0, args
        assert "docs/articles/2024/a.md:7: 链接「b.md」指向定于 2099-01-01 发布的「乙」" in result.stderr


# 4 ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("line,message", [
    ("topic: 不存在的专题", "未知专题「不存在的专题」"),
    ("draft: 0", "draft 只能写 true（草稿）或 false（发布）"),
    ("updated: 2024-13-01", "日期不合法"),
])
def test_quiet_strict_build_fails_on_govnews_problems(tmp_path, line, message):
    proj = make_project(tmp_path / "proj")
    proj.write("articles/2024/bad.md", fm(line))
    result = build(proj, "-q", "--strict")
    assert result.returncode != 0
    assert f"{BAD}:4: {message}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


# 5 ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["0", '"false"', "否", "''", "1"])
def test_draft_must_be_a_real_boolean_and_is_hidden_otherwise(value):
    art, messages = read(fm(f"draft: {value}"))
    assert art.draft is True
    assert any(m.startswith(f"{BAD}:4: draft 只能写 true") for m in messages), messages
    assert read(fm("draft: false"))[0].draft is False and read(fm("draft: false"))[1] == []


@pytest.mark.parametrize("body", ["", "\n\n", "<!-- 正文待补 -->\n", "　\n"])
def test_an_empty_body_is_refused_and_not_published(body):
    art, messages = read(fm(body=body))
    assert f"{BAD}:4: 正文为空：没有正文的文章不发布（空白页面）；请写上正文，或先写 draft: true" in messages, messages
    assert not art.listed
    art, messages = read(fm("draft: true", body=body))   # a draft may be empty
    assert messages == [] and art.draft
    assert read(fm(body="![现场](a.jpg)"))[1] == []     # a picture is content


PICTURES_ONLY = "正文只有图片、没有文字，图片也没有说明"
FILES_ONLY = "正文只有附件链接、没有文字"


@pytest.mark.parametrize("body, line, named", [
    ("![](a.png)\n\n![](b.png)", 6, PICTURES_ONLY), ('<p align="center"><img src="a.png"></p>\n', 6, PICTURES_ONLY),
    ("<!-- 图解 -->\n![现场](a.png)\n\n<img alt='' src=b.png>", 7, PICTURES_ONLY),
    # an old CMS's 政策文件 page: the words are in the PDF, not on the page
    ("附件：[关于印发若干措施的通知.pdf](../../files/a/通知.pdf)", 6, FILES_ONLY),
    ("\n附件1：[申报表](a.docx)\n\n附件2：[名单](b.xlsx)\n", 7, FILES_ONLY),
    ('<p><a href="doc/x.PDF">点击下载</a></p>', 6, FILES_ONLY),
])
def test_a_body_with_nothing_to_read_aloud_is_named(body, line, named):
    """A 图解 of pictures alone, or links to files alone: nothing for a screen reader or for
    search (textless.py)."""
    art, messages = read(fm(body=body))
    assert [m.split("：")[0] for m in messages] == [f"{BAD}:{line}: {named}"], messages
    assert art.listed                      # published: a warning, fixed by writing the words


@pytest.mark.parametrize("body", [
    "![图中文字：营商环境二十条](a.png)", "![](a.png)\n\n图中文字：营商环境二十条", '<img src="a.png" alt="二十条措施">',
    "正文。", "为进一步优化营商环境，现印发若干措施。\n\n附件：[措施.pdf](a.pdf)", "详见[湖塘镇](../x.md)",
    "附件：申报表（请到镇便民服务中心领取）"])
def test_a_body_with_words_is_not_named(body):
    assert read(fm(body=body))[1] == [], body


def test_draft_zero_is_not_published(tested):
    proj, _ = tested
    assert not (proj.site / "articles" / "2024" / "zero").exists()
    assert not any("不应发布的零草稿" in p.read_text(encoding="utf-8") for p in proj.site.rglob("*.html"))


# 6 ----------------------------------------------------------------------------------------------
def test_duplicate_url_keeps_the_first_and_names_both(tested):
    proj, result = tested
    assert ("docs/articles/2024/later.md:4: 网址 /articles/2024/same/ 与 docs/articles/2024/first.md 重复"
            in result.stderr)
    assert "本文未发布" in result.stderr and "slug: same-2" in result.stderr
    page = proj.html("articles/2024/same/").select_one(".gn-body").get_text()
    assert "先发的正文" in page and "后发的正文" not in page
    links = {a.get_text(): a["href"] for a in proj.html("articles/2024/refs/").select(".gn-body a")}
    assert links == {"先发": "../same/"}   # the withheld one is text, not a link to the other


# 7 ----------------------------------------------------------------------------------------------
def test_control_characters_are_reported_with_lines_and_removed():
    art, messages = read(fm(body="第一行。\n有\x00空字符\x1b[31m。"))
    assert f"{BAD}:7: 含有不可见的控制字符 U+0000（NUL）（多为从其他软件复制粘贴带入），请删除" in messages
    assert any(m.startswith(f"{BAD}:7: 含有不可见的控制字符 U+001B（ESC）") for m in messages)
    assert "\x00" not in art.body and "\x1b" not in art.body and "空字符[31m" in art.body


def test_control_characters_do_not_break_the_build(tmp_path):
    proj = make_project(tmp_path / "proj")
    proj.article("2024/ctrl.md", title="控制字符", slug="ctrl", body="有\x00空字符\x1b[31m和转义。")
    result = build(proj)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "docs/articles/2024/ctrl.md:7: 含有不可见的控制字符" in result.stderr
    assert "空字符" in proj.html("articles/2024/ctrl/").get_text()
    assert "\x00" not in (proj.site / "feed.xml").read_text(encoding="utf-8")
    assert (proj.site / "pagefind").is_dir()


# 8 ----------------------------------------------------------------------------------------------
def test_gbk_file_is_reported_and_the_rest_is_built(tmp_path):
    proj = make_project(tmp_path / "proj")
    proj.article("2024/good.md", title="好文章", slug="good")
    (proj.docs / "articles" / "2024" / "gbk.md").write_bytes(fm(body="这是GBK编码的正文。").encode("gbk"))
    result = build(proj)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "docs/articles/2024/gbk.md:2: 文件不是 UTF-8 编码" in result.stderr   # the first non-UTF-8 byte
    assert (proj.site / "articles" / "2024" / "good" / "index.html").exists()
    assert (proj.site / "index.html").exists() and (proj.site / "pagefind").is_dir()


def test_gbk_file_fails_check_without_traceback(tmp_path):
    proj = make_project(tmp_path / "proj")
    (proj.docs / "articles" / "2024").mkdir(parents=True)
    (proj.docs / "articles" / "2024" / "gbk.md").write_bytes(fm().encode("gbk"))
    check = proj.govnews("check")
    assert check.returncode == 1 and "gbk.md:" in check.stdout and "UTF-8" in check.stdout
    assert "Traceback" not in check.stderr


# 9 ----------------------------------------------------------------------------------------------
def test_file_name_slug_is_checked_like_a_slug():
    art, messages = read(fm(), src="articles/2024/湖塘 新闻.md")
    assert messages == ["docs/articles/2024/湖塘 新闻.md:1: 文件名「湖塘 新闻」不能直接用作网址"
                        "（只能用小写字母、数字和连字符）：请在 front matter 写 slug: hu-tang-xin-wen，"
                        "或把文件改名为 hu-tang-xin-wen.md"]
    assert art.slug == "hu-tang-xin-wen"


def test_no_url_with_a_space_is_published(tested):
    proj, _ = tested
    assert (proj.site / "articles" / "2024" / "hu-tang-xin-wen" / "index.html").exists()
    assert not any(" " in p.name for p in proj.site.rglob("*"))
    for name in ("sitemap.xml", "feed.xml"):
        assert "湖塘 新闻" not in (proj.site / name).read_text(encoding="utf-8")


# 10 ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("field", ["title", "summary", "source"])
def test_text_fields_must_be_text(field):
    text = fm().replace("title: 标题", "title: [甲, 乙]") if field == "title" else fm(f"{field}: [甲, 乙]")
    art, messages = read(text)
    line = 2 if field == "title" else 4
    assert any(m.startswith(f"{BAD}:{line}: {field} 应是一段文字，不能是列表") for m in messages), messages
    assert "['甲'" not in getattr(art, field) and "甲" in getattr(art, field)


def test_list_title_is_not_printed_as_a_python_list(tested):
    proj, _ = tested
    assert "['甲', '乙']" not in (proj.site / "articles" / "2024" / "list-title" / "index.html").read_text(
        encoding="utf-8")


# 11 ---------------------------------------------------------------------------------------------
def test_one_byline_role_list_and_parser():
    from govnews.importer.text import bylines as importer_bylines
    from govnews.model import bylines

    assert importer_bylines.ROLES is bylines.ROLES and importer_bylines.parse_byline is bylines.parse_byline
    authors = parse_authors(["融媒体记者 张小明", "特约通讯员 李华", "首席记者 王芳"])
    assert [(a.role, a.name) for a in authors] == [("融媒体记者", "张小明"), ("特约通讯员", "李华"), ("首席记者", "王芳")]
    assert [a.name for a in parse_authors("记者何晓丹、通讯员 屠东君")] == ["何晓丹", "屠东君"]
    assert [(a.role, a.name) for a in parse_authors("徐晶玮 摄")] == [("摄", "徐晶玮")]
    assert bylines.parse_byline("■融媒体记者 张小明  特约通讯员 李华") == ("融媒体记者 张小明", "特约通讯员 李华")


# 12 ---------------------------------------------------------------------------------------------
def test_empty_feed_takes_no_date_from_the_clock():
    xml = render_feed(FeedSpec("towns/x/feed.xml", "towns/x/", "空", "空", []), "https://e.gov.cn/", None)
    assert b"lastBuildDate" not in xml


def test_two_builds_without_source_date_epoch_are_identical(tmp_path):
    proj = make_project(tmp_path / "proj")
    proj.article("2024/a.md", title="甲", slug="a", topic="营商环境", town="湖塘镇", body="正文。")
    first = build(proj, "-d", str(tmp_path / "one"), epoch=False)
    assert first.returncode == 0, first.stderr
    second = build(proj, "-d", str(tmp_path / "two"), epoch=False)
    assert second.returncode == 0, second.stderr

    assert differing_files(tmp_path / "one", tmp_path / "two") == []


# 13 ---------------------------------------------------------------------------------------------
def test_yaml_errors_are_explained_in_chinese_with_the_fix():
    _, messages = read("---\ntitle: 会议: 部署工作\ndate: 2024-05-29\n---\n\n正文。\n")
    assert len(messages) == 1 and messages[0].startswith(f"{BAD}:2: YAML 格式错误：")
    assert "引号" in messages[0] and 'title: "' in messages[0]
    _, messages = read("---\ntitle: \"没有闭合\ndate: 2024-05-29\n---\n\n正文。\n")
    assert messages[0].startswith(f"{BAD}:2: YAML 格式错误：引号没有闭合"), messages


def test_policy_link_error_points_at_the_link_line(tmp_path):
    proj = make_project(tmp_path / "proj")
    proj.write("articles/2024/bad.md", fm("type: 政策解读", "policy:", "  title: 某某办法", "  issuer: 某某局",
                                         "  link: articles/2024/nothing/"))
    check = proj.govnews("check")
    assert f"{BAD}:8: policy 的 link「articles/2024/nothing/」" in check.stdout, check.stdout


def test_slug_errors_suggest_a_valid_slug():
    _, messages = read(fm("slug: Hu Tang_新闻"))
    assert messages == [f"{BAD}:4: slug「Hu Tang_新闻」只能用小写字母、数字和连字符（是否应为「hu-tang-xin-wen」？）"]


def test_unknown_topic_without_a_close_match_says_where_to_add_it():
    _, messages = read(fm("topic: 航空航天"))
    assert messages == [f"{BAD}:4: 未知专题「航空航天」（词表中没有相近的词；如需新增，请在 docs/_vocab/topics.yml 中添加）"]
    _, messages = read(fm("topic: 营商环竟"))
    assert messages == [f"{BAD}:4: 未知专题「营商环竟」（是否应为「营商环境」？）"]


def test_two_files_with_unreadable_front_matter_keep_their_own_pages(tmp_path):
    """Broken front matter has no slug: each file still gets its file name's URL, so two
    such files are two pages with their text, not one contested /articles/undated// page."""
    proj = make_project(tmp_path / "proj")
    proj.article("2024/good.md", title="甲", topic="营商环境", town="湖塘镇")
    proj.write("articles/2024/broken-one.md", "---\ntitle: 会议: 部署工作\ndate: 2024-05-29\n---\n\n第一篇的正文，电话 86501234。\n")
    proj.write("articles/2024/broken-two.md", "---\ntitle: 第二篇\ndate: 2024-05-30\n\n没有结束的 front matter，第二篇的正文。\n")
    art, _ = read("---\ntitle: 会议: 部署工作\n---\n\n正文。\n", src="articles/2024/Broken Three.md")
    assert art.slug == "broken-three" and not art.listed
    check = proj.govnews("check")
    assert check.returncode == 1
    assert "重复" not in check.stdout + check.stderr, check.stdout
    result = build(proj)
    assert result.returncode == 0, result.stderr
    one = (proj.site / "articles" / "undated" / "broken-one" / "index.html").read_text(encoding="utf-8")
    two = (proj.site / "articles" / "undated" / "broken-two" / "index.html").read_text(encoding="utf-8")
    assert "电话 86501234" in one and "第二篇的正文" in two


# 7 ----------------------------------------------------------------------------------------------
# what a Chinese input method does to front matter: the message names the line and the fix
@pytest.mark.parametrize("text,line,message", [
    ("---\ntitle：标题\ndate: 2024-05-29\n---\n\n正文。\n", 2,
     "字段名「title」后面是中文冒号「：」，应为英文冒号加空格：title: …"),
    ("---\ndate: 2024-05-29\n标题：题目\ntown: 湖塘镇\n---\n\n正文。\n", 3,
     "字段名「标题」后面是中文冒号「：」，应为英文冒号加空格：标题: …"),
    ("---\ntitle:标题\n---\n\n正文。\n", 2, "字段名「title」的冒号后面缺少空格，应为 title: …"),
    (fm("topic: 营商环境，生态环境"), 4, "topic 写成了一个值「营商环境，生态环境」：多个专题请写成列表，如 topic: [营商环境, 生态环境]"),
    (fm("topic: 营商环境、不存在"), 4, "多个专题请写成列表，如 topic: [营商环境, 不存在]；其中「不存在」不在词表中"),
    (fm("town: 湖塘镇、牛塘镇"), 4, "town 写成了一个值「湖塘镇、牛塘镇」：只能写一个地名"),
])
def test_input_method_slips_in_front_matter_are_named(text, line, message):
    art, messages = read(text)
    assert any(m.startswith(f"{BAD}:{line}: ") and message in m for m in messages), messages


@pytest.mark.parametrize("value", ["2024/5/29", "2024.5.29", "2024-5-29", "2024/05/29 00:00", "2024年5月29日",
                                   "２０２４－０５－２９", "２０２４年５月２９日", "20240529", "2024-05-29 9:05"])
def test_dates_as_editors_type_them_are_read(value):
    art, messages = read(fm().replace("date: 2024-05-29", f"date: {value}"))
    assert art.date is not None and art.date.strftime("%Y-%m-%d") == "2024-05-29" and messages == [], messages


@pytest.mark.parametrize("value", ["2024/13/1", "2024/5", "5/29/2024", "2024/2/30"])
def test_impossible_or_ambiguous_dates_are_still_refused(value):
    _, messages = read(fm().replace("date: 2024-05-29", f"date: {value}"))
    assert any(f"日期不合法「{value}」" in m for m in messages), messages


@pytest.mark.parametrize("value,hint", [
    ("20240230", "（2024年2月没有30日）"),
    ("2024/2/30", "（2024年2月没有30日）"),
    ("2024-13-01", "（没有13月）"),
    ("2024-05-29 9:75", "（时间「9:75」不合法，应为 00:00 到 23:59）"),
    # a year or a month alone is an honest partial date (test_partial_dates.py); a month that
    # does not exist, or a month in a form not read as one, is refused with what to write
    ("2024-13", "（没有13月，月份应为 1 到 12，如 2024-01；原文只写到年份时写「2024」）"),
    ("2024年13月", "（没有13月，月份应为 1 到 12，如 2024-01；原文只写到年份时写「2024」）"),
    ("2024/5", "（是否应为「2024-05」？原文只写到月时写 2024-05 或 2024年5月）"),
    ("明天", "（应为 2024-05-29 或 2024-05-29 10:30 这样的日期）"),
])
def test_a_refused_date_says_what_to_write(value, hint):
    _, messages = read(fm().replace("date: 2024-05-29", f"date: {value}"))
    assert any(m.startswith(f"{BAD}:3: 日期不合法「{value}」{hint}") for m in messages), messages


def test_partial_date_advice_is_for_the_articles_date_only():
    _, messages = read(fm("updated: 2024年6月"))
    assert f"{BAD}:4: 日期不合法「2024年6月」（缺少日，要写到哪一天，如 2024-05-29）" in messages, messages


@pytest.mark.parametrize("line,meant", [
    ("town: 湖塘街道", "未知地名「湖塘街道」（是否应为「湖塘镇」？）"),       # not 西湖街道, nearer by edit distance
    ("town: 常州市武进区湖塘镇", "未知地名「常州市武进区湖塘镇」（是否应为「湖塘镇」？）"),   # not 常州市
    ("town: 湖塘镇人民政府", "未知地名「湖塘镇人民政府」（是否应为「湖塘镇」？）"),
    ("town: 牛堂镇", "未知地名「牛堂镇」（是否应为「牛塘镇」？）"),
    ("topic: 营商环境优化", "未知专题「营商环境优化」（是否应为「营商环境」？）"),
    ("topic: 生态保护", "未知专题「生态保护」（是否应为「生态环境」？）"),
    ("titel: 标题", "未知字段「titel」（是否应为「title」？）"),
    ("town: [湖塘镇, 牛塘镇]", "town 只能写一个地名（湖塘镇、牛塘镇共同的上级是「武进区」：涉及几处的文章可写 town: 武进区）"),
    ("town: [湖塘镇, 平湖市]", "town 只能写一个地名"),   # no common parent: nothing to suggest
])
def test_suggestions_follow_how_chinese_names_are_built(line, meant):
    _, messages = read(fm(line))
    assert f"{BAD}:4: {meant}" in messages, messages


def test_the_same_article_published_twice_is_named(tmp_path):
    proj = make_project(tmp_path / "proj")
    text = "3月5日，湖塘镇召开安全生产工作会议，部署全年工作。"
    proj.article("2025/meeting.md", title="湖塘镇召开安全生产会议", date="2025-03-05", body=text)
    proj.article("2025/meeting-2.md", title="湖塘镇召开 安全生产会议", date="2025-03-05 10:00", body=text + "\n")
    proj.article("2025/meeting-draft.md", title="湖塘镇召开安全生产会议", date="2025-03-05", body=text, draft="true")
    proj.article("2025/meeting-next.md", title="湖塘镇召开安全生产会议", date="2025-03-05", body=text + "会议强调……")
    result = proj.govnews("check")
    found = [line for line in result.stdout.splitlines() if "发布了两次" in line]
    assert found == ["docs/articles/2025/meeting.md:2: 与 docs/articles/2025/meeting-2.md 的标题、日期和正文都相同："
                     "同一篇文章发布了两次？请删除其中一篇"], result.stdout
    assert result.returncode == 1 and "0 个错误，1 个警告" in result.stderr
