"""Data tables of saved pages and Word files (补助标准, 名单, 日程) as rows of text.

A reader writes each row of a data table as one line `| 项目 | 补助标准 |`; blocks.py turns
two or more such lines (marks.TABLE_ROW) in a row into a table block and mdbody.py renders it as a Markdown
table. Layout tables (a whole CMS page in <table>s) and the metadata tables of 政府信息公开
pages written 索引号：… in one cell are not data tables: their cells stay lines of text.
"""

from __future__ import annotations

import re

from govnews.importer.text.cmspage import _LABEL_FIELD, _LABEL_RX

CELL_MAX = 200          # a longer cell is page layout (the article itself), not a table cell
_SEPARATOR = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+$")


def row_line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def cells_of(line: str) -> list[str]:
    return [c.strip() for c in line.strip()[1:-1].split("|")]


def is_separator(line: str) -> bool:
    return bool(_SEPARATOR.match(line.strip()))


def data_rows(rows: list[list[str]]) -> list[str] | None:
    """The table's lines if it is a data table, else None (its cells stay separate lines)."""
    rows = [r for r in rows if any(r)]
    if len(rows) < 2 or sum(len(r) >= 2 for r in rows) < 2:
        return None
    cells = [c for r in rows for c in r]
    if any("|" in c or len(c) > CELL_MAX or _labelled_cell(c) for c in cells):
        return None
    width = max(len(r) for r in rows)
    return [row_line(r + [""] * (width - len(r))) for r in rows]


def labelled_values(rows: list[list[str]]) -> list[str]:
    """'索引号：…' for each known label cell followed by its value cell: the metadata table of a
    政府信息公开 page written with labels and values in cells of their own."""
    out = []
    for row in rows:
        for label, value in zip(row, row[1:]):
            if label.strip(" ：:") in _LABEL_FIELD and value and value.strip(" ：:") not in _LABEL_FIELD:
                out.append(f"{label.strip(' ：:')}：{value}")
    return out


def _labelled_cell(cell: str) -> bool:
    """'索引号：014…' in one cell: a metadata table read line by line (a bare '文号：' is a label cell)."""
    m = _LABEL_RX.search(cell)
    return m is not None and bool(cell[m.end():].strip())
