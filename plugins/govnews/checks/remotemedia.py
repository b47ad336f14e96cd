"""Pictures, video and audio in a body that live on another site: refused with their line.

The site's Content-Security-Policy (scripts/deploy/nginx_conf.py) loads images and media from
the site itself only (img-src 'self' data:, media from default-src 'self'): a photo hotlinked
from the old CMS or a news portal would be a blank box for every reader, and it breaks for
good when that site moves. `govnews import` never writes such links (it names them and leaves
them out); an editor who pastes one is told to download it instead. Links to other sites
(<a href>) are fine: they are followed, not loaded.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from govnews.common.bodyscan import body_links, prose_lines

_REMOTE = re.compile(r"^\s*(?:https?:)?//", re.I)
MEDIA_TAGS = {"img": "图片", "picture": "图片", "source": "图片或视频", "video": "视频", "audio": "音频",
              "track": "字幕", "input": "图片"}
MEDIA_ATTRS = frozenset({"src", "srcset", "poster", "data-src", "data-original"})
# ![alt][label], ![label][] and ![label]: images whose URL is in a reference definition
_IMAGE_REF = re.compile(r"!\[((?:[^\[\]\\]|\\.)*)\](?:\[((?:[^\[\]\\]|\\.)*)\])?")
_REFDEF = re.compile(r"^[ ]{0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s|$)")


# cheap tests, each led by a literal: an image, a media tag or a reference definition with a
# host address; a body without one has nothing `scan` reports (links to other sites are common)
_HOST = r"(?:[hH][tT][tT][pP][sS]?:)?//"
_MAYBE_IMAGE = re.compile(r"!\[[^\n]*?\]\(\s*<?\s*" + _HOST)
_MAYBE_TAG = re.compile(r"<(?i:img|source|video|audio|track|input|picture)\b[^>]*?" + _HOST)
_MAYBE_REFDEF = re.compile(r"\n[ ]{0,3}\[[^\]\n]+\]:\s*<?\s*" + _HOST)


def _maybe_remote(body: str) -> bool:
    return "//" in body and bool(_MAYBE_IMAGE.search(body) or _MAYBE_TAG.search(body)
                                 or ("]:" in body and _MAYBE_REFDEF.search("\n" + body)))


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


def is_remote(url: str, own_origin: str = "") -> bool:
    """True for an address on another host (http(s)://host/…, //host/…)."""
    if not _REMOTE.match(url):
        return False
    if own_origin:
        parts = urlsplit(url.strip())
        if parts.netloc.lower() == own_origin:
            return False   # the site's own host: the policy allows it
    return True


def _message(kind: str, url: str) -> str:
    shown = url if len(url) <= 60 else url[:60] + "…"
    return (f"{kind}「{shown}」在外站：本站的安全策略（CSP）只加载本站的图片和音视频，读者看到的会是空白，"
            f"外站改版后也会失效；请下载后放到 docs/ 下（如文章旁边），用相对路径引用")


class _Scanner(HTMLParser):
    def __init__(self, own_origin: str) -> None:
        super().__init__(convert_charrefs=True)
        self.own_origin = own_origin
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        kind = MEDIA_TAGS.get(tag)
        if kind is None:
            return
        for name, value in attrs:
            if name not in MEDIA_ATTRS or not value:
                continue
            urls = [u.strip().split()[0] for u in value.split(",") if u.strip()] if name.endswith("srcset") \
                else [value]
            remote = next((u for u in urls if is_remote(u, self.own_origin)), None)
            if remote:
                self.found.append((self.getpos()[0], _message(kind, remote)))
                return

    handle_startendtag = handle_starttag


def scan(body: str, first_line: int = 1, own_origin: str = "") -> list[tuple[int, str]]:
    """(file line, Chinese message) for every picture, video or audio loaded from another site."""
    if not _maybe_remote(body):
        return []   # the usual case: no picture or media from another host

    found: dict[int, str] = {}   # one message per line
    for link in body_links(body, first_line):
        if link.image and is_remote(link.url, own_origin):
            found.setdefault(link.line, _message("图片", link.url.strip()))
    lines = prose_lines(body)
    if "![" in body:   # reference-style images: the URL is on the definition's line
        refs: dict[str, tuple[int, str]] = {}
        for offset, line in enumerate(lines):
            m = _REFDEF.match(line)
            if m:
                refs.setdefault(_label(m.group(1)), (offset, m.group(2)))
        if refs:
            for offset, line in enumerate(lines):
                for m in _IMAGE_REF.finditer(line):
                    if line[m.end():m.end() + 1] == "(":
                        continue   # an inline image, handled above
                    target = refs.get(_label(m.group(2) or m.group(1)))
                    if target and is_remote(target[1], own_origin):
                        found.setdefault(first_line + offset, _message("图片", target[1]))
    if "<" in body:
        scanner = _Scanner(own_origin)
        try:
            scanner.feed("\n".join(lines))
            scanner.close()
        except Exception:  # pragma: no cover - html.parser is lenient
            pass
        for line, message in scanner.found:
            found.setdefault(first_line + line - 1, message)
    return sorted(found.items())
