"""Bylines: "□ 记者 何晓丹", "■记者 胡佳英  通讯员 屠东君", "本报讯(记者 黄雅婷)", "徐晶玮 摄".

Each author keeps the role, as editors write it in front matter: "记者 何晓丹".
"""

from __future__ import annotations

import re

from govnews.model.bylines import (  # one list, one parser
    COMPOUND_SURNAMES,
    MARKERS,
    ROLES,
    SURNAMES,
    is_person_name,
    normalize_role,
    parse_byline,
    split_byline,
)

__all__ = ["COMPOUND_SURNAMES", "MARKERS", "ROLES", "SURNAMES", "is_person_name", "normalize_role", "parse_byline", "lead_authors", "is_lead", "split_credit", "split_closing_names",
           "split_inline_byline", "lead_source"]
# the lead of a report: 本报讯, 本报常州6月3日讯, 武进新闻网讯, 新华社北京6月3日电, 央视网消息
_LEAD_START = (r"^(?:本报[\u4e00-\u9fff]{0,8}?(?:\d{1,2}月\d{1,2}日)?讯|"
               r"(?P<org>[\u4e00-\u9fffA-Za-z]{2,12}?(?:网|社|台|日报|晚报|客户端|融媒体中心))"
               r"(?:[\u4e00-\u9fff]{0,6}\d{1,2}月\d{1,2}日)?(?:讯|电|消息)(?![\u4e00-\u9fff]))")
_IS_LEAD = re.compile(_LEAD_START)
_LEAD = re.compile(_LEAD_START + r"\s*[（(]\s*(?P<by>[^()（）]{2,60})\s*[)）]")
# "…竣工投产。徐晶玮 摄" — a photographer's credit ending a caption
# "…（通讯员 顾卫东 摄）", "（王强/摄）" — with the photographer's role, in brackets
_CREDIT = re.compile(r"(?:^|(?<=[。！？!?”\s\u3000]))\s*(?P<open>[（(])?\s*"
                     r"(?P<by>[\u4e00-\u9fff]{2,5}(?:[ \u3000、]+[\u4e00-\u9fff]{2,5}){0,5})\s*/?\s*摄\s*"
                     r"(?(open)[)）])$")


def lead_authors(text: str) -> tuple[str, ...]:
    """Authors named in a 本报讯(记者 …) lead; the lead itself stays in the body."""
    m = _LEAD.match(text.strip())
    if not m:
        return ()
    return parse_byline(m.group("by")) or ()


def is_lead(text: str) -> bool:
    return bool(_IS_LEAD.match(text.strip()))


def lead_source(text: str) -> str:
    """新华社 of '新华社北京6月3日电（记者 …）': who sent the report ('' for 本报, the paper itself)."""
    m = _IS_LEAD.match(text.strip())
    return (m["org"] or "") if m else ""


def split_credit(text: str) -> tuple[str, tuple[str, ...]] | None:
    """'…投产。徐晶玮 摄' → ('…投产。', ('摄影 徐晶玮',)); None when there is no credit."""
    m = _CREDIT.search(text)
    if not m:
        return None
    by = m.group("by")
    people = split_byline(by)            # roles as every byline reads them: 记者 王强 李明
    # every name a person's, or one short word alone (the credit as it always was read)
    if not people or not (all(is_person_name(name) for _, name in people) or len(by.split()) == 1):
        return None
    return text[: m.start()].rstrip(), tuple(f"{role or '摄影'} {name}" for role, name in people)


# "…群众踊跃参加。（袁传仓）" / "(袁传仓 李明)" / "（通讯员 袁传仓）": the writers' names closing the
# last paragraph, as county sites print them
_CLOSING_NAMES = re.compile(r"(?<=[。！？!?”])\s*[（(]\s*(?P<by>[^()（）。，,]{2,40}?)\s*[)）]\s*$")


def split_closing_names(text: str) -> tuple[str, tuple[str, ...]] | None:
    """'…参加。（袁传仓）' → ('…参加。', ('袁传仓',)); None unless every word is a person's name
    (with its role, if any): （完）, （试行）, （2024年） stay text."""
    m = _CLOSING_NAMES.search(text)
    if not m:
        return None
    people = split_byline(m.group("by"))
    if not people or len(people) > 4 or not all(is_person_name(name) for _, name in people):
        return None
    return text[: m.start()].rstrip(), tuple(f"{role} {name}" if role else name for role, name in people)


def split_inline_byline(text: str) -> tuple[str, str, tuple[str, ...]] | None:
    """'全力助企纾困 稳住经济大盘■记者 胡佳英' → (heading, byline text, authors)."""
    for i, ch in enumerate(text):
        if ch in MARKERS and i > 0:
            head, tail = text[:i].rstrip(), text[i:]
            authors = parse_byline(tail)
            if head and authors:
                return head, tail, authors
    return None
