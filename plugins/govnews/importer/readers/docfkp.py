"""Formatted disk pages of a Word 97–2003 file ([MS-DOC] 2.9.62, 2.9.63): where each run of
characters or paragraphs gets its properties. A PlcBte lists the 512-byte pages; a page lists
its runs (by file offset) and, for each, where its properties lie in the page."""

from __future__ import annotations

import struct
from collections.abc import Iterator

CHARACTERS, PARAGRAPHS = 1, 13      # bytes per run after the offsets: a CHPX's, a BxPap's


def runs(word: bytes, plc: bytes, stride: int) -> Iterator[tuple[int, int, bytes, int]]:
    """(fc start, fc end, the page, where the run's properties start in it; 0 for none)."""
    if len(plc) < 8:
        return
    n = (len(plc) - 4) // 8
    for k in range(n):
        pn = struct.unpack_from("<I", plc, 4 * (n + 1) + 4 * k)[0] & 0x3FFFFF
        page = word[pn * 512:pn * 512 + 512]
        if len(page) < 512:
            continue
        crun = page[511]
        fcs = struct.unpack_from(f"<{crun + 1}I", page, 0)
        for j in range(crun):
            yield fcs[j], fcs[j + 1], page, page[4 * (crun + 1) + stride * j] * 2
