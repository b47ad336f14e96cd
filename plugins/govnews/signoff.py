"""An article's closing sign-off (落款) is set flush right, as on paper.

Notices, announcements and letters end with the issuing body and the date on their own lines:

    中共常州市武进区委宣传部
    2024年5月29日

Government documents print them at the right (GB/T 9704), and readers look for them there;
left-aligned under the last paragraph they read as one more line of text. The body's last
paragraph (or last few one-line paragraphs) is marked `gn-signoff` when it ends with a date
alone on its line and every line above it is short, with no sentence punctuation: a name, not
prose. Only the end of the HTML is looked at.
"""

from __future__ import annotations

import re

_DIGITS = "0-9０-９"
_CN_NUM = "〇零一二三四五六七八九十"
DATE_LINE = re.compile(
    rf"^(?:[{_DIGITS}]{{4}}\s*年\s*[{_DIGITS}]{{1,2}}\s*月\s*[{_DIGITS}]{{1,2}}\s*日"
    rf"|[{_CN_NUM}]{{4}}年[{_CN_NUM}]{{1,2}}月[{_CN_NUM}]{{1,3}}日)"
    r"(?:\s*[（(](?:星期|周)[一二三四五六日天][)）])?$")
# a trailing run of plain paragraphs at the very end of the body
_TAIL = re.compile(r"(?:<p>(?:(?!</?p\b)[\s\S])*?</p>\s*){1,4}$")
_PARA = re.compile(r"<p>((?:(?!</?p\b)[\s\S])*?)</p>")
_BR = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")
# prose ends sentences or lists items; a name or a unit does not
_PROSE = re.compile(r"[。！？；：:，,!?;、“”\"]")
MAX_NAME = 40


def _lines(inner: str) -> list[str]:
    return [t for t in (_TAG.sub("", part).replace("&nbsp;", " ").strip() for part in _BR.split(inner)) if t]


def _is_name(line: str) -> bool:
    return 2 <= len(line) <= MAX_NAME and not _PROSE.search(line) and not line.startswith("特此")   # 特此通告: the close


def mark_signoff(html: str) -> str:
    """The body HTML with its sign-off paragraphs classed gn-signoff (unchanged if none)."""
    tail = _TAIL.search(html[-2000:])
    if tail is None:
        return html
    start = len(html) - len(html[-2000:]) + tail.start()
    paras = list(_PARA.finditer(html, start))
    if not paras:
        return html
    last = _lines(paras[-1].group(1))
    if not last or not DATE_LINE.match(last[-1]) or len(last) > 4 or not all(_is_name(x) for x in last[:-1]):
        return html
    marked = [paras[-1]]
    if len(last) == 1:   # the date alone: the issuer may be the one-line paragraphs above it
        for m in reversed(paras[:-1]):
            lines = _lines(m.group(1))
            if len(marked) == 3 or len(lines) != 1 or not _is_name(lines[0]):
                break
            marked.insert(0, m)
        if len(marked) == 1 and len(paras) == 1:
            return html   # a body that is nothing but a date: no sign-off to set apart
    first = marked[0].start()
    out = html[first:].replace("<p>", '<p class="gn-signoff">', len(marked))
    return html[:first] + out
