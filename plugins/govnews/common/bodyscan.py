"""A Markdown body, scanned as Python-Markdown will read it: which lines are prose (code
shows, never runs) and which links and pictures it holds, each with its file line.

A leaf: the catalog's checks (script, remote media, links) and the link checker all read
bodies through it, and it imports nothing of govnews.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
# [text](url "title") and ![alt](url); text may hold one level of nested brackets
_INLINE = re.compile(
    r"(!?)\[(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
_REFDEF = re.compile(r"^[ ]{0,3}\[([^\]]+)\]:\s*(<[^>\n]*>|\S+)", re.M)
_HTML_ATTR = re.compile(r"<(a|img|source|link|iframe)\b[^>]*?\s(href|src)\s*=\s*(\"[^\"]*\"|'[^']*')", re.I)


@dataclass(frozen=True)
class Link:
    line: int          # 1-based line in the article file
    url: str
    image: bool


def outside_fences(body: str) -> Iterator[tuple[int, str]]:
    """(offset, line) of every body line that is not inside a fenced code block."""
    fence: str | None = None
    for offset, line in enumerate(body.split("\n")):
        m = FENCE.match(line)
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m:
            fence = m.group(1)
            continue
        yield offset, line


def body_links(body: str, first_line: int = 1) -> Iterator[Link]:
    """Every link and image URL in a Markdown body, outside code, with its file line."""
    for offset, line in outside_fences(body):
        if "](" not in line and "]:" not in line and "<" not in line:
            continue
        line = CODE_SPAN.sub("", line)
        lineno = first_line + offset
        for m in _INLINE.finditer(line):
            yield Link(lineno, m.group(2).strip("<>"), bool(m.group(1)))
        m = _REFDEF.match(line)
        if m and not m.group(1).startswith("^"):  # [^1]: is a footnote, not a link
            yield Link(lineno, m.group(2).strip("<>"), False)
        for m in _HTML_ATTR.finditer(line):
            yield Link(lineno, m.group(3)[1:-1], m.group(1).lower() in ("img", "source"))



def prose_lines(body: str) -> list[str]:
    """Body lines with fenced code emptied and code spans removed (code shows, never runs)."""
    lines = body.split("\n")
    fence: str | None = None
    for i, line in enumerate(lines):
        m = FENCE.match(line)
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            lines[i] = ""
            continue
        if m:
            fence = m.group(1)
            lines[i] = ""
            continue
        if "`" in line:
            lines[i] = CODE_SPAN.sub("", line)
    return lines
