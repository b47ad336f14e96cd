"""A policy document's attachments (附件): the files its body links to (.pdf, .docx …)."""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, replace
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
    size: str = ""  # 24 KB, 1.2 MB: what a reader on a slow link downloads ('' when not known)


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


def with_sizes(files: list[Attachment], page_url: str, docs_dir: str) -> list[Attachment]:
    """The attachments with the size of each file the site holds (docs/ is published as it is,
    so a link from page_url names the file below docs_dir); other sites' files stay unsized."""
    out = []
    for f in files:
        parts = urlsplit(f.href)
        path = "" if parts.scheme or parts.netloc else posixpath.normpath(posixpath.join(page_url, unquote(parts.path)))
        try:
            size = os.path.getsize(os.path.join(docs_dir, *path.split("/"))) if path and not path.startswith("..") else -1
        except OSError:
            size = -1
        out.append(replace(f, size=shown_size(size)) if size >= 0 else f)
    return out


def shown_size(size: int) -> str:
    if size < 1000 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f} MB"
