"""The checks every article body gets when the catalog reads it (govnews.model.catalog
parses; these check). A new article check is one function here and one entry in
ARTICLE_CHECKS: it gets the parsed Article, the settings and the file's text, and yields
Findings at file lines."""

from __future__ import annotations

from typing import Iterator

from govnews.checks import bodysafety, remotemedia, textless
from govnews.common.diagnostics import WARNING
from govnews.config.settings import Settings
from govnews.model.catalog import Article, BodyCheck, Finding


def script_in_body(art: Article, settings: Settings, text: str) -> Iterator[Finding]:
    """Editors write text, not code: a script-capable construct keeps the body off the page."""
    for line, message in bodysafety.scan(art.body or "", art.body_line):
        yield Finding(line, message, unsafe=True)


def remote_media(art: Article, settings: Settings, text: str) -> Iterator[Finding]:
    for line, message in remotemedia.scan(art.body or "", art.body_line, settings.site_origin):
        yield Finding(line, message)


def nothing_to_read(art: Article, settings: Settings, text: str) -> Iterator[Finding]:
    """Pictures only, or links to files only: nothing for a screen reader or search."""
    for found in (textless.scan(art.body or "", art.body_line),
                  textless.attachments_only(art.body or "", art.body_line)):
        if found is not None:
            yield Finding(*found, WARNING)


def blank_body(art: Article, settings: Settings, text: str) -> Iterator[Finding]:
    """Nothing blank: an article without a body is not published."""
    if not art.draft and textless.blank(art.body or ""):
        closing = text[: len(text) - len(art.body or "")].rstrip().count("\n") + 1   # the front matter's last ---
        yield Finding(closing, "正文为空：没有正文的文章不发布（空白页面）；请写上正文，或先写 draft: true",
                      unlisted=True)


ARTICLE_CHECKS: tuple[BodyCheck, ...] = (script_in_body, remote_media, nothing_to_read, blank_body)
