"""Radicals that stand in for characters: Kangxi radicals (⼈ U+2F08) and CJK radical
supplement forms (⺠ U+2EA0) look like 人 and 民 but are other code points. PDFs made by
browsers, WPS and some printers map their glyphs to the radicals, so text copied or extracted
from them reads "⼈⺠政府": search does not find 人民政府, a screen reader stumbles, and
inspectors' checkers flag it. Each radical has an equivalent unified ideograph (Unicode's
EquivalentUnifiedIdeograph property): Kangxi radicals are NFKC-equivalent to theirs; the
supplement's pairs are listed below.
"""

from __future__ import annotations

import unicodedata

# radical, ideograph, radical, ideograph … (CJK Radicals Supplement, U+2E81–U+2EF3)
_SUPPLEMENT = (
    "⺁厂⺂乛⺃乚⺄乙⺅亻⺆冂⺇𠘨⺈刀⺉刂⺊卜⺋㔾⺌小⺍小⺎兀⺏尣⺐尢⺑𡯂⺒巳⺓幺⺔彑⺕𫜹⺖忄⺗心⺘扌"
    "⺙攵⺛旡⺜日⺝月⺞歺⺟母⺠民⺡氵⺢氺⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王⺪𤴔⺫目⺬示⺭礻⺮𥫗⺯糹⺰纟⺱罓"
    "⺲罒⺳㓁⺴冗⺵𦉫⺶羊⺷𦍌⺸𦍋⺹耂⺺肀⺻聿⺼肉⺽𦥑⺾艹⺿艹⻀艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻇𧢲⻈讠⻉贝"
    "⻊𧾷⻋车⻌辶⻍辶⻎辶⻏邑⻐钅⻑長⻒镸⻓长⻔门⻕𨸏⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐"
    "⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟"
)
EQUIVALENT: dict[str, str] = {_SUPPLEMENT[i]: _SUPPLEMENT[i + 1] for i in range(0, len(_SUPPLEMENT), 2)}
EQUIVALENT.update({chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0x2F00, 0x2FD6)})
_TABLE = str.maketrans(EQUIVALENT)


def examples(text: str, most: int = 2) -> list[str]:
    """The first few distinct radicals in the text."""
    return [ch for ch in dict.fromkeys(text) if ch in EQUIVALENT][:most]


def fix(text: str) -> tuple[str, int]:
    """The text with each radical replaced by its ideograph, and how many were replaced."""
    fixed = text.translate(_TABLE)
    if fixed == text:
        return text, 0
    return fixed, sum(1 for a, b in zip(text, fixed) if a != b)
