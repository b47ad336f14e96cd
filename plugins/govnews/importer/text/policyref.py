"""The document a policy explainer (政策解读) explains, when its own text names it plainly.

Inspectors fault an explainer not linked to its document (解读稿未与政策原文关联). The
importer fills the explainer's `policy` from what the page says — the 《title》 in its
title, the 发文字号 printed beside that title, and the office that 印发 it — and never
guesses: a field the text does not give stays for the editor (the front matter says which).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from govnews.importer.model import Draft
from govnews.importer.text.marks import ORG_LINE
from govnews.model.documents import normal_number

_BOOK = re.compile(r"《(?P<title>[^《》]{4,80})》")
_NUMBER = r"[^（）()《》\s]{1,20}?[〔［\[【]\s*(?:19|20)\d{2}\s*[〕］\]】]\s*第?\s*\d{1,5}\s*号"
_KIND = r"(?:的)?(?:通知|决定|意见|批复|通告|公告)?"


def find_policy(d: Draft, links: list[tuple[str, str]] = (), page_url: str = "") -> dict[str, str]:
    """{"title", and "number"/"issuer"/"link" when the page gives them} or {} when it names
    none. links: the page's (text, href); page_url makes a relative href whole."""
    text = "\n".join(b.text for b in d.body)
    m = _BOOK.search(d.title_text)
    if m:
        title = m["title"]
    else:       # no 《》 in the title: one document issued (印发) and cited with its number
        cited = {b["title"] for b in re.finditer(r"印发(?:了)?《(?P<title>[^《》]{4,80})》" + _KIND + r"\s*[（(]" + _NUMBER,
                                                 text)}
        if len(cited) != 1:
            return {}
        title = cited.pop()
    policy = {"title": title}
    book = re.escape(f"《{title}》")
    # （武政发〔2024〕12号） and （武政发〔2024〕12号，以下简称《措施》）
    number = re.search(book + _KIND + r"\s*[（(](?P<number>" + _NUMBER + r")\s*[）)，,；;]", text)
    if number and normal_number(number["number"]):
        policy["number"] = normal_number(number["number"])
    issuer = re.search(r"(?:^|(?<=[：:，,。；;、\s“]))(?P<issuer>[\u4e00-\u9fff]{2,40}?)(?:关于印发|正式印发|印发了|印发)" + book,
                       text, re.M)
    if issuer and ORG_LINE.match(issuer["issuer"]):
        policy["issuer"] = issuer["issuer"]
    # a link whose text names the document (《title》, or its 发文字号) is the original
    for text, href in links:
        if f"《{title}》" in text or (policy.get("number") and policy["number"] in (normal_number(m) for m in
                                                                                 re.findall(_NUMBER, text))):
            whole = urljoin(page_url, href) if page_url else href
            if whole.startswith(("http://", "https://")):
                policy["link"] = whole
                break
    return policy
