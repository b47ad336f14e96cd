"""CI on a merge request (the web editor's too): `govnews check` on the changed articles, the
Chinese messages in the job summary (GitHub) and a JUnit report (GitLab), run here against a
real git repository with a base branch and a change."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import yaml

from conftest import ROOT, make_project

SCRIPT = ROOT / "scripts" / "check_changed.py"
GIT_ENV = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.com")


def git(root, *args):
    subprocess.run(["git", *args], cwd=root, env=GIT_ENV, check=True, capture_output=True)


def run(root, *args):
    return subprocess.run([sys.executable, str(SCRIPT), *args], cwd=root, capture_output=True, text=True,
                          timeout=300, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))


def test_changed_articles_are_checked_and_reported_in_chinese(tmp_path):
    proj = make_project(tmp_path / "repo")
    proj.article("2024/good.md", title="好文章", town="湖塘镇", slug="good")
    proj.article("2024/other.md", title="另一篇", town="湖塘镇", slug="other")
    git(proj.root, "init", "-q", "-b", "main")
    git(proj.root, "add", "-A")
    git(proj.root, "commit", "-qm", "base")
    git(proj.root, "checkout", "-q", "-b", "cms/type-xinwen/2024/new")

    summary, junit = tmp_path / "summary.md", tmp_path / "report.xml"
    same = run(proj.root, "--base", "main", "--summary", str(summary), "--junit", str(junit))
    assert same.returncode == 0, same.stderr
    assert "本次没有改动文章" in summary.read_text(encoding="utf-8")

    proj.article("2024/new.md", title="新文章", town="湖糖镇", slug="new")   # a town not in places.yml
    git(proj.root, "add", "-A")
    git(proj.root, "commit", "-qm", "新建文章")
    summary.unlink()
    result = run(proj.root, "--base", "main", "--summary", str(summary), "--junit", str(junit))
    assert result.returncode == 1, result.stdout + result.stderr
    text = summary.read_text(encoding="utf-8")
    assert "## 文章检查（govnews check）" in text and "检查了本次改动的 1 个文件" in text
    assert "| `docs/articles/2024/new.md` | 4 |" in text and "（是否应为「湖塘镇」？）" in text
    assert "good.md" not in text   # only what the merge request changed
    suite = ET.parse(junit).getroot()
    assert suite.get("failures") == "1"
    failure = suite.find("testcase/failure")
    assert failure is not None and "湖糖镇" in failure.get("message")


def test_both_ci_files_run_it_on_merge_requests():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["articles"]
    assert job["if"] == "github.event_name == 'pull_request'"
    assert job["steps"][0]["with"]["fetch-depth"] == 0
    run_lines = "\n".join(s.get("run", "") for s in job["steps"])
    assert "scripts/check_changed.py" in run_lines and '--summary "$GITHUB_STEP_SUMMARY"' in run_lines
    pipeline = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    mr = pipeline["articles"]
    assert mr["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert any("check_changed.py" in line and "--junit govnews-check.xml" in line for line in mr["script"])
    assert mr["artifacts"]["reports"]["junit"] == "govnews-check.xml"
