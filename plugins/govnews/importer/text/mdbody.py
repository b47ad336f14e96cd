"""Article body as Markdown: paragraphs, section headings, signatures. Editors' text is
escaped so it stays text (no accidental lists, links, HTML or attribute lists); `plain`
undoes the escaping, for the nothing-lost checks."""

from __future__ import annotations

import re

from govnews.importer.model import Draft
from govnews.importer.readers.tables import cells_of, is_separator

_ESCAPE_ANYWHERE = re.compile(r"([\\`*_{}\[\]|])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z])")     # HTML reads &#1 and &copy without ";" as characters too
_LINE_START = re.compile(r"^(\s*)([#>+\-!]|\d+(?=[.)]\s)|\d+[.)]$)")
_IMAGE = re.compile(r"^!\[.*\]\([^()\s]+\)$")      # a picture of a saved page (images.py): no text of its own
_LINK = re.compile(r"(?<![\\!])\[((?:\\.|[^\\\]])*)\]\([^()\s]+\)")   # an attachment (linkedfiles.py)
_URL_UNSAFE = {ord(c): f"%{ord(c):02X}" for c in " ()<>\\\"'"}
_UNESCAPE = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!|=])")


def _escape_inline(text: str) -> str:
    text = _ESCAPE_ANYWHERE.sub(r"\\\1", text)
    return _ENTITY.sub("&amp;", text).replace("<", "&lt;")


def escape(text: str) -> str:
    text = _escape_inline(text)
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
    """Inverse of escape (and of our heading markers, hard breaks and links) for comparisons."""
    text = _LINK.sub(r"\1", markdown)
    text = re.sub(r"^#{1,6}\s+", "", text, flags=re.M)
    text = "\n".join(line for line in text.split("\n") if not is_separator(line) and not _IMAGE.match(line))
    text = _UNESCAPE.sub(r"\1", text)
    return text.replace("&lt;", "<").replace("&amp;", "&")


def render_body(d: Draft, image_dir: str = "../../images/imported", file_dir: str = "../../files/imported") -> str:
    """image_dir, file_dir: where the article's pictures and attachments are, relative to
    the article's folder."""
    parts: list[str] = []
    for block in d.body:
        links = _Links(block.links, file_dir)
        if block.kind == "image":
            name, alt = block.lines
            parts.append(f"![{escape(alt)}]({image_dir}/{name})")
        elif block.kind == "heading":
            parts.append("## " + links.put(escape(block.text)))
        elif block.kind == "table":
            parts.append(_table(block.lines, links))
        elif block.kind == "signature":
            parts.append("  \n".join(links.put(escape(line)) for line in block.lines))
        else:
            parts.append(links.put(escape(block.text)))
        parts[-1] += links.rest()
    return "\n\n".join(parts) + "\n"


class _Links:
    """Turns the text of a block's attachments into links to them, each once, in order."""

    def __init__(self, links: tuple[tuple[str, str], ...], file_dir: str):
        self.todo = list(links)
        self.file_dir = file_dir

    def _url(self, target: str) -> str:
        if "://" in target:      # still on the old site: spaces and brackets would end the link
            return target.translate(_URL_UNSAFE)
        return f"{self.file_dir}/{target}"

    def put(self, escaped: str) -> str:
        done, start = [], 0
        for text, target in self.todo:
            shown = _escape_inline(text)
            at = escaped.find(shown, start)
            if at < 0:
                done.append((text, target))
                continue
            link = f"[{shown}]({self._url(target)})"
            escaped = escaped[:at] + link + escaped[at + len(shown):]
            start = at + len(link)
        self.todo = done
        return escaped

    def rest(self) -> str:
        """Links whose text was not found as written (escaped at a line's start): after the block."""
        return "".join(f"\n\n[{_escape_inline(text)}]({self._url(target)})" for text, target in self.todo)


def _table(rows: tuple[str, ...], links: _Links) -> str:
    """Rows `| a | b |` as a Markdown table; the first row is its header, as Markdown needs."""
    cells = [cells_of(r) for r in rows]
    width = max(len(c) for c in cells)
    lines = ["| " + " | ".join(links.put(escape(c)) for c in row + [""] * (width - len(row))) + " |" for row in cells]
    return "\n".join([lines[0], "|" + " --- |" * width, *lines[1:]])
