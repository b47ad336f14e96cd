"""Word's automatic numbering: the 一、 （一） 1. ① a reader of the document saw.

python-docx gives a paragraph's text without the number Word draws in front of it, so an
explainer's section headings (一、出台背景) and a notice's items (1. 2. 3.) lost their numbers.
Here the numbers are counted as Word counts them: per list (abstract numbering), a deeper
level restarting when a higher one advances, `%1、` / `（%2）` / `%1.%2` as the level's
lvlText says, in the level's number format. Bullets are not text and stay out.
"""

from __future__ import annotations

_CN = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _chinese(n: int, digits: str = _CN, ten: str = "十") -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百〇五, 110 → 一百一十 (as Word counts)."""
    if not 0 <= n < 1000:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return (digits[tens] if tens > 1 else "") + ten + (digits[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    if rest == 0:
        return digits[hundreds] + "百"
    if rest < 10:
        return digits[hundreds] + "百" + digits[0] + digits[rest]
    tens, ones = divmod(rest, 10)
    return digits[hundreds] + "百" + digits[tens] + ten + (digits[ones] if ones else "")


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def format_number(n: int, fmt: str) -> str:
    """One level's number in Word's numFmt (unknown formats as plain digits)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "ideographLegalTraditional"):
        return _chinese(n) if n > 0 else _CN[0]
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _CN_LEGAL, "拾")
    if fmt in ("ideographDigital", "japaneseDigitalTenThousand", "taiwaneseDigital"):
        return "".join(_CN[int(d)] for d in str(n))
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return _HEAVENLY[n - 1]
    if fmt == "ideographZodiac" and 1 <= n <= 12:
        return _ZODIAC[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return _PAREN[n - 1]
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter"):
        return _letters(n) if fmt == "upperLetter" else _letters(n).lower()
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    return str(n)


class Numbering:
    """Counts a document's numbered paragraphs in order: `label(paragraph)` once per paragraph."""

    def __init__(self, document):
        from docx.oxml.ns import qn

        self._qn = qn
        self._levels: dict[str, dict[int, tuple[str, str, int, str]]] = {}   # numId → ilvl → (fmt, text, start, suff)
        self._list_of: dict[str, str] = {}          # numId → abstractNumId: one count per list
        self._restart: dict[str, set[int]] = {}     # numId → levels whose start it overrides
        self._counts: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        try:
            self._read(root)
        except (ValueError, TypeError):          # a damaged numbering part: the text without numbers
            self._levels.clear()

    def _read(self, root) -> None:
        qn = self._qn
        abstracts = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
        for num in root.findall(qn("w:num")):
            num_id, ref = num.get(qn("w:numId")), num.find(qn("w:abstractNumId"))
            abstract = abstracts.get(ref.get(qn("w:val"))) if ref is not None else None
            if abstract is None:
                continue
            levels = {int(lvl.get(qn("w:ilvl"), "0")): self._level(lvl) for lvl in abstract.findall(qn("w:lvl"))}
            restart = set()
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = int(override.get(qn("w:ilvl"), "0"))
                start = override.find(qn("w:startOverride"))
                if start is not None and ilvl in levels:
                    fmt, text, _, suff = levels[ilvl]
                    levels[ilvl] = (fmt, text, int(start.get(qn("w:val"), "1")), suff)
                    restart.add(ilvl)
                own = override.find(qn("w:lvl"))
                if own is not None:
                    levels[ilvl] = self._level(own)
            self._levels[num_id] = levels
            self._list_of[num_id] = ref.get(qn("w:val"))
            self._restart[num_id] = restart

    def _level(self, lvl) -> tuple[str, str, int, str]:
        def val(tag: str, default: str) -> str:
            el = lvl.find(self._qn(tag))
            return el.get(self._qn("w:val"), default) if el is not None else default

        return val("w:numFmt", "decimal"), val("w:lvlText", ""), int(val("w:start", "1") or 1), val("w:suff", "tab")

    def _num_pr(self, paragraph) -> tuple[str, int] | None:
        """(numId, ilvl) of the paragraph, or of its style (a numbered heading style)."""
        qn = self._qn
        elements = [paragraph._p]
        style = paragraph.style
        while style is not None:                 # the style chain: Heading 2 → Heading 1 → Normal
            elements.append(style.element)
            style = style.base_style
        num_id = ilvl = None
        for el in elements:
            ppr = el.find(qn("w:pPr"))
            num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
            if num_pr is None:
                continue
            id_el, lvl_el = num_pr.find(qn("w:numId")), num_pr.find(qn("w:ilvl"))
            if num_id is None and id_el is not None:
                num_id = id_el.get(qn("w:val"))
            if ilvl is None and lvl_el is not None:
                ilvl = int(lvl_el.get(qn("w:val"), "0"))
        if num_id is None or num_id == "0":
            return None
        return num_id, ilvl or 0

    def label(self, paragraph) -> str:
        """The number Word shows before the paragraph ('一、', '（二）', '1.2'), '' for none."""
        if not self._levels:
            return ""
        try:
            found = self._num_pr(paragraph)
        except ValueError:                       # ilvl="x": a damaged paragraph, shown unnumbered
            return ""
        if found is None or found[0] not in self._levels:
            return ""
        num_id, ilvl = found
        levels = self._levels[num_id]
        if ilvl not in levels:
            return ""
        key = self._list_of[num_id]
        counts = self._counts.setdefault(key, {})
        for level in self._restart[num_id]:     # a list that starts again: its first paragraph resets it
            counts.pop(level, None)
        self._restart[num_id] = set()
        fmt, text, start, suff = levels[ilvl]
        counts[ilvl] = counts.get(ilvl, start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        if fmt in ("bullet", "none") or not text:
            return ""
        for k in range(9, 0, -1):
            if f"%{k}" in text:
                lvl_fmt, _, lvl_start, _ = levels.get(k - 1, ("decimal", "", 1, "tab"))
                text = text.replace(f"%{k}", format_number(counts.get(k - 1, lvl_start), lvl_fmt))
        text = text.strip()
        if text and suff != "nothing" and text[-1] not in "、.．)）:：":
            text += " "
        return text
