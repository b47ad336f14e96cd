"""`govnews import FILE|DIR... [--out DIR] [--year YYYY] [--source 报名] [--place 地名] [--report FILE] [--dry-run] [--force]`

Prints a report (table: file, title, date, town, topics, confidence, warnings; then what
was removed as boilerplate). Unreadable files get `path: message` and a non-zero exit;
the other files are still imported.

Migrating an old site: folders are walked for saved pages (thousands), with a progress bar;
a page whose article is already in the output (same text, under any file name) is skipped,
so a re-run after a crash resumes; the same article saved twice is imported once; and a
summary report file (CSV for spreadsheets, or a Markdown table) lists every article.
"""

from __future__ import annotations

import argparse
import os
import sys

from govnews.common.diagnostics import Problems
from govnews.config.project import load_settings
from govnews.importer import limits
from govnews.importer.model import FileResult
from govnews.importer.output import images, linkedfiles
from govnews.importer.output import write as writer
from govnews.importer.output.frontmatter_out import render
from govnews.importer.output.report import cut, table, write_report
from govnews.importer.pipeline import Options, import_file
from govnews.importer.readers.clipping import HTML_EXTS, MHT_EXTS, PDF_EXTS, WORD_EXTS, preload
from govnews.importer.text.accounting import essence
from govnews.importer.text.classify import Classifier
from govnews.importer.text.mdbody import render_body
from govnews.model.vocab import DEFAULT_KINDS, load_facet_vocabularies

PROGRESS_MIN = 20        # show a progress bar from this many files on
QUIET_MIN = 50
DUP_MIN_CHARS = 50           # from this many files on, details go to the report file only
DEFAULT_REPORT = "import-report.csv"
# what a folder walk picks up (.doc too, so old Word files get their message)
WALK_EXTS = (".txt", ".text", *HTML_EXTS, *MHT_EXTS, *WORD_EXTS, *PDF_EXTS)


def expand(paths: list[str]) -> tuple[list[str], bool]:
    """Files as given, folders walked (sorted, hidden entries and browsers' *_files asset
    folders skipped); True when a folder was given."""
    out: list[str] = []
    walked = False
    for path in paths:
        if not os.path.isdir(path):
            out.append(path)
            continue
        walked = True
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not d.endswith(("_files", ".files")))
            out += [os.path.join(root, f) for f in sorted(files)
                    if not f.startswith(".") and os.path.splitext(f)[1].lower() in WALK_EXTS]
    return out, walked


def date_certainty(d) -> str:
    if d.date.value is None:
        return "无日期"
    return ("确定：" if d.date.exact else "推断：") + d.date.note


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="govnews import", description="把稿件（txt/docx/doc/pdf/html）转换为文章")
    p.add_argument("files", nargs="*", metavar="FILE", help="稿件文件（.txt .docx .doc .wps .pdf .html .mht；网页的图片随文导入）或文件夹（逐层查找其中的稿件）")
    p.add_argument("--out", help="输出目录（默认 docs/articles）")
    p.add_argument("--year", type=int, help="原文只有月日时使用的年份")
    p.add_argument("--source", default="", help="来源报纸（“本报讯”稿件），如 武进日报")
    p.add_argument("--place", default="", help="本地地名：文中“我市/我区/全区”指的地方，如 武进区")
    p.add_argument("--config", "-f", default="mkdocs.yml", help="mkdocs.yml 路径")
    p.add_argument("--report", help=f"汇总报告文件（.csv 或 .md；导入文件夹时默认 {DEFAULT_REPORT}）")
    p.add_argument("--fetch", "--fetch-images", dest="fetch", action="store_true",
                   help="下载网页只链接、没有一起保存的图片和附件（旧站的 http 地址；默认不联网）")
    p.add_argument("--root", action="append", default=[], metavar="DIR",
                   help="整站保存的网站文件夹：网页链接的本地文件（/uploadfiles/…）也可从这里复制"
                        "（默认只复制网页所在文件夹内的文件；可多次给出）")
    p.add_argument("--allow-host", action="append", default=[], metavar="HOST",
                   help="--fetch 可以访问的内网主机名（默认只下载公网地址；可多次给出）")
    p.add_argument("--timeout", type=float, default=limits.SECONDS, metavar="SECONDS",
                   help=f"每个文件最多读取的秒数（默认 {limits.SECONDS}；0 为不限）")
    p.add_argument("--memory", type=int, default=limits.MEMORY_MB, metavar="MB",
                   help=f"读取每个文件最多使用的内存（MB，默认 {limits.MEMORY_MB}；0 为不限）")
    p.add_argument("--dry-run", action="store_true", help="只显示结果，不写文件")
    p.add_argument("--force", action="store_true", help="覆盖已导入的同一文章")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    try:
        args = parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:          # argparse already printed a message
        return int(exc.code or 0)
    if not args.files:
        print("govnews import: 请给出要导入的稿件文件，例如 govnews import 版面.txt --source 武进日报", file=sys.stderr)
        return 2
    run = ImportRun.start(args)
    if isinstance(run, int):
        return run
    files, walked = expand(args.files)
    if walked and not files:
        print("govnews import: 文件夹中没有可导入的稿件（.txt .docx .doc .wps .pdf .html .mht）", file=sys.stderr)
        return 2
    report_path = args.report or (DEFAULT_REPORT if walked else None)
    preload(files)
    iterator = files
    if len(files) >= PROGRESS_MIN:
        from tqdm import tqdm

        iterator = tqdm(files, desc="导入", unit="个文件", file=sys.stderr)
    try:
        for path in iterator:
            run.import_path(path)
    finally:
        if run.reader is not None:
            run.reader.close()
    return run.finish(files, report_path)


# what a child process may send back (limits.Reader): the importer's plain dataclasses
PLAIN = ("govnews.importer.model", "datetime")


def _import_one(path: str, classifier: Classifier, options: Options) -> FileResult:
    try:
        return import_file(path, classifier, options)
    except (RecursionError, ValueError, TypeError, KeyError, IndexError, AttributeError, LookupError,
            OSError) as exc:
        # one odd file must not stop a migration of thousands: it is reported and the rest go on
        return FileResult(path, error=f"内部错误（{type(exc).__name__}），此文件未导入；请把它发给维护者")


class ImportRun:
    """One `govnews import`: the settings, vocabularies and options, and what the files given
    so far became (rows of the printed table and of the report file, notes, counts)."""

    def __init__(self, args: argparse.Namespace, classifier: Classifier, options: Options, out_dir: str):
        self.args, self.classifier, self.options, self.out_dir = args, classifier, options, out_dir
        # pictures go beside the articles folder (docs/images/imported); every article sits one
        # folder down (<year>/), so one relative path serves them all
        base = os.path.dirname(os.path.abspath(out_dir))
        one_down = os.path.join(os.path.abspath(out_dir), "2000")
        self.image_dir = os.path.join(base, images.IMAGE_DIR)
        self.image_link = os.path.relpath(self.image_dir, one_down).replace(os.sep, "/")
        self.file_dir = os.path.join(base, linkedfiles.FILE_DIR)
        self.file_link = os.path.relpath(self.file_dir, one_down).replace(os.sep, "/")
        self.failed = 0
        self.rows: list[list[str]] = []
        self.removed_lines: list[str] = []
        self.notes: list[str] = []
        self.planned: set[str] = set()
        self.seen: dict[str, str] = {}                  # body text → file planned for it in this run
        self.seen_titles: dict[tuple[str, str], str] = {}
        self.report_rows: list[list[str]] = []
        self.removed_rows: list[list[str]] = []
        self.counts = {"new": 0, "same": 0, "conflict": 0, "overwritten": 0, "duplicate": 0, "listing": 0,
                       "joined": 0}
        self.joined: dict[str, str] = {}        # a later page of a split article → the file it was joined into
        self.reader: limits.Reader | None = None   # the child process reading the files (limits.Reader)

    @classmethod
    def start(cls, args: argparse.Namespace) -> ImportRun | int:
        """The run, or the exit status when the site or an option is wrong (the message printed)."""
        try:
            settings = load_settings(args.config)
        except OSError:
            print(f"{args.config}: 找不到站点配置（请在站点目录中运行，或用 -f 指定 mkdocs.yml）", file=sys.stderr)
            return 2
        problems = Problems()
        # the facets' vocabularies too: a 政策文件's 发文机关 and 主题分类 are written as they name them
        vocabs = load_facet_vocabularies(settings.vocab_path, settings.facets, problems,
                                         os.path.relpath(settings.vocab_path), extra=DEFAULT_KINDS)
        for problem in problems.errors:
            print(problem, file=sys.stderr)
        if args.place and vocabs.places.resolve(args.place) is None:
            print(f"--place: 地名词表中没有「{args.place}」{vocabs.places.suggest(args.place)}", file=sys.stderr)
            return 2
        out_dir = args.out or os.path.join(settings.docs_dir, settings.articles_dir)
        classifier = Classifier(vocabs, args.place or None,
                                {s.field: s.vocabulary for s in settings.facets if s.vocabulary})
        if 0 < args.memory < limits.MEMORY_MIN_MB or args.memory < 0:
            print(f"--memory: 至少 {limits.MEMORY_MIN_MB} MB（读取程序本身约用 130 MB），或 0 表示不限", file=sys.stderr)
            return 2
        for root in args.root:
            if not os.path.isdir(root):
                print(f"--root: 找不到文件夹「{root}」", file=sys.stderr)
                return 2
        options = Options(year=args.year, source=args.source, today=settings.now.date(), fetch=args.fetch,
                          roots=tuple(os.path.abspath(r) for r in args.root),
                          allow_hosts=tuple(h.strip().lower().rstrip(".") for h in args.allow_host if h.strip()))
        return cls(args, classifier, options, out_dir)

    # -- one file ------------------------------------------------------------------------
    def import_path(self, path: str) -> None:
        into = self.joined.get(os.path.abspath(path))
        if into is not None:
            self.counts["joined"] += 1
            self._skipped(path, "已并入", f"是 {into} 的一页，已并入同一篇文章")
            return
        result = self._read(path)
        if result.error:
            self.failed += 1
            print(f"{path}: {result.error}", file=sys.stderr)
            self.report_rows.append([path, "", "失败", "", "", "", "", "", result.error])
            return
        self.joined.update((page, path) for page in result.joined)
        if result.skipped:
            self.counts["listing"] += 1
            self._skipped(path, "列表页，跳过", result.skipped)
            return
        for r in result.removed:
            where = f"{path}:{r.line}" if r.line else path
            self.removed_lines.append(f"{where}: 「{cut(r.text, 120)}」（{r.reason}）")
            self.removed_rows.append([path, str(r.line or ""), r.text, r.reason])
        for d in result.drafts:
            self._draft(path, d)

    def _read(self, path: str) -> FileResult:
        """The file read and cut into articles in a child process with its own time and
        memory (limits.Reader); nothing is written there: the articles and their files are
        written here, files first."""
        timeout, memory = self.args.timeout, self.args.memory
        if self.reader is None:
            self.reader = limits.Reader(lambda p: _import_one(p, self.classifier, self.options), memory, PLAIN)
        try:
            return self.reader.call((path,), timeout)
        except limits.TimeUp:
            return FileResult(path, error=f"读取超过 {timeout:g} 秒（每个文件的上限），此文件未导入："
                                          "文件可能损坏或过大；确需导入时可加 --timeout 放宽")
        except (limits.OutOfMemory, MemoryError) as exc:
            how = getattr(exc, "how", "")
            ended = f"读取进程意外终止（{how}），可能是" if how else "读取时"
            limit = f"内存超过 {memory} MB（每个文件的上限）" if memory > 0 else "内存不足"
            return FileResult(path, error=f"{ended}{limit}，此文件未导入："
                                          "文件可能损坏或过大；确需导入时可加 --memory 放宽")
        except limits.ChildError as exc:
            return FileResult(path, error=f"内部错误（{exc}），此文件未导入；请把它发给维护者")

    def _skipped(self, path: str, status: str, why: str) -> None:
        self.rows.append([path, status, "", "", "", "", "", why])
        self.report_rows.append([path, "", status, "", "", "", "", "", why])

    def _draft(self, path: str, d) -> None:
        """One article of a file: a duplicate of one already planned, or planned and written."""
        body = render_body(d, self.image_link, self.file_link)
        key = essence(body)
        if len(key) < DUP_MIN_CHARS:        # a short body (photo news) is not enough to tell
            key = essence(d.title_text) + "\n" + key
        if key in self.seen:
            self._duplicate(path, d, self.seen[key])
            return
        target = writer.plan(d, body, self.out_dir, self.planned)
        self.planned.add(target.path)
        self.seen[key] = target.path
        twin = self.seen_titles.setdefault((d.title_text, str(d.date.value)), target.path)
        if twin != target.path:
            d.warnings.append(f"与 {os.path.relpath(twin)} 同题同日、正文不同，请核对是否为同一文章的两个版本")
        text = render(d, target.slug) + "\n" + body
        status = target.status
        if status == writer.NEW or self.args.force:
            if not self.args.dry_run and not self._write(path, d, target, text):
                return
            shown = "新建" if status == writer.NEW else "覆盖"
            self.counts["new" if status == writer.NEW else "overwritten"] += 1
        elif status == writer.SAME:
            shown = "已导入，跳过"
            self.counts["same"] += 1
        else:
            shown = "已存在（内容已改），未覆盖"
            self.counts["conflict"] += 1
            self.notes.append(f"{os.path.relpath(target.path)}: 已存在同题文章且内容不同，未覆盖（确认后可用 --force 覆盖）")
        self._row(path, d, target, shown)

    def _duplicate(self, path: str, d, first: str) -> None:
        self.counts["duplicate"] += 1
        note = f"与 {os.path.relpath(first)} 内容相同（同一文章保存了两次），未导入"
        self.notes.append(f"{path}:{d.first_line}: {note}")
        self.rows.append(["", "重复，跳过", d.title_text, d.date.text if d.date.value else "（无）", "", "", "", note])
        self.report_rows.append([path, os.path.relpath(first), "重复，跳过", d.title_text,
                                 d.date.text if d.date.value else "", date_certainty(d), "", "", note])

    def _write(self, path: str, d, target, text: str) -> bool:
        """Its files first: an article is never left linking files that were not written."""
        try:
            writer.copy_files(d.pictures, self.image_dir)
            writer.copy_files(d.files, self.file_dir)
            writer.write(target.path, text)
        except OSError as exc:
            self.failed += 1
            why = f"无法写入（{exc.strerror or exc}：{exc.filename or target.path}），此文章未导入"
            print(f"{path}: {why}", file=sys.stderr)
            self.report_rows.append([path, "", "失败", d.title_text, "", "", "", "", why])
            return False
        return True

    def _row(self, path: str, d, target, shown: str) -> None:
        confidence = [f"{d.town.name} {d.town.confidence:.2f}" if d.town else "地名 -"]
        confidence += [f"{t.name} {t.confidence:.2f}" for t in d.topics]
        self.rows.append([
            os.path.relpath(target.path), shown, d.title_text,
            d.date.text if d.date.value else "（无）",
            d.town.name if d.town else "（未识别）",
            "、".join(t.name for t in d.topics) or "（未识别）",
            "；".join(confidence),
            "；".join(d.warnings) or "",
        ])
        self.report_rows.append([path, os.path.relpath(target.path), shown, d.title_text,
                                 d.date.text if d.date.value else "", date_certainty(d),
                                 d.town.name if d.town else "", "、".join(t.name for t in d.topics),
                                 "；".join(d.warnings)])
        for w in d.warnings:
            self.notes.append(f"{os.path.relpath(target.path)}: {w}（{path}:{d.first_line}）")

    # -- the report ----------------------------------------------------------------------
    def finish(self, files: list[str], report_path: str | None) -> int:
        """Print the table, write the report file, print notes and the summary; the exit status."""
        quiet = len(files) >= QUIET_MIN and report_path
        if self.rows:
            print(table(["文件", "状态", "标题", "日期", "地名", "专题", "置信度", "提示"], self.rows,
                        [60, 16, 40, 10, 12, 30, 50, 200]))
        extra = ""
        if report_path:
            try:
                extra = write_report(report_path, self.report_rows, self.removed_rows)
            except OSError as exc:
                print(f"{report_path}: 无法写入汇总报告（{exc.strerror or exc}）", file=sys.stderr)
                self.failed += 1
                extra = ""
            else:
                print(f"\n汇总报告：{report_path}（每篇一行：源文件、输出文件、标题、日期、日期把握、提示）"
                      f"{'；已删除的杂项：' + extra if extra else ''}")
        if self.notes and not quiet:
            print("\n需要编辑核对：")
            print("\n".join(self.notes))
        elif self.notes:
            print(f"\n需要编辑核对 {len(self.notes)} 项，见汇总报告的“提示”列")
        if self.removed_lines and not quiet:
            print("\n已删除的版面/网页杂项：")
            print("\n".join(self.removed_lines))
        elif self.removed_lines:
            print(f"已删除的版面/网页杂项 {len(self.removed_lines)} 条，见 {extra or report_path}")
        print(self.summary(len(files)))
        counts, failed = self.counts, self.failed
        if counts["new"] == 0 and counts["overwritten"] == 0 and (counts["same"] or counts["duplicate"]) and not failed:
            print("这些稿件都已导入过，没有新建任何文件。")
        return 1 if failed else 0

    def summary(self, n_files: int) -> str:
        counts, verb = self.counts, "将" if self.args.dry_run else ""
        summary = (f"\n{n_files} 个文件：{verb}新建 {counts['new']} 篇，{verb}覆盖 {counts['overwritten']} 篇，"
                   f"已导入跳过 {counts['same']} 篇，未覆盖 {counts['conflict']} 篇，重复跳过 {counts['duplicate']} 篇，"
                   f"{'列表页跳过 ' + str(counts['listing']) + ' 个，' if counts['listing'] else ''}"
                   f"{'分页并入 ' + str(counts['joined']) + ' 个，' if counts['joined'] else ''}"
                   f"失败 {self.failed} 个文件")
        if self.args.dry_run:
            summary += "（试运行，未写文件）"
        return summary
