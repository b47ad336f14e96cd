"""Pictures of Word 97–2003 documents ([MS-DOC] and its OfficeArt drawings, [MS-ODRAW]).

A picture in the text (\\x01) is found through the character's properties (sprmCPicLocation):
a PICF in the Data stream followed by the picture's BLIP. A floating picture (\\x08) is a shape:
its id (PlcSpaMom) leads to its properties in the drawing (DggInfo), whose `pib` names an
entry of the picture store; the entry holds the BLIP or says where it lies in the WordDocument
stream. JPEG and PNG are kept as they are and a DIB becomes a .bmp; metafiles (EMF, WMF, PICT)
and TIFF are not pictures a browser shows, so they are left for the editor.
"""

from __future__ import annotations

import bisect
import struct

from govnews.importer.readers import docfkp

_PIC_LOCATION, _DATA, _OLE2 = 0x6A03, 0x0806, 0x080A     # character sprms
_SP_CONTAINER, _FBSE, _FSP, _FOPT = 0xF004, 0xF007, 0xF00A, 0xF00B
_DGG_CONTAINER, _BSTORE, _DG_CONTAINER = 0xF000, 0xF001, 0xF002
_PIB, _DESCRIPTION = 0x0104, 0x0381       # shape properties: the picture's store entry, its alt text
_BITMAPS = {0xF01D: ".jpg", 0xF02A: ".jpg", 0xF01E: ".png", 0xF01F: ".bmp"}


def records(buf: bytes, start: int, end: int):
    """(type, instance, body start, body end) of the OfficeArt records in buf[start:end]."""
    end = min(end, len(buf))
    while start + 8 <= end:
        ver_inst, kind, size = struct.unpack_from("<HHI", buf, start)
        body = start + 8
        yield kind, ver_inst >> 4, body, min(body + size, end)
        start = body + size


def blip(buf: bytes, start: int, end: int) -> tuple[bytes, str] | None:
    """(bytes, extension) of the displayable picture in the BLIP record at buf[start:end]."""
    for kind, inst, body, body_end in records(buf, start, end):
        ext = _BITMAPS.get(kind)
        if ext is None:
            return None
        data = buf[body + 16 * (1 + (inst & 1)) + 1:body_end]     # one or two UIDs, then a tag byte
        if ext == ".bmp":
            data = _bmp(data)
        return (data, ext) if data else None
    return None


def fbse_blip(buf: bytes, body: int, body_end: int, word: bytes) -> tuple[bytes, str] | None:
    """The picture of an FBSE record: embedded after it, or in the WordDocument stream (foDelay)."""
    if body + 36 > body_end:
        return None
    size, _refs, delay = struct.unpack_from("<III", buf, body + 20)
    name_len = buf[body + 33]
    inside = body + 36 + name_len
    if inside + 8 <= body_end:
        return blip(buf, inside, body_end)
    if size and delay + 8 <= len(word):
        return blip(word, delay, delay + size)
    return None


def _bmp(dib: bytes) -> bytes:
    """A device-independent bitmap as a .bmp file: the 14-byte file header in front."""
    if len(dib) < 40:
        return b""
    header, _w, _h, _planes, bits, compression = struct.unpack_from("<IiiHHI", dib, 0)
    colors = struct.unpack_from("<I", dib, 32)[0] or (1 << bits if bits <= 8 else 0)
    masks = 12 if compression == 3 and header == 40 else 0
    offset = 14 + header + masks + 4 * colors
    return b"BM" + struct.pack("<IHHI", 14 + len(dib), 0, 0, offset) + dib


class Pictures:
    """Finds the picture of an inline (\\x01) or floating (\\x08) picture character."""

    def __init__(self, word: bytes, table: bytes, data: bytes, fc_chpx: tuple[int, int], fc_dgg: tuple[int, int]):
        self.word, self.data, self._table = word, data, table
        self._runs = _picture_runs(word, table[fc_chpx[0]:fc_chpx[0] + fc_chpx[1]])
        self._starts = [r[0] for r in self._runs]
        self._store, self._pib = _drawing(table, fc_dgg[0], fc_dgg[0] + fc_dgg[1])

    def inline(self, fc: int | None) -> tuple[bytes, str, str] | None:
        """(bytes, extension, alt text) of the \\x01 character at file offset `fc`."""
        if fc is None or not self.data:
            return None
        k = bisect.bisect_right(self._starts, fc) - 1
        if k < 0 or not self._runs[k][0] <= fc < self._runs[k][1]:
            return None
        at = self._runs[k][2]
        if at + 10 > len(self.data):
            return None
        size, header = struct.unpack_from("<IH", self.data, at)
        mm = struct.unpack_from("<H", self.data, at + 6)[0]
        start = at + header
        if mm == 0x66 and start < len(self.data):       # MM_SHAPEFILE: the picture's name follows
            start += 1 + self.data[start]
        alt = ""
        for kind, _inst, body, body_end in records(self.data, start, at + size):
            if kind == _SP_CONTAINER:
                alt = next((_alt(p) for k, i, b, e in records(self.data, body, body_end) if k == _FOPT
                            for p in (_properties(self.data, b, e, i),)), "")
            elif kind == _FBSE:
                found = fbse_blip(self.data, body, body_end, self.word)
                if found:
                    return (*found, alt)
        return None

    def floating(self, spid: int | None) -> tuple[bytes, str, str] | None:
        """The picture of the shape `spid` (a floating picture's anchor)."""
        pib, alt = self._pib.get(spid, (0, "")) if spid is not None else (0, "")
        if not pib or pib > len(self._store):
            return None
        body, body_end = self._store[pib - 1]
        found = fbse_blip(self._table, body, body_end, self.word)
        return (*found, alt) if found else None


def _picture_runs(word: bytes, plc: bytes) -> list[tuple[int, int, int]]:
    """(fc start, fc end, Data stream offset) of the character runs that are pictures (ChpxFkp)."""
    found = []
    for start, end, page, offset in docfkp.runs(word, plc, docfkp.CHARACTERS):
        if offset:
            at = _picture_location(page[offset + 1:offset + 1 + page[offset]])
            if at is not None:
                found.append((start, end, at))
    return sorted(found)


def _picture_location(grpprl: bytes) -> int | None:
    """sprmCPicLocation of a character run, unless the run is form-field data or an OLE object."""
    location, special = None, False
    i = 0
    while i + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, i)[0]
        i += 2
        spra = sprm >> 13
        size = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}.get(spra)
        if size is None:                                 # variable: a length byte first
            if i >= len(grpprl):
                break
            size = 1 + grpprl[i]
        if i + size > len(grpprl):
            break
        if sprm == _PIC_LOCATION:
            location = struct.unpack_from("<I", grpprl, i)[0]
        elif sprm in (_DATA, _OLE2) and grpprl[i]:
            special = True
        i += size
    return None if special else location


def _drawing(table: bytes, start: int, end: int) -> tuple[list[tuple[int, int]], dict[int, tuple[int, str]]]:
    """The picture store's FBSE records (body start, end), and {shape id: (pib, alt text)}."""
    store: list[tuple[int, int]] = []
    pibs: dict[int, tuple[int, str]] = {}
    end = min(end, len(table))
    i = start
    while i + 8 <= end:
        kind = struct.unpack_from("<H", table, i + 2)[0]
        if kind not in (_DGG_CONTAINER, _DG_CONTAINER):
            i += 1                                      # the 1-byte dgglbl before each drawing
            continue
        size = struct.unpack_from("<I", table, i + 4)[0]
        if kind == _DGG_CONTAINER:
            for k, _inst, body, body_end in records(table, i + 8, i + 8 + size):
                if k == _BSTORE:
                    store = [(b, e) for kk, _, b, e in records(table, body, body_end) if kk == _FBSE]
        else:
            _shapes(table, i + 8, i + 8 + size, pibs)
        i += 8 + size
    return store, pibs


def _shapes(buf: bytes, start: int, end: int, pibs: dict[int, tuple[int, str]], depth: int = 0) -> None:
    if depth > 16:
        return
    spid, props = None, {}
    for kind, inst, body, body_end in records(buf, start, end):
        if kind == _FSP and body + 4 <= body_end:
            spid = struct.unpack_from("<I", buf, body)[0]
        elif kind == _FOPT:
            props = _properties(buf, body, body_end, inst)
        elif kind in (0xF003, _SP_CONTAINER, _DG_CONTAINER):    # groups and shapes hold shapes
            _shapes(buf, body, body_end, pibs, depth + 1)
    if spid is not None and isinstance(props.get(_PIB), int) and props[_PIB]:
        pibs[spid] = (props[_PIB], _alt(props))


def _properties(buf: bytes, body: int, body_end: int, count: int) -> dict[int, int | bytes]:
    """An FOPT's properties: {id: value}, a complex one's bytes (which follow the table) as value."""
    props: dict[int, int | bytes] = {}
    extra = body + 6 * count
    for n in range(count):
        at = body + 6 * n
        if at + 6 > body_end:
            break
        opid, value = struct.unpack_from("<HI", buf, at)
        if opid & 0x8000:                       # complex: `value` bytes after the table
            props[opid & 0x3FFF] = buf[extra:min(extra + value, body_end)]
            extra += value
        else:
            props[opid & 0x3FFF] = value
    return props


def _alt(props: dict[int, int | bytes]) -> str:
    text = props.get(_DESCRIPTION)
    if not isinstance(text, bytes):
        return ""
    return " ".join(text.decode("utf-16-le", "replace").split("\x00")[0].split())
