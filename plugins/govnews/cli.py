"""`govnews` command line: check, new, import. Messages to editors are in Chinese."""

from __future__ import annotations

import argparse
import os
import sys

from .build import build_site
from .catalog import article_sources
from .project import load_settings


def cmd_check(args: argparse.Namespace) -> int:
    """Lint articles without building: the same catalog checks a strict build runs."""
    settings = load_settings(args.config)
    sources = list(article_sources(settings.docs_dir, settings))
    if args.paths:
        wanted = {os.path.abspath(p) for p in args.paths}
        wanted_dirs = tuple(p.rstrip(os.sep) + os.sep for p in wanted if os.path.isdir(p))
        chosen = [s for s in sources if s[2] in wanted or s[2].startswith(wanted_dirs)]
    else:
        chosen = sources
    # The whole catalog is read so duplicate URLs across files are found; only problems in
    # the chosen files (and vocabularies) are reported.
    site = build_site(sources, settings)
    shown = {s[1] for s in chosen}
    problems = [p for p in site.problems.sorted()
                if not args.paths or p.path in shown or p.path.startswith(os.path.relpath(settings.vocab_path))]
    for problem in problems:
        print(problem)
    errors = [p for p in problems if p.is_error]
    warnings = len(problems) - len(errors)
    print(f"检查了 {len(chosen)} 篇文章：{len(errors)} 个错误，{warnings} 个警告", file=sys.stderr)
    return 1 if problems else 0


def cmd_import(args: argparse.Namespace, rest: list[str]) -> int:
    from .importer.command import main as import_main

    return import_main(rest)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="govnews", description="govnews 新闻站点工具")
    parser.add_argument("--config", "-f", default="mkdocs.yml", help="mkdocs.yml 路径")
    sub = parser.add_subparsers(dest="command", required=True)

    p_check = sub.add_parser("check", help="检查文章（不构建站点）")
    p_check.add_argument("paths", nargs="*", help="只检查这些文件或目录")

    sub.add_parser("import", help="把稿件（txt/docx/html）转换为文章", add_help=False)

    if argv and argv[0] == "import":
        return cmd_import(argparse.Namespace(), argv[1:])
    # options before the subcommand (e.g. -f) still work for import
    if len(argv) >= 3 and argv[0] in ("--config", "-f") and argv[2] == "import":
        return cmd_import(argparse.Namespace(), argv[3:])
    args = parser.parse_args(argv)
    if args.command == "check":
        return cmd_check(args)
    parser.error(f"未知命令 {args.command}")
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
