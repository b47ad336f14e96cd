"""An article's closing sign-off (落款) is set flush right, as on paper.

Notices, announcements and letters end with the issuing body and the date on their own lines:

    中共常州市武进区委宣传部
    2024年5月29日

Government documents print them at the right (GB/T 9704), and readers look for them there;
left-aligned under the last paragraph they read as one more line of text. The body's last
paragraph (or last few one-line paragraphs) is marked `gn-signoff` when it ends with a date
alone on its line and every line above it is short, with no sentence punctuation: a name, not
prose. Only the end of the HTML is looked at, and only when it ends with a date.
"""

from __future__ import annotations

import re

from govnews.common.text import DATELINE  # the importer's rule for a 落款 date line

_BR = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")
# prose ends sentences or lists items; a name or a unit does not
_PROSE = re.compile(r"[。！？；：:，,!?;、“”\"]")
MAX_NAME = 40


def _lines(inner: str) -> list[str]:
    return [t for t in (_TAG.sub("", part).replace("&nbsp;", " ").strip() for part in _BR.split(inner)) if t]


def _is_name(line: str) -> bool:
    return 2 <= len(line) <= MAX_NAME and not _PROSE.search(line) and not line.startswith("特此")   # 特此通告: the close


def _trailing_paragraphs(html: str, most: int) -> list[tuple[int, str]]:
    """(start, inner HTML) of the plain <p> paragraphs that end the HTML, last first (at most
    `most`); found from the end with rfind, so the cost does not grow with the body."""
    found: list[tuple[int, str]] = []
    end = _before_space(html, len(html))
    while len(found) < most and html.endswith("</p>", 0, end):
        start = html.rfind("<p>", 0, end)
        inner = html[start + 3:end - 4] if start >= 0 else ""
        if start < 0 or "<p" in inner or "</p" in inner:
            break
        found.append((start, inner))
        end = _before_space(html, start)
    return found


def _before_space(html: str, end: int) -> int:
    while end and html[end - 1].isspace():
        end -= 1
    return end


def mark_signoff(html: str) -> str:
    """The body HTML with its sign-off paragraphs classed gn-signoff (unchanged if none)."""
    end = _before_space(html, len(html))
    if not html.endswith("</p>", 0, end):
        return html
    start = max(html.rfind(">", 0, end - 4), html.rfind("\n", 0, end - 4)) + 1
    if not DATELINE.match(html[start:end - 4].strip()):
        return html   # the usual case: the body does not end with a date line
    paras = _trailing_paragraphs(html, 3)
    if not paras:
        return html
    last = _lines(paras[0][1])
    if not last or not DATELINE.match(last[-1]) or len(last) > 4 or not all(_is_name(x) for x in last[:-1]):
        return html
    count = 1
    if len(last) == 1:   # the date alone: the issuer may be the one-line paragraphs above it
        for _, inner in paras[1:]:
            lines = _lines(inner)
            if len(lines) != 1 or not _is_name(lines[0]):
                break
            count += 1
        if count == 1 and not _before_space(html, paras[0][0]):
            return html   # a body that is nothing but a date: no sign-off to set apart
    first = paras[count - 1][0]
    return html[:first] + html[first:].replace("<p>", '<p class="gn-signoff">', count)
