"""Article dates. Only a dateline (落款) is exact; everything else is an inference that is
written with a YAML comment and reported, never silently.

Page level: a dateline anywhere on the page dates the page; otherwise the latest
"M月D日" in the articles' leads, plus one day when the page says 昨天 (a daily paper
reports yesterday's events). The year comes from --year or the years the page mentions.

A partial date when that is all the source gives: a 落款 of a year and month (2024年10月) is
`date: 2024-10`, of a year (2023年) `date: 2023`; a page with no day at all imported with
--year 2023 is `date: 2023`, inferred (date_confirmed: false). The years a page merely
mentions are no publication year (a plan's 2025年 is often the most frequent): such a page
stays undated for the editor. Never a placeholder day.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

from govnews.importer.model import DateGuess, Draft

_FULL = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_MONTH_DAY = re.compile(r"(?<![\d年—\-至到~])(\d{1,2})月(\d{1,2})日")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_YESTERDAY = re.compile(r"昨天|昨日")
# a 落款 that gives only a month or a year: 2024年10月, 2023年
_MONTH_LINE = re.compile(r"\s*((?:19|20)\d{2})\s*年\s*(?:(\d{1,2})\s*月)?\s*")
LEAD_CHARS = 80
# dates as web pages print them: 2021-11-30 17:20, 2016-7-25, 2022/09/21, 2021.11.30, 2021年11月30日
_NUMERIC = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?!\d)|"
                      r"年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号])")
# 落款 in Chinese numerals: 二〇二四年五月二十九日
_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "o": 0, "０": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_DATE = re.compile(r"([〇○零Oo０一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*"
                      r"([一二三四五六七八九十]{1,3})\s*日")


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _cn_number(text: str) -> int:
    """十 → 10, 二十九 → 29, 三十一 → 31, 九 → 9."""
    if "十" not in text:
        return _CN_DIGITS.get(text, 0)
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


# full-width digits and separators (２０２４／５／６, OCR and Word text) read as ASCII; same length
_HALF = str.maketrans("０１２３４５６７８９－／．", "0123456789-/.")


def find_date(text: str) -> tuple[date, str] | None:
    """The first full date in a text, in any common written form, with the text matched."""
    for m in _NUMERIC.finditer(text.translate(_HALF)):
        y = int(m.group(1))
        mo, dd = (m.group(2), m.group(3)) if m.group(2) else (m.group(4), m.group(5))
        value = _safe_date(y, int(mo), int(dd))
        if value:
            return value, text[m.start():m.end()]
    m = _CN_DATE.search(text)
    if m:
        y = int("".join(str(_CN_DIGITS[c]) for c in m.group(1)))
        value = _safe_date(y, _cn_number(m.group(2)), _cn_number(m.group(3)))
        if value and 1900 < y < 2100:
            return value, m.group(0)
    return None


# dates in the addresses of CMS pages: /art/2023/11/20/art_1_2.html (Hanweb),
# /202405/t20240506_123.html (TRS), /content/2019-04/18/content_1.htm (gov.cn, e-paper issues),
# /20240506/… — the day the page was published, as good as a dateline once an editor confirms it
_URL_DATES = (
    re.compile(r"/t((?:19|20)\d{2})(\d{2})(\d{2})_\d+"),
    re.compile(r"/((?:19|20)\d{2})[-/](\d{1,2})/(\d{1,2})/"),
    re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})/"),
)


def url_date(address: str, today: date) -> tuple[date, str] | None:
    """The publication date an article's address carries, with the part that says it."""
    address = address.replace("\\", "/")
    for pattern in _URL_DATES:
        for m in pattern.finditer(address):
            value = _safe_date(*map(int, m.groups()))
            if value and date(1990, 1, 1) <= value <= today:
                return value, m.group(0).strip("/")
    return None


def dateline_of(d: Draft) -> date | None:
    for block in d.body:
        if block.kind in ("signature", "dateline"):
            text = block.lines[-1] if block.lines else block.text
            found = find_date(text)
            if found:
                return found[0]
    return None


def partial_dateline_of(d: Draft) -> tuple[date, str] | None:
    """A 落款 that gives only a year and a month (2024年10月) or a year (2023年), as one of the
    article's last two blocks: (first day of the period, "month" or "year")."""
    for block in d.body[-2:]:
        text = (block.lines[-1] if block.lines else block.text).translate(_HALF)
        m = _MONTH_LINE.fullmatch(text)
        if m and m.group(2) is None:
            return date(int(m.group(1)), 1, 1), "year"
        if m and 1 <= int(m.group(2)) <= 12:
            return date(int(m.group(1)), int(m.group(2)), 1), "month"
    return None


def _lead(d: Draft) -> str:
    first = next((b.text for b in d.body if b.kind == "body"), "")
    return first[:LEAD_CHARS]


def page_year(drafts: list[Draft], today: date, hints: list[str] = ()) -> tuple[int | None, str]:
    years = Counter()
    texts = [b.text for d in drafts for b in d.all_blocks()] + [h for h in hints if h]
    for text in texts:
        for m in _YEAR.finditer(text):
            y = int(m.group(1))
            if 1990 <= y <= today.year:
                years[y] += 1
    if not years:
        return None, ""
    best = max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]
    return best, f"年份据文中出现最多的“{best}年”推断"


def assign_dates(drafts: list[Draft], year: int | None, today: date, stated: DateGuess | None = None,
                 hints: list[str] = (), addresses: list[str] = ()) -> None:
    """Fill Draft.date for every article of one page. `stated`: the date a web page gives
    for its article (PubDate, 发布日期); `hints`: other page text that may name the year;
    `addresses`: where the page was (its URL, the file's path), which may hold its date."""
    if stated is not None:
        for d in drafts:
            d.date = stated
            if not stated.exact:
                d.warnings.append(f"日期为推断：{stated.note}")
        return
    given_year = year   # --year: the editor's word (the years a page mentions are no publication year)
    own = {id(d): dateline_of(d) for d in drafts}
    page: DateGuess | None = None
    signed = [v for v in own.values() if v]
    if signed:
        value = max(signed)
        page = DateGuess(value, False, f"原文未注明，据同版落款日期“{value.year}年{value.month}月{value.day}日”推断")
    elif (found := next(filter(None, (url_date(a, today) for a in addresses if a)), None)) is not None:
        page = DateGuess(found[0], False, f"原文未注明，据网址中的“{found[1]}”推断")
        source = -1            # every article on the page: the address dates the page itself
    else:
        if year:
            year_note = f"年份据 --year {year}"
        else:
            year, year_note = page_year(drafts, today, hints)
        events: list[tuple[date, str, int]] = []       # (date, as written, which article)
        for k, d in enumerate(drafts):
            lead = _lead(d)
            m = _FULL.search(lead)
            if m and _safe_date(*map(int, m.groups())):
                events.append((_safe_date(*map(int, m.groups())), m.group(0), k))
                continue
            m = _MONTH_DAY.search(lead)
            if m and year and _safe_date(year, int(m.group(1)), int(m.group(2))):
                events.append((_safe_date(year, int(m.group(1)), int(m.group(2))), m.group(0), k))
        if events:
            value, quoted, source = max(events)
            hint = f"“{quoted}”"
            if any(_YESTERDAY.search(b.text) for d in drafts for b in d.body):
                value += timedelta(days=1)
                hint += "“昨天”"
            note = f"原文未注明，据{hint}推断"
            if year_note and not _FULL.fullmatch(quoted):
                note += f"，{year_note}"
            page = DateGuess(value, False, note)
    if page is None and given_year:   # no day anywhere: the year the editor gave (--year), no more
        page = DateGuess(date(given_year, 1, 1), False, f"原文未注明日期，年份据 --year {given_year}，只写到年", "year")
        source = -1
    for k, d in enumerate(drafts):
        partial = partial_dateline_of(d) if not own[id(d)] else None
        if own[id(d)]:
            d.date = DateGuess(own[id(d)], True, "落款日期")
        elif partial is not None:
            value, precision = partial
            said = f"{value.year}年{value.month}月" if precision == "month" else f"{value.year}年"
            unit = "月" if precision == "month" else "年"
            d.date = DateGuess(value, True, f"落款只写到{unit}（{said}）", precision)
            d.warnings.append(f"日期只写到{unit}：落款“{said}”，写作 date: {d.date.text}（页面如实显示，不补日）")
        elif page is not None:
            note = page.note
            if not signed and source >= 0 and k != source:   # the page's date comes from another article on it
                note = note.replace("原文未注明，据", "原文未注明，据同版文章的", 1)
            d.date = DateGuess(page.value, False, note, page.precision)
            if page.precision == "year":
                d.warnings.append(f"日期只写到年（date: {d.date.text}，为推断）：{note}")
            else:
                d.warnings.append(f"日期为推断：{note}")
        else:
            d.date = DateGuess(None, False, "原文未注明日期，请编辑确定")
            d.warnings.append("原文无日期，未填写 date（请编辑确定）")
