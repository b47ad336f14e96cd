"""Issue 33, item 5: YAML aliases (a "billion laughs" in a vocabulary or front matter) are
refused with path:line, at once, in `govnews check` and the build."""

from __future__ import annotations

import time

import pytest
import yaml

from govnews.common import yamlio

from conftest import make_project

LAUGHS = ["l0: &l0 [哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈]"]
LAUGHS += [f"l{k}: &l{k} [{', '.join([f'*l{k - 1}'] * 10)}]" for k in range(1, 10)]


def test_an_alias_is_a_yaml_error_with_its_line():
    with pytest.raises(yaml.YAMLError) as info:
        yamlio.load("title: 甲\n" + "\n".join(LAUGHS) + "\n")
    assert yamlio.error_line(info.value) == 3          # the first *l0
    assert "不能用 YAML 别名" in yamlio.describe_error(info.value)
    with pytest.raises(yaml.YAMLError):
        yamlio.load_with_lines("- name: 甲\n  aliases: &a [乙]\n- name: 丙\n  aliases: *a\n")
    # a * inside a value is text, not an alias
    assert yamlio.load('title: "*重要*"\nsummary: 3*4=12\n') == {"title": "*重要*", "summary": "3*4=12"}


def test_check_refuses_alias_bombs_in_a_vocabulary_and_in_front_matter(tmp_path):
    proj = make_project(tmp_path / "proj")
    topics = proj.docs / "_vocab" / "topics.yml"
    text = topics.read_text(encoding="utf-8")
    entries = [f"- name: 炸弹{k}\n  slug: zhadan{k}\n  description: 测试\n  aliases: {line.split(': ', 1)[1]}"
               for k, line in enumerate(LAUGHS)]          # each entry's aliases: ten of the previous one's
    full = text + "\n" + "\n".join(entries) + "\n"
    topics.write_text(full, encoding="utf-8")
    line = next(k + 1 for k, text in enumerate(full.split("\n")) if "*l0" in text)    # the first alias
    proj.write("articles/2024/laughs.md", "---\ntitle: 标题\ndate: 2024-05-29\n" + "\n".join(LAUGHS)
               + "\nkeywords: *l9\n---\n\n正文。\n")
    start = time.monotonic()
    check = proj.govnews("check")
    assert time.monotonic() - start < 60
    out = check.stdout + check.stderr
    assert check.returncode != 0 and "Traceback" not in out and "MemoryError" not in out
    assert f"docs/_vocab/topics.yml:{line}: YAML 格式错误：不能用 YAML 别名" in out, out[-3000:]
    assert "docs/articles/2024/laughs.md:5: YAML 格式错误：不能用 YAML 别名" in out, out[-3000:]


def test_the_wording_check_is_linear_in_a_long_article():
    """A 900 KB article full of wrong forms took 89.5 s (line numbers counted from the start for
    each finding, and each finding compared with every shield)."""
    from types import SimpleNamespace

    from govnews.checks.wording import check_article, load_checker
    from govnews.common.diagnostics import Problems
    from govnews.model.vocab import load_vocabularies

    from conftest import ROOT

    vocab = ROOT / "docs" / "_vocab"
    problems = Problems()
    checker = load_checker(str(vocab), load_vocabularies(str(vocab), problems), problems)
    body = "截止目前，全镇共办件3.8万余件，湖塘镇人民政府座落在此。\n" * 30000       # ~1.6 MB, 60,000 findings
    art = SimpleNamespace(extra={}, path="docs/articles/2024/long.md", key_lines={}, body_line=5, title="", summary="")
    start = time.monotonic()
    found = Problems()
    check_article(checker, art, body, found)
    assert time.monotonic() - start < 10
    lines = sorted(p.line for p in found)
    assert len(lines) == 60000 and lines[0] == 5 and lines[-1] == 5 + 29999
