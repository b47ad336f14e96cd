"""Byline roles and the one byline parser, shared by the catalog (front matter `author:`)
and the importer (byline lines of clippings).

"记者 何晓丹、通讯员 屠东君", "■记者 胡佳英  通讯员 屠东君", "融媒体记者 张小明", "徐晶玮 摄":
a role word applies to the names after it; a trailing 摄 credits the names before it.
"""

from __future__ import annotations

import re

# Longest first, so "特约通讯员" is found before "通讯员" when a role is glued to a name.
ROLES = tuple(sorted({
    "记者", "本报记者", "融媒体记者", "融媒记者", "全媒体记者", "首席记者", "特约记者", "见习记者", "实习记者",
    "摄影记者", "通讯员", "特约通讯员", "实习生", "摄影", "摄", "摄像", "撰稿", "编辑", "责任编辑", "责编",
    "校对", "审核", "供稿", "文", "图",
}, key=lambda r: (-len(r), r)))
_ROLE_SET = frozenset(ROLES)
# the role an author page and a byline print for these spellings
_CANONICAL = {"摄": "摄影", "摄影记者": "摄影", "本报记者": "记者", "责编": "责任编辑"}
MARKERS = "□■●◆◇★☆○"
NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff]{1,4}·[\u4e00-\u9fff]{1,6}$")
_SEP = re.compile(r"[\s\u3000、，,/|｜;；]+")
_STRIP = MARKERS + "()（）"


def normalize_role(role: str) -> str:
    return _CANONICAL.get(role, role)


def is_role(token: str) -> bool:
    return token in _ROLE_SET


def split_byline(text: str) -> list[tuple[str, str]]:
    """Every (role, name) in a byline, roles as written ('' when none applies).

    Lenient: any token that is not a role is a name. "记者何晓丹" (a role glued to a
    Chinese name) is split; single-character roles (文, 图, 摄) are split only when standalone.
    """
    tokens = [t.strip(_STRIP) for t in _SEP.split(text.strip())]
    tokens = [t for t in tokens if t]
    if len(tokens) > 1 and tokens[-1] == "摄" and not any(is_role(t) for t in tokens[:-1]):
        return [("摄", t) for t in tokens[:-1]]   # "徐晶玮 摄": a photo credit
    found: list[tuple[str, str]] = []
    role = ""
    for token in tokens:
        if is_role(token):
            role = token
            continue
        prefix = next((r for r in ROLES if len(r) > 1 and token.startswith(r) and NAME.match(token[len(r):])), None)
        if prefix:
            role, token = prefix, token[len(prefix):]
        found.append((role, token))
    return found


def parse_byline(text: str) -> tuple[str, ...] | None:
    """Strict form for the importer: "role name" strings when the whole text is a byline
    (every name a plausible Chinese name with a role), else None."""
    text = text.strip().strip(MARKERS).strip()
    if text[:1] in "(（" and text[-1:] in ")）":
        text = text[1:-1]
    if not text or len(text) > 80:
        return None
    pairs = split_byline(text)
    if not pairs or any(not role or not NAME.match(name) for role, name in pairs):
        return None
    return tuple(f"{normalize_role(role)} {name}" for role, name in pairs)
