"""Markdown extension: a line break inside Chinese text is not a space.

Editors wrap long Markdown lines, and text pasted from PDFs or e-papers arrives wrapped. HTML
turns each such line break into a space, which Chromium (most readers' browser) draws between
two Chinese characters: 全镇现有民营企业 3200余家 becomes 全镇…， 占全部… CSS Text 3 removes a
segment break between two wide (East Asian) characters, but browsers do not implement it, so the
break is removed here, in the text of the rendered page, by the same rule: both neighbours wide
(Han, kana, CJK and full-width punctuation; Chinese quotation marks “” ‘’ … — count when the other
side is wide). A break beside a Latin letter or a digit stays a space, as the rule says; code is
left alone. Listed in mkdocs.yml as `govnews.chinese_breaks`.
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

_WIDE = ("\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f"
         "\uff01-\uff60\uffe0-\uffe6\U00020000-\U0003fffd")
_QUOTE = "\u2018\u2019\u201c\u201d\u2026\u2014\u00b7"   # ‘ ’ “ ” … — ·: ambiguous width, wide in Chinese
BREAK = re.compile(rf"(?<=[{_WIDE}])[ \t]*\n[ \t]*(?=[{_WIDE}{_QUOTE}])"
                   rf"|(?<=[{_WIDE}{_QUOTE}])[ \t]*\n[ \t]*(?=[{_WIDE}])")
_SKIP = frozenset({"pre", "code", "script", "style", "textarea"})


def join_lines(text: str) -> str:
    return BREAK.sub("", text) if "\n" in text else text


class _Joiner(Treeprocessor):
    def run(self, root) -> None:
        stack = [root]
        while stack:
            el = stack.pop()
            if el.tag not in _SKIP:
                if el.text:
                    el.text = join_lines(el.text)
                stack.extend(el)
            if el.tail:
                el.tail = join_lines(el.tail)


class ChineseBreaksExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(_Joiner(md), "govnews_chinese_breaks", 15)   # after inline (20)


def makeExtension(**kwargs) -> ChineseBreaksExtension:  # noqa: N802
    return ChineseBreaksExtension(**kwargs)
