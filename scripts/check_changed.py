"""`govnews check` on the articles a merge request changes, with the Chinese messages where the
editor sees them: the job summary (GitHub: $GITHUB_STEP_SUMMARY) and a JUnit report (GitLab
shows it in the merge request's 测试 tab and widget). For articles saved by the web editor
(/admin/), whose form cannot check wording, links, policy numbers or duplicates.

    python scripts/check_changed.py --base origin/main [--summary FILE] [--junit FILE]

Changed files are those of `git diff --name-only BASE...HEAD` (added, copied, modified, renamed)
under docs/; a changed vocabulary checks every article (as `govnews check` does). Exit status:
govnews check's (1 on an error or warning), 0 when no article changed, 2 when git cannot say.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from xml.sax.saxutils import escape, quoteattr

LINE = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>\d+): (?P<message>.*)$")


def git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], capture_output=True, text=True)


def changed_files(base: str, docs: str = "docs") -> list[str] | None:
    """Markdown and vocabulary files under docs/ changed since the merge base with `base`."""
    if git("rev-parse", "--verify", "-q", base + "^{commit}").returncode != 0:
        remote, _, branch = base.partition("/")
        if branch:   # a shallow CI clone: fetch the target branch first
            git("fetch", "-q", "--depth=200", remote, f"{branch}:refs/remotes/{remote}/{branch}")
    result = git("diff", "--name-only", "--diff-filter=ACMR", f"{base}...HEAD", "--", docs)
    if result.returncode != 0:
        return None
    return sorted(p for p in result.stdout.splitlines() if p.endswith((".md", ".yml")) and os.path.exists(p))


def summary_markdown(files: list[str], lines: list[str], tail: str, code: int) -> str:
    head = "## 文章检查（govnews check）\n\n"
    if not files:
        return head + "本次没有改动文章。\n"
    out = [head, f"检查了本次改动的 {len(files)} 个文件：{tail or ('通过' if code == 0 else '未通过')}\n\n"]
    problems = [LINE.match(line) for line in lines]
    shown = [m for m in problems if m]
    if shown:
        out.append("| 文件 | 行 | 问题 |\n| --- | --- | --- |\n")
        for m in shown:
            message = m["message"].replace("|", "\\|")
            out.append(f"| `{m['path']}` | {m['line']} | {message} |\n")
        out.append("\n改好后再保存（网页编辑器）或提交，检查会重新运行。\n")
    else:
        out.append("没有发现问题。\n")
    return "".join(out)


def junit_xml(files: list[str], lines: list[str]) -> str:
    by_file: dict[str, list[tuple[str, str]]] = {f: [] for f in files}
    for line in lines:
        m = LINE.match(line)
        if m:
            by_file.setdefault(m["path"], []).append((m["line"], m["message"]))
    failures = sum(1 for found in by_file.values() if found)
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           f'<testsuite name="govnews check" tests="{len(by_file)}" failures="{failures}">\n']
    for path, found in sorted(by_file.items()):
        out.append(f"  <testcase classname=\"文章检查\" name={quoteattr(path)} file={quoteattr(path)}>")
        if found:
            text = "\n".join(f"{path}:{line}: {message}" for line, message in found)
            out.append(f"<failure message={quoteattr(found[0][1])}>{escape(text)}</failure>")
        out.append("</testcase>\n")
    out.append("</testsuite>\n")
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="检查合并请求改动的文章（govnews check），结果写入作业摘要")
    parser.add_argument("--base", required=True, help="目标分支，如 origin/main")
    parser.add_argument("--config", "-f", default="mkdocs.yml")
    parser.add_argument("--summary", help="写入 Markdown 摘要的文件（GitHub: $GITHUB_STEP_SUMMARY）")
    parser.add_argument("--junit", help="写入 JUnit 报告的文件（GitLab: artifacts:reports:junit）")
    args = parser.parse_args(argv)
    files = changed_files(args.base)
    if files is None:
        print(f"无法与 {args.base} 比较（git diff 失败）：CI 需要完整的 git 历史", file=sys.stderr)
        return 2
    lines: list[str] = []
    tail = ""
    code = 0
    if files:
        result = subprocess.run([sys.executable, "-m", "govnews.cli", "--config", args.config, "check", *files],
                                capture_output=True, text=True)
        sys.stdout.write(result.stdout)
        sys.stderr.write(result.stderr)
        lines = result.stdout.splitlines()
        tail = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ""
        code = result.returncode
    else:
        print("本次没有改动文章", file=sys.stderr)
    if args.summary:
        with open(args.summary, "a", encoding="utf-8") as fh:
            fh.write(summary_markdown(files, lines, tail, code))
    if args.junit:
        with open(args.junit, "w", encoding="utf-8") as fh:
            fh.write(junit_xml(files, lines))
    return code


if __name__ == "__main__":
    sys.exit(main())
