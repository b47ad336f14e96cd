"""Render once, fill many: list pages reuse one page "shell" rendered by the theme.

A site has about half as many list pages (facet values × pages) as articles. Rendering
each through the theme's full template (header, nav, footer) would cost as much as an
article page; instead the engine renders one shell page with placeholders, at a fixed
depth, and every list page is that shell with its relative prefix, title, <head> extras,
canonical URL and content filled in — a few string operations per page.

Articles use the same shell (the engine still converts their Markdown): outside the nav,
without a table of contents, an article's page differs from the shell only in these
fields plus its description and author <meta>. The theme's template was two thirds of an
article's build time; `article_shell: false` renders every article through it again, and a
test compares the two builds byte for byte.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

SHELL_URL = "_gn-shell/2/3/4/5/6/7/8/"      # depth 8: its '../' runs are unmistakable
SHELL_DEPTH = SHELL_URL.count("/")
TITLE = "GNSHELL-TITLE-1f"
CANONICAL = "GNSHELL-CANONICAL-1f"
HEAD = "<!--GNSHELL-HEAD-1f-->"
# contains "<h1" so the theme does not add its own heading for the shell
CONTENT = "<!--GNSHELL-CONTENT-1f <h1 -->"
# values of <meta> tags the theme writes only when it has one (description, author): the
# whole tag is a slot, so a page without the value has no tag, as the theme would write it
DESCRIPTION = "GNSHELL-DESCRIPTION-1f"
AUTHOR = "GNSHELL-AUTHOR-1f"
# the title inside <title>, where the theme prints it through `striptags` (whitespace collapsed)
_TITLE_TEXT = "GNSHELL-TITLE-TEXT-1f"
_TAG_SLOTS = {DESCRIPTION: "<!--GNSHELL-DESCRIPTION-TAG-1f-->", AUTHOR: "<!--GNSHELL-AUTHOR-TAG-1f-->"}

_UP = re.compile(r"(?:\.\./){%d}\.\." % (SHELL_DEPTH - 1))


class ShellError(ValueError):
    pass


_MARKERS = (TITLE, _TITLE_TEXT, CANONICAL, HEAD, CONTENT, *_TAG_SLOTS.values())


class PageShell:
    """The shell page as the engine rendered it. `description` and `author` are what a page
    without its own gets (the theme's: site_description, site_author; HTML)."""

    def __init__(self, html: str, description: str = "", author: str = ""):
        for marker in (TITLE, HEAD, CONTENT):
            if marker not in html:
                raise ShellError(f"page shell lacks {marker!r}: the theme override does not print it")
        self._tags: dict[str, str] = {}   # value marker → the tag as the theme writes it
        for marker, slot in _TAG_SLOTS.items():
            # with the line break and indent on each side that the theme's {% if %} block holds
            m = re.search(r"\n?[ \t]*<meta\b[^>]*" + marker + r"[^>]*>\n?[ \t]*", html)
            if m:
                self._tags[marker] = m.group()
                html = html[:m.start()] + slot + html[m.end():]
        html = re.sub(r"<title>[^<]*</title>", lambda m: m.group().replace(TITLE, _TITLE_TEXT), html, count=1)
        self._html = html
        self.signature = hash(html)   # what every page filled from it shares (nav, theme …)
        self._defaults = {DESCRIPTION: self._tag(DESCRIPTION, description), AUTHOR: self._tag(AUTHOR, author)}
        self._by_depth: dict[int, list[str]] = {}

    def _tag(self, marker: str, value_html: str | None) -> str:
        if value_html is None:
            return self._defaults[marker]
        tag = self._tags.get(marker)
        return tag.replace(marker, value_html) if tag and value_html else ""

    def _parts(self, depth: int) -> list[str]:
        parts = self._by_depth.get(depth)
        if parts is None:
            up = "/".join([".."] * depth) if depth else "."
            chrome = _UP.sub(up, self._html)
            parts = self._by_depth[depth] = re.split(
                "(" + "|".join(re.escape(m) for m in _MARKERS) + ")", chrome)
        return parts

    def fill(self, url: str, title_html: str, head_html: str, content_html: str, canonical: str,
             description_html: str | None = None, author_html: str | None = None) -> str:
        """One page: every value is HTML already (escaped by the caller)."""
        values = {TITLE: title_html, _TITLE_TEXT: escape(Markup(title_html).striptags()), CANONICAL: canonical, HEAD: head_html, CONTENT: content_html,
                  _TAG_SLOTS[DESCRIPTION]: self._tag(DESCRIPTION, description_html),
                  _TAG_SLOTS[AUTHOR]: self._tag(AUTHOR, author_html)}
        return "".join(values.get(part, part) for part in self._parts(url.count("/")))
