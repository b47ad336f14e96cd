"""Bad front matter: `path:line: message (did you mean …)`, a failing strict build and a failing
`govnews check`, a passing (warning) normal build — never a traceback, never a silent drop."""

from __future__ import annotations

import pytest

from govnews.cli import main

from conftest import make_project

GOOD = "---\ntitle: 好文章\ndate: 2024-05-01\ntopic: 营商环境\ntown: 湖塘镇\n---\n\n正文。\n"

CASES = {
    "unknown-topic": (
        "---\ntitle: 标题\ndate: 2024-05-29\ntopic: [生态环境, 营商环竟]\n---\n\n正文。\n",
        4, "未知专题「营商环竟」（是否应为「营商环境」？）"),
    "unknown-town": (
        "---\ntitle: 标题\ndate: 2024-05-29\ntown: 湖堂镇\n---\n\n正文。\n",
        4, "未知地名「湖堂镇」（是否应为「湖塘镇」？）"),
    "missing-title": (
        "---\ndate: 2024-05-29\ntopic: 文化\n---\n\n正文。\n",
        1, "缺少标题 title"),
    "missing-date": (
        "---\ntitle: 没有日期\ntopic: 文化\n---\n\n正文。\n",
        1, "缺少日期 date"),
    "impossible-date": (
        "---\ntitle: 标题\ndate: 2024-13-01\n---\n\n正文。\n",
        3, "日期不合法「2024-13-01」"),
    "malformed-yaml": (
        "---\ntitle: 标题\ndate: 2024-05-29\ntopic: [营商环境, 文化\n---\n\n正文。\n",
        5, "YAML 格式错误"),
    "wrong-type": (
        "---\ntitle: 标题\ndate: 2024-05-29\ntype: 新文\n---\n\n正文。\n",
        4, "类型「新文」不存在，应为 新闻、政策解读、通知公告、政策文件 之一（是否应为「新闻」？）"),
    "unknown-field": (
        "---\ntitle: 标题\ndate: 2024-05-29\ntopics: 文化\n---\n\n正文。\n",
        4, "未知字段「topics」（是否应为「topic」？）"),
    "no-front-matter": ("只有正文，没有 front matter。\n", 1, "缺少 front matter"),
    # YAML itself points at the next line and speaks of "mapping values"
    "full-width-colon": (
        "---\ntitle：标题\ndate: 2024-05-29\n---\n\n正文。\n",
        2, "字段名「title」后面是中文冒号「：」，应为英文冒号加空格：title: …"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_front_matter_message_names_path_line_and_fix(tmp_path, case, capsys, monkeypatch):
    """Each message as `govnews check` prints it, in-process (the messages are the core's)."""
    text, line, message = CASES[case]
    project = make_project(tmp_path / case)
    project.write("articles/2024/good.md", GOOD)
    project.write("articles/2024/bad.md", text)
    monkeypatch.chdir(project.root)
    assert main(["check"]) == 1
    out = capsys.readouterr()
    assert f"docs/articles/2024/bad.md:{line}: {message}" in out.out, out.out + out.err
    assert "Traceback" not in out.err


def test_every_bad_file_fails_strict_builds_and_check_with_its_own_message(tmp_path):
    """The engine's paths, once for all cases: a strict build and `govnews check` fail and name
    every bad file at its line; a normal build passes with the same messages as warnings and
    the good article is published."""
    project = make_project(tmp_path / "all")
    project.write("articles/2024/good.md", GOOD)
    for case, (text, _, _) in CASES.items():
        project.write(f"articles/2024/{case}.md", text)
    expected = [f"docs/articles/2024/{case}.md:{line}: {message}" for case, (_, line, message) in CASES.items()]

    strict = project.build(strict=True)
    assert strict.returncode != 0
    assert [e for e in expected if e not in strict.stderr] == [], strict.stderr
    assert "Traceback" not in strict.stderr

    check = project.govnews("check")
    assert check.returncode == 1
    assert [e for e in expected if e not in check.stdout] == [], check.stdout + check.stderr
    assert "Traceback" not in check.stderr

    lenient = project.build(strict=False)
    assert lenient.returncode == 0, lenient.stderr
    assert [e for e in expected if e not in lenient.stderr] == []
    assert (project.site / "articles" / "2024" / "good" / "index.html").exists()
    # the good article and the bad ones that can be read are published beside each other
    pages = [p.read_text(encoding="utf-8") for p in project.site.rglob("index.html")]
    assert sum("正文。" in p or "只有正文" in p for p in pages) >= 2


def test_duplicate_slug_names_both_files(project):
    project.write("articles/2024/one.md", "---\ntitle: 一\ndate: 2024-05-01\nslug: same\n---\n\n一。\n")
    project.write("articles/2024/two.md", "---\ntitle: 二\ndate: 2024-06-01\nslug: same\n---\n\n二。\n")
    strict = project.build(strict=True)
    assert strict.returncode != 0
    assert "docs/articles/2024/two.md:4: 网址 /articles/2024/same/ 与 docs/articles/2024/one.md 重复" in strict.stderr
    check = project.govnews("check")
    assert check.returncode == 1 and "重复" in check.stdout


def test_check_passes_clean_articles_and_limits_to_paths(project):
    project.write("articles/2024/good.md", GOOD)
    project.write("articles/2024/bad.md", CASES["unknown-town"][0])
    assert project.govnews("check", "docs/articles/2024/good.md").returncode == 0
    assert project.govnews("check", "docs/articles/2024/bad.md").returncode == 1
    assert project.build(strict=True).returncode != 0


def test_bad_vocabulary_is_reported(project):
    vocab = project.docs / "_vocab" / "topics.yml"
    vocab.write_text(vocab.read_text(encoding="utf-8") + "- name: 营商环境\n  slug: dup\n", encoding="utf-8")
    result = project.build(strict=True)
    assert result.returncode != 0
    assert "docs/_vocab/topics.yml:" in result.stderr and "「营商环境」重复" in result.stderr


def test_check_reports_missing_footer_settings_like_the_strict_build(project):
    project.write("articles/2024/good.md", GOOD)
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "sponsor:" in text
    config.write_text("\n".join(l for l in text.splitlines() if "sponsor:" not in l) + "\n", encoding="utf-8")
    check = project.govnews("check")
    assert check.returncode == 1
    assert "mkdocs.yml:" in check.stdout and "主办单位" in check.stdout, check.stdout
    assert project.build(strict=True).returncode != 0
