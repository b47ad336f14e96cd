"""Script in article bodies: refused with its line, and never published.

Editors write text, not code. Raw HTML that can run script — <script>, <style>, <iframe>,
<noscript> and the other raw-text elements, <svg>/<math>, on…= event attributes,
javascript:/vbscript:/data: (any scheme but http(s), mailto, tel, ftp) in links and pictures —
is reported by `scan` (on the Markdown, so the message names the source line; `govnews
check` and every build run it), and removed from the rendered HTML by `clean_html`, so even a
plain build that ignores the messages publishes no script.

Both read HTML as a browser does: with ammonia (nh3, Rust; html5ever, the HTML5 parsing
algorithm with scripting on), so raw text stays text and mutation XSS (markup that means one
thing to a Python parser and another to a browser, e.g. `<noscript><p title="</noscript><img
onerror=…>">`) is seen as the browser sees it. One allowlist (ALLOWED_TAGS, any attribute but
on…= and script-capable URLs) serves both: `findings` is the one code path; `scan` locates its
findings on the Markdown lines, `clean_html` reports them and publishes ammonia's output.
"""

from __future__ import annotations

import html as htmllib
import re

import nh3

from govnews.common.bodyscan import body_links, prose_lines  # noqa: F401 (prose_lines: re-exported)

# What a news body may hold: text structure, links, pictures, tables, audio/video (checked by
# remotemedia.py) and old formatting tags; anything else is removed, its text kept.
ALLOWED_TAGS = frozenset({
    "a", "abbr", "address", "article", "aside", "audio", "b", "bdi", "bdo", "big", "blockquote", "br", "caption",
    "center", "cite", "code", "col", "colgroup", "data", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
    "figcaption", "figure", "font", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "i",
    "img", "ins", "kbd", "li", "main", "mark", "nav", "ol", "p", "picture", "pre", "q", "rp", "rt", "ruby", "s",
    "samp", "section", "small", "source", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "time", "tr", "track", "tt", "u", "ul", "var", "video", "wbr",
})
# Elements whose content goes with them (script and style text, embedded documents, raw-text
# and foreign-content elements: the mutation-XSS vectors); never needed for a news article.
FORBIDDEN_TAGS = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link",
    "svg", "math", "noscript", "noembed", "noframes", "xmp", "template", "textarea", "title", "plaintext",
    "listing", "select", "form", "input", "button", "portal", "fencedframe", "param", "html", "head", "body",
})
URL_ATTRS = frozenset({
    "href", "src", "srcset", "action", "formaction", "poster", "data", "background", "lowsrc", "dynsrc",
    "cite", "longdesc", "ping", "manifest", "codebase", "archive", "xlink:href", "xmlns:xlink", "itemtype",
})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel", "ftp"})
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")   # browsers ignore these inside a scheme
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_PROBE = "data-govnews-probe"
_PAGE_TAGS = frozenset({"html", "head", "body", "frameset"})
_ANY_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_TAB_NL = re.compile(r"[\t\n\r]+")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")   # as the tokenizer
# a tag name as the HTML tokenizer reads it: `<` and an ASCII letter, up to whitespace, / or >
_TAG_NAME = re.compile(r"</?([A-Za-z][^\t\n\f\r />]*)")

# attr_list ({: onclick=… }) sets attributes on Markdown elements
_ATTR_LIST_EVENT = re.compile(r"\{:?[^{}\n]*?(?<![\w-])(on[a-z]+)\s*=", re.I)
_ATTR_LIST_URL = re.compile(r"\{:?[^{}\n]*?(?<![\w-])(?:href|src)\s*=\s*[\"']?\s*((?:java|vb)script|data)\s*:", re.I)
# Cheap tests (one regex pass each): a body or page that passes them and holds no tag outside
# ALLOWED_TAGS has nothing scan could report or clean_html remove.
_SAFE_START = r"(?![hH][tT][tT][pP][sS]?:|[#/.?]|[mM][aA][iI][lL][tT][oO]:|[tT][eE][lL]:)"
_MAYBE_UNSAFE = re.compile(   # an event attribute, or a URL attribute whose value may hold a scheme
    r"[\s/\"'][oO][nN][a-zA-Z]+\s*="
    r"|[\s/\"'](?i:" + "|".join(sorted(URL_ATTRS)) + r")\s*="
    r"\s*[\"']?\s*" + _SAFE_START + r"[^\"'\s>]*[:&\t\n\r]")
_LINK_HINT = re.compile(      # Markdown: a link or reference whose URL has a scheme other than http(s)
    r"\]\(\s*<?\s*" + _SAFE_START + r"[^)\s>]*[:&]"
    r"|^[ ]{0,3}\[[^\]\n]+\]:\s*<?\s*" + _SAFE_START + r"\S*[:&]", re.M)
# Markdown autolinks (<https://…>, <a@b.cn>) are links, not tags
_AUTOLINK = re.compile(r"<(?:[hH][tT][tT][pP][sS]?|[fF][tT][pP])://[^<>\s]*>|<(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>")


def bad_scheme(url: str) -> str | None:
    """'javascript:' (…, 'file:') when a URL has a scheme outside URL_SCHEMES; None for
    http(s)/mailto/tel/ftp and relative URLs. Entities, case and the control characters
    browsers skip do not hide a scheme."""
    plain = _URL_NOISE.sub("", htmllib.unescape(url))
    m = _SCHEME.match(plain)
    if m is None or m.group(1).lower() in URL_SCHEMES:
        return None
    return m.group(1).lower() + ":"


def _url_message(url: str, scheme: str, image: bool) -> str:
    shown = url if len(url) <= 40 else url[:40] + "…"
    if scheme == "data:":
        what = "图片" if image else "链接"
        return (f"{what}「{shown}」用了 data: 网址（把文件内容直接写进网页，可能夹带脚本）：正文中不允许；"
                f"请把文件放到 docs/ 下，用相对路径引用")
    if scheme in BAD_SCHEMES:
        return (f"{'图片' if image else '链接'}「{shown}」是 {scheme} 网址，点击会运行脚本：正文中不允许，"
                f"请删除或改为 https:// 网址")
    return (f"{'图片' if image else '链接'}「{shown}」是 {scheme} 地址，读者的浏览器打不开，发布时会去掉："
            f"正文只能链接 http(s)、mailto:、tel: 地址或站内文件（是否应为「https://…」？）")


def _tag_message(tag: str) -> str:
    if tag in FORBIDDEN_TAGS:
        return f"正文中不允许 <{tag}>（会运行脚本或嵌入外部内容）：文章只写文字、图片和链接，请删除"
    return f"正文中不允许 <{tag}>（不是文章用的标签，发布时去掉、文字保留）：请删除，格式请用 Markdown 写"


def _event_message(attr: str) -> str:
    return f"正文中不允许 {attr}= 这类事件属性（会运行脚本），请删除"


def _tag_names(html: str) -> set[str]:
    """Every tag name the text may hold, as the tokenizer reads it (lower case, NUL as U+FFFD)."""
    return {m.translate(_ASCII_LOWER).replace("\x00", "\ufffd") for m in _TAG_NAME.findall(html)}


def _attr_problem(tag: str, attr: str, value: str) -> tuple[str, str] | None:
    """(what, message) when an attribute may run script or names a URL browsers cannot open."""
    if attr.startswith("on"):
        return f"{attr}=", _event_message(attr)
    if attr in URL_ATTRS and value:
        for url in (value.split(",") if attr == "srcset" else [value]):
            url = url.strip().split()[0] if attr == "srcset" and url.strip() else url
            scheme = bad_scheme(url)
            if scheme:
                return scheme, _url_message(value, scheme, tag in ("img", "source", "picture", "video"))
    return None


def _options(record: list | None, probe: frozenset[str] = frozenset(), schemes: frozenset[str] = frozenset()) -> dict:
    """ammonia's settings: the allowlist and a filter that drops event attributes and URLs with
    other schemes, noting each in `record`. For a probe (`findings`), also the tags to find and
    the schemes the text may hold, so that the filter, not ammonia, sees every URL."""
    def keep(tag: str, attr: str, value: str) -> str | None:
        if attr == _PROBE:
            if record is not None:
                record.append((f"<{tag}>", _tag_message(tag)))
            return None
        problem = _attr_problem(tag, attr, value)
        if problem is None:
            return value
        if record is not None:
            record.append(problem)
        return None

    if record is not None:
        return dict(tags=set(ALLOWED_TAGS | probe), clean_content_tags=set(), attribute_filter=keep,
                    generic_attribute_prefixes={""}, link_rel=None, url_schemes=set(URL_SCHEMES | schemes),
                    set_tag_attribute_values={t: {_PROBE: "1"} for t in probe})
    return dict(tags=set(ALLOWED_TAGS), clean_content_tags=set(FORBIDDEN_TAGS - ALLOWED_TAGS),
                attribute_filter=keep, generic_attribute_prefixes={""}, link_rel=None,
                url_schemes=set(URL_SCHEMES))


def findings(html: str) -> list[tuple[str, str]]:
    """(what, Chinese message) for everything in an HTML fragment the sanitizer removes, in the
    order a browser's parser meets it: elements outside the allowlist ('<noscript>'), event
    attributes ('onerror='), URLs with a scheme browsers must not follow ('javascript:').
    [] for safe HTML. The one code path of `scan` and `clean_html`."""
    found: list[tuple[str, str]] = []
    names = _tag_names(html)
    # a fragment's parser drops these, but inside a page a browser gives <body onload=…> its
    # attributes (and <frameset> may replace the page): never in an article, always reported
    found += [(f"<{tag}>", _tag_message(tag)) for tag in sorted(names & _PAGE_TAGS)]
    probe = frozenset(names - ALLOWED_TAGS - _PAGE_TAGS)
    if probe or _MAYBE_UNSAFE.search(html):
        schemes = {m.lower() for m in _ANY_SCHEME.findall(_TAB_NL.sub("", htmllib.unescape(html)))}
        nh3.clean(html, **_options(found, probe, frozenset(schemes)))
    return list(dict.fromkeys(found))


def _locate(lines: list[str], what: str) -> list[int]:
    """The indexes of the lines a finding comes from (by their own text; [0] when hidden)."""
    if what.startswith("<"):
        pattern = re.compile(re.escape(what[:-1]) + r"(?![^\t\n\f\r />])", re.I)
    elif what.endswith("="):
        pattern = re.compile(r"[\s/\"']" + re.escape(what[:-1]) + r"\s*=", re.I)
    else:                               # a URL scheme: the lines whose own HTML holds it
        pattern = None
    hits = [i for i, line in enumerate(lines) if "<" in line and (
        pattern.search(line) if pattern is not None else any(w == what for w, _ in findings(line)))]
    return hits or [0]


def scan(body: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(file line, Chinese message) for every script-capable construct in a Markdown body."""
    links = _LINK_HINT.search(body) is not None
    if not links and "<" not in body and "{" not in body:
        return []   # the usual case

    found: dict[tuple[int, str], str] = {}   # one message per line and kind
    lines = prose_lines(body)
    if "<" in body:
        lines = [_AUTOLINK.sub(lambda m: " " * len(m.group()), line) if "<" in line else line for line in lines]
        for what, message in findings("\n".join(lines)):
            for index in _locate(lines, what):
                found.setdefault((first_line + index, what.rstrip("=")), message)
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
    Unchanged (same string) when the fast tests find nothing that could be unsafe; otherwise
    published as ammonia writes it, whatever the findings (they only name what goes)."""
    if not (_tag_names(html) - ALLOWED_TAGS) and not _MAYBE_UNSAFE.search(html):
        return html, []
    removed = [what for what, _ in findings(html)]
    return nh3.clean(html, **_options(None)), removed
