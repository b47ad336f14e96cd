"""Bylines: "□ 记者 何晓丹", "■记者 胡佳英  通讯员 屠东君", "本报讯(记者 黄雅婷)", "徐晶玮 摄".

Each author keeps the role, as editors write it in front matter: "记者 何晓丹".
"""

from __future__ import annotations

import re

ROLES = (
    "特约通讯员", "融媒体记者", "全媒体记者", "特约记者", "见习记者", "实习记者", "首席记者", "本报记者",
    "通讯员", "实习生", "摄影记者", "记者", "摄影", "摄像", "撰稿", "编辑", "文", "图",
)
MARKERS = "□■●◆◇★☆○"
_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff]{1,4}·[\u4e00-\u9fff]{1,6}$")
_SEP = re.compile(r"[\s\u3000、，,/|｜;；]+")
_LEAD = re.compile(r"^本报(?:[\u4e00-\u9fff]{0,8})?讯\s*[（(]\s*(?P<by>[^()（）]{2,60})\s*[)）]")
# "…竣工投产。徐晶玮 摄" — a photographer's credit ending a caption
_CREDIT = re.compile(r"(?:^|(?<=[。！？!?”\s\u3000]))\s*(?P<by>[\u4e00-\u9fff]{2,4}(?:[ \u3000、][\u4e00-\u9fff]{2,4}){0,3})\s*摄$")


def parse_byline(text: str) -> tuple[str, ...] | None:
    """Authors with roles when the whole text is a byline, else None."""
    text = text.strip().strip(MARKERS).strip()
    if text[:1] in "(（" and text[-1:] in ")）":
        text = text[1:-1]
    if not text or len(text) > 80:
        return None
    tokens = [t for t in _SEP.split(text) if t]
    if not tokens:
        return None
    if tokens[-1] == "摄" and all(_NAME.match(t) for t in tokens[:-1]) and len(tokens) > 1:
        return tuple(f"摄影 {t}" for t in tokens[:-1])
    authors: list[str] = []
    role = ""
    for token in tokens:
        token = token.strip(MARKERS)
        if not token:
            continue
        if token in ROLES:
            role = token
            continue
        prefix = next((r for r in ROLES if len(r) > 1 and token.startswith(r) and _NAME.match(token[len(r):])), None)
        if prefix:
            role, token = prefix, token[len(prefix):]
        if not role or not _NAME.match(token):
            return None
        authors.append(f"{normalize_role(role)} {token}")
    return tuple(authors) if authors else None


def normalize_role(role: str) -> str:
    return {"摄": "摄影", "摄影记者": "摄影", "本报记者": "记者"}.get(role, role)


def lead_authors(text: str) -> tuple[str, ...]:
    """Authors named in a 本报讯(记者 …) lead; the lead itself stays in the body."""
    m = _LEAD.match(text.strip())
    if not m:
        return ()
    return parse_byline(m.group("by")) or ()


def is_lead(text: str) -> bool:
    return bool(re.match(r"^本报(?:[\u4e00-\u9fff]{0,8})?讯", text.strip()))


def split_credit(text: str) -> tuple[str, tuple[str, ...]] | None:
    """'…投产。徐晶玮 摄' → ('…投产。', ('摄影 徐晶玮',)); None when there is no credit."""
    m = _CREDIT.search(text)
    if not m:
        return None
    names = [n for n in re.split(r"[ \u3000、]+", m.group("by")) if n]
    return text[: m.start()].rstrip(), tuple(f"摄影 {n}" for n in names)


def split_inline_byline(text: str) -> tuple[str, str, tuple[str, ...]] | None:
    """'全力助企纾困 稳住经济大盘■记者 胡佳英' → (heading, byline text, authors)."""
    for i, ch in enumerate(text):
        if ch in MARKERS and i > 0:
            head, tail = text[:i].rstrip(), text[i:]
            authors = parse_byline(tail)
            if head and authors:
                return head, tail, authors
    return None
