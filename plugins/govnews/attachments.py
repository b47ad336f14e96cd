"""A policy document's attachments (附件): the files its body links to (.pdf, .docx …)."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html import unescape
from urllib.parse import unquote, urlsplit

# the file types government documents are published in (WPS and OFD included)
EXTENSIONS = (".pdf", ".doc", ".docx", ".wps", ".ofd", ".xls", ".xlsx", ".et", ".ppt", ".pptx", ".zip", ".rar",
              ".7z", ".txt", ".csv")
_LINK = re.compile(r"<a\b[^>]*?\bhref\s*=\s*(\"[^\"]*\"|'[^']*')[^>]*>(.*?)</a\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Attachment:
    href: str       # as the body links it (relative to the document's page)
    text: str       # the link text, or the file name
    kind: str       # PDF, DOCX …


def find(html: str) -> list[Attachment]:
    """Linked files in the rendered body, in order, each once."""
    out: dict[str, Attachment] = {}
    for m in _LINK.finditer(html):
        href = unescape(m.group(1)[1:-1]).strip()
        path = urlsplit(href).path
        ext = posixpath.splitext(path.lower())[1]
        if ext not in EXTENSIONS or href in out:
            continue
        text = " ".join(unescape(_TAG.sub("", m.group(2))).split()) or unquote(posixpath.basename(path))
        out[href] = Attachment(href, text, ext[1:].upper())
    return list(out.values())
