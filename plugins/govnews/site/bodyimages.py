"""Photos in an article's body load when the reader scrolls to them.

A town news article carries several photos of a few hundred KB each; on a phone over a slow
link they all compete with the text on page load. Every image after the first is marked
loading="lazy" (the first is usually in view, where lazy loading would only delay it) and
decoding="async". An editor's own loading= attribute is kept.
"""

from __future__ import annotations

import re

_IMG = re.compile(r"<img\b(?![^>]*\sloading\s*=)", re.I)


def lazy_images(html: str) -> str:
    if html.count("<img") < 2:
        return html
    seen = 0

    def mark(m: re.Match) -> str:
        nonlocal seen
        seen += 1
        return m.group(0) if seen == 1 else '<img loading="lazy" decoding="async"'

    return _IMG.sub(mark, html)
