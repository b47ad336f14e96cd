"""`govnews` command line: check, audit, new, import. Messages to editors are in Chinese."""

from __future__ import annotations

import argparse
import json
import os
import sys

from govnews.checks.articles import ARTICLE_CHECKS
from govnews.checks.audit import format_table, run_audit, thresholds_from_config
from govnews.checks.links import check_links
from govnews.cli.new import NewArticle, ScaffoldError, create_article
from govnews.common.diagnostics import WARNING, Problems
from govnews.common.text import parse_date
from govnews.config.options import ConfigError
from govnews.config.project import load_settings
from govnews.model.catalog import article_sources, build_catalog
from govnews.model.vocab import load_vocabularies
from govnews.site.build import build_site


def cmd_check(args: argparse.Namespace) -> int:
    """Lint articles without building: the same catalog checks a strict build runs."""
    settings = load_settings(args.config)
    sources = list(article_sources(settings.docs_dir, settings))
    vocab_dir = os.path.abspath(settings.vocab_path) + os.sep
    if any(os.path.abspath(p).startswith(vocab_dir) for p in args.paths):
        args.paths = []  # a vocabulary edit can break any article: check them all
    if args.paths:
        wanted = {os.path.abspath(p) for p in args.paths}
        wanted_dirs = tuple(p.rstrip(os.sep) + os.sep for p in wanted if os.path.isdir(p))
        chosen = [s for s in sources if s[2] in wanted or s[2].startswith(wanted_dirs)]
    else:
        chosen = sources
    # The whole catalog is read so duplicate URLs across files are found; only problems in
    # the chosen files (and vocabularies) are reported.
    site = build_site(sources, settings)
    thresholds_from_config(settings.audit, site.problems, os.path.relpath(args.config))  # audit: options
    shown = {s[1] for s in chosen}
    check_links(site, site.problems, only=shown if args.paths else None)
    problems = [p for p in site.problems.sorted()
                if not args.paths or p.path in shown or p.path.startswith(os.path.relpath(settings.vocab_path))
                or p.path == os.path.relpath(args.config)]
    for problem in problems:
        print(f"{problem.path}:{problem.line}: 提示：{problem.message}" if problem.is_info else problem)
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if p.severity == WARNING]
    # for information, not a failure: vocabulary entries whose column is not published
    empty = site.empty_vocabulary_terms() if not args.paths else []
    for path, line, message in empty:
        print(f"{path}:{line}: 提示：{message}")
    infos = len(empty) + sum(1 for p in problems if p.is_info)   # e.g. dates waiting for an editor
    note = f"，{infos} 条提示" if infos else ""
    print(f"检查了 {len(chosen)} 篇文章：{len(errors)} 个错误，{len(warnings)} 个警告{note}", file=sys.stderr)
    return 1 if errors or warnings else 0


def cmd_audit(args: argparse.Namespace) -> int:
    """Column-update audit (国办秘函〔2019〕19号): exit 1 on a veto-level finding."""
    settings = load_settings(args.config)
    problems = Problems()
    thresholds = thresholds_from_config(settings.audit, problems, os.path.relpath(args.config))
    as_of = None
    if args.as_of:
        try:  # the whole day: an article of that day at 18:00 counts
            as_of = parse_date(args.as_of).replace(hour=23, minute=59, second=59)
        except ValueError as exc:
            print(f"错误：--as-of {exc}", file=sys.stderr)
            return 2
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 2
    vocabs = load_vocabularies(settings.vocab_path, Problems())
    catalog = build_catalog(article_sources(settings.docs_dir, settings), vocabs, settings, Problems(),
                            checks=ARTICLE_CHECKS)
    audit = run_audit(catalog, vocabs, settings, thresholds, as_of)
    if args.json:
        print(json.dumps(audit.to_json(), ensure_ascii=False, indent=2))
    else:
        print(format_table(audit))
    if audit.vetoes and args.warn:
        print("（--warn：只提醒，不拦截；去掉 --warn 时有单项否决项即失败）", file=sys.stderr)
        return 0
    return 1 if audit.vetoes else 0


def cmd_new(args: argparse.Namespace) -> int:
    """Scaffold an article at its stable path; refuse bad vocabulary values and overwrites."""
    settings = load_settings(args.config)
    spec = NewArticle(
        title=args.title, town=args.town, date=args.date, type=args.type, slug=args.slug,
        topics=[t for item in args.topic for t in _split(item)],
        authors=[a for item in args.author for a in _split(item)],
        draft=not args.publish,
    )
    # URLs already taken (an explicit slug elsewhere may claim ours): front matter only
    problems = Problems()
    catalog = build_catalog(article_sources(settings.docs_dir, settings), load_vocabularies(
        settings.vocab_path, Problems()), settings, problems, checks=())
    try:
        path, url = create_article(spec, settings, taken_urls=set(catalog.by_url))
    except ScaffoldError as exc:
        for message in exc.messages:
            print(f"错误：{message}", file=sys.stderr)
        return 1
    print(os.path.relpath(path))
    print(f"已创建文章，发布后网址为 /{url}" + ("（现在是草稿：写好后把 draft 改为 false）" if spec.draft else ""),
          file=sys.stderr)
    return 0


def _split(value: str) -> list[str]:
    """--topic 营商环境,政务服务 and repeated --topic both work (also with Chinese commas)."""
    return [part.strip() for part in value.replace("，", ",").replace("、", ",").split(",") if part.strip()]


def cmd_admin(args: argparse.Namespace) -> int:
    """The web editor on this PC, offline: the local git proxy (decap-server, git mode: every
    save is a commit in this repository) and the preview (`mkdocs serve`) with /admin/."""
    import signal
    import subprocess
    import time

    from govnews.site.admin import PROXY_BIN, find_bundle

    settings = load_settings(args.config)
    root = os.path.dirname(os.path.abspath(args.config))
    problems = []
    if find_bundle() is None or not os.path.exists(PROXY_BIN):
        problems.append("网页编辑器未安装：运行 bash scripts/setup.sh --with-admin")
    if not settings.admin.enabled:
        problems.append(f"{args.config} 中 admin 已关闭（enabled: false）")
    inside = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True, text=True)
    if inside.returncode != 0:
        problems.append(f"{root} 不是 git 仓库：网页编辑器把每次保存记为一次提交（git init 后再试）")
    if problems:
        for message in problems:
            print(f"错误：{message}", file=sys.stderr)
        return 1
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True).stdout
    if dirty.strip():
        print("注意：仓库中有未提交的改动；网页编辑器保存时会把它们一起提交（先提交或撤销它们）", file=sys.stderr)
    port = settings.admin.local_port
    env = dict(os.environ, MODE="git", PORT=str(port), BIND_HOST="127.0.0.1",
               GIT_REPO_DIRECTORY=inside.stdout.strip(), LOG_LEVEL="warn")
    # Ctrl+C, and a SIGTERM from a service manager, end both children cleanly. A shell that
    # starts a command in the background (`govnews admin &`, some CI runners) ignores SIGINT for
    # it, and the ignoring is inherited: without this, Ctrl+C or `kill -INT` did nothing, and
    # SIGTERM ended this process alone, leaving the proxy and the preview running.
    def interrupted(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, interrupted)
    signal.signal(signal.SIGTERM, interrupted)

    def default_sigint() -> None:          # in each child: SIGINT ends it (mkdocs serve cleans up)
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    posix = {"preexec_fn": default_sigint} if os.name == "posix" else {}
    children: list[subprocess.Popen] = []
    try:
        proxy = subprocess.Popen([PROXY_BIN], cwd=root, env=env, **posix)
        children.append(proxy)
        preview = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-f", args.config,
                                    "-a", f"127.0.0.1:{args.port}"], env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
                                   **posix)
        children.append(preview)
        print(f"网页编辑器：http://127.0.0.1:{args.port}/admin/ （预览：http://127.0.0.1:{args.port}/）；"
              f"本机 git 代理在端口 {port}。按 Ctrl+C 退出。", file=sys.stderr)
        while proxy.poll() is None and preview.poll() is None:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):      # a second Ctrl+C does not cut the clean-up short
            signal.signal(signum, signal.SIG_IGN)
        for proc in children:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT if proc is not children[0] else signal.SIGTERM)
        for proc in children:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    if len(children) < 2:
        return 1
    failed = [name for name, proc in (("本机 git 代理", proxy), ("预览", preview)) if proc.returncode not in (0, -2, -15, None)]
    if failed:
        print(f"错误：{'、'.join(failed)}意外退出（端口被占用？在 mkdocs.yml 的 admin.local_port 或 --port 换一个）",
              file=sys.stderr)
        return 1
    return 0


def cmd_import(args: argparse.Namespace, rest: list[str]) -> int:
    from govnews.importer.command import main as import_main

    return import_main(rest)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="govnews", description="govnews 新闻站点工具")
    parser.add_argument("--config", "-f", default="mkdocs.yml", help="mkdocs.yml 路径")
    sub = parser.add_subparsers(dest="command", required=True)

    p_check = sub.add_parser("check", help="检查文章（不构建站点）")
    p_check.add_argument("paths", nargs="*", help="只检查这些文件或目录")

    p_audit = sub.add_parser("audit", help="栏目更新检查（国办秘函〔2019〕19号）：有单项否决项时退出码为 1")
    p_audit.add_argument("--json", action="store_true", help="输出 JSON")
    p_audit.add_argument("--warn", action="store_true", help="只提醒：有单项否决项也以 0 退出（CI 不拦截）")
    p_audit.add_argument("--as-of", help="按某日检查（例如 2024-06-15），默认构建时间（SOURCE_DATE_EPOCH）")

    p_new = sub.add_parser("new", help="新建文章（生成 front matter）")
    p_new.add_argument("--title", required=True, help="标题")
    p_new.add_argument("--town", help="地名（地名词表中的一个）")
    p_new.add_argument("--topic", action="append", default=[], help="专题，可写多个：--topic 甲 --topic 乙 或 甲,乙")
    p_new.add_argument("--date", help="日期，默认现在（例如 2024-05-29 或 \"2024-05-29 10:30\"）")
    p_new.add_argument("--type", help="类型：新闻 / 政策解读 / 通知公告，默认新闻")
    p_new.add_argument("--author", action="append", default=[], help="作者，例如 \"记者 何晓丹\"，可写多个")
    p_new.add_argument("--slug", help="网址最后一段（小写字母、数字、连字符），默认由标题拼音生成")
    p_new.add_argument("--publish", action="store_true", help="直接写 draft: false（默认是草稿）")

    sub.add_parser("import", help="把稿件（txt/docx/doc/pdf/html）转换为文章", add_help=False)

    p_admin = sub.add_parser("admin", help="在本机打开网页编辑器（/admin/）与预览，不需联网")
    p_admin.add_argument("--port", type=int, default=8000, help="预览端口，默认 8000")

    try:
        if argv and argv[0] == "import":
            return cmd_import(argparse.Namespace(), argv[1:])
        # options before the subcommand (e.g. -f) still work for import
        if len(argv) >= 3 and argv[0] in ("--config", "-f") and argv[2] == "import":
            return cmd_import(argparse.Namespace(), ["--config", argv[1], *argv[3:]])
    except ConfigError as err:
        for message in err.messages:
            print(message, file=sys.stderr)
        return 1
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return cmd_check(args)
        if args.command == "new":
            return cmd_new(args)
        if args.command == "audit":
            return cmd_audit(args)
        if args.command == "admin":
            return cmd_admin(args)
    except ConfigError as err:   # bad options in mkdocs.yml: the message, not a traceback
        for message in err.messages:
            print(message)
        print(f"{args.config} 中 govnews 的设置有 {len(err.messages)} 个错误", file=sys.stderr)
        return 1
    parser.error(f"未知命令 {args.command}")
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
