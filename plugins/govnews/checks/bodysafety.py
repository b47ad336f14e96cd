"""Script in article bodies: refused with its line, and never published.

Editors write text, not code. Raw HTML that can run script — <script>, <style>, <iframe>,
<object>, <embed> and kin, on…= event attributes, javascript:/vbscript:/data: URLs in links
and images — is reported by `scan` (on the Markdown, so the message names the source line;
`govnews check` and every build run it). Whatever still reaches the rendered HTML is removed
by `clean_html` (lxml), so even a plain build that ignores the messages publishes no script.
"""

from __future__ import annotations

import html as htmllib
import re
from html.parser import HTMLParser

from govnews.common.bodyscan import body_links, prose_lines  # noqa: F401 (prose_lines: re-exported)

# Elements that run script or pull in other documents or styles; svg/math: script and
# mutation-XSS vectors, never needed for a news article.
FORBIDDEN_TAGS = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link",
    "svg", "math",
})
URL_ATTRS = frozenset({
    "href", "src", "srcset", "action", "formaction", "poster", "data", "background", "lowsrc", "dynsrc",
    "cite", "longdesc", "ping", "manifest", "codebase", "archive", "xlink:href", "xmlns:xlink",
})
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")   # browsers ignore these inside a scheme

# attr_list ({: onclick=… }) sets attributes on Markdown elements
_ATTR_LIST_EVENT = re.compile(r"\{:?[^{}\n]*?(?<![\w-])(on[a-z]+)\s*=", re.I)
_ATTR_LIST_URL = re.compile(r"\{:?[^{}\n]*?(?<![\w-])(?:href|src)\s*=\s*[\"']?\s*((?:java|vb)script|data)\s*:", re.I)
# Cheap tests (one regex pass each), written so every alternative starts at a rare or literal
# character: a body or page that passes them has nothing scan could report or clean_html remove.
_SAFE_START = r"(?![hH][tT][tT][pP][sS]?:|[#/.?]|[mM][aA][iI][lL][tT][oO]:|[tT][eE][lL]:)"
_MAYBE_UNSAFE = re.compile(   # rendered HTML: a forbidden tag, an event attribute, a URL with a scheme
    r"<(?:[sS][cCtTvV]|[iI][fF]|[fF][rR]|[oO][bB]|[eE][mM]|[aA][pP]|[bB][aA][sS]|[mM][eE][tT]|[mM][aA][tT]|[lL][iI][nN])"
    r"|[\s/\"'][oO][nN][a-zA-Z]+\s*="
    r"|=\s*[\"']?\s*" + _SAFE_START + r"[^\"'\s>]*[:&\t\n\r]")
_LINK_HINT = re.compile(      # Markdown: a link or reference whose URL has a scheme other than http(s)
    r"\]\(\s*<?\s*" + _SAFE_START + r"[^)\s>]*[:&]"
    r"|^[ ]{0,3}\[[^\]\n]+\]:\s*<?\s*" + _SAFE_START + r"\S*[:&]", re.M)


def bad_scheme(url: str) -> str | None:
    """'javascript:' (or vbscript:, data:) when a URL uses a script-capable scheme."""
    plain = _URL_NOISE.sub("", htmllib.unescape(url)).lower()
    return next((s for s in BAD_SCHEMES if plain.startswith(s)), None)


def _url_message(url: str, scheme: str, image: bool) -> str:
    shown = url if len(url) <= 40 else url[:40] + "…"
    if scheme == "data:":
        what = "图片" if image else "链接"
        return (f"{what}「{shown}」用了 data: 网址（把文件内容直接写进网页，可能夹带脚本）：正文中不允许；"
                f"请把文件放到 docs/ 下，用相对路径引用")
    return f"{'图片' if image else '链接'}「{shown}」是 {scheme} 网址，点击会运行脚本：正文中不允许，请删除或改为 https:// 网址"


def _tag_message(tag: str) -> str:
    return f"正文中不允许 <{tag}>（会运行脚本或嵌入外部内容）：文章只写文字、图片和链接，请删除"


def _event_message(attr: str) -> str:
    return f"正文中不允许 {attr}= 这类事件属性（会运行脚本），请删除"


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []   # (line, what, message)

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        if tag in FORBIDDEN_TAGS:
            self.found.append((line, tag, _tag_message(tag)))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((line, name, _event_message(name)))
            elif name in URL_ATTRS and value:
                for url in (value.split(",") if name == "srcset" else [value]):
                    scheme = bad_scheme(url.strip())
                    if scheme:
                        self.found.append((line, scheme, _url_message(value, scheme, tag in ("img", "source"))))
                        break

    handle_startendtag = handle_starttag


def scan(body: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(file line, Chinese message) for every script-capable construct in a Markdown body."""
    links = _LINK_HINT.search(body) is not None
    if not links and "<" not in body and "{" not in body:
        return []   # the usual case

    found: dict[tuple[int, str], str] = {}   # one message per line and kind
    lines = prose_lines(body)
    if "<" in body:
        scanner = _Scanner()
        try:
            scanner.feed("\n".join(lines))
            scanner.close()
        except Exception:  # pragma: no cover - html.parser is lenient; the HTML pass still cleans
            pass
        for line, what, message in scanner.found:
            found.setdefault((first_line + line - 1, what), message)
    if "{" in body:
        for offset, line in enumerate(lines):
            m = _ATTR_LIST_EVENT.search(line)
            if m:
                found.setdefault((first_line + offset, m.group(1).lower()), _event_message(m.group(1)))
            m = _ATTR_LIST_URL.search(line)
            if m:
                found.setdefault((first_line + offset, m.group(1).lower() + ":"),
                                 f"正文中不允许把链接设为 {m.group(1).lower()}: 网址（会运行脚本），请删除")
    if links:
        for link in body_links(body, first_line):
            scheme = bad_scheme(link.url)
            if scheme:
                found.setdefault((link.line, scheme), _url_message(link.url, scheme, link.image))
    return sorted((line, message) for (line, _), message in found.items())


def clean_html(html: str) -> tuple[str, list[str]]:
    """(HTML without script-capable elements, attributes and URLs; what was removed).
    Unchanged (same string) when there was nothing to remove."""
    if not _MAYBE_UNSAFE.search(html):
        return html, []
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return html, []
    removed: list[str] = []
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue   # comments, processing instructions: never run
        tag = el.tag.lower()
        if tag in FORBIDDEN_TAGS:
            removed.append(f"<{tag}>")
            el.drop_tree()
            continue
        for name in list(el.attrib):
            low = name.lower()
            if low.startswith("on"):
                removed.append(f"{low}=")
                del el.attrib[name]
            elif low in URL_ATTRS:
                value = el.attrib[name]
                scheme = next(filter(None, (bad_scheme(u.strip()) for u in
                                            (value.split(",") if low == "srcset" else [value]))), None)
                if scheme:
                    removed.append(f'{low}="{scheme}…"')
                    del el.attrib[name]
    if not removed:
        return html, []
    out = htmllib.escape(root.text or "", quote=False)
    out += "".join(lxml_html.tostring(child, encoding="unicode") for child in root)
    return out, removed
