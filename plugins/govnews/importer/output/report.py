"""The import report: a table per article, removed boilerplate, warnings; widths measured in
terminal columns so Chinese text lines up."""

from __future__ import annotations

import csv
import os
import unicodedata

REPORT_HEADERS = ["源文件", "输出文件", "状态", "标题", "日期", "日期把握", "地名", "专题", "提示"]
REMOVED_HEADERS = ["源文件", "行", "删除的文字", "原因"]


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def cut(text: str, limit: int) -> str:
    out, w = "", 0
    for ch in text:
        cw = width(ch)
        if w + cw > limit - 1 and width(text) > limit:
            return out + "…"
        out, w = out + ch, w + cw
    return out


def table(headers: list[str], rows: list[list[str]], limits: list[int]) -> str:
    cells = [[cut(c, lim) for c, lim in zip(row, limits)] for row in rows]
    widths = [max([width(h)] + [width(r[i]) for r in cells]) for i, h in enumerate(headers)]

    def fmt(row: list[str]) -> str:
        return "  ".join(c + " " * (w - width(c)) for c, w in zip(row, widths)).rstrip()

    lines = [fmt(headers), "  ".join("-" * w for w in widths)]
    lines += [fmt(r) for r in cells]
    return "\n".join(lines)


def write_report(path: str, rows: list[list[str]], removed: list[list[str]]) -> str:
    """The summary report: CSV (UTF-8 with BOM, so office spreadsheets read the Chinese) or,
    for a .md path, a Markdown table; removed chrome goes beside it (…-removed.csv/.md).
    Returns the path of that second file ('' when nothing was removed)."""
    stem, ext = os.path.splitext(path)
    markdown = ext.lower() in (".md", ".markdown")
    _write_table(path, REPORT_HEADERS, rows, markdown)
    if not removed:
        return ""
    other = f"{stem}-removed{ext or '.csv'}"
    _write_table(other, REMOVED_HEADERS, removed, markdown)
    return other


def _write_table(path: str, headers: list[str], rows: list[list[str]], markdown: bool) -> None:
    folder = os.path.dirname(path)
    if folder:
        os.makedirs(folder, exist_ok=True)
    if markdown:
        def cell(text: str) -> str:
            return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

        lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
        lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write("\n".join(lines) + "\n")
        return
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(headers)
        writer.writerows([[_inert(c) for c in row] for row in rows])


def _inert(cell) -> str:
    """A cell a spreadsheet will not run as a formula (text from the web starting with = + @)."""
    cell = str(cell)
    return "'" + cell if cell[:1] in ("=", "+", "@") else cell
