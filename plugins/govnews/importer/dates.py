"""Article dates. Only a dateline (落款) is exact; everything else is an inference that is
written with a YAML comment and reported, never silently.

Page level: a dateline anywhere on the page dates the page; otherwise the latest
"M月D日" in the articles' leads, plus one day when the page says 昨天 (a daily paper
reports yesterday's events). The year comes from --year or the years the page mentions.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

from .model import DateGuess, Draft

_FULL = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_MONTH_DAY = re.compile(r"(?<![\d年—\-至到~])(\d{1,2})月(\d{1,2})日")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_YESTERDAY = re.compile(r"昨天|昨日")
LEAD_CHARS = 80


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def dateline_of(d: Draft) -> date | None:
    for block in d.body:
        if block.kind in ("signature", "dateline"):
            text = block.lines[-1] if block.lines else block.text
            m = _FULL.search(text)
            if m:
                return _safe_date(*map(int, m.groups()))
    return None


def _lead(d: Draft) -> str:
    first = next((b.text for b in d.body if b.kind == "body"), "")
    return first[:LEAD_CHARS]


def page_year(drafts: list[Draft], today: date) -> tuple[int | None, str]:
    years = Counter()
    for d in drafts:
        for b in d.all_blocks():
            for m in _YEAR.finditer(b.text):
                y = int(m.group(1))
                if 1990 <= y <= today.year:
                    years[y] += 1
    if not years:
        return None, ""
    best = max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]
    return best, f"年份据文中出现最多的“{best}年”推断"


def assign_dates(drafts: list[Draft], year: int | None, today: date) -> None:
    """Fill Draft.date for every article of one page."""
    own = {id(d): dateline_of(d) for d in drafts}
    page: DateGuess | None = None
    signed = [v for v in own.values() if v]
    if signed:
        value = max(signed)
        page = DateGuess(value, False, f"原文未注明，据同版落款日期“{value.year}年{value.month}月{value.day}日”推断")
    else:
        if year:
            year_note = f"年份据 --year {year}"
        else:
            year, year_note = page_year(drafts, today)
        events: list[tuple[date, str]] = []
        for d in drafts:
            lead = _lead(d)
            m = _FULL.search(lead)
            if m and _safe_date(*map(int, m.groups())):
                events.append((_safe_date(*map(int, m.groups())), m.group(0)))
                continue
            m = _MONTH_DAY.search(lead)
            if m and year and _safe_date(year, int(m.group(1)), int(m.group(2))):
                events.append((_safe_date(year, int(m.group(1)), int(m.group(2))), m.group(0)))
        if events:
            value, quoted = max(events)
            hint = f"“{quoted}”"
            if any(_YESTERDAY.search(b.text) for d in drafts for b in d.body):
                value += timedelta(days=1)
                hint += "“昨天”"
            note = f"原文未注明，据{hint}推断"
            if year_note and not _FULL.fullmatch(quoted):
                note += f"，{year_note}"
            page = DateGuess(value, False, note)
    for d in drafts:
        if own[id(d)]:
            d.date = DateGuess(own[id(d)], True, "落款日期")
        elif page is not None:
            d.date = DateGuess(page.value, False, page.note)
            d.warnings.append(f"日期为推断：{page.note}")
        else:
            d.date = DateGuess(None, False, "原文未注明日期，请编辑确定")
            d.warnings.append("原文无日期，未填写 date（请编辑确定）")
