"""Nothing lost: every character of the input is article text or reported boilerplate.

`check` rebuilds each input line from the spans the importer assigned (title, kicker,
subtitle, byline, body) and the removed boilerplate, and compares them ignoring
whitespace and Markdown heading markers. It runs on every import, so a splitting bug can
never silently drop text.
"""

from __future__ import annotations

import re
from collections import defaultdict

from govnews.importer.model import Draft, Removed
from govnews.importer.readers.tables import is_separator

_WS = re.compile(r"\s+")
_MD_MARK = re.compile(r"^\s*#{1,6}\s+(?=\S)")


def essence(text: str) -> str:
    """Text without whitespace (line breaks and spacing are layout, not content)."""
    return _WS.sub("", text)


def line_essence(line: str) -> str:
    if is_separator(line):          # |---|---| of a pasted Markdown table: markup, not text
        return ""
    return essence(_MD_MARK.sub("", line))


def check(lines: list[str], drafts: list[Draft], removed: list[Removed]) -> list[int]:
    """Line numbers whose text is not exactly covered; [] when nothing was lost or doubled."""
    pieces: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for d in drafts:
        for block in d.all_blocks():
            for span in block.spans:
                pieces[span.line].append((span.col, span.text))
    for r in removed:
        pieces[r.line].append((r.col, r.text))
    bad = []
    for no, line in enumerate(lines, start=1):
        # (line_essence: a removed whole line keeps its heading marker, as the input has it)
        got = line_essence("".join(t for _, t in sorted(pieces.get(no, []), key=lambda p: p[0])))
        if got != line_essence(line):
            bad.append(no)
    bad += [no for no in pieces if no > len(lines)]
    return bad


def in_order(d: Draft) -> bool:
    """Body text keeps the input order."""
    positions = [(s.line, s.col) for b in d.body for s in b.spans]
    return positions == sorted(positions)
