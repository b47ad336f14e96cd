"""govnews-frontmatter (site/admin_assets/govnews-admin.js), the web editor's front-matter format,
run by Node with the pinned js-yaml: reading and writing back an unchanged file gives the same bytes
(every sample article), a change touches only its key's lines, and what it writes govnews reads as
the value the form had (PyYAML, YAML 1.1: yes/no/on stay strings, colons and # are quoted)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
import yaml

from conftest import ROOT

SCRIPT = ROOT / "plugins" / "govnews" / "site" / "admin_assets" / "govnews-admin.js"
JS_YAML = ROOT / "node_modules" / "js-yaml"
pytestmark = pytest.mark.skipif((shutil.which("node") is None or not JS_YAML.is_dir()) and not os.environ.get("CI"),
                                reason="node and js-yaml (bash scripts/setup.sh --with-admin)")

HARNESS = """
const fs = require("fs");
global.window = {};
let format = null, preSave = null;
global.CMS = {
  registerCustomFormat: (name, ext, f) => { format = f; },
  registerEventListener: (e) => { preSave = e.handler; },
  registerEditorComponent: () => {}, registerPreviewStyle: () => {}, registerPreviewTemplate: () => {},
};
global.jsyaml = require(process.argv[1]);
require(process.argv[2]);
const cases = JSON.parse(fs.readFileSync(0, "utf8"));
const out = cases.map(({text, changes, fields}) => {
  const data = format.fromFile(text);
  const roundtrip = format.toFile(Object.assign({}, data), fields);
  const edited = Object.assign({}, data, changes || {});
  for (const [k, v] of Object.entries(changes || {})) { if (v === "__delete__") delete edited[k]; }
  return {roundtrip, edited: format.toFile(edited, fields), keys: Object.keys(data)};
});
process.stdout.write(JSON.stringify(out));
"""

FIELDS = ["title", "kicker", "subtitle", "date", "date_confirmed", "topic", "author", "town", "type",
          "summary", "slug", "draft", "body"]


def run(cases: list[dict]) -> list[dict]:
    result = subprocess.run(["node", "-e", HARNESS, str(JS_YAML), str(SCRIPT)], input=json.dumps(cases),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def front(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def test_every_sample_article_is_written_back_byte_identical():
    paths = sorted((ROOT / "docs" / "articles").rglob("*.md"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    results = run([{"text": t, "fields": FIELDS} for t in texts])
    assert len(results) == len(paths) > 10
    for path, text, result in zip(paths, texts, results):
        assert result["roundtrip"] == text, path


SAMPLE = """---
title: 湖塘镇:架起政企桥梁
# 日期：原文未注明，推断
date: 2024-05-29
author: [记者 何晓丹]
town: 湖塘镇   # 行内注释
topic:
  - 营商环境
  - 政务服务
policy:
  title: 某某行动计划
  issuer: 江苏省
source: 武进日报
summary: 旧摘要
---

正文第一段。
"""


def test_a_change_touches_only_its_own_lines_and_reads_back_as_the_form_had_it():
    cases = [
        {"text": SAMPLE, "fields": FIELDS, "changes": {"summary": "新摘要: 含冒号 # 和井号"}},
        {"text": SAMPLE, "fields": FIELDS, "changes": {"topic": ["营商环境", "文化"]}},
        {"text": SAMPLE, "fields": FIELDS, "changes": {"summary": "__delete__"}},     # cleared in the form
        {"text": SAMPLE, "fields": FIELDS, "changes": {"kicker": "yes", "draft": False}},   # new keys
        {"text": SAMPLE, "fields": FIELDS, "changes": {"town": "牛塘镇"}},
    ]
    summary, topic, cleared, added, town = run(cases)
    lines = SAMPLE.splitlines()

    def without(text: str, old: list[str], new: list[str]) -> None:
        got = text.splitlines()
        assert [ln for ln in got if ln not in lines] == new, text
        assert sorted(ln for ln in lines if ln not in got) == sorted(old), text

    without(summary["edited"], ["summary: 旧摘要"], ['summary: "新摘要: 含冒号 # 和井号"'])
    assert front(summary["edited"])["summary"] == "新摘要: 含冒号 # 和井号"
    without(topic["edited"], ["  - 政务服务", "topic:", "  - 营商环境"], ["topic: [营商环境, 文化]"])
    without(cleared["edited"], ["summary: 旧摘要"], [])
    # new keys at the end, in the form's order; a YAML 1.1 word stays the text the editor typed
    assert added["edited"].endswith('summary: 旧摘要\nkicker: "yes"\ndraft: false\n---\n\n正文第一段。\n')
    assert front(added["edited"])["kicker"] == "yes" and front(added["edited"])["draft"] is False
    # a comment on the changed key's own line goes with it (documented); comments on their own lines stay
    without(town["edited"], ["town: 湖塘镇   # 行内注释"], ["town: 牛塘镇"])
    for result in (summary, topic, cleared, added, town):
        assert "# 日期：原文未注明，推断" in result["edited"] and "policy:\n  title: 某某行动计划\n" in result["edited"]
        assert result["edited"].endswith("---\n\n正文第一段。\n")
    assert summary["keys"][:3] == ["title", "date", "author"] and "__govnews_front_matter" in summary["keys"]


def test_a_new_file_is_written_as_govnews_new_writes_it():
    [result] = run([{"text": "", "fields": FIELDS}])
    assert result["roundtrip"] in ("---\n\n---\n", "---\n---\n", "")   # nothing read: nothing invented
    new = run([{"text": "---\n---\n", "fields": FIELDS,
                "changes": {"title": "新文章", "date": "2024-06-03 09:30", "topic": ["甲", "乙,丙"], "draft": False,
                            "slug": "xin-wen-zhang", "body": "正文"}}])[0]["edited"]
    assert front(new) == {"title": "新文章", "date": "2024-06-03 09:30", "topic": ["甲", "乙,丙"], "draft": False,
                          "slug": "xin-wen-zhang"}
