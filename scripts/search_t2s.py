"""Regenerate plugins/govnews/search/t2s.txt: traditional → simplified Chinese, per character.

The search page loads this table only when a query finds nothing literally, and retries the
query simplified (營商環境 → 营商环境). Generated with OpenCC's t2s conversion, one character
at a time (no phrase rules), so the table is a plain character map.

    pip install opencc==1.4.2 && python3 scripts/search_t2s.py
"""

from __future__ import annotations

import os

import opencc

RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
OUT = os.path.join(os.path.dirname(__file__), "..", "plugins", "govnews", "search", "t2s.txt")


def main() -> None:
    convert = opencc.OpenCC("t2s").convert
    pairs = []
    for lo, hi in RANGES:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            simple = convert(ch)
            if len(simple) == 1 and simple != ch:
                pairs.append(ch + simple)
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write("".join(pairs) + "\n")
    print(f"{len(pairs)} characters → {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
