"""Articles of WeChat official accounts (微信公众号) saved from the browser or downloaded.

Towns publish on their 公众号 first; the site reposts. A saved article page keeps its text in
#js_content, hidden (style="visibility: hidden") until the page's script shows it, and its
publication time and account name only in script variables (createTime, ct, nickname) when
saved as plain HTML. Everything around the article (follow buttons, comments, 阅读原文,
QR codes) is page chrome, reported like any other.
"""

from __future__ import annotations

import html
import re
from datetime import datetime

from govnews.common.text import CHINA_TZ
from govnews.importer.text.dates import find_date

_VAR = r"""\b{name}\s*=\s*(?:htmlDecode\()?\s*['"](?P<value>[^'"]{{1,80}})['"]"""
_CREATE_TIME = re.compile(_VAR.format(name="createTime"))
_CT = re.compile(r"""\bvar\s+ct\s*=\s*['"]?(?P<value>\d{9,11})\b""")
_NICKNAME = re.compile(_VAR.format(name="nickname"))
_HIDDEN = re.compile(r"(?:visibility\s*:\s*hidden|opacity\s*:\s*0(?:\.0*)?)\s*;?", re.I)


def is_wechat(soup) -> bool:
    url = soup.find("meta", attrs={"property": "og:url"})
    return soup.find(id="js_content") is not None and (
        soup.find(id="activity-name") is not None or "mp.weixin.qq.com" in str(url.get("content", "") if url else ""))


def read_wechat(soup, meta, dropped: list[tuple[str, str]]) -> None:
    """Reduce the page to the title and the article text, in place; fill `meta` (title, date,
    source) from what the page states; report the rest as chrome."""
    scripts = "\n".join(s.get_text() for s in soup.find_all("script"))
    title_tag = soup.find(id="activity-name")
    title = " ".join(title_tag.get_text(" ").split()) if title_tag is not None else meta.title
    if title:
        meta.title = title
    shown = soup.find(id="publish_time")
    for text in ((shown.get_text() if shown is not None else ""), _first(_CREATE_TIME, scripts)):
        found = find_date(text) if text.strip() else None
        if found:
            meta.date, meta.date_text = found
            break
    else:
        ct = _first(_CT, scripts)
        if ct:
            when = datetime.fromtimestamp(int(ct), CHINA_TZ)
            meta.date, meta.date_text = when.date(), when.strftime("%Y-%m-%d %H:%M")
    name_tag = soup.find(id="js_name")
    nickname = " ".join(name_tag.get_text(" ").split()) if name_tag is not None else ""
    meta.source = nickname or html.unescape(_first(_NICKNAME, scripts)) or meta.source

    content = soup.find(id="js_content")
    content["style"] = _HIDDEN.sub("", str(content.get("style") or ""))
    content.extract()
    body = soup.body or soup
    if title_tag is not None:
        title_tag.decompose()
    for tag in body.find_all(["script", "style", "noscript", "template", "svg"]):
        tag.decompose()
    rest = " ".join(body.get_text(" ").split())
    if rest:
        dropped.append((rest, "微信页面杂项"))
    body.clear()
    if title:
        heading = soup.new_tag("h1")
        heading.string = title
        body.append(heading)
    body.append(content)


def _first(rx: re.Pattern, text: str) -> str:
    m = rx.search(text)
    return m["value"].strip() if m else ""
