"""A saved page whose text is its attachment: old CMSs publish a 政策文件 as a title, meta lines
and 附件：关于印发…的通知.pdf, the document's text only in the file. Migrated as it stands, the
article would be a title and a link: nothing for search, a screen reader or an inspector who
checks that a policy's text is on the page. When the body has (almost) no text besides the
link and the one attachment is a document govnews reads (.pdf .doc .docx .wps), its text
becomes the body, before the link, which stays; the editor is asked to compare the two.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from typing import Callable

from govnews.importer.model import Block, Draft, Removed
from govnews.importer.text.accounting import essence

READABLE = (".pdf", ".doc", ".docx", ".wps")
LITTLE = 40        # characters of body text, besides link words, that still count as no text


def fill(d: Draft, options, import_file: Callable, classifier, removed: list[Removed]) -> None:
    """Give `d` its attachment's text when it has none of its own (import_file reads it)."""
    readable = [(path, data) for path, data in d.files.items() if os.path.splitext(path)[1].lower() in READABLE]
    if len(readable) != 1 or _own_text(d) > LITTLE:
        return
    path, data = readable[0]
    name = os.path.basename(path)
    with tempfile.TemporaryDirectory(prefix="govnews-attachment-") as tmp:
        copy = os.path.join(tmp, name)
        with open(copy, "wb") as fh:
            fh.write(data)
        sub = import_file(copy, classifier, replace(options, page_of_another=True, fetch=False))
    if sub.error or len(sub.drafts) != 1:
        d.warnings.append(f"正文只有附件「{name}」，其中的文字未能读入（{sub.error or '附件含多篇文章'}）："
                          "请把附件的正文贴到本文中")
        return
    doc = sub.drafts[0]
    lead = [] if doc.title_text == d.title_text or not doc.title_text else \
        [Block("body", [], " ".join(b.text for b in doc.kicker + doc.title + doc.subtitle))]
    d.body[:0] = lead + [b for b in doc.bylines if b.text] + doc.body
    d.pictures.update(doc.pictures)
    d.files.update(doc.files)
    for key, value in doc.document.items():
        d.document.setdefault(key, value)
    d.warnings += doc.warnings
    d.warnings.append(f"正文取自附件「{name}」（原网页正文只有附件链接），请与附件原文核对")
    removed += [Removed(0, f"{name}: {r.text}", r.reason) for r in sub.removed if r.text]


def _own_text(d: Draft) -> int:
    """Characters of the body besides the words of its attachment links."""
    total = 0
    for block in d.body:
        text = essence(block.text)
        for words, _ in block.links:
            text = text.replace(essence(words), "", 1)
        total += len(text)
    return total
