"""Editors' workflow: `govnews new`, `govnews check` (links, images, anchors, front matter),
the pre-commit hook, `mkdocs serve` with drafts, and scheduled publishing."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, Project, engine_command

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


def build_at(proj: Project, epoch: int) -> subprocess.CompletedProcess:
    env = dict(ENV, SOURCE_DATE_EPOCH=str(epoch))
    return subprocess.run(engine_command("build") + ["--strict", "-d", str(proj.site)],
                          cwd=proj.root, capture_output=True, text=True, env=env, timeout=600)


def lines_of(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.strip()]


# -- govnews new ------------------------------------------------------------------------------
def test_new_scaffolds_a_valid_article_at_its_stable_path(project):
    result = project.govnews("new", "--title", "湖塘镇:架起政企交流“新桥梁” #1", "--town", "湖塘",
                             "--topic", "营商环境，政务服务", "--date", "2024-05-29 10:30",
                             "--author", "记者 何晓丹", "--publish")
    assert result.returncode == 0, result.stderr
    path = project.root / result.stdout.strip()
    assert path == project.docs / "articles" / "2024" / "hu-tang-zhen-jia-qi-zheng-qi-jiao.md"
    assert "/articles/2024/hu-tang-zhen-jia-qi-zheng-qi-jiao/" in result.stderr
    meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    assert meta["title"] == "湖塘镇:架起政企交流“新桥梁” #1"   # colon and # survive YAML
    assert meta["town"] == "湖塘镇"                            # alias resolved to the vocabulary name
    assert meta["topic"] == ["营商环境", "政务服务"]
    assert meta["draft"] is False
    check = project.govnews("check")
    assert check.returncode == 0, check.stdout + check.stderr


def test_new_is_a_draft_by_default_and_uses_slug_option(project):
    result = project.govnews("new", "--title", "通知", "--slug", "tong-zhi-2024", "--date", "2024-01-02")
    assert result.returncode == 0, result.stderr
    text = (project.docs / "articles/2024/tong-zhi-2024.md").read_text(encoding="utf-8")
    assert "draft: true" in text and "slug: tong-zhi-2024" in text


def test_new_rejects_unknown_vocabulary_with_did_you_mean(project):
    result = project.govnews("new", "--title", "测试", "--town", "湖糖镇", "--topic", "营商环", "--type", "政策解毒")
    assert result.returncode == 1
    assert "未知地名「湖糖镇」（是否应为「湖塘镇」？）" in result.stderr
    assert "未知专题「营商环」（是否应为「营商环境」？）" in result.stderr
    assert "是否应为「政策解读」" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project.docs / "articles").exists()


def test_new_refuses_to_overwrite_or_take_a_used_url(project):
    first = project.govnews("new", "--title", "同一标题", "--date", "2024-03-01")
    assert first.returncode == 0
    path = project.root / first.stdout.strip()
    path.write_text(path.read_text(encoding="utf-8") + "编辑写的正文。\n", encoding="utf-8")
    again = project.govnews("new", "--title", "同一标题", "--date", "2024-03-09")
    assert again.returncode == 1 and "已存在，不会覆盖" in again.stderr
    assert "编辑写的正文。" in path.read_text(encoding="utf-8")
    # another file claims the URL through its slug
    project.article("2024/other.md", title="别的", slug="zhan-yong")
    taken = project.govnews("new", "--title", "x", "--slug", "zhan-yong", "--date", "2024-05-01")
    assert taken.returncode == 1 and "/articles/2024/zhan-yong/ 已被另一篇文章使用" in taken.stderr


def test_new_reports_a_bad_date(project):
    result = project.govnews("new", "--title", "x", "--date", "2024-13-01")
    assert result.returncode == 1 and "日期不合法「2024-13-01」" in result.stderr


# -- govnews check: links, images, anchors ------------------------------------------------------
LINKING = """\
---
title: 甲
date: 2024-05-01
slug: jia
---

正文见[乙](yi.md)和[乙的一节](yi.md#第一节)，照片 ![现场](../../images/photo.jpg)。
错字：[乙](yii.md)，网址写法：[乙](../yi-slug/)，绝对路径：[专题](/topics/)。
没有的位置：[乙](yi.md#mei-you)，[本文](#ben-wen)，[本文](#本文)，目录：[专题](../../topics/)。
<a href="../2023/old.md">旧文</a> <img src="missing.png" alt="缺图">

```
[代码里的链接不算](nowhere.md)
```

[ref]: ../2023/old.md
[草稿]: draft.md
## 本文
"""


@pytest.fixture
def linked(project) -> Project:
    project.write("articles/2024/jia.md", LINKING)
    project.article("2024/yi.md", title="乙", slug="yi-slug", body="## 第一节\n\n正文。")
    project.article("2023/old.md", title="旧", date="2023-01-01", topic="营商环境")  # topics/ is published
    project.article("2024/draft.md", title="草稿", draft="true")
    project.write("images/photo.jpg", "")
    return project


def test_check_reports_broken_links_images_and_anchors(linked):
    result = linked.govnews("check")
    assert result.returncode == 1
    out = lines_of(result.stdout)
    p = os.path.join("docs", "articles", "2024", "jia.md")
    expected = [
        f"{p}:8: 链接「yii.md」指向的文件不存在：docs/articles/2024/yii.md（是否应为「yi.md」？）",
        f"{p}:8: 链接「../yi-slug/」写的是网址，构建时无法确认；请改为链接文件「yi.md」（网址由构建生成，改 slug 也不会失效）",
        f"{p}:8: 链接「/topics/」是以 / 开头的绝对路径，网站换了地址就会失效，请改为「../../topics/index.md」",
        f"{p}:9: 链接「yi.md#mei-you」：「乙」中没有 #mei-you 这个位置",
        f"{p}:9: 链接「#ben-wen」指向本文中不存在的位置 #ben-wen",
        f"{p}:9: 链接「../../topics/」请改为「../../topics/index.md」（链接写到文件，构建时自动换成网址）",
        f"{p}:10: 图片「missing.png」指向的文件不存在：docs/articles/2024/missing.png",
        f"{p}:17: 链接「draft.md」指向草稿「草稿」，发布后读者打不开",
    ]
    assert sorted(l for l in out if l.startswith(p)) == sorted(expected)
    # the valid ones are not reported: yi.md, yi.md#di-yi-jie, the image, ../2023/old.md,
    # the same-page #本文 (a heading below), the link inside the code block
    assert "Traceback" not in result.stderr
    assert "个错误" in result.stderr


def test_check_limits_output_to_the_given_paths(linked):
    linked.article("2024/broken.md", title="坏", topic="不存在的专题")
    only = linked.govnews("check", "docs/articles/2024/broken.md")
    assert only.returncode == 1
    assert all("broken.md" in line for line in lines_of(only.stdout)), only.stdout
    assert "未知专题「不存在的专题」" in only.stdout
    clean = linked.govnews("check", "docs/articles/2024/yi.md")
    assert clean.returncode == 0, clean.stdout


def test_check_agrees_with_the_strict_build(linked):
    """What check rejects the strict build rejects too (and vice versa for a fixed file)."""
    result = linked.build(strict=True)
    assert result.returncode != 0
    assert "yii.md" in result.stderr and "../yi-slug/" in result.stderr and "mei-you" in result.stderr
    (linked.docs / "articles/2024/jia.md").write_text(
        "---\ntitle: 甲\ndate: 2024-05-01\nslug: jia\n---\n\n见[乙](yi.md#第一节)和[旧文](../2023/old.md)，"
        "![现场](../../images/photo.jpg)，[专题](../../topics/index.md)。\n", encoding="utf-8")
    (linked.docs / "articles/2024/draft.md").unlink()
    assert linked.govnews("check").returncode == 0
    fixed = linked.build(strict=True)
    assert fixed.returncode == 0, fixed.stderr
    page = linked.html("articles/2024/jia/")
    hrefs = [a["href"] for a in page.select(".gn-body a")]
    assert "../yi-slug/#第一节" in hrefs and "../../2023/old/" in hrefs


def test_check_reports_bad_front_matter_and_duplicate_urls(project):
    project.write("articles/2024/bad.md", "---\ntitle: 坏\ndate: 2024-02-30\ntown: 湖糖镇\n---\n\n正文\n")
    project.article("2024/one.md", title="一", slug="same")
    project.article("2024/two.md", title="二", slug="same")
    result = project.govnews("check")
    assert result.returncode == 1
    out = result.stdout
    bad = os.path.join("docs", "articles", "2024", "bad.md")
    assert f"{bad}:3: 日期不合法「2024-02-30」" in out
    assert f"{bad}:4: 未知地名「湖糖镇」（是否应为「湖塘镇」？）" in out
    assert re.search(r"two\.md:4: 网址 /articles/2024/same/ 与 .*one\.md 重复", out), out
    assert "Traceback" not in result.stderr


# -- pre-commit hook ---------------------------------------------------------------------------
def test_pre_commit_hook_blocks_a_bad_article(project, tmp_path):
    if shutil.which("pre-commit") is None or shutil.which("govnews") is None:
        pytest.fail("pre-commit and the govnews command come from requirements.txt (scripts/setup.sh)")
    shutil.copy(ROOT / ".pre-commit-config.yaml", project.root)
    env = dict(ENV, PRE_COMMIT_HOME=str(tmp_path / "pc-home"), GIT_AUTHOR_NAME="t", GIT_COMMITTER_NAME="t",
               GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_EMAIL="t@example.com")

    def git(*args):
        return subprocess.run(["git", *args], cwd=project.root, capture_output=True, text=True, env=env, timeout=60)

    assert git("init", "-q").returncode == 0
    project.article("2024/good.md", title="好")
    git("add", ".")
    ok = subprocess.run(["pre-commit", "run"], cwd=project.root, capture_output=True, text=True, env=env, timeout=300)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert git("commit", "-qm", "good").returncode == 0
    project.article("2024/bad.md", title="坏", topic="营商环")
    project.article("2024/unstaged.md", title="未暂存", topic="也不对")  # not staged: not checked
    git("add", "docs/articles/2024/bad.md")
    bad = subprocess.run(["pre-commit", "run"], cwd=project.root, capture_output=True, text=True, env=env, timeout=300)
    assert bad.returncode == 1
    assert "bad.md:" in bad.stdout and "未知专题「营商环」（是否应为「营商环境」？）" in bad.stdout
    assert "unstaged.md" not in bad.stdout


# -- preview and scheduled publishing -----------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, ""


@contextlib.contextmanager
def _serving(project: Project, *args: str):
    """`mkdocs serve` on a free port (live reload on: --no-livereload also stops the file
    watching); yields the process and its base URL, and stops it."""
    port = _free_port()
    proc = subprocess.Popen(engine_command("serve") + [*args, "-a", f"127.0.0.1:{port}"],
                            cwd=project.root, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield proc, f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proc.kill()


def _topic_counts(html: str) -> dict[str, int]:
    """The topics overview's value → count."""
    return {m[0]: int(m[1]) for m in re.findall(r'>([^<>]+)</a> <span class="gn-count">(\d+) 篇', html)}


def _wait_until(url: str, predicate, proc, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    html = ""
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            status, html = _fetch(url)
            if status == 200 and predicate(html):
                return html
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never matched (serve exit {proc.poll()}): {html[:300]}")


def test_mkdocs_serve_shows_drafts_marked_and_build_leaves_them_out(project):
    project.article("2024/published.md", title="已发布", slug="published")
    project.article("2024/wip.md", title="写作中", slug="wip", draft="true")
    with _serving(project) as (proc, base):
        html = _wait_until(base + "articles/2024/wip/", lambda h: True, proc, timeout=120)
        assert "gn-draft-banner" in html and "草稿" in html
    result = build_at(project, 1790000000)
    assert result.returncode == 0, result.stderr
    assert (project.site / "articles/2024/published/index.html").exists()
    assert not (project.site / "articles/2024/wip").exists()
    assert "写作中" not in (project.site / "index.html").read_text(encoding="utf-8")


def test_future_article_is_published_by_the_first_build_on_its_date(project):
    project.article("2026/today.md", title="今日新闻", date="2026-09-20", slug="today")
    project.article("2026/scheduled.md", title="定时发布的新闻", date="2026-10-01 08:00", slug="scheduled")
    before = build_at(project, 1790000000)             # 2026-09-21 22:13 Beijing time
    assert before.returncode == 0, before.stderr
    assert (project.site / "articles/2026/today/index.html").exists()
    assert not (project.site / "articles/2026/scheduled").exists()
    assert "定时发布的新闻" not in (project.site / "index.html").read_text(encoding="utf-8")
    after = build_at(project, 1790000000 + 10 * 86400)  # 2026-10-01 22:13
    assert after.returncode == 0, after.stderr
    assert (project.site / "articles/2026/scheduled/index.html").exists()
    assert "定时发布的新闻" in (project.site / "index.html").read_text(encoding="utf-8")


def test_paths_in_editor_messages_are_relative(project):
    project.article("2024/x.md", title="x", topic="无此专题")
    result = project.govnews("check", str(project.docs / "articles"))
    assert result.returncode == 1
    assert lines_of(result.stdout)[0].startswith(os.path.join("docs", "articles", "2024", "x.md") + ":")
    assert Path(project.root).name not in result.stdout


def test_serve_dirty_rebuild_refreshes_the_article_its_index_pages_and_templates(project):
    """`mkdocs serve --dirty` renders only the edited page, yet the topic pages it left and
    joined must be right, and an edited template must be recompiled (engine/mkdocs_plugin.py keeps
    compiled templates across rebuilds)."""
    from synth import write_corpus

    write_corpus(str(project.docs), 30, seed=3)
    art = project.article("2024/edited.md", title="改前标题", slug="edited", town="湖塘镇", topic="[营商环境]")
    with _serving(project, "--dirty") as (proc, base):
        _wait_until(base + "articles/2024/edited/", lambda h: "改前标题" in h, proc, timeout=180)
        _wait_until(base + "topics/yingshang-huanjing/", lambda h: "改前标题" in h, proc)
        first_sitemap = _wait_until(base + "sitemap.xml", lambda h: "articles/2024/edited/" in h, proc)
        before = _topic_counts(_wait_until(base + "topics/", lambda h: True, proc))
        stats = _wait_until(base + "stats/", lambda h: True, proc)
        time.sleep(1.5)  # past the watcher's debounce and the file's mtime granularity
        text = art.read_text(encoding="utf-8").replace("改前标题", "改后标题").replace("[营商环境]", "[生态环境]")
        art.write_text(text, encoding="utf-8")
        _wait_until(base + "articles/2024/edited/", lambda h: "改后标题" in h and "改前标题" not in h, proc)
        _wait_until(base + "topics/shengtai-huanjing/", lambda h: "改后标题" in h, proc)
        old_topic = _wait_until(base + "topics/yingshang-huanjing/", lambda h: "改前标题" not in h, proc)
        assert "改后标题" not in old_topic
        # generated pages the engine renders are skipped on a rebuild only when unchanged:
        # the topics overview counts the move, the stats page's figures changed as well
        after = _topic_counts(_wait_until(base + "topics/", lambda h: True, proc))
        assert after["营商环境"] == before["营商环境"] - 1
        assert after["生态环境"] == before.get("生态环境", 0) + 1
        assert _fetch(base + "stats/")[1] != stats
        # an edit of the body alone leaves the overview as it is, and it is still served
        time.sleep(1.5)
        art.write_text(art.read_text(encoding="utf-8") + "\n正文补充。\n", encoding="utf-8")
        _wait_until(base + "articles/2024/edited/", lambda h: "正文补充" in h, proc)
        assert _topic_counts(_wait_until(base + "topics/", lambda h: True, proc)) == after
        main = project.root / "overrides" / "main.html"
        main.write_text(main.read_text(encoding="utf-8").replace(
            "{% block announce %}", "{% block announce %}<span id=\"gn-template-edit\"></span>"), encoding="utf-8")
        time.sleep(1.5)
        # --dirty re-renders only edited pages: edit the article again to render it anew
        art.write_text(art.read_text(encoding="utf-8") + "\n再改一次。\n", encoding="utf-8")
        _wait_until(base + "articles/2024/edited/", lambda h: "gn-template-edit" in h and "再改一次" in h, proc)
        # the edited template is every page's: the generated pages the engine renders too
        assert "gn-template-edit" in _wait_until(base + "topics/", lambda h: "gn-template-edit" in h, proc)
        # the rebuilds read only the edited page: the session's first, whole sitemap is kept
        # (a rebuilt one would lose every unread page's <lastmod>)
        sitemap = _wait_until(base + "sitemap.xml", lambda h: "articles/2024/edited/" in h, proc)
        assert sitemap == first_sitemap
