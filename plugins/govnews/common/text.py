"""Small text helpers shared by the site and the importer: slugs, dates, China time."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta, timezone

from pypinyin import lazy_pinyin

# China has had no daylight saving since 1991: a fixed offset keeps output deterministic
# and needs no tz database.
CHINA_TZ = timezone(timedelta(hours=8), "CST")

_NON_SLUG = re.compile(r"[^a-z0-9]+")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(text: str, max_words: int = 8) -> str:
    """ASCII slug from Chinese (pinyin, one word per character) or Latin text."""
    words: list[str] = []
    for part in lazy_pinyin(str(text), errors=lambda chars: chars):
        part = _NON_SLUG.sub("-", part.lower()).strip("-")
        if part:
            words.extend(w for w in part.split("-") if w)
    return "-".join(words[:max_words]) or "item"


def unique_slugs(names: list[str]) -> dict[str, str]:
    """Slug per name, disambiguated deterministically (names sorted) when pinyin collides."""
    result: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(set(names)):
        base = slugify(name)
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        result[name] = slug
    return result


# A line that is a date and nothing else: the date of a notice's sign-off (落款), as the
# importer reads it and as the site sets it (signoff.py). 2024年5月29日 (full-width digits
# too), 二〇二四年五月二十九日, 2024-05-29, with or without its weekday, （星期三） or 周三.
DATELINE = re.compile(r"^(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|"
                      r"[〇○零O０一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3}\s*日|"
                      r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2})"
                      r"(?:\s*[（(]?\s*(?:星期|周)[一二三四五六日天]\s*[)）]?)?$")

# 2024年5月29日, and 2024/5/29 or 2024.5.29 as editors type them (year first: unambiguous)
# (2024-05-29 9:30, an hour without its zero, too)
_CN_DATE = re.compile(r"^\s*(\d{4})(?:年(\d{1,2})月(\d{1,2})日|[/.](\d{1,2})[/.](\d{1,2})|-(\d{1,2})-(\d{1,2}))"
                      r"\s*(?:(\d{1,2})[:：](\d{2}))?\s*$")
_COMPACT_DATE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")            # 20240529
_MONTH_ONLY = re.compile(r"^\s*(\d{4})(?:年(\d{1,2})月|[-/.](\d{1,2}))\s*$")   # 2024年5月, 2024-05


def parse_date(value: object) -> datetime:
    """A front-matter date (date, datetime, ISO string, or 2024年5月29日) as China time.

    Raises ValueError with a Chinese message for anything else.
    """
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        dt = datetime.combine(value, time())
    elif isinstance(value, int) and not isinstance(value, bool) and _COMPACT_DATE.match(str(value)):
        try:   # date: 20240529 (YAML reads a number)
            dt = datetime.strptime(str(value), "%Y%m%d")
        except ValueError:
            raise ValueError(f"日期不合法「{value}」{_date_hint(str(value))}") from None
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        m = _CN_DATE.match(unicodedata.normalize("NFKC", text))     # ２０２４－０５－２９ typed in full width
        try:
            if m:
                y, *md, hh, mm = m.groups()
                mo, d = [v for v in md if v is not None]
                dt = datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0))
            else:
                dt = datetime.fromisoformat(unicodedata.normalize("NFKC", text))
        except ValueError:
            raise ValueError(f"日期不合法「{text}」{_date_hint(text)}") from None
    else:
        raise ValueError(f"日期不合法「{value}」{_date_hint(str(value))}")
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=CHINA_TZ)
    return dt.astimezone(CHINA_TZ)


PARTIAL_DATE = "要写到哪一天，如 2024-05-29"   # a year or a month is not a date for updated/written/expired

# How much of a publication date the source gives. `date: 2023` and `date: 2024-10` (2023年,
# 2024年10月) are honest partial dates: the page shows exactly that, never a placeholder day.
DAY, MONTH, YEAR = "day", "month", "year"
PRECISIONS = (DAY, MONTH, YEAR)
_YEAR_ONLY = re.compile(r"^\s*(\d{4})\s*(?:年)?\s*$")                          # 2023, 2023年
_YEAR_MONTH = re.compile(r"^\s*(\d{4})\s*(?:年\s*(\d{1,2})\s*月|-(\d{1,2}))\s*$")   # 2024-10, 2024年10月


def parse_pub_date(value: object) -> tuple[datetime, str]:
    """A publication date and its precision (DAY, MONTH or YEAR).

    A partial date is held as the first instant of its period in China time (2023 →
    2023-01-01 00:00, 2024-10 → 2024-10-01 00:00): lists sort it below every article of the
    same period with a known day, and nothing is made to look newer than the source says.
    That instant is for ordering only; every reader-facing form uses format_cn_date and
    iso_date with the precision. Raises ValueError (Chinese) for anything else.
    """
    if isinstance(value, int) and not isinstance(value, bool) and len(str(value)) == 4:
        value = str(value)       # date: 2023 (YAML reads a number)
    if isinstance(value, str):
        plain = unicodedata.normalize("NFKC", value)
        m = _YEAR_ONLY.match(plain)
        if m:
            return datetime(int(m.group(1)), 1, 1, tzinfo=CHINA_TZ), YEAR
        m = _YEAR_MONTH.match(plain)
        if m:
            month = int(m.group(2) or m.group(3))
            if not 1 <= month <= 12:
                y = m.group(1)
                raise ValueError(f"日期不合法「{value.strip()}」（没有{month}月，月份应为 1 到 12，"
                                 f"如 {y}-01；原文只写到年份时写「{y}」）")
            return datetime(int(m.group(1)), month, 1, tzinfo=CHINA_TZ), MONTH
        m = _MONTH_ONLY.match(plain)    # 2024/5, 2024.5: say the form that is read as a month
        if m and 1 <= int(m.group(3) or 0) <= 12:
            raise ValueError(f"日期不合法「{value.strip()}」（是否应为「{m.group(1)}-{int(m.group(3)):02d}」？"
                             f"原文只写到月时写 {m.group(1)}-{int(m.group(3)):02d} 或 {m.group(1)}年{int(m.group(3))}月）")
    return parse_date(value), DAY


def precision_rank(precision: str) -> int:
    """0 for a full date, 1 for a month, 2 for a year: the finer sorts first at one instant."""
    return PRECISIONS.index(precision) if precision in PRECISIONS else 0


def _date_hint(text: str) -> str:
    """What to write instead, in parentheses: the date meant when it is clear, else the form."""
    plain = unicodedata.normalize("NFKC", text)
    m = _COMPACT_DATE.match(plain)
    if m:
        return _day_hint(*map(int, m.groups())) or "（应为 2024-05-29 这样的日期）"
    if re.fullmatch(r"\s*\d{4}(?:年)?\s*", plain):
        return f"（缺少月、日，{PARTIAL_DATE}）"
    m = _MONTH_ONLY.match(plain)
    if m and 1 <= int(m.group(2) or m.group(3)) <= 12:
        return f"（缺少日，{PARTIAL_DATE}）"
    m = _CN_DATE.match(plain)
    if m:
        y, *md, hh, mm = m.groups()
        mo, d = [int(v) for v in md if v is not None]
        return _day_hint(int(y), mo, d) or f"（时间「{hh}:{mm}」不合法，应为 00:00 到 23:59）"
    return "（应为 2024-05-29 或 2024-05-29 10:30 这样的日期）"


def _day_hint(y: int, mo: int, d: int) -> str:
    """Why year-month-day is no date ('' when it is one)."""
    if not 1 <= mo <= 12:
        return f"（没有{mo}月）"
    try:
        date(y, mo, d)
    except ValueError:
        return f"（{y}年{mo}月没有{d}日）"
    return ""


def format_cn_date(dt: datetime, precision: str = DAY) -> str:
    """2024年5月29日; with a partial date's precision 2024年10月 or 2023年, never a placeholder day."""
    if precision == YEAR:
        return f"{dt.year}年"
    if precision == MONTH:
        return f"{dt.year}年{dt.month}月"
    return f"{dt.year}年{dt.month}月{dt.day}日"


def iso_date(dt: datetime, precision: str = DAY) -> str:
    """ISO 8601 / W3C Datetime with the precision known: 2023, 2024-10, or the full date and time
    (JSON-LD datePublished, <time datetime>, sitemap <lastmod>, Dublin Core dc:date all allow these)."""
    if precision == YEAR:
        return f"{dt.year:04d}"
    if precision == MONTH:
        return f"{dt.year:04d}-{dt.month:02d}"
    return dt.isoformat()


# the short note beside a partial date on pages: the original does not say more
PARTIAL_NOTE = {YEAR: "原文未注明月日", MONTH: "原文未注明日"}


def first_sentences(text: str, limit: int = 120) -> str:
    """Plain-text excerpt of Markdown: strip markup, cut at a sentence end near `limit`."""
    plain = re.sub(r"^#+\s.*$", "", text, flags=re.M)  # headings are not prose
    plain = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", plain)
    plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", plain)
    plain = re.sub(r"<[^>]+>|[*_`>|#]", "", plain)
    plain = re.sub(r"\s+", "", plain) if _mostly_cjk(plain) else re.sub(r"\s+", " ", plain).strip()
    if len(plain) <= limit:
        return plain
    cut = plain[:limit]
    end = max(cut.rfind(p) for p in "。！？；")
    return cut[: end + 1] if end >= limit // 3 else cut + "…"


def _mostly_cjk(text: str) -> bool:
    sample = text[:400]
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    return cjk * 2 > len(sample.strip() or "x")


# C0 controls but tab, newline and carriage return; DEL; the two non-characters XML forbids.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_CONTROL_NAMES = {0x00: "NUL", 0x08: "退格 BS", 0x0B: "垂直制表 VT", 0x0C: "换页 FF", 0x1B: "ESC", 0x7F: "DEL"}


def control_chars(text: str, most: int = 5) -> list[tuple[int, str]]:
    """(1-based line, name) of the first few control characters in a text."""
    if not _CONTROLS.search(text):
        return []
    found: list[tuple[int, str]] = []
    for m in _CONTROLS.finditer(text):
        code = ord(m.group())
        name = f"U+{code:04X}" + (f"（{_CONTROL_NAMES[code]}）" if code in _CONTROL_NAMES else "")
        found.append((text.count("\n", 0, m.start()) + 1, name))
        if len(found) >= most:
            break
    return found


def strip_controls(text: str) -> str:
    return _CONTROLS.sub("", text)
