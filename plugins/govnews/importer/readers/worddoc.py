"""Text of Word 97–2003 binary documents (.doc), and of WPS files saved in that format (.wps).

Old CMS sites and town offices keep policy documents and notices as .doc; asking an editor to
re-save each one in Word loses an afternoon per hundred. The format is public ([MS-DOC]);
olefile opens the compound file, and this module reads only what an article needs:

- the text, through the piece table (CLX), so fast-saved documents read in the right order;
- paragraphs (\\r), line breaks (\\v), page and column breaks;
- table rows: a cell ends with \\x07, and a row's end mark is the paragraph whose properties
  say so (sprmPFTtp in the paragraph FKPs), so an empty cell is never taken for a row's end;
- fields: the result is kept (页码 3, a hyperlink's words) and the code dropped, and a
  HYPERLINK field's address is kept when it is a file (附件 links);
- footnotes and endnotes after the text under 注释, marked 〔注1〕 〔注2〕 … where they are referenced;
- text boxes after the paragraph they are anchored in (the shape's id, PlcSpaMom ↔ PlcftxbxTxt);
- pictures, in the text and floating (docpictures.py), where they stand; metafiles, charts and
  drawn shapes cannot be shown on a web page: their number is reported, so the editor can add them.
"""

from __future__ import annotations

import bisect
import re
import struct
from dataclasses import dataclass, field
from io import BytesIO

from govnews.importer.readers import docfkp
from govnews.importer.readers.docpictures import Pictures

_FIELD_BEGIN, _FIELD_SEP, _FIELD_END = "\x13", "\x14", "\x15"
_CELL = "\x07"
_PICTURE = ("\x01", "\x08")            # an inline picture, a drawn (floating) object
_NOTE_REF = "\x02"                     # an auto-numbered footnote/endnote reference
_HYPERLINK = re.compile(r'HYPERLINK\s+(\\l\s+)?"([^"]+)"', re.I)   # \l: a place in this document
# paragraph properties (sprm codes): in a table (or its nesting depth), the mark that ends a row
_IN_TABLE, _ITAP, _TTP = 0x2416, 0x6649, 0x2417
# line, page and column breaks; a non-breaking hyphen; optional hyphens and note separators vanish
_LINEAR = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\x0e": "\n", "\x1e": "-", "\x1f": "",
                         "\x03": "", "\x04": "", "\x05": "", "\x06": ""})
_OLD_IDENTS = {0xA5DC, 0xA5DB, 0xA699, 0xA697}   # Word 6/95 and their Asian editions


class DocError(Exception):
    """A .doc that cannot be read; str() is the Chinese message for the editor."""


@dataclass
class WordText:
    paragraphs: list[list[str] | str] = field(default_factory=list)   # a str, or a table's rows
    files: list[tuple[int, str, str]] = field(default_factory=list)   # (paragraph index, address, text)
    images: list[tuple[int, bytes, str, str]] = field(default_factory=list)  # (paragraph, bytes, .jpg/.png/.bmp, alt)
    pictures: int = 0        # pictures and shapes not brought (metafiles, charts, drawn shapes)

    def attach(self, index: int, item: tuple) -> None:
        if item[0] == "file":
            self.files.append((index, item[1], item[2]))
        else:
            self.images.append((index, *item[1:]))


def read_doc(data: bytes) -> WordText:
    """The document's paragraphs and tables, in order, then its notes and text boxes."""
    import olefile  # only for .doc files

    try:
        ole = olefile.OleFileIO(BytesIO(data))
    except (OSError, ValueError, struct.error):
        raise DocError("Word 文档已损坏，无法打开（请用 Word 或 WPS 重新“另存为” .docx 后再导入）") from None
    try:
        if ole.exists("EncryptedPackage"):   # a .docx with an open password is an OLE file
            raise DocError("Word 文档设有打开密码（已加密），请在 Word 或 WPS 中取消密码并“另存为” .docx 后再导入")
        if not ole.exists("WordDocument"):
            raise DocError("这不是 Word 文档（文件中没有 Word 正文，可能是 Excel、PowerPoint 等文件改了扩展名）："
                           "如确是稿件，请在 Word 或 WPS 中“另存为” .docx 后再导入")
        word = ole.openstream("WordDocument").read()
        fib = _Fib(word)
        table_name = "1Table" if fib.which_table else "0Table"
        if not ole.exists(table_name):
            raise DocError("Word 文档已损坏（缺少表格流），请用 Word 或 WPS 重新“另存为” .docx 后再导入")
        table = ole.openstream(table_name).read()
        data_stream = ole.openstream("Data").read() if ole.exists("Data") else b""
    except (OSError, ValueError, struct.error, IndexError):
        raise DocError("Word 文档已损坏，无法打开（请用 Word 或 WPS 重新“另存为” .docx 后再导入）") from None
    finally:
        ole.close()
    try:
        return _Reader(word, table, fib, data_stream).read()
    except (DocError, MemoryError):     # MemoryError: over the reading process's memory
        raise
    except Exception:   # noqa: BLE001 - a damaged file breaks the parsing in any way (struct, index, overflow …)
        raise DocError("Word 文档的结构无法解析（请用 Word 或 WPS 重新“另存为” .docx 后再导入）") from None


class _Fib:
    """The few fields of the File Information Block this reader needs."""

    def __init__(self, word: bytes):
        if len(word) < 0x200:
            raise DocError("Word 文档已损坏（正文过短）")
        ident, nfib = struct.unpack_from("<HH", word, 0)
        # Word 6 (nFib 101) and Word 95 (104) have another layout (and other idents); Word 97 is 193
        if 0 < nfib < 0xC0 or ident != 0xA5EC and ident in _OLD_IDENTS:
            raise DocError("这是 Word 95 或更早版本的文档，请用 Word 或 WPS 打开后“另存为” .docx 后再导入")
        if ident != 0xA5EC:
            raise DocError("Word 文档已损坏（文件头不正确），请用 Word 或 WPS 重新“另存为” .docx 后再导入")
        flags = struct.unpack_from("<H", word, 0x0A)[0]
        if flags & 0x0100:
            raise DocError("Word 文档设有打开密码（已加密），请在 Word 或 WPS 中取消密码并“另存为” .docx 后再导入")
        self.which_table = bool(flags & 0x0200)
        # FibRgLw97: the lengths of the text's stories, in characters
        (self.ccp_text, self.ccp_ftn, self.ccp_hdd, _mcr, self.ccp_atn, self.ccp_edn,
         self.ccp_txbx, self.ccp_hdr_txbx) = struct.unpack_from("<8i", word, 0x4C)
        self.fc_clx, self.lcb_clx = struct.unpack_from("<II", word, 0x01A2)
        self.fc_papx, self.lcb_papx = struct.unpack_from("<II", word, 0x0102)
        self.fc_spa, self.lcb_spa = struct.unpack_from("<II", word, 0x01DA)      # shapes in the main text
        self.fc_txbx, self.lcb_txbx = struct.unpack_from("<II", word, 0x025A)    # its text boxes
        self.chpx = struct.unpack_from("<II", word, 0x00FA)        # character properties: pictures
        self.dgg = struct.unpack_from("<II", word, 0x022A)         # the drawings: floating pictures


@dataclass
class _Piece:
    cp: int          # first character
    cp_end: int
    fc: int          # byte offset of its first character in the WordDocument stream
    compressed: bool

    def fc_of(self, cp: int) -> int:
        return self.fc + (cp - self.cp) * (1 if self.compressed else 2)


class _Reader:
    def __init__(self, word: bytes, table: bytes, fib: _Fib, data: bytes = b""):
        self.word, self.table, self.fib = word, table, fib
        self.pieces = self._pieces()
        self.starts = [p.cp for p in self.pieces]
        self.notes_seen = 0
        self.boxes = self._text_boxes()
        self.shapes = self._shapes()
        self.pictures = Pictures(word, table, data, fib.chpx, fib.dgg)
        self.placed: set[tuple[int, int]] = set()
        self.table_runs, self.ttp_runs = self._table_runs()

    # -- the piece table ---------------------------------------------------------------
    def _pieces(self) -> list[_Piece]:
        clx = self.table[self.fib.fc_clx:self.fib.fc_clx + self.fib.lcb_clx]
        i = 0
        while i < len(clx) and clx[i] == 0x01:          # Prc: property modifiers, skipped
            i += 3 + struct.unpack_from("<h", clx, i + 1)[0]
        if i >= len(clx) or clx[i] != 0x02:
            raise DocError("Word 文档的文字索引已损坏（请用 Word 或 WPS 重新“另存为” .docx 后再导入）")
        size = struct.unpack_from("<I", clx, i + 1)[0]
        plc = clx[i + 5:i + 5 + size]
        n = (len(plc) - 4) // 12
        cps = struct.unpack_from(f"<{n + 1}I", plc, 0)
        pieces = []
        for k in range(n):
            fc = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * k + 2)[0]
            compressed = bool(fc & 0x40000000)
            fc &= 0x3FFFFFFF
            pieces.append(_Piece(cps[k], cps[k + 1], fc // 2 if compressed else fc, compressed))
        # the pieces hold the text once: more bytes than the stream has means they repeat it
        # (a 4 MB file read 500 times over: gigabytes) or point outside it
        held = sum((p.cp_end - p.cp) * (1 if p.compressed else 2) for p in pieces if p.cp_end > p.cp)
        if held > len(self.word) or any(p.cp_end < p.cp for p in pieces):
            raise DocError(f"Word 文档的文字索引指向的文字（{held // 1024} KB）比文件中的文字流"
                           f"（{len(self.word) // 1024} KB）还多，文件已损坏或被改动（请用 Word 或 WPS 重新“另存为” .docx 后再导入）")
        return pieces

    def text(self, start: int, end: int) -> str:
        parts = []
        for p in self.pieces:
            a, b = max(start, p.cp), min(end, p.cp_end)
            if a >= b:
                continue
            raw = self.word[p.fc_of(a):p.fc_of(b)]
            parts.append(raw.decode("cp1252", "replace") if p.compressed else raw.decode("utf-16-le", "replace"))
        return "".join(parts)

    def fc_at(self, cp: int) -> int | None:
        k = bisect.bisect_right(self.starts, cp) - 1
        if k >= 0 and cp < self.pieces[k].cp_end:
            return self.pieces[k].fc_of(cp)
        return None

    # -- which paragraphs are in tables, which marks end a row (PlcBtePapx → PapxFkp) --------
    def _table_runs(self) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """(fc start, fc end) of the paragraphs in tables, and of those whose mark ends a row."""
        plc = self.table[self.fib.fc_papx:self.fib.fc_papx + self.fib.lcb_papx]
        cells, rows = [], []
        for start, end, page, offset in docfkp.runs(self.word, plc, docfkp.PARAGRAPHS):
            in_table, row_end = _table_flags(page, offset) if offset else (False, False)
            if in_table:
                cells.append((start, end))
            if row_end:
                rows.append((start, end))
        return _merged(cells), _merged(rows)

    def in_table(self, cp: int) -> bool:
        return _within(self.table_runs, self.fc_at(cp))

    def row_end(self, cp: int) -> bool:
        return _within(self.ttp_runs, self.fc_at(cp))

    # -- the document -----------------------------------------------------------------
    def read(self) -> WordText:
        fib = self.fib
        out = WordText()
        main = self.text(0, fib.ccp_text)
        notes = _notes(self, fib)
        self._story(main, 0, out, notes)
        for k, (story_start, story_len) in enumerate(notes.stories):
            if k == 0:
                out.paragraphs.append("注释")      # as the .docx reader writes notes (docxnotes.py)
            self._story(self.text(story_start, story_start + story_len), story_start, out, None, note_story=True)
        for box in self.boxes.values():      # boxes whose anchor was not found: text is never lost
            if box not in self.placed:
                self._box(box, out)
        return out

    def _text_boxes(self) -> dict[int, tuple[int, int]]:
        """{shape id: (first, end character)} of the main text's text boxes (PlcftxbxTxt)."""
        fib = self.fib
        if fib.ccp_txbx <= 0 or fib.lcb_txbx < 4 + 26:
            return {}
        start = fib.ccp_text + fib.ccp_ftn + fib.ccp_hdd + fib.ccp_atn + fib.ccp_edn
        plc = self.table[fib.fc_txbx:fib.fc_txbx + fib.lcb_txbx]
        n = (len(plc) - 4) // 26          # a CP (4) and an FTXBXS (22) each, then the last CP
        cps = struct.unpack_from(f"<{n + 1}i", plc, 0)
        boxes = {}
        for k in range(n - 1):            # the last entry is Word's placeholder
            lid = struct.unpack_from("<i", plc, 4 * (n + 1) + 22 * k + 14)[0]
            boxes[lid] = (start + cps[k], start + cps[k + 1])
        return boxes

    def _shapes(self) -> dict[int, int]:
        """{character of a drawn object's anchor: its shape id} (PlcSpaMom): text boxes, pictures."""
        fib = self.fib
        plc = self.table[fib.fc_spa:fib.fc_spa + fib.lcb_spa]
        if len(plc) < 4 + 30:
            return {}
        n = (len(plc) - 4) // 30          # a CP (4) and an SPA (26) each, then the last CP
        cps = struct.unpack_from(f"<{n}i", plc, 0)
        return {cps[k]: struct.unpack_from("<i", plc, 4 * (n + 1) + 26 * k)[0] for k in range(n)}

    def _picture(self, ch: str, cp: int, main: bool, pending: list, anchored: list, out: WordText) -> None:
        """A picture character: its picture, or its text box (main text only), or counted as not brought."""
        if ch == "\x01":
            found = self.pictures.inline(self.fc_at(cp))
        else:
            spid = self.shapes.get(cp) if main else None
            box = self.boxes.get(spid) if spid is not None else None
            if box is not None:
                if box not in self.placed:
                    anchored.append(box)          # its text follows the paragraph it stands in
                return
            found = self.pictures.floating(spid)
        if found:
            pending.append(("image", *found))
        else:
            out.pictures += 1

    def _box(self, box: tuple[int, int], out: WordText) -> None:
        self.placed.add(box)
        self._story(self.text(*box), box[0], out, None)

    def _story(self, text: str, base: int, out: WordText, notes, note_story: bool = False) -> None:
        """Paragraphs of one story (the main text, the notes, the text boxes) into `out`; `notes`
        is given for the main text, whose note references and text-box anchors it resolves."""
        main = notes is not None
        para: list[str] = []
        row: list[str] = []
        rows: list[list[str]] = []
        fields: list[list[str]] = []   # open fields: [code, result, "result" once past the separator]
        pending: list[tuple] = []         # ("file", address, words), ("image", bytes, ext, alt) of the paragraph
        in_rows: list[tuple] = []         # … of the table being read

        def close_paragraph(line: str) -> None:
            if rows:
                for item in in_rows:
                    out.attach(len(out.paragraphs), item)
                in_rows.clear()
                out.paragraphs.append(rows[:])
                rows.clear()
            for item in pending:
                out.attach(len(out.paragraphs), item)
            pending.clear()
            out.paragraphs.append(line)
            for box in anchored:
                if box not in self.placed:
                    self._box(box, out)
            anchored.clear()

        anchored: list[tuple[int, int]] = []
        for offset, ch in enumerate(text):
            if ch == _FIELD_BEGIN:
                fields.append(["", "", ""])
                continue
            if fields:
                top = fields[-1]
                if ch == _FIELD_SEP:
                    top[2] = "result"
                    continue
                if ch == _FIELD_END:
                    fields.pop()
                    code, result = top[0], top[1]
                    link = _HYPERLINK.search(code)
                    if link and not link.group(1) and result.strip():
                        pending.append(("file", link.group(2), " ".join(result.split())))
                    if fields:
                        fields[-1][1 if fields[-1][2] else 0] += result
                    else:
                        para.append(result)
                    continue
                if not top[2]:
                    top[0] += ch
                    continue
                if ch not in "\r" + _CELL:
                    if ch in _PICTURE:        # INCLUDEPICTURE and the like: the picture shown
                        self._picture(ch, base + offset, main, pending, anchored, out)
                    else:
                        top[1] += ch
                    continue
                # a paragraph or cell ends inside a field's result: close the field's text here
                para.append(top[1])
                top[1] = ""
            if ch in _PICTURE:
                self._picture(ch, base + offset, main, pending, anchored, out)
                continue
            if ch == _NOTE_REF:
                if main:
                    para.append(notes.mark(base + offset))
                elif note_story:
                    self.notes_seen += 1
                    para.append(f"〔注{self.notes_seen}〕")
                continue
            if ch == _CELL:
                if self.row_end(base + offset):
                    rows.append(row[:])
                    row.clear()
                    in_rows.extend(pending)     # links and pictures in the row's cells are the table's
                    pending.clear()
                else:
                    row.append(" ".join("".join(para).translate(_LINEAR).split()))
                para.clear()
                continue
            if ch == "\r":
                if self.in_table(base + offset):   # a cell's paragraphs (or a nested table's cells)
                    para.append(" ")
                    continue
                line = "".join(para).translate(_LINEAR)
                para.clear()
                close_paragraph(line)
                continue
            if ch in "\t " and note_story and para and para[-1].endswith("〕"):
                continue     # the tab after a note's number
            para.append(ch)
        if row:
            rows.append(row)
        tail = "".join(para).translate(_LINEAR)
        if tail.strip() or rows:
            close_paragraph(tail)


def _merged(runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, adjacent runs joined: a table's paragraphs are one run to search."""
    out: list[list[int]] = []
    for a, b in sorted(runs):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _within(runs: list[tuple[int, int]], fc: int | None) -> bool:
    if fc is None:
        return False
    k = bisect.bisect_right(runs, (fc, 1 << 62)) - 1
    return k >= 0 and runs[k][0] <= fc < runs[k][1]


def _table_flags(page: bytes, offset: int) -> tuple[bool, bool]:
    """(in a table, ends a row) for the PapxInFkp at `offset` of an FKP page: its sprmPFInTable
    or sprmPItap, and its sprmPFTtp."""
    cb = page[offset]
    if cb == 0:
        size = page[offset + 1] * 2
        start = offset + 2
    else:
        size = cb * 2 - 1
        start = offset + 1
    grpprl = page[start + 2:start + size]   # after the style index (istd)
    in_table = row_end = False
    i = 0
    while i + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, i)[0]
        i += 2
        if i >= len(grpprl):
            break
        if sprm in (_IN_TABLE, _ITAP) and grpprl[i]:
            in_table = True
        elif sprm == _TTP and grpprl[i]:
            row_end = True
        spra = sprm >> 13
        if spra in (0, 1):
            i += 1
        elif spra in (2, 4, 5):
            i += 2
        elif spra == 3:
            i += 4
        elif spra == 7:
            i += 3
        elif sprm == 0xD608 and i + 2 <= len(grpprl):            # sprmTDefTable: a 2-byte length
            i += 2 + struct.unpack_from("<H", grpprl, i)[0] - 1
        elif sprm == 0xC615 and grpprl[i] == 255:                 # sprmPChgTabs, long form: stop here
            break
        else:                                                     # variable: a 1-byte length
            i += 1 + grpprl[i]
    return in_table, row_end


class _Notes:
    """Footnote and endnote references in the main text, numbered in order; the notes' stories."""

    def __init__(self):
        self.refs: dict[int, str] = {}
        self.stories: list[tuple[int, int]] = []   # (first character, length): footnotes, endnotes

    def mark(self, cp: int) -> str:
        return self.refs.get(cp, "")


def _notes(reader: _Reader, fib: _Fib) -> _Notes:
    notes = _Notes()
    word = reader.word
    # PlcffndRef (fc at 0x00AA) and PlcfendRef (fc at 0x020A): CPs of the references in the main text
    for fc_at, story_start, story_len in (
            (0x00AA, fib.ccp_text, fib.ccp_ftn),
            (0x020A, fib.ccp_text + fib.ccp_ftn + fib.ccp_hdd + fib.ccp_atn, fib.ccp_edn)):
        fc, lcb = struct.unpack_from("<II", word, fc_at)
        if not lcb or story_len <= 0:
            continue
        n = (lcb - 4) // 6
        cps = struct.unpack_from(f"<{n}I", reader.table, fc)
        start = len(notes.refs)
        for k, cp in enumerate(cps):
            notes.refs[cp] = f"〔注{start + k + 1}〕"
        notes.stories.append((story_start, story_len))
    return notes
