"""The import report: a table per article, removed boilerplate, warnings; widths measured in
terminal columns so Chinese text lines up."""

from __future__ import annotations

import unicodedata


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def cut(text: str, limit: int) -> str:
    out, w = "", 0
    for ch in text:
        cw = width(ch)
        if w + cw > limit - 1 and width(text) > limit:
            return out + "…"
        out, w = out + ch, w + cw
    return out


def table(headers: list[str], rows: list[list[str]], limits: list[int]) -> str:
    cells = [[cut(c, lim) for c, lim in zip(row, limits)] for row in rows]
    widths = [max([width(h)] + [width(r[i]) for r in cells]) for i, h in enumerate(headers)]

    def fmt(row: list[str]) -> str:
        return "  ".join(c + " " * (w - width(c)) for c, w in zip(row, widths)).rstrip()

    lines = [fmt(headers), "  ".join("-" * w for w in widths)]
    lines += [fmt(r) for r in cells]
    return "\n".join(lines)
