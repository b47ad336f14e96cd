"""Search terms for Chinese: overlapping character bigrams, the same at index and query time.

Pagefind's extended binary segments Chinese with jieba when indexing, while the browser
segments queries with ICU (Intl.Segmenter); the two disagree (营商环境 → 营商环境 vs
营|商|环境), so most multi-character queries miss (Pagefind issues #1237, #987). govnews
therefore segments both sides itself, with a rule simple enough to mirror exactly in
JavaScript (assets/search.js): every run of Han characters becomes its overlapping bigrams
plus its last character (湖塘镇 → 湖塘 塘镇 镇), other words stay whole (PM2.5, 2024),
punctuation becomes separate words. The index is built with a language Pagefind does not
segment ("und"), so it keeps these words as they are, and every substring of two or more
characters of a Han run is found by the AND of its bigrams.

The encoded text is also the text shown in results: `decode` (and its JavaScript twin)
turns it back into readable text for excerpts and for checking each hit contains the
query literally.
"""

from __future__ import annotations

import re

LANGUAGE = "und"       # a language code Pagefind neither segments nor stems
BREAK = "¶"            # encodes a line break between runs (¶ never survives `fold`)
SECTION = "¶¶"         # ends the heading and the byline section of a record
EVERY = "govnewsall"   # a word in every record: filter-only searches look it up

HAN = _HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# letters and digits other than Han (ASCII, accented Latin, Greek …), with inner . - _
_WORD = r"[^\W_" + _HAN + r"]+(?:[.\-_][^\W_" + _HAN + r"]+)*"
_TOKEN = re.compile(rf"(?P<han>[{_HAN}]+)|(?P<word>{_WORD})|(?P<space>\s+)|(?P<sep>[^\s{_HAN}]+?)(?=[{_HAN}\s]|{_WORD}|$)")
# full-width letters and digits (ＰＭ２．５) are folded to ASCII; full-width punctuation stays
_FOLD = {cp: cp - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
         for cp in range(r[0], r[1] + 1)}
_FOLD[0xFF0E] = ord(".")   # full-width point, a decimal point in ２．５
_FOLD[ord(BREAK)] = None
_SPACE = re.compile(r"\s+")
_QUERY_WORDS = re.compile(rf"[{_HAN}]+|{_WORD}")
_IS_HAN = re.compile(rf"[{_HAN}]")
_ITEM = re.compile(rf"([^{_HAN}\w]*)([{_HAN}]{{1,2}}|{_WORD})?(.*)", re.S)


def fold(text: str) -> str:
    return text.translate(_FOLD)


def encode(text: str) -> str:
    """Readable text → the word sequence Pagefind indexes (space separated)."""
    out: list[str] = []
    for m in _TOKEN.finditer(fold(text)):
        kind = m.lastgroup
        value = m.group()
        if kind == "han":
            if len(value) == 1:
                out.append(value)
            else:
                out.extend(a + b for a, b in zip(value, value[1:]))
                out.append(value[-1])
        elif kind == "space":
            if "\n" in value and out and out[-1] != BREAK:
                out.append(BREAK)
        else:
            out.append(value)
    while out and out[-1] == BREAK:
        out.pop()
    return " ".join(out)


def decode(encoded: str) -> list[str]:
    """The inverse of `encode`, up to whitespace, split into sections (mirrored in search.js)."""
    sections: list[str] = []
    out: list[str] = []
    in_run = False
    prev_word = False
    for item in encoded.split():
        if item == SECTION:
            sections.append("".join(out).strip())
            out = []
            in_run = prev_word = False
            continue
        if item == EVERY:
            continue
        if item == BREAK:
            out.append(" ")
            in_run = prev_word = False
            continue
        m = _ITEM.fullmatch(item)
        lead, core, tail = m.group(1), m.group(2) or "", m.group(3)
        if lead:
            out.append(lead)
            in_run = prev_word = False
        if core:
            if _IS_HAN.match(core):
                if len(core) == 2:
                    out.append(core[1] if in_run else core)
                    in_run = True
                elif in_run:
                    in_run = False      # the run's closing single character
                else:
                    out.append(core)
                prev_word = False
            else:
                if prev_word:
                    out.append(" ")
                out.append(core)
                in_run, prev_word = False, True
        if tail:
            # Pagefind appends "." where a block ends: show it as a space
            out.append(" " if tail == "." else tail)
            in_run = prev_word = False
    sections.append("".join(out).strip())
    return sections


def query_words(query: str) -> list[str]:
    """The words a query asks for: Han runs and other words; punctuation and spaces split."""
    return _QUERY_WORDS.findall(fold(query).lower())


def query_terms(query: str) -> list[str]:
    """The Pagefind query for a user query: bigrams of each Han run (a lone character stays)."""
    terms: list[str] = []
    for word in query_words(query):
        if len(word) > 1 and _IS_HAN.match(word):
            parts = [a + b for a, b in zip(word, word[1:])]
        else:
            parts = [word]
        for p in parts:
            if p not in terms:
                terms.append(p)
    return terms


def normalize(text: str) -> str:
    """Text as compared for relevance: folded, lower case, without whitespace."""
    return _SPACE.sub("", fold(text).lower())


def contains_all(text: str, query: str) -> bool:
    """Mechanical relevance: the text contains every word of the query."""
    hay = normalize(text)
    words = query_words(query)
    return bool(words) and all(w in hay for w in words)
