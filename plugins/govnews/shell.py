"""Render once, fill many: list pages reuse one page "shell" rendered by the theme.

A site has about half as many list pages (facet values × pages) as articles. Rendering
each through the theme's full template (header, nav, footer) would cost as much as an
article page; instead the engine renders one shell page with placeholders, at a fixed
depth, and every list page is that shell with its relative prefix, title, <head> extras,
canonical URL and content filled in — a few string operations per page.
"""

from __future__ import annotations

import re

SHELL_URL = "_gn-shell/2/3/4/5/6/7/8/"      # depth 8: its '../' runs are unmistakable
SHELL_DEPTH = SHELL_URL.count("/")
TITLE = "GNSHELL-TITLE-1f"
CANONICAL = "GNSHELL-CANONICAL-1f"
HEAD = "<!--GNSHELL-HEAD-1f-->"
# contains "<h1" so the theme does not add its own heading for the shell
CONTENT = "<!--GNSHELL-CONTENT-1f <h1 -->"

_UP = re.compile(r"(?:\.\./){%d}\.\." % (SHELL_DEPTH - 1))


class ShellError(ValueError):
    pass


class PageShell:
    def __init__(self, html: str):
        for marker in (TITLE, HEAD, CONTENT):
            if marker not in html:
                raise ShellError(f"page shell lacks {marker!r}: the theme override does not print it")
        self._html = html
        self._by_depth: dict[int, list[str]] = {}

    def _parts(self, depth: int) -> list[str]:
        parts = self._by_depth.get(depth)
        if parts is None:
            up = "/".join([".."] * depth) if depth else "."
            chrome = _UP.sub(up, self._html)
            parts = self._by_depth[depth] = re.split(
                "(" + "|".join(re.escape(m) for m in (TITLE, CANONICAL, HEAD, CONTENT)) + ")", chrome)
        return parts

    def fill(self, url: str, title_html: str, head_html: str, content_html: str, canonical: str) -> str:
        values = {TITLE: title_html, CANONICAL: canonical, HEAD: head_html, CONTENT: content_html}
        return "".join(values.get(part, part) for part in self._parts(url.count("/")))
