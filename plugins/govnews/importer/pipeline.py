"""One clipping → FileResult: read, clean, split, date, classify. No file is written here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import accounting
from .blocks import build_blocks
from .classify import Classifier
from .clean import _PAPER, clean_lines, paper_name
from .dates import assign_dates
from .model import FileResult, Removed
from .readers import ReadError, read_clipping
from .split import split_articles


@dataclass
class Options:
    year: int | None = None
    source: str = ""          # paper for 本报讯 pages (--source)
    today: date | None = None


def import_text(text: str, path: str, classifier: Classifier, options: Options,
                dropped: list[tuple[str, str]] = ()) -> FileResult:
    """`dropped`: what the reader already left out (web navigation…), reported as line 0."""
    result = FileResult(path)
    lines = text.split("\n")
    kept, removed, paper = clean_lines(lines)
    for text_, reason in dropped:
        m = _PAPER.search(text_)
        if m and not paper:
            paper = paper_name(m.group("org"))
    drafts, more_removed = split_articles(build_blocks(kept), path)
    removed = sorted(removed + more_removed, key=lambda r: (r.line, r.col))
    removed = [Removed(0, t, r) for t, r in dropped] + removed
    if not drafts:
        result.error = "没有找到正文（全是版面杂项或标题）"
        result.removed = removed
        return result
    lost = accounting.check(lines, drafts, [r for r in removed if r.line > 0])
    if lost:
        result.error = f"内部错误：第 {', '.join(map(str, lost[:5]))} 行的文字未能完整归入文章，已停止导入此文件"
        return result
    assign_dates(drafts, options.year, options.today or date.today())
    result.source = paper
    for d in drafts:
        classifier.classify(d)
        d.source = paper or options.source
        if not d.source:
            d.warnings.append("来源报纸未知（可用 --source 指定）")
        if d.title_from_text:
            d.warnings.append("原文无标题，标题取自正文首句，请拟定")
        if d.photo and not d.title_from_text and not d.body:
            d.warnings.append("图片新闻无正文")
    result.drafts = drafts
    result.removed = removed
    return result


def import_file(path: str, classifier: Classifier, options: Options) -> FileResult:
    try:
        clipping = read_clipping(path)
    except ReadError as exc:
        return FileResult(path, error=str(exc))
    return import_text(clipping.text, path, classifier, options, clipping.dropped)
