"""Article body as Markdown: paragraphs, section headings, signatures. Editors' text is
escaped so it stays text (no accidental lists, links, HTML or attribute lists); `plain`
undoes the escaping, for the nothing-lost checks."""

from __future__ import annotations

import re

from .model import Draft
from .tables import cells_of, is_separator

_ESCAPE_ANYWHERE = re.compile(r"([\\`*_{}\[\]|])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z])")     # HTML reads &#1 and &copy without ";" as characters too
_LINE_START = re.compile(r"^(\s*)([#>+\-!]|\d+(?=[.)]\s)|\d+[.)]$)")
_IMAGE = re.compile(r"^!\[.*\]\([^()\s]+\)$")      # a picture of a saved page (images.py): no text of its own
_UNESCAPE = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!|=])")


def escape(text: str) -> str:
    text = _ESCAPE_ANYWHERE.sub(r"\\\1", text)
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;")
    m = _LINE_START.match(text)
    if m:
        lead, tok = m.group(1), m.group(2)
        if tok[0].isdigit():
            rest = text[len(lead) + len(tok):]
            text = lead + tok + "\\" + rest if rest else text
        else:
            text = lead + "\\" + text[len(lead):]
    return text


def plain(markdown: str) -> str:
    """Inverse of escape (and of our heading markers / hard breaks) for comparisons."""
    text = re.sub(r"^#{1,6}\s+", "", markdown, flags=re.M)
    text = "\n".join(line for line in text.split("\n") if not is_separator(line) and not _IMAGE.match(line))
    text = _UNESCAPE.sub(r"\1", text)
    return text.replace("&lt;", "<").replace("&amp;", "&")


def render_body(d: Draft, image_dir: str = "../../images/imported") -> str:
    """image_dir: where the article's pictures are, relative to the article's folder."""
    parts: list[str] = []
    for block in d.body:
        if block.kind == "image":
            name, alt = block.lines
            parts.append(f"![{escape(alt)}]({image_dir}/{name})")
        elif block.kind == "heading":
            parts.append("## " + escape(block.text))
        elif block.kind == "table":
            parts.append(_table(block.lines))
        elif block.kind == "signature":
            parts.append("  \n".join(escape(line) for line in block.lines))
        else:
            parts.append(escape(block.text))
    return "\n\n".join(parts) + "\n"


def _table(rows: tuple[str, ...]) -> str:
    """Rows `| a | b |` as a Markdown table; the first row is its header, as Markdown needs."""
    cells = [cells_of(r) for r in rows]
    width = max(len(c) for c in cells)
    lines = ["| " + " | ".join(escape(c) for c in row + [""] * (width - len(row))) + " |" for row in cells]
    return "\n".join([lines[0], "|" + " --- |" * width, *lines[1:]])
