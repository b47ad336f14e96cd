"""Markdown extension: an indented paragraph is a paragraph, not a code block.

Text pasted from Word, WPS or a WeChat article keeps its first-line indent as spaces or a tab
(首行缩进), and Markdown reads four spaces or a tab as a code block: the paragraph comes out as
grey monospaced code with its lines unwrapped, the worst way to show a notice on a phone. A
news site has no code to show, so the indented code block is switched off (Python-Markdown's
"code" block processor); lists, their continuation lines and admonitions keep their own
indentation rules. Listed in mkdocs.yml as `govnews.plain_indent`.
"""

from __future__ import annotations

from markdown import Extension


class PlainIndentExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        if "code" in md.parser.blockprocessors:
            md.parser.blockprocessors.deregister("code")


def makeExtension(**kwargs) -> PlainIndentExtension:  # noqa: N802
    return PlainIndentExtension(**kwargs)
